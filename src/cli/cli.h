/* cli.h — the command line: one file per subcommand, one table in cli.c.
 *
 * Each subcommand file defines a `const struct cli_cmd cli_cmd_NAME` and is
 * listed in cli.c's table. A command's function gets its own argv (argv[0]
 * is the command's name) and returns the process exit status: 0 done,
 * E_INPUT (1) bad input with nothing written, E_USAGE (2) bad command line,
 * E_DB (3) database error or conflict. Every message goes through _();
 * errors go to stderr prefixed "bangfu: ". */
#ifndef BANGFU_CLI_H
#define BANGFU_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "model/model.h"
#include "report/report.h"
#include "util/err.h"

struct cli_ctx {
	const char *db_dir;    /* the database folder chosen (--db or default) */
	model_store *st;       /* opened by cli_open, closed by cli_main */
	role_t role;           /* --role (default secretary): what exports may show */
};

typedef int (*cli_fn)(struct cli_ctx *c, int argc, char **argv);

struct cli_cmd {
	const char *name;      /* "import" */
	const char *usage;     /* arguments after the name, marked N_() */
	const char *help;      /* one line, marked N_() and translated on display */
	cli_fn fn;
};

extern const struct cli_cmd cli_cmd_init, cli_cmd_import, cli_cmd_export,
	cli_cmd_find, cli_cmd_stats, cli_cmd_check, cli_cmd_backup, cli_cmd_restore, cli_cmd_demo,
	cli_cmd_report, cli_cmd_list, cli_cmd_show, cli_cmd_edit, cli_cmd_delete,
	cli_cmd_undelete, cli_cmd_pairing, cli_cmd_semester;

/* `bangfu export roster ...` (roster.c), which export.c hands its argv to
 * (argv[0] is "roster"). */
int cli_export_roster(struct cli_ctx *c, int argc, char **argv);
/* report overview (overview.c; report.c parses the options). */
int cli_report_overview(struct cli_ctx *c, const struct cli_cmd *cmd, const char *sem_code,
			const char *format, const char *out);
/* The current semester and its documents' due dates with the days left;
 * an overdue document's line starts with "!" (deadlines.c; used by stats
 * and the status). c->st must be open. Returns an exit status. */
int cli_deadlines(struct cli_ctx *c, const char *indent);

/* The whole program: parses the global options, picks the language,
 * dispatches; returns the exit status. */
int cli_main(int argc, char **argv);

/* `bangfu` without a command: a short status of the database (status.c). */
int cli_status(struct cli_ctx *c);

/* Opens the database into c->st. With create false a folder that holds no
 * database yet is an error (E_DB) rather than created. Prints the error
 * and returns its exit status, or 0. */
int cli_open(struct cli_ctx *c, bool create);
/* cli_open(c, true) for a command that fills a new database (import):
 * returns what the open made (the first folder of the path that was not
 * there, malloc'd; NULL if a database was there already) and sets *rc to
 * cli_open's status. cli_discard_fresh(c, made) closes the database and
 * takes away what was made, so a command that failed leaves nothing;
 * free(made) when it did not fail. */
char *cli_open_fresh(struct cli_ctx *c, int *rc);
void cli_discard_fresh(struct cli_ctx *c, char *made);
/* The current semester's code (model_semester_current) into buf, opening
 * the database if needed. Returns an exit status (the error printed). */
int cli_current_semester(struct cli_ctx *c, char *buf, size_t n);
/* True if dir already holds a database. */
bool cli_db_exists(const char *dir);

/* True if a write to path failed (errno errnum; 0 or EIO: unknown, as
 * after libxlsxwriter) because its disk is full. cli_disk_full_error
 * prints the one message for it, naming the folder, and returns E_DB. */
