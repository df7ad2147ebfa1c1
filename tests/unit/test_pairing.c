/* test_pairing.c — the pairing rules of the programme, each with a test that
 * fails if the rule is removed. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fixtures.h"
#include "model/model.h"

/* A college with one member and one assisted student. */
struct world {
	rid col, mem, tgt;
};

static struct world basic(store_txn *t, int64_t limit)
{
	struct world w;
	w.col = mk_college(t, "计算机学院", limit, 0);
	w.mem = mk_student(t, "2023010101", "张三", w.col, "中共党员");
	w.tgt = mk_student(t, "2024010101", "李四", w.col, "共青团员");
	mk_target(t, w.tgt, KIND_ACADEMIC);
	return w;
}

static rid another_target(store_txn *t, rid col, const char *no, const char *name)
{
	rid id = mk_student(t, no, name, col, "共青团员");
	mk_target(t, id, KIND_FINANCIAL);
	return id;
}

TXN_TEST(pairing, accepted_and_found)
{
	struct world w = basic(t, 0);
	rid p = mk_pair(t, w.mem, w.tgt, "2026-03-01");
	pairing got;
	cr_assert_eq(pairing_active_of_target(t, &w.tgt, &got, e), 0);
	cr_assert_eq(rid_cmp(&got.m.id, &p), 0);
	rec_free(&pairing_desc, &got);
	cr_assert_eq(pairing_find(t, &w.mem, &w.tgt, D("2026-04-01"), &got, e), 0);
	rec_free(&pairing_desc, &got);
	cr_assert_eq(pairing_find(t, &w.mem, &w.tgt, D("2026-02-01"), &got, e), E_NOTFOUND,
		     "not active before its start");
	cr_assert_eq(pairing_active_of_target(t, &w.mem, &got, e), E_NOTFOUND);
	return 0;
}

TXN_TEST(pairing, college_is_forced_to_the_members)
{
	struct world w = basic(t, 0);
	rid other = mk_college(t, "数学学院", 0, 0);
	pairing p = { 0 };
	err x = { 0 };
	p.member_id = w.mem;
	p.target_id = w.tgt;
	p.college_id = other;
	p.semester_id = mk_semester(t);
	p.start = D("2026-03-01");
	cr_assert_eq(pairing_save(t, &p, &x), 0, "%s", x.msg);
	cr_assert_eq(rid_cmp(&p.college_id, &w.col), 0, "the caller sees the member's college");
	pairing got;
	cr_assert_eq(pairing_get(t, &p.m.id, &got, e), 0);
	cr_assert_eq(rid_cmp(&got.college_id, &w.col), 0);
	rec_free(&pairing_desc, &got);
	return 0;
}

TXN_TEST(pairing, second_active_pairing_of_a_target_refused)
{
	struct world w = basic(t, 0);
	rid mem2 = mk_student(t, "2023010102", "王五", w.col, "中共预备党员");
	mk_pair(t, w.mem, w.tgt, "2026-03-01");
	err x = { 0 };
	cr_assert_eq(try_pair(t, mem2, w.tgt, "2026-04-01", NULL, NULL, &x), E_INPUT);
	cr_assert(about(&x, "target"), "%s", x.msg);
	cr_assert(strstr(x.msg, "李四"), "%s", x.msg);
	return 0;
}

TXN_TEST(pairing, new_pairing_after_the_old_one_ended)
{
	struct world w = basic(t, 0);
	rid mem2 = mk_student(t, "2023010102", "王五", w.col, "中共预备党员");
	rid id = mk_pair(t, w.mem, w.tgt, "2026-03-01");
	pairing p;
	err x = { 0 };
	cr_assert_eq(pairing_get(t, &id, &p, e), 0);
	p.end = D("2026-05-10");
	cr_assert_eq(pairing_save(t, &p, &x), 0, "%s", x.msg);
	rec_free(&pairing_desc, &p);
	cr_assert_eq(try_pair(t, mem2, w.tgt, "2026-05-11", NULL, NULL, &x), 0, "%s", x.msg);
	cr_assert_eq(pairing_active_of_target(t, &w.tgt, &p, e), 0);
	cr_assert_eq(rid_cmp(&p.member_id, &mem2), 0, "the new member is the active one");
	rec_free(&pairing_desc, &p);
	return 0;
}

