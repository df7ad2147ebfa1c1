#include "config.h"
/* summary.c — the semester summary (结对帮扶情况总结) of a college: the facts
 * gathered from the database, the typical cases taken from talk records
 * (anonymised; never a talk about 心理), and the draft expanded through
 * forms/summary.tpl. Every number in the draft is one of the facts. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "model/internal.h" /* TEMPORARY: summary_facts moves into src/model/ */
#include "util/i18n.h"
#include "util/pinyin.h"
#include "util/text.h"

bool summary_format_parse(const char *s, summary_format *out)
{
	if (strcmp(s, "txt") == 0 || strcmp(s, "text") == 0)
		*out = SUMMARY_TXT;
	else if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		*out = SUMMARY_MD;
	else
		return false;
	return true;
}

/* ---- small helpers ---------------------------------------------------- */

static uint32_t utf8_next(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint32_t c;
	int n;
	if (s[0] < 0x80) {
		c = s[0];
		n = 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		c = s[0] & 0x1F;
		n = 2;
	} else if ((s[0] & 0xF0) == 0xE0) {
		c = s[0] & 0x0F;
		n = 3;
	} else {
		c = s[0] & 0x07;
		n = 4;
	}
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*p += i;
			return 0xFFFD;
		}
		c = c << 6 | (s[i] & 0x3F);
	}
	*p += n;
	return c;
}

char *report_anon_name(const char *name)
{
	const char *p = name ? name : "";
	if (!*p)
		return xstrdup("某同学");
	const char *q = p;
	uint32_t c0 = utf8_next(&q);
	const char *end = q;
	if (*q) {
		const char *r = q;
		uint32_t c1 = utf8_next(&r);
		for (size_t i = 0; i < pinyin_nsurnames; i++)
			if (pinyin_surnames[i].cp[0] == c0 && pinyin_surnames[i].cp[1] == c1 && *r) {
				end = r;
				break;
			}
	}
	char *o = xmalloc((size_t)(end - p) + sizeof "同学");
	memcpy(o, p, (size_t)(end - p));
	strcpy(o + (end - p), "同学");
	return o;
}

