/* test_facts.c — the summary's facts as the model counts them (facts.c):
 * the numbers, the lists, and the typical cases chosen under the privacy
 * rules (a 心理困难 student is never a case, a talk about 心理 is never
 * quoted, quotes come scrubbed and names anonymised). */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "model/facts.h"
#include "model/model.h"

static void mk_talk(store_txn *t, rid mem, rid tgt, const char *day, uint32_t topics,
		    const char *mode, const char *content)
{
	talk k = { 0 };
	err e = { 0 };
	k.member_id = mem;
	k.target_id = tgt;
	k.date = D(day);
	k.minutes = 40;
	k.mode = (char *)mode;
	k.topics = topics;
	k.content = (char *)content;
	cr_assert_eq(talk_save(t, &k, &e), 0, "%s", e.msg);
}

struct world {
	rid col, m1, m2, m3, t1, t2, t3;
};

/* Three pairings: 王晓雯 (学业困难) with two quotable talks and one about
 * 心理; 赵子涵 (学业困难、心理困难) with the most talks; 孙一鸣 (经济困难,
 * 一般困难) with one. */
static struct world mk_world(store_txn *t)
{
	struct world w;
	w.col = mk_college(t, "计算机学院", 0, 0);
	w.m1 = mk_student(t, "2022001", "李明", w.col, "中共党员");
	w.m2 = mk_student(t, "2022002", "周文", w.col, "中共预备党员");
	w.m3 = mk_student(t, "2022003", "吴迪", w.col, "中共预备党员");
	w.t1 = mk_student(t, "2023001", "王晓雯", w.col, "群众");
	w.t2 = mk_student(t, "2023002", "赵子涵", w.col, "共青团员");
	w.t3 = mk_student(t, "2023003", "孙一鸣", w.col, "共青团员");
	mk_target(t, w.t1, KIND_ACADEMIC);
	mk_target(t, w.t2, KIND_ACADEMIC | KIND_PSYCH);
	target g = { 0 };
	err e = { 0 };
	g.student_id = w.t3;
	g.kinds = KIND_FINANCIAL;
	g.tier = (char *)"一般困难";
	cr_assert_eq(target_save(t, &g, &e), 0, "%s", e.msg);
	mk_pair(t, w.m1, w.t1, "2026-02-20");
	mk_pair(t, w.m2, w.t2, "2026-02-20");
	mk_pair(t, w.m3, w.t3, "2026-02-20");
	mk_talk(t, w.m1, w.t1, "2026-03-02", TOPIC_STUDY, "面谈",
		"王晓雯说晓雯的电话是13800138000，期中要补考。");
	mk_talk(t, w.m1, w.t1, "2026-03-20", TOPIC_PSYCH, "电话", "谈到失眠的秘密");
	mk_talk(t, w.m1, w.t1, "2026-04-09", TOPIC_LIFE, "线上", "生活费够用。");
	for (int i = 0; i < 4; i++)
		mk_talk(t, w.m2, w.t2, i % 2 ? "2026-03-10" : "2026-04-10", TOPIC_STUDY, "面谈",
			"赵子涵的学习计划");
	mk_talk(t, w.m3, w.t3, "2026-05-06", TOPIC_STUDY | TOPIC_THOUGHT, "面谈",
		"孙一鸣说想入党");
	return w;
}

TXN_TEST(facts, the_numbers)
{
	mk_world(t);
	summary_facts f;
	cr_assert_eq(summary_facts_get(t, "计算机学院", "2025-2026-2", &f, e), 0, "%s", e->msg);
	cr_assert_eq(f.pairings, 3);
	cr_assert_eq(f.members, 3);
	cr_assert_eq(f.members_full, 1);
	cr_assert_eq(f.members_prob, 2);
	cr_assert_eq(f.targets, 3);
	cr_assert_eq(f.kind_academic, 2);
	cr_assert_eq(f.kind_financial, 1);
	cr_assert_eq(f.kind_psych, 1);
	cr_assert_eq(f.tiers[2], 1, "一般困难");
	cr_assert_eq(f.talks, 8);
	cr_assert_eq(f.minutes, 8 * 40);
	cr_assert_eq(f.topic_psych, 1);
	cr_assert_eq(f.topic_study, 6);
	cr_assert_eq(f.mode_face, 6);
	cr_assert_eq(f.mode_phone, 1);
	cr_assert_eq(f.mode_online, 1);
	cr_assert_eq(f.pairings_talked, 3);
	cr_assert_eq(f.active, 3);
	(void)ctx;
	return 0;
}

