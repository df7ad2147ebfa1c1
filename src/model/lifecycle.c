#include "config.h"
/* lifecycle.c — the life of records after they are made: a pairing's
 * semesters and its ending, the current semester and starting the next,
 * and corrections (delete as a tombstone, undelete). */
#include "model/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/text.h"

/* ---- a pairing's semesters and its end --------------------------------- */

bool pairing_in_semester(const pairing *p, const semester *s)
{
	return p->start && s->start && s->end && p->start <= s->end &&
		(p->end == 0 || p->end >= s->start);
}

/* Replaces the text field *f by v (NULL leaves it, "" clears it). */
static void put_text(char **f, const char *v)
{
	if (!v)
		return;
	free(*f);
	*f = xstrdup(v);
}

int pairing_end(store_txn *t, const rid *id, uint32_t rev, const pairing_ending *x, pairing *out,
		err *e)
{
	pairing p;
	int rc = pairing_get(t, id, &p, e);
	if (rc)
		return rc;
	if (rev)
		p.m.rev = rev;     /* a stale one is refused by the write */
	if (!x->date)
		rc = model_bad(e, "end", "%s", _("required"));
	else if (!x->outcome || !*x->outcome)
		rc = model_bad(e, "outcome", "%s", _("required"));
	if (!rc) {
		p.end = x->date;
		put_text(&p.outcome, x->outcome);
		put_text(&p.end_note, x->note);
		put_text(&p.assessment, x->assessment);
		put_text(&p.failed_start, x->failed_start);
		put_text(&p.failed_end, x->failed_end);
		put_text(&p.gpa_start, x->gpa_start);
		put_text(&p.gpa_end, x->gpa_end);
		rc = pairing_save(t, &p, e);
	}
	rec_free(&pairing_desc, &p);
	if (!rc && out)
		rc = pairing_get(t, id, out, e);   /* as stored: canonical spellings */
	return rc;
}

/* ---- the current semester ---------------------------------------------- */

#define CURRENT_KEY "semester.current"

int model_current_setting_get(store_txn *t, char *buf, size_t n, err *e)
{
	bytes v;
	int rc = st_get(t, DB_META, (bytes){ CURRENT_KEY, strlen(CURRENT_KEY) }, &v, e);
	if (rc)
		return rc;
	if (v.len == 0 || v.len >= n || memchr(v.data, 0, v.len) || !utf8_valid(v.data, v.len))
		return err_set(e, E_DB, "%s", _("corrupt current semester in the database"));
	memcpy(buf, v.data, v.len);
	buf[v.len] = 0;
	return 0;
}

struct latest_ctx {
	date_t today;
	date_t start;
	char code[SEMESTER_CODE_MAX];
};

static int latest_begun(const void *rec, void *ctx)
{
	const semester *s = rec;
	struct latest_ctx *l = ctx;
	if (s->start && s->start <= l->today && s->start > l->start && s->code &&
	    strlen(s->code) < sizeof l->code) {
		l->start = s->start;
		snprintf(l->code, sizeof l->code, "%s", s->code);
	}
	return 0;
}

int model_semester_current(store_txn *t, char *buf, size_t n, err *e)
{
	int rc = model_current_setting_get(t, buf, n, e);
	if (rc != E_NOTFOUND)
		return rc;
	/* none made current yet: the latest semester that has begun, so that
	 * a semester stays current until the next one is started */
	struct latest_ctx l = { .today = date_today() };
	if ((rc = st_rec_each(t, DB_SEMESTER, &semester_desc, latest_begun, &l, e)) != 0)
		return rc;
	if (l.start) {
		snprintf(buf, n, "%s", l.code);
		return 0;
	}
	char code[12];
	semester_of(l.today, code);
	snprintf(buf, n, "%s", code);
	return 0;
}

int model_semester_set_current(store_txn *t, const char *code, err *e)
{
	semester s;
	int rc = semester_by_code(t, code, &s, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "semester", _("no semester %s"), code);
	if (rc)
		return rc;
	rc = st_put(t, DB_META, (bytes){ CURRENT_KEY, strlen(CURRENT_KEY) },
		    (bytes){ s.code, strlen(s.code) }, e);
	rec_free(&semester_desc, &s);
	return rc;
}

void semester_next_code(const char *code, char *buf, size_t n)
{
	semester_span sp;
	if (!semester_parse(code, &sp)) {
		snprintf(buf, n, "%s", "");
		return;
	}
	if (sp.term == 1)
		snprintf(buf, n, "%04d-%04d-2", sp.first_year, sp.first_year + 1);
	else
		snprintf(buf, n, "%04d-%04d-1", sp.first_year + 1, sp.first_year + 2);
}

