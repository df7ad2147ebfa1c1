/* test_store.c — the LMDB layer: records, revs, audit, tombstones, keys and
 * scans, map growth, reopening, file modes, backups, rollbacks. Criterion runs
 * each test in its own process, so each opens its own store. */
#include "config.h"

#include <criterion/criterion.h>

#include "tmpdir.h"
#include <lmdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store.h"

typedef struct thing {
	rec_meta m;
	char *name;
	int64_t amount;
	rid other;
	int32_t day;
	uint32_t bits;
} thing;

static const field_desc thing_fields[] = {
	FIELD(1, thing, name, FT_STR),
	FIELD(2, thing, amount, FT_INT),
	FIELD(3, thing, other, FT_ID),
	FIELD(4, thing, day, FT_DATE),
	FIELD(5, thing, bits, FT_BITS),
};
static const record_desc thing_desc = { "thing", sizeof(thing), thing_fields, 5 };

enum { DB_META, DB_AUDIT, DB_THING, DB_IX, DB_N };
static const char *const dbnames[DB_N] = { "meta", "audit", "thing", "ix" };

static char *tmpdir(void)
{
	char *d = test_mkdtemp("bangfu-store");
	cr_assert_not_null(d);
	return d;
}

static store *open_at(const char *dir)
{
	store *s = NULL;
	err e = { 0 };
	int rc = store_open(&s, dir, dbnames, DB_N, &e);
	cr_assert_eq(rc, 0, "store_open %s: %s", dir, e.msg);
	store_set_actor(s, "tester@box");
	return s;
}

static char *dbdir(void)
{
	char *d = tmpdir();
	char *db = malloc(strlen(d) + 8);
	sprintf(db, "%s/db", d);
	free(d);
	return db;
}

/* ---- small write and read functions ---------------------------------- */

static int put_fn(store_txn *t, void *ctx, err *e)
{
	return st_rec_put(t, DB_THING, &thing_desc, ctx, e);
}

static void save(store *s, thing *x)
{
	err e = { 0 };
	int rc = store_write(s, put_fn, x, &e);
	cr_assert_eq(rc, 0, "save: %s", e.msg);
}

typedef struct get_ctx {
	rid id;
	thing out;
	int rc;
} get_ctx;

static int get_fn(store_txn *t, void *ctx, err *e)
{
	get_ctx *g = ctx;
	g->rc = st_rec_get(t, DB_THING, &thing_desc, &g->id, &g->out, e);
	return g->rc == E_DB ? E_DB : 0;
}

/* 0 and the record in *out (to rec_free), or 1 if not there. */
static int load(store *s, const rid *id, thing *out)
{
	get_ctx g = { .id = *id };
	err e = { 0 };
	cr_assert_eq(store_read(s, get_fn, &g, &e), 0, "load: %s", e.msg);
	if (g.rc == 0)
		*out = g.out;
	return g.rc;
}

typedef struct audits {
	audit_entry a[64];
	int n;
} audits;

static int audit_collect(const audit_entry *a, void *ctx)
{
	audits *l = ctx;
	if (l->n < 64)
		l->a[l->n] = *a;
	l->n++;
	return 0;
}

static int audit_fn(store_txn *t, void *ctx, err *e)
{
	return st_audit_each(t, audit_collect, ctx, e);
}

static audits *read_audit(store *s)
{
	static audits l;
	err e = { 0 };
	memset(&l, 0, sizeof l);
	cr_assert_eq(store_read(s, audit_fn, &l, &e), 0, "%s", e.msg);
	return &l;
}

/* ---- records ---------------------------------------------------------- */

Test(store, put_makes_an_id_and_get_reads_it_back)
{
	store *s = open_at(dbdir());
	thing x = { .name = "李明", .amount = -250, .day = 20593, .bits = 5 };
	rid_new(&x.other);
	save(s, &x);
	cr_assert_not(rid_is_zero(&x.m.id), "a new id is written back");
	cr_assert_eq(x.m.rev, 1);
	cr_assert_gt(x.m.updated_at, 0);
	cr_assert_str_eq(x.m.updated_by, "tester@box");

	thing y;
	cr_assert_eq(load(s, &x.m.id, &y), 0);
	cr_assert_str_eq(y.name, "李明");
	cr_assert_eq(y.amount, -250);
	cr_assert_eq(y.day, 20593);
	cr_assert_eq(y.bits, 5);
	cr_assert_eq(rid_cmp(&y.other, &x.other), 0);
	cr_assert_eq(rid_cmp(&y.m.id, &x.m.id), 0);
	cr_assert_eq(y.m.rev, 1);
	cr_assert_eq(y.m.updated_at, x.m.updated_at);
	cr_assert_str_eq(y.m.updated_by, "tester@box");
	rec_free(&thing_desc, &y);

	rid nobody;
	rid_new(&nobody);
	cr_assert_eq(load(s, &nobody, &y), E_NOTFOUND);
	store_close(s);
}

