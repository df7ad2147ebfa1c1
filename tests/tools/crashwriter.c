/* crashwriter — a writer for tests/cli/crash.sh to kill.
 *
 *   crashwriter DIR PREFIX [COUNT]
 *
 * Opens the database DIR with model_open and creates students numbered
 * PREFIX followed by a counter (zero-padded to 10 digits in all), one per
 * store_write, printing each number on its own line only after its
 * transaction has committed (one write(2) per line, so a kill never leaves
 * half a line). Runs until killed, or COUNT students. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/internal.h"

struct cw {
	rid college;
	char no[32];
	char name[64];
};

/* "测试" and the counter in Chinese numerals: a name as a person has. */
static void cw_name(char *buf, size_t n, long i)
{
	static const char *const digit[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	char num[24];
	snprintf(num, sizeof num, "%ld", i);
	snprintf(buf, n, "测试");
	for (const char *p = num; *p; p++)
		strncat(buf, digit[*p - '0'], n - strlen(buf) - 1);
}

static int cw_write(store_txn *t, void *ctx, err *e)
{
	struct cw *w = ctx;
	/* Record strings are malloc'd (store.h); the save may replace them. */
	student s = { 0 };
	s.student_no = xstrdup(w->no);
	s.name = xstrdup(w->name);
	s.college_id = w->college;
	s.class_name = xstrdup("崩溃测试1班");
	s.political = xstrdup("群众");
	int rc = student_save(t, &s, e);
	rec_free(&student_desc, &s);
	return rc;
}

static int cw_college(store_txn *t, void *ctx, err *e)
{
	struct cw *w = ctx;
	return college_ensure(t, "崩溃测试学院", &w->college, e);
}

int main(int argc, char **argv)
{
	if (argc < 3 || strlen(argv[2]) >= 10) {
		fprintf(stderr, "usage: crashwriter DIR PREFIX [COUNT]\n");
		return 2;
	}
	long count = argc > 3 ? atol(argv[3]) : -1;
	store *st = NULL;
	err e = { 0 };
	if (model_open(&st, argv[1], &e) != 0) {
		fprintf(stderr, "crashwriter: %s\n", e.msg);
		return 3;
	}
	store_set_actor(st, "crashwriter");
	struct cw w = { 0 };
	if (store_write(st, cw_college, &w, &e) != 0) {
		fprintf(stderr, "crashwriter: %s\n", e.msg);
		return 3;
	}
	int digits = 10 - (int)strlen(argv[2]);
	for (long i = 0; count < 0 || i < count; i++) {
		char num[24];
		snprintf(num, sizeof num, "%020ld", i);
		snprintf(w.no, sizeof w.no, "%s%s", argv[2], num + 20 - digits);
		cw_name(w.name, sizeof w.name, i);
		if (store_write(st, cw_write, &w, &e) != 0) {
			fprintf(stderr, "crashwriter: %s: %s\n", w.no, e.msg);
			return 3;
		}
		char line[40];
		int n = snprintf(line, sizeof line, "%s\n", w.no);
		if (write(STDOUT_FILENO, line, (size_t)n) != n)
			return 1;
	}
	store_close(st);
	return 0;
}
