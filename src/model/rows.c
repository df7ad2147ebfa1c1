#include "config.h"
/* rows.c — the rows of every list the screens show (model.h, "rows for the
 * lists"): names resolved, dates formatted, sensitive text masked for the
 * reader's role, the filter applied. What a row says about a pairing, a
 * member or a deadline comes from views.c.
 *
 * Cost: a row reads its own record and the few records it names (a
 * student's name, a pairing's kept last talk); colleges and semesters are
 * looked up once per call. No list reads every talk: the talks list reads
 * one page from the date index, or the talks of the students a filter
 * names. */
#include "model/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/pinyin.h"

/* ---- the filter ------------------------------------------------------------ */

static char fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool prefix_ci(const char *s, const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!s[i] || fold(s[i]) != fold(w[i]))
			return false;
	return true;
}

static bool substr_ci(const char *s, const char *w, size_t n)
{
	for (; *s; s++)
		if (prefix_ci(s, w, n))
			return true;
	return n == 0;
}

static bool word_matches(const row_view *v, const char *const *cells, const char *w, size_t n)
{
	bool py = false, match = false;
	char *word = NULL;
	for (size_t c = 0; c < v->ncols && !match; c++) {
		const char *p = cells[c] ? cells[c] : "";
		unsigned m = v->match[c];
		if ((m & ROW_MATCH_PREFIX) && prefix_ci(p, w, n))
			match = true;
		else if ((m & ROW_MATCH_SUBSTR) && substr_ci(p, w, n))
			match = true;
		else if (m & ROW_MATCH_PINYIN) {
			if (!word) {
				word = xstrndup(w, n);
				py = pinyin_is_query(word);
			}
			match = py && pinyin_match(p, word);
		}
	}
	free(word);
	return match;
}

bool model_row_matches(const row_view *v, const char *const *cells, const char *filter)
{
	const char *s = filter ? filter : "";
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			return true;
		size_t n = strcspn(s, " \t");
		if (!word_matches(v, cells, s, n))
			return false;
		s += n;
	}
}

/* Hands a row to fn when it passes the query's filter. */
static int emit(const row_query *q, const row_view *v, const rid *id, const rid *ref,
		unsigned flags, date_t date, const char *const *cells, model_row_fn fn, void *ctx)
{
	if (q->filter && *q->filter && !model_row_matches(v, cells, q->filter))
		return 0;
	model_row r = { .flags = flags, .date = date, .cells = cells };
	if (id)
		r.id = *id;
	if (ref)
		r.ref = *ref;
	return fn(&r, ctx);
}

/* ---- names looked up once per call ------------------------------------------ */

enum { NAMES_MAX = 64 };

struct names {
	rid id[NAMES_MAX];
	char *name[NAMES_MAX];
	int64_t days[NAMES_MAX];   /* colleges: the overdue limit */
	size_t n;
};

static void names_free(struct names *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->name[i]);
	c->n = 0;
}

static size_t names_put(struct names *c, const rid *id, const char *name, int64_t days)
{
	if (c->n == NAMES_MAX)
		names_free(c);
	c->id[c->n] = *id;
	c->name[c->n] = xstrdup(name ? name : "");
	c->days[c->n] = days;
	return c->n++;
}

/* The college's slot: its name and its overdue limit. */
static size_t college_slot(store_txn *t, struct names *c, const rid *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (rid_cmp(&c->id[i], id) == 0)
			return i;
	college g;
	err e = { 0 };
	if (rid_is_zero(id) || college_get(t, id, &g, &e) != 0)
		return names_put(c, id, "", college_overdue_days(NULL));
	size_t i = names_put(c, id, g.name, college_overdue_days(&g));
	rec_free(&college_desc, &g);
	return i;
}

static const char *college_name(store_txn *t, struct names *c, const rid *id)
{
	return c->name[college_slot(t, c, id)];
}

static const char *semester_code(store_txn *t, struct names *c, const rid *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (rid_cmp(&c->id[i], id) == 0)
			return c->name[i];
	semester s;
	err e = { 0 };
	if (rid_is_zero(id) || semester_get(t, id, &s, &e) != 0)
		return c->name[names_put(c, id, "", 0)];
	size_t i = names_put(c, id, s.code, 0);
	rec_free(&semester_desc, &s);
	return c->name[i];
}

/* The name of a student (into buf), "" if unknown. */
static void student_name(store_txn *t, const rid *id, char *buf, size_t n)
{
	student s;
	err e = { 0 };
	buf[0] = 0;
	if (rid_is_zero(id) || student_get(t, id, &s, &e) != 0)
		return;
	snprintf(buf, n, "%s", s.name ? s.name : "");
	rec_free(&student_desc, &s);
}

