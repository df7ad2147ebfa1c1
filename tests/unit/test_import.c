/* test_import.c — CSV import: every kind, every kind of bad file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "model/dump.h"
#include "model/import.h"

static char *data(const char *name)
{
	const char *top = getenv("top_srcdir");
	return xasprintf("%s/tests/data/%s", top ? top : ".", name);
}

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

static int imp(store *s, const char *kind, const char *file, bool dry,
	       import_result *r, errlist *errs, err *e)
{
	char *path = data(file);
	int rc = model_import(s, kind, path, dry, r, errs, e);
	free(path);
	return rc;
}

/* Imports a good file; fails the test with the messages if it is refused. */
static import_result good(store *s, const char *kind, const char *file)
{
	import_result r;
	errlist errs = { 0 };
	err e = { 0 };
	int rc = imp(s, kind, file, false, &r, &errs, &e);
	cr_assert_eq(rc, 0, "%s: %s (%s)", file, e.msg, errs.n ? errs.msg[0] : "");
	cr_assert_eq(errs.n, 0);
	errlist_free(&errs);
	return r;
}

static void load(store *s, bool talks)
{
	good(s, "students", "students.csv");
	good(s, "counsellors", "counsellors.csv");
	test_semester_start(s, "2025-2026-2");
	good(s, "pairings", "pairings.csv");
	if (talks)
		good(s, "talks", "talks.csv");
}

/* ---- reading back ---------------------------------------------------- */

typedef struct q {
	const char *no;
	student s;
	target g;
	int rc, rcg;
} q;

static int q_fn(store_txn *t, void *ctx, err *e)
{
	q *x = ctx;
	x->rc = student_by_no(t, x->no, &x->s, e);
	x->rcg = x->rc ? E_NOTFOUND : target_of_student(t, &x->s.m.id, &x->g, e);
	return 0;
}

static q lookup(store *s, const char *no)
{
	q x = { .no = no };
	err e = { 0 };
	cr_assert_eq(store_read(s, q_fn, &x, &e), 0);
	return x;
}

static int stats_fn(store_txn *t, void *ctx, err *e)
{
	return model_stats_get(t, ctx, e);
}

static model_stats stats(store *s)
{
	model_stats st = { 0 };
	err e = { 0 };
	cr_assert_eq(store_read(s, stats_fn, &st, &e), 0, "%s", e.msg);
	return st;
}

/* ---- good files ------------------------------------------------------ */

Test(import, students)
{
	store *s = test_db();
	import_result r = good(s, "students", "students.csv");
	cr_expect_eq(r.rows, 9);
	cr_expect_eq(r.students, 9);
	cr_expect_eq(r.colleges, 2);
	cr_expect_eq(r.members, 4);
	cr_expect_eq(r.targets, 4);
	cr_expect_str_eq(r.encoding, "UTF-8");

	q x = lookup(s, "2024010103");
	cr_assert_eq(x.rc, 0, "the student with a rare character is findable");
	cr_expect_str_eq(x.s.name, "𠮷田");
	cr_expect_eq(x.rcg, E_NOTFOUND, "no kinds, no target profile");
	x = lookup(s, "2023030106");
	cr_assert_eq(x.rcg, 0);
	cr_expect_eq(x.g.kinds, KIND_ACADEMIC | KIND_PSYCH, "kinds joined by 、");
	cr_expect_str_eq(x.g.status, "帮扶中");
	x = lookup(s, "2023010102");
	cr_assert_eq(x.rcg, 0);
	cr_expect_eq(x.g.kinds, KIND_FINANCIAL | KIND_PSYCH, "kinds joined by ;");
	x = lookup(s, "2024030201");
	cr_expect_str_eq(x.s.phone, "13800000005", "a quoted field");
	cr_expect_str_eq(x.s.class_name, "软工2401");

	model_stats st = stats(s);
	cr_expect_eq(st.students, 9);
	cr_expect_eq(st.members, 4);
	cr_expect_eq(st.colleges, 2);
	store_close(s);
}

