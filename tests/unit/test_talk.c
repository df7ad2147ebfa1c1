/* test_talk.c — the rules for talks (members' and counsellors') and for
 * material aid, each with a test that fails if the rule is removed. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fixtures.h"
#include "model/model.h"

/* A college with a member paired (from 2026-03-01) with an assisted student,
 * and a counsellor. Today is 2026-05-20 (test_db). */
struct world {
	rid col, mem, tgt, pair, coun;
};

static rid mk_counsellor(store_txn *t, const char *no, rid col)
{
	counsellor c = { 0 };
	err e = { 0 };
	c.staff_no = (char *)no;
	c.name = "王老师";
	c.college_id = col;
	cr_assert_eq(counsellor_save(t, &c, &e), 0, "%s", e.msg);
	return c.m.id;
}

static struct world basic(store_txn *t)
{
	struct world w;
	w.col = mk_college(t, "计算机学院", 0, 0);
	w.mem = mk_student(t, "2023010101", "张三", w.col, "中共党员");
	w.tgt = mk_student(t, "2024010101", "李四", w.col, "共青团员");
	mk_target(t, w.tgt, KIND_ACADEMIC | KIND_PSYCH);
	w.pair = mk_pair(t, w.mem, w.tgt, "2026-03-01");
	w.coun = mk_counsellor(t, "T2001", w.col);
	return w;
}

static talk member_talk(const struct world *w, const char *day)
{
	talk k = { 0 };
	k.member_id = w->mem;
	k.target_id = w->tgt;
	k.date = D(day);
	k.minutes = 30;
	k.mode = "面谈";
	k.topics = TOPIC_STUDY;
	k.content = "了解学习情况";
	return k;
}

TXN_TEST(talk, member_talk_gets_its_pairing)
{
	struct world w = basic(t);
	talk k = member_talk(&w, "2026-04-01");
	err x = { 0 };
	k.mode = "phone";
	cr_assert_eq(talk_save(t, &k, &x), 0, "%s", x.msg);
	cr_assert_eq(rid_cmp(&k.pairing_id, &w.pair), 0, "the pairing was filled in");
	talk got;
	cr_assert_eq(talk_get(t, &k.m.id, &got, e), 0);
	cr_assert_str_eq(got.mode, "电话");
	cr_assert_eq(rid_cmp(&got.pairing_id, &w.pair), 0);
	rec_free(&talk_desc, &got);
	date_t last;
	cr_assert_eq(pairing_last_talk(t, &w.pair, &last, e), 0);
	cr_assert_eq(last, D("2026-04-01"));
	return 0;
}

TXN_TEST(talk, no_active_pairing_on_the_date_refused)
{
	struct world w = basic(t);
	talk k = member_talk(&w, "2026-02-20");      /* before the pairing began */
	err x = { 0 };
	cr_assert_eq(talk_save(t, &k, &x), E_INPUT);
	cr_assert(about(&x, "date"), "%s", x.msg);
	/* after it ended */
	pairing p;
	cr_assert_eq(pairing_get(t, &w.pair, &p, e), 0);
	p.end = D("2026-04-30");
	cr_assert_eq(pairing_save(t, &p, &x), 0, "%s", x.msg);
	rec_free(&pairing_desc, &p);
	k = member_talk(&w, "2026-05-02");
	cr_assert_eq(talk_save(t, &k, &x), E_INPUT);
	cr_assert(about(&x, "date"), "%s", x.msg);
	k = member_talk(&w, "2026-04-30");
	cr_assert_eq(talk_save(t, &k, &x), 0, "the last day still counts: %s", x.msg);
	return 0;
}

TXN_TEST(talk, member_not_paired_with_the_student_refused)
{
	struct world w = basic(t);
	rid other = mk_student(t, "2023010102", "王五", w.col, "中共党员");
	talk k = member_talk(&w, "2026-04-01");
	err x = { 0 };
	k.member_id = other;
	cr_assert_eq(talk_save(t, &k, &x), E_INPUT);
	cr_assert(about(&x, "date"), "%s", x.msg);
	return 0;
}

