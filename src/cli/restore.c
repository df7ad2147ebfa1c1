/* restore.c — bangfu restore FILE: shows what a backup holds and, after a
 * question (or --yes), puts it back as the database; the database it
 * replaces is kept as a backup itself. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "model/model.h"
#include "util/i18n.h"
#include "util/paths.h"

struct restore_args {
	bool yes;
};

static int restore_opt(int ch, const char *arg, void *ctx)
{
	struct restore_args *a = ctx;
	(void)arg;
	if (ch == 'y')
		a->yes = true;
	return 0;
}

/* A line from stdin: y, yes or 是 (or 好, 对) says yes. */
static bool ask_yes(void)
{
	char line[64];
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return false;
	line[strcspn(line, "\r\n")] = '\0';
	char *p = line;
	while (*p == ' ')
		p++;
	return strcmp(p, "y") == 0 || strcmp(p, "Y") == 0 || strcmp(p, "yes") == 0 ||
	       strcmp(p, "是") == 0 || strcmp(p, "好") == 0 || strcmp(p, "对") == 0 ||
	       strcmp(p, _("y")) == 0;
}

static void show_plan(const char *file, const model_restore_plan *p)
{
	char when[32];
	time_t t = (time_t)p->made;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	printf(_("Backup %s\n"), file);
	printf("  ");
	cli_label(_("made"), 20);
	printf("%s\n", when);
	cli_count_row("  ", _("colleges"), p->stats.colleges);
	cli_count_row("  ", _("students"), p->stats.students);
	cli_count_row("  ", _("pairings"), p->stats.pairings);
	cli_count_row("  ", _("talks"), p->stats.talks);
	printf("  ");
	cli_label(_("check"), 20);
	printf("%s\n", _("sound"));
}

static int restore_run(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "yes", no_argument, NULL, 'y' },
		{ 0 },
	};
	struct restore_args a = { 0 };
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_restore, argc, argv, "", lo, restore_opt, &a, &first, &done);
	if (rc || done)
		return rc;
	if (first >= argc)
		return cli_usage(&cli_cmd_restore, _("restore needs the backup file to put back"));
	if (argc - first > 1)
		return cli_usage(&cli_cmd_restore, _("too many arguments"));
	const char *file = argv[first];

	model_restore_plan p;
	err e = { 0 };
	if (model_restore_prepare(c->db_dir, file, &p, &e) != 0) {
		model_restore_done(&p);
		return cli_fail(&e);
	}
	if (p.verdict != RESTORE_SOUND) {
		if (p.verdict == RESTORE_NOT_BANGFU)
			cli_error(_("%s is not a bangfu backup (%s); nothing was changed"), file, p.why);
		else
			cli_error(_("%s is damaged (%s); nothing was changed. Choose another backup"),
				  file, p.why);
		rc = p.verdict == RESTORE_NOT_BANGFU ? E_INPUT : E_DB;
		model_restore_done(&p);
		return rc;
	}
	show_plan(file, &p);
	bool had = cli_db_exists(c->db_dir);
	if (!a.yes) {
		if (had)
			printf(_("Put it back as the database in %s? The database there now is kept "
				 "as a backup. [y/N] "),
			       c->db_dir);
		else
			printf(_("Put it back as the database in %s? [y/N] "), c->db_dir);
		if (!ask_yes()) {
			printf(_("Nothing was changed.\n"));
			model_restore_done(&p);
			return E_INPUT;
		}
	}
	char *kept = NULL;
	rc = model_restore_commit(&p, &kept, &e);
	model_restore_done(&p);
	if (rc)
		return cli_fail(&e);
	char *db = paths_absolute(c->db_dir);
	printf(_("Restored %s as the database in %s.\n"), file, db);
	if (kept)
		printf(_("The database it replaced is kept as %s (to undo: bangfu --db %s restore %s).\n"),
		       kept, db, kept);
	free(db);
	free(kept);
	return 0;
}

const struct cli_cmd cli_cmd_restore = {
	"restore",
	N_("[--yes] FILE"),
	N_("Show what a backup holds and put it back as the database, keeping the one it "
	   "replaces as a backup (--yes: without asking)."),
	restore_run,
};
