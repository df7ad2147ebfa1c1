/* test_lifecycle.c — the life of a pairing and a semester, and corrections
 * (lifecycle.c): each rule has a test that fails when the rule is removed.
 * Today is 2026-05-20 (helpers.h): the semester 2025-2026-2. */
#include "fixtures.h"

/* The people of most tests: a college, a member and an assisted student. */
struct cast {
	rid col, mem, mem2, tgt, tgt2;
};

static struct cast cast(store_txn *t, int64_t limit)
{
	struct cast c;
	c.col = mk_college(t, "经济管理学院", limit, 14);
	c.mem = mk_student(t, "2022010001", "张伟", c.col, "中共党员");
	c.mem2 = mk_student(t, "2022010002", "李强", c.col, "中共预备党员");
	c.tgt = mk_student(t, "2023010001", "王磊", c.col, "共青团员");
	c.tgt2 = mk_student(t, "2023010002", "陈洋", c.col, "群众");
	mk_target(t, c.tgt, KIND_ACADEMIC);
	mk_target(t, c.tgt2, KIND_FINANCIAL);
	return c;
}

static int count_one(const pairing *p, void *ctx)
{
	(void)p;
	(*(size_t *)ctx)++;
	return 0;
}

static size_t roster_count(store_txn *t, const rid *col, const char *code)
{
	semester s;
	err e = { 0 };
	size_t n = 0;
	cr_assert_eq(semester_by_code(t, code, &s, &e), 0, "%s", code);
	cr_assert_eq(pairings_of_college(t, col, &s.m.id, count_one, &n, &e), 0, "%s", e.msg);
	rec_free(&semester_desc, &s);
	return n;
}

static rid ensure(store_txn *t, const char *code)
{
	rid id;
	err e = { 0 };
	cr_assert_eq(semester_ensure(t, code, &id, &e), 0, "%s", e.msg);
	return id;
}

/* ---- a pairing belongs to every semester it runs in --------------------- */

TXN_TEST(semesters, a_running_pairing_is_in_both_rosters)
{
	struct cast c = cast(t, 1);
	(void)ctx;
	ensure(t, "2025-2026-2");
	ensure(t, "2026-2027-1");
	pairing p = { 0 };
	p.member_id = c.mem;
	p.target_id = c.tgt;
	p.semester_id = ensure(t, "2025-2026-1");
	p.start = D("2025-10-08");
	cr_assert_eq(pairing_save(t, &p, e), 0, "%s", e->msg);
	cr_assert_eq(roster_count(t, &c.col, "2025-2026-1"), 1, "its first semester");
	cr_assert_eq(roster_count(t, &c.col, "2025-2026-2"), 1, "still running in the next one");
	cr_assert_eq(roster_count(t, &c.col, "2026-2027-1"), 1, "open: runs on");
	p.end = D("2026-01-15");
	cr_assert_eq(pairing_save(t, &p, e), 0, "%s", e->msg);
	cr_assert_eq(roster_count(t, &c.col, "2025-2026-1"), 1);
	cr_assert_eq(roster_count(t, &c.col, "2025-2026-2"), 0, "ended before it began");
	return 0;
}

Test(semesters, in_semester_by_days)
{
	semester s = { 0 };
	pairing p = { 0 };
	s.start = D("2026-02-01");
	s.end = D("2026-07-31");
	p.start = D("2025-09-10");
	cr_assert(pairing_in_semester(&p, &s), "begun before, open");
	p.end = D("2026-02-01");
	cr_assert(pairing_in_semester(&p, &s), "ends on its first day");
	p.end = D("2026-01-31");
	cr_assert(!pairing_in_semester(&p, &s), "ended the day before");
	p.start = D("2026-08-01");
	p.end = 0;
	cr_assert(!pairing_in_semester(&p, &s), "begins after");
}

/* ---- ending a pairing ----------------------------------------------------- */

