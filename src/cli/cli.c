/* cli.c — global options, language, the command table, dispatch, and the
 * small helpers every subcommand shares. */
#include "config.h"
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <ini.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "model/model.h"
#include "ui/ui.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/safeout.h"
#include "util/text.h"

static const struct cli_cmd *const cli_table[] = {
	&cli_cmd_init, &cli_cmd_import, &cli_cmd_export, &cli_cmd_find,
	&cli_cmd_stats, &cli_cmd_check, &cli_cmd_backup, &cli_cmd_restore, &cli_cmd_demo,
	&cli_cmd_report, &cli_cmd_list, &cli_cmd_show, &cli_cmd_edit, &cli_cmd_delete,
	&cli_cmd_undelete, &cli_cmd_pairing, &cli_cmd_semester,
};
enum { CLI_NCMDS = sizeof cli_table / sizeof *cli_table };

/* A command's usage, translated, after a space; "" stays "" (gettext("")
 * would be the catalogue's header). */
static const char *cli_usage_text(const struct cli_cmd *cmd)
{
	static char buf[512];
	if (!cmd->usage[0])
		return "";
	snprintf(buf, sizeof buf, " %s", _(cmd->usage));
	return buf;
}

/* ---- messages -------------------------------------------------------- */

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("bangfu: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_fail(const err *e)
{
	int code = e->code && e->code != E_NOTFOUND ? e->code : E_DB;
	cli_error("%s", e->msg[0] ? e->msg : _("unknown error"));
	return code;
}

/* A failed automatic backup (model_write): said once, the write goes on. */
static void cli_backup_warning(const char *msg)
{
	cli_error("%s", msg);
}

int cli_usage(const struct cli_cmd *cmd, const char *msg)
{
	if (msg)
		cli_error("%s", msg);
	if (cmd)
		fprintf(stderr, _("usage: bangfu %s%s\n"), cmd->name, cli_usage_text(cmd));
	else
		fprintf(stderr, _("usage: bangfu [--db DIR] [--lang zh|en] [--config FILE] [--keymap NAME|FILE] [--role ROLE] [COMMAND [ARGS]]\n"));
	fprintf(stderr, _("Run 'bangfu --help' for more.\n"));
	return E_USAGE;
}

int cli_cmd_help(const struct cli_cmd *cmd)
{
	printf(_("usage: bangfu %s%s\n"), cmd->name, cli_usage_text(cmd));
	printf("%s\n", _(cmd->help));
	return 0;
}

static void cli_help(void)
{
	printf(_("usage: bangfu [--db DIR] [--lang zh|en] [--config FILE] [--keymap NAME|FILE] [--role ROLE] [COMMAND [ARGS]]\n"));
	printf(_("bangfu keeps the records of the student party members' one-on-one assistance programme.\n"));
	printf(_("Without a command it opens the screens on a terminal, else shows the state of the database.\n"));
	printf("\n%s\n", _("Options:"));
	printf("  --db DIR        %s\n", _("the database folder (default: $BANGFU_DB, else $XDG_DATA_HOME/bangfu)"));
	printf("  --lang zh|en    %s\n", _("the language of messages"));
	printf("  --config FILE   %s\n", _("the configuration file (default: $XDG_CONFIG_HOME/bangfu/config)"));
	printf("  --keymap NAME   %s\n", _("the keys of the screens: default, vi, emacs or a file"));
	printf("  --role ROLE     %s\n", _("who uses bangfu: secretary (default), counsellor or member"));
	printf("  --help          %s\n", _("show this help"));
	printf("  --version       %s\n", _("show the version"));
	printf("\n%s\n", _("Commands:"));
	for (size_t i = 0; i < CLI_NCMDS; i++) {
		printf("  bangfu %s%s\n", cli_table[i]->name, cli_usage_text(cli_table[i]));
		printf("      %s\n", _(cli_table[i]->help));
	}
	printf("\n%s\n", _("Exit status: 0 done, 1 bad input (nothing written), 2 usage, 3 database error or conflict."));
}

void cli_label(const char *label, int cols)
{
	fputs(label, stdout);
	for (int w = text_width(label); w < cols; w++)
		putchar(' ');
}

void cli_count_row(const char *indent, const char *label, size_t n)
{
	fputs(indent, stdout);
	cli_label(label, 20);
	printf("%8zu\n", n);
}

/* ---- records ---------------------------------------------------------- */

const char cli_kinds[] =
	"student, member, target, counsellor, pairing, talk, aid, college, semester";

const record_desc *cli_kind(const char *word)
{
	static const struct {
		const char *plural;
		const record_desc *d;
	} kinds[] = {
		{ "students", &student_desc }, { "members", &member_desc },
		{ "targets", &target_desc }, { "counsellors", &counsellor_desc },
		{ "pairings", &pairing_desc }, { "talks", &talk_desc }, { "aid", &aid_desc },
		{ "colleges", &college_desc }, { "semesters", &semester_desc },
	};
	for (size_t i = 0; word && i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(word, kinds[i].plural) == 0 || strcmp(word, kinds[i].d->name) == 0)
			return kinds[i].d;
	return NULL;
}

int cli_kind_arg(const struct cli_cmd *cmd, const char *word, const record_desc **d)
{
	if ((*d = cli_kind(word)))
		return 0;
	char buf[512];
	snprintf(buf, sizeof buf, _("unknown kind of record: %s (one of: %s)"), word, cli_kinds);
	return cli_usage(cmd, buf);
}

int cli_record(model_txn *t, const record_desc *d, const char *ref, bool deleted, void *rec,
	       err *e)
{
	rid id;
	int rc = model_ref_find(t, d, ref, deleted, &id, e);
	if (rc)
		return rc;
	memset(rec, 0, d->size);
	rc = deleted ? model_get_any(t, d, &id, rec, e) : model_get(t, d, &id, rec, e);
	if (rc == E_NOTFOUND)
		return err_set(e, E_INPUT, _("no %s with REF \"%s\""), model_desc_title(d), ref);
	return rc;
}

bool cli_english(void)
{
	return strcmp(i18n_lang(), "en") == 0;
}

void cli_tsv(const char *s)
{
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

void cli_ref(model_txn *t, const record_desc *d, const void *rec, char *buf, size_t n)
{
	if (model_ref_of(t, d, rec, buf, n, NULL) != 0)
		snprintf(buf, n, "?");
}

/* ---- options --------------------------------------------------------- */

bool cli_parse_count(const char *s, long *out)
{
	char *end;
	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < 0)
		return false;
	*out = v;
	return true;
}

int cli_getopt(const struct cli_cmd *cmd, int argc, char **argv,
	       const char *shortopts, const struct option *longopts,
	       cli_opt_fn opt, void *ctx, int *first, bool *done)
{
	/* Every command knows --help; add it to the caller's table. */
	size_t n = 0;
	while (longopts && longopts[n].name)
		n++;
	struct option *lo = xcalloc(n + 2, sizeof *lo);
	if (n)
		memcpy(lo, longopts, n * sizeof *lo);
	lo[n] = (struct option){ "help", no_argument, NULL, 0x100 };
	char *so = xasprintf(":%s", shortopts ? shortopts : "");

	int rc = 0, ch;
	*done = false;
	opterr = 0;
	optind = 0;   /* GNU: a full re-initialisation */
	while ((ch = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		if (ch == 0x100) {
			rc = cli_cmd_help(cmd);
			*done = true;
			break;
		}
		if (ch == '?') {
			char buf[256];
			if (optopt)
				snprintf(buf, sizeof buf, _("unknown option: -%c"), optopt);
			else
				snprintf(buf, sizeof buf, _("unknown option: %s"), argv[optind - 1]);
			rc = cli_usage(cmd, buf);
			break;
		}
		if (ch == ':') {
			char buf[256];
			snprintf(buf, sizeof buf, _("option %s needs a value"), argv[optind - 1]);
			rc = cli_usage(cmd, buf);
			break;
		}
		rc = opt(ch, optarg, ctx);
		if (rc)
			break;
	}
	*first = optind;
	free(lo);
	free(so);
	return rc;
}

/* ---- progress -------------------------------------------------------- */

static int progress_state = -1;   /* -1 unknown, 0 off, 1 on */
static bool progress_shown;

bool cli_progress_on(void)
{
	if (progress_state < 0)
		progress_state = isatty(STDERR_FILENO) ? 1 : 0;
	return progress_state == 1;
}

void cli_progress(const char *label, size_t done, size_t total)
{
	if (!cli_progress_on())
		return;
	if (total)
		fprintf(stderr, "\r%s %zu/%zu", label, done, total);
	else
		fprintf(stderr, "\r%s %zu", label, done);
	fflush(stderr);
	progress_shown = true;
}

void cli_progress_end(void)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		progress_shown = false;
	}
}

