/* report.c — bangfu report summary|overdue|save|final|reopen ...
 *   summary  the semester summary's draft (结对帮扶情况总结), from the data
 *   overdue  pairings with no talk for too long, most overdue first
 *   save     stores an edited summary (from a file) for a college and semester
 *   final    marks the stored summary final (refused under 1000 字)
 *   reopen   makes a final summary a draft again, so it may be edited */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "report/report.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/text.h"

struct report_args {
	const char *college, *semester, *format, *out, *tpl, *days_s;
	long days;
	/* results */
	char *draft, *draft_txt;
	overdue_row *rows;
	size_t nrows;
	char **labels;         /* member and target labels of rows, 2 per row */
	char *text;            /* save: the file's text */
	size_t zishu;
	bool created;
	bool saved;            /* summary --saved: the stored text, not a draft */
};

static int report_opt(int ch, const char *arg, void *ctx)
{
	struct report_args *a = ctx;
	switch (ch) {
	case 'c': a->college = arg; break;
	case 's': a->semester = arg; break;
	case 'f': a->format = arg; break;
	case 'o': a->out = arg; break;
	case 't': a->tpl = arg; break;
	case 'd': a->days_s = arg; break;
	case 'S': a->saved = true; break;
	}
	return 0;
}

static const struct option report_lo[] = {
	{ "college", required_argument, NULL, 'c' },
	{ "semester", required_argument, NULL, 's' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "template", required_argument, NULL, 't' },
	{ "days", required_argument, NULL, 'd' },
	{ "saved", no_argument, NULL, 'S' },
	{ 0 },
};

/* ---- summary --------------------------------------------------------- */

struct draft_ctx {
	struct report_args *a;
	summary_format fmt;
	char *tpl;
};

static int summary_read(model_txn *t, void *ctx, err *e)
{
	struct draft_ctx *d = ctx;
	free(d->a->draft);
	free(d->a->draft_txt);
	d->a->draft = d->a->draft_txt = NULL;
	int rc = summary_draft(t, d->tpl, d->a->college, d->a->semester, d->fmt, &d->a->draft, e);
	/* 字 are counted on the text form (without Markdown's marks). */
	if (!rc)
		rc = d->fmt == SUMMARY_TXT
			? (d->a->draft_txt = xstrdup(d->a->draft), 0)
			: summary_draft(t, d->tpl, d->a->college, d->a->semester, SUMMARY_TXT,
					&d->a->draft_txt, e);
	return rc;
}

/* ---- summary --saved: the text the secretary saved (or marked final) --- */

struct saved_ctx {
	struct report_args *a;
	bool final;
};

static int saved_read(model_txn *t, void *ctx, err *e)
{
	struct saved_ctx *s = ctx;
	struct report_args *a = s->a;
	summary sm;
	int rc = summary_of(t, a->college, a->semester, &sm, e);
	if (rc == E_NOTFOUND)
		return err_set(e, E_INPUT,
			       _("no summary of %s %s is saved yet: draft one, edit it and save it (the reports page, or bangfu report save FILE)"),
			       a->college, a->semester);
	if (rc)
		return rc;
	free(a->text);
	a->text = xstrdup(sm.text ? sm.text : "");
	s->final = sm.final != 0;
	rec_free(&summary_desc, &sm);
	return 0;
}

/* The summary's format: --format, else the output file's suffix, else
 * text; a usage error for an unknown --format. */
static int summary_fmt(const struct cli_cmd *cmd, const struct report_args *a,
		       summary_format *fmt)
{
	*fmt = SUMMARY_TXT;
	if (a->format && !summary_format_parse(a->format, fmt)) {
		char buf[256];
		snprintf(buf, sizeof buf, _("unknown format: %s (txt or md)"), a->format);
		return cli_usage(cmd, buf);
	}
	const char *dot = !a->format && a->out ? strrchr(a->out, '.') : NULL;
	if (dot)
		summary_format_parse(dot + 1, fmt);
	return 0;
}

