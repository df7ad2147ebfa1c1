/* test_dump.c — JSON Lines dump and restore. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "model/demo.h"
#include "model/dump.h"
#include "model/import.h"

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

static char *write_tmp(const char *text)
{
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/dump.jsonl", dir);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	free(dir);
	return path;
}

static void import_fixtures(store *s)
{
	static const char *const files[][2] = {
		{ "students", "students.csv" }, { "counsellors", "counsellors.csv" },
		{ "pairings", "pairings.csv" }, { "talks", "talks.csv" }, { "aid", "aid.csv" },
	};
	const char *top = getenv("top_srcdir");
	test_semester_start(s, "2025-2026-2");
	for (size_t i = 0; i < 5; i++) {
		char *path = xasprintf("%s/tests/data/%s", top ? top : ".", files[i][1]);
		errlist errs = { 0 };
		err e = { 0 };
		cr_assert_eq(model_import(s, files[i][0], path, false, NULL, &errs, &e), 0,
			     "%s: %s", path, e.msg);
		free(path);
	}
}

static int check_fn(store_txn *t, void *ctx, err *e)
{
	return model_check(t, ctx, e);
}

/* dump, restore into a fresh database, dump again: the same bytes, and the
 * restored database passes check (so its indexes were rebuilt). */
static void round_trip(store *s)
{
	char *one = dump_str(s);
	store_close(s);
	char *path = write_tmp(one);
	s = test_db();
	errlist errs = { 0 };
	err e = { 0 };
	int rc = model_restore(s, path, &errs, &e);
	cr_assert_eq(rc, 0, "restore: %s %s", e.msg, errs.n ? errs.msg[0] : "");
	char *two = dump_str(s);
	cr_assert(strcmp(one, two) == 0, "dump -> restore -> dump is byte-identical");
	errlist probs = { 0 };
	rc = store_read(s, check_fn, &probs, &e);
	cr_expect_eq(rc, 0, "check after restore: %zu problems, first: %s", probs.n,
		     probs.n ? probs.msg[0] : e.msg);
	free(one);
	free(two);
	free(path);
	store_close(s);
}

Test(dump, round_trip_fixtures)
{
	store *s = test_db();
	import_fixtures(s);
	round_trip(s);
}

Test(dump, round_trip_demo, .timeout = 120)
{
	store *s = test_db();
	demo_opts o;
	demo_opts_init(&o);
	o.students = 400;
	o.talks = 2000;
	err e = { 0 };
	cr_assert_eq(model_demo(s, &o, NULL, &e), 0, "%s", e.msg);
	round_trip(s);
}

Test(dump, restored_records_are_found_through_indexes)
{
	store *s = test_db();
	import_fixtures(s);
	char *one = dump_str(s);
	store_close(s);
	char *path = write_tmp(one);
	s = test_db();
	errlist errs = { 0 };
	err e = { 0 };
	cr_assert_eq(model_restore(s, path, &errs, &e), 0, "%s", e.msg);
	/* importing the same students again now finds them */
	const char *top = getenv("top_srcdir");
	char *csv = xasprintf("%s/tests/data/students.csv", top ? top : ".");
	cr_expect_eq(model_import(s, "students", csv, true, NULL, &errs, &e), E_INPUT);
	cr_expect_eq(errs.n, 9, "every student is known after restore (%zu)", errs.n);
	free(csv);
	free(one);
	free(path);
	store_close(s);
}

Test(dump, format)
{
	store *s = test_db();
	import_fixtures(s);
	char *d = dump_str(s);
	cr_expect(strncmp(d, "{\"type\":\"college\",\"id\":\"", 24) == 0, "%.80s", d);
	cr_expect(strstr(d, "\"name\":\"计算机科学与技术学院\""), "UTF-8, not \\u escapes");
	cr_expect(strstr(d, "\"name\":\"𠮷田\""));
	cr_expect(strstr(d, "\"date\":\"2026-03-08\""), "dates as YYYY-MM-DD");
	cr_expect(strstr(d, "{\"type\":\"audit\""), "the audit log is dumped");
	cr_expect_null(strstr(d, "\"note\":\"\""), "empty fields are left out");
	/* fixed key order in a student line */
	const char *st = strstr(d, "{\"type\":\"student\"");
	cr_assert_not_null(st);
	const char *rev = strstr(st, "\"rev\""), *at = strstr(st, "\"updated_at\""),
		   *by = strstr(st, "\"updated_by\""), *no = strstr(st, "\"student_no\"");
	cr_expect(rev && at && by && no && rev < at && at < by && by < no);
	/* every line is one object: the line count is the record count */
	size_t lines = 0;
	for (const char *p = d; *p; p++)
		lines += *p == '\n';
	cr_expect_gt(lines, 9 + 3 + 4 + 5 + 3);
	free(d);
	store_close(s);
}

Test(dump, restore_refuses_non_empty)
{
	store *s = test_db();
	import_fixtures(s);
	char *one = dump_str(s);
	char *path = write_tmp(one);
	errlist errs = { 0 };
	err e = { 0 };
	cr_expect_eq(model_restore(s, path, &errs, &e), E_INPUT);
	cr_expect(strstr(e.msg, "not empty"), "%s", e.msg);
	char *two = dump_str(s);
	cr_expect_str_eq(two, one, "nothing changed");
	free(one);
	free(two);
	free(path);
	store_close(s);
}

