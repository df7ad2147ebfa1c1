#include "config.h"
/* pairing.c — one party member paired with one assisted student, and the
 * programme's pairing rules. */
#include "model/internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

static const field_desc pairing_fields[] = {
	FIELD(1, pairing, member_id, FT_ID),
	FIELD(2, pairing, target_id, FT_ID),
	FIELD(3, pairing, college_id, FT_ID),
	FIELD(4, pairing, semester_id, FT_ID),
	FIELD(5, pairing, start, FT_DATE),
	FIELD(6, pairing, end, FT_DATE),
	FIELD(7, pairing, reason, FT_STR),
	FIELD(8, pairing, note, FT_STR),
	FIELD(9, pairing, outcome, FT_STR),
	FIELD(10, pairing, end_note, FT_STR),
	FIELD(11, pairing, assessment, FT_STR),
	FIELD(12, pairing, failed_start, FT_STR),
	FIELD(13, pairing, failed_end, FT_STR),
	FIELD(14, pairing, gpa_start, FT_STR),
	FIELD(15, pairing, gpa_end, FT_STR),
};
const record_desc pairing_desc = {
	"pairing", sizeof(pairing), pairing_fields,
	sizeof pairing_fields / sizeof *pairing_fields,
};

static size_t pairing_keys(const void *rec, ix_entry out[IX_MAX_PER_RECORD])
{
	const pairing *p = rec;
	out[0].db = IX_PAIRING_MEMBER;
	key_init(&out[0].key);
	key_id(&out[0].key, &p->member_id);
	key_id(&out[0].key, &p->m.id);
	out[0].has_val = false;
	out[1].db = IX_PAIRING_TARGET;
	key_init(&out[1].key);
	key_id(&out[1].key, &p->target_id);
	key_id(&out[1].key, &p->m.id);
	out[1].has_val = false;
	out[2].db = IX_PAIRING_COLLEGE;
	key_init(&out[2].key);
	key_id(&out[2].key, &p->college_id);
	key_id(&out[2].key, &p->semester_id);
	key_id(&out[2].key, &p->m.id);
	out[2].has_val = false;
	return 3;
}

bool pairing_active_on(const pairing *p, date_t d)
{
	return p->start && p->start <= d && (p->end == 0 || d <= p->end);
}

/* A pairing counts as active for the rules until its end date has passed
 * (one that starts later already counts). */
bool pairing_counts_open(const pairing *p, date_t today)
{
	return p->end == 0 || p->end >= today;
}

/* ---- iteration ------------------------------------------------------- */

struct idlist {
	rid *ids;
	size_t n, cap;
};

static int collect_id(bytes key, bytes val, void *ctx)
{
	struct idlist *l = ctx;
	size_t pos = sizeof(rid);
	rid id;
	if (!key_take_id(key, &pos, &id))
		return 0;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->ids = xrealloc(l->ids, l->cap * sizeof *l->ids);
	}
	l->ids[l->n++] = id;
	return 0;
}

/* Calls fn for each live pairing of the list (a pairing gone since is
 * skipped), unless rc (the listing's result) already failed; frees the list. */
static int each_listed(store_txn *t, struct idlist *l, int rc, pairing_fn fn, void *ctx, err *e)
{
	for (size_t i = 0; !rc && i < l->n; i++) {
		pairing p;
		rc = pairing_get(t, &l->ids[i], &p, e);
		if (rc == E_NOTFOUND) {
			rc = 0;
			continue;
		}
		if (rc)
			break;
		rc = fn(&p, ctx);
		rec_free(&pairing_desc, &p);
	}
	free(l->ids);
	return rc;
}

int pairings_of(store_txn *t, int db, const rid *student_id, pairing_fn fn, void *ctx,
		err *e)
{
	struct idlist l = { 0 };
	int rc = st_scan(t, db, (bytes){ student_id->b, sizeof student_id->b }, collect_id, &l, e);
	return each_listed(t, &l, rc, fn, ctx, e);
}

/* ---- rules ----------------------------------------------------------- */