/* Replaces every occurrence of from in *s by to. */
static void replace_all(char **s, const char *from, const char *to)
{
	size_t fl = strlen(from), tl = strlen(to);
	if (!fl || !strstr(*s, from))
		return;
	size_t cap = strlen(*s) * (tl > fl ? tl / fl + 2 : 1) + 1;
	char *o = xmalloc(cap), *w = o;
	const char *r = *s, *hit;
	while ((hit = strstr(r, from))) {
		memcpy(w, r, (size_t)(hit - r));
		w += hit - r;
		memcpy(w, to, tl);
		w += tl;
		r = hit + fl;
	}
	strcpy(w, r);
	free(*s);
	*s = o;
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

static char *yuan(long long fen)
{
	return xasprintf("%lld.%02lld", fen / 100, fen % 100);
}

static char *month_day(date_t d)
{
	int y, m, day;
	date_ymd(d, &y, &m, &day);
	return xasprintf("%d月%d日", m, day);
}

/* A growing string. */
struct sb {
	char *s;
	size_t n, cap;
};

static void sb_puts(struct sb *b, const char *s)
{
	size_t l = strlen(s);
	if (b->n + l + 1 > b->cap) {
		b->cap = (b->n + l + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, l + 1);
	b->n += l;
}

static char *sb_take(struct sb *b)
{
	return b->s ? b->s : xstrdup("");
}

/* ---- the facts -------------------------------------------------------- */

struct pinfo {
	pairing p;
	uint32_t kinds;
	char *tier;
	char *member_class, *member_branch;
	bool member_full;            /* 中共党员 (else 预备) */
	char *target_name;
	size_t talks, eligible;      /* members' talks; quotable ones */
	long long minutes;
	bool overdue;
	int overdue_days;
};

struct gather {
	model_txn *t;
	college c;
	semester s;
	struct pinfo *ps;
	size_t n, cap;
	summary_facts f;
	size_t months[13];
	err *e;
};

static int take_pairing(bytes key, bytes val, void *ctx)
{
	struct gather *g = ctx;
	size_t pos = 2 * sizeof(rid);
	rid id;
	(void)val;
	if (!key_take_id(key, &pos, &id))
		return 0;
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 32;
		g->ps = xrealloc(g->ps, g->cap * sizeof *g->ps);
	}
	struct pinfo *pi = &g->ps[g->n];
	memset(pi, 0, sizeof *pi);
	int rc = pairing_get(g->t, &id, &pi->p, g->e);
	if (rc == 1)
		return 0;
	if (rc)
		return rc;
	g->n++;
	return 0;
}

static int rid_order(const void *a, const void *b)
{
	return rid_cmp(a, b);
}

/* Distinct ids among n. */
static size_t distinct(rid *ids, size_t n)
{
	size_t d = 0;
	qsort(ids, n, sizeof *ids, rid_order);
	for (size_t i = 0; i < n; i++)
		if (!i || rid_cmp(&ids[i], &ids[i - 1]) != 0)
			d++;
	return d;
}

struct ids {
	rid *v;
	size_t n, cap;
};

static int take_last_id(bytes key, bytes val, void *ctx)
{
	struct ids *l = ctx;
	(void)val;
	if (key.len < sizeof(rid))
		return 0;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	memcpy(l->v[l->n].b, (const uint8_t *)key.data + key.len - sizeof(rid), sizeof(rid));
	l->n++;
	return 0;
}

static bool in_term(const struct gather *g, date_t d)
{
	return d >= g->s.start && d <= g->s.end;
}

/* Like take_last_id, for keys id | date | talk id: only the talks of the
 * semester, told by the key alone (no record is read for the others). */
struct term_ids {
	struct ids l;
	const struct gather *g;
};

static int take_term_id(bytes key, bytes val, void *ctx)
{
	struct term_ids *ti = ctx;
	size_t pos = sizeof(rid);
	int32_t d;
	if (!key_take_i32(key, &pos, &d) || !in_term(ti->g, d))
		return 0;
	return take_last_id(key, val, &ti->l);
}

static int gather_talks(struct gather *g, struct pinfo *pi)
{
	struct ids l = { 0 };
	int rc = st_scan(g->t, IX_TALK_PAIRING, (bytes){ pi->p.m.id.b, sizeof pi->p.m.id.b },
			 take_last_id, &l, g->e);
	for (size_t i = 0; !rc && i < l.n; i++) {
		talk k;
		rc = talk_get(g->t, &l.v[i], &k, g->e);
		if (rc == 1) {
			rc = 0;
			continue;
		}
		if (rc)
			break;
		if (in_term(g, k.date) && !rid_is_zero(&k.member_id)) {
			summary_facts *f = &g->f;
			int y, m, d;
			f->talks++;
			pi->talks++;
			f->minutes += k.minutes;
			pi->minutes += k.minutes;
			f->topic_study += !!(k.topics & TOPIC_STUDY);
			f->topic_life += !!(k.topics & TOPIC_LIFE);
			f->topic_thought += !!(k.topics & TOPIC_THOUGHT);
			f->topic_psych += !!(k.topics & TOPIC_PSYCH);
			if (k.mode && strcmp(k.mode, mode_values[0]) == 0)
				f->mode_face++;
			else if (k.mode && strcmp(k.mode, mode_values[1]) == 0)
				f->mode_phone++;
			else if (k.mode && strcmp(k.mode, mode_values[2]) == 0)
				f->mode_online++;
			date_ymd(k.date, &y, &m, &d);
			g->months[m]++;
			if (!(k.topics & TOPIC_PSYCH) && k.content && *k.content)
				pi->eligible++;
		}
		rec_free(&talk_desc, &k);
	}
	free(l.v);
	return rc;
}

static int gather_aid(struct gather *g, struct pinfo *pi)
{
	struct ids l = { 0 };
	int rc = st_scan(g->t, IX_AID_PAIRING, (bytes){ pi->p.m.id.b, sizeof pi->p.m.id.b },
			 take_last_id, &l, g->e);
	for (size_t i = 0; !rc && i < l.n; i++) {
		aid a;
		rc = aid_get(g->t, &l.v[i], &a, g->e);
		if (rc == 1) {
			rc = 0;
			continue;
		}
		if (rc)
			break;
		if (in_term(g, a.date))
			for (int j = 0; j < 3; j++)
				if (a.kind && strcmp(a.kind, aid_kind_values[j]) == 0) {
					g->f.aid_count[j]++;
					g->f.aid_fen[j] += a.amount_fen;
					g->f.aid_total_fen += a.amount_fen;
				}
		rec_free(&aid_desc, &a);
	}
	free(l.v);
	return rc;
}

/* Counsellors' talks with the assisted students of these pairings. */
static int gather_counsellor_talks(struct gather *g, rid *targets, size_t n)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		if (i && rid_cmp(&targets[i], &targets[i - 1]) == 0)
			continue;
		struct term_ids ti = { { 0 }, g };
		rc = st_scan(g->t, IX_TALK_TARGET, (bytes){ targets[i].b, sizeof targets[i].b },
			     take_term_id, &ti, g->e);
		struct ids l = ti.l;
		if (i % 16 == 15)
			model_release_pages(model_of(g->t));
		for (size_t j = 0; !rc && j < l.n; j++) {
			talk k;
			rc = talk_get(g->t, &l.v[j], &k, g->e);
			if (rc == 1) {
				rc = 0;
				continue;
			}
			if (rc)
				break;
			if (!rid_is_zero(&k.counsellor_id) && in_term(g, k.date)) {
				g->f.counsellor_talks++;
				g->f.counsellor_minutes += k.minutes;
			}
			rec_free(&talk_desc, &k);
		}
		free(l.v);
	}
	return rc;
}

