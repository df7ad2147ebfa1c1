/* test_summary.c — the stored summary (one per college and semester; final
 * refused under 1000 字), the school setting and the template engine (the
 * anonymised names of the reports are privacy's: test_privacy.c). */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "model/model.h"
#include "report/report.h"
#include "util/text.h"

#define TXN_TEST(suite, name)                                                \
	static int name##_body(store_txn *t, void *ctx, err *e);             \
	Test(suite, name)                                                    \
	{                                                                    \
		store *s = test_db();                                        \
		err e = { 0 };                                               \
		int rc = store_write(s, name##_body, NULL, &e);              \
		cr_assert_eq(rc, 0, "%s", e.msg);                            \
		store_close(s);                                              \
	}                                                                    \
	static int name##_body(store_txn *t, void *ctx, err *e)

static void setup(store_txn *t, rid *col, rid *sem)
{
	err e = { 0 };
	cr_assert_eq(college_ensure(t, "计算机科学与技术学院", col, &e), 0, "%s", e.msg);
	cr_assert_eq(semester_ensure(t, "2025-2026-2", sem, &e), 0, "%s", e.msg);
}

/* n Han characters: n 字. */
static char *han(size_t n)
{
	char *s = malloc(n * 3 + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(s + 3 * i, "字", 3);
	s[n * 3] = 0;
	return s;
}

TXN_TEST(summary, final_refused_under_1000_zi)
{
	rid col, sem;
	err er = { 0 };
	setup(t, &col, &sem);
	summary s = { 0 };
	s.college_id = col;
	s.semester_id = sem;
	s.text = han(999);
	s.final = 1;
	cr_assert_eq(summary_save(t, &s, &er), E_INPUT, "999 字 must not be final");
	cr_assert(strstr(er.msg, "final") && strstr(er.msg, "1000"), "message: %s", er.msg);
	cr_assert(strstr(er.msg, "999") && strstr(er.msg, " 1 "), "says 999 and 1 missing: %s",
		  er.msg);
	/* Saved as a draft it is fine. */
	s.final = 0;
	er = (err){ 0 };
	cr_assert_eq(summary_save(t, &s, &er), 0, "%s", er.msg);
	/* Spaces and line ends count nothing. */
	free(s.text);
	s.text = malloc(999 * 4 + 2);
	s.text[0] = 0;
	for (int i = 0; i < 999; i++)
		strcat(s.text, "字 ");
	strcat(s.text, "\n");
	s.final = 1;
	cr_assert_eq(summary_save(t, &s, &er), E_INPUT, "white space must not count");
	free(s.text);
	s.text = han(1000);
	er = (err){ 0 };
	cr_assert_eq(summary_save(t, &s, &er), 0, "1000 字 may be final: %s", er.msg);
	summary back = { 0 };
	cr_assert_eq(summary_find(t, &col, &sem, &back, &er), 0);
	cr_assert_eq(back.final, 1);
	cr_assert_eq(text_zishu(back.text), 1000);
	rec_free(&summary_desc, &back);
	free(s.text);
	return 0;
}

TXN_TEST(summary, final_text_is_read_only_until_reopened)
{
	rid col, sem;
	err er = { 0 };
	setup(t, &col, &sem);
	summary s = { 0 };
	s.college_id = col;
	s.semester_id = sem;
	s.text = han(1000);
	s.final = 1;
	cr_assert_eq(summary_save(t, &s, &er), 0, "%s", er.msg);
	/* A final text cannot be changed, whether final stays or goes. */
	char *orig = s.text;
	s.text = han(1200);
	er = (err){ 0 };
	cr_assert_eq(summary_save(t, &s, &er), E_INPUT, "a final text must not change");
	cr_assert_str_eq(er.field, "text");
	cr_assert(strstr(er.msg, "reopen"), "message: %s", er.msg);
	s.final = 0;
	er = (err){ 0 };
	cr_assert_eq(summary_save(t, &s, &er), E_INPUT,
		     "changing the text while unmarking it is still a change to a final text");
	summary back = { 0 };
	cr_assert_eq(summary_find(t, &col, &sem, &back, &er), 0);
	cr_assert_eq(back.final, 1, "the stored summary is still final");
	cr_assert_eq(text_zishu(back.text), 1000, "and its text is as it was");
	/* Reopening (final back to 0, same text) is allowed; then it may change. */
	free(s.text);
	s.text = orig;
	s.final = 0;
	er = (err){ 0 };
	cr_assert_eq(summary_save(t, &s, &er), 0, "reopening: %s", er.msg);
	free(s.text);
	s.text = han(1200);
	cr_assert_eq(summary_save(t, &s, &er), 0, "a reopened text may change: %s", er.msg);
	rec_free(&summary_desc, &back);
	cr_assert_eq(summary_find(t, &col, &sem, &back, &er), 0);
	cr_assert_eq(back.final, 0);
	cr_assert_eq(text_zishu(back.text), 1200);
	rec_free(&summary_desc, &back);
	free(s.text);
	return 0;
}

TXN_TEST(summary, validate_is_the_rule_check_uses)
{
	rid col, sem;
	err er = { 0 };
	setup(t, &col, &sem);
	summary s = { 0 };
	s.college_id = col;
	s.semester_id = sem;
	s.text = (char *)"一段不到一千字的总结。";
	s.final = 1;
	cr_assert_eq(summary_validate(t, &s, &er), E_INPUT);
	s.final = 0;
	cr_assert_eq(summary_validate(t, &s, &er), 0, "%s", er.msg);
	s.final = 2;
	cr_assert_eq(summary_validate(t, &s, &er), E_INPUT, "final is 0 or 1");
	return 0;
}

TXN_TEST(summary, one_per_college_and_semester)
{
	rid col, sem, other;
	err er = { 0 };
	setup(t, &col, &sem);
	cr_assert_eq(college_ensure(t, "机械工程学院", &other, &er), 0);
	summary a = { 0 }, b = { 0 }, c = { 0 };
	a.college_id = b.college_id = col;
	a.semester_id = b.semester_id = sem;
	a.text = (char *)"第一稿";
	b.text = (char *)"第二稿";
	cr_assert_eq(summary_save(t, &a, &er), 0, "%s", er.msg);
	cr_assert_eq(summary_save(t, &b, &er), E_INPUT, "a second summary is refused");
	c.college_id = other;
	c.semester_id = sem;
	c.text = (char *)"另一学院";
	cr_assert_eq(summary_save(t, &c, &er), 0, "another college has its own: %s", er.msg);
	/* Updating the first is fine. */
	a.text = (char *)"第一稿（改）";
	cr_assert_eq(summary_save(t, &a, &er), 0, "%s", er.msg);
	summary back = { 0 };
	cr_assert_eq(summary_find(t, &col, &sem, &back, &er), 0);
	cr_assert_str_eq(back.text, "第一稿（改）");
	rec_free(&summary_desc, &back);
	rid none;
	memset(&none, 0, sizeof none);
	none.b[0] = 1;
	cr_assert_eq(summary_find(t, &none, &sem, &back, &er), E_NOTFOUND);
	return 0;
}

TXN_TEST(summary, needs_a_real_college_and_semester)
{
	rid col, sem, bogus;
	err er = { 0 };
	setup(t, &col, &sem);
	rid_new(&bogus);
	summary s = { 0 };
	s.college_id = bogus;
	s.semester_id = sem;
	cr_assert_eq(summary_save(t, &s, &er), E_INPUT);
	s.college_id = col;
	s.semester_id = bogus;
	cr_assert_eq(summary_save(t, &s, &er), E_INPUT);
	return 0;
}

TXN_TEST(summary, check_finds_a_final_summary_too_short)
{
	/* A summary written around the rule (as an old program might have)
	 * is found by model_check. */
	rid col, sem;
	err er = { 0 };
	setup(t, &col, &sem);
	summary s = { 0 };
	s.college_id = col;
	s.semester_id = sem;
	s.text = (char *)"太短";
	s.final = 1;
	cr_assert_eq(st_rec_put(t, DB_SUMMARY, &summary_desc, &s, &er), 0, "%s", er.msg);
	errlist probs = { 0 };
	cr_assert_neq(model_check(t, &probs, &er), 0, "check must find the short final summary");
	errlist_free(&probs);
	return 0;
}

TXN_TEST(school, setting)
{
	char *name = NULL;
	err er = { 0 };
	cr_assert_eq(model_school_get(t, &name, &er), 0);
	cr_assert_str_eq(name, "", "unset at first");
	free(name);
	cr_assert_eq(model_school_set(t, "  浙江示例大学 ", &er), 0, "%s", er.msg);
	cr_assert_eq(model_school_get(t, &name, &er), 0);
	cr_assert_str_eq(name, "浙江示例大学");
	free(name);
	cr_assert_eq(model_school_set(t, "", &er), E_INPUT, "an empty name is refused");
	return 0;
}

/* ---- the template engine --------------------------------------------- */

static char *expand(const char *src, tpl_vars *v, int want_rc, const char *want_msg)
{
	char *out = NULL;
	err er = { 0 };
	int rc = tpl_expand(src, "t.tpl", v, &out, &er);
	cr_assert_eq(rc, want_rc, "rc %d (%s)", rc, er.msg);
	if (want_msg)
		cr_assert(strstr(er.msg, want_msg), "message '%s' lacks '%s'", er.msg, want_msg);
	return out;
}

Test(template, names_and_sections)
{
	tpl_vars *v = tpl_vars_new();
	tpl_set(v, "college", "计算机学院");
	tpl_set_num(v, "n", 12);
	tpl_set(v, "zero", "0");
	tpl_set(v, "empty", "");
	char *o = expand("{{college}}共{{ n }}对。{{#n}}有{{/n}}{{#zero}}零{{/zero}}"
			 "{{^zero}}无{{/zero}}{{^empty}}空{{/empty}}{{! a comment }}", v, 0, NULL);
	cr_assert_str_eq(o, "计算机学院共12对。有无空");
	free(o);
	/* A section tag alone on its line takes the line with it. */
	o = expand("a\n{{#n}}\nb\n{{/n}}\n{{#zero}}\nc\n{{/zero}}\nd\n", v, 0, NULL);
	cr_assert_str_eq(o, "a\nb\nd\n");
	free(o);
	/* Nested sections. */
	o = expand("{{#n}}x{{#zero}}y{{/zero}}{{^zero}}z{{/zero}}{{/n}}", v, 0, NULL);
	cr_assert_str_eq(o, "xz");
	free(o);
	tpl_vars_free(v);
}

Test(template, errors_name_file_and_line)
{
	tpl_vars *v = tpl_vars_new();
	tpl_set(v, "a", "1");
	free(expand("line1\n{{nope}}", v, E_INPUT, "t.tpl:2: unknown name 'nope'"));
	free(expand("{{#a}}\nx\n", v, E_INPUT, "t.tpl:1: section 'a' is never closed"));
	free(expand("x\n\n{{/a}}", v, E_INPUT, "t.tpl:3:"));
	free(expand("{{#a}}{{/b}}", v, E_INPUT, "closes no open section"));
	free(expand("x {{a", v, E_INPUT, "t.tpl:1:"));
	free(expand("{{a b}}", v, E_INPUT, "is not a name"));
	tpl_vars_free(v);
}

static int draft_body(store_txn *t, void *ctx, err *er)
{
	rid col, sem;
	char **out = ctx;
	const char *top = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof path, "%s/forms/summary.tpl", top ? top : ".");
	int rc = college_ensure(t, "空学院", &col, er);
	if (!rc)
		rc = semester_ensure(t, "2025-2026-2", &sem, er);
	if (!rc)
		rc = summary_draft(t, path, "空学院", "2025-2026-2", SUMMARY_TXT, out, er);
	return rc;
}

Test(template, the_shipped_summary_template_expands)
{
	/* Every name forms/summary.tpl uses is one summary.c sets: the draft
	 * of an empty college must expand without "unknown name". */
	store *s = test_db();
	err e = { 0 };
	char *out = NULL;
	cr_assert_eq(store_write(s, draft_body, &out, &e), 0, "%s", e.msg);
	cr_assert(strstr(out, "一、基本情况"), "%s", out);
	cr_assert(strstr(out, "尚未登记结对帮扶"), "an empty college says so plainly: %s", out);
	cr_assert(!strstr(out, "0对"), "no sentence on a zero figure: %s", out);
	cr_assert(!strstr(out, "（本稿正文共"), "the count is not in the text: %s", out);
	cr_assert(!strstr(out, "{{"), "no tag is left: %s", out);
	free(out);
	store_close(s);
}

Test(summary_note, says_count_and_missing)
{
	/* 1200 Han characters and a run of ASCII: 字数 1201, Han 1200. */
	char *text = han(1200);
	text = realloc(text, strlen(text) + 8);
	strcat(text, " ABC");
	char *n = summary_note(text);
	cr_assert(strstr(n, "1201") && strstr(n, "1200"), "both counts: %s", n);
	cr_assert(!strstr(n, "short"), "nothing missing: %s", n);
	free(n);
	free(text);
	text = han(812);
	n = summary_note(text);
	cr_assert(strstr(n, "812") && strstr(n, "188"), "812 and 188 missing: %s", n);
	free(n);
	free(text);
}