Test(import, everything_in_order)
{
	store *s = test_db();
	good(s, "students", "students.csv");
	import_result r = good(s, "counsellors", "counsellors.csv");
	cr_expect_eq(r.counsellors, 3);
	cr_expect_eq(r.colleges, 0, "colleges are found, not made twice");
	test_semester_start(s, "2025-2026-2");
	r = good(s, "pairings", "pairings.csv");
	cr_expect_eq(r.pairings, 4);
	cr_expect_eq(r.semesters, 0, "an import makes no semester");
	r = good(s, "talks", "talks.csv");
	cr_expect_eq(r.talks, 5);
	r = good(s, "aid", "aid.csv");
	cr_expect_eq(r.aid, 3);
	model_stats st = stats(s);
	cr_expect_eq(st.counsellors, 3);
	cr_expect_eq(st.pairings, 4);
	cr_expect_eq(st.talks, 5);
	cr_expect_eq(st.aid, 3);

	char *d = dump_str(s);
	cr_expect(strstr(d, "\"amount_fen\":8550"), "85.5 yuan is 8550 fen");
	cr_expect(strstr(d, "\"amount_fen\":3280"), "32.80 yuan is 3280 fen");
	cr_expect(strstr(d, "\"amount_fen\":20000"));
	cr_expect(strstr(d, "介绍了\\\"错题本\\\"的用法,\\n他说会试着用起来"),
		  "a quoted multi-line field keeps its quote and newline");
	cr_expect(strstr(d, "\"reason\":\"计算机学院党员人数不足"),
		  "the cross-college reason is kept");
	cr_expect(strstr(d, "\"start\":\"2026-03-10\""), "2026/3/10 is read as a date");
	free(d);
	store_close(s);
}

Test(import, gb18030_same_as_utf8)
{
	store *s = test_db();
	import_result r = good(s, "students", "students-gb18030.csv");
	cr_expect_str_eq(r.encoding, "GB18030");
	cr_expect_eq(r.students, 9);
	cr_expect_eq(r.targets, 4);
	const char *nos[] = { "2022030101", "2023030106", "2023010102", "2024010103",
			      "2022010101" };
	const char *names[] = { "张伟", "单晓雯", "区一诺", "𠮷田", "欧阳思远" };
	for (size_t i = 0; i < 5; i++) {
		q x = lookup(s, nos[i]);
		cr_assert_eq(x.rc, 0, "%s", nos[i]);
		cr_expect_str_eq(x.s.name, names[i]);
	}
	q x = lookup(s, "2023030106");
	cr_expect_str_eq(x.s.class_name, "计科2301");
	cr_expect_eq(x.g.kinds, KIND_ACADEMIC | KIND_PSYCH);
	store_close(s);
}

Test(import, dry_run_writes_nothing)
{
	store *s = test_db();
	char *before = dump_str(s);
	import_result r;
	errlist errs = { 0 };
	err e = { 0 };
	cr_assert_eq(imp(s, "students", "students.csv", true, &r, &errs, &e), 0, "%s", e.msg);
	cr_expect_eq(r.students, 9, "a dry run counts what it would do");
	char *after = dump_str(s);
	cr_expect_str_eq(after, before, "a dry run leaves the database as it was");
	cr_expect_eq(stats(s).students, 0);
	/* and a real run afterwards works */
	good(s, "students", "students.csv");
	cr_expect_eq(stats(s).students, 9);
	free(before);
	free(after);
	store_close(s);
}

Test(import, unknown_kind)
{
	store *s = test_db();
	errlist errs = { 0 };
	err e = { 0 };
	cr_expect_eq(imp(s, "teachers", "students.csv", false, NULL, &errs, &e), E_USAGE);
	store_close(s);
}

static void count_progress(size_t done, size_t total, void *ctx)
{
	size_t *calls = ctx;
	cr_expect_leq(done, total);
	cr_expect_eq(total, 9);
	(*calls)++;
}