/* ---- output files ---------------------------------------------------- */

bool cli_disk_full(const char *path, int errnum)
{
	if (errnum == ENOSPC || errnum == EDQUOT)
		return true;
	if (errnum && errnum != EIO)
		return false;
	char *dir = paths_dir(path);
	struct statvfs vf;
	bool full = statvfs(dir, &vf) == 0 &&
		    (unsigned long long)vf.f_bavail * vf.f_frsize < (1ULL << 20);
	free(dir);
	return full;
}

int cli_disk_full_error(const char *path)
{
	char *dir = paths_dir(path);
	char *abs = paths_absolute(dir);
	cli_error(_("disk full: there is no room left for %s; nothing was saved. Free some "
		    "space and try again"), abs);
	free(abs);
	free(dir);
	return E_DB;
}

int cli_out_open(struct cli_out *o, const char *path)
{
	memset(o, 0, sizeof *o);
	if (!path || strcmp(path, "-") == 0) {
		o->f = stdout;
		return 0;
	}
	o->path = xstrdup(path);
	o->tmp = xasprintf("%s.tmp", path);
	/* A fresh file of our own: never follow a link someone left there. */
	unlink(o->tmp);
	int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || fchmod(fd, 0600) != 0 || !(o->raw = fdopen(fd, "w"))) {
		int rc = E_INPUT;
		if (errno == ENOSPC || errno == EDQUOT)
			rc = cli_disk_full_error(o->tmp);
		else
			cli_error(_("cannot write %s: %s"), o->tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(o->tmp);
		free(o->path);
		free(o->tmp);
		o->path = o->tmp = NULL;
		return rc;
	}
	o->f = safeout_open(o->raw);
	return 0;
}