int semester_start(store_txn *t, const char *code, const semester *dates, semester *out, err *e)
{
	semester s;
	char *clean = model_key_text(code);
	int rc = semester_by_code(t, clean, &s, e);
	if (rc == E_NOTFOUND) {
		semester_defaults(clean, &s);
		s.code = clean;
		clean = NULL;
		rc = 0;
	}
	free(clean);
	if (rc)
		return rc;
	if (dates) {
		if (dates->start)
			s.start = dates->start;
		if (dates->end)
			s.end = dates->end;
		if (dates->roster_due)
			s.roster_due = dates->roster_due;
		if (dates->summary_due)
			s.summary_due = dates->summary_due;
	}
	rc = semester_save(t, &s, e);
	if (!rc)
		rc = model_semester_set_current(t, s.code, e);
	rid id = s.m.id;
	rec_free(&semester_desc, &s);
	if (!rc && out)
		rc = semester_get(t, &id, out, e);
	return rc;
}

date_t semester_leave_day(const semester *s, date_t pairing_start, date_t today)
{
	date_t d = s->start ? s->start - 1 : today;
	if (d > today)
		d = today;
	return d < pairing_start ? pairing_start : d;
}

struct carry_ctx {
	const semester *s;
	pairing_fn fn;
	void *ctx;
};

static bool carries_into(const pairing *p, const semester *s)
{
	return p->start && p->start < s->start && (p->end == 0 || p->end >= s->start);
}

static int carry_one(const pairing *p, void *ctx)
{
	struct carry_ctx *c = ctx;
	return carries_into(p, c->s) ? c->fn(p, c->ctx) : 0;
}

static int carry_rec(const void *rec, void *ctx)
{
	return carry_one(rec, ctx);
}

int pairings_carried_into(store_txn *t, const semester *s, const rid *college_id,
			  pairing_fn fn, void *ctx, err *e)
{
	struct carry_ctx c = { s, fn, ctx };
	if (college_id)
		return pairings_in_college(t, college_id, carry_one, &c, e);
	return st_rec_each(t, DB_PAIRING, &pairing_desc, carry_rec, &c, e);
}

int model_semester_review_due(store_txn *t, date_t today, bool *due, char *next, size_t n,
			      err *e)
{
	char code[SEMESTER_CODE_MAX];
	semester s;
	*due = false;
	if (n)
		next[0] = 0;
	int rc = model_semester_current(t, code, sizeof code, e);
	if (rc)
		return rc;
	rc = semester_by_code(t, code, &s, e);
	if (rc == E_NOTFOUND) {
		semester_defaults(code, &s);
		rc = 0;
	} else if (rc) {
		return rc;
	}
	*due = s.end && today > s.end;
	rec_free(&semester_desc, &s);
	semester_next_code(code, next, n);
	return 0;
}

/* ---- corrections --------------------------------------------------------- */

int model_get_any(store_txn *t, const record_desc *d, const rid *id, void *rec, err *e)
{
	return st_rec_get_any(t, model_ops_of(d)->db, d, id, rec, e);
}

int model_each_deleted(store_txn *t, const record_desc *d, model_rec_fn fn, void *ctx, err *e)
{
	return st_rec_each_deleted(t, model_ops_of(d)->db, d, fn, ctx, e);
}

/* Whether db (an index keyed id | ...) has an entry under id. */
static int has_under(store_txn *t, int db, const rid *id, bool *out, err *e)
{
	store_cursor *c;
	bytes k, v;
	int rc = st_cursor_open(t, db, &c, e);
	if (rc)
		return rc;
	rc = st_seek(c, (bytes){ id->b, sizeof id->b }, &k, &v);
	*out = rc == 0 && k.len >= sizeof id->b && memcmp(k.data, id->b, sizeof id->b) == 0;
	st_cursor_close(c);
	if (rc && rc != ST_END)
		return err_set(e, E_DB, _("cannot read the index %s"), model_db_names[db]);
	return 0;
}

/* Scans the live records of an entity for one whose id field at off
 * equals want. */
struct refers_ctx {
	size_t off;
	const rid *want;
	bool found;
};

enum { REFERS_FOUND = 1 };

static int refers_one(const void *rec, void *ctx)
{
	struct refers_ctx *r = ctx;
	if (rid_cmp((const rid *)((const char *)rec + r->off), r->want) == 0) {
		r->found = true;
		return REFERS_FOUND;
	}
	return 0;
}

static int refers(store_txn *t, const entity_ops *ops, size_t off, const rid *want, bool *out,
		  err *e)
{
	struct refers_ctx r = { off, want, false };
	int rc = st_rec_each(t, ops->db, ops->desc, refers_one, &r, e);
	*out = r.found;
	return rc == REFERS_FOUND ? 0 : rc;
}