TXN_TEST(pairing, member_limit_is_one_by_default)
{
	struct world w = basic(t, 0);
	rid t2 = another_target(t, w.col, "2024010102", "赵六");
	mk_pair(t, w.mem, w.tgt, "2026-03-01");
	err x = { 0 };
	cr_assert_eq(try_pair(t, w.mem, t2, "2026-03-01", NULL, NULL, &x), E_INPUT);
	cr_assert(about(&x, "member"), "%s", x.msg);
	return 0;
}

TXN_TEST(pairing, member_limit_from_the_college)
{
	struct world w = basic(t, 2);
	rid t2 = another_target(t, w.col, "2024010102", "赵六");
	rid t3 = another_target(t, w.col, "2024010103", "钱七");
	err x = { 0 };
	mk_pair(t, w.mem, w.tgt, "2026-03-01");
	cr_assert_eq(try_pair(t, w.mem, t2, "2026-03-01", NULL, NULL, &x), 0, "%s", x.msg);
	cr_assert_eq(try_pair(t, w.mem, t3, "2026-03-01", NULL, NULL, &x), E_INPUT);
	cr_assert(about(&x, "member"), "%s", x.msg);
	cr_assert(strstr(x.msg, "allows 2"), "%s", x.msg);
	return 0;
}

TXN_TEST(pairing, cross_college_needs_a_reason)
{
	struct world w = basic(t, 0);
	rid math = mk_college(t, "数学学院", 0, 0);
	rid far = another_target(t, math, "2024020101", "孙八");
	err x = { 0 };
	cr_assert_eq(try_pair(t, w.mem, far, "2026-03-01", NULL, NULL, &x), E_INPUT);
	cr_assert(about(&x, "reason"), "%s", x.msg);
	cr_assert_eq(try_pair(t, w.mem, far, "2026-03-01", "   ", NULL, &x), E_INPUT,
		     "blank reason accepted");
	pairing p;
	cr_assert_eq(try_pair(t, w.mem, far, "2026-03-01", "同宿舍，便于帮扶", &p, &x), 0, "%s",
		     x.msg);
	cr_assert_eq(rid_cmp(&p.college_id, &w.col), 0, "the pairing belongs to the member's college");
	return 0;
}

TXN_TEST(pairing, helper_must_be_a_party_member)
{
	struct world w = basic(t, 0);
	rid league = mk_student(t, "2023010103", "周九", w.col, "共青团员");
	err x = { 0 };
	cr_assert_eq(try_pair(t, league, w.tgt, "2026-03-01", NULL, NULL, &x), E_INPUT);
	cr_assert(about(&x, "member"), "%s", x.msg);
	return 0;
}

TXN_TEST(pairing, target_needs_a_profile_with_kinds)
{
	struct world w = basic(t, 0);
	rid plain = mk_student(t, "2024010109", "吴十", w.col, "群众");
	err x = { 0 };
	cr_assert_eq(try_pair(t, w.mem, plain, "2026-03-01", NULL, NULL, &x), E_INPUT);
	cr_assert(about(&x, "target"), "%s", x.msg);
	/* a profile without kinds cannot be saved... */
	target g = { 0 };
	g.student_id = plain;
	cr_assert_eq(target_save(t, &g, &x), E_INPUT);
	cr_assert(about(&x, "kinds"), "%s", x.msg);
	/* ...and one written around the rules does not make a pairing possible */
	rid_new(&g.m.id);
	g.m.rev = 1;
	g.status = "帮扶中";
	cr_assert_eq(st_rec_restore(t, DB_TARGET, &target_desc, &g, e), 0);
	cr_assert_eq(model_reindex(t, model_entities[5], &g, e), 0);
	cr_assert_eq(try_pair(t, w.mem, plain, "2026-03-01", NULL, NULL, &x), E_INPUT);
	cr_assert(about(&x, "target"), "%s", x.msg);
	return 0;
}

