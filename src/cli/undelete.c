/* undelete.c — bangfu undelete KIND REF: brings a deleted record back,
 * through the entity's rules, or says why it may not come back. */
#include "config.h"

#include <stdlib.h>

#include "cli/cli.h"
#include "model/model.h"
#include "util/i18n.h"

struct undelete_args {
	const record_desc *d;
	const char *ref;
	char refnow[MODEL_REF_MAX];
	char title[512];
};

static int undelete_write(model_txn *t, void *ctx, err *e)
{
	struct undelete_args *a = ctx;
	rid id;
	int rc = model_ref_find(t, a->d, a->ref, true, &id, e);
	if (!rc)
		rc = model_undelete(t, a->d, &id, e);
	if (rc == E_NOTFOUND)
		return err_set(e, E_INPUT, _("no deleted %s with REF \"%s\""),
			       model_desc_title(a->d), a->ref);
	if (rc)
		return rc;
	void *rec = xcalloc(1, a->d->size);
	rc = model_get(t, a->d, &id, rec, e);
	if (rc == 0) {
		cli_ref(t, a->d, rec, a->refnow, sizeof a->refnow);
		model_label_text(t, a->d, rec, a->title, sizeof a->title);
		rec_free(a->d, rec);
	}
	free(rec);
	return rc == E_NOTFOUND ? err_set(e, E_DB, "%s", _("the record did not come back")) : rc;
}

static int undelete_run(struct cli_ctx *c, int argc, char **argv)
{
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_undelete, argc, argv, "", NULL, NULL, NULL, &first, &done);
	if (rc || done)
		return rc;
	if (argc - first != 2)
		return cli_usage(&cli_cmd_undelete, _("undelete needs a kind of record and its REF"));
	struct undelete_args a = { .ref = argv[first + 1] };
	if ((rc = cli_kind_arg(&cli_cmd_undelete, argv[first], &a.d)))
		return rc;
	if ((rc = cli_open(c, false)) != 0)
		return rc;
	err e = { 0 };
	if ((rc = model_write(c->st, undelete_write, &a, &e)))
		return cli_fail(&e);
	printf(_("brought back %s (REF %s)\n"), a.title, a.refnow);
	return 0;
}

const struct cli_cmd cli_cmd_undelete = {
	"undelete",
	N_("KIND REF"),
	N_("Bring a deleted record back (bangfu list KIND --deleted shows them), through the same rules as a new one."),
	undelete_run,
};