TXN_TEST(ending, an_ended_pairing_frees_the_student_from_the_next_day)
{
	struct cast c = cast(t, 1);
	(void)ctx;
	rid pid = mk_pair(t, c.mem, c.tgt, "2026-03-01");
	pairing_ending x = { .date = D("2026-05-20"), .outcome = "目标达成" };
	cr_assert_eq(pairing_end(t, &pid, 0, &x, NULL, e), 0, "%s", e->msg);
	pairing q;
	err e2 = { 0 };
	cr_assert_eq(try_pair(t, c.mem2, c.tgt, "2026-05-20", NULL, &q, &e2), E_INPUT,
		     "the same day still belongs to the ended pairing");
	cr_assert(about(&e2, "target"), "%s", e2.msg);
	memset(&e2, 0, sizeof e2);
	cr_assert_eq(try_pair(t, c.mem2, c.tgt, "2026-05-21", NULL, &q, &e2), 0,
		     "free from the next day: %s", e2.msg);
	return 0;
}

TXN_TEST(ending, an_ended_pairing_frees_the_member)
{
	struct cast c = cast(t, 1);
	(void)ctx;
	rid pid = mk_pair(t, c.mem, c.tgt, "2026-03-01");
	err e2 = { 0 };
	pairing q;
	cr_assert_eq(try_pair(t, c.mem, c.tgt2, "2026-05-21", NULL, &q, &e2), E_INPUT,
		     "the member is at the limit");
	pairing_ending x = { .date = D("2026-05-20"), .outcome = "调整结对" };
	cr_assert_eq(pairing_end(t, &pid, 0, &x, NULL, e), 0, "%s", e->msg);
	memset(&e2, 0, sizeof e2);
	cr_assert_eq(try_pair(t, c.mem, c.tgt2, "2026-05-21", NULL, &q, &e2), 0, "%s", e2.msg);
	return 0;
}

TXN_TEST(ending, outcome_and_figures_are_checked)
{
	struct cast c = cast(t, 2);
	(void)ctx;
	rid pid = mk_pair(t, c.mem, c.tgt, "2026-03-01");
	rid pid2 = mk_pair(t, c.mem, c.tgt2, "2026-03-01");
	pairing_ending x = { .date = D("2026-05-20"), .outcome = "没想好" };
	cr_assert_eq(pairing_end(t, &pid, 0, &x, NULL, e), E_INPUT);
	cr_assert(about(e, "outcome"), "%s", e->msg);
	x.outcome = NULL;
	cr_assert_eq(pairing_end(t, &pid, 0, &x, NULL, e), E_INPUT, "the outcome is required");
	x.outcome = "graduated";
	x.date = D("2026-02-01");
	cr_assert_eq(pairing_end(t, &pid, 0, &x, NULL, e), E_INPUT, "before the start");
	cr_assert(about(e, "end"), "%s", e->msg);
	x.date = D("2026-05-20");
	x.gpa_end = "5.5";
	cr_assert_eq(pairing_end(t, &pid, 0, &x, NULL, e), E_INPUT);
	cr_assert(about(e, "gpa_end"), "%s", e->msg);
	x.gpa_end = "3.25";
	x.failed_start = "3";
	x.failed_end = "0";
	x.assessment = "明显好转";
	pairing out;
	cr_assert_eq(pairing_end(t, &pid, 0, &x, &out, e), 0, "%s", e->msg);
	cr_assert_str_eq(out.outcome, "毕业离校", "the English synonym is stored canonically");
	cr_assert_str_eq(out.gpa_end, "3.25");
	cr_assert_eq(out.end, D("2026-05-20"));
	rec_free(&pairing_desc, &out);
	/* failed courses and GPA only for 学业困难 (tgt2 is 经济困难) */
	pairing_ending y = { .date = D("2026-05-20"), .outcome = "其他", .failed_end = "1" };
	cr_assert_eq(pairing_end(t, &pid2, 0, &y, NULL, e), E_INPUT);
	cr_assert(about(e, "failed_start"), "%s", e->msg);
	/* an outcome without an end date */
	pairing p;
	cr_assert_eq(pairing_get(t, &pid2, &p, e), 0);
	p.outcome = xstrdup("其他");
	cr_assert_eq(pairing_save(t, &p, e), E_INPUT);
	cr_assert(about(e, "end"), "%s", e->msg);
	rec_free(&pairing_desc, &p);
	return 0;
}

