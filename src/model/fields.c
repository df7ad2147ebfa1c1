#include "config.h"
/* fields.c — every entity's fields as the command line shows and edits
 * them: under the CSV columns' names (the import's headers, kept here for
 * both), each value as a CSV cell writes it, read and set from that text,
 * masked for the reader's role as the exports are. */
#include "model/internal.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

/* ---- the CSV columns' names ---------------------------------------- */

/* The import's headers (import.c) */
const csv_names csv_student_no = { { "学号", "student_no", "no" } };
const csv_names csv_name = { { "姓名", "name" } };
const csv_names csv_gender = { { "性别", "gender" } };
const csv_names csv_college = { { "学院", "college", "院系", "院(部)" } };
const csv_names csv_class = { { "班级", "class", "class_name" } };
const csv_names csv_political = { { "政治面貌", "political_status", "political" } };
const csv_names csv_phone = { { "联系电话", "phone", "电话", "手机" } };
const csv_names csv_kinds = { { "帮扶类型", "kinds", "kind" } };
const csv_names csv_tier = { { "困难等级", "tier", "困难程度" } };
const csv_names csv_staff_no = { { "工号", "staff_no", "no" } };
const csv_names csv_member_no = { { "党员学号", "member_no" } };
const csv_names csv_target_no = { { "帮扶对象学号", "target_no" } };
const csv_names csv_semester = { { "学期", "semester" } };
const csv_names csv_start_date = { { "开始日期", "start_date", "start" } };
const csv_names csv_pairing_note = { { "备注", "note" } };
const csv_names csv_reason = { { "跨院原因", "reason" } };
const csv_names csv_date = { { "日期", "date" } };
const csv_names csv_minutes = { { "时长", "minutes", "时长(分钟)", "时长（分钟）" } };
const csv_names csv_mode = { { "方式", "mode" } };
const csv_names csv_topics = { { "主题", "topics" } };
const csv_names csv_content = { { "内容", "content" } };
const csv_names csv_counsellor_no = { { "辅导员工号", "counsellor_no" } };
const csv_names csv_aid_kind = { { "类别", "kind" } };
const csv_names csv_amount = { { "金额", "amount", "金额(元)", "金额（元）" } };
const csv_names csv_aid_note = { { "说明", "note" } };

/* Fields no import file has a column for. */
static const csv_names csv_branch = { { "党支部", "branch" } };
static const csv_names csv_situation = { { "困难情况", "situation" } };
static const csv_names csv_status = { { "帮扶状态", "status" } };
static const csv_names csv_end_date = { { "结束日期", "end_date", "end" } };
static const csv_names csv_outcome = { { "结束原因", "outcome" } };
static const csv_names csv_end_note = { { "结束说明", "end_note" } };
static const csv_names csv_assessment = { { "成效评价", "assessment" } };
static const csv_names csv_failed_start = { { "开始挂科门数", "failed_start" } };
static const csv_names csv_failed_end = { { "结束挂科门数", "failed_end" } };
static const csv_names csv_gpa_start = { { "开始绩点", "gpa_start" } };
static const csv_names csv_gpa_end = { { "结束绩点", "gpa_end" } };
static const csv_names csv_follow_up = { { "跟进日期", "follow_up" } };
static const csv_names csv_pairing = { { "结对", "pairing" } };
static const csv_names csv_college_name = { { "名称", "name", "学院名称" } };
static const csv_names csv_college_code = { { "代码", "code", "学院代码" } };
static const csv_names csv_branches = { { "党支部", "branches" } };
static const csv_names csv_pair_limit = { { "结对上限", "pair_limit" } };
static const csv_names csv_overdue_days = { { "超期天数", "overdue_days" } };
static const csv_names csv_semester_code = { { "学期", "code", "semester" } };
static const csv_names csv_roster_due = { { "名单截止日期", "roster_due" } };
static const csv_names csv_summary_due = { { "总结截止日期", "summary_due" } };

/* ---- the fields of each entity ------------------------------------- */