Test(store, default_actor_is_user_at_host)
{
	store *s = NULL;
	err e = { 0 };
	setenv("USER", "wang", 1);
	cr_assert_eq(store_open(&s, dbdir(), dbnames, DB_N, &e), 0, "%s", e.msg);
	cr_assert_eq(strncmp(store_actor(s), "wang@", 5), 0, "%s", store_actor(s));
	cr_assert_gt(strlen(store_actor(s)), 5);
	store_close(s);
}

Test(store, every_write_bumps_the_rev)
{
	store *s = open_at(dbdir());
	thing x = { .name = "a" };
	save(s, &x);
	save(s, &x);
	save(s, &x);
	cr_assert_eq(x.m.rev, 3);
	thing y;
	cr_assert_eq(load(s, &x.m.id, &y), 0);
	cr_assert_eq(y.m.rev, 3);
	rec_free(&thing_desc, &y);
	store_close(s);
}

Test(store, a_stale_rev_is_a_conflict_and_changes_nothing)
{
	store *s = open_at(dbdir());
	thing x = { .name = "first" };
	save(s, &x);

	thing a = x, b = x;      /* two terminals opened the same record */
	a.name = "from a";
	b.name = "from b";
	save(s, &a);
	cr_assert_eq(a.m.rev, 2);

	err e = { 0 };
	thing before = b;
	cr_assert_eq(store_write(s, put_fn, &b, &e), E_DB);
	cr_assert_eq(e.code, E_DB);
	cr_assert(strstr(e.msg, "changed by someone else"), "%s", e.msg);
	cr_assert_eq(memcmp(&b, &before, sizeof b), 0, "the refused record is untouched");

	thing y;
	cr_assert_eq(load(s, &x.m.id, &y), 0);
	cr_assert_str_eq(y.name, "from a");
	cr_assert_eq(y.m.rev, 2);
	rec_free(&thing_desc, &y);
	cr_assert_eq(read_audit(s)->n, 2, "no audit entry for the refused write");

	/* a record claiming a rev for an id that was never stored */
	thing ghost = { .name = "g", .m.rev = 4 };
	rid_new(&ghost.m.id);
	cr_assert_eq(store_write(s, put_fn, &ghost, &e), E_DB);
	store_close(s);
}

Test(store, each_write_leaves_an_audit_entry_naming_changed_fields)
{
	store *s = open_at(dbdir());
	thing x = { .name = "a", .amount = 3 };
	save(s, &x);
	x.name = "b";
	save(s, &x);
	save(s, &x);                       /* nothing changed */
	x.m.flags |= REC_DELETED;
	save(s, &x);

	audits *l = read_audit(s);
	cr_assert_eq(l->n, 4);
	for (int i = 0; i < 4; i++) {
		cr_assert_eq(rid_cmp(&l->a[i].record, &x.m.id), 0);
		cr_assert_str_eq(l->a[i].db, "thing");
		cr_assert_str_eq(l->a[i].who, "tester@box");
		cr_assert_gt(l->a[i].at, 0);
		if (i)
			cr_assert_lt(rid_cmp(&l->a[i - 1].key, &l->a[i].key), 0, "in write order");
	}
	cr_assert_eq(l->a[0].op, 'c');
	cr_assert_eq(l->a[0].fields, (1u << 1) | (1u << 2));
	cr_assert_eq(l->a[1].op, 'u');
	cr_assert_eq(l->a[1].fields, 1u << 1);
	cr_assert_eq(l->a[2].op, 'u');
	cr_assert_eq(l->a[2].fields, 0);
	cr_assert_eq(l->a[3].op, 'd');
	store_close(s);
}

typedef struct each_ctx {
	int n;
	char names[8][16];
} each_ctx;

static int each_cb(const void *rec, void *ctx)
{
	const thing *x = rec;
	each_ctx *c = ctx;
	if (c->n < 8)
		snprintf(c->names[c->n], 16, "%s", x->name ? x->name : "");
	c->n++;
	return 0;
}

static int each_fn(store_txn *t, void *ctx, err *e)
{
	return st_rec_each(t, DB_THING, &thing_desc, each_cb, ctx, e);
}

