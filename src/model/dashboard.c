#include "config.h"
/* dashboard.c — the dashboard's figures for one college (model.h,
 * model_programme_of ...): the same figures as model_programme_get,
 * model_talk_count_between and model_talks_by_week, limited to a
 * college (the overdue rows of one college are rows.c's,
 * model_overdue_rows_of). NULL for the college is every college: the
 * functions above are called as they are.
 *
 * What belongs to a college: a pairing by its college (the member's), a
 * student by IX_STUDENT_COLLEGE (so members and assisted students), a
 * counsellor by its college, a talk by its assisted student's college.
 * Talks are counted on IX_TALK_TARGET's keys (student | date | talk), one
 * range per student of the college, reading no talk. */
#include "model/internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

struct ids {
	rid *v;
	size_t n, cap;
};

static void ids_add(struct ids *l, const rid *id)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = *id;
}

/* IX_STUDENT_COLLEGE: college id | student id. */
static int take_student(bytes key, bytes val, void *ctx)
{
	(void)val;
	size_t pos = sizeof(rid);
	rid id;
	if (key_take_id(key, &pos, &id))
		ids_add(ctx, &id);
	return 0;
}

static int students_of(store_txn *t, const rid *college_id, struct ids *out, err *e)
{
	return st_scan(t, IX_STUDENT_COLLEGE, (bytes){ college_id->b, sizeof college_id->b },
		       take_student, out, e);
}

/* IX_PAIRING_COLLEGE: college | semester | pairing. */
static int take_pairing(bytes key, bytes val, void *ctx)
{
	(void)val;
	size_t pos = 2 * sizeof(rid);
	rid id;
	if (key_take_id(key, &pos, &id))
		ids_add(ctx, &id);
	return 0;
}

struct prog_of {
	const rid *college;
	model_programme *p;
};

static int count_counsellor(const void *rec, void *ctx)
{
	struct prog_of *c = ctx;
	if (rid_cmp(&((const counsellor *)rec)->college_id, c->college) == 0)
		c->p->counsellors++;
	return 0;
}

/* The members and assisted students among the college's students. */
static int count_students(store_txn *t, const struct ids *st, model_programme *p, err *e)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < st->n; i++) {
		bytes val;
		rc = st_get(t, IX_MEMBER_STUDENT, (bytes){ st->v[i].b, sizeof st->v[i].b }, &val, e);
		if (rc == 0)
			p->members++;
		if (rc && rc != E_NOTFOUND)
			return rc;
		target g;
		rc = target_of_student(t, &st->v[i], &g, e);
		if (rc == E_NOTFOUND) {
			rc = 0;
			continue;
		}
		if (rc)
			return rc;
		if (!g.status || strcmp(g.status, "已结束") != 0) {
			p->targets++;
			p->academic += (g.kinds & KIND_ACADEMIC) != 0;
			p->financial += (g.kinds & KIND_FINANCIAL) != 0;
			p->psych += (g.kinds & KIND_PSYCH) != 0;
		}
		rec_free(&target_desc, &g);
	}
	return rc;
}

static int active_pairings(store_txn *t, const rid *college_id, date_t today, size_t *n,
			   err *e)
{
	struct ids l = { 0 };
	int rc = st_scan(t, IX_PAIRING_COLLEGE, (bytes){ college_id->b, sizeof college_id->b },
			 take_pairing, &l, e);
	for (size_t i = 0; !rc && i < l.n; i++) {
		pairing p;
		rc = pairing_get(t, &l.v[i], &p, e);
		if (rc == E_NOTFOUND) {
			rc = 0;
			continue;
		}
		if (rc)
			break;
		if (pairing_active_on(&p, today))
			(*n)++;
		rec_free(&pairing_desc, &p);
	}
	free(l.v);
	return rc;
}

/* Talks of each student dated from..to, each handed to one(date). */
static int talks_of_students(store_txn *t, const struct ids *st, date_t from, date_t to,
			     void (*one)(date_t d, void *ctx), void *ctx, err *e)
{
	store_cursor *c;
	int rc = st_cursor_open(t, IX_TALK_TARGET, &c, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < st->n; i++) {
		keybuf k;
		bytes key, val;
		key_init(&k);
		key_id(&k, &st->v[i]);
		key_i32(&k, from);
		for (rc = st_seek(c, key_bytes(&k), &key, &val); rc == 0;
		     rc = st_next(c, &key, &val)) {
			size_t pos = sizeof(rid);
			int32_t d;
			if (key.len < sizeof(rid) || memcmp(key.data, st->v[i].b, sizeof(rid)) != 0
			    || !key_take_i32(key, &pos, &d) || d > to)
				break;
			one(d, ctx);
		}
		if (rc && rc != ST_END)
			break;
		rc = 0;
	}
	st_cursor_close(c);
	if (rc)
		return err_set(e, E_DB, "%s", _("cannot read the talk index"));
	return 0;
}

static void count_one(date_t d, void *ctx)
{
	(void)d;
	(*(size_t *)ctx)++;
}

int model_programme_of(store_txn *t, const rid *college_id, date_t today, model_programme *out,
		       err *e)
{
	if (!college_id)
		return model_programme_get(t, today, out, e);
	memset(out, 0, sizeof *out);
	struct ids st = { 0 };
	struct prog_of c = { college_id, out };
	int rc = students_of(t, college_id, &st, e);
	if (!rc)
		rc = count_students(t, &st, out, e);
	if (!rc)
		rc = st_rec_each(t, DB_COUNSELLOR, &counsellor_desc, count_counsellor, &c, e);
	if (!rc)
		rc = active_pairings(t, college_id, today, &out->active_pairings, e);
	if (!rc)
		rc = talks_of_students(t, &st, INT32_MIN + 1, INT32_MAX, count_one, &out->talks, e);
	free(st.v);
	return rc;
}

int model_talk_count_of(store_txn *t, const rid *college_id, date_t from, date_t to, size_t *n,
			err *e)
{
	if (!college_id)
		return model_talk_count_between(t, from, to, n, e);
	*n = 0;
	if (to < from)
		return 0;
	struct ids st = { 0 };
	int rc = students_of(t, college_id, &st, e);
	if (!rc)
		rc = talks_of_students(t, &st, from, to, count_one, n, e);
	free(st.v);
	return rc;
}

struct weeks {
	date_t start;
	size_t *counts;
};

static void count_week(date_t d, void *ctx)
{
	struct weeks *w = ctx;
	w->counts[(d - w->start) / 7]++;
}

int model_talks_by_week_of(store_txn *t, const rid *college_id, date_t start, int weeks,
			   size_t *counts, err *e)
{
	if (!college_id)
		return model_talks_by_week(t, start, weeks, counts, e);
	if (weeks <= 0)
		return 0;
	memset(counts, 0, (size_t)weeks * sizeof *counts);
	struct ids st = { 0 };
	struct weeks w = { start, counts };
	int rc = students_of(t, college_id, &st, e);
	if (!rc)
		rc = talks_of_students(t, &st, start, start + 7 * weeks - 1, count_week, &w, e);
	free(st.v);
	return rc;
}
