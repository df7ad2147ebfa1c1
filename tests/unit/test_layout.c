/* test_layout.c — display-width layout with Chinese text: Han characters take
 * two columns, a cell never cuts a character in half and ends with "…" when
 * it truncates, names of different lengths line up. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/layout.h"

#define CUT(s, n, want) do { \
	char *got_ = lay_cut(s, n); \
	cr_assert_str_eq(got_, want, "cut(\"%s\", %d)", s, n); \
	free(got_); \
} while (0)

#define FIT(s, n, want) do { \
	char *got_ = lay_fit(s, n); \
	cr_assert_str_eq(got_, want, "fit(\"%s\", %d)", s, n); \
	cr_assert_eq(lay_width(got_), n); \
	free(got_); \
} while (0)

Test(width, han_two_columns)
{
	cr_assert_eq(lay_width(""), 0);
	cr_assert_eq(lay_width("abc"), 3);
	cr_assert_eq(lay_width("义勇军"), 6);
	cr_assert_eq(lay_width("𠮷祥"), 4);                 /* outside the BMP */
	cr_assert_eq(lay_width("阿卜杜·热合曼"), 13);       /* · is one column */
	cr_assert_eq(lay_width("李a1"), 4);
	cr_assert_eq(lay_width("…"), 1);
	cr_assert_eq(lay_width("e\xcc\x81"), 1);            /* e + combining acute */
	cr_assert_eq(lay_wcwidth(L'义'), 2);
	cr_assert_eq(lay_wcwidth(L'a'), 1);
	cr_assert_eq(lay_wcwidth(0x301), 0);
}

Test(cut, never_splits_a_wide_character)
{
	CUT("义勇军", 6, "义勇军");            /* fits: unchanged */
	CUT("义勇军", 7, "义勇军");
	CUT("义勇军", 5, "义勇…");
	CUT("义勇军", 4, "义…");               /* 义 + … = 3 columns */
	CUT("义勇军", 3, "义…");
	CUT("义勇军", 2, "…");
	CUT("义勇军", 1, "…");
	CUT("义勇军", 0, "");
	CUT("abcdef", 4, "abc…");
	CUT("ab义勇", 4, "ab…");               /* 义 would straddle the edge */
	CUT("a义b", 3, "a…");
	CUT("𠮷祥同学", 5, "𠮷祥…");
	CUT("阿卜杜·热合曼", 7, "阿卜杜…");
	CUT("阿卜杜·热合曼", 8, "阿卜杜·…");
	CUT("阿卜杜·热合曼", 9, "阿卜杜·…");     /* 热 would straddle */
	CUT("阿卜杜·热合曼", 12, "阿卜杜·热合…");
}