Test(import, progress_callback)
{
	store *s = test_db();
	size_t calls = 0;
	char *path = data("students.csv");
	import_opts o = { .kind = "students", .path = path, .progress = count_progress,
			  .progress_ctx = &calls, .progress_every = 2 };
	errlist errs = { 0 };
	err e = { 0 };
	import_result r;
	cr_assert_eq(model_import_ex(s, &o, &r, &errs, &e), 0, "%s", e.msg);
	cr_expect_eq(r.students, 9);
	cr_expect_geq(calls, 5, "called every 2 rows and at the end (%zu)", calls);
	free(path);
	store_close(s);
}

/* ---- roster updates ------------------------------------------------- */

static errlist bad(store *s, const char *kind, const char *file, size_t line);
static bool has(const errlist *l, const char *needle);

static int upd(store *s, const char *file, bool dry, import_result *r, errlist *changes,
	       errlist *errs, err *e)
{
	char *path = data(file);
	import_opts o = { .kind = "students", .path = path, .dry_run = dry, .update = true,
			  .changes = changes, .list_new = true };
	int rc = model_import_ex(s, &o, r, errs, e);
	free(path);
	return rc;
}

Test(import_update, changes_the_columns_the_file_has)
{
	store *s = test_db();
	good(s, "students", "students.csv");
	import_result r;
	errlist changes = { 0 }, errs = { 0 };
	err e = { 0 };
	char *before = dump_str(s);
	cr_assert_eq(upd(s, "students-update.csv", true, &r, &changes, &errs, &e), 0, "%s", e.msg);
	char *after = dump_str(s);
	cr_expect_str_eq(after, before, "the dry run wrote nothing");
	cr_expect_eq(r.updated, 1);
	cr_expect_eq(r.unchanged, 1, "the row the same as stored is no change");
	cr_expect_eq(r.students, 1, "the new student is added");
	cr_assert_eq(changes.n, 3, "two changes and a new student (%zu)", changes.n);
	cr_expect_str_eq(changes.msg[0], "2023030105 班级: 计科2301 → 计科2302");
	cr_expect_str_eq(changes.msg[1], "2023030105 联系电话: 13800000003 → 13800000099");
	cr_expect(strncmp(changes.msg[2], "2025030107 ", 11) == 0, "%s", changes.msg[2]);
	errlist_free(&changes);

	cr_assert_eq(upd(s, "students-update.csv", false, &r, NULL, &errs, &e), 0, "%s", e.msg);
	q x = lookup(s, "2023030105");
	cr_assert_eq(x.rc, 0);
	cr_expect_str_eq(x.s.class_name, "计科2302");
	cr_expect_str_eq(x.s.phone, "13800000099");
	cr_expect_str_eq(x.s.name, "王磊");
	cr_expect_str_eq(x.s.political, "共青团员", "a column the file lacks is kept");
	cr_expect_eq(x.rcg, 0, "the assisted-student profile is kept");
	cr_expect_eq(x.g.kinds, KIND_ACADEMIC);
	cr_expect_eq(lookup(s, "2025030107").rc, 0);
	cr_expect_eq(stats(s).students, 10, "nothing deleted");
	free(before);
	free(after);
	store_close(s);
}

Test(import_update, identical_rows_write_nothing)
{
	store *s = test_db();
	good(s, "students", "students.csv");
	char *before = dump_str(s);
	import_result r;
	errlist errs = { 0 };
	err e = { 0 };
	cr_assert_eq(upd(s, "students.csv", false, &r, NULL, &errs, &e), 0, "%s", e.msg);
	cr_expect_eq(r.updated, 0);
	cr_expect_eq(r.unchanged, 9);
	char *after = dump_str(s);
	cr_expect_str_eq(after, before, "no record was rewritten (revs unchanged)");
	free(before);
	free(after);
	store_close(s);
}