static int report_saved(struct cli_ctx *c, const struct cli_cmd *cmd, struct report_args *a)
{
	summary_format fmt;
	int rc = summary_fmt(cmd, a, &fmt);
	if (rc)
		return rc;
	rc = cli_open(c, false);
	if (rc)
		return rc;
	struct saved_ctx s = { a, false };
	err e = { 0 };
	if ((rc = model_read(c->st, saved_read, &s, &e)) != 0)
		return cli_fail(&e);
	size_t n = text_zishu(a->text);
	struct cli_out o;
	if ((rc = cli_out_open(&o, a->out)) != 0)
		return rc;
	summary_text_write(o.f, a->text, fmt);
	rc = cli_out_close(&o, !ferror(o.f));
	if (!rc && a->out && strcmp(a->out, "-") != 0) {
		char *abs = paths_absolute(a->out);
		printf(s.final ? _("Wrote %s: the final summary (%zu characters).\n")
			       : _("Wrote %s: the saved draft (%zu characters).\n"),
		       abs, n);
		free(abs);
	}
	return rc;
}

static int report_summary(struct cli_ctx *c, const struct cli_cmd *cmd, struct report_args *a)
{
	if (a->saved)
		return report_saved(c, cmd, a);
	struct draft_ctx d = { a, SUMMARY_TXT, NULL };
	int rc = summary_fmt(cmd, a, &d.fmt);
	if (rc)
		return rc;
	rc = cli_open(c, false);
	if (rc)
		return rc;
	d.tpl = a->tpl ? xstrdup(a->tpl) : report_forms_path("summary.tpl");
	err e = { 0 };
	rc = model_read(c->st, summary_read, &d, &e);
	free(d.tpl);
	if (rc)
		return cli_fail(&e);
	/* The counts go beside the document, never into it: in the message
	 * naming the file, or on stderr when the draft goes to stdout. */
	char *note = summary_note(a->draft_txt);
	struct cli_out o;
	if ((rc = cli_out_open(&o, a->out)) != 0) {
		free(note);
		return rc;
	}
	fprintf(o.f, "%s", a->draft);
	rc = cli_out_close(&o, !ferror(o.f));
	if (!rc && a->out && strcmp(a->out, "-") != 0) {
		char *abs = paths_absolute(a->out);
		printf(_("Wrote %s (%s).\n"), abs, note);
		free(abs);
	} else if (!rc) {
		fprintf(stderr, "%s\n", note);
	}
	free(note);
	return rc;
}

/* ---- overdue --------------------------------------------------------- */

static int overdue_read(model_txn *t, void *ctx, err *e)
{
	struct report_args *a = ctx;
	college c;
	free(a->rows);
	a->rows = NULL;
	a->nrows = 0;
	int rc = college_by_name(t, a->college, &c, e);
	if (rc)
		return rc == E_NOTFOUND ? err_set(e, E_INPUT, _("no college called %s"), a->college) : rc;
	if (a->days <= 0)
		a->days = college_overdue_days(&c);
	rc = model_overdue(t, &c.m.id, (int)a->days, date_today(), &a->rows, &a->nrows, e);
	rec_free(&college_desc, &c);
	if (rc)
		return rc;
	a->labels = xcalloc(2 * a->nrows + 1, sizeof *a->labels);
	for (size_t i = 0; i < a->nrows; i++) {
		student s;
		for (int j = 0; j < 2; j++) {
			const rid *id = j ? &a->rows[i].target_id : &a->rows[i].member_id;
			rc = student_get(t, id, &s, e);
			if (rc != 0 && rc != E_NOTFOUND)
				return rc;
			if (rc == 0) {
				a->labels[2 * i + j] = xasprintf("%s %s", s.student_no ? s.student_no : "",
								 s.name ? s.name : "");
				rec_free(&student_desc, &s);
			} else {
				a->labels[2 * i + j] = xstrdup("?");
			}
		}
	}
	return 0;
}

