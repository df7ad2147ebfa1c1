/* demo.c — bangfu demo [--students N] [--talks N] [--seed N] */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/demo.h"
#include "util/i18n.h"

static int demo_opt(int ch, const char *arg, void *ctx)
{
	demo_opts *o = ctx;
	long v;
	const char *name = ch == 's' ? "--students" : ch == 't' ? "--talks" : "--seed";
	if (!cli_parse_count(arg, &v)) {
		char buf[256];
		snprintf(buf, sizeof buf, _("%s needs a whole number, not '%s'"), name, arg);
		return cli_usage(&cli_cmd_demo, buf);
	}
	if (ch == 's')
		o->students = (size_t)v;
	else if (ch == 't')
		o->talks = (size_t)v;
	else
		o->seed = (uint64_t)v;
	return 0;
}

static const char *demo_stage_name(const char *stage)
{
	if (strcmp(stage, "students") == 0)
		return _("students");
	if (strcmp(stage, "pairings") == 0)
		return _("pairings");
	if (strcmp(stage, "talks") == 0)
		return _("talks");
	if (strcmp(stage, "aid") == 0)
		return _("aid records");
	return stage;
}

static void demo_progress(const char *stage, size_t done, size_t total, void *ctx)
{
	cli_progress(demo_stage_name(stage), done, total);
}

static int demo_run(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "students", required_argument, NULL, 's' },
		{ "talks", required_argument, NULL, 't' },
		{ "seed", required_argument, NULL, 'r' },
		{ 0 },
	};
	demo_opts o;
	demo_opts_init(&o);
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_demo, argc, argv, "", lo, demo_opt, &o, &first, &done);
	if (rc || done)
		return rc;
	if (first < argc)
		return cli_usage(&cli_cmd_demo, _("too many arguments"));
	char *made = cli_open_fresh(c, &rc);
	if (rc) {
		cli_discard_fresh(c, made);
		return rc;
	}
	if (cli_progress_on())
		o.progress = demo_progress;
	demo_result r = { 0 };
	err e = { 0 };
	rc = model_demo(c->st, &o, &r, &e);
	cli_progress_end();
	if (rc) {
		cli_discard_fresh(c, made);   /* a demo that failed leaves nothing */
		return cli_fail(&e);
	}
	free(made);
	printf(_("Filled %s with demonstration data (seed %llu):\n"), c->db_dir,
	       (unsigned long long)o.seed);
	cli_count_row("  ", _("colleges"), r.colleges);
	cli_count_row("  ", _("semesters"), r.semesters);
	cli_count_row("  ", _("counsellors"), r.counsellors);
	cli_count_row("  ", _("students"), r.students);
	cli_count_row("  ", _("party members"), r.members);
	cli_count_row("  ", _("assisted students"), r.targets);
	cli_count_row("  ", _("pairings"), r.pairings);
	cli_count_row("  ", _("talks"), r.talks);
	cli_count_row("  ", _("aid records"), r.aid);
	return 0;
}

const struct cli_cmd cli_cmd_demo = {
	"demo",
	N_("[--students N] [--talks N] [--seed N]"),
	N_("Fill an empty database with realistic, made-up data (the same seed gives the same data)."),
	demo_run,
};
