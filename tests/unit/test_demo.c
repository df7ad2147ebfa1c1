/* test_demo.c — the demonstration database: sound, realistic, repeatable. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "model/demo.h"
#include "model/dump.h"

static char *dump_str(store *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	err e = { 0 };
	cr_assert_eq(model_dump(s, f, &e), 0, "dump: %s", e.msg);
	fclose(f);
	return buf;
}

static demo_result run(store *s, size_t students, size_t talks, uint64_t seed)
{
	demo_opts o;
	demo_opts_init(&o);
	o.students = students;
	o.talks = talks;
	o.seed = seed;
	demo_result r;
	err e = { 0 };
	cr_assert_eq(model_demo(s, &o, &r, &e), 0, "demo: %s", e.msg);
	return r;
}

/* The dump with every id replaced by its order of first appearance and the
 * write times left out: what a seed decides. */
typedef struct idmap {
	char (*key)[33];
	size_t *val, cap, n;
} idmap;

static size_t *idmap_slot(idmap *m, const char *hex, bool *fresh)
{
	size_t h = 0;
	for (int k = 0; k < 32; k++)
		h = h * 31 + (unsigned char)hex[k];
	for (h &= m->cap - 1; m->key[h][0]; h = (h + 1) & (m->cap - 1))
		if (strncmp(m->key[h], hex, 32) == 0) {
			*fresh = false;
			return &m->val[h];
		}
	memcpy(m->key[h], hex, 32);
	m->key[h][32] = 0;
	*fresh = true;
	return &m->val[h];
}

static size_t idmap_get(idmap *m, const char *hex)
{
	bool fresh;
	if (2 * (m->n + 1) > m->cap) {
		idmap o = *m;
		m->cap = o.cap ? 2 * o.cap : 1024;
		m->key = calloc(m->cap, sizeof *m->key);
		m->val = calloc(m->cap, sizeof *m->val);
		for (size_t i = 0; i < o.cap; i++)
			if (o.key[i][0])
				*idmap_slot(m, o.key[i], &fresh) = o.val[i];
		free(o.key);
		free(o.val);
	}
	size_t *v = idmap_slot(m, hex, &fresh);
	if (fresh)
		*v = ++m->n;
	return *v;
}

static bool is_hex32(const char *p)
{
	for (int i = 0; i < 32; i++)
		if (!isxdigit((unsigned char)p[i]) || isupper((unsigned char)p[i]))
			return false;
	return p[32] == '"';
}

static char *normalised(store *s)
{
	char *d = dump_str(s);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	idmap m = { 0 };
	for (const char *p = d; *p;) {
		if (p[0] == '"' && is_hex32(p + 1)) {
			fprintf(f, "\"#%zu\"", idmap_get(&m, p + 1));
			p += 34;
		} else if (strncmp(p, "\"updated_at\":", 13) == 0 || strncmp(p, "\"at\":", 5) == 0) {
			p = strchr(p, ':') + 1;
			while (isdigit((unsigned char)*p))
				p++;
			fputs("\"t\":0", f);
		} else {
			fputc(*p++, f);
		}
	}
	fclose(f);
	free(d);
	free(m.key);
	free(m.val);
	return out;
}

static int check_fn(store_txn *t, void *ctx, err *e)
{
	return model_check(t, ctx, e);
}

static int stats_fn(store_txn *t, void *ctx, err *e)
{
	return model_stats_get(t, ctx, e);
}

Test(demo, passes_check, .timeout = 120)
{
	store *s = test_db();
	demo_result r = run(s, 600, 3000, 1);
	cr_expect_eq(r.students, 600);
	cr_expect_eq(r.talks, 3000);
	cr_expect_geq(r.colleges, 6);
	cr_expect_leq(r.colleges, 12);
	cr_expect_geq(r.counsellors, 2 * r.colleges);
	cr_expect_leq(r.counsellors, 3 * r.colleges);
	cr_expect_gt(r.pairings, 0);
	cr_expect_gt(r.aid, 0);
	errlist probs = { 0 };
	err e = { 0 };
	int rc = store_read(s, check_fn, &probs, &e);
	cr_expect_eq(rc, 0, "check: %zu problems, first: %s", probs.n,
		     probs.n ? probs.msg[0] : e.msg);
	store_close(s);
}