static int raw_get_fn(store_txn *t, void *ctx, err *e)
{
	thing *x = ctx;
	bytes v;
	return st_get(t, DB_THING, (bytes){ x->m.id.b, 16 }, &v, e);
}

Test(store, tombstones_are_hidden_but_kept)
{
	store *s = open_at(dbdir());
	thing a = { .name = "a" }, b = { .name = "b" }, c = { .name = "c" };
	save(s, &a);
	save(s, &b);
	save(s, &c);
	b.m.flags |= REC_DELETED;
	save(s, &b);

	thing y;
	cr_assert_eq(load(s, &b.m.id, &y), E_NOTFOUND, "a tombstone reads as not found");
	each_ctx ec = { 0 };
	err e = { 0 };
	cr_assert_eq(store_read(s, each_fn, &ec, &e), 0, "%s", e.msg);
	cr_assert_eq(ec.n, 2);
	cr_assert_str_eq(ec.names[0], "a", "in id (creation) order");
	cr_assert_str_eq(ec.names[1], "c");
	cr_assert_eq(store_read(s, raw_get_fn, &b, &e), 0, "the tombstone is still stored");
	store_close(s);
}

static int stop_cb(const void *rec, void *ctx)
{
	(void)rec;
	++*(int *)ctx;
	return 42;
}

static int each_stop_fn(store_txn *t, void *ctx, err *e)
{
	return st_rec_each(t, DB_THING, &thing_desc, stop_cb, ctx, e);
}

Test(store, rec_each_stops_when_told)
{
	store *s = open_at(dbdir());
	thing a = { .name = "a" }, b = { .name = "b" };
	save(s, &a);
	save(s, &b);
	int n = 0;
	err e = { 0 };
	cr_assert_eq(store_read(s, each_stop_fn, &n, &e), 42);
	cr_assert_eq(n, 1);
	store_close(s);
}

/* ---- rollback and failure --------------------------------------------- */

static int put_then_rollback(store_txn *t, void *ctx, err *e)
{
	int rc = st_rec_put(t, DB_THING, &thing_desc, ctx, e);
	cr_assert_eq(rc, 0);
	cr_assert(st_count(t, DB_THING) == 1, "visible inside the transaction");
	return STORE_ROLLBACK;
}

static int put_then_fail(store_txn *t, void *ctx, err *e)
{
	int rc = st_rec_put(t, DB_THING, &thing_desc, ctx, e);
	cr_assert_eq(rc, 0);
	return err_set(e, E_INPUT, "row 3: bad");
}

static int count_fn(store_txn *t, void *ctx, err *e)
{
	*(size_t *)ctx = st_count(t, DB_THING) + st_count(t, DB_AUDIT);
	return 0;
}

Test(store, rollback_writes_nothing)
{
	store *s = open_at(dbdir());
	thing x = { .name = "dry" };
	err e = { 0 };
	cr_assert_eq(store_write(s, put_then_rollback, &x, &e), 0);
	size_t n = 99;
	cr_assert_eq(store_read(s, count_fn, &n, &e), 0);
	cr_assert_eq(n, 0, "no record and no audit entry");
	store_close(s);
}

Test(store, a_failing_write_function_writes_nothing)
{
	store *s = open_at(dbdir());
	thing x = { .name = "bad" };
	err e = { 0 };
	cr_assert_eq(store_write(s, put_then_fail, &x, &e), E_INPUT);
	cr_assert_str_eq(e.msg, "row 3: bad");
	size_t n = 99;
	cr_assert_eq(store_read(s, count_fn, &n, &e), 0);
	cr_assert_eq(n, 0);
	store_close(s);
}

/* ---- raw access, keys, cursors and scans ------------------------------ */

static const int32_t bs[] = { -5, -1, 0, 7, INT32_MIN, INT32_MAX };

static int fill_ix(store_txn *t, void *ctx, err *e)
{
	for (uint32_t a = 1; a <= 3; a++)
		for (size_t i = 0; i < sizeof bs / sizeof bs[0]; i++) {
			keybuf k;
			key_init(&k);
			key_u32(&k, a);
			key_i32(&k, bs[i]);
			int rc = st_put(t, DB_IX, key_bytes(&k), (bytes){ "", 0 }, e);
			if (rc)
				return rc;
		}
	keybuf k;
	key_init(&k);
	key_u32(&k, 0xffffffffu);
	key_str(&k, "end");
	return st_put(t, DB_IX, key_bytes(&k), (bytes){ "v", 1 }, e);
}