Test(import_update, kinds_and_membership)
{
	store *s = test_db();
	good(s, "students", "students.csv");
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/u.csv", dir);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	/* 𠮷田 becomes an assisted student, 曾浩然 a party member */
	fprintf(f, "学号,帮扶类型,政治面貌\n2024010103,心理困难,\n2024030201,,中共预备党员\n");
	fclose(f);
	import_opts o = { .kind = "students", .path = path, .update = true };
	import_result r;
	errlist errs = { 0 };
	err e = { 0 };
	cr_assert_eq(model_import_ex(s, &o, &r, &errs, &e), 0, "%s %s", e.msg,
		     errs.n ? errs.msg[0] : "");
	cr_expect_eq(r.updated, 2);
	cr_expect_eq(r.members, 1);
	cr_expect_eq(r.targets, 1);
	q x = lookup(s, "2024010103");
	cr_assert_eq(x.rcg, 0);
	cr_expect_eq(x.g.kinds, KIND_PSYCH);
	x = lookup(s, "2024030201");
	cr_expect_eq(x.g.kinds, KIND_FINANCIAL, "an empty 帮扶类型 keeps the kinds");
	cr_expect_eq(stats(s).members, 5);
	free(path);
	free(dir);
	store_close(s);
}

Test(import_update, without_update_existing_is_an_error_naming_update)
{
	store *s = test_db();
	good(s, "students", "students.csv");
	errlist l = bad(s, "students", "students-update.csv", 2);
	cr_expect(has(&l, "--update"), "%s", l.msg[0]);
	store_close(s);
}

Test(import_update, a_rule_break_is_refused)
{
	store *s = test_db();
	load(s, false);
	char *before = dump_str(s);
	import_result r;
	errlist errs = { 0 };
	err e = { 0 };
	cr_assert_eq(upd(s, "bad-update-political.csv", false, &r, NULL, &errs, &e), E_INPUT);
	cr_assert_eq(errs.n, 1);
	char *path = data("bad-update-political.csv");
	/* the column as the user knows it (the UI's language: Chinese) */
	char *want = xasprintf("%s:2: 政治面貌: ", path);
	cr_expect(strncmp(errs.msg[0], want, strlen(want)) == 0, "%s", errs.msg[0]);
	char *after = dump_str(s);
	cr_expect_str_eq(after, before, "nothing written");
	cr_expect_str_eq(lookup(s, "2022030101").s.political, "中共党员");
	free(want);
	free(path);
	free(before);
	free(after);
	store_close(s);
}

Test(import_update, only_students)
{
	store *s = test_db();
	import_opts o = { .kind = "talks", .path = "x.csv", .update = true };
	errlist errs = { 0 };
	err e = { 0 };
	cr_expect_eq(model_import_ex(s, &o, NULL, &errs, &e), E_USAGE);
	store_close(s);
}

/* ---- the pairings file as 附件1 has it -------------------------------- */

struct pair_q {
	size_t n;
	char reason[2][256], note[2][256];
};

static int take_pair(const void *rec, void *ctx)
{
	const pairing *p = rec;
	struct pair_q *x = ctx;
	if (x->n < 2) {
		snprintf(x->reason[x->n], sizeof x->reason[0], "%s", p->reason ? p->reason : "");
		snprintf(x->note[x->n], sizeof x->note[0], "%s", p->note ? p->note : "");
	}
	x->n++;
	return 0;
}

static int pairs_fn(store_txn *t, void *ctx, err *e)
{
	return model_each(t, &pairing_desc, take_pair, ctx, e);
}

