/* privacy.c — who may read the sensitive texts (DOMAIN.md, privacy). */
#include "config.h"

#include <string.h>

#include "model/internal.h"
#include "util/i18n.h"

static const char *const role_names[] = {
	[ROLE_SECRETARY] = "secretary",
	[ROLE_COUNSELLOR] = "counsellor",
	[ROLE_MEMBER] = "member",
};

bool role_parse(const char *s, role_t *out)
{
	for (size_t i = 0; i < sizeof role_names / sizeof *role_names; i++) {
		if (s && strcmp(s, role_names[i]) == 0) {
			*out = (role_t)i;
			return true;
		}
	}
	return false;
}

const char *role_name(role_t r)
{
	return (size_t)r < sizeof role_names / sizeof *role_names ? role_names[r] : "?";
}

bool talk_content_visible(role_t r, const talk *k)
{
	return r == ROLE_COUNSELLOR || !(k->topics & TOPIC_PSYCH);
}

bool target_situation_visible(role_t r, const target *g)
{
	return r == ROLE_COUNSELLOR || !(g->kinds & KIND_PSYCH);
}

const char *privacy_mask(void)
{
	/* TRANSLATORS: shown in place of a psychological note. */
	return _("[counsellors only]");
}
