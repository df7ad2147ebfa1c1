#include "config.h"
/* facts.c — the facts of a college's semester summary (facts.h): counted
 * from the records of the college's pairings made in the semester, their
 * talks and aid within the semester's dates, and the counsellors' talks with
 * their students. The typical cases are chosen here too, under the privacy
 * rules of privacy.c.
 *
 * Memory stays flat on a big database: talks of other terms are told by
 * their index key alone (no record read), and the mapped pages are let go
 * of every 16 pairings (and every 4096 students while names are read). */
#include "model/facts.h"

#include <stdlib.h>
#include <string.h>

#include "model/internal.h"
#include "util/i18n.h"

/* What the summary needs of one pairing. */
struct pinfo {
	pairing p;
	uint32_t kinds;
	char *tier;
	char *member_class, *member_branch;
	bool member_full;            /* 中共党员 (else 预备) */
	char *target_name;
	size_t talks, eligible;      /* members' talks; quotable ones */
	long long minutes;
	date_t last_talk;            /* the last talk of the pairing on or before asof */
	bool ended, active;          /* at asof */
	bool overdue;
	int overdue_days;
	bool first_member, first_target;  /* the first pairing of its member, of its student */
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

static int take_pairing(const pairing *p, void *ctx)
{
	struct gather *g = ctx;
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 32;
		g->ps = xrealloc(g->ps, g->cap * sizeof *g->ps);
	}
	struct pinfo *pi = &g->ps[g->n++];
	memset(pi, 0, sizeof *pi);
	rec_copy(&pairing_desc, &pi->p, p);
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

/* Collects the record id at the end of each index key. */
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

/* The ids under a record's id in an index whose keys are id | date | id. */
static int ids_under(struct gather *g, int db, const rid *id, struct ids *out)
{
	*out = (struct ids){ 0 };
	return st_scan(g->t, db, (bytes){ id->b, sizeof id->b }, take_last_id, out, g->e);
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

/* ---- the numbers ------------------------------------------------------ */

static void count_talk(struct gather *g, struct pinfo *pi, const talk *k)
{
	summary_facts *f = &g->f;
	int y, m, d;
	f->talks++;
	pi->talks++;
	f->minutes += k->minutes;
	pi->minutes += k->minutes;
	f->topic_study += !!(k->topics & TOPIC_STUDY);
	f->topic_life += !!(k->topics & TOPIC_LIFE);
	f->topic_thought += !!(k->topics & TOPIC_THOUGHT);
	f->topic_psych += !!(k->topics & TOPIC_PSYCH);
	if (k->mode && strcmp(k->mode, mode_values[0]) == 0)
		f->mode_face++;
	else if (k->mode && strcmp(k->mode, mode_values[1]) == 0)
		f->mode_phone++;
	else if (k->mode && strcmp(k->mode, mode_values[2]) == 0)
		f->mode_online++;
	date_ymd(k->date, &y, &m, &d);
	g->months[m]++;
	if (talk_quotable(k))
		pi->eligible++;
}

/* A members' talk of the pairing within the semester. */
static bool case_talk(const struct gather *g, const talk *k)
{
	return in_term(g, k->date) && !rid_is_zero(&k->member_id);
}

static int gather_talks(struct gather *g, struct pinfo *pi)
{
	struct ids l;
	int rc = ids_under(g, IX_TALK_PAIRING, &pi->p.m.id, &l);
	for (size_t i = 0; !rc && i < l.n; i++) {
		talk k;
		rc = talk_get(g->t, &l.v[i], &k, g->e);
		if (rc == E_NOTFOUND) {
			rc = 0;
			continue;
		}
		if (rc)
			break;
		if (case_talk(g, &k))
			count_talk(g, pi, &k);
		if (k.date <= g->f.asof && k.date > pi->last_talk)
			pi->last_talk = k.date;
		rec_free(&talk_desc, &k);
	}
	free(l.v);
	return rc;
}

static int gather_aid(struct gather *g, struct pinfo *pi)
{
	struct ids l;
	int rc = ids_under(g, IX_AID_PAIRING, &pi->p.m.id, &l);
	for (size_t i = 0; !rc && i < l.n; i++) {
		aid a;
		rc = aid_get(g->t, &l.v[i], &a, g->e);
		if (rc == E_NOTFOUND) {
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

/* Counsellors' talks with one assisted student in the semester. */
static int gather_counsellor_talks_of(struct gather *g, const rid *student_id)
{
	struct term_ids ti = { { 0 }, g };
	int rc = st_scan(g->t, IX_TALK_TARGET, (bytes){ student_id->b, sizeof student_id->b },
			 take_term_id, &ti, g->e);
	for (size_t j = 0; !rc && j < ti.l.n; j++) {
		talk k;
		rc = talk_get(g->t, &ti.l.v[j], &k, g->e);
		if (rc == E_NOTFOUND) {
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
	free(ti.l.v);
	return rc;
}

/* Counsellors' talks with the assisted students of these pairings (sorted
 * ids, each student once). */
static int gather_counsellor_talks(struct gather *g, const rid *targets, size_t n)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		if (i && rid_cmp(&targets[i], &targets[i - 1]) == 0)
			continue;
		rc = gather_counsellor_talks_of(g, &targets[i]);
		if (i % 16 == 15)
			model_release_pages(model_of(g->t));
	}
	return rc;
}

/* The people of one pairing: the member's class, category and branch; the
 * student's name, college, kinds and tier. */
static int gather_people(struct gather *g, struct pinfo *pi)
{
	model_txn *t = g->t;
	student st;
	member mb;
	target tg;
	int rc;
	if ((rc = student_get(t, &pi->p.member_id, &st, g->e)) != 0 && rc != E_NOTFOUND)
		return rc;
	if (rc == 0) {
		pi->member_class = xstrdup(st.class_name ? st.class_name : "");
		pi->member_full = member_category_of(st.political) == MEMBER_FULL;
		rec_free(&student_desc, &st);
	}
	if ((rc = member_of_student(t, &pi->p.member_id, &mb, g->e)) != 0 && rc != E_NOTFOUND)
		return rc;
	if (rc == 0) {
		pi->member_branch = xstrdup(mb.branch ? mb.branch : "");
		rec_free(&member_desc, &mb);
	}
	if ((rc = student_get(t, &pi->p.target_id, &st, g->e)) != 0 && rc != E_NOTFOUND)
		return rc;
	if (rc == 0) {
		pi->target_name = xstrdup(st.name ? st.name : "");
		if (rid_cmp(&st.college_id, &pi->p.college_id) != 0)
			g->f.cross_college++;
		rec_free(&student_desc, &st);
	}
	if ((rc = target_of_student(t, &pi->p.target_id, &tg, g->e)) != 0 && rc != E_NOTFOUND)
		return rc;
	if (rc == 0) {
		pi->kinds = tg.kinds;
		pi->tier = xstrdup(tg.tier ? tg.tier : "");
		rec_free(&target_desc, &tg);
	}
	return 0;
}

struct first {
	rid id;
	size_t i;
};

static int first_order(const void *x, const void *y)
{
	const struct first *a = x, *b = y;
	int c = rid_cmp(&a->id, &b->id);
	return c ? c : a->i < b->i ? -1 : a->i > b->i;
}

/* Marks the pairings that are the first of their member (first_member) and
 * of their assisted student (first_target) in id order. */
static void mark_firsts(struct gather *g)
{
	struct first *v = xcalloc(g->n + 1, sizeof *v);
	for (int side = 0; side < 2; side++) {
		for (size_t i = 0; i < g->n; i++)
			v[i] = (struct first){ side ? g->ps[i].p.target_id : g->ps[i].p.member_id, i };
		qsort(v, g->n, sizeof *v, first_order);
		for (size_t i = 0; i < g->n; i++) {
			bool first = !i || rid_cmp(&v[i].id, &v[i - 1].id) != 0;
			if (side)
				g->ps[v[i].i].first_target = first;
			else
				g->ps[v[i].i].first_member = first;
		}
	}
	free(v);
}

/* Students of each kind and of each tier, each assisted student once (a
 * student may have had two pairings in a semester: one ended, one new);
 * members by category, each once. */
static void count_people(struct gather *g)
{
	summary_facts *f = &g->f;
	mark_firsts(g);
	for (size_t i = 0; i < g->n; i++) {
		const struct pinfo *pi = &g->ps[i];
		if (pi->first_member) {
			if (pi->member_full)
				f->members_full++;
			else
				f->members_prob++;
		}
		if (!pi->first_target)
			continue;
		f->kind_academic += !!(pi->kinds & KIND_ACADEMIC);
		f->kind_financial += !!(pi->kinds & KIND_FINANCIAL);
		f->kind_psych += !!(pi->kinds & KIND_PSYCH);
		if ((pi->kinds & KIND_FINANCIAL) && pi->tier)
			for (int k = 0; k < 3; k++)
				if (strcmp(pi->tier, tier_values[k]) == 0)
					f->tiers[k]++;
	}
}

/* Each pairing ended or active at asof, told once: ended when its end
 * date is on or before asof, active when it has started and not ended; an
 * active one is overdue when its last talk up to asof (or its start) lies
 * more than the college's days before asof (pairing_status_on). */
static void count_status(struct gather *g)
{
	summary_facts *f = &g->f;
	f->overdue_days = (int)college_overdue_days(&g->c);
	for (size_t i = 0; i < g->n; i++) {
		struct pinfo *pi = &g->ps[i];
		pi->ended = pi->p.end && pi->p.end <= f->asof;
		pi->active = !pi->ended && pi->p.start && pi->p.start <= f->asof;
		f->ended += pi->ended;
		f->active += pi->active;
		if (!pi->active)
			continue;
		pairing_status st;
		pairing_status_on(&pi->p, f->asof, pi->last_talk, f->overdue_days, NULL, &st);
		if (st.overdue) {
			pi->overdue = true;
			pi->overdue_days = st.days;
			f->overdue++;
		}
	}
}

/* Everything of each pairing, then the counts over them all. */
static int gather_pairings(struct gather *g)
{
	summary_facts *f = &g->f;
	rid *members = xcalloc(g->n + 1, sizeof *members);
	rid *targets = xcalloc(g->n + 1, sizeof *targets);
	int rc = 0;
	f->pairings = g->n;
	for (size_t i = 0; !rc && i < g->n; i++) {
		struct pinfo *pi = &g->ps[i];
		members[i] = pi->p.member_id;
		targets[i] = pi->p.target_id;
		rc = gather_people(g, pi);
		if (!rc)
			rc = gather_talks(g, pi);
		if (!rc)
			rc = gather_aid(g, pi);
		if (!rc && pi->talks)
			f->pairings_talked++;
		/* Each pairing's talks lie on pages of their own: let go of
		 * them now and then, so that a big college does not keep the
		 * file's pages resident (as export dump does). */
		if (i % 16 == 15)
			model_release_pages(model_of(g->t));
	}
	if (!rc) {
		f->members = distinct(members, g->n);
		f->targets = distinct(targets, g->n);
		count_people(g);
		rc = gather_counsellor_talks(g, targets, g->n);
	}
	free(members);
	free(targets);
	if (!rc)
		count_status(g);
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
		return rc == E_NOTFOUND ? err_set(e, E_INPUT, _("no college called %s"), college_name)
					: rc;
	if ((rc = semester_by_code(t, semester_code, &g->s, e)) != 0) {
		rec_free(&college_desc, &g->c);
		memset(&g->c, 0, sizeof g->c);
		return rc == E_NOTFOUND ? err_set(e, E_INPUT, _("no semester %s"), semester_code) : rc;
	}
	date_t today = date_today();
	g->f.past = g->s.end && g->s.end < today;
	g->f.asof = g->f.past ? g->s.end : today;
	if ((rc = pairings_of_college(t, &g->c.m.id, &g->s.m.id, take_pairing, g, e)) != 0)
		return rc;
	return gather_pairings(g);
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

/* ---- the lists -------------------------------------------------------- */

static summary_tally *tally_add(summary_tally **v, size_t *n, const char *name)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[*n] = (summary_tally){ xstrdup(name), 0 };
	return &(*v)[(*n)++];
}

enum { BRANCHES_MAX = 16 };

/* Members by branch, each member once, in the order met. */
static void list_branches(const struct gather *g, summary_detail *d)
{
	for (size_t i = 0; i < g->n; i++) {
		const struct pinfo *pi = &g->ps[i];
		const char *br = pi->member_branch;
		if (!pi->first_member || !br || !*br)
			continue;
		size_t k;
		for (k = 0; k < d->nbranches; k++)
			if (strcmp(d->branches[k].name, br) == 0)
				break;
		if (k < d->nbranches)
			d->branches[k].n++;
		else if (d->nbranches < BRANCHES_MAX)
			tally_add(&d->branches, &d->nbranches, br)->n++;
	}
}

static const char *class_of(const struct pinfo *pi)
{
	return pi->member_class ? pi->member_class : "";
}

static int class_order(const void *x, const void *y)
{
	const struct pinfo *const *a = x, *const *b = y;
	return strcmp(class_of(*a), class_of(*b));
}

/* Pairings by the member's class. */
static void list_classes(const struct gather *g, summary_detail *d)
{
	const struct pinfo **bc = xcalloc(g->n + 1, sizeof *bc);
	for (size_t i = 0; i < g->n; i++)
		bc[i] = &g->ps[i];
	qsort(bc, g->n, sizeof *bc, class_order);
	for (size_t i = 0; i < g->n;) {
		size_t j = i;
		while (j < g->n && strcmp(class_of(bc[j]), class_of(bc[i])) == 0)
			j++;
		tally_add(&d->classes, &d->nclasses, class_of(bc[i]))->n = j - i;
		i = j;
	}
	free(bc);
}

/* Talks by month, in the semester's order. */
static void list_months(const struct gather *g, summary_detail *d)
{
	int sy, sm, sd, ey, em, ed;
	date_ymd(g->s.start, &sy, &sm, &sd);
	date_ymd(g->s.end, &ey, &em, &ed);
	for (int m = sm, y = sy; y < ey || (y == ey && m <= em);) {
		if (g->months[m]) {
			d->months = xrealloc(d->months, (d->nmonths + 1) * sizeof *d->months);
			d->months[d->nmonths++] = (summary_month){ m, g->months[m] };
		}
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
}

static int late_order(const void *x, const void *y)
{
	const struct pinfo *const *a = x, *const *b = y;
	if ((*a)->overdue_days != (*b)->overdue_days)
		return (*a)->overdue_days > (*b)->overdue_days ? -1 : 1;
	return rid_cmp(&(*a)->p.m.id, &(*b)->p.m.id);
}

/* Overdue pairings, most overdue first. */
static void list_late(const struct gather *g, summary_detail *d)
{
	const struct pinfo **od = xcalloc(g->n + 1, sizeof *od);
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++)
		if (g->ps[i].overdue)
			od[n++] = &g->ps[i];
	qsort(od, n, sizeof *od, late_order);
	d->late = xcalloc(n + 1, sizeof *d->late);
	for (size_t i = 0; i < n; i++)
		d->late[i] = (summary_late){ privacy_anon_name(od[i]->target_name),
					     od[i]->overdue_days };
	d->nlate = n;
	free(od);
}

/* ---- typical cases ---------------------------------------------------- */

static bool may_be_case(const struct pinfo *pi)
{
	return pi->eligible && target_may_be_case(pi->kinds);
}

/* Whether some pairing other than first, that may be a case, is of
 * another kind than first. */
static bool other_kind_exists(const struct gather *g, size_t first)
{
	for (size_t j = 0; j < g->n; j++)
		if (j != first && may_be_case(&g->ps[j]) && g->ps[j].kinds != g->ps[first].kinds)
			return true;
	return false;
}

/* The pairings to tell about: most quotable talks first; the second case
 * of another kind than the first when there is one. */
static size_t pick_cases(const struct gather *g, size_t out[SUMMARY_CASES])
{
	size_t n = 0;
	for (int round = 0; round < SUMMARY_CASES; round++) {
		size_t best = (size_t)-1;
		for (size_t i = 0; i < g->n; i++) {
			const struct pinfo *pi = &g->ps[i];
			bool taken = false;
			for (size_t j = 0; j < n; j++)
				taken |= out[j] == i;
			if (taken || !may_be_case(pi))
				continue;
			/* another kind is preferred: this one only if none exists */
			if (n && pi->kinds == g->ps[out[0]].kinds && other_kind_exists(g, out[0]))
				continue;
			if (best == (size_t)-1 || pi->eligible > g->ps[best].eligible)
				best = i;
		}
		if (best == (size_t)-1)
			break;
		out[n++] = best;
	}
	return n;
}

/* The quotable talks of the pairing in the semester (oldest first:
 * IX_TALK_PAIRING is in date order), into *ks (n of them). */
static int quotable_talks(struct gather *g, const struct pinfo *pi, talk **ks, size_t *n)
{
	struct ids l;
	int rc = ids_under(g, IX_TALK_PAIRING, &pi->p.m.id, &l);
	*ks = xcalloc(l.n + 1, sizeof **ks);
	*n = 0;
	for (size_t i = 0; !rc && i < l.n; i++) {
		talk *k = &(*ks)[*n];
		rc = talk_get(g->t, &l.v[i], k, g->e);
		if (rc == E_NOTFOUND) {
			rc = 0;
			continue;
		}
		if (rc)
			break;
		if (case_talk(g, k) && talk_quotable(k))
			(*n)++;
		else
			rec_free(&talk_desc, k);
	}
	free(l.v);
	return rc;
}

/* A case: its numbers, and its first, middle and last quotable talks (the
 * course of the pairing), scrubbed. */
static int take_case(struct gather *g, const struct pinfo *pi, const privacy_names *ns,
		     summary_case *c)
{
	talk *ks;
	size_t nk;
	c->student = privacy_anon_name(pi->target_name);
	c->kinds = pi->kinds;
	c->since = pi->p.start;
	c->talks = pi->talks;
	c->minutes = pi->minutes;
	int rc = quotable_talks(g, pi, &ks, &nk);
	if (!rc && nk) {
		size_t pick[SUMMARY_QUOTES], np = 0;
		pick[np++] = 0;
		if (nk > 2)
			pick[np++] = nk / 2;
		if (nk > 1)
			pick[np++] = nk - 1;
		for (size_t i = 0; i < np; i++)
			c->quotes[i] = (summary_quote){ ks[pick[i]].date,
							privacy_scrub(ns, ks[pick[i]].content) };
		c->nquotes = np;
	}
	for (size_t i = 0; i < nk; i++)
		rec_free(&talk_desc, &ks[i]);
	free(ks);
	return rc;
}

static int take_cases(struct gather *g, summary_detail *d)
{
	size_t cases[SUMMARY_CASES];
	size_t nc = pick_cases(g, cases);
	if (!nc)
		return 0;
	/* The people of these pairings: the quotes speak of them by their
	 * given names too. */
	rid *people = xcalloc(2 * g->n + 1, sizeof *people);
	for (size_t i = 0; i < g->n; i++) {
		people[2 * i] = g->ps[i].p.member_id;
		people[2 * i + 1] = g->ps[i].p.target_id;
	}
	privacy_names *ns = NULL;
	int rc = privacy_names_load(g->t, people, 2 * g->n, &ns, g->e);
	free(people);
	for (size_t i = 0; !rc && i < nc; i++) {
		rc = take_case(g, &g->ps[cases[i]], ns, &d->cases[i]);
		d->ncases = i + 1;
	}
	privacy_names_free(ns);
	return rc;
}

int summary_detail_get(model_txn *t, const char *college_name, const char *semester_code,
		       summary_facts *facts, summary_detail *d, err *e)
{
	struct gather g;
	memset(d, 0, sizeof *d);
	int rc = gather(t, college_name, semester_code, &g, e);
	if (!rc) {
		*facts = g.f;
		d->college = xstrdup(g.c.name ? g.c.name : "");
		d->semester = xstrdup(g.s.code ? g.s.code : "");
		list_branches(&g, d);
		list_classes(&g, d);
		list_months(&g, d);
		list_late(&g, d);
		rc = take_cases(&g, d);
	}
	gather_free(&g);
	return rc;
}

void summary_detail_free(summary_detail *d)
{
	free(d->college);
	free(d->semester);
	for (size_t i = 0; i < d->nbranches; i++)
		free(d->branches[i].name);
	free(d->branches);
	for (size_t i = 0; i < d->nclasses; i++)
		free(d->classes[i].name);
	free(d->classes);
	free(d->months);
	for (size_t i = 0; i < d->nlate; i++)
		free(d->late[i].student);
	free(d->late);
	for (size_t i = 0; i < d->ncases; i++) {
		free(d->cases[i].student);
		for (size_t j = 0; j < d->cases[i].nquotes; j++)
			free(d->cases[i].quotes[j].text);
	}
	memset(d, 0, sizeof *d);
}