Test(cut, result_never_wider_than_asked)
{
	const char *names[] = { "义勇军", "𠮷祥", "阿卜杜·热合曼", "Zhang San", "李a1b2",
				"欧阳娜娜abc" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		for (int n = 0; n < 16; n++) {
			char *c = lay_cut(names[i], n);
			cr_assert_leq(lay_width(c), n, "%s at %d: %s", names[i], n, c);
			free(c);
		}
}

Test(fit, padded_to_exact_columns)
{
	FIT("义勇军", 8, "义勇军  ");
	FIT("义勇军", 4, "义… ");               /* cut, then one space of padding */
	FIT("𠮷祥", 6, "𠮷祥  ");
	FIT("", 3, "   ");
	FIT("ab", 2, "ab");
	char *r = lay_fit_right("42", 5);
	cr_assert_str_eq(r, "   42");
	free(r);
	r = lay_fit_right("义勇", 5);
	cr_assert_str_eq(r, " 义勇");
	free(r);
}

Test(fit, names_line_up)
{
	/* a column of names followed by a second column: the second starts at
	 * the same display column in every row */
	const char *names[] = { "𠮷祥", "阿卜杜·热合曼", "王五", "Li Lei" };
	for (size_t i = 0; i < 4; i++) {
		char *cell = lay_fit(names[i], 10);
		char row[64];
		snprintf(row, sizeof row, "%s|x", cell);
		cr_assert_eq(strstr(row, "|x") - row, (long)strlen(cell));
		*strstr(row, "|x") = '\0';
		cr_assert_eq(lay_width(row), 10, "%s", names[i]);
		free(cell);
	}
}

Test(cut, invalid_and_control_bytes)
{
	char *c = lay_cut("a\xff" "b", 5);
	cr_assert_str_eq(c, "a?b");
	free(c);
	c = lay_cut("a\tb\nc", 9);
	cr_assert_str_eq(c, "a b c");
	free(c);
}

Test(prefix, bytes_that_fit)
{
	int w;
	cr_assert_eq(lay_prefix("义勇军", 5, &w), 6u);
	cr_assert_eq(w, 4);
	cr_assert_eq(lay_prefix("ab义", 3, &w), 2u);
	cr_assert_eq(w, 2);
	cr_assert_eq(lay_prefix("ab义", 4, &w), 5u);
	cr_assert_eq(w, 4);
}

Test(columns, fixed_and_flexible)
{
	lay_col c[3] = {
		{ .min = 10, .want = 12 },           /* number: fixed 12 */
		{ .min = 8, .flex = 1 },             /* name */
		{ .min = 6, .flex = 2 },             /* class */
	};
	lay_columns(c, 3, 80, 1);
	cr_assert_eq(c[0].width, 12);
	/* 80 - 2 gaps = 78; 12 + 8 + 6 = 26; 52 shared 1:2 */
	cr_assert_eq(c[1].width, 8 + 17);
	cr_assert_eq(c[2].width, 6 + 35);
	cr_assert_eq(c[0].width + c[1].width + c[2].width + 2, 80);
}

Test(columns, too_narrow_hides_columns)
{
	lay_col c[3] = { { .min = 10 }, { .min = 10 }, { .min = 10, .flex = 1 } };
	lay_columns(c, 3, 22, 1);
	cr_assert_eq(c[0].width, 10);
	cr_assert_eq(c[1].width, 10);
	cr_assert_eq(c[2].width, 0);              /* no room for its minimum */
	lay_columns(c, 3, 0, 1);
	cr_assert_eq(c[0].width + c[1].width + c[2].width, 0);
}

static void check_wrap(const char *text, int cols, const char *const *want, size_t nwant)
{
	size_t n;
	char **l = lay_wrap(text, cols, &n);
	cr_assert_eq(n, nwant, "\"%s\" at %d: %zu lines", text, cols, n);
	for (size_t i = 0; i < n; i++) {
		cr_assert_str_eq(l[i], want[i], "line %zu", i);
		cr_assert_leq(lay_width(l[i]), cols);
	}
	lay_lines_free(l, n);
}

Test(wrap, han_between_characters)
{
	const char *w1[] = { "义勇军进", "行曲" };
	check_wrap("义勇军进行曲", 8, w1, 2);
	const char *w2[] = { "义勇", "军进", "行曲" };
	check_wrap("义勇军进行曲", 5, w2, 3);    /* odd width: one column unused */
}

Test(wrap, words_at_spaces)
{
	const char *w1[] = { "talk about", "the exam" };
	check_wrap("talk about the exam", 12, w1, 2);
	const char *w2[] = { "abcdefgh", "ij" };
	check_wrap("abcdefghij", 8, w2, 2);      /* a long word is cut */
}

Test(wrap, lines_and_empty_lines)
{
	const char *w1[] = { "第一行", "", "第三行" };
	check_wrap("第一行\n\n第三行", 20, w1, 3);
	const char *w2[] = { "" };
	check_wrap("", 10, w2, 1);
	const char *w3[] = { "谈心谈话", "ok 很好" };
	check_wrap("谈心谈话ok 很好", 8, w3, 2);
}

Test(convert, utf8_round_trip)
{
	size_t n;
	wchar_t *w = lay_to_wcs("𠮷祥a", &n);
	cr_assert_eq(n, 3u);
	cr_assert_eq(w[0], 0x20BB7);
	char *s = lay_to_utf8(w, n);
	cr_assert_str_eq(s, "𠮷祥a");
	free(s);
	free(w);
}

/* Words set apart by spaces in Chinese text (the columns a roster needs)
 * are not broken inside when a space is a few columns back; prose without
 * spaces still breaks between any two characters. */
Test(wrap, keeps_spaced_words_whole)
{
	size_t n;
	char **l = lay_wrap("学生名单是 CSV 文件，需包含 学号 姓名 学院 列。", 35, &n);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(l[0], "学生名单是 CSV 文件，需包含 学号");
	cr_assert_str_eq(l[1], "姓名 学院 列。");
	lay_lines_free(l, n);
	l = lay_wrap("本学期共组织结对帮扶十二对参与结对的学生党员", 20, &n);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(l[0], "本学期共组织结对帮扶");
	lay_lines_free(l, n);
}