TXN_TEST(pairing, not_with_oneself)
{
	struct world w = basic(t, 0);
	mk_target(t, w.mem, KIND_PSYCH);
	err x = { 0 };
	cr_assert_eq(try_pair(t, w.mem, w.mem, "2026-03-01", NULL, NULL, &x), E_INPUT);
	cr_assert(about(&x, "target"), "%s", x.msg);
	return 0;
}

/* A pairing in a semester whose dates do not hold its start. */
static int pair_in(store_txn *t, const struct world *w, const char *code, const char *start,
		   err *x)
{
	pairing p = { 0 };
	err y = { 0 };
	p.member_id = w->mem;
	p.target_id = w->tgt;
	cr_assert_eq(semester_ensure(t, code, &p.semester_id, &y), 0, "%s", y.msg);
	p.start = D(start);
	return pairing_save(t, &p, x);
}

TXN_TEST(pairing, start_lies_inside_its_semester)
{
	struct world w = basic(t, 0);
	err x = { 0 };
	/* 2025-2026-1 runs 2025-09-01 to 2026-01-31 */
	cr_assert_eq(pair_in(t, &w, "2025-2026-1", "2026-04-01", &x), E_INPUT);
	cr_assert(about(&x, "start"), "%s", x.msg);
	cr_assert(strstr(x.msg, "outside the semester 2025-2026-1 (2025-09-01 to 2026-01-31)"),
		  "%s", x.msg);
	cr_assert_eq(pair_in(t, &w, "2025-2026-2", "2026-01-31", &x), E_INPUT, "the day before");
	cr_assert(about(&x, "start"), "%s", x.msg);
	cr_assert_eq(pair_in(t, &w, "2025-2026-1", "2026-01-31", &x), 0, "%s", x.msg);
	return 0;
}

TXN_TEST(pairing, start_not_more_than_30_days_ahead)
{
	struct world w = basic(t, 0);
	err x = { 0 };
	/* today is 2026-05-20 (helpers.h); 2025-2026-2 runs to 2026-07-31 */
	cr_assert_eq(try_pair(t, w.mem, w.tgt, "2026-06-20", NULL, NULL, &x), E_INPUT);
	cr_assert(about(&x, "start"), "%s", x.msg);
	cr_assert(strstr(x.msg, "more than 30 days ahead"), "%s", x.msg);
	cr_assert_eq(pair_in(t, &w, "2099-2100-1", "2099-09-01", &x), E_INPUT);
	cr_assert(strstr(x.msg, "more than 30 days ahead"), "%s", x.msg);
	cr_assert_eq(try_pair(t, w.mem, w.tgt, "2026-06-19", NULL, NULL, &x), 0, "%s", x.msg);
	return 0;
}

TXN_TEST(pairing, start_before_2000_is_not_plausible)
{
	struct world w = basic(t, 0);
	err x = { 0 };
	cr_assert_eq(pair_in(t, &w, "2025-2026-1", "1999-09-01", &x), E_INPUT);
	cr_assert(about(&x, "start"), "%s", x.msg);
	cr_assert(strstr(x.msg, "1999-09-01 is before 2000"), "%s", x.msg);
	/* and so is a semester of those years: no pairing can be made in one */
	semester sem;
	semester_defaults("1999-2000-1", &sem);
	sem.code = "1999-2000-1";
	cr_assert_eq(semester_save(t, &sem, &x), E_INPUT);
	cr_assert(about(&x, "start") && strstr(x.msg, "before 2000"), "%s", x.msg);
	return 0;
}

/* The form's pairing in a semester it makes: the code's default dates
 * hold the start. */
TXN_TEST(pairing, new_semester_holds_the_start)
{
	struct world w = basic(t, 0);
	pairing p = { 0 };
	err x = { 0 };
	p.member_id = w.mem;
	p.target_id = w.tgt;
	p.start = D("2026-05-25");
	cr_assert_eq(pairing_check_new_semester(t, &p, "2026-2027-1", NULL, &x), E_INPUT);
	cr_assert(about(&x, "start") && strstr(x.msg, "outside the semester 2026-2027-1"),
		  "%s", x.msg);
	p.start = D("2090-09-05");
	cr_assert_eq(pairing_check_new_semester(t, &p, "2090-2091-1", NULL, &x), E_INPUT);
	cr_assert(about(&x, "start") && strstr(x.msg, "days ahead"), "%s", x.msg);
	p.start = D("2026-02-05");
	cr_assert_eq(pairing_check_new_semester(t, &p, "2025-2026-2", NULL, &x), 0, "%s", x.msg);
	return 0;
}