typedef enum fkind {
	FK_TEXT,        /* char * as is */
	FK_CHOICE,      /* char *, one of values (choice_canon) */
	FK_DATE,        /* date_t, ISO; "" = none */
	FK_INT,         /* int64_t, decimal */
	FK_KINDS,       /* uint32_t kind_bits, joined by 、 */
	FK_TOPICS,      /* uint32_t topic_bits */
	FK_MONEY,       /* int64_t fen, in yuan */
	FK_STUDENT,     /* rid of a student, by number; "" = none */
	FK_COUNSELLOR,  /* rid of a counsellor, by staff number */
	FK_COLLEGE,     /* rid of a college, by name */
	FK_SEMESTER,    /* rid of a semester, by code */
	FK_PAIRING,     /* rid of a pairing, by REF */
	/* read-only, worked out from the rid at off */
	FK_NAME_OF,     /* the student's name */
	FK_COLLEGE_OF,  /* the student's college */
	FK_PAIR_MEMBER, /* the pairing's member's number */
	FK_PAIR_TARGET, /* the pairing's assisted student's number */
} fkind;

enum {
	FF_RO = 1,      /* shown, not set here */
	FF_PRIVATE = 2, /* a psychological note (privacy) */
};

typedef struct fspec {
	const csv_names *names;
	fkind kind;
	size_t off;
	const char *const *values;   /* FK_CHOICE */
	unsigned flags;
	/* the record's field names that rules name in e->field, space-separated */
	const char *rules;
} fspec;

#define F(st, member, names, kind, flags, rules) \
	{ &(names), (kind), offsetof(st, member), NULL, (flags), (rules) }
#define C(st, member, names, values, rules) \
	{ &(names), FK_CHOICE, offsetof(st, member), (values), 0, (rules) }

