#include "config.h"
/* talk.c — heart-to-heart talks (谈心谈话): a member's, within a pairing,
 * or a counsellor's, with any assisted student of the college. */
#include "model/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

static const field_desc talk_fields[] = {
	FIELD(1, talk, pairing_id, FT_ID),
	FIELD(2, talk, target_id, FT_ID),
	FIELD(3, talk, member_id, FT_ID),
	FIELD(4, talk, counsellor_id, FT_ID),
	FIELD(5, talk, date, FT_DATE),
	FIELD(6, talk, minutes, FT_INT),
	FIELD(7, talk, mode, FT_STR),
	FIELD(8, talk, topics, FT_BITS),
	FIELD(9, talk, content, FT_STR),
	FIELD(10, talk, follow_up, FT_DATE),
};
const record_desc talk_desc = {
	"talk", sizeof(talk), talk_fields, sizeof talk_fields / sizeof *talk_fields,
};

enum { TOPICS_ALL = TOPIC_STUDY | TOPIC_LIFE | TOPIC_THOUGHT | TOPIC_PSYCH };
enum { MINUTES_MAX = 24 * 60 };

static size_t talk_keys(const void *rec, ix_entry out[IX_MAX_PER_RECORD])
{
	const talk *k = rec;
	size_t n = 0;
	if (!rid_is_zero(&k->pairing_id)) {
		out[n].db = IX_TALK_PAIRING;
		key_init(&out[n].key);
		key_id(&out[n].key, &k->pairing_id);
		key_i32(&out[n].key, k->date);
		key_id(&out[n].key, &k->m.id);
		out[n].has_val = false;
		n++;
	}
	out[n].db = IX_TALK_TARGET;
	key_init(&out[n].key);
	key_id(&out[n].key, &k->target_id);
	key_i32(&out[n].key, k->date);
	key_id(&out[n].key, &k->m.id);
	out[n].has_val = false;
	n++;
	out[n].db = IX_TALK_DATE;
	key_init(&out[n].key);
	key_i32(&out[n].key, k->date);
	key_id(&out[n].key, &k->m.id);
	out[n].has_val = false;
	n++;
	if (k->follow_up) {
		out[n].db = IX_TALK_FOLLOW;
		key_init(&out[n].key);
		key_i32(&out[n].key, k->follow_up);
		key_id(&out[n].key, &k->m.id);
		out[n].has_val = false;
		n++;
	}
	return n;
}

static int member_talk_ok(store_txn *t, const talk *k, err *e)
{
	pairing p;
	char a[128], b[128], day[11];
	int rc = rid_is_zero(&k->pairing_id) ? E_NOTFOUND : pairing_get(t, &k->pairing_id, &p, e);
	if (rc != 0 && rc != E_NOTFOUND)
		return rc;
	bool ok = rc == 0 && rid_cmp(&p.member_id, &k->member_id) == 0
		  && rid_cmp(&p.target_id, &k->target_id) == 0 && pairing_active_on(&p, k->date);
	if (rc == 0)
		rec_free(&pairing_desc, &p);
	if (ok)
		return 0;
	model_student_label(t, &k->member_id, a, sizeof a);
	model_student_label(t, &k->target_id, b, sizeof b);
	date_format(k->date, day);
	return model_bad(e, "date", _("no active pairing between %s and %s on %s"), a, b, day);
}

static int counsellor_talk_ok(store_txn *t, const talk *k, err *e)
{
	counsellor c;
	student s;
	target g;
	if (!rid_is_zero(&k->pairing_id))
		return model_bad(e, "pairing", "%s", _("a counsellor's talk has no pairing"));
	int rc = counsellor_get(t, &k->counsellor_id, &c, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "counsellor", "%s", _("no such counsellor"));
	if (rc)
		return rc;
	rid cc = c.college_id;
	char cname[128];
	snprintf(cname, sizeof cname, "%s", c.name ? c.name : "");
	rec_free(&counsellor_desc, &c);
	rc = student_get(t, &k->target_id, &s, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "target", "%s", _("no such student"));
	if (rc)
		return rc;
	rid sc = s.college_id;
	char sname[128];
	snprintf(sname, sizeof sname, "%s", s.name ? s.name : "");
	rec_free(&student_desc, &s);
	if (rid_cmp(&cc, &sc) != 0)
		return model_bad(e, "counsellor", _("%s is a counsellor of another college than %s's"),
				 cname, sname);
	rc = target_of_student(t, &k->target_id, &g, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "target", _("%s is not an assisted student"), sname);
	if (rc)
		return rc;
	rec_free(&target_desc, &g);
	return 0;
}