TXN_TEST(ending, a_stale_revision_is_refused)
{
	struct cast c = cast(t, 1);
	(void)ctx;
	rid pid = mk_pair(t, c.mem, c.tgt, "2026-03-01");
	pairing p;
	cr_assert_eq(pairing_get(t, &pid, &p, e), 0);
	uint32_t shown = p.m.rev;
	free(p.note);
	p.note = xstrdup("someone else's edit");
	cr_assert_eq(pairing_save(t, &p, e), 0, "%s", e->msg);
	rec_free(&pairing_desc, &p);
	pairing_ending x = { .date = D("2026-05-20"), .outcome = "其他" };
	cr_assert_eq(pairing_end(t, &pid, shown, &x, NULL, e), E_DB, "the revision shown is old");
	return 0;
}

/* ---- the current semester and starting the next ------------------------- */

TXN_TEST(current, started_semester_is_current)
{
	char code[SEMESTER_CODE_MAX];
	(void)ctx;
	cr_assert_eq(model_semester_current(t, code, sizeof code, e), 0);
	cr_assert_str_eq(code, "2025-2026-2", "none yet: the one today falls in");
	semester dates = { 0 };
	dates.start = D("2027-03-01");
	semester out;
	cr_assert_eq(semester_start(t, "2026-2027-1", &dates, &out, e), E_INPUT,
		     "a start after the end is refused");
	dates.start = 0;
	dates.summary_due = D("2027-01-15");
	cr_assert_eq(semester_start(t, "2026-2027-1", &dates, &out, e), 0, "%s", e->msg);
	cr_assert_eq(out.start, D("2026-09-01"), "the default start");
	cr_assert_eq(out.summary_due, D("2027-01-15"), "the date given");
	rec_free(&semester_desc, &out);
	cr_assert_eq(model_semester_current(t, code, sizeof code, e), 0);
	cr_assert_str_eq(code, "2026-2027-1", "made current");
	return 0;
}

TXN_TEST(current, a_semester_stays_current_until_the_next_is_started)
{
	char code[SEMESTER_CODE_MAX];
	bool due;
	char next[SEMESTER_CODE_MAX];
	(void)ctx;
	ensure(t, "2025-2026-1");   /* begun before today, ended */
	ensure(t, "2025-2026-2");   /* today's */
	cr_assert_eq(model_semester_current(t, code, sizeof code, e), 0);
	cr_assert_str_eq(code, "2025-2026-2", "the latest begun");
	semester dates = { 0 };
	cr_assert_eq(semester_start(t, "2025-2026-1", &dates, NULL, e), 0, "%s", e->msg);
	cr_assert_eq(model_semester_current(t, code, sizeof code, e), 0);
	cr_assert_str_eq(code, "2025-2026-1");
	cr_assert_eq(model_semester_review_due(t, D("2026-05-20"), &due, next, sizeof next, e), 0);
	cr_assert(due, "today is after the current semester's end");
	cr_assert_str_eq(next, "2025-2026-2");
	cr_assert_eq(model_semester_review_due(t, D("2026-01-20"), &due, next, sizeof next, e), 0);
	cr_assert(!due, "within the semester");
	return 0;
}

Test(current, next_code)
{
	char b[SEMESTER_CODE_MAX];
	semester_next_code("2025-2026-1", b, sizeof b);
	cr_assert_str_eq(b, "2025-2026-2");
	semester_next_code("2025-2026-2", b, sizeof b);
	cr_assert_str_eq(b, "2026-2027-1");
	semester_next_code("spring", b, sizeof b);
	cr_assert_str_eq(b, "");
}

static int collect_start(const pairing *p, void *ctx)
{
	date_t *d = ctx;
	*d = p->start;
	return 0;
}

