/* status.c — `bangfu` without a command: where the database is, its schema,
 * what it holds, the current semester and its due dates. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/model.h"
#include "util/i18n.h"

struct status_info {
	uint32_t schema;
	model_stats st;
	size_t overdue;
	bool review_due;       /* today is past the current semester's end */
	char next[SEMESTER_CODE_MAX];
};

static int status_read(model_txn *t, void *ctx, err *e)
{
	struct status_info *s = ctx;
	int rc;
	s->schema = SCHEMA_VERSION;
	if ((rc = model_schema_version(t, &s->schema, e)) != 0)
		return rc;
	if ((rc = model_stats_get(t, &s->st, e)) != 0)
		return rc;
	overdue_row *rows = NULL;
	if ((rc = model_overdue(t, NULL, 0, date_today(), &rows, &s->overdue, e)) != 0)
		return rc;
	free(rows);
	return model_semester_review_due(t, date_today(), &s->review_due, s->next, sizeof s->next, e);
}

int cli_status(struct cli_ctx *c)
{
	if (!cli_db_exists(c->db_dir)) {
		printf(_("No database in %s yet.\n"), c->db_dir);
		printf(_("Create one with 'bangfu init', fill it with 'bangfu import' or try 'bangfu demo'; 'bangfu --help' lists every command.\n"));
		return 0;
	}
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	struct status_info s = { 0 };
	err e = { 0 };
	if ((rc = model_read(c->st, status_read, &s, &e)) != 0)
		return cli_fail(&e);

	printf(_("Database: %s\n"), c->db_dir);
	printf(_("Schema version: %u\n"), (unsigned)s.schema);
	cli_count_row("  ", _("colleges"), s.st.colleges);
	cli_count_row("  ", _("students"), s.st.students);
	cli_count_row("  ", _("party members"), s.st.members);
	cli_count_row("  ", _("assisted students"), s.st.targets);
	cli_count_row("  ", _("counsellors"), s.st.counsellors);
	cli_count_row("  ", _("pairings"), s.st.pairings);
	cli_count_row("  ", _("talks"), s.st.talks);
	cli_count_row("  ", _("aid records"), s.st.aid);

	/* The semester's documents: days left, overdue ones marked (report.c,
	 * through model_deadlines_get). */
	if ((rc = cli_deadlines(c, "")) != 0)
		return rc;
	if (s.overdue)
		printf(ngettext("%zu pairing has had no talk for too long.\n",
				"%zu pairings have had no talk for too long.\n", s.overdue), s.overdue);
	if (s.review_due && *s.next)
		printf(_("The current semester has ended: start the next with 'bangfu semester start %s'.\n"),
		       s.next);
	printf(_("'bangfu --help' lists every command.\n"));
	return 0;
}
