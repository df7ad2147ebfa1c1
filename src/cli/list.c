/* list.c — bangfu list KIND [--college NAME] [--semester CODE] [--deleted]:
 * a header row and one tab-separated line per record, REF first, then
 * every field under its CSV name (model_field_*), masked for the role. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/model.h"
#include "util/i18n.h"

struct list_args {
	const record_desc *d;
	const char *college, *semester;
	bool deleted;
	role_t role;
	/* inside the transaction */
	model_txn *t;
	err *e;
	rid college_id;
	semester sem;
	bool have_sem;
	int rc;
};

static int list_opt(int ch, const char *arg, void *ctx)
{
	struct list_args *a = ctx;
	if (ch == 'c')
		a->college = arg;
	else if (ch == 's')
		a->semester = arg;
	else if (ch == 'd')
		a->deleted = true;
	return 0;
}

static void list_header(const record_desc *d)
{
	fputs("REF", stdout);
	for (size_t i = 0; i < model_nfields(d); i++) {
		putchar('\t');
		cli_tsv(model_field_name(d, i, cli_english()));
	}
	putchar('\n');
}

/* Whether rec passes --college and --semester. */
static int list_keep(struct list_args *a, const void *rec, bool *keep)
{
	*keep = true;
	if (a->college) {
		rid c;
		int rc = model_rec_college(a->t, a->d, rec, &c, a->e);
		if (rc)
			return rc;
		*keep = rid_cmp(&c, &a->college_id) == 0;
	}
	if (*keep && a->have_sem)
		return model_rec_in_semester(a->t, a->d, rec, &a->sem, keep, a->e);
	return 0;
}

static int list_one(const void *rec, void *ctx)
{
	struct list_args *a = ctx;
	char ref[MODEL_REF_MAX];
	bool keep;
	int rc = list_keep(a, rec, &keep);
	if (rc || !keep)
		return a->rc = rc;
	if ((rc = model_ref_of(a->t, a->d, rec, ref, sizeof ref, a->e)))
		return a->rc = rc;
	cli_tsv(ref);
	for (size_t i = 0; i < model_nfields(a->d); i++) {
		char *v;
		if ((rc = model_field_text(a->t, a->d, rec, i, a->role, &v, NULL, a->e)))
			return a->rc = rc;
		putchar('\t');
		cli_tsv(v);
		free(v);
	}
	putchar('\n');
	return 0;
}

static int list_read(model_txn *t, void *ctx, err *e)
{
	struct list_args *a = ctx;
	a->t = t;
	a->e = e;
	if (a->college) {
		college c;
		int rc = college_by_name(t, a->college, &c, e);
		if (rc == E_NOTFOUND)
			return err_set(e, E_INPUT, _("no college called \"%s\""), a->college);
		if (rc)
			return rc;
		a->college_id = c.m.id;
		rec_free(&college_desc, &c);
	}
	if (a->semester) {
		int rc = semester_by_code(t, a->semester, &a->sem, e);
		if (rc == E_NOTFOUND || rc == E_INPUT)
			return err_set(e, E_INPUT, _("no semester %s"), a->semester);
		if (rc)
			return rc;
		a->have_sem = true;
	}
	list_header(a->d);
	int rc = a->deleted ? model_each_deleted(t, a->d, list_one, a, e)
			    : model_each(t, a->d, list_one, a, e);
	return a->rc ? a->rc : rc;
}

static int list_run(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "college", required_argument, NULL, 'c' },
		{ "semester", required_argument, NULL, 's' },
		{ "deleted", no_argument, NULL, 'd' },
		{ 0 },
	};
	struct list_args a = { .role = c->role };
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_list, argc, argv, "", lo, list_opt, &a, &first, &done);
	if (rc || done)
		return rc;
	if (first >= argc)
		return cli_usage(&cli_cmd_list, _("list needs a kind of record"));
	if (argc - first > 1)
		return cli_usage(&cli_cmd_list, _("too many arguments"));
	if ((rc = cli_kind_arg(&cli_cmd_list, argv[first], &a.d)))
		return rc;
	if (a.semester && a.d != &pairing_desc && a.d != &talk_desc && a.d != &aid_desc)
		return cli_usage(&cli_cmd_list, _("--semester applies to pairings, talks and aid"));
	if ((rc = cli_open(c, false)) != 0)
		return rc;
	err e = { 0 };
	rc = model_read(c->st, list_read, &a, &e);
	if (a.have_sem)
		rec_free(&semester_desc, &a.sem);
	return rc ? cli_fail(&e) : 0;
}

const struct cli_cmd cli_cmd_list = {
	"list",
	N_("students|members|targets|counsellors|pairings|talks|aid [--college NAME] [--semester CODE] [--deleted]"),
	N_("List the records of a kind, one tab-separated line each: REF first, then the fields as the CSV columns name them (--semester: the pairings that run in it, their talks and aid; --deleted: the deleted records)."),
	list_run,
};
