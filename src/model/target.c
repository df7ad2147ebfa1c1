#include "config.h"
/* target.c — assisted-student profiles (帮扶对象): kinds of difficulty,
 * hardship tier, situation (sensitive), status. */
#include "model/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

static const field_desc target_fields[] = {
	FIELD(1, target, student_id, FT_ID),
	FIELD(2, target, kinds, FT_BITS),
	FIELD(3, target, tier, FT_STR),
	FIELD(4, target, situation, FT_STR),
	FIELD(5, target, status, FT_STR),
};
const record_desc target_desc = {
	"target", sizeof(target), target_fields,
	sizeof target_fields / sizeof *target_fields,
};

enum { KINDS_ALL = KIND_ACADEMIC | KIND_FINANCIAL | KIND_PSYCH };

static size_t target_keys(const void *rec, ix_entry out[IX_MAX_PER_RECORD])
{
	const target *g = rec;
	out[0].db = IX_TARGET_STUDENT;
	key_init(&out[0].key);
	key_id(&out[0].key, &g->student_id);
	out[0].has_val = true;
	out[0].val = g->m.id;
	return 1;
}

/* The profile's own rules, apart from its student. */
static int own_rules(const target *g, err *e)
{
	int rc;
	if (!(g->kinds & KINDS_ALL))
		return model_bad(e, "kinds", "%s",
				 _("at least one kind of difficulty is required"));
	if (g->kinds & ~(uint32_t)KINDS_ALL)
		return model_bad(e, "kinds", "%s", _("unknown kind of difficulty"));
	if ((rc = model_choice_ok(e, "tier", tier_values, g->tier, false)))
		return rc;
	if (g->tier && *g->tier && !(g->kinds & KIND_FINANCIAL))
		return model_bad(e, "tier", "%s",
				 _("a hardship tier goes only with financial difficulty"));
	if ((rc = model_text(e, "situation", g->situation, 2000, false))
	    || (rc = model_choice_ok(e, "status", target_status_values, g->status, true)))
		return rc;
	return 0;
}

int target_validate(store_txn *t, const target *g, err *e)
{
	rid other;
	keybuf k;
	int rc;
	if (rid_is_zero(&g->student_id))
		return model_bad(e, "student", "%s", _("required"));
	rc = model_exists(t, DB_STUDENT, &g->student_id, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "student", "%s", _("no such student"));
	if (rc)
		return rc;
	if ((rc = own_rules(g, e)))
		return rc;
	key_init(&k);
	key_id(&k, &g->student_id);
	rc = model_ix_get(t, IX_TARGET_STUDENT, &k, &other, e);
	if (rc == 0 && rid_cmp(&other, &g->m.id) != 0) {
		char who[128];
		model_student_label(t, &g->student_id, who, sizeof who);
		return model_bad(e, "student", _("%s already has a target profile"), who);
	}
	return rc == E_NOTFOUND ? 0 : rc;
}

static int validate_v(store_txn *t, const void *rec, err *e)
{
	return target_validate(t, rec, e);
}

static void target_label(store_txn *t, const void *rec, char *buf, size_t n)
{
	const target *g = rec;
	char who[128];
	model_student_label(t, &g->student_id, who, sizeof who);
	snprintf(buf, n, "target %s", who);
}

static int target_fix(store_txn *t, void *work, const void *old, err *e)
{
	target *g = work;
	model_canon(tier_values, &g->tier);
	if (!g->status || !*g->status) {
		free(g->status);
		g->status = xstrdup(target_status_values[0]);
	}
	model_canon(target_status_values, &g->status);
	return 0;
}

const entity_ops target_ops = {
	.desc = &target_desc,
	.db = DB_TARGET,
	.keys = target_keys,
	.validate = validate_v,
	.label = target_label,
	.fix = target_fix,
	.after = NULL,
};

int target_save(store_txn *t, target *g, err *e)
{
	return model_save(t, &target_ops, g, e);
}

int target_check(store_txn *t, const target *in, target *fixed, err *e)
{
	return model_try(t, &target_ops, in, fixed, e);
}

/* A new student has no profile yet: only the profile's own rules. */
static int validate_new_student(store_txn *t, const void *rec, err *e)
{
	(void)t;
	return own_rules(rec, e);
}

int target_check_new_student(store_txn *t, const target *in, target *fixed, err *e)
{
	entity_ops ops = target_ops;
	ops.validate = validate_new_student;
	return model_try(t, &ops, in, fixed, e);
}

int target_get(store_txn *t, const rid *id, target *out, err *e)
{
	return st_rec_get(t, DB_TARGET, &target_desc, id, out, e);
}

int target_of_student(store_txn *t, const rid *student_id, target *out, err *e)
{
	keybuf k;
	rid id;
	key_init(&k);
	key_id(&k, student_id);
	int rc = model_ix_get(t, IX_TARGET_STUDENT, &k, &id, e);
	if (rc)
		return rc;
	return target_get(t, &id, out, e);
}