static void counsellor_name(store_txn *t, const rid *id, char *buf, size_t n)
{
	counsellor c;
	err e = { 0 };
	buf[0] = 0;
	if (rid_is_zero(id) || counsellor_get(t, id, &c, &e) != 0)
		return;
	snprintf(buf, n, "%s", c.name ? c.name : "");
	rec_free(&counsellor_desc, &c);
}

/* One walk over an entity's records, building rows. */
struct walk {
	store_txn *t;
	const row_query *q;
	model_row_fn fn;
	void *ctx;
	struct names colleges, semesters;
	const semester *sem;   /* pairings: only those belonging to it */
	pairing_state_filter state;   /* pairings: only those in this state */
	err *e;
};

/* Runs one over every record of d with w set up by the caller. */
static int walk_with(struct walk *w, const record_desc *d, model_rec_fn one)
{
	int rc = model_each(w->t, d, one, w, w->e);
	names_free(&w->colleges);
	names_free(&w->semesters);
	return rc;
}

static int walk_run(store_txn *t, const record_desc *d, model_rec_fn one, const row_query *q,
		    model_row_fn fn, void *ctx, err *e)
{
	struct walk w = { .t = t, .q = q, .fn = fn, .ctx = ctx, .e = e };
	return walk_with(&w, d, one);
}

/* ---- assisted students -------------------------------------------------------- */

static const unsigned target_match[TROW__N] = {
	[TROW_NUMBER] = ROW_MATCH_PREFIX, [TROW_NAME] = ROW_MATCH_SUBSTR | ROW_MATCH_PINYIN,
	[TROW_COLLEGE] = ROW_MATCH_SUBSTR, [TROW_CLASS] = ROW_MATCH_SUBSTR,
	[TROW_KINDS] = ROW_MATCH_SUBSTR, [TROW_TIER] = ROW_MATCH_SUBSTR,
};
const row_view target_rows_view = { TROW__N, target_match };

static int target_row(const void *rec, void *ctx)
{
	const target *g = rec;
	struct walk *w = ctx;
	student s;
	err e = { 0 };
	if (student_get(w->t, &g->student_id, &s, &e) != 0)
		return 0;
	char kinds[128], helper[128] = "", last[11] = "";
	kinds_format_short(g->kinds, kinds, sizeof kinds);
	pairing p;
	if (pairing_active_of_target(w->t, &g->student_id, &p, &e) == 0) {
		student_name(w->t, &p.member_id, helper, sizeof helper);
		rec_free(&pairing_desc, &p);
	}
	date_t d;
	if (model_target_last_talk(w->t, &g->student_id, &d, &e) == 0)
		date_format(d, last);
	const char *cells[TROW__N] = {
		s.student_no, s.name, college_name(w->t, &w->colleges, &s.college_id),
		s.class_name, kinds, g->tier, helper, last,
	};
	bool ended = g->status && strcmp(g->status, "已结束") == 0;
	int rc = emit(w->q, &target_rows_view, &g->m.id, &g->student_id, ended ? ROW_DIM : 0, 0,
		      cells, w->fn, w->ctx);
	rec_free(&student_desc, &s);
	return rc;
}

int model_target_rows(store_txn *t, const row_query *q, model_row_fn fn, void *ctx, err *e)
{
	return walk_run(t, &target_desc, target_row, q, fn, ctx, e);
}

/* ---- party members -------------------------------------------------------------- */

static const unsigned member_match[MROW__N] = {
	[MROW_NUMBER] = ROW_MATCH_PREFIX, [MROW_NAME] = ROW_MATCH_SUBSTR | ROW_MATCH_PINYIN,
	[MROW_COLLEGE] = ROW_MATCH_SUBSTR, [MROW_CLASS] = ROW_MATCH_SUBSTR,
	[MROW_CATEGORY] = ROW_MATCH_SUBSTR, [MROW_BRANCH] = ROW_MATCH_SUBSTR,
};
const row_view member_rows_view = { MROW__N, member_match };

static int member_row(const void *rec, void *ctx)
{
	const member *m = rec;
	struct walk *w = ctx;
	student s;
	err e = { 0 };
	if (student_get(w->t, &m->student_id, &s, &e) != 0)
		return 0;
	member_status ms;
	int rc = member_status_get(w->t, &s, w->q->today, &ms, w->e);
	if (rc) {
		rec_free(&student_desc, &s);
		return rc;
	}
	char n[24];
	snprintf(n, sizeof n, "%zu", ms.open_pairings);
	const char *cat = ms.category == MEMBER_PROBATIONARY ? _("probationary") : _("full");
	const char *cells[MROW__N] = {
		s.student_no, s.name, college_name(w->t, &w->colleges, &s.college_id),
		s.class_name, cat, m->branch, n,
	};
	rc = emit(w->q, &member_rows_view, &m->m.id, &m->student_id, 0, 0, cells, w->fn, w->ctx);
	rec_free(&student_desc, &s);
	return rc;
}

