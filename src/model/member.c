#include "config.h"
/* member.c — party-member profiles, one per student who is a party member
 * (created and tombstoned by student_save). */
#include "model/internal.h"

#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

static const field_desc member_fields[] = {
	FIELD(1, member, student_id, FT_ID),
	FIELD(2, member, branch, FT_STR),
};
const record_desc member_desc = {
	"member", sizeof(member), member_fields,
	sizeof member_fields / sizeof *member_fields,
};

static size_t member_keys(const void *rec, ix_entry out[IX_MAX_PER_RECORD])
{
	const member *m = rec;
	out[0].db = IX_MEMBER_STUDENT;
	key_init(&out[0].key);
	key_id(&out[0].key, &m->student_id);
	out[0].has_val = true;
	out[0].val = m->m.id;
	return 1;
}

int member_validate(store_txn *t, const member *m, err *e)
{
	student s;
	rid other;
	keybuf k;
	int rc = model_text(e, "branch", m->branch, 60, false);
	if (rc)
		return rc;
	if (rid_is_zero(&m->student_id))
		return model_bad(e, "student", "%s", _("required"));
	rc = student_get(t, &m->student_id, &s, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "student", "%s", _("no such student"));
	if (rc)
		return rc;
	bool is_member = political_is_member(s.political);
	char name[128];
	snprintf(name, sizeof name, "%s", s.name ? s.name : "");
	rec_free(&student_desc, &s);
	if (!is_member)
		return model_bad(e, "student", _("%s is not a party member"), name);
	key_init(&k);
	key_id(&k, &m->student_id);
	rc = model_ix_get(t, IX_MEMBER_STUDENT, &k, &other, e);
	if (rc == 0 && rid_cmp(&other, &m->m.id) != 0)
		return model_bad(e, "student", _("%s already has a member profile"), name);
	return rc == E_NOTFOUND ? 0 : rc;
}

static int validate_v(store_txn *t, const void *rec, err *e)
{
	return member_validate(t, rec, e);
}

static void member_label(store_txn *t, const void *rec, char *buf, size_t n)
{
	const member *m = rec;
	char who[128];
	model_student_label(t, &m->student_id, who, sizeof who);
	snprintf(buf, n, "member %s", who);
}

const entity_ops member_ops = {
	.desc = &member_desc,
	.db = DB_MEMBER,
	.keys = member_keys,
	.validate = validate_v,
	.label = member_label,
	.fix = NULL,
	.after = NULL,
};

int member_save(store_txn *t, member *m, err *e)
{
	return model_save(t, &member_ops, m, e);
}

int member_check(store_txn *t, const member *in, member *fixed, err *e)
{
	return model_try(t, &member_ops, in, fixed, e);
}

int member_get(store_txn *t, const rid *id, member *out, err *e)
{
	return st_rec_get(t, DB_MEMBER, &member_desc, id, out, e);
}

int member_of_student(store_txn *t, const rid *student_id, member *out, err *e)
{
	keybuf k;
	rid id;
	key_init(&k);
	key_id(&k, student_id);
	int rc = model_ix_get(t, IX_MEMBER_STUDENT, &k, &id, e);
	if (rc)
		return rc;
	return member_get(t, &id, out, e);
}
