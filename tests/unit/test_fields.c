/* test_fields.c — the fields as the command line shows and edits them:
 * every entity's names (the CSV headers, Chinese and English) found back,
 * values as CSV text both ways, parse errors naming the field, privacy
 * masking by role, read-only fields, a save's error renamed to the CSV
 * column, and what a record belongs to (college, semester). */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "model/model.h"

static size_t field(const record_desc *d, const char *name)
{
	int i = model_field_find(d, name);
	cr_assert_geq(i, 0, "%s has no field %s", d->name, name);
	return (size_t)i;
}

static char *text_of(store_txn *t, const record_desc *d, const void *rec, const char *name,
		     role_t role, bool *masked)
{
	char *v = NULL;
	err e = { 0 };
	cr_assert_eq(model_field_text(t, d, rec, field(d, name), role, &v, masked, &e), 0, "%s",
		     e.msg);
	return v;
}

static void text_is(store_txn *t, const record_desc *d, const void *rec, const char *name,
		    const char *want)
{
	char *v = text_of(t, d, rec, name, ROLE_SECRETARY, NULL);
	cr_assert_str_eq(v, want, "%s.%s", d->name, name);
	free(v);
}

Test(fields, every_entity_has_its_names_both_ways)
{
	for (size_t k = 0; model_descs[k]; k++) {
		const record_desc *d = model_descs[k];
		if (d == &summary_desc)
			continue;
		size_t n = model_nfields(d);
		cr_assert_gt(n, 0, "%s has fields", d->name);
		for (size_t i = 0; i < n; i++) {
			const char *zh = model_field_name(d, i, false), *en = model_field_name(d, i, true);
			cr_assert(zh && *zh && en && *en);
			cr_assert_eq(model_field_find(d, zh), (int)i, "%s %s", d->name, zh);
			cr_assert_eq(model_field_find(d, en), (int)i, "%s %s", d->name, en);
			for (size_t j = 0; j < i; j++) {
				cr_assert_str_neq(model_field_name(d, j, false), zh, "%s", d->name);
				cr_assert_str_neq(model_field_name(d, j, true), en, "%s", d->name);
			}
		}
		cr_assert_eq(model_field_find(d, "no_such_field"), -1);
	}
	/* the import's headers: the same names */
	cr_assert_eq(model_field_find(&student_desc, "学号"), 0);
	cr_assert_eq(model_field_find(&student_desc, "STUDENT_NO"), 0, "case folded");
	cr_assert_geq(model_field_find(&talk_desc, "时长(分钟)"), 0, "a synonym");
	cr_assert_eq(model_nfields(&summary_desc), 0);
}

/* A college, a semester, a member, an assisted student (学业困难、心理困难)
 * and their pairing. */
typedef struct world {
	rid college, member, target, pairing;
} world;

static world mk_world(store_txn *t)
{
	world w;
	w.college = mk_college(t, "计算机学院", 0, 0);
	w.member = mk_student(t, "2022030101", "张伟", w.college, "中共党员");
	w.target = mk_student(t, "2023030106", "单晓雯", w.college, "共青团员");
	mk_target(t, w.target, KIND_ACADEMIC | KIND_PSYCH);
	w.pairing = mk_pair(t, w.member, w.target, "2026-03-02");
	return w;
}

static talk mk_talk(store_txn *t, const world *w, uint32_t topics, const char *content)
{
	talk k = { 0 };
	err e = { 0 };
	k.member_id = w->member;
	k.target_id = w->target;
	k.date = D("2026-04-02");
	k.minutes = 60;
	k.mode = "面谈";
	k.topics = topics;
	k.content = (char *)content;
	cr_assert_eq(talk_save(t, &k, &e), 0, "%s", e.msg);
	talk out;
	cr_assert_eq(talk_get(t, &k.m.id, &out, &e), 0);
	return out;
}

