#include "config.h"
/* college.c — colleges (学院): the units that run the programme. */
#include "model/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

static const field_desc college_fields[] = {
	FIELD(1, college, name, FT_STR),
	FIELD(2, college, code, FT_STR),
	FIELD(3, college, branches, FT_STR),
	FIELD(4, college, pair_limit, FT_INT),
	FIELD(5, college, overdue_days, FT_INT),
};
const record_desc college_desc = {
	"college", sizeof(college), college_fields,
	sizeof college_fields / sizeof *college_fields,
};

enum { PAIR_LIMIT_DEFAULT = 1, PAIR_LIMIT_MAX = 10 };
enum { OVERDUE_DEFAULT = 14, OVERDUE_MAX = 366 };

static size_t college_keys(const void *rec, ix_entry out[IX_MAX_PER_RECORD])
{
	const college *c = rec;
	out[0].db = IX_COLLEGE_NAME;
	key_init(&out[0].key);
	key_str(&out[0].key, c->name ? c->name : "");
	out[0].has_val = true;
	out[0].val = c->m.id;
	return 1;
}

int college_validate(store_txn *t, const college *c, err *e)
{
	int rc;
	rid other;
	keybuf k;
	if ((rc = model_text(e, "name", c->name, 60, true))
	    || (rc = model_text(e, "code", c->code, 20, false))
	    || (rc = model_text(e, "branches", c->branches, 500, false)))
		return rc;
	if (c->pair_limit < 0 || c->pair_limit > PAIR_LIMIT_MAX)
		return model_bad(e, "pair_limit", _("must be between 0 (default %d) and %d"),
				 PAIR_LIMIT_DEFAULT, PAIR_LIMIT_MAX);
	if (c->overdue_days < 0 || c->overdue_days > OVERDUE_MAX)
		return model_bad(e, "overdue_days", _("must be between 0 (default %d) and %d"),
				 OVERDUE_DEFAULT, OVERDUE_MAX);
	key_init(&k);
	key_str(&k, c->name);
	rc = model_ix_get(t, IX_COLLEGE_NAME, &k, &other, e);
	if (rc == 0 && rid_cmp(&other, &c->m.id) != 0)
		return model_bad(e, "name", _("college %s already exists"), c->name);
	return rc == E_NOTFOUND ? 0 : rc;
}

static int validate_v(store_txn *t, const void *rec, err *e)
{
	return college_validate(t, rec, e);
}

static void college_label(store_txn *t, const void *rec, char *buf, size_t n)
{
	const college *c = rec;
	snprintf(buf, n, "college %s", c->name ? c->name : "");
}

const entity_ops college_ops = {
	.desc = &college_desc,
	.db = DB_COLLEGE,
	.keys = college_keys,
	.validate = validate_v,
	.label = college_label,
	.fix = NULL,
	.after = NULL,
};

int college_save(store_txn *t, college *c, err *e)
{
	return model_save(t, &college_ops, c, e);
}

int college_check(store_txn *t, const college *in, college *fixed, err *e)
{
	return model_try(t, &college_ops, in, fixed, e);
}

int college_get(store_txn *t, const rid *id, college *out, err *e)
{
	return st_rec_get(t, DB_COLLEGE, &college_desc, id, out, e);
}

int college_by_name(store_txn *t, const char *name, college *out, err *e)
{
	rid id;
	int rc = model_ix_lookup(t, IX_COLLEGE_NAME, name, &id, e);
	return rc ? rc : college_get(t, &id, out, e);
}

int college_ensure(store_txn *t, const char *name, rid *id, err *e)
{
	college c;
	int rc = college_by_name(t, name, &c, e);
	if (rc == 0) {
		*id = c.m.id;
		rec_free(&college_desc, &c);
		return 0;
	}
	if (rc != E_NOTFOUND)
		return rc;
	memset(&c, 0, sizeof c);
	c.name = (char *)name;
	if ((rc = college_save(t, &c, e)))
		return rc;
	*id = c.m.id;
	return 0;
}

int64_t college_pair_limit(const college *c)
{
	return c && c->pair_limit > 0 ? c->pair_limit : PAIR_LIMIT_DEFAULT;
}

int64_t college_overdue_days(const college *c)
{
	return c && c->overdue_days > 0 ? c->overdue_days : OVERDUE_DEFAULT;
}

int college_overdue_days_of(store_txn *t, const rid *id, int64_t *out, err *e)
{
	college c;
	int rc = college_get(t, id, &c, e);
	if (rc != 0 && rc != E_NOTFOUND)
		return rc;
	*out = college_overdue_days(rc == 0 ? &c : NULL);
	if (rc == 0)
		rec_free(&college_desc, &c);
	return 0;
}
