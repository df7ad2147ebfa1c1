/* helpers.h — shared by the Criterion tests that need a database.
 * Criterion runs each test in its own process: every test opens its own
 * environment in its own temporary folder (NOTES.md). */
#ifndef BANGFU_TEST_HELPERS_H
#define BANGFU_TEST_HELPERS_H

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "model/internal.h" /* the model's tests may look behind its face */
#include "tmpdir.h"

static inline char *test_tmpdir(void)
{
	char *d = test_mkdtemp("bangfu-unit");
	cr_assert_not_null(d);
	return d;
}

static inline store *test_db(void)
{
	store *s = NULL;
	err e = { 0 };
	char *dir = test_tmpdir();
	setenv("BANGFU_TODAY", "2026-05-20", 1);
	int rc = model_open(&s, dir, &e);
	cr_assert_eq(rc, 0, "model_open: %s", e.msg);
	free(dir);
	return s;
}

static inline int start_fn(store_txn *t, void *ctx, err *e)
{
	return semester_start(t, ctx, NULL, NULL, e);
}

/* bangfu semester start CODE: an import makes no semester, so a test
 * imports pairings into one started first. */
static inline void test_semester_start(store *s, const char *code)
{
	err e = { 0 };
	cr_assert_eq(store_write(s, start_fn, (void *)code, &e), 0, "semester start: %s", e.msg);
}

#endif