static void gather_free(struct gather *g)
{
	for (size_t i = 0; i < g->n; i++) {
		rec_free(&pairing_desc, &g->ps[i].p);
		free(g->ps[i].member_class);
		free(g->ps[i].member_branch);
		free(g->ps[i].tier);
		free(g->ps[i].target_name);
	}
	free(g->ps);
	rec_free(&college_desc, &g->c);
	rec_free(&semester_desc, &g->s);
}

static int gather(model_txn *t, const char *college_name, const char *semester_code,
		  struct gather *g, err *e)
{
	int rc;
	memset(g, 0, sizeof *g);
	g->t = t;
	g->e = e;
	if ((rc = college_by_name(t, college_name, &g->c, e)) != 0)
		return rc == 1 ? err_set(e, E_INPUT, _("no college called %s"), college_name) : rc;
	if ((rc = semester_by_code(t, semester_code, &g->s, e)) != 0) {
		rec_free(&college_desc, &g->c);
		memset(&g->c, 0, sizeof g->c);
		return rc == 1 ? err_set(e, E_INPUT, _("no semester %s"), semester_code) : rc;
	}
	keybuf k;
	key_init(&k);
	key_id(&k, &g->c.m.id);
	key_id(&k, &g->s.m.id);
	if ((rc = st_scan(t, IX_PAIRING_COLLEGE, key_bytes(&k), take_pairing, g, e)) != 0)
		return rc;

	summary_facts *f = &g->f;
	rid *members = xcalloc(g->n + 1, sizeof *members);
	rid *targets = xcalloc(g->n + 1, sizeof *targets);
	f->pairings = g->n;
	for (size_t i = 0; !rc && i < g->n; i++) {
		struct pinfo *pi = &g->ps[i];
		members[i] = pi->p.member_id;
		targets[i] = pi->p.target_id;
		if (pi->p.end)
			f->ended++;
		student st;
		if ((rc = student_get(t, &pi->p.member_id, &st, e)) > 1)
			break;
		if (rc == 0) {
			pi->member_class = xstrdup(st.class_name ? st.class_name : "");
			pi->member_full = member_category_of(st.political) == MEMBER_FULL;
			rec_free(&student_desc, &st);
		}
		member mb;
		if ((rc = member_of_student(t, &pi->p.member_id, &mb, e)) > 1)
			break;
		if (rc == 0) {
			pi->member_branch = xstrdup(mb.branch ? mb.branch : "");
			rec_free(&member_desc, &mb);
		}
		if ((rc = student_get(t, &pi->p.target_id, &st, e)) > 1)
			break;
		if (rc == 0) {
			pi->target_name = xstrdup(st.name ? st.name : "");
			if (rid_cmp(&st.college_id, &pi->p.college_id) != 0)
				f->cross_college++;
			rec_free(&student_desc, &st);
		}
		target tg;
		if ((rc = target_of_student(t, &pi->p.target_id, &tg, e)) > 1)
			break;
		if (rc == 0) {
			pi->kinds = tg.kinds;
			pi->tier = xstrdup(tg.tier ? tg.tier : "");
			rec_free(&target_desc, &tg);
		}
		rc = gather_talks(g, pi);
		if (!rc)
			rc = gather_aid(g, pi);
		if (!rc && pi->talks)
			f->pairings_talked++;
		/* Each pairing's talks lie on pages of their own: let go of
		 * them now and then, so that a big college does not keep the
		 * file's pages resident (as export dump does). */
		if (i % 16 == 15)
			model_release_pages(model_of(t));
	}
	/* Students of each kind: each assisted student once (a student may
	 * have had two pairings in a semester: one ended, one new). */
	if (!rc) {
		f->members = distinct(members, g->n);
		f->targets = distinct(targets, g->n);
		for (size_t i = 0; i < g->n; i++) {
			bool first = true;
			for (size_t j = 0; j < i; j++)
				if (rid_cmp(&g->ps[j].p.target_id, &g->ps[i].p.target_id) == 0)
					first = false;
			if (!first)
				continue;
			f->kind_academic += !!(g->ps[i].kinds & KIND_ACADEMIC);
			f->kind_financial += !!(g->ps[i].kinds & KIND_FINANCIAL);
			f->kind_psych += !!(g->ps[i].kinds & KIND_PSYCH);
		}
		rc = gather_counsellor_talks(g, targets, g->n);
	}
	free(members);
	free(targets);
	if (!rc) {
		overdue_row *rows = NULL;
		size_t n = 0;
		f->overdue_days = (int)college_overdue_days(&g->c);
		rc = model_overdue(t, &g->c.m.id, 0, date_today(), &rows, &n, e);
		for (size_t i = 0; !rc && i < n; i++)
			for (size_t j = 0; j < g->n; j++)
				if (rid_cmp(&rows[i].pairing_id, &g->ps[j].p.m.id) == 0) {
					g->ps[j].overdue = true;
					g->ps[j].overdue_days = rows[i].days;
					f->overdue++;
				}
		free(rows);
	}
	return rc;
}