typedef struct scan_ctx {
	int32_t got[16];
	int n, stop_at;
} scan_ctx;

static int scan_cb(bytes key, bytes val, void *ctx)
{
	scan_ctx *c = ctx;
	size_t pos = 4;
	cr_assert(key_take_i32(key, &pos, &c->got[c->n]));
	cr_assert_eq(pos, key.len);
	c->n++;
	return c->n == c->stop_at ? 7 : 0;
}

static int scan_fn(store_txn *t, void *ctx, err *e)
{
	keybuf k;
	key_init(&k);
	key_u32(&k, 2);
	return st_scan(t, DB_IX, key_bytes(&k), scan_cb, ctx, e);
}

static int32_t last_of(store_cursor *c, uint32_t a, int *rc)
{
	keybuf k;
	bytes key, val;
	key_init(&k);
	key_u32(&k, a);
	*rc = st_last_prefix(c, key_bytes(&k), &key, &val);
	if (*rc)
		return 0;
	size_t pos = 0;
	uint32_t got_a;
	int32_t b;
	cr_assert(key_take_u32(key, &pos, &got_a));
	cr_assert_eq(got_a, a);
	if (a == 0xffffffffu)
		return (int32_t)key.len;
	cr_assert(key_take_i32(key, &pos, &b));
	return b;
}

static int cursor_fn(store_txn *t, void *ctx, err *e)
{
	store_cursor *c;
	bytes key, val;
	int rc;
	cr_assert_eq(st_cursor_open(t, DB_IX, &c, e), 0);

	cr_assert_eq(last_of(c, 2, &rc), INT32_MAX);
	cr_assert_eq(rc, 0);
	cr_assert_eq(last_of(c, 3, &rc), INT32_MAX);
	cr_assert_eq(rc, 0);
	last_of(c, 4, &rc);
	cr_assert_eq(rc, ST_END, "no key with that prefix");
	last_of(c, 0, &rc);
	cr_assert_eq(rc, ST_END);
	cr_assert_eq(last_of(c, 0xffffffffu, &rc), 8, "prefix of 0xff bytes");
	cr_assert_eq(rc, 0);

	cr_assert_eq(st_first(c, &key, &val), 0);
	size_t pos = 0;
	uint32_t a;
	int32_t b;
	cr_assert(key_take_u32(key, &pos, &a) && key_take_i32(key, &pos, &b));
	cr_assert_eq(a, 1);
	cr_assert_eq(b, INT32_MIN);
	cr_assert_not(key_take_i32(key, &pos, &b), "nothing left");
	cr_assert_eq(st_next(c, &key, &val), 0);
	pos = 4;
	key_take_i32(key, &pos, &b);
	cr_assert_eq(b, -5);

	cr_assert_eq(st_last(c, &key, &val), 0);
	cr_assert_eq(val.len, 1);
	cr_assert_eq(st_next(c, &key, &val), ST_END, "past the end");
	cr_assert_eq(st_last(c, &key, &val), 0);
	cr_assert_eq(st_prev(c, &key, &val), 0);
	pos = 0;
	key_take_u32(key, &pos, &a);
	key_take_i32(key, &pos, &b);
	cr_assert_eq(a, 3);
	cr_assert_eq(b, INT32_MAX);

	keybuf k;
	key_init(&k);
	key_u32(&k, 2);
	key_i32(&k, -3);
	cr_assert_eq(st_seek(c, key_bytes(&k), &key, &val), 0);
	pos = 4;
	key_take_i32(key, &pos, &b);
	cr_assert_eq(b, -1, "first key at or after the wanted one");

	uint8_t longer[600] = { 0, 0, 0, 2 };     /* longer than any key */
	cr_assert_eq(st_seek(c, (bytes){ longer, sizeof longer }, &key, &val), 0);
	pos = 4;
	key_take_i32(key, &pos, &b);
	cr_assert_eq(b, -5, "(2, INT32_MIN) is a prefix of it, so smaller");
	st_cursor_close(c);

	/* a cursor left open is closed with the transaction */
	cr_assert_eq(st_cursor_open(t, DB_IX, &c, e), 0);
	return 0;
}

