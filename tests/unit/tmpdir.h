/* tmpdir.h — temporary folders for unit tests, removed when the test's
 * process exits (Criterion runs each test in a process of its own). */
#ifndef BANGFU_TEST_TMPDIR_H
#define BANGFU_TEST_TMPDIR_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { TEST_TMPDIRS_MAX = 16 };
static char test_tmpdirs[TEST_TMPDIRS_MAX][64];
static int test_ntmpdirs;

static int test_rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st; (void)flag; (void)f;
	remove(p);
	return 0;
}

static void test_rm_tmpdirs(void)
{
	for (int i = 0; i < test_ntmpdirs; i++)
		nftw(test_tmpdirs[i], test_rm_one, 16, FTW_DEPTH | FTW_PHYS);
	test_ntmpdirs = 0;
}

/* mkdtemp("/tmp/PREFIX.XXXXXX"), removed at exit; NULL on failure. */
static inline char *test_mkdtemp(const char *prefix)
{
	char tmpl[64];
	snprintf(tmpl, sizeof tmpl, "/tmp/%s.XXXXXX", prefix);
	if (!mkdtemp(tmpl))
		return NULL;
	if (test_ntmpdirs < TEST_TMPDIRS_MAX) {
		if (test_ntmpdirs == 0)
			atexit(test_rm_tmpdirs);
		strcpy(test_tmpdirs[test_ntmpdirs++], tmpl);
	}
	return strdup(tmpl);
}

#endif