TXN_TEST(fields, values_as_csv_text)
{
	world w = mk_world(t);
	talk k = mk_talk(t, &w, TOPIC_STUDY | TOPIC_LIFE, "制定了复习计划");
	text_is(t, &talk_desc, &k, "日期", "2026-04-02");
	text_is(t, &talk_desc, &k, "主题", "学习、生活");
	text_is(t, &talk_desc, &k, "党员学号", "2022030101");
	text_is(t, &talk_desc, &k, "辅导员工号", "");
	text_is(t, &talk_desc, &k, "minutes", "60");
	text_is(t, &talk_desc, &k, "content", "制定了复习计划");
	pairing p;
	cr_assert_eq(pairing_get(t, &w.pairing, &p, e), 0);
	char ref[MODEL_REF_MAX];
	cr_assert_eq(model_ref_of(t, &pairing_desc, &p, ref, sizeof ref, e), 0);
	text_is(t, &talk_desc, &k, "结对", ref);
	text_is(t, &pairing_desc, &p, "学院", "计算机学院");
	text_is(t, &pairing_desc, &p, "学期", "2025-2026-2");
	text_is(t, &pairing_desc, &p, "结束日期", "");

	aid a = { 0 };
	a.pairing_id = w.pairing;
	a.date = D("2026-04-01");
	a.kind = "资金";
	a.amount_fen = 8550;
	cr_assert_eq(aid_save(t, &a, e), 0, "%s", e->msg);
	text_is(t, &aid_desc, &a, "金额", "85.50");
	text_is(t, &aid_desc, &a, "帮扶对象学号", "2023030106");
	target g;
	cr_assert_eq(target_of_student(t, &w.target, &g, e), 0);
	text_is(t, &target_desc, &g, "帮扶类型", "学业困难、心理困难");
	text_is(t, &target_desc, &g, "姓名", "单晓雯");
	text_is(t, &target_desc, &g, "学院", "计算机学院");
	rec_free(&target_desc, &g);
	rec_free(&pairing_desc, &p);
	rec_free(&talk_desc, &k);
	return 0;
}

TXN_TEST(fields, set_from_csv_text)
{
	{
		/* a date before 2000 is named so, not "not a date" */
		pairing p = { 0 };
		err x = { 0 };
		cr_assert_eq(model_field_set(t, &pairing_desc, &p, field(&pairing_desc, "start"),
					     "1900-01-01", ROLE_SECRETARY, &x), E_INPUT);
		cr_assert(strstr(x.msg, "1900-01-01 is before 2000"), "%s", x.msg);
		cr_assert_eq(model_field_set(t, &pairing_desc, &p, field(&pairing_desc, "start"),
					     "2026-02-31", ROLE_SECRETARY, &x), E_INPUT);
		cr_assert(strstr(x.msg, "not a date"), "%s", x.msg);
	}
	world w = mk_world(t);
	student s;
	cr_assert_eq(student_get(t, &w.target, &s, e), 0);
	cr_assert_eq(model_field_set(t, &student_desc, &s, field(&student_desc, "性别"), "female",
				     ROLE_SECRETARY, e), 0, "%s", e->msg);
	cr_assert_str_eq(s.gender, "女", "an English synonym, kept canonical");
	cr_assert_eq(model_field_set(t, &student_desc, &s, field(&student_desc, "政治面貌"), "预备党员",
				     ROLE_SECRETARY, e), 0);
	cr_assert_str_eq(s.political, "中共预备党员");
	cr_assert_eq(model_field_set(t, &student_desc, &s, field(&student_desc, "college"), "计算机学院",
				     ROLE_SECRETARY, e), 0);
	cr_assert_eq(model_field_set(t, &student_desc, &s, field(&student_desc, "college"), "外语学院",
				     ROLE_SECRETARY, e), E_INPUT);
	cr_assert(about(e, "学院"), "%s", e->msg);
	cr_assert(strstr(e->msg, "外语学院"), "%s", e->msg);
	rec_free(&student_desc, &s);

	target g;
	cr_assert_eq(target_of_student(t, &w.target, &g, e), 0);
	cr_assert_eq(model_field_set(t, &target_desc, &g, field(&target_desc, "kinds"), "学业、经济",
				     ROLE_SECRETARY, e), 0);
	cr_assert_eq(g.kinds, KIND_ACADEMIC | KIND_FINANCIAL);
	cr_assert_eq(model_field_set(t, &target_desc, &g, field(&target_desc, "kinds"), "学业、学霸",
				     ROLE_SECRETARY, e), E_INPUT);
	cr_assert(about(e, "帮扶类型"), "%s", e->msg);
	cr_assert(strstr(e->msg, "学霸"), "the bad item is named: %s", e->msg);
	cr_assert_str_eq(e->field, "kinds");
	rec_free(&target_desc, &g);

	pairing p;
	cr_assert_eq(pairing_get(t, &w.pairing, &p, e), 0);
	cr_assert_eq(model_field_set(t, &pairing_desc, &p, field(&pairing_desc, "结束日期"), "2026-02-30",
				     ROLE_SECRETARY, e), E_INPUT);
	cr_assert(about(e, "结束日期"), "%s", e->msg);
	cr_assert_eq(model_field_set(t, &pairing_desc, &p, field(&pairing_desc, "结束日期"), "2026-05-01",
				     ROLE_SECRETARY, e), 0);
	cr_assert_eq(p.end, D("2026-05-01"));
	cr_assert_eq(model_field_set(t, &pairing_desc, &p, field(&pairing_desc, "结束日期"), "",
				     ROLE_SECRETARY, e), 0);
	cr_assert_eq(p.end, 0, "an empty cell is no date");
	cr_assert_eq(model_field_set(t, &pairing_desc, &p, field(&pairing_desc, "党员学号"), "2099999999",
				     ROLE_SECRETARY, e), E_INPUT);
	cr_assert(about(e, "党员学号"), "%s", e->msg);
	cr_assert_eq(model_field_set(t, &pairing_desc, &p, field(&pairing_desc, "学期"), "2030-2031-1",
				     ROLE_SECRETARY, e), E_INPUT, "a semester that does not exist");
	rec_free(&pairing_desc, &p);

	aid a = { 0 };
	cr_assert_eq(model_field_set(t, &aid_desc, &a, field(&aid_desc, "金额"), "￥12.5",
				     ROLE_SECRETARY, e), 0);
	cr_assert_eq(a.amount_fen, 1250);
	cr_assert_eq(model_field_set(t, &aid_desc, &a, field(&aid_desc, "金额"), "12.345",
				     ROLE_SECRETARY, e), E_INPUT);
	cr_assert(about(e, "金额"), "%s", e->msg);
	talk k = { 0 };
	cr_assert_eq(model_field_set(t, &talk_desc, &k, field(&talk_desc, "时长"), "4x",
				     ROLE_SECRETARY, e), E_INPUT);
	cr_assert(about(e, "时长"), "%s", e->msg);
	rec_free(&aid_desc, &a);
	return 0;
}