Test(store, keys_sort_negatives_first_and_scans_follow_prefixes)
{
	store *s = open_at(dbdir());
	err e = { 0 };
	cr_assert_eq(store_write(s, fill_ix, NULL, &e), 0, "%s", e.msg);

	scan_ctx sc = { .stop_at = -1 };
	cr_assert_eq(store_read(s, scan_fn, &sc, &e), 0, "%s", e.msg);
	cr_assert_eq(sc.n, 6, "only prefix 2");
	const int32_t want[] = { INT32_MIN, -5, -1, 0, 7, INT32_MAX };
	for (int i = 0; i < 6; i++)
		cr_assert_eq(sc.got[i], want[i], "entry %d: %d", i, sc.got[i]);

	scan_ctx stop = { .stop_at = 2 };
	cr_assert_eq(store_read(s, scan_fn, &stop, &e), 7, "the callback's result");
	cr_assert_eq(stop.n, 2);

	cr_assert_eq(store_read(s, cursor_fn, NULL, &e), 0, "%s", e.msg);
	store_close(s);
}

Test(store, keybuf_encodings)
{
	keybuf k;
	key_init(&k);
	key_u32(&k, 0x01020304);
	key_i32(&k, -1);
	key_u64(&k, 0x0102030405060708ULL);
	key_str(&k, "ab");
	const uint8_t want[] = { 1, 2, 3, 4, 0x7f, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 'a', 'b', 0 };
	cr_assert_eq(k.len, sizeof want);
	cr_assert_eq(memcmp(k.b, want, sizeof want), 0);
	cr_assert_not(k.overflow);

	rid r, back;
	rid_new(&r);
	key_init(&k);
	key_id(&k, &r);
	size_t pos = 0;
	cr_assert(key_take_id(key_bytes(&k), &pos, &back));
	cr_assert_eq(rid_cmp(&r, &back), 0);
	cr_assert_not(key_take_id(key_bytes(&k), &pos, &back), "short");
	uint32_t u;
	pos = 14;
	cr_assert_not(key_take_u32(key_bytes(&k), &pos, &u));
	cr_assert_eq(pos, 14);

	char big[600];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	key_init(&k);
	key_u32(&k, 1);
	key_str(&k, big);
	cr_assert(k.overflow, "longer than 511 bytes");
}

static int raw_fn(store_txn *t, void *ctx, err *e)
{
	bytes v;
	cr_assert(store_txn_writable(t));
	cr_assert_eq(store_of(t), ctx);
	cr_assert_eq(st_put(t, DB_IX, (bytes){ "k1", 2 }, (bytes){ "one", 3 }, e), 0);
	cr_assert_eq(st_put(t, DB_IX, (bytes){ "k2", 2 }, (bytes){ "two", 3 }, e), 0);
	cr_assert_eq(st_count(t, DB_IX), 2);
	cr_assert_eq(st_get(t, DB_IX, (bytes){ "k1", 2 }, &v, e), 0);
	cr_assert_eq(v.len, 3);
	cr_assert_eq(memcmp(v.data, "one", 3), 0);
	cr_assert_eq(st_del(t, DB_IX, (bytes){ "k1", 2 }, e), 0);
	cr_assert_eq(st_del(t, DB_IX, (bytes){ "k1", 2 }, e), E_NOTFOUND);
	cr_assert_eq(st_get(t, DB_IX, (bytes){ "k1", 2 }, &v, e), E_NOTFOUND);
	cr_assert_eq(st_count(t, DB_IX), 1);
	return 0;
}

static int read_only_fn(store_txn *t, void *ctx, err *e)
{
	cr_assert_not(store_txn_writable(t));
	return 0;
}

Test(store, raw_put_get_del_count)
{
	store *s = open_at(dbdir());
	err e = { 0 };
	cr_assert_eq(store_write(s, raw_fn, s, &e), 0, "%s", e.msg);
	cr_assert_eq(store_read(s, read_only_fn, s, &e), 0);
	cr_assert_eq(store_db_index(s, "ix"), DB_IX);
	cr_assert_eq(store_db_index(s, "nope"), -1);
	store_close(s);
}

/* ---- meta ------------------------------------------------------------- */

static int meta_put_fn(store_txn *t, void *ctx, err *e)
{
	return st_meta_put_u32(t, "schema", *(uint32_t *)ctx, e);
}

static int meta_get_fn(store_txn *t, void *ctx, err *e)
{
	return st_meta_get_u32(t, "schema", ctx, e);
}

Test(store, meta_numbers)
{
	char *dir = dbdir();
	store *s = open_at(dir);
	err e = { 0 };
	uint32_t v = 0;
	cr_assert_eq(store_read(s, meta_get_fn, &v, &e), E_NOTFOUND, "unset");
	v = 0x01020304;
	cr_assert_eq(store_write(s, meta_put_fn, &v, &e), 0);
	store_close(s);
	s = open_at(dir);
	v = 0;
	cr_assert_eq(store_read(s, meta_get_fn, &v, &e), 0);
	cr_assert_eq(v, 0x01020304);
	store_close(s);
}