Test(import, cross_college_reason_from_note)
{
	store *s = test_db();
	good(s, "students", "students.csv");
	test_semester_start(s, "2025-2026-2");
	import_result r = good(s, "pairings", "pairings-note-reason.csv");
	cr_expect_eq(r.pairings, 2);
	struct pair_q x = { 0 };
	err e = { 0 };
	cr_assert_eq(store_read(s, pairs_fn, &x, &e), 0);
	cr_assert_eq(x.n, 2);
	bool cross = false, same = false;
	for (int i = 0; i < 2; i++) {
		if (strcmp(x.reason[i], "计算机学院党员人数不足，由相近专业党员帮扶") == 0) {
			cross = true;
			cr_expect_str_eq(x.note[i], "", "the reason is not a note as well");
		}
		if (strcmp(x.note[i], "每两周谈心一次") == 0) {
			same = true;
			cr_expect_str_eq(x.reason[i], "", "a same-college 备注 is a note");
		}
	}
	cr_expect(cross, "the cross-college pairing's reason is its 备注");
	cr_expect(same, "the same-college pairing keeps 备注 as its note");
	store_close(s);
}

/* ---- bad files ------------------------------------------------------- */

/* Imports a bad file: it must be refused with E_INPUT, nothing written, and
 * every message must begin with the file name; the first with FILE:LINE:.
 * Returns the messages. */
static errlist bad(store *s, const char *kind, const char *file, size_t line)
{
	char *before = dump_str(s);
	char *path = data(file);
	import_result r;
	errlist errs = { 0 };
	err e = { 0 };
	int rc = model_import(s, kind, path, false, &r, &errs, &e);
	cr_assert_eq(rc, E_INPUT, "%s: refused (rc %d, %s)", file, rc, e.msg);
	cr_assert_gt(errs.n, 0, "%s: a message says why", file);
	char *want = xasprintf("%s:%zu: ", path, line);
	cr_expect(strncmp(errs.msg[0], want, strlen(want)) == 0,
		  "%s: message \"%s\" begins with \"%s\"", file, errs.msg[0], want);
	char *after = dump_str(s);
	cr_expect_str_eq(after, before, "%s: the database is unchanged", file);
	free(want);
	free(path);
	free(before);
	free(after);
	return errs;
}

static bool has(const errlist *l, const char *needle)
{
	for (size_t i = 0; i < l->n; i++)
		if (strstr(l->msg[i], needle))
			return true;
	return false;
}

Test(import_bad, columns)
{
	store *s = test_db();
	errlist l = bad(s, "students", "bad-columns.csv", 1);
	cr_expect_eq(l.n, 1, "one message for the header");
	cr_expect(has(&l, "宿舍"), "names the unknown column: %s", l.msg[0]);
	cr_expect(has(&l, "学院"), "names the missing column: %s", l.msg[0]);
	store_close(s);
}

Test(import_bad, duplicate_in_file)
{
	store *s = test_db();
	errlist l = bad(s, "students", "bad-duplicate-in-file.csv", 3);
	cr_expect(has(&l, "2025030101"));
	cr_expect_eq(stats(s).students, 0, "the first row is not kept either");
	store_close(s);
}

Test(import_bad, duplicate_in_db)
{
	store *s = test_db();
	good(s, "students", "students.csv");
	errlist l = bad(s, "students", "bad-duplicate-db.csv", 3);
	cr_expect(has(&l, "already"), "%s", l.msg[0]);
	cr_expect_eq(stats(s).students, 9, "the good row 2 is not imported");
	store_close(s);
}

Test(import_bad, rule_not_member)
{
	store *s = test_db();
	load(s, false);
	bad(s, "pairings", "bad-rule-not-member.csv", 2);
	store_close(s);
}

Test(import_bad, rule_second_pairing)
{
	store *s = test_db();
	good(s, "students", "students.csv");
	test_semester_start(s, "2025-2026-2");
	errlist l = bad(s, "pairings", "bad-rule-second-pairing.csv", 3);
	cr_expect_eq(l.n, 1, "row 2 alone is fine: rules see earlier rows of the file");
	cr_expect_eq(stats(s).pairings, 0);
	store_close(s);
}