TXN_TEST(fields, read_only_fields_are_refused)
{
	world w = mk_world(t);
	target g;
	cr_assert_eq(target_of_student(t, &w.target, &g, e), 0);
	size_t i = field(&target_desc, "学号");
	cr_assert_not(model_field_editable(&target_desc, i));
	cr_assert_eq(model_field_set(t, &target_desc, &g, i, "2022030101", ROLE_SECRETARY, e),
		     E_INPUT);
	cr_assert(about(e, "学号"), "%s", e->msg);
	cr_assert_eq(rid_cmp(&g.student_id, &w.target), 0, "unchanged");
	cr_assert(model_field_editable(&target_desc, field(&target_desc, "帮扶类型")));
	cr_assert_not(model_field_editable(&pairing_desc, field(&pairing_desc, "学院")));
	rec_free(&target_desc, &g);
	return 0;
}

TXN_TEST(fields, privacy_masks_by_role)
{
	world w = mk_world(t);
	talk k = mk_talk(t, &w, TOPIC_STUDY | TOPIC_PSYCH, "她情绪比上次稳定");
	bool masked;
	char *v = text_of(t, &talk_desc, &k, "内容", ROLE_SECRETARY, &masked);
	cr_assert_str_eq(v, privacy_mask());
	cr_assert(masked);
	free(v);
	v = text_of(t, &talk_desc, &k, "内容", ROLE_MEMBER, &masked);
	cr_assert_str_eq(v, privacy_mask());
	free(v);
	v = text_of(t, &talk_desc, &k, "内容", ROLE_COUNSELLOR, &masked);
	cr_assert_str_eq(v, "她情绪比上次稳定");
	cr_assert_not(masked);
	free(v);
	/* the other fields of the talk show */
	v = text_of(t, &talk_desc, &k, "主题", ROLE_SECRETARY, &masked);
	cr_assert_str_eq(v, "学习、心理");
	free(v);
	/* a secretary may not overwrite what she cannot read */
	cr_assert_eq(model_field_set(t, &talk_desc, &k, field(&talk_desc, "内容"), "x",
				     ROLE_SECRETARY, e), E_INPUT);
	cr_assert_str_eq(k.content, "她情绪比上次稳定");
	err_clear(e);
	cr_assert_eq(model_field_set(t, &talk_desc, &k, field(&talk_desc, "内容"), "改过的记录",
				     ROLE_COUNSELLOR, e), 0);
	rec_free(&talk_desc, &k);

	target g;
	cr_assert_eq(target_of_student(t, &w.target, &g, e), 0);
	v = text_of(t, &target_desc, &g, "困难情况", ROLE_SECRETARY, &masked);
	cr_assert_str_eq(v, "", "as the exports: an empty situation hides nothing");
	cr_assert_not(masked);
	free(v);
	free(g.situation);
	g.situation = strdup("考试前失眠");
	v = text_of(t, &target_desc, &g, "困难情况", ROLE_SECRETARY, &masked);
	cr_assert_str_eq(v, privacy_mask());
	free(v);
	v = text_of(t, &target_desc, &g, "困难情况", ROLE_COUNSELLOR, &masked);
	cr_assert_str_eq(v, "考试前失眠");
	free(v);
	/* a student of no 心理困难: the situation shows to everyone */
	g.kinds = KIND_ACADEMIC;
	v = text_of(t, &target_desc, &g, "困难情况", ROLE_SECRETARY, &masked);
	cr_assert_str_eq(v, "考试前失眠");
	free(v);
	rec_free(&target_desc, &g);
	return 0;
}