/* ---- restore ---------------------------------------------------------- */

static int restore_fn(store_txn *t, void *ctx, err *e)
{
	return st_rec_restore(t, DB_THING, &thing_desc, ctx, e);
}

static int audit_restore_fn(store_txn *t, void *ctx, err *e)
{
	return st_audit_restore(t, ctx, e);
}

Test(store, restore_writes_records_and_audit_exactly)
{
	store *s = open_at(dbdir());
	thing x = { .name = "old", .m.rev = 9, .m.updated_at = 1000, .m.flags = 0 };
	strcpy(x.m.updated_by, "import");
	rid_new(&x.m.id);
	err e = { 0 };
	cr_assert_eq(store_write(s, restore_fn, &x, &e), 0, "%s", e.msg);
	thing y;
	cr_assert_eq(load(s, &x.m.id, &y), 0);
	cr_assert_eq(y.m.rev, 9);
	cr_assert_eq(y.m.updated_at, 1000);
	cr_assert_str_eq(y.m.updated_by, "import");
	cr_assert_str_eq(y.name, "old");
	rec_free(&thing_desc, &y);
	cr_assert_eq(read_audit(s)->n, 0, "a restore is not audited");

	cr_assert_eq(store_write(s, restore_fn, &x, &e), E_DB, "the id exists");
	cr_assert(strstr(e.msg, "already exists"), "%s", e.msg);

	audit_entry a = { .at = 5, .op = 'u', .fields = 6 };
	rid_new(&a.key);
	a.record = x.m.id;
	strcpy(a.who, "someone@else");
	strcpy(a.db, "thing");
	cr_assert_eq(store_write(s, audit_restore_fn, &a, &e), 0, "%s", e.msg);
	audits *l = read_audit(s);
	cr_assert_eq(l->n, 1);
	cr_assert_eq(rid_cmp(&l->a[0].key, &a.key), 0);
	cr_assert_str_eq(l->a[0].who, "someone@else");
	cr_assert_eq(l->a[0].at, 5);
	cr_assert_eq(l->a[0].fields, 6);
	cr_assert_eq(store_write(s, audit_restore_fn, &a, &e), E_DB);
	store_close(s);
}

static int corrupt_fn(store_txn *t, void *ctx, err *e)
{
	thing *x = ctx;
	return st_put(t, DB_THING, (bytes){ x->m.id.b, 16 }, (bytes){ "\x01garbage", 8 }, e);
}

Test(store, a_corrupt_value_is_a_db_error)
{
	store *s = open_at(dbdir());
	thing x = { 0 };
	rid_new(&x.m.id);
	err e = { 0 };
	cr_assert_eq(store_write(s, corrupt_fn, &x, &e), 0);
	get_ctx g = { .id = x.m.id };
	cr_assert_eq(store_read(s, get_fn, &g, &e), E_DB);
	cr_assert(strstr(e.msg, "thing"), "%s", e.msg);
	store_close(s);
}

/* ---- the environment -------------------------------------------------- */

Test(store, one_store_per_process)
{
	store *s = open_at(dbdir()), *t = NULL;
	err e = { 0 };
	cr_assert_eq(store_open(&t, dbdir(), dbnames, DB_N, &e), E_DB);
	cr_assert_null(t);
	cr_assert_neq(e.msg[0], '\0');
	store_close(s);
	cr_assert_eq(store_open(&t, dbdir(), dbnames, DB_N, &e), 0, "after closing: %s", e.msg);
	store_close(t);
}

Test(store, folder_is_0700_and_files_0600)
{
	umask(022);
	char *top = tmpdir();
	char *dir = malloc(strlen(top) + 32);
	sprintf(dir, "%s/a/bangfu", top);
	store *s = open_at(dir);
	cr_assert_str_eq(store_path(s), dir);
	struct stat st;
	cr_assert_eq(stat(dir, &st), 0);
	cr_assert(S_ISDIR(st.st_mode));
	cr_assert_eq(st.st_mode & 07777, 0700, "folder mode %o", st.st_mode & 07777);
	const char *files[] = { "data.mdb", "lock.mdb" };
	for (int i = 0; i < 2; i++) {
		char p[512];
		snprintf(p, sizeof p, "%s/%s", dir, files[i]);
		cr_assert_eq(stat(p, &st), 0, "%s exists", p);
		cr_assert_eq(st.st_mode & 07777, 0600, "%s mode %o", p, st.st_mode & 07777);
	}
	store_close(s);
}