Test(import_bad, rule_cross_college)
{
	store *s = test_db();
	good(s, "students", "students.csv");
	test_semester_start(s, "2025-2026-2");
	errlist l = bad(s, "pairings", "bad-rule-cross-college.csv", 2);
	cr_expect(has(&l, "reason"), "%s", l.msg[0]);
	store_close(s);
}

Test(import_bad, date)
{
	store *s = test_db();
	good(s, "students", "students.csv");
	errlist l = bad(s, "pairings", "bad-date.csv", 2);
	cr_expect(has(&l, "2026-02-30"), "%s", l.msg[0]);
	store_close(s);
}

/* An import never makes a semester: it says which to start, and how. */
Test(import_bad, semester_not_started)
{
	store *s = test_db();
	good(s, "students", "students.csv");
	errlist l = bad(s, "pairings", "pairings.csv", 2);
	cr_expect(has(&l, "学期: there is no semester 2025-2026-2; start it first: "
		      "bangfu semester start 2025-2026-2"), "%s", l.msg[0]);
	errlist_free(&l);
	test_semester_start(s, "2025-2026-2");
	l = bad(s, "pairings", "bad-semester-unknown.csv", 2);
	cr_expect(has(&l, "bangfu semester start 2090-2091-1"), "%s", l.msg[0]);
	cr_expect_eq(l.n, 2, "one line each");
	cr_expect(strstr(l.msg[1], "bad-semester-unknown.csv:3: 学期: \"2025-2026-9\" is not a semester"),
		  "%s", l.msg[1]);
	errlist_free(&l);
	store_close(s);
}

Test(import_bad, dates_not_plausible)
{
	store *s = test_db();
	good(s, "students", "students.csv");
	test_semester_start(s, "2025-2026-1");
	test_semester_start(s, "2025-2026-2");
	errlist l = bad(s, "pairings", "bad-dates-implausible.csv", 2);
	cr_assert_eq(l.n, 4, "%zu", l.n);
	cr_expect(strstr(l.msg[0], ":2: 开始日期: 2026-04-01 is outside the semester 2025-2026-1"),
		  "%s", l.msg[0]);
	cr_expect(strstr(l.msg[1], ":3: 开始日期: 1900-01-01 is before 2000"), "%s", l.msg[1]);
	cr_expect(strstr(l.msg[2], ":4: 开始日期: 1999-12-31 is before 2000"), "%s", l.msg[2]);
	cr_expect(strstr(l.msg[3], ":5: 开始日期: 2026-07-01 is more than 30 days ahead"),
		  "%s", l.msg[3]);
	errlist_free(&l);
	store_close(s);
}

Test(import_bad, aid_amount_over_the_limit)
{
	store *s = test_db();
	load(s, false);
	errlist l = bad(s, "aid", "bad-aid-amount.csv", 2);
	cr_expect(has(&l, "100000.00 yuan is more than one record of aid holds (at most 10000 yuan)"),
		  "%s", l.msg[0]);
	errlist_free(&l);
	store_close(s);
}

Test(import_bad, kind)
{
	store *s = test_db();
	errlist l = bad(s, "students", "bad-kind.csv", 3);
	cr_expect(has(&l, "学霸"), "%s", l.msg[0]);
	store_close(s);
}

Test(import_bad, bytes)
{
	store *s = test_db();
	bad(s, "students", "bad-bytes.csv", 2);
	store_close(s);
}

Test(import_bad, quote)
{
	store *s = test_db();
	bad(s, "students", "bad-quote.csv", 3);
	store_close(s);
}

Test(import_bad, nul)
{
	store *s = test_db();
	bad(s, "students", "bad-nul.csv", 2);
	store_close(s);
}

Test(import_bad, long_field)
{
	store *s = test_db();
	bad(s, "students", "bad-long-field.csv", 2);
	store_close(s);
}

Test(import_bad, future_talk)
{
	store *s = test_db();
	load(s, false);
	bad(s, "talks", "bad-future-talk.csv", 2);
	cr_expect_eq(stats(s).talks, 0);
	store_close(s);
}