int model_member_rows(store_txn *t, const row_query *q, model_row_fn fn, void *ctx, err *e)
{
	return walk_run(t, &member_desc, member_row, q, fn, ctx, e);
}

/* ---- pairings ------------------------------------------------------------------ */

static const unsigned pairing_match[PROW__N] = {
	[PROW_MEMBER] = ROW_MATCH_SUBSTR | ROW_MATCH_PINYIN,
	[PROW_TARGET] = ROW_MATCH_SUBSTR | ROW_MATCH_PINYIN,
	[PROW_COLLEGE] = ROW_MATCH_SUBSTR, [PROW_SEMESTER] = ROW_MATCH_PREFIX,
};
const row_view pairing_rows_view = { PROW__N, pairing_match };

/* The pairing's state today in the words of the status column. */
static const char *pairing_state_text(const pairing_status *st)
{
	if (st->active)
		return _("running");
	return st->ended ? _("ended") : _("not started");
}

static bool pairing_state_wanted(pairing_state_filter f, const pairing_status *st)
{
	switch (f) {
	case PAIRINGS_RUNNING: return st->active;
	case PAIRINGS_ENDED: return st->ended;
	case PAIRINGS_ALL:
	default: return true;
	}
}

static int pairing_row(const void *rec, void *ctx)
{
	const pairing *p = rec;
	struct walk *w = ctx;
	if (w->sem && !pairing_in_semester(p, w->sem))
		return 0;
	char mem[128], tgt[128], start[11], last[11], over[24] = "";
	date_t d = 0;
	int rc = pairing_last_talk(w->t, &p->m.id, &d, w->e);
	if (rc)
		return rc;
	size_t col = college_slot(w->t, &w->colleges, &p->college_id);
	pairing_status st;
	pairing_status_on(p, w->q->today, d, w->colleges.days[col], NULL, &st);
	if (!pairing_state_wanted(w->state, &st))
		return 0;
	student_name(w->t, &p->member_id, mem, sizeof mem);
	student_name(w->t, &p->target_id, tgt, sizeof tgt);
	date_format(p->start, start);
	date_format(d, last);
	unsigned flags = 0;
	if (!st.active)
		flags = ROW_DIM;
	else if (st.overdue) {
		snprintf(over, sizeof over, "%d", st.days);
		flags = ROW_ALERT;
	}
	const char *cells[PROW__N] = {
		mem, tgt, w->colleges.name[col], semester_code(w->t, &w->semesters, &p->semester_id),
		start, last, pairing_state_text(&st), over,
	};
	return emit(w->q, &pairing_rows_view, &p->m.id, &p->target_id, flags, 0, cells, w->fn,
		    w->ctx);
}

int model_pairing_rows_for(store_txn *t, const row_query *q, const pairing_filter *f,
			   model_row_fn fn, void *ctx, err *e)
{
	struct walk w = { .t = t, .q = q, .fn = fn, .ctx = ctx, .e = e };
	w.state = f ? f->state : PAIRINGS_ALL;
	if (!f || !f->semester || !*f->semester)
		return walk_with(&w, &pairing_desc, pairing_row);
	semester sem;
	int rc = semester_by_code(t, f->semester, &sem, e);
	if (rc == E_NOTFOUND) {
		err_clear(e);
		return 0;      /* no such semester: no pairings belong to it */
	}
	if (rc)
		return rc;
	w.sem = &sem;
	rc = walk_with(&w, &pairing_desc, pairing_row);
	rec_free(&semester_desc, &sem);
	return rc;
}

int model_pairing_rows(store_txn *t, const row_query *q, model_row_fn fn, void *ctx, err *e)
{
	return model_pairing_rows_for(t, q, NULL, fn, ctx, e);
}

/* ---- every student ------------------------------------------------------------ */

static const unsigned student_match[SROW__N] = {
	[SROW_NUMBER] = ROW_MATCH_PREFIX, [SROW_NAME] = ROW_MATCH_SUBSTR | ROW_MATCH_PINYIN,
	[SROW_COLLEGE] = ROW_MATCH_SUBSTR, [SROW_CLASS] = ROW_MATCH_SUBSTR,
	[SROW_POLITICAL] = ROW_MATCH_SUBSTR, [SROW_ROLES] = ROW_MATCH_SUBSTR,
};
const row_view student_rows_view = { SROW__N, student_match };