TXN_TEST(current, carried_over_pairings)
{
	struct cast c = cast(t, 2);
	(void)ctx;
	rid a = mk_pair(t, c.mem, c.tgt, "2026-03-01");
	mk_pair(t, c.mem, c.tgt2, "2026-03-02");
	pairing_ending x = { .date = D("2026-05-20"), .outcome = "目标达成" };
	cr_assert_eq(pairing_end(t, &a, 0, &x, NULL, e), 0, "%s", e->msg);
	semester s;
	semester_defaults("2026-2027-1", &s);
	size_t n = 0;
	date_t seen = 0;
	cr_assert_eq(pairings_carried_into(t, &s, NULL, count_one, &n, e), 0);
	cr_assert_eq(n, 1, "the ended one stays behind");
	cr_assert_eq(pairings_carried_into(t, &s, &c.col, collect_start, &seen, e), 0);
	cr_assert_eq(seen, D("2026-03-02"));
	rid other = mk_college(t, "外国语学院", 1, 14);
	n = 0;
	cr_assert_eq(pairings_carried_into(t, &s, &other, count_one, &n, e), 0);
	cr_assert_eq(n, 0, "another college's");
	return 0;
}

/* ---- delete, undelete ------------------------------------------------------ */

static rid mk_talk(store_txn *t, rid mem, rid tgt, const char *day)
{
	talk k = { 0 };
	err e = { 0 };
	k.member_id = mem;
	k.target_id = tgt;
	k.date = D(day);
	k.minutes = 30;
	k.mode = (char *)"面谈";
	k.topics = TOPIC_STUDY;
	cr_assert_eq(talk_save(t, &k, &e), 0, "%s", e.msg);
	return k.m.id;
}

TXN_TEST(corrections, delete_refused_with_dependents)
{
	struct cast c = cast(t, 1);
	(void)ctx;
	rid pid = mk_pair(t, c.mem, c.tgt, "2026-03-01");
	mk_talk(t, c.mem, c.tgt, "2026-03-05");
	cr_assert_eq(model_delete(t, &student_desc, &c.tgt, 0, e), E_INPUT, "a student with a pairing");
	cr_assert(strstr(e->msg, "2023010001"), "names the record: %s", e->msg);
	cr_assert_eq(model_delete(t, &student_desc, &c.mem, 0, e), E_INPUT, "a helper");
	cr_assert_eq(model_delete(t, &pairing_desc, &pid, 0, e), E_INPUT, "a pairing with talks");
	cr_assert_eq(model_delete(t, &college_desc, &c.col, 0, e), E_INPUT, "a college with students");
	cr_assert_eq(model_delete_check(t, &pairing_desc, &pid, e), E_INPUT, "the check agrees");
	pairing p;
	cr_assert_eq(pairing_get(t, &pid, &p, e), 0, "nothing was deleted");
	rec_free(&pairing_desc, &p);
	/* a plain student has nothing that depends on it */
	rid plain = mk_student(t, "2024010009", "赵敏", c.col, "群众");
	cr_assert_eq(model_delete_check(t, &student_desc, &plain, e), 0, "%s", e->msg);
	cr_assert_eq(model_delete(t, &student_desc, &plain, 0, e), 0, "%s", e->msg);
	return 0;
}

TXN_TEST(corrections, a_deleted_pairing_is_invisible_to_the_rules)
{
	struct cast c = cast(t, 1);
	(void)ctx;
	rid pid = mk_pair(t, c.mem, c.tgt, "2026-03-01");
	cr_assert_eq(model_delete(t, &pairing_desc, &pid, 0, e), 0, "%s", e->msg);
	pairing p;
	cr_assert_eq(pairing_get(t, &pid, &p, e), E_NOTFOUND, "gone from lookups");
	cr_assert_eq(roster_count(t, &c.col, "2025-2026-2"), 0, "gone from the name list");
	rid again = mk_pair(t, c.mem, c.tgt, "2026-03-01");   /* no longer blocks */
	cr_assert_eq(model_undelete(t, &pairing_desc, &pid, e), E_INPUT,
		     "undelete goes through the one-to-one rule");
	cr_assert_eq(model_delete(t, &pairing_desc, &again, 0, e), 0, "%s", e->msg);
	cr_assert_eq(model_undelete(t, &pairing_desc, &pid, e), 0, "%s", e->msg);
	cr_assert_eq(pairing_get(t, &pid, &p, e), 0, "back");
	cr_assert_eq(p.m.rev, 3, "created, deleted, undeleted: each a revision");
	rec_free(&pairing_desc, &p);
	cr_assert_eq(roster_count(t, &c.col, "2025-2026-2"), 1);
	cr_assert_eq(model_undelete(t, &pairing_desc, &pid, e), E_NOTFOUND, "not a tombstone");
	return 0;
}

