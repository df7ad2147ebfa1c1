/* test_views.c — the one definition of each view (model.h, views.c and
 * rows.c): a pairing's status, a member's open pairings (the count the
 * limit rule uses), deadline status, and the rows of every list (names
 * resolved, text masked for the role, the filter applied). Today is
 * 2026-05-20 (test_db). */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "model/model.h"

/* ---- collecting rows -------------------------------------------------- */

enum { MAXROWS = 32, MAXCELLS = 10 };

struct rows {
	size_t n;
	rid id[MAXROWS], ref[MAXROWS];
	unsigned flags[MAXROWS];
	char *cell[MAXROWS][MAXCELLS];
	size_t ncells;
};

static int take(const model_row *r, void *ctx)
{
	struct rows *w = ctx;
	cr_assert_lt(w->n, MAXROWS);
	w->id[w->n] = r->id;
	w->ref[w->n] = r->ref;
	w->flags[w->n] = r->flags;
	for (size_t i = 0; i < w->ncells; i++)
		w->cell[w->n][i] = strdup(r->cells[i] ? r->cells[i] : "");
	w->n++;
	return 0;
}

/* The row whose cell col is text, or -1. */
static int row_with(const struct rows *w, size_t col, const char *text)
{
	for (size_t i = 0; i < w->n; i++)
		if (strcmp(w->cell[i][col], text) == 0)
			return (int)i;
	return -1;
}

static void rows_free(struct rows *w)
{
	for (size_t i = 0; i < w->n; i++)
		for (size_t j = 0; j < w->ncells; j++)
			free(w->cell[i][j]);
	w->n = 0;
}

static rid mk_talk(store_txn *t, rid mem, rid tgt, const char *day, uint32_t topics,
		   const char *content)
{
	talk k = { 0 };
	err e = { 0 };
	k.member_id = mem;
	k.target_id = tgt;
	k.date = D(day);
	k.minutes = 30;
	k.mode = "面谈";
	k.topics = topics;
	k.content = (char *)content;
	cr_assert_eq(talk_save(t, &k, &e), 0, "%s", e.msg);
	return k.m.id;
}