/* A refusal: "cannot delete RECORD: REASON". */
static int refuse(store_txn *t, const entity_ops *ops, const void *rec, const char *why, err *e)
{
	char label[320];
	model_label_text(t, ops->desc, rec, label, sizeof label);
	return err_set(e, E_INPUT, _("cannot delete %s: %s"), label, why);
}

/* The dependents that forbid deleting rec (a live record of ops). */
static int dependents(store_txn *t, const entity_ops *ops, const void *rec, err *e)
{
	const rec_meta *m = rec;
	bool has = false;
	int rc = 0;
	if (ops == &college_ops) {
		if (!(rc = has_under(t, IX_STUDENT_COLLEGE, &m->id, &has, e)) && has)
			return refuse(t, ops, rec, _("it has students (delete or move them first)"), e);
		if (!(rc = has_under(t, IX_PAIRING_COLLEGE, &m->id, &has, e)) && has)
			return refuse(t, ops, rec, _("it has pairings"), e);
		if (!rc && !(rc = refers(t, &counsellor_ops, offsetof(counsellor, college_id), &m->id,
					 &has, e)) && has)
			return refuse(t, ops, rec, _("it has counsellors"), e);
	} else if (ops == &semester_ops) {
		if (!(rc = refers(t, &pairing_ops, offsetof(pairing, semester_id), &m->id, &has, e)) &&
		    has)
			return refuse(t, ops, rec, _("pairings were made in it"), e);
		if (!rc && !(rc = refers(t, &summary_ops, offsetof(summary, semester_id), &m->id, &has,
					 e)) && has)
			return refuse(t, ops, rec, _("it has a summary"), e);
	} else if (ops == &student_ops) {
		if (!(rc = has_under(t, IX_PAIRING_MEMBER, &m->id, &has, e)) && has)
			return refuse(t, ops, rec, _("the student helps in a pairing"), e);
		if (!(rc = has_under(t, IX_PAIRING_TARGET, &m->id, &has, e)) && has)
			return refuse(t, ops, rec, _("the student is assisted in a pairing"), e);
		if (!(rc = has_under(t, IX_TALK_TARGET, &m->id, &has, e)) && has)
			return refuse(t, ops, rec, _("the student has talks"), e);
	} else if (ops == &counsellor_ops) {
		if (!(rc = refers(t, &talk_ops, offsetof(talk, counsellor_id), &m->id, &has, e)) && has)
			return refuse(t, ops, rec, _("the counsellor has recorded talks"), e);
	} else if (ops == &member_ops) {
		return refuse(t, ops, rec,
			      _("a member profile follows the political status: change that instead"),
			      e);
	} else if (ops == &target_ops) {
		const target *g = rec;
		if (!(rc = has_under(t, IX_PAIRING_TARGET, &g->student_id, &has, e)) && has)
			return refuse(t, ops, rec, _("the student is assisted in a pairing"), e);
		if (!(rc = has_under(t, IX_TALK_TARGET, &g->student_id, &has, e)) && has)
			return refuse(t, ops, rec, _("the student has talks"), e);
	} else if (ops == &pairing_ops) {
		if (!(rc = has_under(t, IX_TALK_PAIRING, &m->id, &has, e)) && has)
			return refuse(t, ops, rec, _("it has talks (end the pairing instead)"), e);
		if (!(rc = has_under(t, IX_AID_PAIRING, &m->id, &has, e)) && has)
			return refuse(t, ops, rec, _("it has aid records (end the pairing instead)"), e);
	}
	return rc;
}

/* Marks rec (live, as stored) deleted and writes it: the index entries go. */
static int tombstone(store_txn *t, const entity_ops *ops, void *rec, err *e)
{
	const record_desc *d = ops->desc;
	void *was = xcalloc(1, d->size);
	rec_copy(d, was, rec);
	memcpy(was, rec, sizeof(rec_meta));
	((rec_meta *)rec)->flags |= REC_DELETED;
	int rc = model_put(t, ops, rec, was, e);
	rec_free(d, was);
	free(was);
	return rc;
}

/* A student's live profile (member or target) goes with the student. */
static int drop_profile(store_txn *t, const entity_ops *ops, const rid *student_id, err *e)
{
	void *p = xcalloc(1, ops->desc->size);
	int rc = ops == &member_ops ? member_of_student(t, student_id, p, e)
				    : target_of_student(t, student_id, p, e);
	if (rc == 0) {
		rc = tombstone(t, ops, p, e);
		rec_free(ops->desc, p);
	}
	free(p);
	return rc == E_NOTFOUND ? 0 : rc;
}

