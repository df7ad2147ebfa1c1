#include "config.h"
/* check.c — a full consistency check: every record decodes, every index
 * matches its records both ways, every rule holds. */
#include "model/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

/* An index entry the records imply. */
struct want {
	int db;
	uint8_t *key;          /* malloc'd */
	size_t klen;
	bool has_val;
	rid val;
	char *label;           /* the record it belongs to */
};

struct wants {
	struct want *w;
	size_t n, cap;
};

static void want_add(struct wants *ws, const ix_entry *x, const char *label)
{
	if (ws->n == ws->cap) {
		ws->cap = ws->cap ? ws->cap * 2 : 64;
		ws->w = xrealloc(ws->w, ws->cap * sizeof *ws->w);
	}
	struct want *w = &ws->w[ws->n++];
	w->db = x->db;
	w->klen = x->key.len;
	w->key = xmalloc(x->key.len ? x->key.len : 1);
	memcpy(w->key, x->key.b, x->key.len);
	w->has_val = x->has_val;
	w->val = x->val;
	w->label = xstrdup(label);
}

static int keycmp(const void *a, size_t alen, const void *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);
	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}

static int by_db_key(const void *a, const void *b)
{
	const struct want *x = a, *y = b;
	if (x->db != y->db)
		return x->db < y->db ? -1 : 1;
	return keycmp(x->key, x->klen, y->key, y->klen);
}

static bool string_keyed(int db)
{
	return db == IX_COLLEGE_NAME || db == IX_SEMESTER_CODE || db == IX_STUDENT_NO
	       || db == IX_STAFF_NO;
}

/* A key as a reader would like to see it. */
static void show_key(int db, const uint8_t *k, size_t len, char *buf, size_t n)
{
	if (string_keyed(db) && len && k[len - 1] == '\0') {
		snprintf(buf, n, "\"%.*s\"", (int)(len - 1), (const char *)k);
		return;
	}
	size_t used = 0;
	for (size_t i = 0; i < len && used + 3 < n; i++) {
		if (i && i % 16 == 0)
			buf[used++] = '|';
		used += (size_t)snprintf(buf + used, n - used, "%02x", k[i]);
	}
	buf[used < n ? used : n - 1] = '\0';
}

struct checker {
	store_txn *t;
	errlist *probs;
	struct wants wants;
	err *e;
};

static void check_member_profile(struct checker *c, const student *s, const char *label)
{
	member m;
	err me = { 0 };
	if (!political_is_member(s->political))
		return;
	int rc = member_of_student(c->t, &s->m.id, &m, &me);
	if (rc == 0)
		rec_free(&member_desc, &m);
	else if (rc == E_NOTFOUND)
		errlist_add(c->probs, _("%s: party member without a member profile"), label);
	else
		errlist_add(c->probs, "%s: %s", label, me.msg);
}

/* Every record of one entity: decodes, obeys the rules, implies index
 * entries. */
static int check_entity(struct checker *c, const entity_ops *ops)
{
	store_cursor *cur;
	bytes k, v;
	ix_entry *xs = xcalloc(IX_MAX_PER_RECORD, sizeof *xs);
	void *rec = xcalloc(1, ops->desc->size);
	const char *dbname = model_db_names[ops->db];
	int rc = st_cursor_open(c->t, ops->db, &cur, c->e);
	if (rc)
		goto out;
	for (rc = st_first(cur, &k, &v); rc == 0; rc = st_next(cur, &k, &v)) {
		err de = { 0 };
		char hex[33], label[400];
		rec_meta *m = rec;
		if (k.len != sizeof(rid)) {
			errlist_add(c->probs, _("%s: a key of %zu bytes is not a record id"), dbname,
				    k.len);
			continue;
		}
		rid id;
		memcpy(id.b, k.data, sizeof id.b);
		rid_hex(&id, hex);
		if (rec_decode(ops->desc, v.data, v.len, rec, &de)) {
			errlist_add(c->probs, _("%s %s: cannot be read: %s"), ops->desc->name, hex,
				    de.msg);
			continue;
		}
		m->id = id;
		if (m->flags & REC_DELETED) {
			rec_free(ops->desc, rec);
			continue;
		}
		ops->label(c->t, rec, label, sizeof label);
		err ve = { 0 };
		if (ops->validate(c->t, rec, &ve))
			errlist_add(c->probs, "%s: %s", label, ve.msg);
		if (ops == &student_ops)
			check_member_profile(c, rec, label);
		size_t nx = ops->keys(rec, xs);
		for (size_t i = 0; i < nx; i++)
			want_add(&c->wants, &xs[i], label);
		rec_free(ops->desc, rec);
	}
	st_cursor_close(cur);
	if (rc == ST_END)
		rc = 0;
out:
	free(xs);
	free(rec);
	return rc;
}

