/* show.c — bangfu show KIND REF: one FIELD<TAB>VALUE line per field, the
 * names as the CSV columns have them, masked for the role. */
#include "config.h"

#include <stdlib.h>

#include "cli/cli.h"
#include "model/model.h"
#include "util/i18n.h"

struct show_args {
	const record_desc *d;
	const char *ref;
	role_t role;
};

static int show_read(model_txn *t, void *ctx, err *e)
{
	struct show_args *a = ctx;
	void *rec = xcalloc(1, a->d->size);
	int rc = cli_record(t, a->d, a->ref, false, rec, e);
	if (rc) {
		free(rec);
		return rc;
	}
	for (size_t i = 0; i < model_nfields(a->d) && !rc; i++) {
		char *v;
		if ((rc = model_field_text(t, a->d, rec, i, a->role, &v, NULL, e)))
			break;
		cli_tsv(model_field_name(a->d, i, cli_english()));
		putchar('\t');
		cli_tsv(v);
		putchar('\n');
		free(v);
	}
	rec_free(a->d, rec);
	free(rec);
	return rc;
}

static int show_run(struct cli_ctx *c, int argc, char **argv)
{
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_show, argc, argv, "", NULL, NULL, NULL, &first, &done);
	if (rc || done)
		return rc;
	if (argc - first != 2)
		return cli_usage(&cli_cmd_show, _("show needs a kind of record and its REF"));
	struct show_args a = { .ref = argv[first + 1], .role = c->role };
	if ((rc = cli_kind_arg(&cli_cmd_show, argv[first], &a.d)))
		return rc;
	if ((rc = cli_open(c, false)) != 0)
		return rc;
	err e = { 0 };
	rc = model_read(c->st, show_read, &a, &e);
	return rc ? cli_fail(&e) : 0;
}

const struct cli_cmd cli_cmd_show = {
	"show",
	N_("KIND REF"),
	N_("Show one record (student, member, target, counsellor, pairing, talk, aid, college or semester), one FIELD<TAB>VALUE line per field."),
	show_run,
};