bool cli_disk_full(const char *path, int errnum);
int cli_disk_full_error(const char *path);
/* "bangfu: MESSAGE\n" to stderr (fmt is already translated). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints e's message and returns its exit status. */
int cli_fail(const err *e);
/* Prints "usage: bangfu NAME USAGE" to stderr (and msg before it, if not
 * NULL) and returns E_USAGE. */
int cli_usage(const struct cli_cmd *cmd, const char *msg);
/* Prints the command's usage and help to stdout and returns 0. */
int cli_cmd_help(const struct cli_cmd *cmd);

/* Options of a subcommand, parsed with getopt_long over its argv. Handles
 * --help (prints the command's help: *done set, returns 0) and reports
 * unknown options and missing arguments (returns E_USAGE). Otherwise
 * returns 0 and calls opt(ch, optarg, ctx) for each option; opt returns 0
 * or an exit status. On success *first is the index of the first operand
 * in argv (getopt permutes operands to the end). */
struct option;
typedef int (*cli_opt_fn)(int ch, const char *arg, void *ctx);
int cli_getopt(const struct cli_cmd *cmd, int argc, char **argv,
	       const char *shortopts, const struct option *longopts,
	       cli_opt_fn opt, void *ctx, int *first, bool *done);

/* Prints label to stdout, padded with spaces to `cols` display columns
 * (a Han character takes two). */
void cli_label(const char *label, int cols);

/* INDENT LABEL (padded to 20 columns) N (8 wide): one line of a table of
 * counts (stats, the status, the import and demo summaries). */
void cli_count_row(const char *indent, const char *label, size_t n);

/* The entity a KIND word names: student, member, target, counsellor,
 * pairing, talk, aid, college, semester, or their plurals (students ...);
 * NULL for another word. cli_kinds is the list for messages. */
const record_desc *cli_kind(const char *word);
extern const char cli_kinds[];
/* cli_kind for a command's KIND operand: 0, or the usage error. */
int cli_kind_arg(const struct cli_cmd *cmd, const char *word, const record_desc **d);
/* The record of d that ref names (model_ref_find; with deleted, a
 * tombstone) into rec (d->size bytes; rec_free it on 0). 0, E_INPUT with
 * the message, E_DB. */
int cli_record(model_txn *t, const record_desc *d, const char *ref, bool deleted, void *rec,
	       err *e);
/* True when messages and headers are in English (--lang en). */
bool cli_english(void);
/* One cell of a tab-separated line to stdout: tabs and line breaks inside
 * it become spaces. */
void cli_tsv(const char *s);
/* The record's REF (model_ref_of) into buf, "?" if it cannot be read. */
void cli_ref(model_txn *t, const record_desc *d, const void *rec, char *buf, size_t n);

/* Parses a non-negative decimal number; false if s is not one. */
bool cli_parse_count(const char *s, long *out);

/* Progress on stderr, only when stderr is a terminal: "\rLABEL N/TOTAL".
 * cli_progress_end clears the line. */
bool cli_progress_on(void);
void cli_progress(const char *label, size_t done, size_t total);
void cli_progress_end(void);

/* Writes to path through path.tmp (mode 0600) and a rename. cli_out_open
 * returns the stream (stdout when path is NULL or "-"); cli_out_close
 * flushes, fsyncs, closes and renames, or removes the temporary file when
 * ok is false. Both print errors and return an exit status. */
struct cli_out {
	FILE *f;               /* text escaped by safeout */
	FILE *raw;             /* the file itself (NULL for stdout) */
	char *path, *tmp;
};
int cli_out_open(struct cli_out *o, const char *path);
/* roster.c: a table document (report.h's roster_doc: the name list, the
 * overview) into o as CSV, Markdown or, through xlsx, XLSX — whose
 * library's own stderr lines are held back for one message of ours. */
int cli_doc_write(struct cli_out *o, const roster_doc *d, roster_format fmt,
		  int (*xlsx)(const roster_doc *, const char *, err *));
int cli_out_close(struct cli_out *o, bool ok);

#endif