int cli_out_close(struct cli_out *o, bool ok)
{
	int rc = 0;
	if (!o->path) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			cli_error(_("cannot write the output: %s"), strerror(errno));
			rc = E_INPUT;
		}
		return rc;
	}
	if (ok && (fflush(o->f) != 0 || ferror(o->f) || fflush(o->raw) != 0 ||
		   fsync(fileno(o->raw)) != 0)) {
		if (cli_disk_full(o->tmp, errno))
			rc = cli_disk_full_error(o->tmp);
		else
			cli_error(_("cannot write %s: %s"), o->tmp, strerror(errno)), rc = E_INPUT;
		ok = false;
	}
	int closed = fclose(o->f);
	if (fclose(o->raw) != 0)
		closed = -1;
	if (closed != 0 && ok) {
		if (cli_disk_full(o->tmp, errno))
			rc = cli_disk_full_error(o->tmp);
		else
			cli_error(_("cannot write %s: %s"), o->tmp, strerror(errno)), rc = E_INPUT;
		ok = false;
	}
	if (ok && rename(o->tmp, o->path) != 0) {
		cli_error(_("cannot rename %s to %s: %s"), o->tmp, o->path, strerror(errno));
		ok = false;
		rc = E_INPUT;
	}
	if (!ok)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	o->f = o->raw = NULL;
	return rc;
}

/* ---- the database ---------------------------------------------------- */

