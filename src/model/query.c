#include "config.h"
/* query.c — overdue pairings and counts. */
#include "model/model.h"

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
	if (limit <= 0) {
		college c;
		rc = college_get(o->t, &p->college_id, &c, o->e);
		if (rc != 0 && rc != 1)
			return rc;
		limit = college_overdue_days(rc == 0 ? &c : NULL);
		if (rc == 0)
			rec_free(&college_desc, &c);
	}
	int since = (int)(o->today - (last ? last : p->start));
	if (since <= limit)
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
	r->days = since;
	return 0;
}

static int overdue_each(const void *rec, void *ctx)
{
	return overdue_one(rec, ctx);
}

struct idlist {
	rid *ids;
	size_t n, cap;
};

/* IX_PAIRING_COLLEGE: college | semester | pairing. */
static int collect_pairing(bytes key, bytes val, void *ctx)
{
	struct idlist *l = ctx;
	size_t pos = 2 * sizeof(rid);
	rid id;
	if (!key_take_id(key, &pos, &id))
		return 0;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->ids = xrealloc(l->ids, l->cap * sizeof *l->ids);
	}
	l->ids[l->n++] = id;
	return 0;
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
		struct idlist l = { 0 };
		rc = st_scan(t, IX_PAIRING_COLLEGE, (bytes){ college_id->b, sizeof college_id->b },
			     collect_pairing, &l, e);
		for (size_t i = 0; !rc && i < l.n; i++) {
			pairing p;
			rc = pairing_get(t, &l.ids[i], &p, e);
			if (rc == 1) {
				rc = 0;
				continue;
			}
			if (rc)
				break;
			rc = overdue_one(&p, &o);
			rec_free(&pairing_desc, &p);
		}
		free(l.ids);
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

static int count_one(const void *rec, void *ctx)
{
	(*(size_t *)ctx)++;
	return 0;
}

int model_stats_get(store_txn *t, model_stats *out, err *e)
{
	struct {
		size_t *n;
		int db;
		const record_desc *d;
	} what[] = {
		{ &out->colleges, DB_COLLEGE, &college_desc },
		{ &out->students, DB_STUDENT, &student_desc },
		{ &out->members, DB_MEMBER, &member_desc },
		{ &out->targets, DB_TARGET, &target_desc },
		{ &out->counsellors, DB_COUNSELLOR, &counsellor_desc },
		{ &out->pairings, DB_PAIRING, &pairing_desc },
		{ &out->talks, DB_TALK, &talk_desc },
		{ &out->aid, DB_AID, &aid_desc },
	};
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < sizeof what / sizeof *what; i++) {
		int rc = st_rec_each(t, what[i].db, what[i].d, count_one, what[i].n, e);
		if (rc)
			return rc;
	}
	return 0;
}
