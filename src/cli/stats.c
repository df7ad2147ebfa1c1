/* stats.c — bangfu stats [--json] */
#include "config.h"

#include <getopt.h>

#include "cli/cli.h"
#include "model/model.h"
#include "util/i18n.h"

struct stats_args {
	bool json;
	model_stats st;
};

static int stats_opt(int ch, const char *arg, void *ctx)
{
	struct stats_args *a = ctx;
	if (ch == 'j')
		a->json = true;
	return 0;
}

static int stats_read(model_txn *t, void *ctx, err *e)
{
	struct stats_args *a = ctx;
	return model_stats_get(t, &a->st, e);
}

static int stats_run(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "json", no_argument, NULL, 'j' },
		{ 0 },
	};
	struct stats_args a = { 0 };
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_stats, argc, argv, "", lo, stats_opt, &a, &first, &done);
	if (rc || done)
		return rc;
	if (first < argc)
		return cli_usage(&cli_cmd_stats, _("too many arguments"));
	if ((rc = cli_open(c, false)) != 0)
		return rc;
	err e = { 0 };
	if ((rc = model_read(c->st, stats_read, &a, &e)) != 0)
		return cli_fail(&e);
	const model_stats *s = &a.st;
	if (a.json) {
		printf("{\"colleges\":%zu,\"students\":%zu,\"members\":%zu,\"targets\":%zu,"
		       "\"counsellors\":%zu,\"pairings\":%zu,\"talks\":%zu,\"aid\":%zu}\n",
		       s->colleges, s->students, s->members, s->targets,
		       s->counsellors, s->pairings, s->talks, s->aid);
		return 0;
	}
	printf(_("Database: %s\n"), c->db_dir);
	cli_count_row("", _("colleges"), s->colleges);
	cli_count_row("", _("students"), s->students);
	cli_count_row("", _("party members"), s->members);
	cli_count_row("", _("assisted students"), s->targets);
	cli_count_row("", _("counsellors"), s->counsellors);
	cli_count_row("", _("pairings"), s->pairings);
	cli_count_row("", _("talks"), s->talks);
	cli_count_row("", _("aid records"), s->aid);
	/* The semester's documents: days left, overdue ones marked (report.c). */
	return cli_deadlines(c, "");
}

const struct cli_cmd cli_cmd_stats = {
	"stats",
	N_("[--json]"),
	N_("Count the records of each kind."),
	stats_run,
};