/* The open pairings (pairing_counts_open) of a student in db
 * (IX_PAIRING_MEMBER or IX_PAIRING_TARGET), leaving out the pairing except:
 * the one count the limit rules and the members list use. */
struct overlap_ctx {
	const rid *except;     /* NULL: none */
	const pairing *with;   /* NULL: any; else only pairings whose days overlap its */
	date_t today;
	size_t count;
	bool want_first;
	pairing first;         /* a copy of the first open one (want_first) */
};

/* Whether two pairings run on a common day (an open end runs on). */
static bool days_overlap(const pairing *a, const pairing *b)
{
	return (!b->end || a->start <= b->end) && (!a->end || b->start <= a->end);
}

static int count_overlap(const pairing *q, void *ctx)
{
	struct overlap_ctx *o = ctx;
	if ((o->except && rid_cmp(&q->m.id, o->except) == 0) || !pairing_counts_open(q, o->today))
		return 0;
	if (o->with && !days_overlap(o->with, q))
		return 0;
	if (o->count++ == 0 && o->want_first) {
		memset(&o->first, 0, sizeof o->first);
		rec_copy(&pairing_desc, &o->first, q);
		o->first.m = q->m;
	}
	return 0;
}

static int overlapping(store_txn *t, int db, const rid *who, const rid *except, date_t today,
		       bool want_first, const pairing *with, struct overlap_ctx *o, err *e)
{
	memset(o, 0, sizeof *o);
	o->except = except;
	o->with = with && with->start ? with : NULL;
	o->today = today;
	o->want_first = want_first;
	int rc = pairings_of(t, db, who, count_overlap, o, e);
	if (rc && o->count && want_first)
		rec_free(&pairing_desc, &o->first);
	return rc;
}

int member_open_pairings(store_txn *t, const rid *student_id, const rid *except, date_t today,
			 size_t *n, err *e)
{
	struct overlap_ctx o;
	*n = 0;
	int rc = overlapping(t, IX_PAIRING_MEMBER, student_id, except, today, false, NULL, &o, e);
	if (!rc)
		*n = o.count;
	return rc;
}

int pairing_check_member(store_txn *t, const pairing *p, err *e)
{
	student mem;
	college col;
	int rc = student_get(t, &p->member_id, &mem, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "member", "%s", _("no such student"));
	if (rc)
		return rc;
	if (!political_is_member(mem.political)) {
		rc = model_bad(e, "member", _("%s is not a party member (%s)"),
			       mem.name ? mem.name : "", political_ui_name(mem.political));
		goto out;
	}
	rc = college_get(t, &mem.college_id, &col, e);
	if (rc == E_NOTFOUND)
		rc = model_bad(e, "college", "%s", _("no such college"));
	if (rc)
		goto out;
	int64_t limit = college_pair_limit(&col);
	rec_free(&college_desc, &col);
	struct overlap_ctx o;
	if ((rc = overlapping(t, IX_PAIRING_MEMBER, &p->member_id, &p->m.id, date_today(), false,
			      p, &o, e)))
		goto out;
	size_t open = o.count;
	if ((int64_t)open >= limit)
		rc = model_bad(e, "member",
			       _("%s already has %d active pairing(s); the college allows %lld"),
			       mem.name ? mem.name : "", (int)open, (long long)limit);
out:
	rec_free(&student_desc, &mem);
	return rc;
}

int pairing_check_target(store_txn *t, const pairing *p, err *e)
{
	student tgt;
	target prof;
	struct overlap_ctx o;
	char tname[128], other[128], day[11];
	int rc = student_get(t, &p->target_id, &tgt, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "target", "%s", _("no such student"));
	if (rc)
		return rc;
	snprintf(tname, sizeof tname, "%s", tgt.name ? tgt.name : "");
	rec_free(&student_desc, &tgt);
	rc = target_of_student(t, &p->target_id, &prof, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "target", _("%s has no target profile"), tname);
	if (rc)
		return rc;
	uint32_t kinds = prof.kinds;
	rec_free(&target_desc, &prof);
	if (!kinds)
		return model_bad(e, "target", _("%s has no kind of difficulty"), tname);
	if ((rc = overlapping(t, IX_PAIRING_TARGET, &p->target_id, &p->m.id, date_today(), true,
			      p, &o, e)))
		return rc;
	if (o.count) {
		model_student_label(t, &o.first.member_id, other, sizeof other);
		date_format(o.first.start, day);
		rec_free(&pairing_desc, &o.first);
		return model_bad(e, "target", _("%s already has an active pairing (with %s from %s)"),
				 tname, other, day);
	}
	return 0;
}