static const fspec student_f[] = {
	F(student, student_no, csv_student_no, FK_TEXT, 0, "student_no"),
	F(student, name, csv_name, FK_TEXT, 0, "name"),
	C(student, gender, csv_gender, gender_values, "gender"),
	F(student, college_id, csv_college, FK_COLLEGE, 0, "college college_id"),
	F(student, class_name, csv_class, FK_TEXT, 0, "class_name"),
	C(student, political, csv_political, political_values, "political"),
	F(student, phone, csv_phone, FK_TEXT, 0, "phone"),
};
static const fspec counsellor_f[] = {
	F(counsellor, staff_no, csv_staff_no, FK_TEXT, 0, "staff_no"),
	F(counsellor, name, csv_name, FK_TEXT, 0, "name"),
	F(counsellor, college_id, csv_college, FK_COLLEGE, 0, "college college_id"),
	F(counsellor, phone, csv_phone, FK_TEXT, 0, "phone"),
};
static const fspec member_f[] = {
	F(member, student_id, csv_student_no, FK_STUDENT, FF_RO, "student student_id"),
	F(member, student_id, csv_name, FK_NAME_OF, FF_RO, ""),
	F(member, student_id, csv_college, FK_COLLEGE_OF, FF_RO, ""),
	F(member, branch, csv_branch, FK_TEXT, 0, "branch"),
};
static const fspec target_f[] = {
	F(target, student_id, csv_student_no, FK_STUDENT, FF_RO, "student student_id"),
	F(target, student_id, csv_name, FK_NAME_OF, FF_RO, ""),
	F(target, student_id, csv_college, FK_COLLEGE_OF, FF_RO, ""),
	F(target, kinds, csv_kinds, FK_KINDS, 0, "kinds"),
	C(target, tier, csv_tier, tier_values, "tier"),
	F(target, situation, csv_situation, FK_TEXT, FF_PRIVATE, "situation"),
	C(target, status, csv_status, target_status_values, "status"),
};
static const fspec pairing_f[] = {
	F(pairing, member_id, csv_member_no, FK_STUDENT, 0, "member member_id"),
	F(pairing, target_id, csv_target_no, FK_STUDENT, 0, "target target_id"),
	F(pairing, college_id, csv_college, FK_COLLEGE, FF_RO, "college college_id"),
	F(pairing, semester_id, csv_semester, FK_SEMESTER, 0, "semester semester_id"),
	F(pairing, start, csv_start_date, FK_DATE, 0, "start"),
	F(pairing, end, csv_end_date, FK_DATE, 0, "end"),
	F(pairing, note, csv_pairing_note, FK_TEXT, 0, "note"),
	F(pairing, reason, csv_reason, FK_TEXT, 0, "reason"),
	C(pairing, outcome, csv_outcome, outcome_values, "outcome"),
	F(pairing, end_note, csv_end_note, FK_TEXT, 0, "end_note"),
	C(pairing, assessment, csv_assessment, assessment_values, "assessment"),
	F(pairing, failed_start, csv_failed_start, FK_TEXT, 0, "failed_start"),
	F(pairing, failed_end, csv_failed_end, FK_TEXT, 0, "failed_end"),
	F(pairing, gpa_start, csv_gpa_start, FK_TEXT, 0, "gpa_start"),
	F(pairing, gpa_end, csv_gpa_end, FK_TEXT, 0, "gpa_end"),
};
static const fspec talk_f[] = {
	F(talk, member_id, csv_member_no, FK_STUDENT, 0, "member member_id"),
	F(talk, counsellor_id, csv_counsellor_no, FK_COUNSELLOR, 0, "counsellor counsellor_id"),
	F(talk, target_id, csv_target_no, FK_STUDENT, 0, "target target_id student"),
	F(talk, date, csv_date, FK_DATE, 0, "date"),
	F(talk, minutes, csv_minutes, FK_INT, 0, "minutes"),
	C(talk, mode, csv_mode, mode_values, "mode"),
	F(talk, topics, csv_topics, FK_TOPICS, 0, "topics"),
	F(talk, content, csv_content, FK_TEXT, FF_PRIVATE, "content"),
	F(talk, follow_up, csv_follow_up, FK_DATE, 0, "follow_up"),
	F(talk, pairing_id, csv_pairing, FK_PAIRING, FF_RO, "pairing pairing_id"),
};
static const fspec aid_f[] = {
	F(aid, pairing_id, csv_pairing, FK_PAIRING, 0, "pairing pairing_id"),
	F(aid, pairing_id, csv_member_no, FK_PAIR_MEMBER, FF_RO, ""),
	F(aid, pairing_id, csv_target_no, FK_PAIR_TARGET, FF_RO, ""),
	F(aid, date, csv_date, FK_DATE, 0, "date"),
	C(aid, kind, csv_aid_kind, aid_kind_values, "kind"),
	F(aid, amount_fen, csv_amount, FK_MONEY, 0, "amount amount_fen"),
	F(aid, note, csv_aid_note, FK_TEXT, 0, "note"),
};
static const fspec college_f[] = {
	F(college, name, csv_college_name, FK_TEXT, 0, "name"),
	F(college, code, csv_college_code, FK_TEXT, 0, "code"),
	F(college, branches, csv_branches, FK_TEXT, 0, "branches"),
	F(college, pair_limit, csv_pair_limit, FK_INT, 0, "pair_limit"),
	F(college, overdue_days, csv_overdue_days, FK_INT, 0, "overdue_days"),
};
static const fspec semester_f[] = {
	F(semester, code, csv_semester_code, FK_TEXT, 0, "code"),
	F(semester, start, csv_start_date, FK_DATE, 0, "start"),
	F(semester, end, csv_end_date, FK_DATE, 0, "end"),
	F(semester, roster_due, csv_roster_due, FK_DATE, 0, "roster_due"),
	F(semester, summary_due, csv_summary_due, FK_DATE, 0, "summary_due"),
};

#undef F
#undef C

typedef struct entity_fields {
	const record_desc *d;
	const fspec *f;
	size_t n;
	const char *title;     /* N_() */
} entity_fields;

#define E(name, fs, title) { &name##_desc, fs, sizeof fs / sizeof *fs, title }
static const entity_fields entity_fields_table[] = {
	E(student, student_f, N_("student")),
	E(member, member_f, N_("party member")),
	E(target, target_f, N_("assisted student")),
	E(counsellor, counsellor_f, N_("counsellor")),
	E(pairing, pairing_f, N_("pairing")),
	E(talk, talk_f, N_("talk")),
	E(aid, aid_f, N_("aid record")),
	E(college, college_f, N_("college")),
	E(semester, semester_f, N_("semester")),
};
#undef E

