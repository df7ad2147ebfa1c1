/* semester.c — bangfu semester start CODE [--start D] [--end D]
 * [--roster-due D] [--summary-due D]: makes a semester (or changes its
 * dates) and the current one (semester_start), then lists the pairings
 * that carry over into it, one tab-separated line each. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/model.h"
#include "util/i18n.h"

struct semester_args {
	const char *code;
	const char *dates[4];  /* --start --end --roster-due --summary-due */
	semester given;
	/* what the write did (reset at its start) */
	semester now;
	char *lines;           /* the pairings carried over, one line each */
	size_t nlines, len;
	model_txn *t;
	err *e;
};

static int semester_opt(int ch, const char *arg, void *ctx)
{
	struct semester_args *a = ctx;
	if (ch >= 0 && ch < 4)
		a->dates[ch] = arg;
	return 0;
}

static void add(struct semester_args *a, const char *s)
{
	size_t n = strlen(s);
	a->lines = xrealloc(a->lines, a->len + n + 1);
	memcpy(a->lines + a->len, s, n + 1);
	a->len += n;
}

/* A cell: tabs and line breaks inside it become spaces. */
static void add_cell(struct semester_args *a, const char *s, bool last)
{
	char *c = xstrdup(s);
	for (char *p = c; *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	add(a, c);
	add(a, last ? "\n" : "\t");
	free(c);
}

static int carried(const pairing *p, void *ctx)
{
	struct semester_args *a = ctx;
	char ref[MODEL_REF_MAX], since[11] = "";
	size_t who[3] = { 0, 1, 2 };   /* 党员学号 帮扶对象学号 学院 */
	cli_ref(a->t, &pairing_desc, p, ref, sizeof ref);
	add_cell(a, ref, false);
	for (size_t i = 0; i < 3; i++) {
		char *v;
		int rc = model_field_text(a->t, &pairing_desc, p, who[i], ROLE_SECRETARY, &v, NULL,
					  a->e);
		if (rc)
			return rc;
		if (i < 2) {
			char name[256];
			student s;
			if (student_by_no(a->t, v, &s, NULL) == 0) {
				snprintf(name, sizeof name, "%s %s", v, s.name ? s.name : "");
				rec_free(&student_desc, &s);
				free(v);
				v = xstrdup(name);
			}
		}
		add_cell(a, v, false);
		free(v);
	}
	if (p->start)
		date_format(p->start, since);
	add_cell(a, since, true);
	a->nlines++;
	return 0;
}

static int semester_write(model_txn *t, void *ctx, err *e)
{
	struct semester_args *a = ctx;
	free(a->lines);
	a->lines = NULL;
	a->len = a->nlines = 0;
	rec_free(&semester_desc, &a->now);
	memset(&a->now, 0, sizeof a->now);
	a->t = t;
	a->e = e;
	int rc = semester_start(t, a->code, &a->given, &a->now, e);
	if (rc == E_INPUT)
		model_field_err(&semester_desc, e);
	if (!rc)
		rc = pairings_carried_into(t, &a->now, NULL, carried, a, e);
	return rc;
}

static int semester_run(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "start", required_argument, NULL, 0 },
		{ "end", required_argument, NULL, 1 },
		{ "roster-due", required_argument, NULL, 2 },
		{ "summary-due", required_argument, NULL, 3 },
		{ 0 },
	};
	static const char *const names[] = { "--start", "--end", "--roster-due", "--summary-due" };
	struct semester_args a = { 0 };
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_semester, argc, argv, "", lo, semester_opt, &a, &first, &done);
	if (rc || done)
		return rc;
	if (first >= argc || strcmp(argv[first], "start") != 0)
		return cli_usage(&cli_cmd_semester, _("semester needs what to do: start"));
	if (argc - first != 2)
		return cli_usage(&cli_cmd_semester, _("semester start needs the semester's code"));
	a.code = argv[first + 1];
	date_t *dst[4] = { &a.given.start, &a.given.end, &a.given.roster_due,
			   &a.given.summary_due };
	for (size_t i = 0; i < 4; i++)
		if (a.dates[i] && !date_parse(a.dates[i], dst[i])) {
			cli_error(_("%s: not a date (YYYY-MM-DD): \"%s\""), names[i], a.dates[i]);
			return E_INPUT;
		}
	if ((rc = cli_open(c, false)) != 0)
		return rc;
	err e = { 0 };
	if ((rc = model_write(c->st, semester_write, &a, &e)))
		rc = cli_fail(&e);
	else {
		char from[11] = "", to[11] = "";
		if (a.now.start)
			date_format(a.now.start, from);
		if (a.now.end)
			date_format(a.now.end, to);
		printf(_("current semester: %s (%s to %s)\n"), a.now.code ? a.now.code : a.code,
		       from, to);
		printf(ngettext("%zu pairing carries over:\n", "%zu pairings carry over:\n",
				a.nlines), a.nlines);
		fputs(a.lines ? a.lines : "", stdout);
	}
	free(a.lines);
	rec_free(&semester_desc, &a.now);
	return rc;
}

const struct cli_cmd cli_cmd_semester = {
	"semester",
	N_("start CODE [--start D] [--end D] [--roster-due D] [--summary-due D]"),
	N_("Start a semester: make it (or change its dates) and the current one, and list the pairings that carry over into it (REF, member, assisted student, college, since)."),
	semester_run,
};