TXN_TEST(fields, save_errors_name_the_csv_column)
{
	world w = mk_world(t);
	pairing p;
	cr_assert_eq(pairing_get(t, &w.pairing, &p, e), 0);
	p.end = D("2026-01-01");
	cr_assert_eq(pairing_save(t, &p, e), E_INPUT);
	cr_assert(about(e, "end"), "%s", e->msg);
	char why[sizeof e->msg];
	strcpy(why, err_text(e));
	model_field_err(&pairing_desc, e);
	cr_assert(about(e, "结束日期"), "%s", e->msg);
	cr_assert(strstr(e->msg, why), "the reason is kept: %s", e->msg);
	/* an error about no field is left alone */
	err_set(e, E_DB, "changed by someone else");
	model_field_err(&pairing_desc, e);
	cr_assert_str_eq(e->msg, "changed by someone else");
	rec_free(&pairing_desc, &p);
	return 0;
}

TXN_TEST(fields, what_a_record_belongs_to)
{
	world w = mk_world(t);
	rid other = mk_college(t, "机械学院", 0, 0);
	counsellor n = { 0 };
	n.staff_no = "20080301";
	n.name = "陈静";
	n.college_id = other;
	cr_assert_eq(counsellor_save(t, &n, e), 0, "%s", e->msg);
	talk k = mk_talk(t, &w, TOPIC_STUDY, "");
	rid c;
	cr_assert_eq(model_rec_college(t, &talk_desc, &k, &c, e), 0);
	cr_assert_eq(rid_cmp(&c, &w.college), 0, "a member's talk: its pairing's college");
	talk ck = { 0 };
	ck.counsellor_id = n.m.id;
	ck.target_id = w.target;
	ck.date = D("2026-04-15");
	cr_assert_eq(model_rec_college(t, &talk_desc, &ck, &c, e), 0);
	cr_assert_eq(rid_cmp(&c, &other), 0, "a counsellor's talk: the counsellor's college");
	target g;
	cr_assert_eq(target_of_student(t, &w.target, &g, e), 0);
	cr_assert_eq(model_rec_college(t, &target_desc, &g, &c, e), 0);
	cr_assert_eq(rid_cmp(&c, &w.college), 0, "a profile: its student's college");
	rec_free(&target_desc, &g);

	semester spring, autumn;
	cr_assert_eq(semester_by_code(t, "2025-2026-2", &spring, e), 0);
	rid aut;
	cr_assert_eq(semester_ensure(t, "2026-2027-1", &aut, e), 0);
	cr_assert_eq(semester_get(t, &aut, &autumn, e), 0);
	pairing p;
	cr_assert_eq(pairing_get(t, &w.pairing, &p, e), 0);
	bool in;
	cr_assert_eq(model_rec_in_semester(t, &pairing_desc, &p, &spring, &in, e), 0);
	cr_assert(in);
	cr_assert_eq(model_rec_in_semester(t, &talk_desc, &k, &spring, &in, e), 0);
	cr_assert(in, "a talk by its pairing");
	p.end = D("2026-06-30");
	cr_assert_eq(model_rec_in_semester(t, &pairing_desc, &p, &autumn, &in, e), 0);
	cr_assert_not(in, "ended before the autumn term");
	cr_assert_eq(model_rec_in_semester(t, &talk_desc, &ck, &spring, &in, e), 0);
	cr_assert(in, "a counsellor's talk by its date");
	cr_assert_eq(model_rec_in_semester(t, &talk_desc, &ck, &autumn, &in, e), 0);
	cr_assert_not(in);
	rec_free(&pairing_desc, &p);
	rec_free(&semester_desc, &spring);
	rec_free(&semester_desc, &autumn);
	rec_free(&talk_desc, &k);
	return 0;
}
