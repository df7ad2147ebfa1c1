/* test_text.c — UTF-8 validation, NFC + trimming, display width, 字数. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "util/safeout.h"
#include "util/text.h"

static bool V(const char *s)
{
	return utf8_valid(s, strlen(s));
}

Test(utf8, valid_and_invalid)
{
	cr_assert(V(""));
	cr_assert(V("abc"));
	cr_assert(V("张三"));
	cr_assert(V("\xF0\xA0\xAE\xB7"));            /* U+20BB7 𠮷 */
	cr_assert_not(V("\xC0\xAF"));                /* overlong '/' */
	cr_assert_not(V("\xE0\x80\xAF"));            /* overlong, 3 bytes */
	cr_assert_not(V("\xED\xA0\x80"));            /* surrogate U+D800 */
	cr_assert_not(V("\xF4\x90\x80\x80"));        /* above U+10FFFF */
	cr_assert_not(V("\xE4\xB8"));                /* truncated 中 */
	cr_assert_not(V("\xD5\xC5\xC8\xFD"));        /* 张三 in GB18030 */
	cr_assert_not(V("ab\xFF"));
	/* only the first n bytes are looked at */
	cr_assert(utf8_valid("\xE4\xB8\xAD\xE4\xB8", 3));
}

static void clean_is(const char *in, const char *want)
{
	char *r = text_clean(in);
	cr_assert_str_eq(r, want, "text_clean(\"%s\")", in);
	free(r);
}

Test(clean, nfc_composes)
{
	/* e + COMBINING ACUTE ACCENT becomes U+00E9 */
	clean_is("caf\x65\xCC\x81", "caf\xC3\xA9");
	clean_is("\xC3\xA9", "\xC3\xA9");
	/* U+212B ANGSTROM SIGN is canonically U+00C5 */
	clean_is("\xE2\x84\xAB", "\xC3\x85");
}

Test(clean, nfc_of_text_with_chinese)
{
	/* Chinese text around decomposed letters, a CJK compatibility
	 * ideograph (U+F900 is canonically U+8C48) and combining tone marks
	 * out of order (U+302E ccc 224 before U+302A ccc 218): the fast path
	 * for plain Chinese must not skip any of these. */
	clean_is("张三caf\x65\xCC\x81，李四", "张三caf\xC3\xA9，李四");
	clean_is("\xEF\xA4\x80张", "\xE8\xB1\x88张");
	clean_is("学\xE3\x80\xAE\xE3\x80\xAA", "学\xE3\x80\xAA\xE3\x80\xAE");
	clean_is("“学习、生活”……𠮷", "“学习、生活”……𠮷");
	clean_is("Ａ１，。", "Ａ１，。");
}

Test(clean, trims_ascii_and_ideographic_space)
{
	clean_is("  张三\t\r\n", "张三");
	clean_is("\xE3\x80\x80张三\xE3\x80\x80", "张三");   /* U+3000 both sides */
	clean_is(" \xE3\x80\x80 \xE3\x80\x80x", "x");
	clean_is("张 三", "张 三");                          /* inner space kept */
	clean_is("张\xE3\x80\x80三", "张\xE3\x80\x80三");
	clean_is("   ", "");
	clean_is("\xE3\x80\x80", "");
	clean_is("", "");
}

Test(clean, invalid_utf8_is_trimmed_not_lost)
{
	clean_is(" ab\xFF ", "ab\xFF");
}

Test(width, han_is_two_columns)
{
	cr_assert_eq(text_width("义勇军"), 6);
	cr_assert_eq(text_width("\xF0\xA0\xAE\xB7"), 2);     /* 𠮷, plane 2 */
	cr_assert_eq(text_width("abc"), 3);
	cr_assert_eq(text_width(""), 0);
	cr_assert_eq(text_width("张三 abc"), 8);
	cr_assert_eq(text_width("\xEF\xBC\xA1"), 2);        /* full-width Ａ */
	cr_assert_eq(text_width("\xEF\xBC\x8C"), 2);        /* full-width ， */
	cr_assert_eq(text_width("e\xCC\x81"), 1);           /* combining mark: 0 */
	cr_assert_eq(text_width("\xC2\xB7"), 1);            /* ambiguous · as 1 */
}

static void zishu_is(const char *s, size_t want)
{
	cr_assert_eq(text_zishu(s), want, "text_zishu(\"%s\") = %zu, want %zu", s,
	             text_zishu(s), want);
}

Test(zishu, han_characters)
{
	zishu_is("我爱北京", 4);
	zishu_is("", 0);
	zishu_is("\xF0\xA0\xAE\xB7祥", 2);           /* 𠮷祥: plane-2 Han counts 1 */
}

Test(zishu, whitespace_counts_nothing)
{
	zishu_is("  \t\r\n", 0);
	zishu_is("\xE3\x80\x80\xC2\xA0", 0);          /* U+3000, no-break space */
	zishu_is("我 爱\n北\xE3\x80\x80京", 4);
}

Test(zishu, ascii_runs_count_one)
{
	zishu_is("Hello world", 2);                  /* two runs */
	zishu_is("Python3编程", 3);                   /* "Python3" 1 + 编 + 程 */
	zishu_is("共有12名", 4);                      /* 共 有 "12" 名 */
	zishu_is("2025年", 2);
	zishu_is("ABC", 1);
	zishu_is("a b c", 3);
}

Test(zishu, numbers_with_point_or_separator_are_one_run)
{
	zishu_is("3.5", 1);                          /* decimal point between digits */
	zishu_is("1,000元", 2);                       /* "1,000" + 元 */
	zishu_is("GPA3.5", 1);                       /* letters then the number */
	zishu_is("v1.2.3", 1);
	zishu_is("3.5.", 2);                         /* "3.5" + a final '.' */
	zishu_is("a.b", 3);                          /* not between digits: a . b */
	zishu_is("3. 5", 3);                         /* 3, '.', 5 */
}

