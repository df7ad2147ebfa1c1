/* report.h — the documents a college hands in, made from the data:
 * the pairing name list (附件1, roster.c) and the semester summary
 * (summary.c), both shaped by template files in forms/ (template.c).
 *
 * report/ reads through model/ only (inside the caller's read transaction)
 * and knows nothing of curses or of the command line. What a document may
 * show of a private text is the model's decision (model.h, privacy). */
#ifndef BANGFU_REPORT_H
#define BANGFU_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model/facts.h"
#include "model/model.h"
#include "util/err.h"

/* ---- template.c: files in forms/ and a small template engine --------- */

/* The folder of the template files: $BANGFU_FORMS, else the installed
 * FORMSDIR, else forms/ beside an uninstalled in-tree binary's src/. A file
 * in it, malloc'd. */
char *report_forms_path(const char *name);
/* Reads a whole file (at most 1 MiB, valid UTF-8) into a malloc'd string.
 * E_INPUT "FILE: what is wrong". */
int report_read_file(const char *path, char **out, err *e);

/* Named values for a template. */
typedef struct tpl_vars tpl_vars;
tpl_vars *tpl_vars_new(void);
void tpl_vars_free(tpl_vars *v);
void tpl_set(tpl_vars *v, const char *name, const char *value);   /* copies */
void tpl_setf(tpl_vars *v, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tpl_set_num(tpl_vars *v, const char *name, long long n);
const char *tpl_get(const tpl_vars *v, const char *name);          /* NULL if unset */

/* Expands a template:
 *   {{name}}             the value of name (an unknown name is an error)
 *   {{#name}}...{{/name}} kept when name is set, non-empty and not "0"
 *   {{^name}}...{{/name}} kept otherwise
 *   {{! comment }}       dropped
 * A line holding nothing but a section tag or a comment disappears with its
 * line end. Errors are E_INPUT "FILE:LINE: what is wrong". *out malloc'd. */
int tpl_expand(const char *src, const char *file, const tpl_vars *v, char **out, err *e);

/* Display columns of a cell for a spreadsheet or a Markdown table. */
int report_width(const char *s);

/* ---- roster.c: the pairing name list (附件1) ------------------------- */

typedef enum roster_format { ROSTER_CSV, ROSTER_XLSX, ROSTER_MD } roster_format;
bool roster_format_parse(const char *s, roster_format *out);

/* The layout from forms/roster.tpl: the title and college lines (templates
 * over {{school}} and {{college}}, {{semester}}, {{semester_name}}), the
 * attachment mark above the title (附件1) and the line below the table
 * (填表人… 填表日期：{{today}}, today as 2026年5月20日), and the columns, each
 * a header and the field it shows. A layout without attachment or footer
 * gets the official ones; an empty one leaves the line out. */
typedef struct roster_col {
	char *header;
	int field;             /* enum in roster.c */
} roster_col;
typedef struct roster_layout {
	char *title, *subtitle;
	char *attachment, *footer;   /* NULL: the default */
	roster_col *cols;
	size_t ncols;
} roster_layout;
/* Reads a layout file; E_INPUT "FILE:LINE: what is wrong". */
int roster_layout_load(const char *path, roster_layout *out, err *e);
void roster_layout_free(roster_layout *l);
/* The field names a column may show, NULL-terminated (for messages and
 * tests). */
extern const char *const roster_field_names[];

/* The document, ready to write: title, subtitle, headers and rows of
 * text cells; the attachment mark above the title and the footer line
 * below the table (NULL or "": none). */
typedef struct roster_doc {
	char *title, *subtitle;
	size_t ncols, nrows;
	char **headers;        /* ncols */
	char **cells;          /* nrows * ncols, row-major */
	char *attachment, *footer;
} roster_doc;
/* Builds the name list of a college and semester (one row per pairing,
 * numbered from 1, ordered by the member's class and student number).
 * E_INPUT if the college or semester does not exist. */
int roster_build(model_txn *t, const roster_layout *l, const char *college_name,
		 const char *semester_code, roster_doc *out, err *e);
void roster_doc_free(roster_doc *d);
/* CSV (UTF-8 with BOM, CRLF, quoted as Excel reads it) and Markdown. */
int roster_write_csv(const roster_doc *d, FILE *f);
int roster_write_md(const roster_doc *d, FILE *f);
/* XLSX into the file path (through libxlsxwriter; E_INPUT on failure). */
int roster_write_xlsx(const roster_doc *d, const char *path, err *e);
/* Writes the document in format f to path through a fresh temporary file
 * (path.tmp, mode 0600, no link followed) renamed into place. E_INPUT
 * "cannot write PATH: why". */
int roster_save(const roster_doc *d, roster_format f, const char *path, err *e);
/* The file of every document written from the screens: write fills it —
 * through txt (escaped by safeout) when text, else by the name tmp (an
 * XLSX) — in path.tmp (0600, no link followed), renamed into place once
 * whole; E_INPUT "cannot write PATH: why" and no file otherwise. */
int report_file_save(const char *path, bool text,
		     int (*write)(FILE *txt, const char *tmp, void *ctx, err *e), void *ctx, err *e);

/* ---- overview.c: the university overview (各学院情况汇总) -------------- */

/* One row per college and a total row (合计), the figures of
 * model_overview_get (no private text): 学院, pairings running and ended,
 * members, assisted students and by kind, talks, minutes, overdue, aid in
 * yuan, the name list's deadline, the summary's state and 字数. The
 * document is written by roster_write_csv/roster_write_md or
 * overview_write_xlsx (numbers as numbers). */
enum { OVERVIEW_NCOLS = 15 };
int overview_build(model_txn *t, const char *semester_code, date_t today, roster_doc *out,
		   err *e);
int overview_write_xlsx(const roster_doc *d, const char *path, err *e);
/* The cells' words (Chinese: they are the document's): an amount in fen as
 * yuan ("1234.50"), the name list's deadline, the summary's state.
 * malloc'd but overview_summary_text. */
char *overview_money(long long fen);
char *overview_roster_text(const due_status *d);
const char *overview_summary_text(overview_summary s);

/* ---- summary.c: the semester summary (结对帮扶情况总结) --------------- */

/* The facts (every number, the typical cases) are the model's
 * (model/facts.h: summary_facts_get, summary_detail_get); this file only
 * words them. */
typedef enum summary_format { SUMMARY_TXT, SUMMARY_MD } summary_format;
bool summary_format_parse(const char *s, summary_format *out);

/* Drafts the summary through the template file tpl_path. The draft holds
 * no count of its own; summary_note() gives the message that states it.
 * *out malloc'd. */
int summary_draft(model_txn *t, const char *tpl_path, const char *college_name,
		  const char *semester_code, summary_format fmt, char **out, err *e);
/* The counts of text, for a message beside it (never inside it): "字数
 * 1234，汉字 1102" or, under SUMMARY_MIN_ZISHU, also how many are missing;
 * malloc'd. */
char *summary_note(const char *text);

/* ---- saved.c: the saved (or final) summary as the document ---------- */

/* text as it is (SUMMARY_TXT), or as Markdown: the first line the title,
 * the lines that open a part (一、 … 十、) its headings. */
void summary_text_write(FILE *f, const char *text, summary_format fmt);
/* The same into the file path, whole or not at all (path.tmp, 0600, no link
 * followed, control characters escaped); E_INPUT "cannot write PATH: why". */
int summary_text_save(const char *text, summary_format fmt, const char *path, err *e);

#endif