/* A count of failed courses: "0".."99". */
static bool failed_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* A GPA: 0 to 5 with at most two decimals ("3", "3.5", "3.25"). */
static bool gpa_ok(const char *s)
{
	const char *p = s;
	if (*p < '0' || *p > '9')
		return false;
	int whole = *p++ - '0';
	int frac = 0, digits = 0;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9' && digits < 3; p++, digits++)
			frac = frac * 10 + (*p - '0');
		if (digits == 0 || digits > 2)
			return false;
	}
	return *p == '\0' && (whole < 5 || (whole == 5 && frac == 0));
}

static bool set(const char *s)
{
	return s && *s;
}

/* How the pairing ended (pairing_end): an outcome only with an end date,
 * known outcome and assessment, well-formed figures, and failed courses
 * and GPA only for an assisted student of the kind 学业困难. */
static int ending_validate(store_txn *t, const pairing *p, err *e)
{
	static const struct {
		const char *name;
		size_t off;
		bool gpa;
	} figures[] = {
		{ "failed_start", offsetof(pairing, failed_start), false },
		{ "failed_end", offsetof(pairing, failed_end), false },
		{ "gpa_start", offsetof(pairing, gpa_start), true },
		{ "gpa_end", offsetof(pairing, gpa_end), true },
	};
	bool any = false;
	int rc;
	if ((rc = model_choice_ok(e, "outcome", outcome_values, p->outcome, false))
	    || (rc = model_choice_ok(e, "assessment", assessment_values, p->assessment, false))
	    || (rc = model_text(e, "end_note", p->end_note, 2000, false)))
		return rc;
	if (set(p->outcome) && !p->end)
		return model_bad(e, "end", "%s", _("required with an outcome"));
	for (size_t i = 0; i < sizeof figures / sizeof *figures; i++) {
		const char *v = *(char *const *)((const char *)p + figures[i].off);
		if (!set(v))
			continue;
		any = true;
		if (figures[i].gpa ? !gpa_ok(v) : !failed_ok(v))
			return model_bad(e, figures[i].name,
					 figures[i].gpa ? _("\"%s\" is not a GPA (0 to 5, like 2.75)")
							: _("\"%s\" is not a number of courses (0 to 99)"),
					 v);
	}
	if (!any || rid_is_zero(&p->target_id))
		return 0;
	target g;
	rc = target_of_student(t, &p->target_id, &g, e);
	if (rc && rc != E_NOTFOUND)
		return rc;
	uint32_t kinds = rc ? 0 : g.kinds;
	if (!rc)
		rec_free(&target_desc, &g);
	if (!(kinds & KIND_ACADEMIC))
		return model_bad(e, set(p->failed_start) || set(p->failed_end) ? "failed_start" : "gpa_start",
				 "%s", _("failed courses and GPA are recorded only for 学业困难"));
	return 0;
}

/* The first and last dates under a pairing in db (IX_TALK_PAIRING or
 * IX_AID_PAIRING: pairing | date | id); both 0 if none. */
static int dated_span(store_txn *t, int db, const rid *pid, date_t *first, date_t *last, err *e)
{
	store_cursor *c;
	bytes k, v;
	*first = *last = 0;
	int rc = st_cursor_open(t, db, &c, e);
	if (rc)
		return rc;
	rc = st_seek(c, (bytes){ pid->b, sizeof pid->b }, &k, &v);
	if (rc == 0 && k.len > sizeof pid->b && memcmp(k.data, pid->b, sizeof pid->b) == 0) {
		size_t pos = sizeof pid->b;
		int32_t d;
		if (key_take_i32(k, &pos, &d))
			*first = d;
	}
	st_cursor_close(c);
	if (rc && rc != ST_END)
		return err_set(e, E_DB, _("cannot read the index %s"), model_db_names[db]);
	return *first ? model_last_date(t, db, pid, last, e) : 0;
}