/* What the student is in the programme, joined by 、 into buf. */
static int student_roles(store_txn *t, const student *s, char *buf, size_t n, err *e)
{
	buf[0] = 0;
	switch (member_category_of(s->political)) {
	case MEMBER_FULL: snprintf(buf, n, "%s", _("party member")); break;
	case MEMBER_PROBATIONARY: snprintf(buf, n, "%s", _("probationary member")); break;
	case MEMBER_NONE: default: break;
	}
	target g;
	int rc = target_of_student(t, &s->m.id, &g, e);
	if (rc == E_NOTFOUND) {
		err_clear(e);
		return 0;
	}
	if (rc)
		return rc;
	size_t used = strlen(buf);
	snprintf(buf + used, n - used, "%s%s", used ? "、" : "", _("assisted student"));
	rec_free(&target_desc, &g);
	return 0;
}

static int student_row(const void *rec, void *ctx)
{
	const student *s = rec;
	struct walk *w = ctx;
	char roles[128];
	int rc = student_roles(w->t, s, roles, sizeof roles, w->e);
	if (rc)
		return rc;
	const char *cells[SROW__N] = {
		s->student_no, s->name, college_name(w->t, &w->colleges, &s->college_id),
		s->class_name, s->political, roles,
	};
	return emit(w->q, &student_rows_view, &s->m.id, &s->m.id, 0, 0, cells, w->fn, w->ctx);
}

int model_student_rows(store_txn *t, const row_query *q, model_row_fn fn, void *ctx, err *e)
{
	return walk_run(t, &student_desc, student_row, q, fn, ctx, e);
}

/* ---- counsellors ------------------------------------------------------------- */

static const unsigned counsellor_match[CROW__N] = {
	[CROW_NUMBER] = ROW_MATCH_PREFIX, [CROW_NAME] = ROW_MATCH_SUBSTR | ROW_MATCH_PINYIN,
	[CROW_COLLEGE] = ROW_MATCH_SUBSTR, [CROW_PHONE] = ROW_MATCH_PREFIX,
};
const row_view counsellor_rows_view = { CROW__N, counsellor_match };

static int counsellor_row(const void *rec, void *ctx)
{
	const counsellor *c = rec;
	struct walk *w = ctx;
	const char *cells[CROW__N] = {
		c->staff_no, c->name, college_name(w->t, &w->colleges, &c->college_id), c->phone,
	};
	return emit(w->q, &counsellor_rows_view, &c->m.id, NULL, 0, 0, cells, w->fn, w->ctx);
}

int model_counsellor_rows(store_txn *t, const row_query *q, model_row_fn fn, void *ctx,
			  err *e)
{
	return walk_run(t, &counsellor_desc, counsellor_row, q, fn, ctx, e);
}

/* ---- talks ----------------------------------------------------------------------- */

/* The talks list matches no cell: its filter names students (model_find). */
static const unsigned talk_match[KROW__N] = { 0 };
const row_view talk_rows_view = { KROW__N, talk_match };

struct talks {
	store_txn *t;
	const row_query *q;
	model_row_fn fn;
	void *ctx;
	talk *found;           /* a filter's talks, collected, then sorted */
	size_t nfound, cap;
	rid *students;
	size_t nstudents;
};

static int talk_row(struct talks *w, const talk *k)
{
	char by[128], tgt[128], min[24], topics[96], date[11], follow[11] = "";
	if (k->follow_up)
		date_format(k->follow_up, follow);
	if (!rid_is_zero(&k->counsellor_id))
		counsellor_name(w->t, &k->counsellor_id, by, sizeof by);
	else
		student_name(w->t, &k->member_id, by, sizeof by);
	student_name(w->t, &k->target_id, tgt, sizeof tgt);
	snprintf(min, sizeof min, "%lld", (long long)k->minutes);
	topics_format(k->topics, topics, sizeof topics);
	date_format(k->date, date);
	bool visible = talk_content_visible(w->q->role, k);
	const char *content = visible ? k->content : privacy_mask();
	const char *cells[KROW__N] = { date, by, tgt, min, k->mode, topics, follow, content };
	model_row r = { .id = k->m.id, .ref = k->target_id, .date = k->date, .cells = cells,
			.flags = visible ? 0 : ROW_MASKED };
	return w->fn(&r, w->ctx);
}

static int talk_page_row(const talk *k, void *ctx)
{
	return talk_row(ctx, k);
}

