/* test_query.c — overdue pairings, counts and finding students. Today is
 * 2026-05-20 (test_db). */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "model/model.h"

static void mk_talk(store_txn *t, rid mem, rid tgt, const char *day)
{
	talk k = { 0 };
	err e = { 0 };
	k.member_id = mem;
	k.target_id = tgt;
	k.date = D(day);
	k.minutes = 30;
	k.mode = "面谈";
	k.topics = TOPIC_STUDY;
	cr_assert_eq(talk_save(t, &k, &e), 0, "%s", e.msg);
}

/* Three pairings in one college:
 *   A: last talk 2026-05-01 (19 days ago)
 *   B: last talk 2026-05-10 (10 days ago)
 *   C: no talk, started 2026-04-01 (49 days ago) */
struct three {
	rid col, pa, pb, pc;
};

static rid pair_in(store_txn *t, rid col, const char *mno, const char *tno, const char *start)
{
	rid m = mk_student(t, mno, "党员", col, "中共党员");
	rid g = mk_student(t, tno, "同学", col, "共青团员");
	mk_target(t, g, KIND_ACADEMIC);
	return mk_pair(t, m, g, start);
}

static struct three three(store_txn *t, const char *college_name, int64_t overdue, char tag)
{
	struct three w;
	char m[3][16], g[3][16];
	for (int i = 0; i < 3; i++) {
		snprintf(m[i], sizeof m[i], "%c1%d", tag, i);
		snprintf(g[i], sizeof g[i], "%c2%d", tag, i);
	}
	w.col = mk_college(t, college_name, 0, overdue);
	w.pa = pair_in(t, w.col, m[0], g[0], "2026-03-01");
	w.pb = pair_in(t, w.col, m[1], g[1], "2026-03-01");
	w.pc = pair_in(t, w.col, m[2], g[2], "2026-04-01");
	pairing p;
	err e = { 0 };
	cr_assert_eq(pairing_get(t, &w.pa, &p, &e), 0);
	mk_talk(t, p.member_id, p.target_id, "2026-03-20");
	mk_talk(t, p.member_id, p.target_id, "2026-05-01");
	mk_talk(t, p.member_id, p.target_id, "2026-04-03");
	rec_free(&pairing_desc, &p);
	cr_assert_eq(pairing_get(t, &w.pb, &p, &e), 0);
	mk_talk(t, p.member_id, p.target_id, "2026-05-10");
	rec_free(&pairing_desc, &p);
	return w;
}