int summary_facts_get(model_txn *t, const char *college_name, const char *semester_code,
		      summary_facts *out, err *e)
{
	struct gather g;
	int rc = gather(t, college_name, semester_code, &g, e);
	if (!rc)
		*out = g.f;
	gather_free(&g);
	return rc;
}

/* ---- typical cases ----------------------------------------------------- */

struct names {
	char **full, **anon;
	size_t n, cap;
	rid *people;               /* the pairings' members and students, sorted */
	size_t npeople;
};

static void names_add(struct names *ns, const char *full)
{
	if (!full || text_zishu(full) < 2)
		return;
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? ns->cap * 2 : 64;
		ns->full = xrealloc(ns->full, ns->cap * sizeof *ns->full);
		ns->anon = xrealloc(ns->anon, ns->cap * sizeof *ns->anon);
	}
	ns->full[ns->n] = xstrdup(full);
	ns->anon[ns->n] = report_anon_name(full);
	ns->n++;
}

static void names_student(struct names *ns, const rid *id, const char *name)
{
	names_add(ns, name);
	/* The given name alone (two characters or more) too, "晓雯说", for the
	 * people of these pairings: they are the ones talks speak of, and a
	 * given name such as 子涵 is not taken from everyone's sentences. */
	if (!bsearch(id, ns->people, ns->npeople, sizeof *ns->people, rid_order))
		return;
	char *anon = report_anon_name(name);
	size_t sl = strlen(anon) - strlen("同学");
	if (name && strlen(name) > sl && text_zishu(name + sl) >= 2) {
		if (ns->n == ns->cap) {
			ns->cap = ns->cap * 2;
			ns->full = xrealloc(ns->full, ns->cap * sizeof *ns->full);
			ns->anon = xrealloc(ns->anon, ns->cap * sizeof *ns->anon);
		}
		ns->full[ns->n] = xstrdup(name + sl);
		ns->anon[ns->n] = xstrdup(anon);
		ns->n++;
	}
	free(anon);
}

struct names_scan {
	struct names *ns;
	unsigned name_no;
	err *e;
	model_store *st;
	size_t seen;
};

/* Every student's name, read straight out of the stored values
 * (rec_peek_text): the scrubbing needs the names of the whole database, not
 * its students decoded. */
static int names_each(bytes key, bytes val, void *ctx)
{
	struct names_scan *sc = ctx;
	const uint8_t *b = val.data;
	bytes nm;
	char buf[512];
	rid id;
	if (key.len != sizeof id.b || val.len < VALUE_HEADER || (b[1] & REC_DELETED))
		return 0;
	int rc = rec_peek_text(val.data, val.len, sc->name_no, &nm, sc->e);
	if (rc == 1)
		return 0;
	if (rc)
		return rc;
	if (nm.len >= sizeof buf)
		nm.len = sizeof buf - 1;
	memcpy(buf, nm.data, nm.len);
	buf[nm.len] = 0;
	memcpy(id.b, key.data, sizeof id.b);
	names_student(sc->ns, &id, buf);
	/* A scan over every student maps the file's pages in as it goes (and
	 * the kernel maps their neighbours too): let go of them now and then. */
	if (++sc->seen % 4096 == 0)
		model_release_pages(sc->st);
	return 0;
}

static void names_free(struct names *ns)
{
	for (size_t i = 0; i < ns->n; i++) {
		free(ns->full[i]);
		free(ns->anon[i]);
	}
	free(ns->full);
	free(ns->anon);
	free(ns->people);
}

enum { QUOTE_MAX_CHARS = 90, QUOTES_PER_CASE = 3, CASES = 2 };

/* A talk's content made fit to quote: no names (every student's full name
 * and given name become 张同学), no numbers of 7 or more digits, one line,
 * at most QUOTE_MAX_CHARS characters, no final full stop. malloc'd. */
static char *quote_text(const char *content, const struct names *ns)
{
	char *s = xstrdup(content);
	/* Longest names first, so that 欧阳思远 goes before 思远. */
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < ns->n; i++) {
			bool full = text_zishu(ns->full[i]) >= 3;
			if ((pass == 0) == full)
				replace_all(&s, ns->full[i], ns->anon[i]);
		}
	scrub_digits(s);
	replace_all(&s, "\r\n", "，");
	replace_all(&s, "\n", "，");
	replace_all(&s, "\r", "，");
	replace_all(&s, ",，", "，");
	replace_all(&s, "，，", "，");
	replace_all(&s, "。，", "，");
	/* Cut at a character boundary. */
	const char *p = s;
	size_t chars = 0;
	while (*p && chars < QUOTE_MAX_CHARS) {
		utf8_next(&p);
		chars++;
	}
	if (*p) {
		size_t at = (size_t)(p - s);
		s = xrealloc(s, at + sizeof "……");
		strcpy(s + at, "……");
	}
	size_t l = strlen(s);
	while (l >= 3 && (strcmp(s + l - 3, "。") == 0 || strcmp(s + l - 3, "；") == 0 ||
			  strcmp(s + l - 3, "，") == 0)) {
		l -= 3;
		s[l] = 0;
	}
	while (l && (s[l - 1] == '.' || s[l - 1] == ' ')) 
		s[--l] = 0;
	return s;
}