/* A pairing's days must hold its talks and aid: a start moved after them
 * or an end before them would leave them outside their pairing. */
static int keeps_its_records(store_txn *t, const pairing *p, err *e)
{
	static const int dbs[] = { IX_TALK_PAIRING, IX_AID_PAIRING };
	if (rid_is_zero(&p->m.id))
		return 0;
	for (size_t i = 0; i < 2; i++) {
		date_t first, last;
		char day[11];
		int rc = dated_span(t, dbs[i], &p->m.id, &first, &last, e);
		if (rc)
			return rc;
		if (first && p->start > first) {
			date_format(first, day);
			return model_bad(e, "start",
					 dbs[i] == IX_TALK_PAIRING
						 ? _("the pairing has a talk on %s, before this start")
						 : _("the pairing has aid on %s, before this start"),
					 day);
		}
		if (last && p->end && p->end < last) {
			date_format(last, day);
			return model_bad(e, "end",
					 dbs[i] == IX_TALK_PAIRING
						 ? _("the pairing has a talk on %s, after this end")
						 : _("the pairing has aid on %s, after this end"),
					 day);
		}
	}
	return 0;
}

/* A student of another college than the helper's needs a reason. */
static int reason_rule(store_txn *t, const pairing *p, err *e)
{
	student mem, tgt;
	int rc = student_get(t, &p->member_id, &mem, e);
	if (rc)
		return rc == E_NOTFOUND ? 0 : rc;
	rc = student_get(t, &p->target_id, &tgt, e);
	if (rc) {
		rec_free(&student_desc, &mem);
		return rc == E_NOTFOUND ? 0 : rc;
	}
	if (rid_cmp(&tgt.college_id, &mem.college_id) != 0 && (!p->reason || !*p->reason))
		rc = model_bad(e, "reason", _("%s is from another college than %s: give a reason"),
			       tgt.name ? tgt.name : "", mem.name ? mem.name : "");
	rec_free(&student_desc, &mem);
	rec_free(&student_desc, &tgt);
	return rc;
}

/* How far ahead of today a pairing may be made to start (DOMAIN). */
enum { PAIRING_AHEAD_DAYS = 30 };

/* A pairing starts within the days of the semester it is made in
 * (DOMAIN: it is kept as its first). */
static int start_in_semester(const pairing *p, const semester *s, err *e)
{
	char day[11], from[11], to[11];
	if (!p->start || (p->start >= s->start && p->start <= s->end))
		return 0;
	date_format(p->start, day);
	date_format(s->start, from);
	date_format(s->end, to);
	return model_bad(e, "start", _("%s is outside the semester %s (%s to %s)"), day,
			 s->code ? s->code : "", from, to);
}

/* ... and not more than PAIRING_AHEAD_DAYS after today. */
static int start_not_far_ahead(const pairing *p, err *e)
{
	char day[11];
	if (p->start <= date_today() + PAIRING_AHEAD_DAYS)
		return 0;
	date_format(p->start, day);
	return model_bad(e, "start", _("%s is more than %d days ahead of today"), day,
			 (int)PAIRING_AHEAD_DAYS);
}

/* The pairing's semester: its dates hold the start. */
static int semester_rule(store_txn *t, const pairing *p, err *e)
{
	semester s;
	if (rid_is_zero(&p->semester_id))
		return model_bad(e, "semester", "%s", _("required"));
	int rc = semester_get(t, &p->semester_id, &s, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "semester", "%s", _("no such semester"));
	if (rc)
		return rc;
	rc = start_in_semester(p, &s, e);
	rec_free(&semester_desc, &s);
	return rc;
}