bool cli_db_exists(const char *dir)
{
	char *p = xasprintf("%s/data.mdb", dir);
	struct stat sb;
	bool yes = stat(p, &sb) == 0;
	free(p);
	return yes;
}

int cli_open(struct cli_ctx *c, bool create)
{
	if (c->st)
		return 0;
	if (!create && !cli_db_exists(c->db_dir)) {
		cli_error(_("no database in %s (create one with 'bangfu init')"), c->db_dir);
		return E_DB;
	}
	err e = { 0 };
	if (model_open(&c->st, c->db_dir, &e) != 0) {
		c->st = NULL;
		if (!e.code)
			e.code = E_DB;
		return cli_fail(&e);
	}
	const char *note = model_open_notice(c->st);
	for (const char *p = note; p && *p;) {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);
		cli_error("%.*s", n, p);
		p += n + (nl != NULL);
	}
	return 0;
}

char *cli_open_fresh(struct cli_ctx *c, int *rc)
{
	char *made = NULL;
	if (!c->st && !cli_db_exists(c->db_dir)) {
		/* the shallowest folder of the path that is not there yet; a
		 * folder that is there stays ("DIR/": only its files are new) */
		char *p = xstrdup(c->db_dir);
		struct stat sb;
		if (stat(p, &sb) == 0) {
			made = xasprintf("%s/", p);
		} else {
			made = xstrdup(p);
			for (char *q = p + strlen(p); q > p; q--) {
				if (*q != '/')
					continue;
				*q = '\0';
				if (stat(p, &sb) == 0)
					break;
				free(made);
				made = xstrdup(p);
			}
		}
		free(p);
	}
	*rc = cli_open(c, true);
	return made;
}

void cli_discard_fresh(struct cli_ctx *c, char *made)
{
	if (!made)
		return;
	if (c->st) {
		model_close(c->st);
		c->st = NULL;
	}
	char *f = xasprintf("%s/data.mdb", c->db_dir);
	unlink(f);
	free(f);
	f = xasprintf("%s/lock.mdb", c->db_dir);
	unlink(f);
	free(f);
	/* the folders made for it, deepest first, each only if empty */
	char *p = xstrdup(c->db_dir);
	size_t keep = strlen(made);
	for (;;) {
		size_t n = strlen(p);
		while (n > 1 && p[n - 1] == '/')
			p[--n] = '\0';
		if (n < keep || rmdir(p) != 0)
			break;
		char *slash = strrchr(p, '/');
		if (!slash || slash == p)
			break;
		*slash = '\0';
	}
	free(p);
	free(made);
}

struct current_ctx {
	char *buf;
	size_t n;
};

static int current_read(model_txn *t, void *ctx, err *e)
{
	struct current_ctx *c = ctx;
	return model_semester_current(t, c->buf, c->n, e);
}

int cli_current_semester(struct cli_ctx *c, char *buf, size_t n)
{
	struct current_ctx x = { buf, n };
	err e = { 0 };
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	return model_read(c->st, current_read, &x, &e) ? cli_fail(&e) : 0;
}

/* ---- configuration --------------------------------------------------- */

struct cli_config {
	const char *path;
	char *lang;
	char *keymap;          /* [ui] keymap */
	char *role;            /* [ui] role */
	int bad_line;          /* the first line with a bad value */
	char bad_msg[256];
	bool bad_role;         /* bad_msg is a bad role, not a bad lang */
};

static int config_handler(void *user, const char *section, const char *name,
			  const char *value)
{
	struct cli_config *cf = user;
	if (strcmp(section, "ui") == 0 && strcmp(name, "lang") == 0) {
		if (strncmp(value, "zh", 2) != 0 && strncmp(value, "en", 2) != 0) {
			/* The message is formatted after the language is known. */
			snprintf(cf->bad_msg, sizeof cf->bad_msg, "%s", value);
			return 0;
		}
		free(cf->lang);
		cf->lang = xstrdup(value);
	}
	if (strcmp(section, "ui") == 0 && strcmp(name, "keymap") == 0) {
		free(cf->keymap);
		cf->keymap = xstrdup(value);
	}
	if (strcmp(section, "ui") == 0 && strcmp(name, "role") == 0) {
		role_t r;
		if (!role_parse(value, &r)) {
			snprintf(cf->bad_msg, sizeof cf->bad_msg, "%s", value);
			cf->bad_role = true;
			return 0;
		}
		free(cf->role);
		cf->role = xstrdup(value);
	}
	return 1;   /* other sections and keys belong to later features */
}