/* n Han characters: n 字. */
static char *han(size_t n)
{
	char *s = malloc(n * 3 + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(s + 3 * i, "字", 3);
	s[n * 3] = 0;
	return s;
}

/* ---- a pairing's status ------------------------------------------------ */

Test(pairing_status, active_ended_upcoming_and_days)
{
	pairing p = { 0 };
	pairing_status st;
	p.start = D("2026-03-01");
	pairing_status_on(&p, D("2026-05-20"), D("2026-05-01"), 14, NULL, &st);
	cr_assert(st.active && !st.ended && !st.upcoming);
	cr_assert_eq(st.days, 19, "days since the last talk");
	cr_assert_eq(st.last_talk, D("2026-05-01"));
	cr_assert_eq(st.since, D("2026-03-01"));
	cr_assert(st.overdue, "19 days > 14");
	pairing_status_on(&p, D("2026-05-20"), D("2026-05-10"), 14, NULL, &st);
	cr_assert(!st.overdue, "10 days is on time");
	pairing_status_on(&p, D("2026-05-20"), 0, 14, NULL, &st);
	cr_assert_eq(st.days, 80, "no talk: days since the start");
	pairing_status_on(&p, D("2026-05-20"), D("2026-05-06"), 14, NULL, &st);
	cr_assert(!st.overdue, "exactly the limit is not overdue");

	p.end = D("2026-04-30");
	pairing_status_on(&p, D("2026-05-20"), 0, 14, NULL, &st);
	cr_assert(!st.active && st.ended);
	cr_assert(!st.overdue, "an ended pairing is never overdue");

	p.end = 0;
	p.start = D("2026-05-27");
	pairing_status_on(&p, D("2026-05-20"), 0, 14, NULL, &st);
	cr_assert(!st.active && st.upcoming && !st.overdue);
}

Test(pairing_status, within_a_semester)
{
	semester s = { 0 };
	pairing p = { 0 };
	pairing_status st;
	s.m.id.b[0] = 1;
	s.start = D("2026-02-23");
	s.end = D("2026-07-10");
	p.semester_id = s.m.id;
	p.start = D("2025-12-01");
	p.end = D("2026-03-01");
	pairing_status_on(&p, D("2026-05-20"), 0, 14, &s, &st);
	cr_assert(st.in_semester && st.runs_in_semester);
	p.end = D("2026-02-01");
	p.semester_id.b[0] = 2;
	pairing_status_on(&p, D("2026-05-20"), 0, 14, &s, &st);
	cr_assert(!st.in_semester && !st.runs_in_semester, "ended before the semester");
}

TXN_TEST(pairing_status, read_from_the_database_agrees_with_overdue)
{
	rid col = mk_college(t, "计算机学院", 0, 10);
	rid m = mk_student(t, "2021000001", "党员甲", col, "中共党员");
	rid g = mk_student(t, "2024000001", "同学甲", col, "共青团员");
	mk_target(t, g, KIND_ACADEMIC);
	rid pid = mk_pair(t, m, g, "2026-03-01");
	mk_talk(t, m, g, "2026-05-08", TOPIC_STUDY, "");
	pairing p;
	cr_assert_eq(pairing_get(t, &pid, &p, e), 0);
	pairing_status st;
	cr_assert_eq(pairing_status_get(t, &p, D("2026-05-20"), NULL, &st, e), 0);
	cr_assert_eq(st.last_talk, D("2026-05-08"));
	cr_assert_eq(st.days, 12);
	cr_assert_eq(st.overdue_days, 10, "the college's limit");
	cr_assert(st.overdue);
	overdue_row *rows;
	size_t n;
	cr_assert_eq(model_overdue(t, NULL, 0, D("2026-05-20"), &rows, &n, e), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(rows[0].days, st.days);
	free(rows);
	rec_free(&pairing_desc, &p);
	return 0;
}

/* ---- a member's open pairings: the list and the rule agree -------------- */

/* The member of issue 8: one pairing active today, one starting next week,
 * the college allowing 2. The members list said 1, the rule said 2. */
TXN_TEST(member_status, list_shows_the_count_the_rule_refuses_with)
{
	rid col = mk_college(t, "计算机学院", 2, 0);
	rid m = mk_student(t, "2021000001", "王党员", col, "中共预备党员");
	rid g1 = mk_student(t, "2024000001", "同学甲", col, "共青团员");
	rid g2 = mk_student(t, "2024000002", "同学乙", col, "共青团员");
	rid g3 = mk_student(t, "2024000003", "同学丙", col, "共青团员");
	mk_target(t, g1, KIND_ACADEMIC);
	mk_target(t, g2, KIND_ACADEMIC);
	mk_target(t, g3, KIND_ACADEMIC);
	mk_pair(t, m, g1, "2026-03-01");
	mk_pair(t, m, g2, "2026-05-27");      /* next week */

	size_t n;
	cr_assert_eq(member_open_pairings(t, &m, NULL, D("2026-05-20"), &n, e), 0);
	cr_assert_eq(n, 2, "a pairing that starts later counts");

	struct rows w = { .ncells = MROW__N };
	row_query q = { ROLE_SECRETARY, D("2026-05-20"), NULL };
	cr_assert_eq(model_member_rows(t, &q, take, &w, e), 0, "%s", e->msg);
	cr_assert_eq(w.n, 1);
	cr_assert_str_eq(w.cell[0][MROW_PAIRINGS], "2", "the list shows what the rule counts");
	cr_assert_str_eq(w.cell[0][MROW_NAME], "王党员");
	cr_assert_str_eq(w.cell[0][MROW_CATEGORY], "probationary");
	cr_assert_str_eq(w.cell[0][MROW_COLLEGE], "计算机学院");
	cr_assert_eq(rid_cmp(&w.ref[0], &m), 0);
	rows_free(&w);

	err x = { 0 };
	cr_assert_eq(try_pair(t, m, g3, "2026-03-01", NULL, NULL, &x), E_INPUT);
	cr_assert(strstr(x.msg, "already has 2"), "%s", x.msg);

	member_status ms;
	student s;
	cr_assert_eq(student_get(t, &m, &s, e), 0);
	cr_assert_eq(member_status_get(t, &s, D("2026-05-20"), &ms, e), 0);
	cr_assert_eq(ms.open_pairings, 2);
	cr_assert_eq(ms.category, MEMBER_PROBATIONARY);
	rec_free(&student_desc, &s);
	return 0;
}

TXN_TEST(member_status, an_ended_pairing_does_not_count)
{
	rid col = mk_college(t, "计算机学院", 0, 0);
	rid m = mk_student(t, "2021000001", "王党员", col, "中共党员");
	rid g1 = mk_student(t, "2024000001", "同学甲", col, "共青团员");
	mk_target(t, g1, KIND_ACADEMIC);
	pairing p = { 0 };
	p.member_id = m;
	p.target_id = g1;
	p.semester_id = mk_semester(t);
	p.start = D("2026-03-01");
	p.end = D("2026-04-01");
	cr_assert_eq(pairing_save(t, &p, e), 0, "%s", e->msg);
	size_t n;
	cr_assert_eq(member_open_pairings(t, &m, NULL, D("2026-05-20"), &n, e), 0);
	cr_assert_eq(n, 0);
	cr_assert(!pairing_counts_open(&p, D("2026-05-20")));
	cr_assert(pairing_counts_open(&p, D("2026-04-01")), "open on its last day");
	return 0;
}

/* ---- deadlines -------------------------------------------------------- */

Test(due_status, every_state)
{
	date_t today = D("2026-05-20");
	due_status d = due_status_of(0, today, false);
	cr_assert_eq(d.state, DUE_NONE);
	d = due_status_of(D("2026-07-11"), today, false);
	cr_assert_eq(d.state, DUE_LEFT);
	cr_assert_eq(d.days, 52);
	cr_assert(!d.soon);
	d = due_status_of(D("2026-06-03"), today, false);
	cr_assert(d.state == DUE_LEFT && d.soon && d.days == 14);
	d = due_status_of(today, today, false);
	cr_assert_eq(d.state, DUE_TODAY);
	d = due_status_of(D("2026-04-11"), today, false);
	cr_assert_eq(d.state, DUE_OVERDUE);
	cr_assert_eq(d.days, -39);
	d = due_status_of(D("2026-04-11"), today, true);
	cr_assert_eq(d.state, DUE_DONE, "done wins over overdue");
	cr_assert_eq(d.days, -39, "the days are still told");
	d = due_status_of(D("2026-07-11"), today, true);
	cr_assert_eq(d.state, DUE_DONE, "and over days left");
}

static void final_summary(store_txn *t, rid col, rid sem)
{
	summary s = { 0 };
	err e = { 0 };
	s.college_id = col;
	s.semester_id = sem;
	s.text = han(1000);
	s.final = 1;
	cr_assert_eq(summary_save(t, &s, &e), 0, "%s", e.msg);
	free(s.text);
}

/* Once every college's summary is final, the summary is done, not overdue
 * (the screens said overdue while the CLI had stopped). */
TXN_TEST(deadlines, summary_done_once_every_summary_is_final)
{
	rid a = mk_college(t, "计算机学院", 0, 0);
	rid b = mk_college(t, "数学学院", 0, 0);
	rid sem = mk_semester(t);
	date_t late = D("2026-07-12");
	model_deadlines d;
	cr_assert_eq(model_deadlines_get(t, "2025-2026-2", NULL, late, &d, e), 0);
	cr_assert(d.have_semester);
	cr_assert_eq(rid_cmp(&d.semester_id, &sem), 0);
	cr_assert_eq(d.colleges, 2);
	cr_assert_eq(d.finals, 0);
	cr_assert_eq(d.summary.state, DUE_OVERDUE);
	cr_assert_eq(d.roster.state, DUE_OVERDUE);
	final_summary(t, a, sem);
	cr_assert_eq(model_deadlines_get(t, "2025-2026-2", NULL, late, &d, e), 0);
	cr_assert_eq(d.finals, 1);
	cr_assert_eq(d.summary.state, DUE_OVERDUE, "one of two is not done");
	cr_assert_eq(model_deadlines_get(t, "2025-2026-2", &a, late, &d, e), 0);
	cr_assert_eq(d.summary.state, DUE_DONE, "for the college whose summary is final");
	cr_assert_eq(model_deadlines_get(t, "2025-2026-2", &b, late, &d, e), 0);
	cr_assert_eq(d.summary.state, DUE_OVERDUE);
	final_summary(t, b, sem);
	cr_assert_eq(model_deadlines_get(t, "2025-2026-2", NULL, late, &d, e), 0);
	cr_assert_eq(d.summary.state, DUE_DONE);
	cr_assert_eq(d.summary.days, -1);
	cr_assert_eq(d.roster.state, DUE_OVERDUE, "the name list is never stored as done");
	cr_assert_eq(model_deadlines_get(t, "2030-2031-1", NULL, late, &d, e), 0);
	cr_assert(!d.have_semester);
	cr_assert_eq(d.summary.state, DUE_NONE);
	return 0;
}

/* ---- the rows of the lists ---------------------------------------------- */

struct world {
	rid col, m1, m2, g1, g2, p1, p2, c1;
};

static struct world world(store_txn *t)
{
	struct world w;
	err e = { 0 };
	w.col = mk_college(t, "计算机学院", 0, 14);
	w.m1 = mk_student(t, "2021000001", "李雷", w.col, "中共党员");
	w.m2 = mk_student(t, "2021000002", "韩梅梅", w.col, "中共党员");
	w.g1 = mk_student(t, "2024000001", "张三", w.col, "共青团员");
	w.g2 = mk_student(t, "2024000002", "欧阳娜娜", w.col, "共青团员");
	mk_target(t, w.g1, KIND_ACADEMIC | KIND_PSYCH);
	mk_target(t, w.g2, KIND_FINANCIAL);
	w.p1 = mk_pair(t, w.m1, w.g1, "2026-03-01");   /* talked 05-15: on time */
	w.p2 = mk_pair(t, w.m2, w.g2, "2026-04-01");   /* never talked: 49 days */
	mk_talk(t, w.m1, w.g1, "2026-05-15", TOPIC_PSYCH, "心理谈话内容");
	mk_talk(t, w.m1, w.g1, "2026-05-01", TOPIC_STUDY, "学习谈话内容");
	counsellor c = { 0 };
	c.staff_no = "T001";
	c.name = "周老师";
	c.college_id = w.col;
	cr_assert_eq(counsellor_save(t, &c, &e), 0, "%s", e.msg);
	w.c1 = c.m.id;
	return w;
}

TXN_TEST(rows, targets_names_resolved_and_filtered)
{
	struct world w = world(t);
	struct rows r = { .ncells = TROW__N };
	row_query q = { ROLE_SECRETARY, D("2026-05-20"), NULL };
	cr_assert_eq(model_target_rows(t, &q, take, &r, e), 0);
	cr_assert_eq(r.n, 2);
	int i = row_with(&r, TROW_NUMBER, "2024000001");
	cr_assert_geq(i, 0);
	cr_assert_str_eq(r.cell[i][TROW_NAME], "张三");
	cr_assert_str_eq(r.cell[i][TROW_KINDS], "学业、心理");
	cr_assert_str_eq(r.cell[i][TROW_HELPER], "李雷");
	cr_assert_str_eq(r.cell[i][TROW_LAST], "2026-05-15");
	cr_assert_str_eq(r.cell[i][TROW_COLLEGE], "计算机学院");
	cr_assert_eq(rid_cmp(&r.ref[i], &w.g1), 0);
	rows_free(&r);

	q.filter = "ouyang";
	cr_assert_eq(model_target_rows(t, &q, take, &r, e), 0);
	cr_assert_eq(r.n, 1, "pinyin finds 欧阳娜娜");
	cr_assert_str_eq(r.cell[0][TROW_NAME], "欧阳娜娜");
	rows_free(&r);
	q.filter = "2024 心理";
	cr_assert_eq(model_target_rows(t, &q, take, &r, e), 0);
	cr_assert_eq(r.n, 1, "every word must match");
	rows_free(&r);
	q.filter = "000001";
	cr_assert_eq(model_target_rows(t, &q, take, &r, e), 0);
	cr_assert_eq(r.n, 0, "a number matches by prefix only");
	return 0;
}

TXN_TEST(rows, pairings_overdue_and_dim)
{
	struct world w = world(t);
	struct rows r = { .ncells = PROW__N };
	row_query q = { ROLE_SECRETARY, D("2026-05-20"), NULL };
	cr_assert_eq(model_pairing_rows(t, &q, take, &r, e), 0);
	cr_assert_eq(r.n, 2);
	int a = row_with(&r, PROW_MEMBER, "李雷"), b = row_with(&r, PROW_MEMBER, "韩梅梅");
	cr_assert(a >= 0 && b >= 0);
	cr_assert_str_eq(r.cell[a][PROW_TARGET], "张三");
	cr_assert_str_eq(r.cell[a][PROW_LAST], "2026-05-15");
	cr_assert_str_eq(r.cell[a][PROW_OVERDUE], "");
	cr_assert_eq(r.flags[a], 0);
	cr_assert_str_eq(r.cell[b][PROW_OVERDUE], "49");
	cr_assert_eq(r.flags[b], ROW_ALERT);
	cr_assert_str_eq(r.cell[b][PROW_SEMESTER], "2025-2026-2");
	cr_assert_eq(rid_cmp(&r.id[b], &w.p2), 0);
	rows_free(&r);

	/* the day after its end it is dim, and not overdue */
	pairing p;
	cr_assert_eq(pairing_get(t, &w.p2, &p, e), 0);
	p.end = D("2026-05-19");
	cr_assert_eq(pairing_save(t, &p, e), 0, "%s", e->msg);
	rec_free(&pairing_desc, &p);
	cr_assert_eq(model_pairing_rows(t, &q, take, &r, e), 0);
	b = row_with(&r, PROW_MEMBER, "韩梅梅");
	cr_assert_eq(r.flags[b], ROW_DIM);
	cr_assert_str_eq(r.cell[b][PROW_OVERDUE], "");
	rows_free(&r);
	return 0;
}

TXN_TEST(rows, overdue_rows_for_the_dashboard)
{
	struct world w = world(t);
	struct rows r = { .ncells = OROW__N };
	row_query q = { ROLE_SECRETARY, D("2026-05-20"), NULL };
	size_t total;
	cr_assert_eq(model_overdue_rows(t, &q, 0, &total, take, &r, e), 0);
	cr_assert_eq(total, 1);
	cr_assert_eq(r.n, 1);
	cr_assert_str_eq(r.cell[0][OROW_DAYS], "49");
	cr_assert_str_eq(r.cell[0][OROW_MEMBER], "韩梅梅");
	cr_assert_str_eq(r.cell[0][OROW_TARGET], "欧阳娜娜");
	cr_assert_str_eq(r.cell[0][OROW_COLLEGE], "计算机学院");
	cr_assert_str_eq(r.cell[0][OROW_LAST], "");
	cr_assert_eq(r.flags[0], ROW_ALERT);
	cr_assert_eq(rid_cmp(&r.ref[0], &w.g2), 0);
	rows_free(&r);
	return 0;
}

TXN_TEST(rows, counsellors)
{
	struct world w = world(t);
	struct rows r = { .ncells = CROW__N };
	row_query q = { ROLE_SECRETARY, D("2026-05-20"), "zls" };
	cr_assert_eq(model_counsellor_rows(t, &q, take, &r, e), 0);
	cr_assert_eq(r.n, 1, "pinyin initials");
	cr_assert_str_eq(r.cell[0][CROW_NUMBER], "T001");
	cr_assert_str_eq(r.cell[0][CROW_COLLEGE], "计算机学院");
	cr_assert_eq(rid_cmp(&r.id[0], &w.c1), 0);
	rows_free(&r);
	return 0;
}

TXN_TEST(rows, talks_masked_for_the_role)
{
	struct world w = world(t);
	(void)w;
	struct rows r = { .ncells = KROW__N };
	row_query q = { ROLE_SECRETARY, D("2026-05-20"), NULL };
	cr_assert_eq(model_talk_rows(t, &q, NULL, 10, NULL, take, &r, e), 0);
	cr_assert_eq(r.n, 2);
	cr_assert_str_eq(r.cell[0][KROW_DATE], "2026-05-15", "newest first");
	cr_assert_str_eq(r.cell[0][KROW_CONTENT], privacy_mask());
	cr_assert(r.flags[0] & ROW_MASKED);
	cr_assert_str_eq(r.cell[0][KROW_BY], "李雷");
	cr_assert_str_eq(r.cell[0][KROW_TARGET], "张三");
	cr_assert_str_eq(r.cell[1][KROW_CONTENT], "学习谈话内容");
	rows_free(&r);
	q.role = ROLE_COUNSELLOR;
	cr_assert_eq(model_talk_rows(t, &q, NULL, 1, NULL, take, &r, e), 0);
	cr_assert_eq(r.n, 1, "a page of n");
	cr_assert_str_eq(r.cell[0][KROW_CONTENT], "心理谈话内容", "counsellors read it");
	rows_free(&r);
	/* a filter names students: their talks */
	size_t ns;
	q.filter = "欧阳";
	cr_assert_eq(model_talk_rows(t, &q, NULL, 10, &ns, take, &r, e), 0);
	cr_assert_eq(ns, 1);
	cr_assert_eq(r.n, 0, "欧阳娜娜 has no talk");
	q.filter = "2024000001";
	cr_assert_eq(model_talk_rows(t, &q, NULL, 10, &ns, take, &r, e), 0);
	cr_assert_eq(ns, 1);
	cr_assert_eq(r.n, 2);
	rows_free(&r);
	return 0;
}

TXN_TEST(rows, the_record_view)
{
	struct world w = world(t);
	target g;
	cr_assert_eq(target_of_student(t, &w.g1, &g, e), 0);
	free(g.situation);
	g.situation = strdup("失眠");
	cr_assert_eq(target_save(t, &g, e), 0, "%s", e->msg);
	rec_free(&target_desc, &g);
	aid a = { 0 };
	a.pairing_id = w.p1;
	a.date = D("2026-05-02");
	a.kind = "资金";
	a.amount_fen = 1250;
	cr_assert_eq(aid_save(t, &a, e), 0, "%s", e->msg);

	struct rows r = { .ncells = RROW__N };
	record_view v;
	row_query q = { ROLE_SECRETARY, D("2026-05-20"), NULL };
	cr_assert_eq(model_record_view(t, &w.g1, &q, &v, take, &r, e), 0, "%s", e->msg);
	cr_assert(v.found);
	cr_assert(strstr(v.head, "2024000001") && strstr(v.head, "计算机学院"), "%s", v.head);
	cr_assert_str_eq(v.situation, privacy_mask());
	cr_assert(v.situation_masked);
	cr_assert(v.has_pairing);
	cr_assert_eq(rid_cmp(&v.pairing_id, &w.p1), 0);
	cr_assert_eq(v.status.days, 5);
	cr_assert(!v.status.overdue);
	cr_assert(strstr(v.pairing, "李雷"), "%s", v.pairing);
	cr_assert_eq(v.naid, 1);
	cr_assert_eq(v.aid_total, 1250);
	cr_assert(strstr(v.aid[0], "12.50"), "%s", v.aid[0]);
	cr_assert_eq(r.n, 2);
	cr_assert_str_eq(r.cell[0][RROW_CONTENT], privacy_mask());
	record_view_free(&v);
	rows_free(&r);

	q.role = ROLE_COUNSELLOR;
	cr_assert_eq(model_record_view(t, &w.g1, &q, &v, take, &r, e), 0);
	cr_assert_str_eq(v.situation, "失眠");
	cr_assert_str_eq(r.cell[0][RROW_CONTENT], "心理谈话内容");
	record_view_free(&v);
	rows_free(&r);

	rid nobody = { { 9 } };
	cr_assert_eq(model_record_view(t, &nobody, &q, &v, take, &r, e), 0);
	cr_assert(!v.found);
	record_view_free(&v);
	return 0;
}

Test(rows, matching)
{
	static const unsigned match[] = { ROW_MATCH_PREFIX, ROW_MATCH_SUBSTR | ROW_MATCH_PINYIN,
					  ROW_MATCH_SUBSTR, 0 };
	row_view v = { 4, match };
	const char *cells[] = { "2025000001", "张三", "计科2501", "secret" };
	cr_assert(model_row_matches(&v, cells, ""));
	cr_assert(model_row_matches(&v, cells, NULL));
	cr_assert(model_row_matches(&v, cells, "2025"));
	cr_assert(!model_row_matches(&v, cells, "0001"));
	cr_assert(model_row_matches(&v, cells, "zhangsan"));
	cr_assert(model_row_matches(&v, cells, "zs 2501"));
	cr_assert(!model_row_matches(&v, cells, "zs 2502"));
	cr_assert(!model_row_matches(&v, cells, "secret"), "a column without a rule is not searched");
}

/* Every student on the roster, members and assisted students marked. */
TXN_TEST(rows, students_every_one_marked)
{
	struct world w = world(t);
	rid plain = mk_student(t, "2024000009", "王五", w.col, "群众");
	rid prob = mk_student(t, "2022000003", "赵六", w.col, "中共预备党员");
	struct rows r = { .ncells = SROW__N };
	row_query q = { ROLE_SECRETARY, D("2026-05-20"), NULL };
	cr_assert_eq(model_student_rows(t, &q, take, &r, e), 0);
	cr_assert_eq(r.n, 6, "every student, whatever they are");
	int i = row_with(&r, SROW_NUMBER, "2024000009");
	cr_assert_geq(i, 0, "a student who is neither member nor assisted");
	cr_assert_str_eq(r.cell[i][SROW_ROLES], "");
	cr_assert_str_eq(r.cell[i][SROW_POLITICAL], "群众");
	cr_assert_str_eq(r.cell[i][SROW_COLLEGE], "计算机学院");
	cr_assert_eq(rid_cmp(&r.id[i], &plain), 0);
	cr_assert_eq(rid_cmp(&r.ref[i], &plain), 0);
	i = row_with(&r, SROW_NUMBER, "2021000001");
	cr_assert_str_eq(r.cell[i][SROW_ROLES], "party member");
	i = row_with(&r, SROW_NUMBER, "2022000003");
	cr_assert_str_eq(r.cell[i][SROW_ROLES], "probationary member");
	cr_assert_eq(rid_cmp(&r.id[i], &prob), 0);
	i = row_with(&r, SROW_NUMBER, "2024000001");
	cr_assert_str_eq(r.cell[i][SROW_NAME], "张三");
	cr_assert_str_eq(r.cell[i][SROW_ROLES], "assisted student");
	cr_assert_eq(rid_cmp(&r.id[i], &w.g1), 0);
	rows_free(&r);

	q.filter = "wangwu";
	cr_assert_eq(model_student_rows(t, &q, take, &r, e), 0);
	cr_assert_eq(r.n, 1, "by pinyin");
	cr_assert_str_eq(r.cell[0][SROW_NAME], "王五");
	rows_free(&r);
	q.filter = "2024";
	cr_assert_eq(model_student_rows(t, &q, take, &r, e), 0);
	cr_assert_eq(r.n, 3, "by number prefix");
	rows_free(&r);
	q.filter = "0009";
	cr_assert_eq(model_student_rows(t, &q, take, &r, e), 0);
	cr_assert_eq(r.n, 0, "a number matches by prefix only");
	rows_free(&r);
	q.filter = "assisted";
	cr_assert_eq(model_student_rows(t, &q, take, &r, e), 0);
	cr_assert_eq(r.n, 2, "by what they are");
	rows_free(&r);
	q.filter = "赵";
	cr_assert_eq(model_student_rows(t, &q, take, &r, e), 0);
	cr_assert_eq(r.n, 1, "by name");
	rows_free(&r);
	return 0;
}

/* The pairings list: a status column, and the rows of one semester in one
 * state. */
TXN_TEST(rows, pairings_by_state_and_semester)
{
	struct world w = world(t);
	pairing p;
	cr_assert_eq(pairing_get(t, &w.p2, &p, e), 0);
	p.end = D("2026-05-19");
	cr_assert_eq(pairing_save(t, &p, e), 0, "%s", e->msg);
	rec_free(&pairing_desc, &p);
	struct rows r = { .ncells = PROW__N };
	row_query q = { ROLE_SECRETARY, D("2026-05-20"), NULL };
	cr_assert_eq(model_pairing_rows(t, &q, take, &r, e), 0);
	cr_assert_eq(r.n, 2);
	int a = row_with(&r, PROW_MEMBER, "李雷"), b = row_with(&r, PROW_MEMBER, "韩梅梅");
	cr_assert_str_eq(r.cell[a][PROW_STATUS], "running");
	cr_assert_str_eq(r.cell[b][PROW_STATUS], "ended");
	cr_assert_eq(r.flags[b], ROW_DIM, "an ended pairing looks ended");
	rows_free(&r);

	pairing_filter f = { NULL, PAIRINGS_RUNNING };
	cr_assert_eq(model_pairing_rows_for(t, &q, &f, take, &r, e), 0);
	cr_assert_eq(r.n, 1);
	cr_assert_str_eq(r.cell[0][PROW_MEMBER], "李雷");
	rows_free(&r);
	f.state = PAIRINGS_ENDED;
	cr_assert_eq(model_pairing_rows_for(t, &q, &f, take, &r, e), 0);
	cr_assert_eq(r.n, 1);
	cr_assert_str_eq(r.cell[0][PROW_MEMBER], "韩梅梅");
	rows_free(&r);

	f.state = PAIRINGS_ALL;
	f.semester = "2025-2026-2";
	cr_assert_eq(model_pairing_rows_for(t, &q, &f, take, &r, e), 0);
	cr_assert_eq(r.n, 2, "both belong to the semester they ran in");
	rows_free(&r);
	rid old;
	cr_assert_eq(semester_ensure(t, "2024-2025-1", &old, e), 0, "%s", e->msg);
	f.semester = "2024-2025-1";
	cr_assert_eq(model_pairing_rows_for(t, &q, &f, take, &r, e), 0);
	cr_assert_eq(r.n, 0, "none ran in an earlier semester");
	rows_free(&r);
	f.semester = "2030-2031-1";
	cr_assert_eq(model_pairing_rows_for(t, &q, &f, take, &r, e), 0);
	cr_assert_eq(r.n, 0, "no such semester: no pairings");
	rows_free(&r);
	return 0;
}

/* What a delete's question names a record by, and its revision. */
TXN_TEST(rows, record_labels)
{
	struct world w = world(t);
	char buf[256];
	uint32_t rev = 0;
	cr_assert_eq(model_record_label(t, &student_desc, &w.g1, buf, sizeof buf, &rev, e), 0);
	cr_assert_str_eq(buf, "the student 2024000001 张三");
	cr_assert_gt(rev, 0);
	cr_assert_eq(model_record_label(t, &pairing_desc, &w.p1, buf, sizeof buf, NULL, e), 0);
	cr_assert_str_eq(buf, "the pairing 李雷 → 张三 (from 2026-03-01)");
	struct rows r = { .ncells = KROW__N };
	row_query q = { ROLE_SECRETARY, D("2026-05-20"), NULL };
	cr_assert_eq(model_talk_rows(t, &q, NULL, 1, NULL, take, &r, e), 0);
	cr_assert_eq(model_record_label(t, &talk_desc, &r.id[0], buf, sizeof buf, NULL, e), 0);
	cr_assert_str_eq(buf, "the talk of 2026-05-15, 李雷 → 张三");
	rows_free(&r);
	cr_assert_eq(model_record_label(t, &counsellor_desc, &w.c1, buf, sizeof buf, NULL, e), 0);
	cr_assert_str_eq(buf, "the counsellor T001 周老师");
	rid none = { 0 };
	none.b[0] = 7;
	cr_assert_eq(model_record_label(t, &talk_desc, &none, buf, sizeof buf, NULL, e), E_NOTFOUND);
	return 0;
}