Test(store, a_file_where_the_folder_should_be_is_an_error)
{
	char *top = tmpdir();
	char *dir = malloc(strlen(top) + 8);
	sprintf(dir, "%s/f", top);
	FILE *f = fopen(dir, "w");
	fclose(f);
	store *s = NULL;
	err e = { 0 };
	cr_assert_eq(store_open(&s, dir, dbnames, DB_N, &e), E_DB);
	cr_assert(strstr(e.msg, dir), "names the folder: %s", e.msg);
}

Test(store, data_survives_closing_and_reopening)
{
	char *dir = dbdir();
	store *s = open_at(dir);
	thing x = { .name = "kept" };
	save(s, &x);
	store_close(s);

	s = open_at(dir);
	thing y;
	cr_assert_eq(load(s, &x.m.id, &y), 0);
	cr_assert_str_eq(y.name, "kept");
	rec_free(&thing_desc, &y);
	cr_assert_eq(read_audit(s)->n, 1);
	store_close(s);
}

/* ---- map growth ------------------------------------------------------- */

typedef struct bulk {
	int runs;
	int n;
	thing rec;        /* kept in ctx across re-runs on purpose */
} bulk;

static int bulk_fn(store_txn *t, void *ctx, err *e)
{
	bulk *b = ctx;
	char v[4000];
	b->runs++;
	memset(v, 'x', sizeof v);
	for (int i = 0; i < b->n; i++) {
		keybuf k;
		key_init(&k);
		key_u32(&k, (uint32_t)i);
		v[0] = (char)i;
		int rc = st_put(t, DB_IX, key_bytes(&k), (bytes){ v, sizeof v }, e);
		if (rc)
			return rc;
		if (i == 10 && (rc = st_rec_put(t, DB_THING, &thing_desc, &b->rec, e)) != 0)
			return rc;
	}
	return st_rec_put(t, DB_THING, &thing_desc, &b->rec, e);
}

static int ix_count_fn(store_txn *t, void *ctx, err *e)
{
	*(size_t *)ctx = st_count(t, DB_IX);
	return 0;
}

Test(store, a_full_map_grows_and_the_write_is_run_again)
{
	store_set_initial_mapsize(64 << 10);
	char *dir = dbdir();
	store *s = open_at(dir);
	size_t before = store_mapsize(s);
	bulk b = { .n = 2000, .rec = { .name = "in ctx" } };     /* ~8 MB */
	err e = { 0 };
	cr_assert_eq(store_write(s, bulk_fn, &b, &e), 0, "%s", e.msg);
	cr_assert_gt(b.runs, 1, "the map filled up at least once");
	cr_assert_gt(store_mapsize(s), before);
	cr_assert_geq(store_mapsize(s), 8u << 20);
	cr_assert_eq(b.rec.m.rev, 2, "two puts in the run that committed");

	size_t n = 0;
	cr_assert_eq(store_read(s, ix_count_fn, &n, &e), 0);
	cr_assert_eq(n, 2000);
	thing y;
	cr_assert_eq(load(s, &b.rec.m.id, &y), 0);
	cr_assert_eq(y.m.rev, 2);
	rec_free(&thing_desc, &y);
	cr_assert_eq(read_audit(s)->n, 2, "aborted runs leave no audit entries");
	size_t grown = store_mapsize(s);
	store_close(s);

	/* a smaller initial size never shrinks an existing map */
	s = open_at(dir);
	cr_assert_geq(store_mapsize(s), grown);
	store_close(s);
}