/* pairing_validate; with new_semester, the semester is one the same save
 * creates (pairing_check_new_semester) and its id is not looked at. */
static int validate_in(store_txn *t, const pairing *p, bool new_semester, err *e)
{
	student mem, tgt;
	int rc;
	bool open = pairing_counts_open(p, date_today());

	if ((rc = model_text(e, "reason", p->reason, 500, false))
	    || (rc = model_text(e, "note", p->note, 2000, false))
	    || (rc = ending_validate(t, p, e)))
		return rc;
	if (!p->start)
		return model_bad(e, "start", "%s", _("required"));
	if (p->end && p->end < p->start)
		return model_bad(e, "end", "%s", _("is before the start"));
	if ((rc = start_not_far_ahead(p, e)))
		return rc;
	if ((rc = keeps_its_records(t, p, e)))
		return rc;
	if (rid_is_zero(&p->member_id))
		return model_bad(e, "member", "%s", _("required"));
	if (rid_is_zero(&p->target_id))
		return model_bad(e, "target", "%s", _("required"));
	if (rid_cmp(&p->member_id, &p->target_id) == 0)
		return model_bad(e, "target", "%s", _("a member cannot be paired with themself"));
	if (!new_semester && (rc = semester_rule(t, p, e)))
		return rc;

	rc = student_get(t, &p->member_id, &mem, e);
	if (rc == E_NOTFOUND)
		return model_bad(e, "member", "%s", _("no such student"));
	if (rc)
		return rc;
	rc = student_get(t, &p->target_id, &tgt, e);
	if (rc == E_NOTFOUND)
		rc = model_bad(e, "target", "%s", _("no such student"));
	if (rc) {
		rec_free(&student_desc, &mem);
		return rc;
	}
	bool college_ok = rid_cmp(&p->college_id, &mem.college_id) == 0;
	rec_free(&student_desc, &mem);
	rec_free(&student_desc, &tgt);

	/* The one-to-one rules concern pairings that are still active; an ended
	 * pairing is history. */
	if (open && (rc = pairing_check_member(t, p, e)))
		return rc;
	if (open && (rc = pairing_check_target(t, p, e)))
		return rc;
	if (!college_ok)
		return model_bad(e, "college", "%s", _("must be the member's college"));
	return reason_rule(t, p, e);
}

/* The helper's, the student's and the reason's rules, each on its own
 * (model_check_all): a helper who is no party member does not hide that
 * the student is already paired. */
static size_t pairing_more(store_txn *t, const void *rec, err *out, size_t max)
{
	const pairing *p = rec;
	size_t n = 0;
	if (!pairing_counts_open(p, date_today()))
		return 0;
	if (n < max && !rid_is_zero(&p->member_id) && pairing_check_member(t, p, &out[n]) == E_INPUT)
		n++;
	if (n < max && !rid_is_zero(&p->target_id) && pairing_check_target(t, p, &out[n]) == E_INPUT)
		n++;
	if (n < max && !rid_is_zero(&p->member_id) && !rid_is_zero(&p->target_id)
	    && reason_rule(t, p, &out[n]) == E_INPUT)
		n++;
	return n;
}

int pairing_validate(store_txn *t, const pairing *p, err *e)
{
	return validate_in(t, p, false, e);
}

static int validate_v(store_txn *t, const void *rec, err *e)
{
	return pairing_validate(t, rec, e);
}

static int validate_new_semester(store_txn *t, const void *rec, err *e)
{
	return validate_in(t, rec, true, e);
}

static void pairing_label(store_txn *t, const void *rec, char *buf, size_t n)
{
	const pairing *p = rec;
	char a[128], b[128], day[11];
	model_student_label(t, &p->member_id, a, sizeof a);
	model_student_label(t, &p->target_id, b, sizeof b);
	date_format(p->start, day);
	snprintf(buf, n, "pairing %s -> %s (from %s)", a, b, day);
}