TXN_TEST(corrections, a_deleted_talk_leaves_the_counts)
{
	struct cast c = cast(t, 1);
	(void)ctx;
	rid pid = mk_pair(t, c.mem, c.tgt, "2026-03-01");
	rid k1 = mk_talk(t, c.mem, c.tgt, "2026-03-05");
	mk_talk(t, c.mem, c.tgt, "2026-03-01");
	date_t last;
	cr_assert_eq(pairing_last_talk(t, &pid, &last, e), 0);
	cr_assert_eq(last, D("2026-03-05"));
	cr_assert_eq(model_delete(t, &talk_desc, &k1, 0, e), 0, "%s", e->msg);
	cr_assert_eq(pairing_last_talk(t, &pid, &last, e), 0);
	cr_assert_eq(last, D("2026-03-01"), "the pairing's last talk follows");
	model_stats st;
	cr_assert_eq(model_stats_get(t, &st, e), 0);
	cr_assert_eq(st.talks, 1);
	size_t n;
	cr_assert_eq(model_talk_count_between(t, D("2026-03-01"), D("2026-03-31"), &n, e), 0);
	cr_assert_eq(n, 1, "the dashboard's counts follow");
	errlist probs = { 0 };
	cr_assert_eq(model_check(t, &probs, e), 0, "check is sound after a delete");
	cr_assert_eq(model_undelete(t, &talk_desc, &k1, e), 0, "%s", e->msg);
	cr_assert_eq(pairing_last_talk(t, &pid, &last, e), 0);
	cr_assert_eq(last, D("2026-03-05"));
	cr_assert_eq(model_check(t, &probs, e), 0, "check is sound after an undelete");
	errlist_free(&probs);
	return 0;
}

TXN_TEST(corrections, a_students_profiles_go_and_come_back_with_it)
{
	struct cast c = cast(t, 1);
	(void)ctx;
	member m;
	target g;
	cr_assert_eq(member_of_student(t, &c.mem, &m, e), 0);
	rid mid = m.m.id;
	rec_free(&member_desc, &m);
	cr_assert_eq(model_delete(t, &student_desc, &c.mem, 0, e), 0, "%s", e->msg);
	cr_assert_eq(model_delete(t, &student_desc, &c.tgt, 0, e), 0, "%s", e->msg);
	cr_assert_eq(member_of_student(t, &c.mem, &m, e), E_NOTFOUND);
	cr_assert_eq(target_of_student(t, &c.tgt, &g, e), E_NOTFOUND);
	model_stats st;
	cr_assert_eq(model_stats_get(t, &st, e), 0);
	cr_assert_eq(st.members, 1, "the other member");
	cr_assert_eq(st.targets, 1);
	/* the number is free while the student is deleted */
	rid taken = mk_student(t, "2023010001", "另一个王磊", c.col, "群众");
	cr_assert_eq(model_undelete(t, &student_desc, &c.tgt, e), E_INPUT, "the number is taken");
	cr_assert_eq(model_delete(t, &student_desc, &taken, 0, e), 0, "%s", e->msg);
	cr_assert_eq(model_undelete(t, &student_desc, &c.tgt, e), 0, "%s", e->msg);
	cr_assert_eq(target_of_student(t, &c.tgt, &g, e), 0, "the profile is back");
	cr_assert_eq(g.kinds, KIND_ACADEMIC);
	rec_free(&target_desc, &g);
	cr_assert_eq(model_undelete(t, &student_desc, &c.mem, e), 0, "%s", e->msg);
	cr_assert_eq(member_of_student(t, &c.mem, &m, e), 0);
	cr_assert(rid_cmp(&m.m.id, &mid) == 0, "the same member profile, not a new one");
	rec_free(&member_desc, &m);
	errlist probs = { 0 };
	cr_assert_eq(model_check(t, &probs, e), 0, "check is sound");
	errlist_free(&probs);
	return 0;
}