static int talk_collect(const talk *k, void *ctx)
{
	struct talks *w = ctx;
	if (w->nfound == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		w->found = xrealloc(w->found, w->cap * sizeof *w->found);
	}
	talk *d = &w->found[w->nfound++];
	memset(d, 0, sizeof *d);
	rec_copy(&talk_desc, d, k);
	d->m = k->m;
	return 0;
}

/* talk_student's answer once it has TALK_FIND_MAX students: stops model_find. */
enum { TALK_STUDENTS_FULL = 1 };

static int talk_student(const student *s, void *ctx)
{
	struct talks *w = ctx;
	if (w->nstudents >= TALK_FIND_MAX)
		return TALK_STUDENTS_FULL;
	w->students = xrealloc(w->students, (w->nstudents + 1) * sizeof *w->students);
	w->students[w->nstudents++] = s->m.id;
	return 0;
}

static int talk_newest_first(const void *a, const void *b)
{
	const talk *x = a, *y = b;
	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	return -rid_cmp(&x->m.id, &y->m.id);
}

static int talks_of_students(struct talks *w, err *e)
{
	int rc = model_find(w->t, w->q->filter, talk_student, w, e);
	if (rc != 0 && rc != TALK_STUDENTS_FULL)
		return rc;
	for (size_t i = 0; i < w->nstudents; i++)
		if ((rc = model_talks_of_target(w->t, &w->students[i], talk_collect, w, e)))
			return rc;
	if (w->nfound > 1)
		qsort(w->found, w->nfound, sizeof *w->found, talk_newest_first);
	for (size_t i = 0; i < w->nfound; i++)
		if ((rc = talk_row(w, &w->found[i])))
			return rc;
	return 0;
}

int model_talk_rows(store_txn *t, const row_query *q, const talk_pos *from, size_t n,
		    size_t *nstudents, model_row_fn fn, void *ctx, err *e)
{
	struct talks w = { .t = t, .q = q, .fn = fn, .ctx = ctx };
	int rc;
	if (!q->filter || !*q->filter)
		rc = model_talk_walk(t, from, true, true, n, talk_page_row, &w, e);
	else
		rc = talks_of_students(&w, e);
	if (nstudents)
		*nstudents = w.nstudents;
	for (size_t i = 0; i < w.nfound; i++)
		rec_free(&talk_desc, &w.found[i]);
	free(w.found);
	free(w.students);
	return rc;
}

/* ---- the dashboard's overdue pairings ------------------------------------------ */

static const unsigned overdue_match[OROW__N] = { 0 };
const row_view overdue_rows_view = { OROW__N, overdue_match };

int model_overdue_rows(store_txn *t, const row_query *q, size_t max, size_t *total,
		       model_row_fn fn, void *ctx, err *e)
{
	return model_overdue_rows_of(t, q, NULL, max, total, fn, ctx, e);
}

/* One college's overdue pairings come from model_overdue on the college's
 * index, so rows (and their names) are built for those alone. */
int model_overdue_rows_of(store_txn *t, const row_query *q, const rid *college_id, size_t max,
			  size_t *total, model_row_fn fn, void *ctx, err *e)
{
	overdue_row *rows;
	size_t n;
	int rc = model_overdue(t, college_id, 0, q->today, &rows, &n, e);
	if (rc)
		return rc;
	*total = n;
	struct names colleges = { .n = 0 };
	for (size_t i = 0; !rc && i < n && (!max || i < max); i++) {
		char days[16], mem[128], tgt[128], last[11];
		snprintf(days, sizeof days, "%d", rows[i].days);
		student_name(t, &rows[i].member_id, mem, sizeof mem);
		student_name(t, &rows[i].target_id, tgt, sizeof tgt);
		date_format(rows[i].last_talk, last);
		const char *cells[OROW__N] = {
			days, mem, tgt, college_name(t, &colleges, &rows[i].college_id), last,
		};
		rc = emit(q, &overdue_rows_view, &rows[i].pairing_id, &rows[i].target_id, ROW_ALERT,
			  0, cells, fn, ctx);
	}
	names_free(&colleges);
	free(rows);
	return rc;
}

/* ---- follow-ups due: IX_TALK_FOLLOW ------------------------------------------------ */

static const unsigned follow_match[FROW__N] = { 0 };
const row_view follow_rows_view = { FROW__N, follow_match };