TXN_TEST(talk, counsellor_of_the_college_needs_no_pairing)
{
	struct world w = basic(t);
	rid lone = mk_student(t, "2024010102", "赵六", w.col, "群众");
	mk_target(t, lone, KIND_PSYCH);
	talk k = { 0 };
	err x = { 0 };
	k.counsellor_id = w.coun;
	k.target_id = lone;
	k.date = D("2026-05-01");
	k.minutes = 45;
	k.mode = "面谈";
	k.topics = TOPIC_PSYCH;
	cr_assert_eq(talk_save(t, &k, &x), 0, "%s", x.msg);
	cr_assert(rid_is_zero(&k.pairing_id));
	return 0;
}

TXN_TEST(talk, counsellor_of_another_college_refused)
{
	struct world w = basic(t);
	rid math = mk_college(t, "数学学院", 0, 0);
	rid far = mk_counsellor(t, "T3001", math);
	talk k = { 0 };
	err x = { 0 };
	k.counsellor_id = far;
	k.target_id = w.tgt;
	k.date = D("2026-05-01");
	k.minutes = 45;
	k.mode = "面谈";
	k.topics = TOPIC_PSYCH;
	cr_assert_eq(talk_save(t, &k, &x), E_INPUT);
	cr_assert(about(&x, "counsellor"), "%s", x.msg);
	return 0;
}

TXN_TEST(talk, counsellor_talks_only_with_assisted_students)
{
	struct world w = basic(t);
	rid plain = mk_student(t, "2024010103", "钱七", w.col, "群众");
	talk k = { 0 };
	err x = { 0 };
	k.counsellor_id = w.coun;
	k.target_id = plain;
	k.date = D("2026-05-01");
	k.minutes = 45;
	k.mode = "面谈";
	k.topics = TOPIC_LIFE;
	cr_assert_eq(talk_save(t, &k, &x), E_INPUT);
	cr_assert(about(&x, "target"), "%s", x.msg);
	return 0;
}

TXN_TEST(talk, member_and_counsellor_together_refused)
{
	struct world w = basic(t);
	talk k = member_talk(&w, "2026-04-01");
	err x = { 0 };
	k.counsellor_id = w.coun;
	cr_assert_eq(talk_save(t, &k, &x), E_INPUT);
	k = member_talk(&w, "2026-04-01");
	memset(&k.member_id, 0, sizeof k.member_id);
	cr_assert_eq(talk_save(t, &k, &x), E_INPUT, "a talk held by nobody");
	return 0;
}

TXN_TEST(talk, future_talk_refused)
{
	struct world w = basic(t);
	talk k = member_talk(&w, "2026-05-21");
	err x = { 0 };
	cr_assert_eq(talk_save(t, &k, &x), E_INPUT);
	cr_assert(about(&x, "date"), "%s", x.msg);
	cr_assert(strstr(x.msg, "future"), "%s", x.msg);
	k = member_talk(&w, "2026-05-20");
	cr_assert_eq(talk_save(t, &k, &x), 0, "today is fine: %s", x.msg);
	return 0;
}

TXN_TEST(talk, minutes_must_be_positive)
{
	struct world w = basic(t);
	talk k = member_talk(&w, "2026-04-01");
	err x = { 0 };
	k.minutes = 0;
	cr_assert_eq(talk_save(t, &k, &x), E_INPUT);
	cr_assert(about(&x, "minutes"), "%s", x.msg);
	k.minutes = -5;
	cr_assert_eq(talk_save(t, &k, &x), E_INPUT);
	k.minutes = 1;
	cr_assert_eq(talk_save(t, &k, &x), 0, "%s", x.msg);
	return 0;
}

TXN_TEST(talk, topics_and_mode_required)
{
	struct world w = basic(t);
	talk k = member_talk(&w, "2026-04-01");
	err x = { 0 };
	k.topics = 0;
	cr_assert_eq(talk_save(t, &k, &x), E_INPUT);
	cr_assert(about(&x, "topics"), "%s", x.msg);
	k = member_talk(&w, "2026-04-01");
	k.mode = "letter";
	cr_assert_eq(talk_save(t, &k, &x), E_INPUT);
	cr_assert(about(&x, "mode"), "%s", x.msg);
	return 0;
}

