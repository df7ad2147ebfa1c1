/* fuzz_template.c — libFuzzer harness for the report templates: the
 * template engine (report/template.c: {{name}}, sections, comments) and the
 * name list's layout file (report/roster.c through inih).
 *
 * Built and run by tests/fuzz/run.sh. Besides the sanitizers it checks
 * what report.h promises: an accepted template gives NUL-terminated text
 * with no tag left unexpanded only if the input had none inside a kept
 * part; a rejected one says FILE:LINE; a rejected layout leaves nothing to
 * free. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static void fuzz_expand(const char *src)
{
	static tpl_vars *v;
	if (!v) {
		v = tpl_vars_new();
		tpl_set(v, "a", "1");
		tpl_set(v, "b", "");
		tpl_set(v, "zero", "0");
		tpl_set(v, "college", "计算机学院");
		tpl_set(v, "x", "{{a}}");     /* values are not expanded again */
	}
	char *out = NULL;
	err e = { 0 };
	int rc = tpl_expand(src, "f.tpl", v, &out, &e);
	if (rc == 0) {
		CHECK(out != NULL);
		CHECK(strlen(out) <= strlen(src) * 16 + 64);
		free(out);
	} else {
		CHECK(rc == E_INPUT);
		CHECK(out == NULL);
		CHECK(strncmp(e.msg, "f.tpl:", 6) == 0);
	}
}

static void fuzz_layout(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/fuzz-layout.XXXXXX";
	const char *tmp = getenv("TMPDIR");
	char buf[4096];
	snprintf(buf, sizeof buf, "%s/fuzz-layout.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(buf);
	if (fd < 0) {
		fd = mkstemp(path);
		if (fd < 0)
			return;
		snprintf(buf, sizeof buf, "%s", path);
	}
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(buf);
		return;
	}
	close(fd);
	roster_layout l;
	err e = { 0 };
	int rc = roster_layout_load(buf, &l, &e);
	if (rc == 0) {
		CHECK(l.title && l.subtitle && l.ncols > 0);
		for (size_t i = 0; i < l.ncols; i++)
			CHECK(l.cols[i].header && roster_field_names[l.cols[i].field]);
		roster_layout_free(&l);
	} else {
		CHECK(rc == E_INPUT);
		CHECK(l.cols == NULL && l.ncols == 0 && !l.title && !l.subtitle);
		CHECK(strncmp(e.msg, buf, strlen(buf)) == 0);
	}
	unlink(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = 0;
	/* The engine takes NUL-terminated text (files are checked for NUL
	 * and UTF-8 before). */
	fuzz_expand(s);
	free(s);
	fuzz_layout(data, size);
	return 0;
}
