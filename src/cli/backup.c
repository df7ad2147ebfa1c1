/* backup.c — bangfu backup FILE: a consistent, compact copy. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "util/i18n.h"
#include "util/paths.h"

static int backup_run(struct cli_ctx *c, int argc, char **argv)
{
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_backup, argc, argv, "", NULL, NULL, NULL, &first, &done);
	if (rc || done)
		return rc;
	if (first >= argc)
		return cli_usage(&cli_cmd_backup, _("backup needs a file to write"));
	if (argc - first > 1)
		return cli_usage(&cli_cmd_backup, _("too many arguments"));
	const char *path = argv[first];
	struct stat sb;
	if (stat(path, &sb) == 0) {
		cli_error(_("%s already exists; choose a new file name"), path);
		return E_INPUT;
	}
	if ((rc = cli_open(c, false)) != 0)
		return rc;
	err e = { 0 };
	if ((rc = model_backup(c->st, path, &e)) != 0)
		return cli_fail(&e);
	char *db = paths_absolute(c->db_dir), *to = paths_absolute(path);
	printf(_("Backed up %s to %s.\n"), db, to);
	free(db);
	free(to);
	printf(_("To use it, copy it as data.mdb into an empty folder and run: bangfu --db FOLDER check\n"));
	return 0;
}

const struct cli_cmd cli_cmd_backup = {
	"backup",
	N_("FILE"),
	N_("Write a consistent, compact copy of the database to FILE (safe while others are writing)."),
	backup_run,
};