static int case_record(struct gather *g, const struct pinfo *pi, const struct names *ns,
		       char **out)
{
	struct ids l = { 0 };
	int rc = st_scan(g->t, IX_TALK_PAIRING, (bytes){ pi->p.m.id.b, sizeof pi->p.m.id.b },
			 take_last_id, &l, g->e);
	/* IX_TALK_PAIRING is in date order: the quotable talks, oldest first. */
	talk *ks = xcalloc(l.n + 1, sizeof *ks);
	size_t nk = 0;
	for (size_t i = 0; !rc && i < l.n; i++) {
		rc = talk_get(g->t, &l.v[i], &ks[nk], g->e);
		if (rc == 1) {
			rc = 0;
			continue;
		}
		if (rc)
			break;
		talk *k = &ks[nk];
		/* Never a talk about 心理 (DOMAIN.md, privacy). */
		if (in_term(g, k->date) && !rid_is_zero(&k->member_id) && !(k->topics & TOPIC_PSYCH) &&
		    k->content && *k->content)
			nk++;
		else
			rec_free(&talk_desc, k);
	}
	struct sb b = { 0 };
	if (!rc && nk) {
		/* First, middle and last: the course of the pairing. */
		size_t pick[QUOTES_PER_CASE], np = 0;
		pick[np++] = 0;
		if (nk > 2)
			pick[np++] = nk / 2;
		if (nk > 1)
			pick[np++] = nk - 1;
		for (size_t i = 0; i < np; i++) {
			char *md = month_day(ks[pick[i]].date);
			char *qt = quote_text(ks[pick[i]].content, ns);
			sb_puts(&b, i ? "；" : "");
			sb_puts(&b, md);
			sb_puts(&b, "，");
			sb_puts(&b, qt);
			free(md);
			free(qt);
		}
		sb_puts(&b, "。");
	}
	for (size_t i = 0; i < nk; i++)
		rec_free(&talk_desc, &ks[i]);
	free(ks);
	free(l.v);
	*out = sb_take(&b);
	return rc;
}

/* The pairings to tell about: most quotable talks first; students with the
 * kind 心理困难 are left out altogether; the second case of another kind
 * than the first when there is one. */
static size_t pick_cases(const struct gather *g, size_t out[CASES])
{
	size_t n = 0;
	for (int round = 0; round < CASES; round++) {
		size_t best = (size_t)-1;
		for (size_t i = 0; i < g->n; i++) {
			const struct pinfo *pi = &g->ps[i];
			bool taken = false;
			for (size_t j = 0; j < n; j++)
				taken |= out[j] == i;
			if (taken || !pi->eligible || (pi->kinds & KIND_PSYCH))
				continue;
			if (n && pi->kinds == g->ps[out[0]].kinds) {
				/* another kind is preferred: only if none exists */
				bool other = false;
				for (size_t j = 0; j < g->n; j++)
					if (j != out[0] && g->ps[j].eligible &&
					    !(g->ps[j].kinds & KIND_PSYCH) &&
					    g->ps[j].kinds != g->ps[out[0]].kinds)
						other = true;
				if (other)
					continue;
			}
			if (best == (size_t)-1 || pi->eligible > g->ps[best].eligible)
				best = i;
		}
		if (best == (size_t)-1)
			break;
		out[n++] = best;
	}
	return n;
}

/* ---- the draft -------------------------------------------------------- */

static int pct(size_t a, size_t b)
{
	return b ? (int)((a * 100 + b / 2) / b) : 0;
}

static int class_order(const void *x, const void *y)
{
	const struct pinfo *const *a = x, *const *b = y;
	return strcmp((*a)->member_class ? (*a)->member_class : "",
		      (*b)->member_class ? (*b)->member_class : "");
}

static int overdue_order(const void *x, const void *y)
{
	const struct pinfo *const *a = x, *const *b = y;
	if ((*a)->overdue_days != (*b)->overdue_days)
		return (*a)->overdue_days > (*b)->overdue_days ? -1 : 1;
	return rid_cmp(&(*a)->p.m.id, &(*b)->p.m.id);
}

enum { OVERDUE_LISTED = 10 };

