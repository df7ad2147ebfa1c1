/* check.c — bangfu check: structure, indexes and every rule. */
#include "config.h"

#include "cli/cli.h"
#include "model/model.h"
#include "util/i18n.h"

struct check_args {
	errlist probs;
};

static int check_read(model_txn *t, void *ctx, err *e)
{
	struct check_args *a = ctx;
	errlist_free(&a->probs);
	return model_check(t, &a->probs, e);
}

static int check_run(struct cli_ctx *c, int argc, char **argv)
{
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_check, argc, argv, "", NULL, NULL, NULL, &first, &done);
	if (rc || done)
		return rc;
	if (first < argc)
		return cli_usage(&cli_cmd_check, _("too many arguments"));
	if ((rc = cli_open(c, false)) != 0)
		return rc;
	struct check_args a = { 0 };
	err e = { 0 };
	rc = model_read(c->st, check_read, &a, &e);
	for (size_t i = 0; i < a.probs.n; i++)
		printf("%s\n", a.probs.msg[i]);
	if (rc || a.probs.n) {
		if (e.msg[0])
			cli_error("%s", e.msg);
		cli_error(_("the database in %s has %zu problem(s)"), c->db_dir, a.probs.n);
		char hint[1024];
		model_backup_hint(c->db_dir, hint, sizeof hint);
		cli_error("%s", hint);
		errlist_free(&a.probs);
		return E_DB;
	}
	errlist_free(&a.probs);
	printf(_("The database in %s is sound.\n"), c->db_dir);
	return 0;
}

const struct cli_cmd cli_cmd_check = {
	"check",
	"",
	N_("Verify the database: its structure, every index and every rule of the programme."),
	check_run,
};
