/* init.c — bangfu init [--college NAME] [--semester CODE [--roster-due DATE]
 * [--summary-due DATE]] [--school NAME] */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/model.h"
#include "util/i18n.h"

struct init_args {
	const char *college;
	const char *semester;
	const char *school;
	date_t set_roster_due, set_summary_due;   /* 0 = keep */
	/* results, reset by the write function */
	bool college_new, semester_new;
	date_t roster_due, summary_due;
};

static int init_opt(int ch, const char *arg, void *ctx)
{
	struct init_args *a = ctx;
	if (ch == 'c')
		a->college = arg;
	else if (ch == 's')
		a->semester = arg;
	else if (ch == 'S')
		a->school = arg;
	else if (ch == 'r' || ch == 'u') {
		date_t d;
		if (!date_parse(arg, &d)) {
			cli_error(_("--%s: '%s' is not a date (YYYY-MM-DD)"),
				  ch == 'r' ? "roster-due" : "summary-due", arg);
			return E_INPUT;
		}
		if (ch == 'r')
			a->set_roster_due = d;
		else
			a->set_summary_due = d;
	}
	return 0;
}

static int init_write(model_txn *t, void *ctx, err *e)
{
	struct init_args *a = ctx;
	a->college_new = a->semester_new = false;
	if (a->college) {
		college c = { 0 };
		int rc = college_by_name(t, a->college, &c, e);
		if (rc == 0) {
			rec_free(&college_desc, &c);
		} else if (rc == E_NOTFOUND) {
			rid id;
			if ((rc = college_ensure(t, a->college, &id, e)) != 0)
				return rc;
			a->college_new = true;
		} else {
			return rc;
		}
	}
	if (a->semester) {
		semester s = { 0 };
		int rc = semester_by_code(t, a->semester, &s, e);
		if (rc == E_NOTFOUND) {
			rid id;
			if ((rc = semester_ensure(t, a->semester, &id, e)) != 0)
				return rc;
			if ((rc = semester_get(t, &id, &s, e)) != 0)
				return rc == E_NOTFOUND
				       ? err_set(e, E_DB, _("the new semester cannot be read back")) : rc;
			a->semester_new = true;
		} else if (rc != 0) {
			return rc;
		}
		if (a->set_roster_due || a->set_summary_due) {
			if (a->set_roster_due)
				s.roster_due = a->set_roster_due;
			if (a->set_summary_due)
				s.summary_due = a->set_summary_due;
			if ((rc = semester_save(t, &s, e)) != 0) {
				rec_free(&semester_desc, &s);
				return rc;
			}
		}
		a->roster_due = s.roster_due;
		a->summary_due = s.summary_due;
		rec_free(&semester_desc, &s);
	}
	if (a->school) {
		int rc = model_school_set(t, a->school, e);
		if (rc)
			return rc;
	}
	return 0;
}

static int init_run(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "college", required_argument, NULL, 'c' },
		{ "semester", required_argument, NULL, 's' },
		{ "school", required_argument, NULL, 'S' },
		{ "roster-due", required_argument, NULL, 'r' },
		{ "summary-due", required_argument, NULL, 'u' },
		{ 0 },
	};
	struct init_args a = { 0 };
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_init, argc, argv, "", lo, init_opt, &a, &first, &done);
	if (rc || done)
		return rc;
	if (first < argc)
		return cli_usage(&cli_cmd_init, _("too many arguments"));
	if (a.college && !*a.college)
		return cli_usage(&cli_cmd_init, _("--college needs a name"));
	if (a.school && !*a.school)
		return cli_usage(&cli_cmd_init, _("--school needs a name"));
	if ((a.set_roster_due || a.set_summary_due) && !a.semester)
		return cli_usage(&cli_cmd_init, _("--roster-due and --summary-due need --semester"));
	if (a.semester) {
		semester_span sp;
		if (!semester_parse(a.semester, &sp)) {
			cli_error(_("--semester: '%s' is not a semester code such as 2025-2026-2"), a.semester);
			return E_INPUT;
		}
	}

	bool existed = cli_db_exists(c->db_dir);
	char *made = cli_open_fresh(c, &rc);
	if (rc) {
		cli_discard_fresh(c, made);   /* a full disk: nothing half made */
		return rc;
	}
	err e = { 0 };
	if ((rc = model_write(c->st, init_write, &a, &e)) != 0) {
		cli_discard_fresh(c, made);
		return cli_fail(&e);
	}
	free(made);

	if (existed)
		printf(_("The database in %s already exists.\n"), c->db_dir);
	else
		printf(_("Created the database in %s.\n"), c->db_dir);
	if (a.college)
		printf(a.college_new ? _("Created the college %s.\n")
				     : _("The college %s already exists.\n"), a.college);
	if (a.semester) {
		char name[64], r[11], s[11];
		semester_ui_name(a.semester, name);
		date_format(a.roster_due, r);
		date_format(a.summary_due, s);
		printf(a.semester_new ? _("Created the semester %s (%s).\n")
				      : _("The semester %s (%s) already exists.\n"), a.semester, name);
		if (a.roster_due)
			printf(_("  pairing name list due: %s\n"), r);
		if (a.summary_due)
			printf(_("  semester summary due:  %s\n"), s);
	}
	if (a.school)
		printf(_("The school's name for the documents is %s.\n"), a.school);
	return 0;
}

const struct cli_cmd cli_cmd_init = {
	"init",
	N_("[--college NAME] [--semester CODE [--roster-due DATE] [--summary-due DATE]] [--school NAME]"),
	N_("Create the database, optionally with a college, a semester (with the usual due dates, or the ones given) and the school's name for the documents' titles."),
	init_run,
};