TXN_TEST(talk, changed_date_moves_the_index)
{
	struct world w = basic(t);
	talk k = member_talk(&w, "2026-04-01");
	err x = { 0 };
	date_t last;
	cr_assert_eq(talk_save(t, &k, &x), 0, "%s", x.msg);
	talk got;
	cr_assert_eq(talk_get(t, &k.m.id, &got, e), 0);
	got.date = D("2026-03-15");
	cr_assert_eq(talk_save(t, &got, &x), 0, "%s", x.msg);
	rec_free(&talk_desc, &got);
	cr_assert_eq(pairing_last_talk(t, &w.pair, &last, e), 0);
	cr_assert_eq(last, D("2026-03-15"), "the old date is gone from the index");
	errlist probs = { 0 };
	cr_assert_eq(model_check(t, &probs, &x), 0, "%s", x.msg);
	return 0;
}

TXN_TEST(talk, check_finds_talks_written_around_the_rules)
{
	struct world w = basic(t);
	talk k = member_talk(&w, "2026-06-01");        /* future */
	k.pairing_id = w.pair;
	rid_new(&k.m.id);
	k.m.rev = 1;
	cr_assert_eq(st_rec_restore(t, DB_TALK, &talk_desc, &k, e), 0);
	cr_assert_eq(model_reindex(t, model_entities[7], &k, e), 0);
	talk z = member_talk(&w, "2026-04-01");        /* zero minutes */
	z.pairing_id = w.pair;
	z.minutes = 0;
	rid_new(&z.m.id);
	z.m.rev = 1;
	cr_assert_eq(st_rec_restore(t, DB_TALK, &talk_desc, &z, e), 0);
	cr_assert_eq(model_reindex(t, model_entities[7], &z, e), 0);
	talk n = member_talk(&w, "2026-02-01");        /* before the pairing */
	n.pairing_id = w.pair;
	rid_new(&n.m.id);
	n.m.rev = 1;
	cr_assert_eq(st_rec_restore(t, DB_TALK, &talk_desc, &n, e), 0);
	cr_assert_eq(model_reindex(t, model_entities[7], &n, e), 0);
	errlist probs = { 0 };
	err x = { 0 };
	cr_assert_eq(model_check(t, &probs, &x), E_DB);
	for (size_t i = 0; i < probs.n; i++)
		fprintf(stderr, "problem: %s\n", probs.msg[i]);
	cr_assert_eq(probs.n, 4);
	bool future = false, minutes = false, nopair = false, outside = false;
	for (size_t i = 0; i < probs.n; i++) {
		future = future || strstr(probs.msg[i], "2026-06-01 is in the future");
		minutes = minutes || strstr(probs.msg[i], "minutes:");
		nopair = nopair || strstr(probs.msg[i], "no active pairing");
		/* and the pairing, whose days no longer hold its talks */
		outside = outside || strstr(probs.msg[i], "has a talk on 2026-02-01, before");
	}
	cr_assert(future && minutes && nopair && outside);
	errlist_free(&probs);
	return 0;
}

/* ---- aid -------------------------------------------------------------- */

static aid mk_aid(rid pairing_id, const char *day, int64_t fen)
{
	aid a = { 0 };
	a.pairing_id = pairing_id;
	a.date = D(day);
	a.kind = "学习用品";
	a.amount_fen = fen;
	a.note = "高数辅导书";
	return a;
}

TXN_TEST(aid, within_an_active_pairing_accepted)
{
	struct world w = basic(t);
	aid a = mk_aid(w.pair, "2026-04-10", 5600);
	err x = { 0 };
	a.kind = "supplies";
	cr_assert_eq(aid_save(t, &a, &x), 0, "%s", x.msg);
	aid got;
	cr_assert_eq(aid_get(t, &a.m.id, &got, e), 0);
	cr_assert_str_eq(got.kind, "学习用品");
	cr_assert_eq(got.amount_fen, 5600);
	rec_free(&aid_desc, &got);
	return 0;
}

TXN_TEST(aid, without_an_active_pairing_refused)
{
	struct world w = basic(t);
	aid a = mk_aid(w.pair, "2026-02-10", 5600);       /* before the start */
	err x = { 0 };
	cr_assert_eq(aid_save(t, &a, &x), E_INPUT);
	cr_assert(about(&x, "date"), "%s", x.msg);
	a = mk_aid((rid){ { 0 } }, "2026-04-10", 5600);
	cr_assert_eq(aid_save(t, &a, &x), E_INPUT);
	cr_assert(about(&x, "pairing"), "%s", x.msg);
	rid ghost;
	rid_new(&ghost);
	a = mk_aid(ghost, "2026-04-10", 5600);
	cr_assert_eq(aid_save(t, &a, &x), E_INPUT);
	cr_assert(about(&x, "pairing"), "%s", x.msg);
	return 0;
}

