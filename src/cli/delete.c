/* delete.c — bangfu delete KIND REF [--rev N]: marks one record deleted
 * (a tombstone: undelete brings it back), or says why it may not be. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "model/model.h"
#include "util/i18n.h"

struct delete_args {
	const record_desc *d;
	const char *ref;
	long rev;              /* -1: any */
	char refnow[MODEL_REF_MAX];
	char title[512];
};

static int delete_opt(int ch, const char *arg, void *ctx)
{
	struct delete_args *a = ctx;
	if (ch == 'r' && !cli_parse_count(arg, &a->rev))
		return cli_usage(&cli_cmd_delete, _("--rev needs a revision number"));
	return 0;
}

static int delete_write(model_txn *t, void *ctx, err *e)
{
	struct delete_args *a = ctx;
	void *rec = xcalloc(1, a->d->size);
	int rc = cli_record(t, a->d, a->ref, false, rec, e);
	if (rc) {
		free(rec);
		return rc;
	}
	const rec_meta *m = rec;
	rid id = m->id;
	cli_ref(t, a->d, rec, a->refnow, sizeof a->refnow);
	model_label_text(t, a->d, rec, a->title, sizeof a->title);
	rec_free(a->d, rec);
	free(rec);
	return model_delete(t, a->d, &id, a->rev >= 0 ? (uint32_t)a->rev : 0, e);
}

static int delete_run(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "rev", required_argument, NULL, 'r' },
		{ 0 },
	};
	struct delete_args a = { .rev = -1 };
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_delete, argc, argv, "", lo, delete_opt, &a, &first, &done);
	if (rc || done)
		return rc;
	if (argc - first != 2)
		return cli_usage(&cli_cmd_delete, _("delete needs a kind of record and its REF"));
	a.ref = argv[first + 1];
	if ((rc = cli_kind_arg(&cli_cmd_delete, argv[first], &a.d)))
		return rc;
	if ((rc = cli_open(c, false)) != 0)
		return rc;
	err e = { 0 };
	if ((rc = model_write(c->st, delete_write, &a, &e)))
		return cli_fail(&e);
	printf(_("deleted %s (REF %s; undelete brings it back)\n"), a.title, a.refnow);
	return 0;
}

const struct cli_cmd cli_cmd_delete = {
	"delete",
	N_("KIND REF [--rev N]"),
	N_("Delete one record (it is kept as deleted: undelete brings it back); refused, with the reason, while other records depend on it."),
	delete_run,
};
