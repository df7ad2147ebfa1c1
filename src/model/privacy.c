/* privacy.c — who may read the sensitive texts, and what the reports may
 * show of them: which talks may be quoted, which students may be a typical
 * case, how a name is anonymised and what is scrubbed from a quoted text
 * (DOMAIN, privacy). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "model/internal.h"
#include "util/i18n.h"
#include "util/pinyin.h"
#include "util/text.h"

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

/* ---- what the reports may show -------------------------------------- */

bool talk_quotable(const talk *k)
{
	return !(k->topics & TOPIC_PSYCH) && k->content && *k->content;
}

bool target_may_be_case(uint32_t kinds)
{
	return !(kinds & KIND_PSYCH);
}

/* The byte length of the surname of name: one character, or two when they
 * are a compound surname (欧阳) and a given name follows. */
static size_t surname_len(const char *name)
{
	const uint8_t *p = (const uint8_t *)name;
	size_t n = strlen(name);
	ucs4_t c0, c1;
	if (!n)
		return 0;
	int l0 = u8_mbtouc(&c0, p, n);
	if ((size_t)l0 >= n)
		return (size_t)l0;
	int l1 = u8_mbtouc(&c1, p + l0, n - (size_t)l0);
	if ((size_t)(l0 + l1) < n)
		for (size_t i = 0; i < pinyin_nsurnames; i++)
			if (pinyin_surnames[i].cp[0] == c0 && pinyin_surnames[i].cp[1] == c1)
				return (size_t)(l0 + l1);
	return (size_t)l0;
}

char *privacy_anon_name(const char *name)
{
	if (!name || !*name)
		return xstrdup("某同学");
	size_t sl = surname_len(name);
	char *o = xmalloc(sl + sizeof "同学");
	memcpy(o, name, sl);
	strcpy(o + sl, "同学");
	return o;
}

/* The names to take out of quoted texts, each with what replaces it. */
struct privacy_names {
	char **from, **to;
	size_t n, cap;
};

privacy_names *privacy_names_new(void)
{
	return xcalloc(1, sizeof(privacy_names));
}

static void names_push(privacy_names *ns, const char *from, const char *to)
{
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? ns->cap * 2 : 64;
		ns->from = xrealloc(ns->from, ns->cap * sizeof *ns->from);
		ns->to = xrealloc(ns->to, ns->cap * sizeof *ns->to);
	}
	ns->from[ns->n] = xstrdup(from);
	ns->to[ns->n] = xstrdup(to);
	ns->n++;
}

void privacy_names_add(privacy_names *ns, const char *name, bool own)
{
	/* A one-character name would take that character out of every
	 * sentence. */
	if (!name || text_zishu(name) < 2)
		return;
	char *anon = privacy_anon_name(name);
	names_push(ns, name, anon);
	/* The given name alone (two characters or more) too, "晓雯说", for
	 * the people the texts are about: a given name such as 子涵 is not
	 * taken from everyone's sentences. */
	size_t sl = surname_len(name);
	if (own && text_zishu(name + sl) >= 2)
		names_push(ns, name + sl, anon);
	free(anon);
}

void privacy_names_free(privacy_names *ns)
{
	if (!ns)
		return;
	for (size_t i = 0; i < ns->n; i++) {
		free(ns->from[i]);
		free(ns->to[i]);
	}
	free(ns->from);
	free(ns->to);
	free(ns);
}

struct names_scan {
	privacy_names *ns;
	const rid *own;
	size_t nown;
	model_store *st;
	size_t seen;
};

static int rid_order(const void *a, const void *b)
{
	return rid_cmp(a, b);
}

/* Every student's name (model_student_names reads it straight out of the
 * stored value): the scrubbing needs the names of the whole database. */
static int names_each(const rid *id, const char *name, bytes val, void *ctx)
{
	struct names_scan *sc = ctx;
	(void)val;
	privacy_names_add(sc->ns, name,
			  bsearch(id, sc->own, sc->nown, sizeof *sc->own, rid_order) != NULL);
	/* A scan over every student maps the file's pages in as it goes (and
	 * the kernel maps their neighbours too): let go of them now and then. */
	if (++sc->seen % 4096 == 0)
		model_release_pages(sc->st);
	return 0;
}

int privacy_names_load(model_txn *t, const rid *own, size_t nown, privacy_names **out, err *e)
{
	rid *sorted = xcalloc(nown + 1, sizeof *sorted);
	if (nown)
		memcpy(sorted, own, nown * sizeof *own);
	qsort(sorted, nown, sizeof *sorted, rid_order);
	struct names_scan sc = { privacy_names_new(), sorted, nown, model_of(t), 0 };
	int rc = model_student_names(t, names_each, &sc, e);
	model_release_pages(model_of(t));
	free(sorted);
	if (rc) {
		privacy_names_free(sc.ns);
		return rc;
	}
	*out = sc.ns;
	return 0;
}

/* Runs of 7 or more digits (student numbers, phones) become "**". */
static void scrub_digits(char *s)
{
	char *w = s;
	for (const char *r = s; *r;) {
		size_t n = strspn(r, "0123456789");
		if (n >= 7) {
			memcpy(w, "**", 2);
			w += 2;
			r += n;
		} else if (n) {
			memmove(w, r, n);
			w += n;
			r += n;
		} else {
			*w++ = *r++;
		}
	}
	*w = 0;
}

char *privacy_scrub(const privacy_names *ns, const char *text)
{
	char *s = xstrdup(text ? text : "");
	/* Names of three 字 or more first, so that 欧阳思远 goes before 思远. */
	for (int pass = 0; ns && pass < 2; pass++)
		for (size_t i = 0; i < ns->n; i++) {
			bool longer = text_zishu(ns->from[i]) >= 3;
			if ((pass == 0) == longer)
				text_replace(&s, ns->from[i], ns->to[i]);
		}
	scrub_digits(s);
	return s;
}