static char *config_default_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	if (x && *x)
		return xasprintf("%s/bangfu/config", x);
	const char *h = getenv("HOME");
	if (h && *h)
		return xasprintf("%s/.config/bangfu/config", h);
	return NULL;
}

/* 0 read (or absent by default), -1 cannot read, >0 the line of an error. */
static int config_read(struct cli_config *cf, const char *explicit_path)
{
	char *path = explicit_path ? xstrdup(explicit_path) : config_default_path();
	if (!path)
		return 0;
	cf->path = path;
	if (!explicit_path && access(path, F_OK) != 0)
		return 0;
	int rc = ini_parse(path, config_handler, cf);
	if (rc > 0)
		cf->bad_line = rc;
	return rc;
}

/* ---- main ------------------------------------------------------------ */

static const struct cli_cmd *cli_find_cmd(const char *name)
{
	for (size_t i = 0; i < CLI_NCMDS; i++)
		if (strcmp(cli_table[i]->name, name) == 0)
			return cli_table[i];
	return NULL;
}

/* Takes the value of a global option "--name VALUE" or "--name=VALUE". */
static bool global_opt(int argc, char **argv, int *i, const char *name,
		       const char **value, bool *missing)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) != 0)
		return false;
	if (a[n] == '=') {
		*value = a + n + 1;
		return true;
	}
	if (a[n] != '\0')
		return false;
	if (*i + 1 >= argc) {
		*missing = true;
		return true;
	}
	*value = argv[++*i];
	return true;
}

/* The global options before the command. */
struct cli_globals {
	const char *db, *lang, *config, *keymap, *role;
	const char *bad_opt;   /* an unknown option, or one without its value */
	bool missing;          /* bad_opt lacks its value */
	bool help, version;
	int first;             /* argv index of the command (argc: none) */
};

static void parse_globals(int argc, char **argv, struct cli_globals *g)
{
	int i;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0')
			break;
		if (global_opt(argc, argv, &i, "--db", &g->db, &g->missing) ||
		    global_opt(argc, argv, &i, "--lang", &g->lang, &g->missing) ||
		    global_opt(argc, argv, &i, "--config", &g->config, &g->missing) ||
		    global_opt(argc, argv, &i, "--keymap", &g->keymap, &g->missing) ||
		    global_opt(argc, argv, &i, "--role", &g->role, &g->missing)) {
			if (g->missing) {
				g->bad_opt = a;
				break;
			}
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			g->help = true;
		else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0)
			g->version = true;
		else {
			g->bad_opt = a;
			break;
		}
	}
	g->first = i;
}

/* A bad option, --lang or configuration file: its message and exit
 * status; 0 when all is well. cfrc is config_read's answer. */
static int check_globals(const struct cli_globals *g, bool lang_ok,
			 const struct cli_config *cf, int cfrc)
{
	char buf[256];
	if (g->bad_opt) {
		if (g->missing)
			snprintf(buf, sizeof buf, _("option %s needs a value"), g->bad_opt);
		else
			snprintf(buf, sizeof buf, _("unknown option: %s"), g->bad_opt);
		return cli_usage(NULL, buf);
	}
	if (!lang_ok) {
		snprintf(buf, sizeof buf, _("--lang must be zh or en, not '%s'"), g->lang);
		return cli_usage(NULL, buf);
	}
	if (cfrc < 0) {
		cli_error(_("cannot read the configuration file %s"), cf->path);
		return E_USAGE;
	}
	if (cfrc > 0) {
		if (cf->bad_role)
			cli_error(_("%s:%d: role: must be secretary, counsellor or member, not '%s'"),
				  cf->path, cfrc, cf->bad_msg);
		else if (cf->bad_msg[0])
			cli_error(_("%s:%d: lang: must be zh or en, not '%s'"), cf->path, cfrc,
				  cf->bad_msg);
		else
			cli_error(_("%s:%d: not a valid line"), cf->path, cfrc);
		return E_INPUT;
	}
	return 0;
}

