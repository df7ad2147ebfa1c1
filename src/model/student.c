#include "config.h"
/* student.c — students: party members, assisted students and everyone else
 * on a college's roster. Keeps the member profile in step with the
 * political status. */
#include "model/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

static const field_desc student_fields[] = {
	FIELD(1, student, student_no, FT_STR),
	FIELD(2, student, name, FT_STR),
	FIELD(3, student, gender, FT_STR),
	FIELD(4, student, college_id, FT_ID),
	FIELD(5, student, class_name, FT_STR),
	FIELD(6, student, political, FT_STR),
	FIELD(7, student, phone, FT_STR),
};
const record_desc student_desc = {
	"student", sizeof(student), student_fields,
	sizeof student_fields / sizeof *student_fields,
};

static size_t student_keys(const void *rec, ix_entry out[IX_MAX_PER_RECORD])
{
	const student *s = rec;
	out[0].db = IX_STUDENT_NO;
	key_init(&out[0].key);
	key_str(&out[0].key, s->student_no ? s->student_no : "");
	out[0].has_val = true;
	out[0].val = s->m.id;
	out[1].db = IX_STUDENT_COLLEGE;
	key_init(&out[1].key);
	key_id(&out[1].key, &s->college_id);
	key_id(&out[1].key, &s->m.id);
	out[1].has_val = false;
	return 2;
}

int student_validate(store_txn *t, const student *s, err *e)
{
	int rc;
	rid other;
	keybuf k;
	if ((rc = model_text(e, "student_no", s->student_no, 32, true)))
		return rc;
	if (!model_is_code(s->student_no))
		return model_bad(e, "student_no",
				 _("\"%s\" is not a student number (letters and digits only)"),
				 s->student_no);
	if ((rc = model_text(e, "name", s->name, 50, true))
	    || (rc = model_choice_ok(e, "gender", gender_values, s->gender, false))
	    || (rc = model_text(e, "class_name", s->class_name, 60, false))
	    || (rc = model_choice_ok(e, "political", political_values, s->political, true))
	    || (rc = model_phone(e, "phone", s->phone)))
		return rc;
	if (rid_is_zero(&s->college_id))
		return model_bad(e, "college", "%s", _("required"));
	rc = model_exists(t, DB_COLLEGE, &s->college_id, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "college", "%s", _("no such college"));
	if (rc)
		return rc;
	key_init(&k);
	key_str(&k, s->student_no);
	rc = model_ix_get(t, IX_STUDENT_NO, &k, &other, e);
	if (rc == 0 && rid_cmp(&other, &s->m.id) != 0)
		return model_bad(e, "student_no", _("student number %s already exists"),
				 s->student_no);
	return rc == E_NOTFOUND ? 0 : rc;
}

static int validate_v(store_txn *t, const void *rec, err *e)
{
	return student_validate(t, rec, e);
}

static void student_label(store_txn *t, const void *rec, char *buf, size_t n)
{
	const student *s = rec;
	snprintf(buf, n, "student %s %s", s->student_no ? s->student_no : "",
		 s->name ? s->name : "");
}

/* Whether a pairing has not ended before today. */
static int open_pairing(const pairing *p, void *ctx)
{
	date_t today = *(const date_t *)ctx;
	return p->end == 0 || p->end >= today;
}

/* A student changing college must not break an open pairing. */
struct moving {
	const student *s;
	date_t today;
};

static int member_moving(const pairing *p, void *ctx)
{
	struct moving *mv = ctx;
	return p->end == 0 || p->end >= mv->today;
}

static int target_moving(const pairing *p, void *ctx)
{
	struct moving *mv = ctx;
	if (!(p->end == 0 || p->end >= mv->today) || (p->reason && *p->reason))
		return 0;
	return rid_cmp(&p->college_id, &mv->s->college_id) != 0;
}

static int student_fix(store_txn *t, void *work, const void *old, err *e)
{
	student *s = work;
	const student *was = old;
	model_canon(gender_values, &s->gender);
	if (!s->political || !*s->political) {
		free(s->political);
		s->political = xstrdup("群众");
	}
	model_canon(political_values, &s->political);
	/* A party member who stops being one must not leave pairings open. */
	if (was && political_is_member(was->political) && !political_is_member(s->political)) {
		date_t today = date_today();
		int rc = pairings_of(t, IX_PAIRING_MEMBER, &s->m.id, open_pairing, &today, e);
		if (rc == 1)
			return model_bad(e, "political",
					 _("%s still helps in an open pairing; end it first"),
					 s->name ? s->name : "");
		if (rc)
			return rc;
	}
	if (was && rid_cmp(&was->college_id, &s->college_id) != 0) {
		struct moving mv = { s, date_today() };
		int rc = pairings_of(t, IX_PAIRING_MEMBER, &s->m.id, member_moving, &mv, e);
		if (rc == 1)
			return model_bad(e, "college",
					 _("%s helps in an open pairing of the old college; end it first"),
					 s->name ? s->name : "");
		if (!rc)
			rc = pairings_of(t, IX_PAIRING_TARGET, &s->m.id, target_moving, &mv, e);
		if (rc == 1)
			return model_bad(e, "college",
					 _("%s would be assisted across colleges without a reason; "
					   "give the pairing a reason or end it first"),
					 s->name ? s->name : "");
		if (rc)
			return rc;
	}
	return 0;
}

/* Creates or tombstones the member profile as the political status says. */
static int student_after(store_txn *t, void *work, const void *old, err *e)
{
	const student *s = work;
	member mb;
	int rc = member_of_student(t, &s->m.id, &mb, e);
	if (rc != 0 && rc != E_NOTFOUND)
		return rc;
	bool has = rc == 0;
	bool want = political_is_member(s->political) && !(s->m.flags & REC_DELETED);
	if (want && !has) {
		memset(&mb, 0, sizeof mb);
		mb.student_id = s->m.id;
		return member_save(t, &mb, e);
	}
	if (!want && has) {
		member was;
		memset(&was, 0, sizeof was);
		rec_copy(&member_desc, &was, &mb);
		memcpy(&was, &mb, sizeof(rec_meta));
		mb.m.flags |= REC_DELETED;
		rc = model_put(t, &member_ops, &mb, &was, e);
		rec_free(&member_desc, &was);
	}
	if (has)
		rec_free(&member_desc, &mb);
	return rc == E_NOTFOUND ? 0 : rc;
}

const entity_ops student_ops = {
	.desc = &student_desc,
	.db = DB_STUDENT,
	.keys = student_keys,
	.validate = validate_v,
	.label = student_label,
	.fix = student_fix,
	.after = student_after,
};

int student_save(store_txn *t, student *s, err *e)
{
	return model_save(t, &student_ops, s, e);
}

int student_check(store_txn *t, const student *in, student *fixed, err *e)
{
	return model_try(t, &student_ops, in, fixed, e);
}

int student_get(store_txn *t, const rid *id, student *out, err *e)
{
	return st_rec_get(t, DB_STUDENT, &student_desc, id, out, e);
}

int student_by_no(store_txn *t, const char *no, student *out, err *e)
{
	rid id;
	int rc = model_ix_lookup(t, IX_STUDENT_NO, no, &id, e);
	return rc ? rc : student_get(t, &id, out, e);
}
