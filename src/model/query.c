#include "config.h"
/* query.c — overdue pairings (judged by pairing_status_on, views.c) and
 * counts. */
#include "model/internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

struct overdue_ctx {
	store_txn *t;
	int days;
	date_t today;
	overdue_row *rows;
	size_t n, cap;
	err *e;
};

static int overdue_one(const pairing *p, struct overdue_ctx *o)
{
	date_t last;
	int64_t limit = o->days;
	int rc;
	if (!pairing_active_on(p, o->today))
		return 0;
	if ((rc = pairing_last_talk(o->t, &p->m.id, &last, o->e)))
		return rc;
	if (limit <= 0 && (rc = college_overdue_days_of(o->t, &p->college_id, &limit, o->e)))
		return rc;
	pairing_status st;
	pairing_status_on(p, o->today, last, limit, NULL, &st);
	if (!st.overdue)
		return 0;
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 16;
		o->rows = xrealloc(o->rows, o->cap * sizeof *o->rows);
	}
	overdue_row *r = &o->rows[o->n++];
	r->pairing_id = p->m.id;
	r->member_id = p->member_id;
	r->target_id = p->target_id;
	r->college_id = p->college_id;
	r->last_talk = last;
	r->days = st.days;
	return 0;
}

static int overdue_each(const void *rec, void *ctx)
{
	return overdue_one(rec, ctx);
}

static int overdue_pairing(const pairing *p, void *ctx)
{
	return overdue_one(p, ctx);
}

static int by_days(const void *a, const void *b)
{
	const overdue_row *x = a, *y = b;
	if (x->days != y->days)
		return x->days > y->days ? -1 : 1;
	return rid_cmp(&x->pairing_id, &y->pairing_id);
}

int model_overdue(store_txn *t, const rid *college_id, int days, date_t today,
		  overdue_row **rows, size_t *n, err *e)
{
	struct overdue_ctx o = { t, days, today, NULL, 0, 0, e };
	int rc;
	*rows = NULL;
	*n = 0;
	if (college_id) {
		rc = pairings_in_college(t, college_id, overdue_pairing, &o, e);
	} else {
		rc = st_rec_each(t, DB_PAIRING, &pairing_desc, overdue_each, &o, e);
	}
	if (rc) {
		free(o.rows);
		return rc;
	}
	if (o.n)
		qsort(o.rows, o.n, sizeof *o.rows, by_days);
	*rows = o.rows;
	*n = o.n;
	return 0;
}

/* Live records are counted by an index that holds exactly one entry for
 * each live record of its entity (tombstones have none): LMDB keeps the
 * number of entries of every database, so this reads no record at all —
 * decoding every record made start-up take a second at a million talks.
 * `bangfu check` verifies the indexes against the records. */
int model_stats_get(store_txn *t, model_stats *out, err *e)
{
	(void)e;
	memset(out, 0, sizeof *out);
	out->colleges = st_count(t, IX_COLLEGE_NAME);
	out->students = st_count(t, IX_STUDENT_NO);
	out->members = st_count(t, IX_MEMBER_STUDENT);
	out->targets = st_count(t, IX_TARGET_STUDENT);
	out->counsellors = st_count(t, IX_STAFF_NO);
	out->pairings = st_count(t, IX_PAIRING_MEMBER);
	out->talks = st_count(t, IX_TALK_TARGET);
	out->aid = st_count(t, IX_AID_PAIRING);
	return 0;
}

/* ---- talks by date: DB_TALK_DAY (date -> count), kept with IX_TALK_DATE */