Test(zishu, punctuation)
{
	/* full-width: 1 each */
	zishu_is("“你好！”", 5);                       /* “ 你 好 ！ ” */
	zishu_is("，。；：？", 5);
	/* half-width: 1 each, as Word counts them */
	zishu_is("a, b.", 4);                        /* a , b . */
	zishu_is("50%", 2);                          /* "50" % */
	zishu_is("e-mail", 3);                       /* e - mail */
	zishu_is("!!", 2);
}

Test(zishu, full_width_letters_count_each)
{
	zishu_is("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\x91", 3);  /* ＡＢ１ */
}

Test(zishu, emoji_and_symbols)
{
	zishu_is("\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 2);     /* 😀😀 */
	/* ❤️ = U+2764 + VARIATION SELECTOR-16: the selector adds nothing */
	zishu_is("\xE2\x9D\xA4\xEF\xB8\x8F", 1);
	/* 👨‍👩‍👧 = three emoji joined by two ZWJ: the joiners add nothing */
	zishu_is("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7", 3);
	zishu_is("¥100", 2);                         /* ¥ + "100" */
}

Test(zishu, a_mixed_sentence)
{
	/* 本学期(3) 共(1) "12"(1) 对(1) ，(1) "GPA"(1) 平均(2) 提高(2) "0.5"(1)
	 * 。(1) 😀(1); spaces 0 → 15 */
	zishu_is("本学期共12对， GPA 平均提高 0.5。😀", 15);
}

Test(lower, ascii_only)
{
	char *r = text_lower_ascii("ZhangSAN 张三 É");
	cr_assert_str_eq(r, "zhangsan 张三 É");
	free(r);
}

Test(clean, odd_spaces_are_spaces_and_trimmed)
{
	char *s = text_clean("\xC2\xA0石油化工学院\xC2\xA0");
	cr_assert_str_eq(s, "石油化工学院", "NBSP trimmed on both sides");
	free(s);
	s = text_clean("周\xE2\x80\xAF七\xE2\x80\x83");
	cr_assert_str_eq(s, "周 七", "narrow NBSP inside is a space, em space trimmed");
	free(s);
	s = text_clean("一行\r\n两行\r三行");
	cr_assert_str_eq(s, "一行\n两行\n三行", "CR LF and CR are LF");
	free(s);
	s = text_clean("首行缩进\xE3\x80\x80内容");
	cr_assert_str_eq(s, "首行缩进\xE3\x80\x80内容", "an ideographic space inside stays");
	free(s);
}

Test(forbidden, control_bidi_zero_width_and_bom)
{
	static const struct {
		const char *s;
		uint32_t cp;
	} bad[] = {
		{ "张\x1B]0;x\x07三", 0x1B }, { "a\x07", 0x07 }, { "a\tb", 0x09 },
		{ "a\x7F", 0x7F }, { "a\xC2\x9B", 0x9B }, { "王\xE2\x80\xAE五", 0x202E },
		{ "王\xE2\x81\xA6五", 0x2066 }, { "赵\xE2\x80\x8B六", 0x200B },
		{ "x\xE2\x80\x8Dy", 0x200D }, { "x\xEF\xBB\xBFy", 0xFEFF },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		uint32_t cp = 0;
		cr_assert_geq(text_forbidden(bad[i].s, true, &cp), 0, "case %zu refused", i);
		cr_assert_eq(cp, bad[i].cp, "case %zu: U+%04X", i, (unsigned)cp);
	}
	uint32_t cp = 0;
	cr_assert_eq(text_forbidden("两行\n文字", true, &cp), -1, "LF in a field of lines");
	cr_assert_eq(text_forbidden("两行\n文字", false, &cp), (long)strlen("两行"),
		     "LF in a one-line field, at its byte offset");
	cr_assert_eq(cp, '\n');
	cr_assert_eq(text_forbidden("𠮷祥 Zhang·Wei（计科）、“引号”", false, &cp), -1,
		     "names and punctuation pass");
}

/* What a safe stream writes for s, through a buffer of buf bytes (so
 * sequences are cut between writes). */
static char *through_safeout(const char *s, size_t buf)
{
	FILE *raw = tmpfile();
	cr_assert(raw);
	FILE *f = safeout_open(raw);
	static char vb[16];
	cr_assert_eq(setvbuf(f, vb, _IOFBF, buf), 0);
	for (const char *p = s; *p; p++)
		fputc(*p, f);
	cr_assert_eq(fclose(f), 0);
	long n = lseek(fileno(raw), 0, SEEK_END);
	char *out = calloc(1, (size_t)n + 1);
	cr_assert_eq(pread(fileno(raw), out, (size_t)n, 0), n);
	fclose(raw);
	return out;
}

Test(safeout, escapes_what_takes_over_a_terminal)
{
	for (size_t buf = 1; buf <= 8; buf++) {
		char *o = through_safeout("\xEF\xBB\xBF张\x1B]0;pwned\x07三\t计科\xC2\x9B\xE2\x80\xAE" "1\r\n"
					  "行\r尾\xEF\xBB\xBF\x7F\xFF\r", buf);
		cr_assert_str_eq(o,
				 "\xEF\xBB\xBF张\\x1B]0;pwned\\x07三\t计科\\x9B\\u202E1\r\n"
				 "行\\x0D尾\\uFEFF\\x7F\\xFF\\x0D",
				 "buffer %zu: %s", buf, o);
		free(o);
	}
}