Test(demo, realistic, .timeout = 120)
{
	store *s = test_db();
	demo_result r = run(s, 2000, 4000, 1);
	cr_expect_geq(r.members, 120, "about 10%% party members (%zu)", r.members);
	cr_expect_leq(r.members, 300);
	cr_expect_geq(r.targets, 250, "about 20%% assisted (%zu)", r.targets);
	cr_expect_leq(r.targets, 550);
	char *d = dump_str(s);
	cr_expect(strstr(d, "\"reason\":"), "some pairings are cross-college, with a reason");
	cr_expect(strstr(d, "\"counsellor_id\":"), "some talks are counsellors'");
	cr_expect(strstr(d, "\"tier\":\""), "hardship tiers");
	cr_expect(strstr(d, "\"kinds\":3") || strstr(d, "\"kinds\":5") || strstr(d, "\"kinds\":6") ||
		  strstr(d, "\"kinds\":7"), "some students have several kinds");
	cr_expect(strstr(d, "学院\""), "college names");
	/* student numbers: 10 digits, enrolment year first */
	size_t bad = 0, n = 0;
	for (const char *p = strstr(d, "\"student_no\":\""); p; p = strstr(p + 1, "\"student_no\":\"")) {
		const char *no = p + 14;
		size_t len = strcspn(no, "\"");
		n++;
		if (len != 10 || strncmp(no, "202", 3) != 0 || no[3] < '1' || no[3] > '5')
			bad++;
	}
	cr_expect_eq(n, 2000);
	cr_expect_eq(bad, 0, "%zu student numbers are not 10 digits from 2021-2025", bad);
	/* no date after today (2026-05-20) */
	size_t future = 0;
	for (const char *p = strstr(d, "\"date\":\""); p; p = strstr(p + 1, "\"date\":\""))
		if (strncmp(p + 8, "2026-05-20", 10) > 0)
			future++;
	cr_expect_eq(future, 0, "%zu records dated after today", future);
	free(d);
	store_close(s);
}

typedef struct od {
	size_t n;
} od;

static int overdue_fn(store_txn *t, void *ctx, err *e)
{
	od *o = ctx;
	overdue_row *rows = NULL;
	int rc = model_overdue(t, NULL, 0, date_today(), &rows, &o->n, e);
	free(rows);
	return rc;
}

Test(demo, some_pairings_overdue, .timeout = 120)
{
	store *s = test_db();
	demo_result r = run(s, 2000, 6000, 1);
	od o = { 0 };
	err e = { 0 };
	cr_assert_eq(store_read(s, overdue_fn, &o, &e), 0, "%s", e.msg);
	cr_expect_gt(o.n, 0, "some pairings are overdue on purpose");
	cr_expect_lt(o.n, r.pairings / 4, "but most are not (%zu of %zu)", o.n, r.pairings);
	store_close(s);
}

Test(demo, same_seed_same_data, .timeout = 120)
{
	store *s = test_db();
	run(s, 500, 2000, 42);
	char *one = normalised(s);
	store_close(s);
	s = test_db();
	run(s, 500, 2000, 42);
	char *two = normalised(s);
	store_close(s);
	cr_expect(strcmp(one, two) == 0, "two demos with one seed give the same data");
	s = test_db();
	run(s, 500, 2000, 43);
	char *three = normalised(s);
	cr_expect(strcmp(one, three) != 0, "another seed gives other data");
	free(one);
	free(two);
	free(three);
	store_close(s);
}

Test(demo, refuses_non_empty_db)
{
	store *s = test_db();
	run(s, 100, 100, 1);
	char *before = dump_str(s);
	demo_opts o;
	demo_opts_init(&o);
	err e = { 0 };
	cr_expect_eq(model_demo(s, &o, NULL, &e), E_INPUT);
	cr_expect(strstr(e.msg, "not empty"), "%s", e.msg);
	char *after = dump_str(s);
	cr_expect_str_eq(after, before);
	free(before);
	free(after);
	store_close(s);
}

static void count_stage(const char *stage, size_t done, size_t total, void *ctx)
{
	size_t *n = ctx;
	cr_expect_leq(done, total + 0 * (size_t)strlen(stage));
	(*n)++;
}

Test(demo, progress_reported, .timeout = 120)
{
	store *s = test_db();
	demo_opts o;
	demo_opts_init(&o);
	o.students = 300;
	o.talks = 12000;
	size_t calls = 0;
	o.progress = count_stage;
	o.progress_ctx = &calls;
	err e = { 0 };
	cr_assert_eq(model_demo(s, &o, NULL, &e), 0, "%s", e.msg);
	cr_expect_geq(calls, 4, "each stage reports (%zu)", calls);
	store_close(s);
}

Test(demo, small_map_grows, .timeout = 120)
{
	store_set_initial_mapsize((size_t)1 << 20);
	store *s = test_db();
	demo_result r = run(s, 2000, 10000, 1);
	cr_expect_gt(store_mapsize(s), (size_t)1 << 20, "the map grew");
	cr_expect_eq(r.talks, 10000, "batches re-run after growth are not counted twice");
	errlist probs = { 0 };
	err e = { 0 };
	cr_expect_eq(store_read(s, check_fn, &probs, &e), 0, "%zu problems, first: %s", probs.n,
		     probs.n ? probs.msg[0] : e.msg);
	model_stats st = { 0 };
	cr_assert_eq(store_read(s, stats_fn, &st, &e), 0);
	cr_expect_eq(st.talks, 10000, "the database has exactly the talks asked for");
	cr_expect_eq(st.students, 2000);
	store_close(s);
}
