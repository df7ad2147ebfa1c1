#include <criterion/criterion.h>

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