Test(import_bad, every_bad_row_reported)
{
	store *s = test_db();
	errlist l = bad(s, "students", "bad-three-rows.csv", 2);
	cr_assert_eq(l.n, 3, "3 bad rows, 3 messages (got %zu)", l.n);
	char *p = data("bad-three-rows.csv");
	char *l4 = xasprintf("%s:4: ", p), *l5 = xasprintf("%s:5: ", p);
	cr_expect(strncmp(l.msg[1], l4, strlen(l4)) == 0, "%s", l.msg[1]);
	cr_expect(strncmp(l.msg[2], l5, strlen(l5)) == 0, "%s", l.msg[2]);
	cr_expect(has(&l, "姓名"), "names the empty field as its column");
	cr_expect(has(&l, "未知"));
	cr_expect(has(&l, "少先队员"));
	cr_expect_eq(stats(s).students, 0);
	store_close(s);
}

Test(import_bad, talks_need_known_people)
{
	store *s = test_db();
	good(s, "students", "students.csv");
	/* no pairings yet: every member's talk is refused, and so is the
	 * counsellor's (no counsellors yet) */
	errlist l = bad(s, "talks", "talks.csv", 2);
	cr_expect_eq(l.n, 5, "5 talks, 5 messages (got %zu)", l.n);
	store_close(s);
}

/* A big file in a small map: the write is re-run after the map grows, and
 * neither the counts nor the messages are doubled. */
static char *big_csv(size_t n, bool bad_last)
{
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/big.csv", dir);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fprintf(f, "学号,姓名,性别,学院,班级,政治面貌,联系电话,帮扶类型\n");
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%04zu%02zu%04zu,学生%zu,%s,第%zu学院,计科%02zu01,%s,138%08zu,%s\n",
			2021 + i % 5, i % 7 + 1, i, i, i % 2 ? "男" : "女", i % 7 + 1, 21 + i % 5,
			i % 10 == 0 ? "中共党员" : "共青团员", i,
			i % 5 == 1 ? "学业困难、经济困难" : "");
	if (bad_last)
		fprintf(f, "2021010000,重复,男,第1学院,计科2101,共青团员,,\n");
	fclose(f);
	free(dir);
	return path;
}

Test(import_growth, big_file_small_map, .timeout = 120)
{
	store_set_initial_mapsize((size_t)1 << 20);
	store *s = test_db();
	char *path = big_csv(20000, false);
	import_result r;
	errlist errs = { 0 };
	err e = { 0 };
	cr_assert_eq(model_import(s, "students", path, false, &r, &errs, &e), 0, "%s", e.msg);
	cr_expect_gt(store_mapsize(s), (size_t)1 << 20, "the map grew");
	cr_expect_eq(r.students, 20000);
	cr_expect_eq(r.colleges, 7);
	cr_expect_eq(r.members, 2000);
	cr_expect_eq(r.targets, 4000);
	model_stats st = stats(s);
	cr_expect_eq(st.students, 20000);
	cr_expect_eq(st.targets, 4000);
	free(path);
	store_close(s);
}

Test(import_growth, bad_row_after_growth, .timeout = 120)
{
	store_set_initial_mapsize((size_t)1 << 20);
	store *s = test_db();
	char *path = big_csv(20000, true);
	import_result r;
	errlist errs = { 0 };
	err e = { 0 };
	cr_assert_eq(model_import(s, "students", path, false, &r, &errs, &e), E_INPUT);
	cr_expect_eq(errs.n, 1, "one message, not one per run (%zu)", errs.n);
	char *want = xasprintf("%s:20002: ", path);
	cr_expect(errs.n && strncmp(errs.msg[0], want, strlen(want)) == 0, "%s",
		  errs.n ? errs.msg[0] : "");
	cr_expect_eq(stats(s).students, 0, "nothing written");
	free(want);
	free(path);
	store_close(s);
}