TXN_TEST(pairing, end_not_before_start)
{
	struct world w = basic(t, 0);
	pairing p = { 0 };
	err x = { 0 };
	p.member_id = w.mem;
	p.target_id = w.tgt;
	p.semester_id = mk_semester(t);
	p.start = D("2026-03-01");
	p.end = D("2026-02-28");
	cr_assert_eq(pairing_save(t, &p, &x), E_INPUT);
	cr_assert(about(&x, "end"), "%s", x.msg);
	p.end = D("2026-03-01");
	cr_assert_eq(pairing_save(t, &p, &x), 0, "%s", x.msg);
	return 0;
}

TXN_TEST(pairing, semester_required)
{
	struct world w = basic(t, 0);
	pairing p = { 0 };
	err x = { 0 };
	p.member_id = w.mem;
	p.target_id = w.tgt;
	p.start = D("2026-03-01");
	cr_assert_eq(pairing_save(t, &p, &x), E_INPUT);
	cr_assert(about(&x, "semester"), "%s", x.msg);
	return 0;
}

TXN_TEST(target, tier_only_with_financial_difficulty)
{
	struct world w = basic(t, 0);
	target g = { 0 };
	err x = { 0 };
	rid s = mk_student(t, "2024010105", "郑一", w.col, "群众");
	g.student_id = s;
	g.kinds = KIND_ACADEMIC;
	g.tier = "特别困难";
	cr_assert_eq(target_save(t, &g, &x), E_INPUT);
	cr_assert(about(&x, "tier"), "%s", x.msg);
	g.kinds |= KIND_FINANCIAL;
	g.tier = "特困";
	cr_assert_eq(target_save(t, &g, &x), 0, "%s", x.msg);
	target got;
	cr_assert_eq(target_of_student(t, &s, &got, e), 0);
	cr_assert_str_eq(got.tier, "特别困难");
	cr_assert_str_eq(got.status, "帮扶中");
	rec_free(&target_desc, &got);
	/* one profile per student */
	target again = { 0 };
	again.student_id = s;
	again.kinds = KIND_PSYCH;
	cr_assert_eq(target_save(t, &again, &x), E_INPUT);
	cr_assert(about(&x, "student"), "%s", x.msg);
	return 0;
}

TXN_TEST(pairing, check_finds_two_active_pairings_of_a_target)
{
	struct world w = basic(t, 0);
	rid mem2 = mk_student(t, "2023010102", "王五", w.col, "中共预备党员");
	mk_pair(t, w.mem, w.tgt, "2026-03-01");
	pairing p = { 0 };
	p.member_id = mem2;
	p.target_id = w.tgt;
	p.college_id = w.col;
	p.semester_id = mk_semester(t);
	p.start = D("2026-04-01");
	rid_new(&p.m.id);
	p.m.rev = 1;
	cr_assert_eq(st_rec_restore(t, DB_PAIRING, &pairing_desc, &p, e), 0);
	cr_assert_eq(model_reindex(t, model_entities[6], &p, e), 0);
	errlist probs = { 0 };
	err x = { 0 };
	cr_assert_eq(model_check(t, &probs, &x), E_DB);
	bool found = false;
	for (size_t i = 0; i < probs.n; i++) {
		fprintf(stderr, "problem: %s\n", probs.msg[i]);
		found = found || strstr(probs.msg[i], "already has an active pairing");
	}
	cr_assert(found);
	errlist_free(&probs);
	return 0;
}