/* The pairing's college is always its member's. */
static int pairing_fix(store_txn *t, void *work, const void *old, err *e)
{
	pairing *p = work;
	student mem;
	(void)old;
	model_canon(outcome_values, &p->outcome);
	model_canon(assessment_values, &p->assessment);
	int rc = rid_is_zero(&p->member_id) ? E_NOTFOUND : student_get(t, &p->member_id, &mem, e);
	if (rc == 0) {
		p->college_id = mem.college_id;
		rec_free(&student_desc, &mem);
	}
	return rc == E_NOTFOUND ? 0 : rc;
}

const entity_ops pairing_ops = {
	.desc = &pairing_desc,
	.db = DB_PAIRING,
	.keys = pairing_keys,
	.validate = validate_v,
	.label = pairing_label,
	.fix = pairing_fix,
	.after = NULL,
	.more = pairing_more,
};

int pairing_save(store_txn *t, pairing *p, err *e)
{
	return model_save(t, &pairing_ops, p, e);
}

int pairing_check(store_txn *t, const pairing *in, pairing *fixed, err *e)
{
	return model_try(t, &pairing_ops, in, fixed, e);
}

int pairing_check_new_semester(store_txn *t, const pairing *in, const char *code,
			       pairing *fixed, err *e)
{
	entity_ops ops = pairing_ops;
	ops.validate = validate_new_semester;
	int rc = semester_check_code(t, code, e);
	if (rc) {
		if (fixed)
			memset(fixed, 0, sizeof *fixed);
		return rc == E_INPUT ? model_bad(e, "semester", "%s", err_text(e)) : rc;
	}
	pairing work;
	rc = model_try(t, &ops, in, &work, e);
	if (rc == 0) {
		/* the semester the save would make: its dates hold the start */
		semester s;
		char *clean = model_key_text(code);
		semester_defaults(clean, &s);
		s.code = clean;
		rc = start_in_semester(&work, &s, e);
		free(clean);
	}
	if (fixed)
		*fixed = work;
	else
		rec_free(&pairing_desc, &work);
	return rc;
}

int pairing_get(store_txn *t, const rid *id, pairing *out, err *e)
{
	return st_rec_get(t, DB_PAIRING, &pairing_desc, id, out, e);
}

struct find_ctx {
	const rid *member;     /* NULL: any */
	date_t day;
	pairing *out;
};

/* find_one's answer when it has the pairing: stops pairings_of. */
enum { FIND_FOUND = 1 };

static int find_one(const pairing *p, void *ctx)
{
	struct find_ctx *f = ctx;
	if (f->member && rid_cmp(&p->member_id, f->member) != 0)
		return 0;
	if (!pairing_active_on(p, f->day))
		return 0;
	memset(f->out, 0, sizeof *f->out);
	rec_copy(&pairing_desc, f->out, p);
	f->out->m = p->m;
	return FIND_FOUND;
}

int pairing_active_of_target(store_txn *t, const rid *target_student, pairing *out, err *e)
{
	struct find_ctx f = { NULL, date_today(), out };
	int rc = pairings_of(t, IX_PAIRING_TARGET, target_student, find_one, &f, e);
	return rc == FIND_FOUND ? 0 : rc == 0 ? E_NOTFOUND : rc;
}

int pairing_find(store_txn *t, const rid *member_student, const rid *target_student,
		 date_t d, pairing *out, err *e)
{
	struct find_ctx f = { member_student, d, out };
	int rc = pairings_of(t, IX_PAIRING_TARGET, target_student, find_one, &f, e);
	return rc == FIND_FOUND ? 0 : rc == 0 ? E_NOTFOUND : rc;
}

/* The last talk of a pairing read from IX_TALK_PAIRING (pairing | date |
 * talk id): what DB_PAIRING_LAST keeps. */
static int last_from_index(store_txn *t, const rid *pairing_id, date_t *out, err *e)
{
	return model_last_date(t, IX_TALK_PAIRING, pairing_id, out, e);
}