TXN_TEST(facts, cases_follow_the_privacy_rules)
{
	mk_world(t);
	summary_facts f;
	summary_detail d;
	cr_assert_eq(summary_detail_get(t, "计算机学院", "2025-2026-2", &f, &d, e), 0, "%s",
		     e->msg);
	cr_assert_str_eq(d.college, "计算机学院");
	cr_assert_eq(d.ncases, 2);
	/* 赵子涵 has the most talks, but is 心理困难: never a case. */
	for (size_t i = 0; i < d.ncases; i++)
		cr_assert_str_neq(d.cases[i].student, "赵同学");
	cr_assert_str_eq(d.cases[0].student, "王同学");
	cr_assert_eq(d.cases[0].kinds, KIND_ACADEMIC);
	cr_assert_eq(d.cases[0].talks, 3, "every talk is counted");
	/* The talk about 心理 is counted but never quoted. */
	cr_assert_eq(d.cases[0].nquotes, 2);
	cr_assert_eq(d.cases[0].quotes[0].date, D("2026-03-02"));
	cr_assert_str_eq(d.cases[0].quotes[0].text, "王同学说王同学的电话是**，期中要补考。");
	cr_assert_str_eq(d.cases[0].quotes[1].text, "生活费够用。");
	for (size_t i = 0; i < d.ncases; i++)
		for (size_t j = 0; j < d.cases[i].nquotes; j++)
			cr_assert_null(strstr(d.cases[i].quotes[j].text, "秘密"));
	cr_assert_str_eq(d.cases[1].student, "孙同学");
	cr_assert_str_eq(d.cases[1].quotes[0].text, "孙同学说想入党");
	/* Talks by month, in the semester's order. */
	cr_assert_eq(d.nmonths, 3);
	cr_assert_eq(d.months[0].month, 3);
	cr_assert_eq(d.months[0].talks, 4);
	summary_detail_free(&d);
	(void)ctx;
	return 0;
}

TXN_TEST(facts, overdue_students_are_anonymised)
{
	struct world w = mk_world(t);
	(void)w;
	/* Today is 2026-05-20: 王晓雯's last talk was 2026-04-09, 赵子涵's
	 * 2026-04-10 (both more than 14 days ago); 孙一鸣's 2026-05-06. */
	summary_facts f;
	summary_detail d;
	cr_assert_eq(summary_detail_get(t, "计算机学院", "2025-2026-2", &f, &d, e), 0, "%s",
		     e->msg);
	cr_assert_eq(f.overdue, 2);
	cr_assert_eq(d.nlate, 2);
	cr_assert_str_eq(d.late[0].student, "王同学", "most overdue first");
	cr_assert_eq(d.late[0].days, 41);
	cr_assert_str_eq(d.late[1].student, "赵同学");
	summary_detail_free(&d);
	(void)ctx;
	return 0;
}

TXN_TEST(facts, unknown_college_or_semester)
{
	summary_facts f;
	summary_detail d;
	cr_assert_eq(summary_facts_get(t, "没有的学院", "2025-2026-2", &f, e), E_INPUT);
	mk_college(t, "计算机学院", 0, 0);
	cr_assert_eq(summary_detail_get(t, "计算机学院", "2030-2031-1", &f, &d, e), E_INPUT);
	summary_detail_free(&d);
	(void)ctx;
	return 0;
}
