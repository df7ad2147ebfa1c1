/* test_privacy.c — who may read the sensitive texts, and what the reports
 * may show of them (model.h, privacy; privacy.c). */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "model/model.h"

Test(privacy, psych_talk_content_only_for_counsellors)
{
	talk k = { .topics = TOPIC_STUDY | TOPIC_PSYCH };
	cr_assert(talk_content_visible(ROLE_COUNSELLOR, &k));
	cr_assert_not(talk_content_visible(ROLE_SECRETARY, &k));
	cr_assert_not(talk_content_visible(ROLE_MEMBER, &k));
}

Test(privacy, other_talks_visible_to_all)
{
	talk k = { .topics = TOPIC_STUDY | TOPIC_LIFE | TOPIC_THOUGHT };
	cr_assert(talk_content_visible(ROLE_SECRETARY, &k));
	cr_assert(talk_content_visible(ROLE_MEMBER, &k));
}

Test(privacy, psych_situation_only_for_counsellors)
{
	target g = { .kinds = KIND_FINANCIAL | KIND_PSYCH };
	cr_assert(target_situation_visible(ROLE_COUNSELLOR, &g));
	cr_assert_not(target_situation_visible(ROLE_SECRETARY, &g));
	target h = { .kinds = KIND_FINANCIAL };
	cr_assert(target_situation_visible(ROLE_SECRETARY, &h));
}

Test(privacy, roles_parse)
{
	role_t r;
	cr_assert(role_parse("counsellor", &r) && r == ROLE_COUNSELLOR);
	cr_assert(role_parse("secretary", &r) && r == ROLE_SECRETARY);
	cr_assert(role_parse("member", &r) && r == ROLE_MEMBER);
	cr_assert_not(role_parse("admin", &r));
	cr_assert_str_eq(role_name(ROLE_MEMBER), "member");
}

/* ---- what the reports may show ---------------------------------------- */

Test(report_privacy, a_talk_about_psych_is_never_quoted)
{
	talk k = { .topics = TOPIC_STUDY | TOPIC_PSYCH, .content = (char *)"谈到最近睡不好" };
	cr_assert_not(talk_quotable(&k), "a talk about 心理 must not be quoted");
	k.topics = TOPIC_STUDY | TOPIC_LIFE;
	cr_assert(talk_quotable(&k));
	k.content = (char *)"";
	cr_assert_not(talk_quotable(&k), "nothing to quote");
	k.content = NULL;
	cr_assert_not(talk_quotable(&k));
}

Test(report_privacy, a_psych_student_is_never_a_case)
{
	cr_assert_not(target_may_be_case(KIND_PSYCH));
	cr_assert_not(target_may_be_case(KIND_ACADEMIC | KIND_PSYCH));
	cr_assert(target_may_be_case(KIND_ACADEMIC | KIND_FINANCIAL));
}

static void anon_is(const char *name, const char *want)
{
	char *a = privacy_anon_name(name);
	cr_assert_str_eq(a, want, "%s -> %s, want %s", name, a, want);
	free(a);
}

Test(anon, surname_and_tongxue)
{
	anon_is("王磊", "王同学");
	anon_is("单晓雯", "单同学");
	anon_is("欧阳思远", "欧阳同学");        /* compound surname */
	anon_is("司马光", "司马同学");
	anon_is("\xF0\xA0\xAE\xB7祥", "\xF0\xA0\xAE\xB7同学");  /* 𠮷祥: plane 2 */
	anon_is("欧阳", "欧同学");             /* two characters: surname 欧, name 阳 */
	anon_is("", "某同学");
	anon_is(NULL, "某同学");
}

static void scrub_is(const privacy_names *ns, const char *text, const char *want)
{
	char *s = privacy_scrub(ns, text);
	cr_assert_str_eq(s, want, "%s -> %s, want %s", text, s, want);
	free(s);
}

Test(report_privacy, long_digit_runs_are_scrubbed)
{
	/* Student numbers and phones (7 digits or more); shorter numbers stay. */
	scrub_is(NULL, "学号2023001，电话13800138000，宿舍123456，考了85分",
		 "学号**，电话**，宿舍123456，考了85分");
	scrub_is(NULL, "1234567", "**");
}

Test(report_privacy, full_names_for_all_given_names_for_own_people)
{
	privacy_names *ns = privacy_names_new();
	privacy_names_add(ns, "王晓雯", true);
	privacy_names_add(ns, "李子涵", false);
	scrub_is(ns, "王晓雯和晓雯、李子涵和子涵", "王同学和王同学、李同学和子涵");
	privacy_names_free(ns);
}

Test(report_privacy, longer_names_go_first)
{
	/* 陈思远's given name 思远 must not break 欧阳思远 into 欧阳陈同学. */
	privacy_names *ns = privacy_names_new();
	privacy_names_add(ns, "陈思远", true);
	privacy_names_add(ns, "欧阳思远", false);
	scrub_is(ns, "欧阳思远找思远", "欧阳同学找陈同学");
	privacy_names_free(ns);
}

Test(report_privacy, one_character_names_are_left_alone)
{
	privacy_names *ns = privacy_names_new();
	privacy_names_add(ns, "王", true);
	privacy_names_add(ns, "张一", true);      /* given name 一: one 字, kept */
	scrub_is(ns, "王老师说张一一直努力，一切都好", "王老师说张同学一直努力，一切都好");
	privacy_names_free(ns);
}

TXN_TEST(report_privacy, names_load_reads_every_student)
{
	rid col = mk_college(t, "计算机学院", 0, 0);
	rid own = mk_student(t, "2023001", "王晓雯", col, "群众");
	mk_student(t, "2023002", "李子涵", col, "群众");
	privacy_names *ns = NULL;
	cr_assert_eq(privacy_names_load(t, &own, 1, &ns, e), 0, "%s", e->msg);
	scrub_is(ns, "王晓雯和晓雯、李子涵和子涵", "王同学和王同学、李同学和子涵");
	privacy_names_free(ns);
	(void)ctx;
	return 0;
}