static const entity_fields *fields_of(const record_desc *d)
{
	for (size_t i = 0; i < sizeof entity_fields_table / sizeof *entity_fields_table; i++)
		if (entity_fields_table[i].d == d)
			return &entity_fields_table[i];
	return NULL;
}

static const fspec *spec(const record_desc *d, size_t i)
{
	const entity_fields *ef = fields_of(d);
	if (!ef || i >= ef->n)
		die("fields: no field %zu of %s", i, d ? d->name : "?");
	return &ef->f[i];
}

const char *model_desc_title(const record_desc *d)
{
	const entity_fields *ef = fields_of(d);
	return ef ? _(ef->title) : d->name;
}

size_t model_nfields(const record_desc *d)
{
	const entity_fields *ef = fields_of(d);
	return ef ? ef->n : 0;
}

const char *model_field_name(const record_desc *d, size_t i, bool english)
{
	return spec(d, i)->names->n[english ? 1 : 0];
}

/* The field's name in the UI language, for messages. */
static const char *ui_name(const fspec *f)
{
	return f->names->n[strcmp(i18n_lang(), "en") == 0 ? 1 : 0];
}

static bool name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
	return *a == *b;
}

int model_field_find(const record_desc *d, const char *name)
{
	const entity_fields *ef = fields_of(d);
	if (!ef || !name)
		return -1;
	/* the headers before the synonyms, in that order */
	for (size_t a = 0; a < CSV_NAMES_MAX; a++)
		for (size_t i = 0; i < ef->n; i++)
			if (ef->f[i].names->n[a] && name_eq(ef->f[i].names->n[a], name))
				return (int)i;
	return -1;
}

bool model_field_editable(const record_desc *d, size_t i)
{
	return !(spec(d, i)->flags & FF_RO);
}

static bool visible(const record_desc *d, const void *rec, role_t role)
{
	if (d == &talk_desc)
		return talk_content_visible(role, rec);
	if (d == &target_desc)
		return target_situation_visible(role, rec);
	return true;
}

/* ---- values as text ------------------------------------------------- */

/* Field `no` (1 the number, 2 the name) of the student id; "" for none. */
static int student_text(store_txn *t, const rid *id, unsigned no, char **out, err *e)
{
	char buf[256] = "";
	int rc = rid_is_zero(id) ? 0 : model_stored_text(t, DB_STUDENT, id, no, buf, sizeof buf, e);
	if (!rc)
		*out = xstrdup(buf);
	return rc;
}

/* The number, name or code (field 1) of the record id in db. */
static int id_text(store_txn *t, int db, const rid *id, char **out, err *e)
{
	char buf[256] = "";
	int rc = rid_is_zero(id) ? 0 : model_stored_text(t, db, id, 1, buf, sizeof buf, e);
	if (!rc)
		*out = xstrdup(buf);
	return rc;
}

/* The read-only fields worked out from the id at the field's place. */
static int derived_text(store_txn *t, const fspec *f, const rid *id, char **out, err *e)
{
	if (f->kind == FK_NAME_OF)
		return student_text(t, id, 2, out, e);
	if (f->kind == FK_COLLEGE_OF) {
		student s;
		int rc = student_get(t, id, &s, e);
		if (rc == E_NOTFOUND) {
			*out = xstrdup("");
			return 0;
		}
		if (rc)
			return rc;
		rc = id_text(t, DB_COLLEGE, &s.college_id, out, e);
		rec_free(&student_desc, &s);
		return rc;
	}
	pairing p;
	int rc = rid_is_zero(id) ? E_NOTFOUND : pairing_get(t, id, &p, e);
	if (rc == E_NOTFOUND) {
		*out = xstrdup("");
		return 0;
	}
	if (rc)
		return rc;
	rc = student_text(t, f->kind == FK_PAIR_MEMBER ? &p.member_id : &p.target_id, 1, out, e);
	rec_free(&pairing_desc, &p);
	return rc;
}