static int last_put(store_txn *t, const rid *pairing_id, date_t d, err *e)
{
	bytes key = { pairing_id->b, sizeof pairing_id->b };
	if (!d) {
		int rc = st_del(t, DB_PAIRING_LAST, key, e);
		return rc == E_NOTFOUND ? 0 : rc;
	}
	keybuf v;
	key_init(&v);
	key_i32(&v, d);
	return st_put(t, DB_PAIRING_LAST, key, key_bytes(&v), e);
}

int model_pairing_last_update(store_txn *t, const rid *pairing_id, err *e)
{
	date_t d;
	int rc = last_from_index(t, pairing_id, &d, e);
	return rc ? rc : last_put(t, pairing_id, d, e);
}

/* Walks IX_TALK_PAIRING once: fn(pairing, last date) for each pairing with
 * talks, in id order. */
static int each_last(store_txn *t, int (*fn)(const rid *p, date_t d, void *ctx), void *ctx,
		     err *e)
{
	store_cursor *c;
	bytes k, v;
	int rc = st_cursor_open(t, IX_TALK_PAIRING, &c, e);
	if (rc)
		return rc;
	rid cur = { { 0 } };
	date_t last = 0;
	bool have = false;
	int frc = 0;
	for (rc = st_first(c, &k, &v); rc == 0 && !frc; rc = st_next(c, &k, &v)) {
		size_t pos = 0;
		rid p;
		int32_t d;
		if (!key_take_id(k, &pos, &p) || !key_take_i32(k, &pos, &d))
			continue;
		if (have && rid_cmp(&p, &cur) != 0)
			frc = fn(&cur, last, ctx);
		cur = p;
		last = d;
		have = true;
	}
	st_cursor_close(c);
	if (rc && rc != ST_END)
		return err_set(e, E_DB, "%s", _("cannot read the talk index"));
	if (!frc && have)
		frc = fn(&cur, last, ctx);
	return frc;
}

struct last_ctx {
	store_txn *t;
	err *e;
	store_cursor *c;       /* check: DB_PAIRING_LAST */
	bytes k, v;
	int at;
	errlist *probs;
};

static int rebuild_one(const rid *p, date_t d, void *ctx)
{
	struct last_ctx *x = ctx;
	return last_put(x->t, p, d, x->e);
}

int model_pairing_lasts_rebuild(store_txn *t, err *e)
{
	store_cursor *c;
	bytes k, v;
	int rc;
	while ((rc = st_cursor_open(t, DB_PAIRING_LAST, &c, e)) == 0) {
		rid p;
		rc = st_first(c, &k, &v);
		if (rc == 0 && k.len == sizeof p.b)
			memcpy(p.b, k.data, sizeof p.b);
		else if (rc == 0)
			rc = E_DB;     /* a key that is no pairing id */
		st_cursor_close(c);
		if (rc)
			break;
		rc = st_del(t, DB_PAIRING_LAST, (bytes){ p.b, sizeof p.b }, e);
		if (rc && rc != E_NOTFOUND)
			return rc;
	}
	if (rc != ST_END)
		return err_set(e, E_DB, "%s", _("cannot read the talk index"));
	struct last_ctx x = { .t = t, .e = e };
	return each_last(t, rebuild_one, &x, e);
}

static void last_problem(struct last_ctx *x, const rid *p, date_t kept, date_t found)
{
	char hex[33], a[11] = "-", b[11] = "-";
	rid_hex(p, hex);
	if (kept)
		date_format(kept, a);
	if (found)
		date_format(found, b);
	errlist_add(x->probs, _("pairing_last: pairing %s: last talk kept as %s, the talk index says %s"),
		    hex, a, b);
}

static bool last_at(struct last_ctx *x, rid *p, date_t *d)
{
	size_t pos = 0;
	int32_t v;
	if (x->at != 0 || x->k.len != sizeof p->b)
		return false;
	memcpy(p->b, x->k.data, sizeof p->b);
	*d = key_take_i32(x->v, &pos, &v) ? v : 0;
	return true;
}