TXN_TEST(overdue, default_14_days_most_overdue_first)
{
	struct three w = three(t, "计算机学院", 0, 'A');
	overdue_row *rows;
	size_t n;
	cr_assert_eq(model_overdue(t, NULL, 0, D("2026-05-20"), &rows, &n, e), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(rid_cmp(&rows[0].pairing_id, &w.pc), 0, "the pairing never talked comes first");
	cr_assert_eq(rows[0].days, 49);
	cr_assert_eq(rows[0].last_talk, 0);
	cr_assert_eq(rid_cmp(&rows[1].pairing_id, &w.pa), 0);
	cr_assert_eq(rows[1].days, 19);
	cr_assert_eq(rows[1].last_talk, D("2026-05-01"), "the last talk, not the last saved");
	cr_assert_eq(rid_cmp(&rows[1].college_id, &w.col), 0);
	free(rows);
	return 0;
}

TXN_TEST(overdue, exactly_the_limit_is_not_overdue)
{
	struct three w = three(t, "计算机学院", 0, 'A');
	overdue_row *rows;
	size_t n;
	/* A's last talk is 14 days before 2026-05-15 */
	cr_assert_eq(model_overdue(t, NULL, 0, D("2026-05-15"), &rows, &n, e), 0);
	for (size_t i = 0; i < n; i++)
		cr_assert_neq(rid_cmp(&rows[i].pairing_id, &w.pa), 0);
	free(rows);
	cr_assert_eq(model_overdue(t, NULL, 0, D("2026-05-16"), &rows, &n, e), 0);
	bool found = false;
	for (size_t i = 0; i < n; i++)
		found = found || rid_cmp(&rows[i].pairing_id, &w.pa) == 0;
	cr_assert(found, "15 days is overdue");
	free(rows);
	return 0;
}

TXN_TEST(overdue, college_setting_of_30_days)
{
	struct three w = three(t, "计算机学院", 30, 'A');
	overdue_row *rows;
	size_t n;
	cr_assert_eq(model_overdue(t, NULL, 0, D("2026-05-20"), &rows, &n, e), 0);
	cr_assert_eq(n, 1, "19 days is fine for this college");
	cr_assert_eq(rid_cmp(&rows[0].pairing_id, &w.pc), 0);
	free(rows);
	return 0;
}

TXN_TEST(overdue, explicit_days_override_the_college)
{
	struct three w = three(t, "计算机学院", 30, 'A');
	overdue_row *rows;
	size_t n;
	cr_assert_eq(model_overdue(t, NULL, 7, D("2026-05-20"), &rows, &n, e), 0);
	cr_assert_eq(n, 3);
	cr_assert_eq(rid_cmp(&rows[2].pairing_id, &w.pb), 0);
	cr_assert_eq(rows[2].days, 10);
	free(rows);
	return 0;
}

TXN_TEST(overdue, one_college_or_all)
{
	struct three a = three(t, "计算机学院", 0, 'A');
	struct three b = three(t, "数学学院", 0, 'B');
	overdue_row *rows;
	size_t n;
	cr_assert_eq(model_overdue(t, &b.col, 0, D("2026-05-20"), &rows, &n, e), 0);
	cr_assert_eq(n, 2);
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(rid_cmp(&rows[i].college_id, &b.col), 0);
	free(rows);
	cr_assert_eq(model_overdue(t, NULL, 0, D("2026-05-20"), &rows, &n, e), 0);
	cr_assert_eq(n, 4);
	free(rows);
	(void)a;
	return 0;
}

TXN_TEST(overdue, ended_pairings_are_not_overdue)
{
	struct three w = three(t, "计算机学院", 0, 'A');
	pairing p;
	err x = { 0 };
	cr_assert_eq(pairing_get(t, &w.pc, &p, e), 0);
	p.end = D("2026-05-01");
	cr_assert_eq(pairing_save(t, &p, &x), 0, "%s", x.msg);
	rec_free(&pairing_desc, &p);
	overdue_row *rows;
	size_t n;
	cr_assert_eq(model_overdue(t, NULL, 0, D("2026-05-20"), &rows, &n, e), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(rid_cmp(&rows[0].pairing_id, &w.pa), 0);
	free(rows);
	return 0;
}

/* ---- stats ------------------------------------------------------------ */

TXN_TEST(stats, counts_live_records)
{
	struct three w = three(t, "计算机学院", 0, 'A');
	model_stats st;
	cr_assert_eq(model_stats_get(t, &st, e), 0);
	cr_assert_eq(st.colleges, 1);
	cr_assert_eq(st.students, 6);
	cr_assert_eq(st.members, 3);
	cr_assert_eq(st.targets, 3);
	cr_assert_eq(st.pairings, 3);
	cr_assert_eq(st.talks, 4);
	cr_assert_eq(st.aid, 0);
	cr_assert_eq(st.counsellors, 0);
	/* a member who leaves the party: a tombstone, not counted */
	rid s = mk_student(t, "X1", "退出者", w.col, "中共党员");
	student got;
	err x = { 0 };
	cr_assert_eq(student_get(t, &s, &got, e), 0);
	free(got.political);
	got.political = strdup("群众");
	cr_assert_eq(student_save(t, &got, &x), 0, "%s", x.msg);
	rec_free(&student_desc, &got);
	cr_assert_eq(model_stats_get(t, &st, e), 0);
	cr_assert_eq(st.members, 3);
	cr_assert_eq(st.students, 7);
	return 0;
}

/* ---- find ------------------------------------------------------------- */

struct found {
	char no[8][32];
	size_t n;
};

static int collect(const student *s, void *ctx)
{
	struct found *f = ctx;
	cr_assert_lt(f->n, 8);
	snprintf(f->no[f->n++], sizeof f->no[0], "%s", s->student_no);
	return 0;
}

static struct found find(store_txn *t, const char *q)
{
	struct found f = { .n = 0 };
	err e = { 0 };
	cr_assert_eq(model_find(t, q, collect, &f, &e), 0, "%s", e.msg);
	return f;
}

static void roster(store_txn *t)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	mk_student(t, "2023010102", "张三", c, "群众");
	mk_student(t, "2023010101", "张珊珊", c, "群众");
	mk_student(t, "2024010101", "李四", c, "群众");
	mk_student(t, "2023020101", "单雄", c, "群众");
	mk_student(t, "ZS2023", "赵森", c, "群众");
}

TXN_TEST(find, number_prefix_in_number_order)
{
	roster(t);
	struct found f = find(t, "202301");
	cr_assert_eq(f.n, 2);
	cr_assert_str_eq(f.no[0], "2023010101");
	cr_assert_str_eq(f.no[1], "2023010102");
	f = find(t, "2024010101");
	cr_assert_eq(f.n, 1);
	f = find(t, "2025");
	cr_assert_eq(f.n, 0);
	return 0;
}

TXN_TEST(find, name_substring)
{
	roster(t);
	struct found f = find(t, "张");
	cr_assert_eq(f.n, 2);
	cr_assert_str_eq(f.no[0], "2023010101");
	cr_assert_str_eq(f.no[1], "2023010102");
	f = find(t, " 珊珊 ");
	cr_assert_eq(f.n, 1);
	cr_assert_str_eq(f.no[0], "2023010101");
	return 0;
}

TXN_TEST(find, pinyin_full_and_initials)
{
	roster(t);
	struct found f = find(t, "lisi");
	cr_assert_eq(f.n, 1);
	cr_assert_str_eq(f.no[0], "2024010101");
	f = find(t, "zhangs");
	cr_assert_eq(f.n, 2);
	f = find(t, "shanx");          /* 单 as a surname reads shan */
	cr_assert_eq(f.n, 1);
	cr_assert_str_eq(f.no[0], "2023020101");
	return 0;
}

TXN_TEST(find, each_student_once)
{
	roster(t);
	/* "zs" is the start of a student number and the initials of 张三,
	 * 张珊珊 (z s...) and 赵森 — who matches both ways is listed once */
	struct found f = find(t, "zs");
	for (size_t i = 0; i < f.n; i++)
		for (size_t j = i + 1; j < f.n; j++)
			cr_assert_str_neq(f.no[i], f.no[j]);
	bool zhao = false;
	for (size_t i = 0; i < f.n; i++)
		zhao = zhao || strcmp(f.no[i], "ZS2023") == 0;
	cr_assert(zhao);
	cr_assert_str_eq(f.no[f.n - 1], "ZS2023", "number order");
	return 0;
}

TXN_TEST(find, nothing_for_empty_text)
{
	roster(t);
	struct found f = find(t, "  ");
	cr_assert_eq(f.n, 0);
	return 0;
}

/* ---- talks by date and the programme's counts (dashboard) ------------- */

TXN_TEST(talks_by_date, count_between_includes_both_ends)
{
	three(t, "计算机学院", 0, 'A');  /* talks 03-20, 04-03, 05-01, 05-10 */
	size_t n;
	cr_assert_eq(model_talk_count_between(t, D("2026-05-01"), D("2026-05-31"), &n, e), 0);
	cr_assert_eq(n, 2, "this month: 05-01 and 05-10");
	cr_assert_eq(model_talk_count_between(t, D("2026-04-03"), D("2026-05-01"), &n, e), 0);
	cr_assert_eq(n, 2, "both ends are included");
	cr_assert_eq(model_talk_count_between(t, D("2026-04-04"), D("2026-04-30"), &n, e), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(model_talk_count_between(t, D("2026-05-31"), D("2026-05-01"), &n, e), 0);
	cr_assert_eq(n, 0, "an empty range");
	return 0;
}

TXN_TEST(talks_by_date, weeks_count_each_talk_in_its_week)
{
	struct three w = three(t, "计算机学院", 0, 'A');
	pairing p;
	cr_assert_eq(pairing_get(t, &w.pb, &p, e), 0);
	mk_talk(t, p.member_id, p.target_id, "2026-05-11");
	mk_talk(t, p.member_id, p.target_id, "2026-05-16");
	rec_free(&pairing_desc, &p);
	/* weeks from Monday 2026-04-27: [04-27..05-03] [05-04..05-10]
	 * [05-11..05-17]; talks before (03-20, 04-03) are left out */
	size_t c[4] = { 9, 9, 9, 9 };
	cr_assert_eq(model_talks_by_week(t, D("2026-04-27"), 4, c, e), 0);
	cr_assert_eq(c[0], 1, "05-01");
	cr_assert_eq(c[1], 1, "05-10 is the last day of the second week");
	cr_assert_eq(c[2], 2, "05-11 and 05-16");
	cr_assert_eq(c[3], 0);
	return 0;
}

/* The counts by day (DB_TALK_DAY) follow every save: a new talk, a talk
 * moved to another day, a talk deleted; check finds them sound, and finds a
 * count that is wrong. */
TXN_TEST(talks_by_date, day_counts_follow_saves_and_check_finds_a_wrong_one)
{
	struct three w = three(t, "计算机学院", 0, 'A');
	pairing p;
	cr_assert_eq(pairing_get(t, &w.pb, &p, e), 0);
	talk k = { 0 };
	k.member_id = p.member_id;
	k.target_id = p.target_id;
	k.date = D("2026-05-12");
	k.minutes = 30;
	k.mode = "面谈";
	k.topics = TOPIC_STUDY;
	cr_assert_eq(talk_save(t, &k, e), 0, "%s", e->msg);
	rec_free(&pairing_desc, &p);
	size_t n;
	cr_assert_eq(model_talk_count_between(t, D("2026-05-12"), D("2026-05-12"), &n, e), 0);
	cr_assert_eq(n, 1, "a new talk is counted on its day");
	k.date = D("2026-05-13");
	cr_assert_eq(talk_save(t, &k, e), 0, "%s", e->msg);
	cr_assert_eq(model_talk_count_between(t, D("2026-05-12"), D("2026-05-12"), &n, e), 0);
	cr_assert_eq(n, 0, "a talk moved to another day leaves the old day");
	cr_assert_eq(model_talk_count_between(t, D("2026-05-13"), D("2026-05-13"), &n, e), 0);
	cr_assert_eq(n, 1, "and is counted on the new one");
	k.minutes = 45;
	cr_assert_eq(talk_save(t, &k, e), 0, "%s", e->msg);
	cr_assert_eq(model_talk_count_between(t, D("2026-05-13"), D("2026-05-13"), &n, e), 0);
	cr_assert_eq(n, 1, "an edit on the same day counts once");
	k.m.flags |= REC_DELETED;
	cr_assert_eq(talk_save(t, &k, e), 0, "%s", e->msg);
	cr_assert_eq(model_talk_count_between(t, D("2026-05-13"), D("2026-05-13"), &n, e), 0);
	cr_assert_eq(n, 0, "a deleted talk is not counted");
	k.m.flags &= (uint8_t)~REC_DELETED;
	k.mode = NULL;   /* not ours to free */
	errlist probs = { 0 };
	cr_assert_eq(model_check(t, &probs, e), 0, "%s", probs.n ? probs.msg[0] : e->msg);
	/* a count that is off */
	keybuf day;
	key_init(&day);
	key_i32(&day, D("2026-05-01"));
	cr_assert_eq(st_put(t, DB_TALK_DAY, key_bytes(&day), (bytes){ "\0\0\0\x07", 4 }, e), 0);
	err x = { 0 };
	cr_assert_eq(model_check(t, &probs, &x), E_DB);
	bool named = false;
	for (size_t i = 0; i < probs.n; i++)
		named = named || strstr(probs.msg[i], "talk_day") != NULL;
	cr_assert(named, "check names the wrong count");
	errlist_free(&probs);
	return 0;
}

/* A pairing's last talk (kept in DB_PAIRING_LAST) follows its talks: a
 * newer talk, the talk moved back, the talk deleted; check finds a kept
 * date that is wrong. */
TXN_TEST(overdue, last_talk_follows_saves_and_check_finds_a_wrong_one)
{
	struct three w = three(t, "计算机学院", 0, 'A');   /* B: last talk 05-10 */
	pairing p;
	date_t last;
	cr_assert_eq(pairing_get(t, &w.pb, &p, e), 0);
	cr_assert_eq(pairing_last_talk(t, &w.pb, &last, e), 0);
	cr_assert_eq(last, D("2026-05-10"));
	talk k = { 0 };
	k.member_id = p.member_id;
	k.target_id = p.target_id;
	k.date = D("2026-05-15");
	k.minutes = 30;
	k.mode = "面谈";
	k.topics = TOPIC_STUDY;
	cr_assert_eq(talk_save(t, &k, e), 0, "%s", e->msg);
	rec_free(&pairing_desc, &p);
	cr_assert_eq(pairing_last_talk(t, &w.pb, &last, e), 0);
	cr_assert_eq(last, D("2026-05-15"), "a newer talk is the last");
	k.date = D("2026-05-02");
	cr_assert_eq(talk_save(t, &k, e), 0, "%s", e->msg);
	cr_assert_eq(pairing_last_talk(t, &w.pb, &last, e), 0);
	cr_assert_eq(last, D("2026-05-10"), "moved back, the older talk is the last again");
	k.date = D("2026-05-16");
	cr_assert_eq(talk_save(t, &k, e), 0, "%s", e->msg);
	k.m.flags |= REC_DELETED;
	cr_assert_eq(talk_save(t, &k, e), 0, "%s", e->msg);
	cr_assert_eq(pairing_last_talk(t, &w.pb, &last, e), 0);
	cr_assert_eq(last, D("2026-05-10"), "a deleted talk is not the last");
	cr_assert_eq(pairing_last_talk(t, &w.pc, &last, e), 0);
	cr_assert_eq(last, 0, "no talk, no date");
	errlist probs = { 0 };
	cr_assert_eq(model_check(t, &probs, e), 0, "%s", probs.n ? probs.msg[0] : e->msg);
	cr_assert_eq(st_put(t, DB_PAIRING_LAST, (bytes){ w.pc.b, sizeof w.pc.b },
			    (bytes){ "\x80\0\0\x01", 4 }, e), 0);
	err x = { 0 };
	cr_assert_eq(model_check(t, &probs, &x), E_DB);
	bool named = false;
	for (size_t i = 0; i < probs.n; i++)
		named = named || strstr(probs.msg[i], "pairing_last") != NULL;
	cr_assert(named, "check names the wrong last talk");
	errlist_free(&probs);
	return 0;
}

TXN_TEST(programme, counts_by_kind_and_active_pairings)
{
	struct three w = three(t, "计算机学院", 0, 'A');
	rid g = mk_student(t, "G9", "多类", w.col, "共青团员");
	mk_target(t, g, KIND_FINANCIAL | KIND_PSYCH);
	pairing p;
	err x = { 0 };
	cr_assert_eq(pairing_get(t, &w.pc, &p, e), 0);
	p.end = D("2026-05-01");
	cr_assert_eq(pairing_save(t, &p, &x), 0, "%s", x.msg);
	rec_free(&pairing_desc, &p);
	model_programme m;
	cr_assert_eq(model_programme_get(t, D("2026-05-20"), &m, e), 0);
	cr_assert_eq(m.active_pairings, 2, "the ended pairing is not counted");
	cr_assert_eq(m.members, 3);
	cr_assert_eq(m.targets, 4);
	cr_assert_eq(m.academic, 3);
	cr_assert_eq(m.financial, 1);
	cr_assert_eq(m.psych, 1);
	cr_assert_eq(m.talks, 4);
	return 0;
}

/* ---- talks newest first, a page at a time ------------------------------ */

struct dates {
	char d[16][11];
	size_t n;
	talk_pos pos[16];
};

static int take_date(const talk *k, void *ctx)
{
	struct dates *w = ctx;
	cr_assert_lt(w->n, 16);
	date_format(k->date, w->d[w->n]);
	w->pos[w->n].date = k->date;
	w->pos[w->n].id = k->m.id;
	w->n++;
	return 0;
}

TXN_TEST(talk_walk, pages_newest_first_and_back)
{
	three(t, "计算机学院", 0, 'A');  /* talks 03-20, 04-03, 05-01, 05-10 */
	struct dates w = { .n = 0 };
	cr_assert_eq(model_talk_walk(t, NULL, true, true, 2, take_date, &w, e), 0);
	cr_assert_eq(w.n, 2);
	cr_assert_str_eq(w.d[0], "2026-05-10", "the newest first");
	cr_assert_str_eq(w.d[1], "2026-05-01");
	talk_pos last = w.pos[1];
	w.n = 0;
	cr_assert_eq(model_talk_walk(t, &last, true, false, 5, take_date, &w, e), 0);
	cr_assert_eq(w.n, 2, "the next page: the two older talks, no more");
	cr_assert_str_eq(w.d[0], "2026-04-03");
	cr_assert_str_eq(w.d[1], "2026-03-20");
	w.n = 0;
	cr_assert_eq(model_talk_walk(t, &last, true, true, 1, take_date, &w, e), 0);
	cr_assert_str_eq(w.d[0], "2026-05-01", "include: from itself first");
	w.n = 0;
	cr_assert_eq(model_talk_walk(t, &last, false, false, 5, take_date, &w, e), 0);
	cr_assert_eq(w.n, 1, "newer than 05-01: one talk");
	cr_assert_str_eq(w.d[0], "2026-05-10");
	w.n = 0;
	cr_assert_eq(model_talk_walk(t, NULL, false, true, 1, take_date, &w, e), 0);
	cr_assert_str_eq(w.d[0], "2026-03-20", "from the oldest");
	return 0;
}

TXN_TEST(talk_walk, talks_of_a_student_newest_first)
{
	struct three w3 = three(t, "计算机学院", 0, 'A');
	pairing p;
	cr_assert_eq(pairing_get(t, &w3.pa, &p, e), 0);
	struct dates w = { .n = 0 };
	cr_assert_eq(model_talks_of_target(t, &p.target_id, take_date, &w, e), 0);
	cr_assert_eq(w.n, 3, "only this student's talks");
	cr_assert_str_eq(w.d[0], "2026-05-01");
	cr_assert_str_eq(w.d[2], "2026-03-20");
	date_t last;
	cr_assert_eq(model_target_last_talk(t, &p.target_id, &last, e), 0);
	cr_assert_eq(last, D("2026-05-01"));
	rid nobody = mk_student(t, "N1", "无谈话", w3.col, "群众");
	cr_assert_eq(model_target_last_talk(t, &nobody, &last, e), 0);
	cr_assert_eq(last, 0);
	rec_free(&pairing_desc, &p);
	return 0;
}

static int count_row(const model_row *r, void *ctx)
{
	(void)r;
	(*(size_t *)ctx)++;
	return 0;
}

/* The dashboard's figures for one college count that college alone (the
 * other college's pairing, member, assisted student and talks are left
 * out); NULL is every college, as model_programme_get. */
TXN_TEST(dashboard, one_college_counts_its_own)
{
	struct three a = three(t, "计算机学院", 0, 'A');
	struct three b = three(t, "机械学院", 0, 'B');
	model_programme all, one;
	cr_assert_eq(model_programme_of(t, NULL, D("2026-05-20"), &all, e), 0);
	cr_assert_eq(model_programme_of(t, &a.col, D("2026-05-20"), &one, e), 0);
	cr_assert_eq(all.active_pairings, 6);
	cr_assert_eq(one.active_pairings, 3, "the college's pairings");
	cr_assert_eq(one.members, 3);
	cr_assert_eq(one.targets, 3);
	cr_assert_eq(one.academic, 3);
	cr_assert_eq(one.talks, 4, "the talks with its students");
	size_t n = 0;
	cr_assert_eq(model_talk_count_of(t, &b.col, D("2026-05-01"), D("2026-05-31"), &n, e), 0);
	cr_assert_eq(n, 2, "this month, one college: 05-01 and 05-10");
	size_t c[4] = { 9, 9, 9, 9 };
	cr_assert_eq(model_talks_by_week_of(t, &a.col, D("2026-04-27"), 4, c, e), 0);
	cr_assert(c[0] == 1 && c[1] == 1 && c[2] == 0 && c[3] == 0);
	row_query q = { ROLE_SECRETARY, D("2026-05-20"), NULL };
	size_t total = 0, rows = 0;
	cr_assert_eq(model_overdue_rows_of(t, &q, &b.col, 0, &total, count_row, &rows, e), 0);
	cr_assert_eq(total, 2, "the college's overdue pairings only");
	cr_assert_eq(rows, 2);
	cr_assert_eq(model_overdue_rows_of(t, &q, NULL, 0, &total, count_row, &rows, e), 0);
	cr_assert_eq(total, 4, "every college's");
	return 0;
}