static int pairing_ref_text(store_txn *t, const rid *id, char **out, err *e)
{
	pairing q = { 0 };
	char ref[MODEL_REF_MAX] = "";
	q.m.id = *id;
	int rc = rid_is_zero(id) ? 0 : model_ref_of(t, &pairing_desc, &q, ref, sizeof ref, e);
	if (!rc)
		*out = xstrdup(ref);
	return rc;
}

int model_field_text(store_txn *t, const record_desc *d, const void *rec, size_t i, role_t role,
		     char **out, bool *masked, err *e)
{
	const fspec *f = spec(d, i);
	const void *p = (const char *)rec + f->off;
	char buf[256] = "";
	*out = NULL;
	if (masked)
		*masked = false;
	/* as the exports do: only a text that is there is hidden */
	if ((f->flags & FF_PRIVATE) && !visible(d, rec, role) && *(char *const *)p &&
	    **(char *const *)p) {
		if (masked)
			*masked = true;
		*out = xstrdup(privacy_mask());
		return 0;
	}
	switch (f->kind) {
	case FK_TEXT:
	case FK_CHOICE:
		*out = xstrdup(*(char *const *)p ? *(char *const *)p : "");
		return 0;
	case FK_DATE:
		if (*(const date_t *)p)
			date_format(*(const date_t *)p, buf);
		break;
	case FK_INT:
		snprintf(buf, sizeof buf, "%" PRId64, *(const int64_t *)p);
		break;
	case FK_MONEY:
		money_format(*(const int64_t *)p, buf, sizeof buf);
		break;
	case FK_KINDS:
		kinds_format(*(const uint32_t *)p, buf, sizeof buf);
		break;
	case FK_TOPICS:
		topics_format(*(const uint32_t *)p, buf, sizeof buf);
		break;
	case FK_STUDENT:
		return student_text(t, p, 1, out, e);
	case FK_COUNSELLOR:
		return id_text(t, DB_COUNSELLOR, p, out, e);
	case FK_COLLEGE:
		return id_text(t, DB_COLLEGE, p, out, e);
	case FK_SEMESTER:
		return id_text(t, DB_SEMESTER, p, out, e);
	case FK_PAIRING:
		return pairing_ref_text(t, p, out, e);
	default:
		return derived_text(t, f, p, out, e);
	}
	*out = xstrdup(buf);
	return 0;
}

/* ---- values from text ----------------------------------------------- */

/* E_INPUT about field f: fmt's first %s is the field's name in the UI
 * language, the second arg (the import's messages, "%s: not a date ..."). */
static int bad(err *e, const fspec *f, const char *fmt, const char *arg)
{
	err_set(e, E_INPUT, fmt, ui_name(f), arg);
	err_named(e, f->names->n[1], ui_name(f));
	return E_INPUT;
}