Test(dump, bad_lines_write_nothing)
{
	store *s = test_db();
	import_fixtures(s);
	char *one = dump_str(s);
	store_close(s);
	/* break line 3 and line 5 */
	char *bad = xstrdup(one);
	char *p = bad;
	for (int i = 0; i < 2; i++)
		p = strchr(p, '\n') + 1;
	p[1] = 'X';                           /* line 3: not JSON */
	for (int i = 0; i < 2; i++)
		p = strchr(p, '\n') + 1;
	char *t = strstr(p, "\"type\":\"");   /* line 5: unknown type */
	cr_assert_not_null(t);
	memcpy(t + 8, "zzz", 3);
	char *path = write_tmp(bad);
	s = test_db();
	char *empty = dump_str(s);
	errlist errs = { 0 };
	err e = { 0 };
	cr_expect_eq(model_restore(s, path, &errs, &e), E_INPUT);
	cr_assert_eq(errs.n, 2, "two bad lines, two messages (%zu)", errs.n);
	char *l3 = xasprintf("%s:3: ", path), *l5 = xasprintf("%s:5: ", path);
	cr_expect(strncmp(errs.msg[0], l3, strlen(l3)) == 0, "%s", errs.msg[0]);
	cr_expect(strncmp(errs.msg[1], l5, strlen(l5)) == 0, "%s", errs.msg[1]);
	char *after = dump_str(s);
	cr_expect_str_eq(after, empty, "nothing was written");
	free(one);
	free(bad);
	free(path);
	free(empty);
	free(after);
	store_close(s);
}

Test(dump, duplicate_id_refused)
{
	store *s = test_db();
	import_fixtures(s);
	char *one = dump_str(s);
	store_close(s);
	char *nl = strchr(one, '\n');
	char *twice = xasprintf("%.*s\n%s", (int)(nl - one), one, one);
	char *path = write_tmp(twice);
	s = test_db();
	errlist errs = { 0 };
	err e = { 0 };
	cr_expect_eq(model_restore(s, path, &errs, &e), E_INPUT);
	cr_assert_geq(errs.n, 1);
	char *l2 = xasprintf("%s:2: ", path);
	cr_expect(strncmp(errs.msg[0], l2, strlen(l2)) == 0, "%s", errs.msg[0]);
	free(one);
	free(twice);
	free(path);
	store_close(s);
}

static int by_no_fn(store_txn *t, void *ctx, err *e)
{
	student s;
	int rc = student_by_no(t, ctx, &s, e);
	if (rc == 0)
		rec_free(&student_desc, &s);
	return rc;
}

Test(dump, tombstones_round_trip)
{
	store *s = test_db();
	import_fixtures(s);
	char *one = dump_str(s);
	store_close(s);
	/* mark the student 𠮷田 (in nothing else) deleted */
	char *name = strstr(one, "\"name\":\"𠮷田\"");
	cr_assert_not_null(name);
	char *line = name;
	while (line > one && line[-1] != '\n')
		line--;
	char *by = strstr(line, "\"updated_by\":\"");
	cr_assert(by && by < name);
	char *end = strchr(by + 14, '"') + 1;
	char *marked = xasprintf("%.*s,\"deleted\":true%s", (int)(end - one), one, end);
	char *path = write_tmp(marked);
	s = test_db();
	errlist errs = { 0 };
	err e = { 0 };
	cr_assert_eq(model_restore(s, path, &errs, &e), 0, "%s", e.msg);
	char *two = dump_str(s);
	cr_expect(strcmp(two, marked) == 0, "the tombstone is dumped as it was restored");
	cr_expect_eq(store_read(s, by_no_fn, "2024010103", &e), E_NOTFOUND,
		     "a deleted student is not found through the index");
	cr_expect_eq(store_read(s, by_no_fn, "2023010102", &e), 0);
	free(one);
	free(two);
	free(marked);
	free(path);
	store_close(s);
}

/* Corrections made through the model: a deleted talk and student, an
 * undeleted talk, an ended pairing with its outcome and a semester made
 * current all survive dump -> restore -> dump, byte for byte. */
static int first_talk(const void *rec, void *ctx)
{
	*(rid *)ctx = ((const talk *)rec)->m.id;
	return 1;
}

static int first_pairing(const void *rec, void *ctx)
{
	*(rid *)ctx = ((const pairing *)rec)->m.id;
	return 1;
}

static int correct(store_txn *t, void *ctx, err *e)
{
	rid k, p, gone;
	student s;
	(void)ctx;
	model_each(t, &talk_desc, first_talk, &k, e);
	model_each(t, &pairing_desc, first_pairing, &p, e);
	int rc = model_delete(t, &talk_desc, &k, 0, e);
	if (!rc)
		rc = model_undelete(t, &talk_desc, &k, e);
	if (!rc)
		rc = model_delete(t, &talk_desc, &k, 0, e);
	if (!rc && (rc = student_by_no(t, "2024010103", &s, e)) == 0) {
		gone = s.m.id;
		rec_free(&student_desc, &s);
		rc = model_delete(t, &student_desc, &gone, 0, e);
	}
	pairing_ending x = { .date = date_today(), .outcome = "目标达成", .note = "期末各科通过",
			     .assessment = "明显好转" };
	if (!rc)
		rc = pairing_end(t, &p, 0, &x, NULL, e);
	if (!rc)
		rc = semester_start(t, "2026-2027-1", NULL, NULL, e);
	return rc;
}

Test(dump, corrections_round_trip)
{
	store *s = test_db();
	import_fixtures(s);
	err e = { 0 };
	cr_assert_eq(store_write(s, correct, NULL, &e), 0, "%s", e.msg);
	char *one = dump_str(s);
	cr_assert(strstr(one, "\"deleted\":true"), "tombstones are dumped");
	cr_assert(strstr(one, "\"outcome\":\"目标达成\""), "the outcome is dumped");
	cr_assert(strstr(one, "\"name\":\"current_semester\",\"value\":\"2026-2027-1\""),
		  "the current semester is dumped");
	free(one);
	round_trip(s);
}