static int draft_vars(struct gather *g, tpl_vars *v)
{
	summary_facts *f = &g->f;
	char buf[256], longname[64];
	int rc = 0;

	semester_long_name(g->s.code, longname);
	tpl_set(v, "college", g->c.name);
	tpl_set(v, "semester", g->s.code);
	tpl_set(v, "semester_name", longname);
	char *today = month_day(date_today());
	int ty, tm, td;
	date_ymd(date_today(), &ty, &tm, &td);
	tpl_setf(v, "today", "%d年%s", ty, today);
	free(today);

	tpl_set_num(v, "pairings", (long long)f->pairings);
	tpl_set_num(v, "members", (long long)f->members);
	tpl_set_num(v, "targets", (long long)f->targets);
	tpl_set_num(v, "kind_academic", (long long)f->kind_academic);
	tpl_set_num(v, "kind_financial", (long long)f->kind_financial);
	tpl_set_num(v, "kind_psych", (long long)f->kind_psych);
	tpl_set_num(v, "cross_college", (long long)f->cross_college);
	tpl_set_num(v, "ended", (long long)f->ended);
	tpl_set_num(v, "talks", (long long)f->talks);
	tpl_set_num(v, "minutes", f->minutes);
	tpl_set_num(v, "hours", (f->minutes + 30) / 60);
	tpl_setf(v, "talks_per_pair", "%.1f", f->pairings ? (double)f->talks / f->pairings : 0.0);
	tpl_set_num(v, "minutes_per_talk", f->talks ? (f->minutes + (long long)f->talks / 2) / (long long)f->talks : 0);
	tpl_set_num(v, "topic_study", (long long)f->topic_study);
	tpl_set_num(v, "topic_life", (long long)f->topic_life);
	tpl_set_num(v, "topic_thought", (long long)f->topic_thought);
	tpl_set_num(v, "topic_psych", (long long)f->topic_psych);
	tpl_set_num(v, "mode_face", (long long)f->mode_face);
	tpl_set_num(v, "mode_phone", (long long)f->mode_phone);
	tpl_set_num(v, "mode_online", (long long)f->mode_online);
	tpl_set_num(v, "pairings_talked", (long long)f->pairings_talked);
	tpl_set_num(v, "talked_percent", pct(f->pairings_talked, f->pairings));
	tpl_set_num(v, "not_talked", (long long)(f->pairings - f->pairings_talked));
	tpl_set_num(v, "counsellor_talks", (long long)f->counsellor_talks);
	tpl_set_num(v, "counsellor_minutes", f->counsellor_minutes);
	size_t aid_n = f->aid_count[0] + f->aid_count[1] + f->aid_count[2];
	tpl_set_num(v, "aid_count", (long long)aid_n);
	char *y = yuan(f->aid_total_fen);
	tpl_set(v, "aid_total", y);
	free(y);
	static const char *const aid_names[] = { "aid_money", "aid_daily", "aid_study" };
	struct sb kinds = { 0 };
	for (int j = 0; j < 3; j++) {
		char *yy = yuan(f->aid_fen[j]);
		snprintf(buf, sizeof buf, "%s_count", aid_names[j]);
		tpl_set_num(v, buf, (long long)f->aid_count[j]);
		snprintf(buf, sizeof buf, "%s_yuan", aid_names[j]);
		tpl_set(v, buf, yy);
		if (f->aid_count[j]) {
			char *part = xasprintf("%s%s%zu次、计%s元", kinds.n ? "，" : "",
					       aid_kind_values[j], f->aid_count[j], yy);
			sb_puts(&kinds, part);
			free(part);
		}
		free(yy);
	}
	char *ks = sb_take(&kinds);
	tpl_set(v, "aid_by_kind", ks);
	free(ks);

	/* Active pairings on time; overdue ones, most overdue first. */
	size_t active = 0;
	for (size_t i = 0; i < g->n; i++)
		active += pairing_active_on(&g->ps[i].p, date_today());
	tpl_set_num(v, "active", (long long)active);
	tpl_set_num(v, "on_time", (long long)(active - f->overdue));
	tpl_set_num(v, "on_time_percent", pct(active - f->overdue, active));
	tpl_set_num(v, "overdue", (long long)f->overdue);
	tpl_set_num(v, "overdue_days", f->overdue_days);
	struct pinfo **od = xcalloc(g->n + 1, sizeof *od);
	size_t nod = 0;
	for (size_t i = 0; i < g->n; i++)
		if (g->ps[i].overdue)
			od[nod++] = &g->ps[i];
	qsort(od, nod, sizeof *od, overdue_order);
	struct sb ol = { 0 };
	for (size_t i = 0; i < nod && i < OVERDUE_LISTED; i++) {
		char *an = report_anon_name(od[i]->target_name);
		char *part = xasprintf("%s%s%d天", i ? "、" : "", an, od[i]->overdue_days);
		sb_puts(&ol, part);
		free(part);
		free(an);
	}
	if (nod > OVERDUE_LISTED)
		sb_puts(&ol, "等");
	char *ols = sb_take(&ol);
	tpl_set(v, "overdue_list", ols);
	free(ols);
	free(od);

	/* Members by category and branch, each member once; tiers of the
	 * financially struggling students, each student once. */
	size_t full = 0, prob = 0;
	const char *branches[16];
	size_t nbr[16], nb = 0, tiers[3] = { 0 };
	for (size_t i = 0; i < g->n; i++) {
		struct pinfo *pi = &g->ps[i];
		bool seen_m = false, seen_t = false;
		for (size_t j = 0; j < i; j++) {
			seen_m |= rid_cmp(&g->ps[j].p.member_id, &pi->p.member_id) == 0;
			seen_t |= rid_cmp(&g->ps[j].p.target_id, &pi->p.target_id) == 0;
		}
		if (!seen_t && (pi->kinds & KIND_FINANCIAL) && pi->tier)
			for (int k = 0; k < 3; k++)
				if (strcmp(pi->tier, tier_values[k]) == 0)
					tiers[k]++;
		if (seen_m)
			continue;
		if (pi->member_full)
			full++;
		else
			prob++;
		if (!pi->member_branch || !*pi->member_branch)
			continue;
		size_t k;
		for (k = 0; k < nb; k++)
			if (strcmp(branches[k], pi->member_branch) == 0)
				break;
		if (k == nb && nb < 16) {
			branches[nb] = pi->member_branch;
			nbr[nb++] = 0;
		}
		if (k < nb)
			nbr[k]++;
	}
	tpl_set_num(v, "members_full", (long long)full);
	tpl_set_num(v, "members_prob", (long long)prob);
	struct sb brl = { 0 };
	for (size_t k = 0; k < nb; k++) {
		char *part = xasprintf("%s%s%zu名", k ? "、" : "", branches[k], nbr[k]);
		sb_puts(&brl, part);
		free(part);
	}
	char *brs = sb_take(&brl);
	tpl_set(v, "by_branch", brs);
	free(brs);
	struct sb tl = { 0 };
	for (int k = 0; k < 3; k++)
		if (tiers[k]) {
			char *part = xasprintf("%s%s%zu名", tl.n ? "、" : "", tier_values[k], tiers[k]);
			sb_puts(&tl, part);
			free(part);
		}
	char *tls = sb_take(&tl);
	tpl_set(v, "tier_list", tls);
	free(tls);

	/* Pairings by the member's class. */
	struct pinfo **bc = xcalloc(g->n + 1, sizeof *bc);
	for (size_t i = 0; i < g->n; i++)
		bc[i] = &g->ps[i];
	qsort(bc, g->n, sizeof *bc, class_order);
	struct sb cl = { 0 };
	size_t nclasses = 0;
	for (size_t i = 0; i < g->n;) {
		size_t j = i;
		while (j < g->n && strcmp(bc[j]->member_class ? bc[j]->member_class : "",
					  bc[i]->member_class ? bc[i]->member_class : "") == 0)
			j++;
		const char *cn = bc[i]->member_class && *bc[i]->member_class ? bc[i]->member_class : "未填班级";
		size_t cl_len = strlen(cn);
		bool has_ban = cl_len >= 3 && strcmp(cn + cl_len - 3, "班") == 0;
		char *part = xasprintf("%s%s%s%zu对", nclasses ? "、" : "", cn, has_ban ? "" : "班",
				       j - i);
		sb_puts(&cl, part);
		free(part);
		nclasses++;
		i = j;
	}
	char *cls = sb_take(&cl);
	tpl_set(v, "by_class", nclasses > 1 ? cls : "");
	tpl_set_num(v, "classes", (long long)nclasses);
	free(cls);
	free(bc);

	/* Talks by month, in the semester's order. */
	struct sb ml = { 0 };
	int sy, sm, sd, ey, em, ed;
	date_ymd(g->s.start, &sy, &sm, &sd);
	date_ymd(g->s.end, &ey, &em, &ed);
	size_t nmonths = 0;
	for (int m = sm, yy = sy; yy < ey || (yy == ey && m <= em);) {
		if (g->months[m]) {
			char *part = xasprintf("%s%d月%zu次", nmonths ? "、" : "", m, g->months[m]);
			sb_puts(&ml, part);
			free(part);
			nmonths++;
		}
		if (++m > 12) {
			m = 1;
			yy++;
		}
	}
	char *mls = sb_take(&ml);
	tpl_set(v, "by_month", nmonths > 1 ? mls : "");
	free(mls);

	/* Typical cases. */
	size_t cases[CASES];
	size_t nc = pick_cases(g, cases);
	struct names ns = { 0 };
	ns.people = xcalloc(2 * g->n + 1, sizeof *ns.people);
	for (size_t i = 0; i < g->n; i++) {
		ns.people[ns.npeople++] = g->ps[i].p.member_id;
		ns.people[ns.npeople++] = g->ps[i].p.target_id;
	}
	qsort(ns.people, ns.npeople, sizeof *ns.people, rid_order);
	if (nc) {
		struct names_scan sc = { &ns, rec_field(&student_desc, "name")->no, g->e,
					 model_of(g->t), 0 };
		rc = st_scan(g->t, DB_STUDENT, (bytes){ "", 0 }, names_each, &sc, g->e);
		model_release_pages(model_of(g->t));
	}
	for (size_t i = 0; i < CASES; i++) {
		char key[32];
		snprintf(key, sizeof key, "case%zu", i + 1);
		if (rc || i >= nc) {
			tpl_set(v, key, "");
			continue;
		}
		struct pinfo *pi = &g->ps[cases[i]];
		char *an = report_anon_name(pi->target_name);
		char kb[128], *since = month_day(pi->p.start), *record = NULL;
		kinds_format(pi->kinds, kb, sizeof kb);
		rc = case_record(g, pi, &ns, &record);
		tpl_set(v, key, "1");
		snprintf(key, sizeof key, "case%zu_student", i + 1);
		tpl_set(v, key, an);
		snprintf(key, sizeof key, "case%zu_kinds", i + 1);
		tpl_set(v, key, kb);
		snprintf(key, sizeof key, "case%zu_since", i + 1);
		tpl_set(v, key, since);
		snprintf(key, sizeof key, "case%zu_talks", i + 1);
		tpl_set_num(v, key, (long long)pi->talks);
		snprintf(key, sizeof key, "case%zu_minutes", i + 1);
		tpl_set_num(v, key, pi->minutes);
		snprintf(key, sizeof key, "case%zu_record", i + 1);
		tpl_set(v, key, record ? record : "");
		free(an);
		free(since);
		free(record);
	}
	/* Names of unused cases, so that the template may mention them. */
	for (size_t i = nc; i < CASES; i++) {
		static const char *const parts[] = { "student", "kinds", "since", "talks",
						     "minutes", "record" };
		for (size_t j = 0; j < sizeof parts / sizeof *parts; j++) {
			char key[32];
			snprintf(key, sizeof key, "case%zu_%s", i + 1, parts[j]);
			tpl_set(v, key, "");
		}
	}
	names_free(&ns);
	return rc;
}