/* The talk's row when its student is of the college (or any). */
static int follow_row(store_txn *t, const row_query *q, const rid *college_id, const talk *k,
		      bool *taken, model_row_fn fn, void *ctx)
{
	student st;
	err e2 = { 0 };
	*taken = false;
	if (student_get(t, &k->target_id, &st, &e2) != 0)
		return 0;
	bool ours = !college_id || rid_cmp(&st.college_id, college_id) == 0;
	char tgt[128], due[11], date[11], by[128];
	snprintf(tgt, sizeof tgt, "%s", st.name ? st.name : "");
	rec_free(&student_desc, &st);
	if (!ours)
		return 0;
	*taken = true;
	if (!fn)
		return 0;
	date_format(k->follow_up, due);
	date_format(k->date, date);
	if (!rid_is_zero(&k->counsellor_id)) {
		char name[112];
		counsellor_name(t, &k->counsellor_id, name, sizeof name);
		snprintf(by, sizeof by, _("%s (counsellor)"), name);
	} else {
		student_name(t, &k->member_id, by, sizeof by);
	}
	const char *cells[FROW__N] = { due, tgt, date, by };
	return emit(q, &follow_rows_view, &k->m.id, &k->target_id, 0, k->follow_up, cells, fn,
		    ctx);
}

int model_follow_up_rows_of(store_txn *t, const row_query *q, const rid *college_id,
			    date_t from, date_t to, size_t max, size_t *total, model_row_fn fn,
			    void *ctx, err *e)
{
	store_cursor *c;
	bytes key, val;
	keybuf want;
	*total = 0;
	int rc = st_cursor_open(t, IX_TALK_FOLLOW, &c, e);
	if (rc)
		return rc;
	key_init(&want);
	key_i32(&want, from);
	rc = st_seek(c, key_bytes(&want), &key, &val);
	int frc = 0;
	while (rc == 0 && !frc) {
		size_t pos = 0;
		int32_t d;
		rid id;
		if (!key_take_i32(key, &pos, &d) || !key_take_id(key, &pos, &id)) {
			rc = err_set(e, E_DB, "%s", _("ix_talk_follow: a key of the wrong length"));
			break;
		}
		if (d > to)
			break;
		talk k;
		err e2 = { 0 };
		if (talk_get(t, &id, &k, &e2) == 0) {
			bool taken;
			frc = follow_row(t, q, college_id, &k, &taken,
					 !max || *total < max ? fn : NULL, ctx);
			if (taken)
				(*total)++;
			rec_free(&talk_desc, &k);
		}
		if (!frc)
			rc = st_next(c, &key, &val);
	}
	st_cursor_close(c);
	if (rc == ST_END)
		rc = 0;
	return frc ? frc : rc;
}

/* ---- an assisted student's record ------------------------------------------------ */

struct aidrow {
	date_t date;
	rid id;
	char *line;
};

struct record_load {
	store_txn *t;
	const row_query *q;
	record_view *v;
	model_row_fn fn;
	void *ctx;
	struct aidrow *aids;
	size_t naids;
};

static int record_talk(const talk *k, void *ctx)
{
	struct record_load *ld = ctx;
	char by[128] = "", min[24], topics[96], date[11], follow[11] = "";
	if (k->follow_up)
		date_format(k->follow_up, follow);
	if (!rid_is_zero(&k->counsellor_id)) {
		counsellor c;
		err e = { 0 };
		if (counsellor_get(ld->t, &k->counsellor_id, &c, &e) == 0) {
			snprintf(by, sizeof by, _("%s (counsellor)"), c.name ? c.name : "");
			rec_free(&counsellor_desc, &c);
		}
	} else {
		student_name(ld->t, &k->member_id, by, sizeof by);
	}
	snprintf(min, sizeof min, "%lld", (long long)k->minutes);
	topics_format(k->topics, topics, sizeof topics);
	date_format(k->date, date);
	bool visible = talk_content_visible(ld->q->role, k);
	const char *content = visible ? (k->content ? k->content : "") : privacy_mask();
	const char *cells[RROW__N] = { date, by, min, k->mode, topics, follow, content };
	model_row r = { .id = k->m.id, .ref = k->target_id, .date = k->date, .cells = cells,
			.flags = visible ? 0 : ROW_MASKED };
	return ld->fn ? ld->fn(&r, ld->ctx) : 0;
}

static int record_aid(const aid *a, void *ctx)
{
	struct record_load *ld = ctx;
	char date[11];
	date_format(a->date, date);
	ld->aids = xrealloc(ld->aids, (ld->naids + 1) * sizeof *ld->aids);
	ld->aids[ld->naids].date = a->date;
	ld->aids[ld->naids].id = a->m.id;
	ld->aids[ld->naids].line = xasprintf("%s  %s  %lld.%02lld  %s", date, a->kind ? a->kind : "",
					     (long long)(a->amount_fen / 100),
					     (long long)(a->amount_fen % 100), a->note ? a->note : "");
	ld->naids++;
	ld->v->aid_total += a->amount_fen;
	return 0;
}