/* The screens' options (keymap, role) from the command line, else the
 * configuration; 0 or the usage error of a bad --role. */
static int screen_opts(const struct cli_globals *g, const struct cli_config *cf, ui_opts *uo)
{
	*uo = (ui_opts){ .keymap = g->keymap ? g->keymap : cf->keymap, .role = ROLE_SECRETARY };
	if ((g->role || cf->role) && !role_parse(g->role ? g->role : cf->role, &uo->role)) {
		char buf[256];
		snprintf(buf, sizeof buf, _("--role must be secretary, counsellor or member, not '%s'"),
			 g->role);
		return cli_usage(NULL, buf);
	}
	return 0;
}

/* --help, --version, else the command at argv[g->first], or without one
 * the screens (on a terminal) or the status. *defdir gets the default
 * database folder when there was no --db (the caller frees it). */
static int run_command(struct cli_ctx *ctx, const struct cli_globals *g, const ui_opts *uo,
		       int argc, char **argv, char **defdir)
{
	if (g->help) {
		cli_help();
		return 0;
	}
	if (g->version) {
		printf("bangfu %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (g->db && !*g->db)
		return cli_usage(NULL, _("--db needs a folder"));
	ctx->db_dir = g->db ? g->db : (*defdir = model_default_dir());
	int i = g->first;
	if (i >= argc) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
			return cli_status(ctx);
		/* the screens; the first-run screen fills a new database */
		int rc = cli_open(ctx, true);
		if (rc)
			return rc;
		safeout_std_end();   /* curses writes to the terminal itself */
		rc = ui_run(ctx->st, uo);
		ctx->st = ui_final_store();   /* a restore opened it again */
		return rc;
	}
	const struct cli_cmd *cmd = cli_find_cmd(argv[i]);
	model_on_backup_warning(cli_backup_warning);
	if (!cmd) {
		char buf[256];
		snprintf(buf, sizeof buf, _("unknown command: %s"), argv[i]);
		return cli_usage(NULL, buf);
	}
	return cmd->fn(ctx, argc - i, argv + i);
}

int cli_main(int argc, char **argv)
{
	struct cli_globals g = { 0 };
	parse_globals(argc, argv, &g);

	/* The language first, so that every message after this is translated. */
	struct cli_config cf = { 0 };
	int cfrc = config_read(&cf, g.config);
	bool lang_ok = !g.lang || strncmp(g.lang, "zh", 2) == 0 || strncmp(g.lang, "en", 2) == 0;
	i18n_init(g.lang && lang_ok ? g.lang : cf.lang);
	/* Nothing the command line prints takes over the terminal: a control
	 * code in a stored value is shown as an escape (safeout.h). */
	safeout_std();

	struct cli_ctx ctx = { 0 };
	char *defdir = NULL;
	ui_opts uo;
	int rc = check_globals(&g, lang_ok, &cf, cfrc);
	if (!rc)
		rc = screen_opts(&g, &cf, &uo);
	if (!rc) {
		ctx.role = uo.role;
		rc = run_command(&ctx, &g, &uo, argc, argv, &defdir);
	}

	if (ctx.st)
		model_close(ctx.st);
	/* A lookup that finds nothing is never an exit status: each command
	 * turns it into E_INPUT with a message where "none" is an error. */
	if (rc == E_NOTFOUND)
		die("a lookup's E_NOTFOUND reached the exit status");
	if (fflush(stdout) != 0 && rc == 0) {
		cli_error(_("cannot write the output: %s"), strerror(errno));
		rc = E_INPUT;
	}
	free(defdir);
	free(cf.lang);
	free(cf.keymap);
	free(cf.role);
	free((char *)cf.path);
	return rc;
}