TXN_TEST(aid, amount_kind_and_date_checked)
{
	struct world w = basic(t);
	aid a = mk_aid(w.pair, "2026-04-10", 0);
	err x = { 0 };
	cr_assert_eq(aid_save(t, &a, &x), E_INPUT);
	cr_assert(about(&x, "amount"), "%s", x.msg);
	a = mk_aid(w.pair, "2026-04-10", 100);
	a.kind = "礼品卡";
	cr_assert_eq(aid_save(t, &a, &x), E_INPUT);
	cr_assert(about(&x, "kind"), "%s", x.msg);
	a = mk_aid(w.pair, "2026-05-21", 100);
	cr_assert_eq(aid_save(t, &a, &x), E_INPUT);
	cr_assert(about(&x, "date"), "%s", x.msg);
	return 0;
}

/* An amount over the plausible limit (10000 yuan a record) says so, not
 * "must be more than 0 yuan". */
TXN_TEST(aid, amount_over_the_limit_says_so)
{
	struct world w = basic(t);
	aid a = mk_aid(w.pair, "2026-04-10", 1000000);
	err x = { 0 };
	cr_assert_eq(aid_save(t, &a, &x), 0, "10000 yuan is still plausible: %s", x.msg);
	a = mk_aid(w.pair, "2026-04-11", 1000001);
	cr_assert_eq(aid_save(t, &a, &x), E_INPUT);
	cr_assert(about(&x, "amount"), "%s", x.msg);
	cr_assert(strstr(x.msg, "10000.01") && strstr(x.msg, "at most 10000"), "%s", x.msg);
	cr_assert_null(strstr(x.msg, "more than 0"), "%s", x.msg);
	a = mk_aid(w.pair, "2026-04-11", 0);
	cr_assert_eq(aid_save(t, &a, &x), E_INPUT);
	cr_assert(strstr(x.msg, "more than 0"), "%s", x.msg);
	return 0;
}

TXN_TEST(aid, check_finds_aid_outside_a_pairing)
{
	struct world w = basic(t);
	aid a = mk_aid(w.pair, "2026-01-10", 100);
	rid_new(&a.m.id);
	a.m.rev = 1;
	cr_assert_eq(st_rec_restore(t, DB_AID, &aid_desc, &a, e), 0);
	cr_assert_eq(model_reindex(t, model_entities[8], &a, e), 0);
	errlist probs = { 0 };
	err x = { 0 };
	cr_assert_eq(model_check(t, &probs, &x), E_DB);
	cr_assert_eq(probs.n, 2, "the aid, and the pairing whose days do not hold it");
	cr_assert(strstr(probs.msg[0], "has aid on 2026-01-10, before") ||
		  strstr(probs.msg[1], "has aid on 2026-01-10, before"));
	cr_assert(strstr(probs.msg[0], "not active") || strstr(probs.msg[1], "not active"));
	errlist_free(&probs);
	return 0;
}

/* Every broken rule at once (model_check_all): the minutes, the topics and
 * the follow-up are each named, not only the first. */
TXN_TEST(talk, check_all_names_every_broken_rule)
{
	struct world w = basic(t);
	talk k = member_talk(&w, "2026-04-01"), fixed;
	err first = { 0 }, all[8];
	k.minutes = 0;
	k.topics = 0;
	k.follow_up = D("2026-03-01");
	cr_assert_eq(talk_check(t, &k, &fixed, &first), E_INPUT);
	cr_assert(about(&first, "minutes"), "%s", first.msg);
	size_t n = model_check_all(t, &talk_desc, &fixed, &first, all, 8);
	rec_free(&talk_desc, &fixed);
	cr_assert_eq(n, 3, "%zu", n);
	cr_assert_str_eq(all[0].field, "minutes");
	cr_assert_str_eq(all[1].field, "topics");
	cr_assert_str_eq(all[2].field, "follow_up");
	return 0;
}