TXN_TEST(pairing, check_finds_wrong_college_and_missing_reason)
{
	struct world w = basic(t, 0);
	rid math = mk_college(t, "数学学院", 0, 0);
	rid far = another_target(t, math, "2024020101", "孙八");
	pairing p = { 0 };
	p.member_id = w.mem;
	p.target_id = far;
	p.college_id = math;      /* the target's college, not the member's */
	p.semester_id = mk_semester(t);
	p.start = D("2026-04-01");
	rid_new(&p.m.id);
	p.m.rev = 1;
	cr_assert_eq(st_rec_restore(t, DB_PAIRING, &pairing_desc, &p, e), 0);
	cr_assert_eq(model_reindex(t, model_entities[6], &p, e), 0);
	errlist probs = { 0 };
	err x = { 0 };
	cr_assert_eq(model_check(t, &probs, &x), E_DB);
	cr_assert_eq(probs.n, 1);
	cr_assert(strstr(probs.msg[0], "college:"), "%s", probs.msg[0]);
	errlist_free(&probs);
	/* right college, still no reason */
	pairing q;
	cr_assert_eq(pairing_get(t, &p.m.id, &q, e), 0);
	q.college_id = w.col;
	cr_assert_eq(st_del(t, DB_PAIRING, (bytes){ q.m.id.b, 16 }, e), 0);
	keybuf k;
	key_init(&k);
	key_id(&k, &math);
	key_id(&k, &q.semester_id);
	key_id(&k, &q.m.id);
	cr_assert_eq(st_del(t, IX_PAIRING_COLLEGE, key_bytes(&k), e), 0);
	cr_assert_eq(st_rec_restore(t, DB_PAIRING, &pairing_desc, &q, e), 0);
	cr_assert_eq(model_reindex(t, model_entities[6], &q, e), 0);
	rec_free(&pairing_desc, &q);
	cr_assert_eq(model_check(t, &probs, &x), E_DB);
	cr_assert_eq(probs.n, 1);
	cr_assert(strstr(probs.msg[0], "reason:"), "%s", probs.msg[0]);
	errlist_free(&probs);
	return 0;
}

/* Every broken rule at once (model_check_all, the form's messages): a
 * helper who is no party member and a student already paired are both
 * named, each under its field; the check alone names only the first. */
TXN_TEST(pairing, check_all_names_every_broken_rule)
{
	struct world w = basic(t, 2);
	rid other = mk_college(t, "数学学院", 0, 0);
	mk_pair(t, w.mem, w.tgt, "2026-03-01");
	rid helper = mk_student(t, "2023020101", "王五", other, "共青团员");
	pairing p = { 0 }, fixed;
	err first = { 0 }, all[8];
	p.member_id = helper;
	p.target_id = w.tgt;
	p.semester_id = mk_semester(t);
	p.start = D("2026-04-01");
	cr_assert_eq(pairing_check(t, &p, &fixed, &first), E_INPUT);
	cr_assert(about(&first, "member"), "%s", first.msg);
	size_t n = model_check_all(t, &pairing_desc, &fixed, &first, all, 8);
	rec_free(&pairing_desc, &fixed);
	cr_assert_eq(n, 3, "helper, student and reason: %zu", n);
	cr_assert_str_eq(all[0].field, "member");
	cr_assert(strstr(all[0].msg, "is not a party member"), "%s", all[0].msg);
	cr_assert_str_eq(all[1].field, "target");
	cr_assert(strstr(all[1].msg, "already has an active pairing"), "%s", all[1].msg);
	cr_assert_str_eq(all[2].field, "reason");
	cr_assert(strstr(all[2].msg, "give a reason"), "%s", all[2].msg);
	/* at most max, the first first */
	cr_assert_eq(model_check_all(t, &pairing_desc, &p, &first, all, 1), 1);
	cr_assert_str_eq(all[0].field, "member");
	/* a valid pairing has none */
	pairing q = { 0 };
	rid free_tgt = another_target(t, w.col, "2024010102", "赵六");
	q.member_id = w.mem;
	q.target_id = free_tgt;
	q.semester_id = p.semester_id;
	q.start = D("2026-04-01");
	cr_assert_eq(pairing_check(t, &q, &fixed, &first), 0, "%s", first.msg);
	cr_assert_eq(model_check_all(t, &pairing_desc, &fixed, NULL, all, 8), 0);
	rec_free(&pairing_desc, &fixed);
	return 0;
}
