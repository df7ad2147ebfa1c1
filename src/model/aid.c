#include "config.h"
/* aid.c — material help (物质救济) a member gives within a pairing. */
#include "model/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

static const field_desc aid_fields[] = {
	FIELD(1, aid, pairing_id, FT_ID),
	FIELD(2, aid, date, FT_DATE),
	FIELD(3, aid, kind, FT_STR),
	FIELD(4, aid, amount_fen, FT_INT),
	FIELD(5, aid, note, FT_STR),
};
const record_desc aid_desc = {
	"aid", sizeof(aid), aid_fields, sizeof aid_fields / sizeof *aid_fields,
};

/* 10,000 yuan: a party member's material aid is small (DOMAIN); anything
 * above is a slip of the keyboard (an extra zero, 分 typed as 元). */
enum { AMOUNT_MAX_YUAN = 10000, AMOUNT_MAX_FEN = AMOUNT_MAX_YUAN * 100 };

static size_t aid_keys(const void *rec, ix_entry out[IX_MAX_PER_RECORD])
{
	const aid *a = rec;
	out[0].db = IX_AID_PAIRING;
	key_init(&out[0].key);
	key_id(&out[0].key, &a->pairing_id);
	key_i32(&out[0].key, a->date);
	key_id(&out[0].key, &a->m.id);
	out[0].has_val = false;
	return 1;
}

int aid_validate(store_txn *t, const aid *a, err *e)
{
	pairing p;
	char day[11];
	int rc;
	if (!a->date)
		return model_bad(e, "date", "%s", _("required"));
	date_format(a->date, day);
	if (a->date > date_today())
		return model_bad(e, "date", _("%s is in the future"), day);
	if (a->amount_fen <= 0)
		return model_bad(e, "amount", "%s", _("must be more than 0 yuan"));
	if (a->amount_fen > AMOUNT_MAX_FEN) {
		char amt[32];
		money_format(a->amount_fen, amt, sizeof amt);
		return model_bad(e, "amount",
				 _("%s yuan is more than one record of aid holds (at most %d yuan): "
				   "check the amount"),
				 amt, (int)AMOUNT_MAX_YUAN);
	}
	if ((rc = model_choice_ok(e, "kind", aid_kind_values, a->kind, true))
	    || (rc = model_text(e, "note", a->note, 500, false)))
		return rc;
	if (rid_is_zero(&a->pairing_id))
		return model_bad(e, "pairing", "%s", _("required"));
	rc = pairing_get(t, &a->pairing_id, &p, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "pairing", "%s", _("no such pairing"));
	if (rc)
		return rc;
	bool active = pairing_active_on(&p, a->date);
	rec_free(&pairing_desc, &p);
	if (!active)
		return model_bad(e, "date", _("the pairing is not active on %s"), day);
	return 0;
}

static int validate_v(store_txn *t, const void *rec, err *e)
{
	return aid_validate(t, rec, e);
}

static void aid_label(store_txn *t, const void *rec, char *buf, size_t n)
{
	const aid *a = rec;
	pairing p;
	char who[128] = "?", day[11];
	if (pairing_get(t, &a->pairing_id, &p, NULL) == 0) {
		model_student_label(t, &p.target_id, who, sizeof who);
		rec_free(&pairing_desc, &p);
	}
	date_format(a->date, day);
	snprintf(buf, n, "aid to %s on %s", who, day);
}

static int aid_fix(store_txn *t, void *work, const void *old, err *e)
{
	aid *a = work;
	model_canon(aid_kind_values, &a->kind);
	return 0;
}

const entity_ops aid_ops = {
	.desc = &aid_desc,
	.db = DB_AID,
	.keys = aid_keys,
	.validate = validate_v,
	.label = aid_label,
	.fix = aid_fix,
	.after = NULL,
};

int aid_save(store_txn *t, aid *a, err *e)
{
	return model_save(t, &aid_ops, a, e);
}

int aid_check(store_txn *t, const aid *in, aid *fixed, err *e)
{
	return model_try(t, &aid_ops, in, fixed, e);
}

int aid_get(store_txn *t, const rid *id, aid *out, err *e)
{
	return st_rec_get(t, DB_AID, &aid_desc, id, out, e);
}
