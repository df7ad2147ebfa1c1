/* test_values.c — kinds, topics and the fixed choices: what a user may type
 * and what is stored. */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "model/model.h"

Test(kinds, parse_chinese_list)
{
	uint32_t k = 0;
	const char *bad = NULL;
	cr_assert(kinds_parse("学业困难、心理困难", &k, &bad));
	cr_assert_eq(k, KIND_ACADEMIC | KIND_PSYCH);
	cr_assert(kinds_parse("经济困难；学业困难", &k, &bad));
	cr_assert_eq(k, KIND_ACADEMIC | KIND_FINANCIAL);
}

Test(kinds, parse_short_and_english_forms)
{
	uint32_t k = 0;
	const char *bad = NULL;
	cr_assert(kinds_parse("学业,经济，心理", &k, &bad));
	cr_assert_eq(k, KIND_ACADEMIC | KIND_FINANCIAL | KIND_PSYCH);
	cr_assert(kinds_parse("Academic; psychological", &k, &bad));
	cr_assert_eq(k, KIND_ACADEMIC | KIND_PSYCH);
	cr_assert(kinds_parse("  financial  ", &k, &bad));
	cr_assert_eq(k, KIND_FINANCIAL);
}

Test(kinds, unknown_item_is_named)
{
	uint32_t k = 0;
	const char *bad = NULL;
	cr_assert_not(kinds_parse("学业困难、打篮球", &k, &bad));
	cr_assert_str_eq(bad, "打篮球");
}

Test(kinds, empty_list_refused)
{
	uint32_t k = 0;
	const char *bad = NULL;
	cr_assert_not(kinds_parse("", &k, &bad));
	cr_assert_not(kinds_parse(" 、 ", &k, &bad));
}

Test(kinds, format_is_canonical_and_ordered)
{
	char buf[64];
	kinds_format(KIND_PSYCH | KIND_ACADEMIC, buf, sizeof buf);
	cr_assert_str_eq(buf, "学业困难、心理困难");
	kinds_format(0, buf, sizeof buf);
	cr_assert_str_eq(buf, "");
}

Test(kinds, format_never_overflows)
{
	char buf[14];
	kinds_format(KIND_ACADEMIC | KIND_FINANCIAL | KIND_PSYCH, buf, sizeof buf);
	cr_assert_str_eq(buf, "学业困难");
}

Test(topics, round_trip)
{
	uint32_t t = 0;
	const char *bad = NULL;
	char buf[64];
	cr_assert(topics_parse("思想 学习 life", &t, &bad));
	cr_assert_eq(t, TOPIC_STUDY | TOPIC_LIFE | TOPIC_THOUGHT);
	topics_format(t, buf, sizeof buf);
	cr_assert_str_eq(buf, "学习、生活、思想");
	cr_assert_not(topics_parse("学习、吃饭", &t, &bad));
	cr_assert_str_eq(bad, "吃饭");
}

Test(choices, gender)
{
	cr_assert_str_eq(choice_canon(gender_values, "男"), "男");
	cr_assert_str_eq(choice_canon(gender_values, "male"), "男");
	cr_assert_str_eq(choice_canon(gender_values, "M"), "男");
	cr_assert_str_eq(choice_canon(gender_values, "Female"), "女");
	cr_assert_null(choice_canon(gender_values, "x"));
}

Test(choices, political)
{
	cr_assert_str_eq(choice_canon(political_values, "中共党员"), "中共党员");
	cr_assert_str_eq(choice_canon(political_values, "党员"), "中共党员");
	cr_assert_str_eq(choice_canon(political_values, "CPC member"), "中共党员");
	cr_assert_str_eq(choice_canon(political_values, "预备党员"), "中共预备党员");
	cr_assert_str_eq(choice_canon(political_values, "probationary member"), "中共预备党员");
	cr_assert_str_eq(choice_canon(political_values, "团员"), "共青团员");
	cr_assert_str_eq(choice_canon(political_values, "群众"), "群众");
	cr_assert_null(choice_canon(political_values, "民主党派"));
}

Test(choices, talk_modes)
{
	cr_assert_str_eq(choice_canon(mode_values, "面谈"), "面谈");
	cr_assert_str_eq(choice_canon(mode_values, "face-to-face"), "面谈");
	cr_assert_str_eq(choice_canon(mode_values, "in person"), "面谈");
	cr_assert_str_eq(choice_canon(mode_values, "phone"), "电话");
	cr_assert_str_eq(choice_canon(mode_values, "微信"), "线上");
	cr_assert_str_eq(choice_canon(mode_values, "Online"), "线上");
	cr_assert_null(choice_canon(mode_values, "letter"));
}

Test(choices, synonym_only_within_its_set)
{
	/* "phone" is a talk mode, not a gender or an aid kind */
	cr_assert_null(choice_canon(gender_values, "phone"));
	cr_assert_null(choice_canon(aid_kind_values, "电话"));
	cr_assert_str_eq(choice_canon(aid_kind_values, "cash"), "资金");
	cr_assert_str_eq(choice_canon(tier_values, "特困"), "特别困难");
	cr_assert_str_eq(choice_canon(target_status_values, "ended"), "已结束");
}

Test(choices, party_members)
{
	cr_assert(political_is_member("中共党员"));
	cr_assert(political_is_member("中共预备党员"));
	cr_assert_not(political_is_member("共青团员"));
	cr_assert_not(political_is_member("群众"));
	cr_assert_not(political_is_member(NULL));
}

Test(kinds, short_forms_are_the_lists_words_and_parse_back)
{
	char buf[64];
	kinds_format_short(KIND_ACADEMIC | KIND_PSYCH, buf, sizeof buf);
	cr_assert_str_eq(buf, "学业、心理");
	for (uint32_t bits = 1; bits < 8; bits++) {
		uint32_t back = 0;
		const char *bad = NULL;
		kinds_format_short(bits, buf, sizeof buf);
		cr_assert(kinds_parse(buf, &back, &bad), "%s parses", buf);
		cr_assert_eq(back, bits, "%s is the same kinds", buf);
	}
}