static bool parse_int(const char *s, int64_t *out)
{
	int64_t v = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (INT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return true;
}

static int set_choice(const fspec *f, char **p, const char *text, err *e)
{
	const char *v = *text ? choice_canon(f->values, text) : "";
	if (!v) {
		char list[256] = "";
		for (size_t j = 0; f->values[j]; j++) {
			if (j)
				strncat(list, "/", sizeof list - strlen(list) - 1);
			strncat(list, f->values[j], sizeof list - strlen(list) - 1);
		}
		err_set(e, E_INPUT, _("%s: unknown value \"%s\" (one of %s)"), ui_name(f), text,
			list);
		err_named(e, f->names->n[1], ui_name(f));
		return E_INPUT;
	}
	free(*p);
	*p = xstrdup(v);
	return 0;
}

/* A record by its number, name, code or REF into *id; "" is none. */
static int set_ref(store_txn *t, const fspec *f, rid *id, const char *text, err *e)
{
	rid found;
	int rc;
	if (!*text) {
		memset(id, 0, sizeof *id);
		return 0;
	}
	switch (f->kind) {
	case FK_STUDENT:
		rc = model_ix_lookup(t, IX_STUDENT_NO, text, &found, e);
		if (rc == E_NOTFOUND)
			return bad(e, f, _("%s: no student with number \"%s\""), text);
		break;
	case FK_COUNSELLOR:
		rc = model_ix_lookup(t, IX_STAFF_NO, text, &found, e);
		if (rc == E_NOTFOUND)
			return bad(e, f, _("%s: no counsellor with staff number \"%s\""), text);
		break;
	case FK_COLLEGE:
		rc = model_ix_lookup(t, IX_COLLEGE_NAME, text, &found, e);
		if (rc == E_NOTFOUND)
			return bad(e, f, _("%s: no college called \"%s\""), text);
		break;
	case FK_SEMESTER:
		rc = model_ix_lookup(t, IX_SEMESTER_CODE, text, &found, e);
		if (rc == E_NOTFOUND)
			return bad(e, f, _("%s: no semester %s (bangfu semester start makes one)"),
				   text);
		break;
	default: {   /* FK_PAIRING */
		err why = { 0 };
		rc = model_ref_find(t, &pairing_desc, text, false, &found, &why);
		if (rc == E_INPUT)
			return bad(e, f, "%s: %s", why.msg);
		if (rc && e)
			*e = why;
		break;
	}
	}
	if (!rc)
		*id = found;
	return rc;
}

/* What a read-only field follows from, for its message. */
static const char *follows_from(const record_desc *d)
{
	if (d == &aid_desc)
		return _("the pairing");
	if (d == &pairing_desc)
		return _("the party member");
	if (d == &talk_desc)
		return _("the party member, the student and the date");
	return _("the student");
}

int model_field_set(store_txn *t, const record_desc *d, void *rec, size_t i, const char *text,
		    role_t role, err *e)
{
	const fspec *f = spec(d, i);
	void *p = (char *)rec + f->off;
	const char *item = NULL;
	if (!text)
		text = "";
	if (f->flags & FF_RO)
		return bad(e, f, _("%s: cannot be set: it follows from %s"), follows_from(d));
	if ((f->flags & FF_PRIVATE) && !visible(d, rec, role))
		return bad(e, f, _("%s: only a counsellor may change it (others see %s)"),
			   privacy_mask());
	switch (f->kind) {
	case FK_TEXT:
		free(*(char **)p);
		*(char **)p = xstrdup(text);
		return 0;
	case FK_CHOICE:
		return set_choice(f, p, text, e);
	case FK_DATE:
		if (!*text) {
			*(date_t *)p = 0;
			return 0;
		}
		if (model_date_early(text)) {
			char why[200];
			snprintf(why, sizeof why, _("%s is before 2000: not a plausible date"), text);
			return bad(e, f, "%s: %s", why);
		}
		if (!date_parse(text, p))
			return bad(e, f, _("%s: not a date (YYYY-MM-DD): \"%s\""), text);
		return 0;
	case FK_INT:
		if (!parse_int(text, p))
			return bad(e, f, _("%s: not a whole number: \"%s\""), text);
		return 0;
	case FK_MONEY:
		if (!money_parse(text, p))
			return bad(e, f, _("%s: not an amount in yuan (at most 2 decimals): \"%s\""),
				   text);
		return 0;
	case FK_KINDS:
		if (!kinds_parse(text, p, &item))
			return bad(e, f, _("%s: unknown kind of assistance \"%s\""),
				   item && *item ? item : text);
		return 0;
	case FK_TOPICS:
		if (!topics_parse(text, p, &item))
			return bad(e, f, _("%s: unknown topic \"%s\""), item && *item ? item : text);
		return 0;
	default:
		return set_ref(t, f, p, text, e);
	}
}

/* Whether the space-separated words hold w. */
static bool has_word(const char *words, const char *w)
{
	size_t len = strlen(w);
	for (const char *p = words; (p = strstr(p, w)); p += len)
		if ((p == words || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return true;
	return false;
}

/* The names of the fields of a record the command line does not edit by
 * field (a summary is written on its screen), for its rules' messages. */
static const csv_names csv_summary_text = { { "总结正文", "text" } };
static const csv_names csv_summary_final = { { "定稿", "final" } };
static const fspec summary_msg_f[] = {
	{ &csv_college, FK_TEXT, 0, NULL, FF_RO, "college college_id" },
	{ &csv_semester, FK_TEXT, 0, NULL, FF_RO, "semester semester_id" },
	{ &csv_summary_text, FK_TEXT, 0, NULL, FF_RO, "text" },
	{ &csv_summary_final, FK_TEXT, 0, NULL, FF_RO, "final" },
};
static const entity_fields summary_msg = {
	&summary_desc, summary_msg_f, sizeof summary_msg_f / sizeof *summary_msg_f, NULL
};

void model_field_err(const record_desc *d, err *e)
{
	const entity_fields *ef = d == &summary_desc ? &summary_msg : fields_of(d);
	if (!ef || !e || !e->field[0])
		return;
	for (size_t i = 0; i < ef->n; i++) {
		if (!has_word(ef->f[i].rules, e->field))
			continue;
		err_label(e, ui_name(&ef->f[i]));
		return;
	}
}

/* ---- what a record belongs to --------------------------------------- */

static int pairing_college(store_txn *t, const rid *id, rid *out, err *e)
{
	pairing p;
	int rc = rid_is_zero(id) ? E_NOTFOUND : pairing_get(t, id, &p, e);
	if (rc == E_NOTFOUND)
		return 0;
	if (!rc) {
		*out = p.college_id;
		rec_free(&pairing_desc, &p);
	}
	return rc;
}

static int student_college(store_txn *t, const rid *id, rid *out, err *e)
{
	student s;
	int rc = student_get(t, id, &s, e);
	if (rc == E_NOTFOUND)
		return 0;
	if (!rc) {
		*out = s.college_id;
		rec_free(&student_desc, &s);
	}
	return rc;
}

static int talk_college(store_txn *t, const talk *k, rid *out, err *e)
{
	if (!rid_is_zero(&k->pairing_id))
		return pairing_college(t, &k->pairing_id, out, e);
	counsellor c;
	int rc = rid_is_zero(&k->counsellor_id) ? E_NOTFOUND
		 : counsellor_get(t, &k->counsellor_id, &c, e);
	if (rc == E_NOTFOUND)
		return 0;
	if (!rc) {
		*out = c.college_id;
		rec_free(&counsellor_desc, &c);
	}
	return rc;
}

int model_rec_college(store_txn *t, const record_desc *d, const void *rec, rid *out, err *e)
{
	memset(out, 0, sizeof *out);
	if (d == &student_desc)
		*out = ((const student *)rec)->college_id;
	else if (d == &counsellor_desc)
		*out = ((const counsellor *)rec)->college_id;
	else if (d == &pairing_desc)
		*out = ((const pairing *)rec)->college_id;
	else if (d == &college_desc)
		*out = ((const college *)rec)->m.id;
	else if (d == &member_desc)
		return student_college(t, &((const member *)rec)->student_id, out, e);
	else if (d == &target_desc)
		return student_college(t, &((const target *)rec)->student_id, out, e);
	else if (d == &aid_desc)
		return pairing_college(t, &((const aid *)rec)->pairing_id, out, e);
	else if (d == &talk_desc)
		return talk_college(t, rec, out, e);
	return 0;
}

static int pairing_id_in(store_txn *t, const rid *id, const semester *s, bool *out, err *e)
{
	pairing p;
	*out = false;
	int rc = rid_is_zero(id) ? E_NOTFOUND : pairing_get(t, id, &p, e);
	if (rc == E_NOTFOUND)
		return 0;
	if (!rc) {
		*out = pairing_in_semester(&p, s);
		rec_free(&pairing_desc, &p);
	}
	return rc;
}

int model_rec_in_semester(store_txn *t, const record_desc *d, const void *rec,
			  const semester *s, bool *out, err *e)
{
	*out = true;
	if (d == &pairing_desc)
		*out = pairing_in_semester(rec, s);
	else if (d == &aid_desc)
		return pairing_id_in(t, &((const aid *)rec)->pairing_id, s, out, e);
	else if (d == &semester_desc)
		*out = rid_cmp(&((const semester *)rec)->m.id, &s->m.id) == 0;
	else if (d == &talk_desc) {
		const talk *k = rec;
		if (!rid_is_zero(&k->pairing_id))
			return pairing_id_in(t, &k->pairing_id, s, out, e);
		*out = k->date >= s->start && (!s->end || k->date <= s->end);
	}
	return 0;
}