Test(store, another_process_growing_the_map_is_followed)
{
	store_set_initial_mapsize(64 << 10);
	char *dir = dbdir();
	int go[2];
	cr_assert_eq(pipe(go), 0);
	pid_t pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		/* forked before the parent opens: this child has its own env */
		char c;
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		store *s = NULL;
		err e = { 0 };
		if (store_open(&s, dir, dbnames, DB_N, &e))
			_exit(3);
		bulk b = { .n = 2000 };
		int rc = store_write(s, bulk_fn, &b, &e);
		store_close(s);
		_exit(rc ? 4 : 0);
	}
	store *s = open_at(dir);
	size_t before = store_mapsize(s);
	size_t n = 0;
	err e = { 0 };
	cr_assert_eq(store_read(s, ix_count_fn, &n, &e), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(write(go[1], "g", 1), 1);
	int status;
	waitpid(pid, &status, 0);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %d", status);

	cr_assert_eq(store_read(s, ix_count_fn, &n, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 2000);
	cr_assert_gt(store_mapsize(s), before);
	thing x = { .name = "after" };
	save(s, &x);
	store_close(s);
}

/* ---- backup ----------------------------------------------------------- */

static void check_backup(const char *path, size_t want_things)
{
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	cr_assert(S_ISREG(st.st_mode), "a single file");
	cr_assert_eq(st.st_mode & 07777, 0600, "mode %o", st.st_mode & 07777);

	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_stat ms;
	cr_assert_eq(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 8);
	int rc = mdb_env_open(env, path, MDB_NOSUBDIR | MDB_RDONLY | MDB_NOLOCK, 0600);
	cr_assert_eq(rc, 0, "%s", mdb_strerror(rc));
	cr_assert_eq(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn), 0);
	cr_assert_eq(mdb_dbi_open(txn, "thing", 0, &dbi), 0);
	cr_assert_eq(mdb_stat(txn, dbi, &ms), 0);
	cr_assert_eq(ms.ms_entries, want_things);

	MDB_cursor *c;
	MDB_val k, v;
	cr_assert_eq(mdb_cursor_open(txn, dbi, &c), 0);
	cr_assert_eq(mdb_cursor_get(c, &k, &v, MDB_FIRST), 0);
	thing y;
	err e = { 0 };
	memcpy(y.m.id.b, k.mv_data, 16);
	cr_assert_eq(rec_decode(&thing_desc, v.mv_data, v.mv_size, &y, &e), 0, "%s", e.msg);
	cr_assert_str_eq(y.name, "t0");
	rec_free(&thing_desc, &y);
	mdb_cursor_close(c);
	mdb_txn_abort(txn);
	mdb_env_close(env);
}

Test(store, backup_is_a_compact_single_file_env_with_the_records)
{
	char *dir = dbdir();
	store *s = open_at(dir);
	for (int i = 0; i < 50; i++) {
		char name[8];
		snprintf(name, sizeof name, "t%d", i);
		thing x = { .name = name };
		save(s, &x);
	}
	char *top = tmpdir();
	char *path = malloc(strlen(top) + 16);
	sprintf(path, "%s/backup.mdb", top);
	err e = { 0 };
	cr_assert_eq(store_backup(s, path, &e), 0, "%s", e.msg);
	check_backup(path, 50);

	/* a second backup replaces the first */
	thing x = { .name = "t50" };
	save(s, &x);
	cr_assert_eq(store_backup(s, path, &e), 0, "%s", e.msg);
	check_backup(path, 51);

	cr_assert_eq(store_backup(s, "/nonexistent-folder/b.mdb", &e), E_DB);
	cr_assert(strstr(e.msg, "/nonexistent-folder/b.mdb"), "%s", e.msg);
	store_close(s);
}

static int slow_put_fn(store_txn *t, void *ctx, err *e)
{
	return st_rec_put(t, DB_THING, &thing_desc, ctx, e);
}

Test(store, backup_works_while_another_process_writes)
{
	char *dir = dbdir();
	int ready[2];
	cr_assert_eq(pipe(ready), 0);
	pid_t pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		store *s = NULL;
		err e = { 0 };
		if (store_open(&s, dir, dbnames, DB_N, &e))
			_exit(3);
		for (int i = 0; i < 400; i++) {
			char name[8];
			snprintf(name, sizeof name, "t%d", i);
			thing x = { .name = name };
			if (store_write(s, slow_put_fn, &x, &e))
				_exit(4);
			if (i == 0 && write(ready[1], "r", 1) != 1)
				_exit(5);
		}
		store_close(s);
		_exit(0);
	}
	char c;
	cr_assert_eq(read(ready[0], &c, 1), 1);
	store *s = open_at(dir);
	char *top = tmpdir();
	char *path = malloc(strlen(top) + 16);
	sprintf(path, "%s/hot.mdb", top);
	err e = { 0 };
	for (int i = 0; i < 5; i++) {
		cr_assert_eq(store_backup(s, path, &e), 0, "%s", e.msg);
		struct stat st;
		cr_assert_eq(stat(path, &st), 0);
	}
	int status;
	waitpid(pid, &status, 0);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer status %d", status);
	cr_assert_eq(store_backup(s, path, &e), 0, "%s", e.msg);
	check_backup(path, 400);
	store_close(s);
}