static int report_overdue(struct cli_ctx *c, const struct cli_cmd *cmd, struct report_args *a)
{
	if (a->days_s && (!cli_parse_count(a->days_s, &a->days) || a->days < 1 || a->days > 3660))
		return cli_usage(cmd, _("--days needs a number of days (1 or more)"));
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	err e = { 0 };
	if ((rc = model_read(c->st, overdue_read, a, &e)) != 0)
		return cli_fail(&e);
	char today[11];
	date_format(date_today(), today);
	if (!a->nrows) {
		printf(_("%s: no pairing without a talk for more than %ld days (today %s).\n"),
		       a->college, a->days, today);
		return 0;
	}
	printf(ngettext("%s: %zu pairing without a talk for more than %ld days (today %s):\n",
			"%s: %zu pairings without a talk for more than %ld days (today %s):\n",
			a->nrows),
	       a->college, a->nrows, a->days, today);
	/* the member column as wide as its widest name (by display width,
	 * as the screens measure), so that no name runs into the next */
	int mw = text_width(_("party member"));
	for (size_t i = 0; i < a->nrows; i++)
		if (text_width(a->labels[2 * i]) > mw)
			mw = text_width(a->labels[2 * i]);
	cli_label(_("days"), 6);
	cli_label(_("last talk"), 12);
	cli_label(_("party member"), mw + 2);
	printf("%s\n", _("assisted student"));
	for (size_t i = 0; i < a->nrows; i++) {
		char d[11], num[16];
		snprintf(num, sizeof num, "%d", a->rows[i].days);
		cli_label(num, 6);
		if (a->rows[i].last_talk)
			date_format(a->rows[i].last_talk, d);
		cli_label(a->rows[i].last_talk ? d : _("none"), 12);
		cli_label(a->labels[2 * i], mw + 2);
		printf("%s\n", a->labels[2 * i + 1]);
	}
	return 0;
}

/* ---- save and final -------------------------------------------------- */

enum save_mode { SAVE_TEXT, SAVE_FINAL, SAVE_REOPEN };

struct save_ctx {
	struct report_args *a;
	enum save_mode mode;
};

static int summary_store(model_txn *t, void *ctx, err *e)
{
	struct save_ctx *s = ctx;
	struct report_args *a = s->a;
	summary sm;
	int rc = summary_of(t, a->college, a->semester, &sm, e);
	a->created = rc == E_NOTFOUND;
	if (rc && rc != E_NOTFOUND)
		return rc;
	if (a->text) {
		/* a final text is refused by the model until it is reopened */
		free(sm.text);
		sm.text = xstrdup(a->text);
	} else if (a->created) {
		rec_free(&summary_desc, &sm);
		return err_set(e, E_INPUT, _("no summary stored for %s %s yet (bangfu report save)"),
			       a->college, a->semester);
	}
	if (s->mode == SAVE_REOPEN && !sm.final) {
		rec_free(&summary_desc, &sm);
		return err_set(e, E_INPUT, _("the summary of %s %s is not final: there is nothing to reopen"),
			       a->college, a->semester);
	}
	if (s->mode == SAVE_FINAL)
		sm.final = 1;
	else if (s->mode == SAVE_REOPEN)
		sm.final = 0;
	a->zishu = text_zishu(sm.text ? sm.text : "");
	rc = summary_save(t, &sm, e);
	rec_free(&summary_desc, &sm);
	return rc;
}

/* Drafts of older versions ended with a line stating their count
 * ("（本稿正文共N字…）"): a note for the secretary, not part of the summary;
 * a file that still has it is taken without it. */
static void drop_count_note(char *text)
{
	size_t n = strlen(text);
	while (n && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' '))
		n--;
	size_t start = n;
	while (start && text[start - 1] != '\n')
		start--;
	if (strncmp(text + start, "（本稿正文共", strlen("（本稿正文共")) == 0 && start <= n)
		text[start] = 0;
}