/* Markdown keeps the template's "#" headings; text drops the marks. */
static char *to_text(const char *md)
{
	struct sb b = { 0 };
	const char *p = md;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);
		const char *q = p;
		if (*q == '#') {
			while (*q == '#')
				q++;
			if (*q == ' ')
				q++;
			else
				q = p;
		}
		char *line = xmalloc(len + 1);
		memcpy(line, q, len - (size_t)(q - p));
		line[len - (size_t)(q - p)] = 0;
		sb_puts(&b, line);
		free(line);
		p += len;
	}
	return sb_take(&b);
}

/* Blank lines: at most one in a row, none at the start or end. */
static char *tidy(const char *s)
{
	struct sb b = { 0 };
	int blank = 2;
	const char *p = s;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		bool empty = true;
		for (size_t i = 0; i < len; i++)
			if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
				empty = false;
		if (empty) {
			blank++;
		} else {
			if (blank == 1 || (blank > 1 && b.n))
				sb_puts(&b, "\n");
			char *line = xmalloc(len + 2);
			memcpy(line, p, len);
			line[len] = '\n';
			line[len + 1] = 0;
			sb_puts(&b, line);
			free(line);
			blank = 0;
		}
		p += len + (nl ? 1 : 0);
	}
	return sb_take(&b);
}