static int load_live(store_txn *t, const entity_ops *ops, const rid *id, void **out, err *e)
{
	*out = xcalloc(1, ops->desc->size);
	int rc = st_rec_get(t, ops->db, ops->desc, id, *out, e);
	if (rc) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

static void drop(const record_desc *d, void *rec)
{
	if (rec) {
		rec_free(d, rec);
		free(rec);
	}
}

int model_delete_check(store_txn *t, const record_desc *d, const rid *id, err *e)
{
	const entity_ops *ops = model_ops_of(d);
	void *rec;
	int rc = load_live(t, ops, id, &rec, e);
	if (rc)
		return rc;
	rc = dependents(t, ops, rec, e);
	drop(d, rec);
	return rc;
}

int model_delete(store_txn *t, const record_desc *d, const rid *id, uint32_t rev, err *e)
{
	const entity_ops *ops = model_ops_of(d);
	void *rec;
	int rc = load_live(t, ops, id, &rec, e);
	if (rc)
		return rc;
	if (rev)
		((rec_meta *)rec)->rev = rev;  /* a stale one is refused by the write */
	rc = dependents(t, ops, rec, e);
	if (!rc && ops == &student_ops)
		rc = drop_profile(t, &member_ops, id, e);
	if (!rc && ops == &student_ops)
		rc = drop_profile(t, &target_ops, id, e);
	if (!rc)
		rc = tombstone(t, ops, rec, e);
	drop(d, rec);
	return rc;
}

/* The newest tombstone of a profile of a student (member or target). */
struct profile_ctx {
	const entity_ops *ops;
	const rid *student;
	void *best;            /* a copy, or NULL */
};

static int newest_profile(const void *rec, void *ctx)
{
	struct profile_ctx *p = ctx;
	const rid *sid = p->ops == &member_ops ? &((const member *)rec)->student_id
					       : &((const target *)rec)->student_id;
	const rec_meta *m = rec;
	if (rid_cmp(sid, p->student) != 0)
		return 0;
	if (p->best && ((rec_meta *)p->best)->updated_at > m->updated_at)
		return 0;
	drop(p->ops->desc, p->best);
	p->best = xcalloc(1, p->ops->desc->size);
	rec_copy(p->ops->desc, p->best, rec);
	memcpy(p->best, rec, sizeof(rec_meta));
	return 0;
}

/* Brings back rec (a tombstone as stored) after the rules passed: what
 * model_save does without the after step. */
static int revive(store_txn *t, const entity_ops *ops, void *rec, void **fixed, err *e)
{
	((rec_meta *)rec)->flags &= (uint8_t)~REC_DELETED;
	*fixed = xcalloc(1, ops->desc->size);
	int rc = model_try(t, ops, rec, *fixed, e);
	if (!rc)
		rc = model_put(t, ops, *fixed, NULL, e);
	return rc;
}

/* A student's profiles come back with the student, when the student still
 * wants them (a member profile only for a party member; a live one made
 * meanwhile wins). */
static int revive_profile(store_txn *t, const entity_ops *ops, const student *s, err *e)
{
	struct profile_ctx p = { ops, &s->m.id, NULL };
	void *live = xcalloc(1, ops->desc->size);
	int rc = ops == &member_ops ? member_of_student(t, &s->m.id, live, e)
				    : target_of_student(t, &s->m.id, live, e);
	if (rc == 0)
		rec_free(ops->desc, live);
	free(live);
	if (rc != E_NOTFOUND)
		return rc;
	if (ops == &member_ops && !political_is_member(s->political))
		return 0;
	rc = st_rec_each_deleted(t, ops->db, ops->desc, newest_profile, &p, e);
	if (!rc && p.best) {
		void *fixed = NULL;
		rc = revive(t, ops, p.best, &fixed, e);
		drop(ops->desc, fixed);
	}
	drop(ops->desc, p.best);
	return rc;
}

int model_undelete(store_txn *t, const record_desc *d, const rid *id, err *e)
{
	const entity_ops *ops = model_ops_of(d);
	void *rec = xcalloc(1, d->size), *fixed = NULL;
	int rc = st_rec_get_any(t, ops->db, d, id, rec, e);
	if (rc) {
		free(rec);
		return rc;
	}
	if (!(((rec_meta *)rec)->flags & REC_DELETED)) {
		drop(d, rec);
		return E_NOTFOUND;     /* no such tombstone: it is live */
	}
	rc = revive(t, ops, rec, &fixed, e);
	if (!rc && ops == &student_ops)
		rc = revive_profile(t, &member_ops, fixed, e);
	if (!rc && ops == &student_ops)
		rc = revive_profile(t, &target_ops, fixed, e);
	if (!rc && ops->after)
		rc = ops->after(t, fixed, NULL, e);
	drop(d, fixed);
	drop(d, rec);
	return rc;
}