static int check_one(const rid *p, date_t d, void *ctx)
{
	struct last_ctx *x = ctx;
	rid kp;
	date_t kd;
	while (last_at(x, &kp, &kd) && rid_cmp(&kp, p) < 0) {
		last_problem(x, &kp, kd, 0);
		x->at = st_next(x->c, &x->k, &x->v);
	}
	if (last_at(x, &kp, &kd) && rid_cmp(&kp, p) == 0) {
		if (kd != d)
			last_problem(x, p, kd, d);
		x->at = st_next(x->c, &x->k, &x->v);
	} else {
		last_problem(x, p, 0, d);
	}
	return 0;
}

int model_pairing_lasts_check(store_txn *t, errlist *probs, err *e)
{
	struct last_ctx x = { .t = t, .e = e, .probs = probs };
	int rc = st_cursor_open(t, DB_PAIRING_LAST, &x.c, e);
	if (rc)
		return rc;
	x.at = st_first(x.c, &x.k, &x.v);
	rc = each_last(t, check_one, &x, e);
	rid kp;
	date_t kd;
	while (!rc && last_at(&x, &kp, &kd)) {
		last_problem(&x, &kp, kd, 0);
		x.at = st_next(x.c, &x.k, &x.v);
	}
	st_cursor_close(x.c);
	return rc;
}

/* One small row per pairing (DB_PAIRING_LAST) instead of a seek into the
 * talk index: overdue asks this of every pairing. */
int pairing_last_talk(store_txn *t, const rid *pairing_id, date_t *out, err *e)
{
	bytes v;
	size_t pos = 0;
	int32_t d;
	*out = 0;
	int rc = st_get(t, DB_PAIRING_LAST, (bytes){ pairing_id->b, sizeof pairing_id->b }, &v, e);
	if (rc == E_NOTFOUND)
		return 0;
	if (rc)
		return rc;
	if (key_take_i32(v, &pos, &d))
		*out = d;
	return 0;
}

int pairings_of_member(store_txn *t, const rid *student_id, pairing_fn fn, void *ctx, err *e)
{
	return pairings_of(t, IX_PAIRING_MEMBER, student_id, fn, ctx, e);
}

int pairings_of_target(store_txn *t, const rid *student_id, pairing_fn fn, void *ctx, err *e)
{
	return pairings_of(t, IX_PAIRING_TARGET, student_id, fn, ctx, e);
}

/* IX_PAIRING_COLLEGE: college id | semester id | pairing id. */
static int collect_college_pairing(bytes key, bytes val, void *ctx)
{
	struct idlist *l = ctx;
	size_t pos = 2 * sizeof(rid);
	rid id;
	(void)val;
	if (!key_take_id(key, &pos, &id))
		return 0;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->ids = xrealloc(l->ids, l->cap * sizeof *l->ids);
	}
	l->ids[l->n++] = id;
	return 0;
}

struct in_sem_ctx {
	const semester *s;
	pairing_fn fn;
	void *ctx;
};

static int if_in_semester(const pairing *p, void *ctx)
{
	struct in_sem_ctx *c = ctx;
	return pairing_in_semester(p, c->s) ? c->fn(p, c->ctx) : 0;
}

/* Every pairing of the college (whatever semester it was made in) is read
 * and kept when its days overlap the semester's: a pairing belongs to
 * every semester it runs in. */
int pairings_in_college(store_txn *t, const rid *college_id, pairing_fn fn, void *ctx, err *e)
{
	struct idlist l = { 0 };
	int rc = st_scan(t, IX_PAIRING_COLLEGE, (bytes){ college_id->b, sizeof college_id->b },
			 collect_college_pairing, &l, e);
	return each_listed(t, &l, rc, fn, ctx, e);
}

int pairings_of_college(store_txn *t, const rid *college_id, const rid *semester_id,
			pairing_fn fn, void *ctx, err *e)
{
	semester s;
	int rc = semester_get(t, semester_id, &s, e);
	if (rc == E_NOTFOUND)
		return 0;
	if (rc)
		return rc;
	struct in_sem_ctx c = { &s, fn, ctx };
	rc = pairings_in_college(t, college_id, if_in_semester, &c, e);
	rec_free(&semester_desc, &s);
	return rc;
}