static void put_be32(uint8_t b[4], uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

static uint32_t get_be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

int model_talk_day_add(store_txn *t, date_t d, int delta, err *e)
{
	keybuf k;
	bytes v;
	uint8_t b[4];
	int64_t n = 0;
	key_init(&k);
	key_i32(&k, d);
	int rc = st_get(t, DB_TALK_DAY, key_bytes(&k), &v, e);
	if (rc != 0 && rc != E_NOTFOUND)
		return rc;
	if (rc == 0 && v.len == 4)
		n = get_be32(v.data);
	n += delta;
	if (n <= 0) {
		rc = st_del(t, DB_TALK_DAY, key_bytes(&k), e);
		return rc == E_NOTFOUND ? 0 : rc;
	}
	put_be32(b, (uint32_t)n);
	return st_put(t, DB_TALK_DAY, key_bytes(&k), (bytes){ b, 4 }, e);
}

/* Counts IX_TALK_DATE's entries per date: fn(date, count) for each date. */
static int count_index(store_txn *t, int (*fn)(date_t d, uint32_t n, void *ctx), void *ctx,
		       err *e)
{
	store_cursor *c;
	bytes key, val;
	int rc = st_cursor_open(t, IX_TALK_DATE, &c, e);
	if (rc)
		return rc;
	int32_t day = 0;
	uint32_t n = 0;
	int frc = 0;
	for (rc = st_first(c, &key, &val); rc == 0 && !frc; rc = st_next(c, &key, &val)) {
		size_t pos = 0;
		int32_t d;
		if (!key_take_i32(key, &pos, &d))
			continue;
		if (n && d != day) {
			frc = fn(day, n, ctx);
			n = 0;
		}
		day = d;
		n++;
	}
	st_cursor_close(c);
	if (rc && rc != ST_END)
		return err_set(e, E_DB, "%s", _("cannot read the talk date index"));
	if (!frc && n)
		frc = fn(day, n, ctx);
	return frc;
}

struct rebuild_ctx {
	store_txn *t;
	err *e;
};

static int put_day(date_t d, uint32_t n, void *ctx)
{
	struct rebuild_ctx *r = ctx;
	keybuf k;
	uint8_t b[4];
	key_init(&k);
	key_i32(&k, d);
	put_be32(b, n);
	return st_put(r->t, DB_TALK_DAY, key_bytes(&k), (bytes){ b, 4 }, r->e);
}

int model_talk_days_rebuild(store_txn *t, err *e)
{
	store_cursor *c;
	bytes key, val;
	int rc;
	/* drop what is there (a re-run), then count afresh */
	while ((rc = st_cursor_open(t, DB_TALK_DAY, &c, e)) == 0) {
		keybuf k;
		rc = st_first(c, &key, &val);
		if (rc == 0 && key.len <= sizeof k.b) {
			memcpy(k.b, key.data, key.len);
			k.len = key.len;
		}
		st_cursor_close(c);
		if (rc)
			break;
		rc = st_del(t, DB_TALK_DAY, key_bytes(&k), e);
		if (rc && rc != E_NOTFOUND)
			return rc;
	}
	if (rc != ST_END)
		return rc;
	struct rebuild_ctx r = { t, e };
	return count_index(t, put_day, &r, e);
}

struct days_check {
	store_cursor *c;
	bytes key, val;
	int at;                /* 0 on an entry, ST_END past the end, else an error */
	errlist *probs;
};

static void day_problem(struct days_check *x, date_t d, uint32_t kept, uint32_t counted)
{
	char ds[11];
	date_format(d, ds);
	errlist_add(x->probs, _("talk_day: %s counts %u talks, the date index holds %u"), ds,
		    (unsigned)kept, (unsigned)counted);
}

static bool day_at(struct days_check *x, int32_t *d, uint32_t *n)
{
	size_t pos = 0;
	if (x->at != 0 || !key_take_i32(x->key, &pos, d))
		return false;
	*n = x->val.len == 4 ? get_be32(x->val.data) : 0;
	return true;
}

static int check_day(date_t d, uint32_t n, void *ctx)
{
	struct days_check *x = ctx;
	int32_t kd;
	uint32_t kn;
	while (day_at(x, &kd, &kn) && kd < d) {
		day_problem(x, kd, kn, 0);
		x->at = st_next(x->c, &x->key, &x->val);
	}
	if (day_at(x, &kd, &kn) && kd == d) {
		if (kn != n)
			day_problem(x, d, kn, n);
		x->at = st_next(x->c, &x->key, &x->val);
	} else {
		day_problem(x, d, 0, n);
	}
	return 0;
}

int model_talk_days_check(store_txn *t, errlist *probs, err *e)
{
	struct days_check x = { .probs = probs };
	int rc = st_cursor_open(t, DB_TALK_DAY, &x.c, e);
	if (rc)
		return rc;
	x.at = st_first(x.c, &x.key, &x.val);
	rc = count_index(t, check_day, &x, e);
	int32_t kd;
	uint32_t kn;
	while (!rc && day_at(&x, &kd, &kn)) {
		day_problem(&x, kd, kn, 0);
		x.at = st_next(x.c, &x.key, &x.val);
	}
	st_cursor_close(x.c);
	return rc;
}

/* Calls one(date, count, ctx) for each day from..to that has talks, in
 * date order: a row per day of DB_TALK_DAY, no talk and no talk key read. */
static int talk_days(store_txn *t, date_t from, date_t to,
		     void (*one)(date_t d, size_t n, void *ctx), void *ctx, err *e)
{
	store_cursor *c;
	keybuf k;
	bytes key, val;
	int rc = st_cursor_open(t, DB_TALK_DAY, &c, e);
	if (rc)
		return rc;
	key_init(&k);
	key_i32(&k, from);
	for (rc = st_seek(c, key_bytes(&k), &key, &val); rc == 0; rc = st_next(c, &key, &val)) {
		size_t pos = 0;
		int32_t d;
		if (!key_take_i32(key, &pos, &d) || val.len != 4)
			continue;
		if (d > to)
			break;
		one(d, get_be32(val.data), ctx);
	}
	st_cursor_close(c);
	if (rc && rc != ST_END)
		return err_set(e, E_DB, "%s", _("cannot read the talk date index"));
	return 0;
}

static void count_date(date_t d, size_t n, void *ctx)
{
	(void)d;
	*(size_t *)ctx += n;
}

int model_talk_count_between(store_txn *t, date_t from, date_t to, size_t *n, err *e)
{
	*n = 0;
	if (to < from)
		return 0;
	return talk_days(t, from, to, count_date, n, e);
}

struct weeks_ctx {
	date_t start;
	size_t *counts;
};

static void week_date(date_t d, size_t n, void *ctx)
{
	struct weeks_ctx *w = ctx;
	w->counts[(d - w->start) / 7] += n;
}

int model_talks_by_week(store_txn *t, date_t start, int weeks, size_t *counts, err *e)
{
	struct weeks_ctx w = { start, counts };
	if (weeks <= 0)
		return 0;
	memset(counts, 0, (size_t)weeks * sizeof *counts);
	return talk_days(t, start, start + 7 * weeks - 1, week_date, &w, e);
}

/* ---- the programme's counts for the dashboard ------------------------- */

struct prog_ctx {
	model_programme *p;
	date_t today;
};

static int prog_target(const void *rec, void *ctx)
{
	const target *g = rec;
	model_programme *p = ((struct prog_ctx *)ctx)->p;
	if (g->status && strcmp(g->status, "已结束") == 0)
		return 0;
	p->targets++;
	if (g->kinds & KIND_ACADEMIC)
		p->academic++;
	if (g->kinds & KIND_FINANCIAL)
		p->financial++;
	if (g->kinds & KIND_PSYCH)
		p->psych++;
	return 0;
}

static int prog_pairing(const void *rec, void *ctx)
{
	struct prog_ctx *c = ctx;
	if (pairing_active_on(rec, c->today))
		c->p->active_pairings++;
	return 0;
}

int model_programme_get(store_txn *t, date_t today, model_programme *out, err *e)
{
	struct prog_ctx c = { out, today };
	int rc;
	memset(out, 0, sizeof *out);
	out->members = st_count(t, IX_MEMBER_STUDENT);
	out->counsellors = st_count(t, IX_STAFF_NO);
	out->talks = st_count(t, IX_TALK_DATE);
	if ((rc = st_rec_each(t, DB_TARGET, &target_desc, prog_target, &c, e)))
		return rc;
	return st_rec_each(t, DB_PAIRING, &pairing_desc, prog_pairing, &c, e);
}

/* ---- talks for the screens, newest first, reading only what is shown -- */

/* Reads the talk whose id ends an index key (at pos) and calls fn. */
static int talk_at(store_txn *t, bytes key, size_t pos, talk_fn fn, void *ctx, err *e)
{
	rid id;
	talk k;
	if (!key_take_id(key, &pos, &id))
		return 0;
	int rc = talk_get(t, &id, &k, e);
	if (rc == E_NOTFOUND)
		return 0;
	if (rc)
		return rc;
	rc = fn(&k, ctx);
	rec_free(&talk_desc, &k);
	return rc;
}

int model_talk_walk(store_txn *t, const talk_pos *from, bool older, bool include,
		    size_t n, talk_fn fn, void *ctx, err *e)
{
	store_cursor *c;
	bytes key, val;
	keybuf want;
	size_t done = 0;
	int rc = st_cursor_open(t, IX_TALK_DATE, &c, e);
	if (rc)
		return rc;
	if (!from) {
		rc = older ? st_last(c, &key, &val) : st_first(c, &key, &val);
	} else {
		key_init(&want);
		key_i32(&want, from->date);
		key_id(&want, &from->id);
		rc = st_seek(c, key_bytes(&want), &key, &val);
		if (older) {
			/* the first key >= from: step back to the one before
			 * unless it is from itself and wanted */
			bool exact = rc == 0 && key.len == want.len &&
				memcmp(key.data, want.b, want.len) == 0;
			if (rc == ST_END)
				rc = st_last(c, &key, &val);
			else if (rc == 0 && !(exact && include))
				rc = st_prev(c, &key, &val);
		} else if (rc == 0 && !include && key.len == want.len &&
			   memcmp(key.data, want.b, want.len) == 0) {
			rc = st_next(c, &key, &val);
		}
	}
	int frc = 0;
	while (rc == 0 && done < n) {
		if ((frc = talk_at(t, key, sizeof(int32_t), fn, ctx, e)))
			break;
		done++;
		rc = older ? st_prev(c, &key, &val) : st_next(c, &key, &val);
	}
	st_cursor_close(c);
	if (frc)
		return frc;
	if (rc && rc != ST_END)
		return err_set(e, E_DB, "%s", _("cannot read the talk date index"));
	return 0;
}

int model_talks_of_target(store_txn *t, const rid *student_id, talk_fn fn, void *ctx, err *e)
{
	store_cursor *c;
	bytes key, val;
	int rc = st_cursor_open(t, IX_TALK_TARGET, &c, e);
	if (rc)
		return rc;
	int frc = 0;
	bytes pre = { student_id->b, sizeof student_id->b };
	for (rc = st_last_prefix(c, pre, &key, &val); rc == 0; rc = st_prev(c, &key, &val)) {
		if (key.len < pre.len || memcmp(key.data, pre.data, pre.len) != 0)
			break;
		if ((frc = talk_at(t, key, sizeof(rid) + sizeof(int32_t), fn, ctx, e)))
			break;
	}
	st_cursor_close(c);
	if (frc)
		return frc;
	if (rc && rc != ST_END)
		return err_set(e, E_DB, "%s", _("cannot read the talk index"));
	return 0;
}

int model_target_last_talk(store_txn *t, const rid *student_id, date_t *out, err *e)
{
	return model_last_date(t, IX_TALK_TARGET, student_id, out, e);
}

int model_aid_of_pairing(store_txn *t, const rid *pairing_id, aid_fn fn, void *ctx, err *e)
{
	store_cursor *c;
	bytes key, val;
	int rc = st_cursor_open(t, IX_AID_PAIRING, &c, e);
	if (rc)
		return rc;
	int frc = 0;
	bytes pre = { pairing_id->b, sizeof pairing_id->b };
	for (rc = st_last_prefix(c, pre, &key, &val); rc == 0; rc = st_prev(c, &key, &val)) {
		size_t pos = sizeof(rid) + sizeof(int32_t);
		rid id;
		aid a;
		if (key.len < pre.len || memcmp(key.data, pre.data, pre.len) != 0)
			break;
		if (!key_take_id(key, &pos, &id))
			continue;
		int g = aid_get(t, &id, &a, e);
		if (g == E_NOTFOUND)
			continue;
		if (g) {
			frc = g;
			break;
		}
		frc = fn(&a, ctx);
		rec_free(&aid_desc, &a);
		if (frc)
			break;
	}
	st_cursor_close(c);
	if (frc)
		return frc;
	if (rc && rc != ST_END)
		return err_set(e, E_DB, "%s", _("cannot read the aid index"));
	return 0;
}