int summary_draft(model_txn *t, const char *tpl_path, const char *college_name,
		  const char *semester_code, summary_format fmt, char **out, err *e)
{
	char *src = NULL, *md = NULL;
	struct gather g;
	int rc = report_read_file(tpl_path, &src, e);
	if (rc)
		return rc;
	rc = gather(t, college_name, semester_code, &g, e);
	if (!rc) {
		tpl_vars *v = tpl_vars_new();
		rc = draft_vars(&g, v);
		if (!rc)
			rc = tpl_expand(src, tpl_path, v, &md, e);
		tpl_vars_free(v);
	}
	gather_free(&g);
	free(src);
	if (rc)
		return rc;
	char *shaped = fmt == SUMMARY_MD ? xstrdup(md) : to_text(md);
	free(md);
	*out = tidy(shaped);
	free(shaped);
	return 0;
}

char *summary_note(size_t zishu)
{
	if (zishu >= SUMMARY_MIN_ZISHU)
		return xasprintf("（本稿正文共%zu字）", zishu);
	return xasprintf("（本稿正文共%zu字，距%d字还差%zu字：数据不足，请补充具体情况，不以套话凑字数）",
			 zishu, (int)SUMMARY_MIN_ZISHU, (size_t)SUMMARY_MIN_ZISHU - zishu);
}
