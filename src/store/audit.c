/* audit.c — the append-only audit log: who changed which record, when, and
 * which fields. Keys are fresh ids, so the log sorts by time. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "util/i18n.h"

static int audit_db(store_txn *t)
{
	int db = store_db_index(store_of(t), "audit");
	if (db < 0)
		die("store: no database named \"audit\" was opened");
	return db;
}

static int audit_put(store_txn *t, const audit_entry *a, err *e)
{
	uint8_t *buf;
	size_t len;
	int rc;

	audit_encode(a, &buf, &len);
	rc = st_put(t, audit_db(t), (bytes){ a->key.b, 16 }, (bytes){ buf, len }, e);
	free(buf);
	return rc;
}

int st_audit_add(store_txn *t, const char *db, const rid *record, char op, uint64_t fields, err *e)
{
	audit_entry a = { .op = op, .fields = fields, .record = *record };
	struct timespec ts;

	rid_new(&a.key);
	clock_gettime(CLOCK_REALTIME, &ts);
	a.at = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	snprintf(a.who, sizeof a.who, "%s", store_actor(store_of(t)));
	snprintf(a.db, sizeof a.db, "%s", db ? db : "");
	return audit_put(t, &a, e);
}

typedef struct audit_scan {
	st_audit_fn fn;
	void *ctx;
	err *e;
	int failed;
} audit_scan;

static int audit_one(bytes key, bytes val, void *ctx)
{
	audit_scan *sc = ctx;
	audit_entry a;

	if (key.len != 16) {
		sc->failed = err_set(sc->e, E_DB, _("corrupt audit key in the database"));
		return sc->failed;
	}
	memcpy(a.key.b, key.data, 16);
	if (audit_decode(val.data, val.len, &a, sc->e) != 0) {
		sc->failed = E_DB;
		return E_DB;
	}
	return sc->fn(&a, sc->ctx);
}

int st_audit_each(store_txn *t, st_audit_fn fn, void *ctx, err *e)
{
	audit_scan sc = { fn, ctx, e, 0 };
	return st_scan(t, audit_db(t), (bytes){ NULL, 0 }, audit_one, &sc, e);
}

int st_audit_restore(store_txn *t, const audit_entry *a, err *e)
{
	char hex[33];
	int rc;

	if (rid_is_zero(&a->key))
		return err_set(e, E_DB, _("cannot restore an audit entry without an id"));
	rc = st_get(t, audit_db(t), (bytes){ a->key.b, 16 }, NULL, e);
	if (rc == 0) {
		rid_hex(&a->key, hex);
		return err_set(e, E_DB, _("audit entry %s already exists"), hex);
	}
	if (rc != E_NOTFOUND)
		return rc;
	return audit_put(t, a, e);
}

/* ---- upgrade and check ------------------------------------------------ */

struct audit_list {
	audit_entry *a;
	size_t n, cap;
};

static int audit_collect(const audit_entry *a, void *ctx)
{
	struct audit_list *l = ctx;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 256;
		l->a = xrealloc(l->a, l->cap * sizeof *l->a);
	}
	l->a[l->n++] = *a;
	return 0;
}

int st_audit_upgrade(store_txn *t, err *e)
{
	struct audit_list l = { 0 };
	int rc = st_audit_each(t, audit_collect, &l, e);
	for (size_t i = 0; i < l.n && !rc; i++)
		rc = audit_put(t, &l.a[i], e);
	free(l.a);
	return rc;
}

struct audit_chk {
	errlist *probs;
	size_t bad;
};

static int audit_chk_one(bytes key, bytes val, void *ctx)
{
	struct audit_chk *c = ctx;
	audit_entry a;
	err ignore = { 0 };
	char hex[33] = "?";
	if (key.len == 16) {
		memcpy(a.key.b, key.data, 16);
		rid_hex(&a.key, hex);
	}
	if (key.len != 16 || audit_decode(val.data, val.len, &a, &ignore) != 0) {
		errlist_add(c->probs, _("audit: entry %s is damaged"), hex);
		c->bad++;
	}
	return 0;
}

int st_audit_check(store_txn *t, errlist *probs, err *e)
{
	struct audit_chk c = { probs, 0 };
	int rc = st_scan(t, audit_db(t), (bytes){ NULL, 0 }, audit_chk_one, &c, e);
	if (rc) {
		errlist_add(probs, _("audit: cannot be read through: %s"), e->msg);
		return rc;
	}
	return 0;
}