TXN_TEST(corrections, a_member_profile_is_not_deleted_alone)
{
	struct cast c = cast(t, 1);
	(void)ctx;
	member m;
	cr_assert_eq(member_of_student(t, &c.mem, &m, e), 0);
	cr_assert_eq(model_delete(t, &member_desc, &m.m.id, 0, e), E_INPUT);
	rec_free(&member_desc, &m);
	return 0;
}

static int count_rec(const void *rec, void *ctx)
{
	(void)rec;
	(*(size_t *)ctx)++;
	return 0;
}

TXN_TEST(corrections, tombstones_are_listed_apart)
{
	struct cast c = cast(t, 1);
	(void)ctx;
	rid pid = mk_pair(t, c.mem, c.tgt, "2026-03-01");
	rid k = mk_talk(t, c.mem, c.tgt, "2026-03-05");
	cr_assert_eq(model_delete(t, &talk_desc, &k, 0, e), 0, "%s", e->msg);
	size_t live = 0, dead = 0;
	cr_assert_eq(model_each(t, &talk_desc, count_rec, &live, e), 0);
	cr_assert_eq(model_each_deleted(t, &talk_desc, count_rec, &dead, e), 0);
	cr_assert_eq(live, 0);
	cr_assert_eq(dead, 1);
	talk any;
	cr_assert_eq(model_get_any(t, &talk_desc, &k, &any, e), 0);
	cr_assert(any.m.flags & REC_DELETED);
	rec_free(&talk_desc, &any);
	cr_assert_eq(model_delete(t, &pairing_desc, &pid, 0, e), 0, "the talk is gone: %s", e->msg);
	return 0;
}

TXN_TEST(ending, a_pairing_keeps_its_talks_inside_its_days)
{
	struct cast c = cast(t, 1);
	(void)ctx;
	rid pid = mk_pair(t, c.mem, c.tgt, "2026-03-01");
	mk_talk(t, c.mem, c.tgt, "2026-03-05");
	mk_talk(t, c.mem, c.tgt, "2026-04-10");
	pairing_ending x = { .date = D("2026-04-01"), .outcome = "其他" };
	cr_assert_eq(pairing_end(t, &pid, 0, &x, NULL, e), E_INPUT, "a talk after the end");
	cr_assert(about(e, "end") && strstr(e->msg, "2026-04-10"), "%s", e->msg);
	pairing p;
	cr_assert_eq(pairing_get(t, &pid, &p, e), 0);
	p.start = D("2026-03-06");
	cr_assert_eq(pairing_save(t, &p, e), E_INPUT, "a talk before the start");
	cr_assert(about(e, "start") && strstr(e->msg, "2026-03-05"), "%s", e->msg);
	p.start = D("2026-03-05");
	cr_assert_eq(pairing_save(t, &p, e), 0, "the first talk's day is inside: %s", e->msg);
	rec_free(&pairing_desc, &p);
	x.date = D("2026-04-10");
	cr_assert_eq(pairing_end(t, &pid, 0, &x, NULL, e), 0, "%s", e->msg);
	return 0;
}

Test(current, the_day_a_pairing_left_behind_ends)
{
	semester s = { 0 };
	s.start = D("2026-09-01");
	cr_assert_eq(semester_leave_day(&s, D("2026-03-01"), D("2026-09-03")), D("2026-08-31"),
		     "the day before the new semester");
	cr_assert_eq(semester_leave_day(&s, D("2026-03-01"), D("2026-08-20")), D("2026-08-20"),
		     "never after today");
	cr_assert_eq(semester_leave_day(&s, D("2026-09-02"), D("2026-09-03")), D("2026-09-02"),
		     "never before the pairing began");
}