static int report_store(struct cli_ctx *c, const struct cli_cmd *cmd, struct report_args *a,
			const char *file, enum save_mode mode)
{
	int rc;
	err e = { 0 };
	if (file) {
		if ((rc = report_read_file(file, &a->text, &e)) != 0)
			return cli_fail(&e);
		drop_count_note(a->text);
	} else if (mode == SAVE_TEXT) {
		return cli_usage(cmd, _("save needs the file holding the text"));
	}
	if ((rc = cli_open(c, false)) != 0)
		return rc;
	struct save_ctx s = { a, mode };
	if ((rc = model_write(c->st, summary_store, &s, &e)) != 0)
		return cli_fail(&e);
	if (mode == SAVE_REOPEN)
		printf(_("The summary of %s %s (%zu characters) is open for editing again: mark it final when it is done.\n"),
		       a->college, a->semester, a->zishu);
	else if (mode == SAVE_FINAL)
		printf(_("The summary of %s %s (%zu characters) is final.\n"), a->college,
		       a->semester, a->zishu);
	else
		printf(_("Saved the summary of %s %s (%zu characters).\n"), a->college, a->semester,
		       a->zishu);
	return 0;
}

/* ---- the command ----------------------------------------------------- */

const struct cli_cmd cli_cmd_report;

static int report_run(struct cli_ctx *c, int argc, char **argv)
{
	const struct cli_cmd *cmd = &cli_cmd_report;
	struct report_args a = { 0 };
	int first;
	bool done;
	int rc = cli_getopt(cmd, argc, argv, "o:", report_lo, report_opt, &a, &first, &done);
	if (rc || done)
		return rc;
	if (first >= argc)
		return cli_usage(cmd, _("report needs a kind (summary, overdue, save, final, reopen or overview)"));
	const char *what = argv[first];
	bool save = strcmp(what, "save") == 0;
	if (argc - first > (save ? 2 : 1))
		return cli_usage(cmd, _("too many arguments"));
	if (strcmp(what, "overview") == 0) {
		if (a.college)
			return cli_usage(cmd, _("the overview is of every college: no --college"));
		return cli_report_overview(c, cmd, a.semester, a.format, a.out);
	}
	if (!a.college || !*a.college)
		return cli_usage(cmd, _("--college is required"));
	if (strcmp(what, "overdue") == 0) {
		rc = report_overdue(c, cmd, &a);
	} else {
		static char current[SEMESTER_CODE_MAX];
		if (!a.semester || !*a.semester) {
			if ((rc = cli_current_semester(c, current, sizeof current)) != 0)
				return rc;
			a.semester = current;
		}
		if (strcmp(what, "summary") == 0)
			rc = report_summary(c, cmd, &a);
		else if (save)
			rc = report_store(c, cmd, &a, first + 1 < argc ? argv[first + 1] : NULL, SAVE_TEXT);
		else if (strcmp(what, "final") == 0)
			rc = report_store(c, cmd, &a, NULL, SAVE_FINAL);
		else if (strcmp(what, "reopen") == 0)
			rc = report_store(c, cmd, &a, NULL, SAVE_REOPEN);
		else {
			char buf[256];
			snprintf(buf, sizeof buf, _("unknown report: %s"), what);
			rc = cli_usage(cmd, buf);
		}
	}
	free(a.draft);
	free(a.draft_txt);
	free(a.rows);
	if (a.labels)
		for (size_t i = 0; i < 2 * a.nrows; i++)
			free(a.labels[i]);
	free(a.labels);
	free(a.text);
	return rc;
}

const struct cli_cmd cli_cmd_report = {
	"report",
	N_("summary|overdue|save FILE|final|reopen --college NAME [--semester CODE] [--saved] [--format txt|md] [-o FILE] [--days N] | overview [--semester CODE] [--format csv|xlsx|md] [-o FILE]"),
	N_("The semester summary's draft from the data, overdue pairings, or store an edited summary and mark it final (at least 1000 characters; a final text is read-only until reopened); overview: every college's figures and documents in one table, with a total row."),
	report_run,
};