static void val_hex(bool has, const rid *r, char buf[33])
{
	if (has)
		rid_hex(r, buf);
	else
		snprintf(buf, 33, "%s", _("(empty)"));
}

/* Compares one index with the entries the records imply (sorted). */
static int check_index(struct checker *c, int db, struct want *w, size_t nw)
{
	store_cursor *cur;
	bytes k, v;
	const char *name = model_db_names[db];
	size_t i = 0;
	char shown[200], a[33], b[33];
	int rc = st_cursor_open(c->t, db, &cur, c->e);
	if (rc)
		return rc;
	rc = st_first(cur, &k, &v);
	while (rc == 0 || i < nw) {
		int cmp = rc != 0 ? 1 : i >= nw ? -1 : keycmp(k.data, k.len, w[i].key, w[i].klen);
		if (cmp < 0) {
			show_key(db, k.data, k.len, shown, sizeof shown);
			errlist_add(c->probs, _("index %s: entry %s belongs to no record"), name,
				    shown);
			rc = st_next(cur, &k, &v);
			continue;
		}
		if (cmp > 0) {
			show_key(db, w[i].key, w[i].klen, shown, sizeof shown);
			errlist_add(c->probs, _("index %s: entry %s for %s is missing"), name, shown,
				    w[i].label);
			i++;
			continue;
		}
		bool has = v.len != 0;
		bool same = has == w[i].has_val
			    && (!has || (v.len == sizeof(rid) && memcmp(v.data, w[i].val.b, v.len) == 0));
		if (!same) {
			rid got = { { 0 } };
			if (v.len == sizeof(rid))
				memcpy(got.b, v.data, sizeof got.b);
			show_key(db, w[i].key, w[i].klen, shown, sizeof shown);
			val_hex(has, &got, a);
			val_hex(w[i].has_val, &w[i].val, b);
			errlist_add(c->probs, _("index %s: entry %s points to %s, not to %s (%s)"),
				    name, shown, a, b, w[i].label);
		}
		/* Records claiming the same unique key. */
		while (i + 1 < nw && keycmp(w[i].key, w[i].klen, w[i + 1].key, w[i + 1].klen) == 0) {
			show_key(db, w[i].key, w[i].klen, shown, sizeof shown);
			errlist_add(c->probs, _("index %s: %s and %s share the key %s"), name,
				    w[i].label, w[i + 1].label, shown);
			i++;
		}
		i++;
		rc = st_next(cur, &k, &v);
	}
	st_cursor_close(cur);
	return rc == ST_END || rc == 0 ? 0 : err_set(c->e, E_DB, _("index %s: cannot be read"), name);
}

int model_check(store_txn *t, errlist *probs, err *e)
{
	struct checker c = { t, probs, { 0 }, e };
	size_t before = probs->n;
	uint32_t v;
	int rc = st_meta_get_u32(t, "schema_version", &v, e);
	if (rc == E_NOTFOUND)
		errlist_add(probs, "%s", _("meta: no schema version"));
	else if (rc)
		return rc;
	else if (v != SCHEMA_VERSION)
		errlist_add(probs, _("meta: schema version %u, expected %d"), (unsigned)v,
			    (int)SCHEMA_VERSION);
	rc = 0;
	for (size_t i = 0; i < model_nentities && !rc; i++)
		rc = check_entity(&c, model_entities[i]);
	if (!rc) {
		if (c.wants.n)
			qsort(c.wants.w, c.wants.n, sizeof *c.wants.w, by_db_key);
		size_t i = 0;
		for (int db = IX_COLLEGE_NAME; db < DB__COUNT && !rc; db++) {
			size_t j = i;
			while (j < c.wants.n && c.wants.w[j].db == db)
				j++;
			rc = check_index(&c, db, c.wants.n ? c.wants.w + i : NULL, j - i);
			i = j;
		}
	}
	for (size_t i = 0; i < c.wants.n; i++) {
		free(c.wants.w[i].key);
		free(c.wants.w[i].label);
	}
	free(c.wants.w);
	if (!rc)
		rc = model_talk_days_check(t, probs, e);
	if (!rc)
		rc = model_pairing_lasts_check(t, probs, e);
	if (!rc)
		rc = st_audit_check(t, probs, e);
	if (rc)
		return rc;
	if (probs->n > before)
		return err_set(e, E_DB, _("%zu problem(s) found"), probs->n - before);
	return 0;
}
