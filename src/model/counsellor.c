#include "config.h"
/* counsellor.c — counsellors (辅导员): a college's student-affairs staff. */
#include "model/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

static const field_desc counsellor_fields[] = {
	FIELD(1, counsellor, staff_no, FT_STR),
	FIELD(2, counsellor, name, FT_STR),
	FIELD(3, counsellor, college_id, FT_ID),
	FIELD(4, counsellor, phone, FT_STR),
};
const record_desc counsellor_desc = {
	"counsellor", sizeof(counsellor), counsellor_fields,
	sizeof counsellor_fields / sizeof *counsellor_fields,
};

static size_t counsellor_keys(const void *rec, ix_entry out[IX_MAX_PER_RECORD])
{
	const counsellor *c = rec;
	out[0].db = IX_STAFF_NO;
	key_init(&out[0].key);
	key_str(&out[0].key, c->staff_no ? c->staff_no : "");
	out[0].has_val = true;
	out[0].val = c->m.id;
	return 1;
}

int counsellor_validate(store_txn *t, const counsellor *c, err *e)
{
	int rc;
	rid other;
	keybuf k;
	if ((rc = model_text(e, "staff_no", c->staff_no, 32, true)))
		return rc;
	if (!model_is_code(c->staff_no))
		return model_bad(e, "staff_no",
				 _("\"%s\" is not a staff number (letters and digits only)"),
				 c->staff_no);
	if ((rc = model_text(e, "name", c->name, 50, true))
	    || (rc = model_phone(e, "phone", c->phone)))
		return rc;
	if (rid_is_zero(&c->college_id))
		return model_bad(e, "college", "%s", _("required"));
	rc = model_exists(t, DB_COLLEGE, &c->college_id, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "college", "%s", _("no such college"));
	if (rc)
		return rc;
	key_init(&k);
	key_str(&k, c->staff_no);
	rc = model_ix_get(t, IX_STAFF_NO, &k, &other, e);
	if (rc == 0 && rid_cmp(&other, &c->m.id) != 0)
		return model_bad(e, "staff_no", _("staff number %s already exists"), c->staff_no);
	return rc == E_NOTFOUND ? 0 : rc;
}

static int validate_v(store_txn *t, const void *rec, err *e)
{
	return counsellor_validate(t, rec, e);
}

static void counsellor_label(store_txn *t, const void *rec, char *buf, size_t n)
{
	const counsellor *c = rec;
	snprintf(buf, n, "counsellor %s %s", c->staff_no ? c->staff_no : "",
		 c->name ? c->name : "");
}

const entity_ops counsellor_ops = {
	.desc = &counsellor_desc,
	.db = DB_COUNSELLOR,
	.keys = counsellor_keys,
	.validate = validate_v,
	.label = counsellor_label,
	.fix = NULL,
	.after = NULL,
};

int counsellor_save(store_txn *t, counsellor *c, err *e)
{
	return model_save(t, &counsellor_ops, c, e);
}

int counsellor_check(store_txn *t, const counsellor *in, counsellor *fixed, err *e)
{
	return model_try(t, &counsellor_ops, in, fixed, e);
}

int counsellor_get(store_txn *t, const rid *id, counsellor *out, err *e)
{
	return st_rec_get(t, DB_COUNSELLOR, &counsellor_desc, id, out, e);
}

int counsellor_by_no(store_txn *t, const char *no, counsellor *out, err *e)
{
	rid id;
	int rc = model_ix_lookup(t, IX_STAFF_NO, no, &id, e);
	return rc ? rc : counsellor_get(t, &id, out, e);
}