static int date_rule(const talk *k, err *e)
{
	char day[11];
	if (!k->date)
		return model_bad(e, "date", "%s", _("required"));
	if (k->date > date_today()) {
		date_format(k->date, day);
		return model_bad(e, "date", _("%s is in the future"), day);
	}
	return 0;
}

static int minutes_rule(const talk *k, err *e)
{
	if (k->minutes <= 0 || k->minutes > MINUTES_MAX)
		return model_bad(e, "minutes", _("must be between 1 and %d"), MINUTES_MAX);
	return 0;
}

static int topics_rule(const talk *k, err *e)
{
	if (!(k->topics & TOPICS_ALL))
		return model_bad(e, "topics", "%s", _("at least one topic is required"));
	if (k->topics & ~(uint32_t)TOPICS_ALL)
		return model_bad(e, "topics", "%s", _("unknown topic"));
	return 0;
}

static int follow_up_rule(const talk *k, err *e)
{
	if (k->follow_up && k->date && k->follow_up < k->date)
		return model_bad(e, "follow_up", "%s", _("is before the talk"));
	return 0;
}

int talk_validate(store_txn *t, const talk *k, err *e)
{
	int rc;
	if ((rc = date_rule(k, e)) || (rc = minutes_rule(k, e)) || (rc = topics_rule(k, e)))
		return rc;
	if ((rc = model_choice_ok(e, "mode", mode_values, k->mode, true))
	    || (rc = model_text(e, "content", k->content, 5000, false)))
		return rc;
	if ((rc = follow_up_rule(k, e)))
		return rc;
	if (rid_is_zero(&k->target_id))
		return model_bad(e, "target", "%s", _("required"));
	rc = model_exists(t, DB_STUDENT, &k->target_id, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "target", "%s", _("no such student"));
	if (rc)
		return rc;
	bool by_member = !rid_is_zero(&k->member_id);
	bool by_counsellor = !rid_is_zero(&k->counsellor_id);
	if (by_member && by_counsellor)
		return model_bad(e, "counsellor", "%s",
				 _("a talk is held by a member or by a counsellor, not both"));
	if (!by_member && !by_counsellor)
		return model_bad(e, "member", "%s", _("who held the talk is required"));
	return by_member ? member_talk_ok(t, k, e) : counsellor_talk_ok(t, k, e);
}

static int validate_v(store_txn *t, const void *rec, err *e)
{
	return talk_validate(t, rec, e);
}

/* The rules of the date, the minutes, the topics and the follow-up, each
 * on its own (model_check_all). */
static size_t talk_more(store_txn *t, const void *rec, err *out, size_t max)
{
	int (*const rules[])(const talk *, err *) = { date_rule, minutes_rule, topics_rule,
						     follow_up_rule };
	size_t n = 0;
	(void)t;
	for (size_t i = 0; i < sizeof rules / sizeof *rules && n < max; i++)
		if (rules[i](rec, &out[n]) == E_INPUT)
			n++;
	return n;
}

static void talk_label(store_txn *t, const void *rec, char *buf, size_t n)
{
	const talk *k = rec;
	char who[128], day[11];
	model_student_label(t, &k->target_id, who, sizeof who);
	date_format(k->date, day);
	snprintf(buf, n, "talk with %s on %s", who, day);
}

/* Fills in the pairing of a member's talk; a counsellor's has none. */
static int talk_fix(store_txn *t, void *work, const void *old, err *e)
{
	talk *k = work;
	pairing p;
	model_canon(mode_values, &k->mode);
	if (rid_is_zero(&k->member_id) || !rid_is_zero(&k->counsellor_id)) {
		if (rid_is_zero(&k->member_id))
			memset(&k->pairing_id, 0, sizeof k->pairing_id);
		return 0;
	}
	int rc = pairing_find(t, &k->member_id, &k->target_id, k->date, &p, e);
	if (rc == 0) {
		k->pairing_id = p.m.id;
		rec_free(&pairing_desc, &p);
	} else if (rc == E_NOTFOUND) {
		memset(&k->pairing_id, 0, sizeof k->pairing_id);
	}
	return rc == E_NOTFOUND ? 0 : rc;
}

const entity_ops talk_ops = {
	.desc = &talk_desc,
	.db = DB_TALK,
	.keys = talk_keys,
	.validate = validate_v,
	.label = talk_label,
	.fix = talk_fix,
	.after = NULL,
	.more = talk_more,
};

int talk_save(store_txn *t, talk *k, err *e)
{
	return model_save(t, &talk_ops, k, e);
}

int talk_check(store_txn *t, const talk *in, talk *fixed, err *e)
{
	return model_try(t, &talk_ops, in, fixed, e);
}

int talk_get(store_txn *t, const rid *id, talk *out, err *e)
{
	return st_rec_get(t, DB_TALK, &talk_desc, id, out, e);
}
