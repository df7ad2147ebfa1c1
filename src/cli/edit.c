/* edit.c — bangfu edit KIND REF [--rev N] FIELD=VALUE...: changes fields
 * of one record (named as the CSV columns name them, values as a CSV cell
 * has them) through the entity's save, in one write: a broken rule is
 * exit 1 with the reason and nothing written; a record changed by someone
 * else since revision N is exit 3. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/model.h"
#include "util/i18n.h"

struct edit_set {
	const char *value;
	size_t field;
	char *old, *now;       /* the field's text before and after */
};

struct edit_args {
	const record_desc *d;
	const char *ref;
	long rev;              /* -1: any */
	role_t role;
	struct edit_set *sets;
	size_t n;
	/* what the write did */
	char refnow[MODEL_REF_MAX];
	bool changed;
};

static int edit_opt(int ch, const char *arg, void *ctx)
{
	struct edit_args *a = ctx;
	if (ch == 'r' && !cli_parse_count(arg, &a->rev))
		return cli_usage(&cli_cmd_edit, _("--rev needs a revision number"));
	return 0;
}

static void edit_reset(struct edit_args *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->sets[i].old);
		free(a->sets[i].now);
		a->sets[i].old = a->sets[i].now = NULL;
	}
	a->refnow[0] = '\0';
	a->changed = false;
}

/* Each field's text as stored now, into set->now. */
static int edit_after(model_txn *t, struct edit_args *a, const rid *id, void *rec, err *e)
{
	int rc = model_get(t, a->d, id, rec, e);
	if (rc)
		return rc == E_NOTFOUND ? E_DB : rc;
	cli_ref(t, a->d, rec, a->refnow, sizeof a->refnow);
	for (size_t i = 0; i < a->n && !rc; i++)
		rc = model_field_text(t, a->d, rec, a->sets[i].field, a->role, &a->sets[i].now,
				      NULL, e);
	rec_free(a->d, rec);
	return rc;
}

static int edit_write(model_txn *t, void *ctx, err *e)
{
	struct edit_args *a = ctx;
	const record_desc *d = a->d;
	edit_reset(a);
	void *rec = xcalloc(1, d->size), *was = xcalloc(1, d->size);
	int rc = cli_record(t, d, a->ref, false, rec, e);
	if (rc) {
		free(rec);
		free(was);
		return rc;
	}
	rec_copy(d, was, rec);
	rid id = ((rec_meta *)rec)->id;
	if (a->rev >= 0)
		((rec_meta *)rec)->rev = (uint32_t)a->rev;
	for (size_t i = 0; i < a->n && !rc; i++) {
		struct edit_set *s = &a->sets[i];
		rc = model_field_text(t, d, rec, s->field, a->role, &s->old, NULL, e);
		if (!rc)
			rc = model_field_set(t, d, rec, s->field, s->value, a->role, e);
	}
	a->changed = !rc && rec_diff(d, was, rec) != 0;
	if (a->changed) {
		rc = model_save_rec(t, d, rec, e);
		if (rc == E_INPUT)
			model_field_err(d, e);
	}
	rec_free(d, rec);
	if (!rc)
		rc = edit_after(t, a, &id, rec, e);
	rec_free(d, was);
	free(rec);
	free(was);
	return rc;
}

/* FIELD=VALUE operands into a->sets: 0, or the exit status of a bad one. */
static int edit_parse(struct edit_args *a, int argc, char **argv)
{
	a->sets = xcalloc((size_t)argc + 1, sizeof *a->sets);
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq || eq == argv[i]) {
			char buf[512];
			snprintf(buf, sizeof buf, _("FIELD=VALUE expected, not \"%s\""), argv[i]);
			return cli_usage(&cli_cmd_edit, buf);
		}
		*eq = '\0';
		int f = model_field_find(a->d, argv[i]);
		if (f < 0) {
			char list[1024] = "";
			for (size_t j = 0; j < model_nfields(a->d); j++) {
				if (!model_field_editable(a->d, j))
					continue;
				if (*list)
					strncat(list, ", ", sizeof list - strlen(list) - 1);
				strncat(list, model_field_name(a->d, j, cli_english()),
					sizeof list - strlen(list) - 1);
			}
			cli_error(_("a %s has no field \"%s\" (its fields: %s)"),
				  model_desc_title(a->d), argv[i], list);
			return E_INPUT;
		}
		a->sets[a->n].field = (size_t)f;
		a->sets[a->n++].value = eq + 1;
	}
	return 0;
}

static int edit_run(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "rev", required_argument, NULL, 'r' },
		{ 0 },
	};
	struct edit_args a = { .rev = -1, .role = c->role };
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_edit, argc, argv, "", lo, edit_opt, &a, &first, &done);
	if (rc || done)
		return rc;
	if (argc - first < 3)
		return cli_usage(&cli_cmd_edit, _("edit needs a kind of record, its REF and FIELD=VALUE"));
	a.ref = argv[first + 1];
	if (!(rc = cli_kind_arg(&cli_cmd_edit, argv[first], &a.d)))
		rc = edit_parse(&a, argc - first - 2, argv + first + 2);
	if (!rc)
		rc = cli_open(c, false);
	err e = { 0 };
	if (!rc && (rc = model_write(c->st, edit_write, &a, &e)))
		rc = cli_fail(&e);
	if (!rc && !a.changed)
		printf(_("%s %s: nothing to change\n"), model_desc_title(a.d), a.refnow);
	else if (!rc) {
		printf(_("changed %s %s\n"), model_desc_title(a.d), a.refnow);
		for (size_t i = 0; i < a.n; i++)
			printf("  %s: %s → %s\n", model_field_name(a.d, a.sets[i].field, cli_english()),
			       a.sets[i].old, a.sets[i].now);
	}
	edit_reset(&a);
	free(a.sets);
	return rc;
}

const struct cli_cmd cli_cmd_edit = {
	"edit",
	N_("KIND REF [--rev N] FIELD=VALUE..."),
	N_("Change fields of one record, FIELD by its CSV column name (Chinese or English), VALUE as in a CSV cell; through the same rules as an import (--rev: refuse if the record changed since revision N)."),
	edit_run,
};