static int record_pairing_aid(const pairing *p, void *ctx)
{
	struct record_load *ld = ctx;
	err e = { 0 };
	return model_aid_of_pairing(ld->t, &p->m.id, record_aid, ld, &e);
}

static int aid_newest_first(const void *a, const void *b)
{
	const struct aidrow *x = a, *y = b;
	return (x->date < y->date) - (x->date > y->date);
}

/* The head line, the kinds line and the situation. */
static int record_profile(struct record_load *ld, const student *s, err *e)
{
	record_view *v = ld->v;
	struct names colleges = { .n = 0 };
	v->head = xasprintf("%s  %s  %s  ·  %s  ·  %s  ·  %s  ·  %s",
			    s->student_no ? s->student_no : "", s->name ? s->name : "",
			    s->gender ? s->gender : "", college_name(ld->t, &colleges, &s->college_id),
			    s->class_name ? s->class_name : "", s->political ? s->political : "",
			    s->phone ? s->phone : "");
	names_free(&colleges);
	target g;
	int rc = target_of_student(ld->t, &s->m.id, &g, e);
	if (rc == E_NOTFOUND) {
		v->kinds = xstrdup(_("Not an assisted student."));
		v->situation = xstrdup("");
		err_clear(e);
		return 0;
	}
	if (rc)
		return rc;
	char kinds[128];
	kinds_format(g.kinds, kinds, sizeof kinds);
	v->kinds = xasprintf(_("Kinds: %s   Tier: %s   Status: %s"), kinds,
			     g.tier && *g.tier ? g.tier : "-", g.status && *g.status ? g.status : "-");
	v->situation_masked = !target_situation_visible(ld->q->role, &g);
	v->situation = xstrdup(v->situation_masked ? privacy_mask() : g.situation ? g.situation : "");
	rec_free(&target_desc, &g);
	return 0;
}

/* The active pairing in a sentence, with its status. */
static int record_pairing(struct record_load *ld, const rid *student_id, err *e)
{
	record_view *v = ld->v;
	pairing p;
	int rc = pairing_active_of_target(ld->t, student_id, &p, e);
	if (rc == E_NOTFOUND) {
		v->pairing = xstrdup(_("No active pairing."));
		err_clear(e);
		return 0;
	}
	if (rc)
		return rc;
	char mem[128], start[11], last[11];
	student_name(ld->t, &p.member_id, mem, sizeof mem);
	if ((rc = pairing_status_get(ld->t, &p, ld->q->today, NULL, &v->status, e)) == 0) {
		date_format(p.start, start);
		date_format(v->status.last_talk, last);
		if (v->status.last_talk)
			v->pairing = xasprintf(_("Paired with %s since %s; last talk %s (%d days ago)"),
					       mem, start, last, v->status.days);
		else
			v->pairing = xasprintf(_("Paired with %s since %s; no talk yet (%d days)"),
					       mem, start, v->status.days);
		v->has_pairing = true;
		v->pairing_id = p.m.id;
	}
	rec_free(&pairing_desc, &p);
	return rc;
}

static int record_txn_body(struct record_load *ld, const rid *student_id, err *e)
{
	student s;
	int rc = student_get(ld->t, student_id, &s, e);
	if (rc == E_NOTFOUND) {
		err_clear(e);
		return 0;
	}
	if (rc)
		return rc;
	ld->v->found = true;
	rc = record_profile(ld, &s, e);
	rec_free(&student_desc, &s);
	if (rc)
		return rc;
	if ((rc = record_pairing(ld, student_id, e)))
		return rc;
	if ((rc = model_talks_of_target(ld->t, student_id, record_talk, ld, e)))
		return rc;
	return pairings_of_target(ld->t, student_id, record_pairing_aid, ld, e);
}

int model_record_view(store_txn *t, const rid *student_id, const row_query *q,
		      record_view *out, model_row_fn each_talk, void *ctx, err *e)
{
	struct record_load ld = { .t = t, .q = q, .v = out, .fn = each_talk, .ctx = ctx };
	memset(out, 0, sizeof *out);
	int rc = record_txn_body(&ld, student_id, e);
	if (ld.naids > 1)
		qsort(ld.aids, ld.naids, sizeof *ld.aids, aid_newest_first);
	out->aid = xcalloc(ld.naids ? ld.naids : 1, sizeof *out->aid);
	out->aid_id = xcalloc(ld.naids ? ld.naids : 1, sizeof *out->aid_id);
	for (size_t i = 0; i < ld.naids; i++) {
		out->aid[i] = ld.aids[i].line;
		out->aid_id[i] = ld.aids[i].id;
	}
	out->naid = ld.naids;
	free(ld.aids);
	return rc;
}

void record_view_free(record_view *v)
{
	free(v->head);
	free(v->kinds);
	free(v->situation);
	free(v->pairing);
	for (size_t i = 0; i < v->naid; i++)
		free(v->aid[i]);
	free(v->aid);
	free(v->aid_id);
	memset(v, 0, sizeof *v);
}

/* ---- what a confirmation names a record by --------------------------------------- */

/* "2023030105 王磊" (into buf), "" if there is no such student. */
static void student_no_name(store_txn *t, const rid *id, char *buf, size_t n)
{
	student s;
	err e = { 0 };
	buf[0] = 0;
	if (rid_is_zero(id) || student_get(t, id, &s, &e) != 0)
		return;
	snprintf(buf, n, "%s %s", s.student_no ? s.student_no : "", s.name ? s.name : "");
	rec_free(&student_desc, &s);
}

static void talk_label_text(store_txn *t, const talk *k, char *buf, size_t n)
{
	char by[128], tgt[128], day[11];
	if (!rid_is_zero(&k->counsellor_id))
		counsellor_name(t, &k->counsellor_id, by, sizeof by);
	else
		student_name(t, &k->member_id, by, sizeof by);
	student_name(t, &k->target_id, tgt, sizeof tgt);
	date_format(k->date, day);
	snprintf(buf, n, _("the talk of %s, %s → %s"), day, by, tgt);
}

static void pairing_label_text(store_txn *t, const pairing *p, char *buf, size_t n)
{
	char mem[128], tgt[128], day[11];
	student_name(t, &p->member_id, mem, sizeof mem);
	student_name(t, &p->target_id, tgt, sizeof tgt);
	date_format(p->start, day);
	snprintf(buf, n, _("the pairing %s → %s (from %s)"), mem, tgt, day);
}

static void aid_label_text(store_txn *t, const aid *a, char *buf, size_t n)
{
	char day[11], money[32], tgt[128] = "";
	pairing p;
	err e = { 0 };
	if (pairing_get(t, &a->pairing_id, &p, &e) == 0) {
		student_name(t, &p.target_id, tgt, sizeof tgt);
		rec_free(&pairing_desc, &p);
	}
	date_format(a->date, day);
	money_format(a->amount_fen, money, sizeof money);
	snprintf(buf, n, _("the aid of %s, %s %s yuan for %s"), day, a->kind ? a->kind : "", money,
		 tgt);
}

void model_label_text(store_txn *t, const record_desc *d, const void *rec, char *buf, size_t n)
{
	char who[160];
	if (d == &talk_desc) {
		talk_label_text(t, rec, buf, n);
	} else if (d == &pairing_desc) {
		pairing_label_text(t, rec, buf, n);
	} else if (d == &aid_desc) {
		aid_label_text(t, rec, buf, n);
	} else if (d == &student_desc) {
		const student *s = rec;
		snprintf(buf, n, _("the student %s %s"), s->student_no ? s->student_no : "",
			 s->name ? s->name : "");
	} else if (d == &target_desc) {
		student_no_name(t, &((const target *)rec)->student_id, who, sizeof who);
		snprintf(buf, n, _("the assisted-student profile of %s"), who);
	} else if (d == &member_desc) {
		student_no_name(t, &((const member *)rec)->student_id, who, sizeof who);
		snprintf(buf, n, _("the party-member profile of %s"), who);
	} else if (d == &counsellor_desc) {
		const counsellor *c = rec;
		snprintf(buf, n, _("the counsellor %s %s"), c->staff_no ? c->staff_no : "",
			 c->name ? c->name : "");
	} else if (d == &college_desc) {
		snprintf(buf, n, _("the college %s"), ((const college *)rec)->name);
	} else if (d == &semester_desc) {
		snprintf(buf, n, _("the semester %s"), ((const semester *)rec)->code);
	} else {
		snprintf(buf, n, "%s", d->name);
	}
}

int model_record_label(store_txn *t, const record_desc *d, const rid *id, char *buf, size_t n,
		       uint32_t *rev, err *e)
{
	void *rec = xcalloc(1, d->size);
	buf[0] = 0;
	int rc = model_get(t, d, id, rec, e);
	if (rc == 0) {
		model_label_text(t, d, rec, buf, n);
		if (rev)
			*rev = ((const rec_meta *)rec)->rev;
		rec_free(d, rec);
	}
	free(rec);
	return rc;
}
