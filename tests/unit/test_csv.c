/* test_csv.c — reading CSV as Excel and WPS write it. */
#include "config.h"

#include <criterion/criterion.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/csv.h"

static csv_table T;
static errlist E;

static void reset(void)
{
	csv_table_free(&T);
	errlist_free(&E);
}

static int rd(const char *buf, size_t len)
{
	reset();
	return csv_read_mem("in.csv", buf, len, &T, &E);
}

static int rds(const char *s)
{
	return rd(s, strlen(s));
}

static void errs_dump(void)
{
	for (size_t i = 0; i < E.n; i++)
		cr_log_info("err: %s", E.msg[i]);
}

static void ok_read(const char *s)
{
	int rc = rds(s);
	if (rc)
		errs_dump();
	cr_assert_eq(rc, 0, "read failed");
	cr_assert_eq(E.n, 0);
}

static void field_is(size_t row, size_t col, const char *want)
{
	cr_assert_lt(row, T.nrows, "no row %zu", row);
	cr_assert_lt(col, T.rows[row].nfields, "row %zu has no field %zu", row, col);
	cr_assert_str_eq(T.rows[row].fields[col], want, "row %zu field %zu", row, col);
}

static void line_is(size_t row, size_t want)
{
	cr_assert_lt(row, T.nrows);
	cr_assert_eq(T.rows[row].line, want, "row %zu starts on line %zu, want %zu", row,
	             T.rows[row].line, want);
}

/* True if some error message contains both a and b. */
static bool has_err(const char *a, const char *b)
{
	for (size_t i = 0; i < E.n; i++)
		if (strstr(E.msg[i], a) && (!b || strstr(E.msg[i], b)))
			return true;
	return false;
}

static void err_is(const char *loc, const char *what)
{
	if (!has_err(loc, what))
		errs_dump();
	cr_assert(has_err(loc, what), "no error with \"%s\" and \"%s\"", loc, what);
}

/* UTF-8 → GB18030 with iconv, as Excel on Chinese Windows would save it. */
static char *to_gb(const char *s, size_t *outlen)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	cr_assert_neq(cd, (iconv_t)-1);
	size_t inl = strlen(s), outl = inl * 2 + 8;
	char *out = malloc(outl), *o = out, *in = (char *)s;
	cr_assert_neq(iconv(cd, &in, &inl, &o, &outl), (size_t)-1);
	iconv_close(cd);
	*outlen = (size_t)(o - out);
	return out;
}

Test(csv, utf8_without_bom)
{
	ok_read("姓名,学号\n张三,2023001\n");
	cr_assert_str_eq(T.encoding, "UTF-8");
	cr_assert_eq(T.nrows, 2);
	cr_assert_eq(T.rows[0].nfields, 2);
	field_is(0, 0, "姓名");
	field_is(1, 0, "张三");
	field_is(1, 1, "2023001");
	line_is(0, 1);
	line_is(1, 2);
}

Test(csv, utf8_with_bom_is_not_part_of_the_first_field)
{
	ok_read("\xEF\xBB\xBF姓名,学号\n张三,2023001\n");
	cr_assert_str_eq(T.encoding, "UTF-8");
	field_is(0, 0, "姓名");
	cr_assert_eq(T.nrows, 2);
}

Test(csv, gb18030_is_detected_and_converted)
{
	/* 𠮷 (U+20BB7) takes four bytes in GB18030 */
	const char *u = "姓名,备注\r\n张三,\"家住北京,海淀\"\r\n\xF0\xA0\xAE\xB7祥,“好”\r\n";
	size_t n;
	char *gb = to_gb(u, &n);
	cr_assert_neq(memcmp(gb, u, 4), 0, "iconv did not convert");
	int rc = rd(gb, n);
	free(gb);
	cr_assert_eq(rc, 0);
	cr_assert_str_eq(T.encoding, "GB18030");
	cr_assert_eq(T.nrows, 3);
	field_is(0, 0, "姓名");
	field_is(1, 1, "家住北京,海淀");
	field_is(2, 0, "\xF0\xA0\xAE\xB7祥");
	field_is(2, 1, "“好”");
	line_is(2, 3);
}

Test(csv, gb18030_file_from_disk)
{
	size_t n;
	char *gb = to_gb("学号,姓名\n2023001,李四\n", &n);
	char path[] = "/tmp/bangfu-csv.XXXXXX";
	int fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, gb, n), (ssize_t)n);
	close(fd);
	free(gb);
	reset();
	int rc = csv_read_file(path, &T, &E);
	unlink(path);
	cr_assert_eq(rc, 0);
	cr_assert_str_eq(T.encoding, "GB18030");
	field_is(1, 1, "李四");
}

Test(csv, missing_file_is_an_input_error)
{
	reset();
	cr_assert_eq(csv_read_file("/nonexistent/x.csv", &T, &E), E_INPUT);
	err_is("/nonexistent/x.csv", NULL);
}

Test(csv, crlf_line_ends)
{
	ok_read("a,b\r\nc,d\r\n");
	cr_assert_eq(T.nrows, 2);
	field_is(0, 1, "b");
	field_is(1, 1, "d");
	line_is(1, 2);
}

Test(csv, lone_cr_line_ends)
{
	ok_read("a,b\rc,d\r\re,f");
	cr_assert_eq(T.nrows, 3);
	line_is(1, 2);
	line_is(2, 4);
	field_is(2, 1, "f");
}

Test(csv, last_line_without_newline)
{
	ok_read("a,b\nc,d");
	cr_assert_eq(T.nrows, 2);
	field_is(1, 1, "d");
	line_is(1, 2);
}

Test(csv, quoted_commas_quotes_and_newlines_keep_line_numbers)
{
	ok_read("姓名,备注\n"                   /* 1 */
	        "张三,\"家住北京,海淀\"\n"       /* 2 */
	        "李四,\"第一行\n"                /* 3 */
	        "第二行\n"                       /* 4 */
	        "第三行\"\n"                     /* 5 */
	        "\n"                             /* 6: blank */
	        "王五,\"他说\"\"你好\"\"\"\n"    /* 7 */
	        "\"赵\n六\",x\n");               /* 8-9 */
	cr_assert_eq(T.nrows, 5);
	line_is(0, 1);
	line_is(1, 2);
	line_is(2, 3);
	line_is(3, 7);
	line_is(4, 8);
	field_is(1, 1, "家住北京,海淀");
	field_is(2, 1, "第一行\n第二行\n第三行");
	field_is(3, 1, "他说\"你好\"");
	field_is(4, 0, "赵\n六");
	field_is(4, 1, "x");
}

Test(csv, crlf_inside_quotes_becomes_lf)
{
	ok_read("a,\"x\r\ny\"\r\nb,c\r\n");
	cr_assert_eq(T.nrows, 2);
	field_is(0, 1, "x\ny");
	line_is(1, 3);
}

Test(csv, blank_and_empty_rows_are_skipped)
{
	ok_read("\n   \n姓名,学号\n\n,,\n \t \n张三,1\n\n");
	cr_assert_eq(T.nrows, 2);
	line_is(0, 3);
	line_is(1, 7);
}

Test(csv, fields_are_trimmed_and_nfc)
{
	ok_read("  张三 ,\xE3\x80\x80李四\xE3\x80\x80, caf\x65\xCC\x81 ,\" q \"\n");
	field_is(0, 0, "张三");
	field_is(0, 1, "李四");
	field_is(0, 2, "caf\xC3\xA9");
	field_is(0, 3, "q");
}

Test(csv, empty_fields_are_kept_in_place)
{
	ok_read("a,,c,\n");
	cr_assert_eq(T.rows[0].nfields, 4);
	field_is(0, 1, "");
	field_is(0, 3, "");
}

Test(csv, empty_input)
{
	ok_read("");
	cr_assert_eq(T.nrows, 0);
	ok_read("\xEF\xBB\xBF");
	cr_assert_eq(T.nrows, 0);
}

Test(csv, nul_byte_names_its_line)
{
	static const char buf[] = "a,b\nc,d\ne\0f,g\n";
	cr_assert_eq(rd(buf, sizeof buf - 1), E_INPUT);
	err_is("in.csv:3:", "NUL");
	cr_assert_eq(T.nrows, 0);
}

Test(csv, every_line_with_a_nul_is_named_once)
{
	static const char buf[] = "a\0\0\nb\nc\0\n";
	cr_assert_eq(rd(buf, sizeof buf - 1), E_INPUT);
	err_is("in.csv:1:", "NUL");
	err_is("in.csv:3:", "NUL");
	cr_assert_eq(E.n, 2);
}

Test(csv, utf16_is_named)
{
	static const char buf[] = "\xFF\xFE" "a\0,\0b\0\n\0";
	cr_assert_eq(rd(buf, sizeof buf - 1), E_INPUT);
	err_is("in.csv:1:", "UTF-16");
}

Test(csv, unterminated_quote)
{
	cr_assert_eq(rds("a,b\nc,d\ne,\"never closed\nf,g\n"), E_INPUT);
	err_is("in.csv:3:", "never closed");
	cr_assert_eq(T.nrows, 0);
}

Test(csv, stray_quote_in_unquoted_field)
{
	cr_assert_eq(rds("a,b\n张三,他说\"你好\"\nc,d\n"), E_INPUT);
	err_is("in.csv:2:", "quote");
	cr_assert_eq(E.n, 1);
}

Test(csv, text_after_closing_quote)
{
	cr_assert_eq(rds("a,b\n\"x\"y,z\n"), E_INPUT);
	err_is("in.csv:2:", "quote");
}

Test(csv, invalid_utf8_after_bom)
{
	cr_assert_eq(rds("\xEF\xBB\xBF" "a,b\nc,d\ne,\xFF\n"), E_INPUT);
	err_is("in.csv:3:", "0xFF");
}

Test(csv, invalid_in_both_encodings_utf8_like)
{
	/* A UTF-8 file with one broken byte on line 3. */
	cr_assert_eq(rds("姓名,学号\n张三,1\n李四,\xFF\n"), E_INPUT);
	err_is("in.csv:3:", "neither UTF-8 nor GB18030");
}

Test(csv, invalid_in_both_encodings_gb_like)
{
	/* A GB18030 file with a byte (0x80) that is invalid in both, on line 4:
	 * the UTF-8 check fails on line 1 already; GB18030 reads further. */
	size_t n;
	char *gb = to_gb("姓名,学号\n张三,1\n李四,2\n", &n);
	char *buf = malloc(n + 8);
	memcpy(buf, gb, n);
	memcpy(buf + n, "x,\x80\n", 4);
	free(gb);
	int rc = rd(buf, n + 4);
	free(buf);
	cr_assert_eq(rc, E_INPUT);
	err_is("in.csv:4:", "0x80");
}

static char *repeat(const char *unit, size_t times)
{
	size_t u = strlen(unit);
	char *s = malloc(u * times + 1);
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * u, unit, u);
	s[u * times] = '\0';
	return s;
}

Test(csv, field_at_the_limit_is_fine)
{
	char *f = repeat("x", CSV_FIELD_MAX);
	char *buf = malloc(CSV_FIELD_MAX + 16);
	sprintf(buf, "a,%s\n", f);
	ok_read(buf);
	cr_assert_eq(strlen(T.rows[0].fields[1]), CSV_FIELD_MAX);
	free(f);
	free(buf);
}

Test(csv, field_over_the_limit)
{
	/* 1366 × 张 = 4098 bytes of UTF-8 */
	char *f = repeat("张", 1366);
	char *buf = malloc(strlen(f) + 16);
	sprintf(buf, "a,b\nc,%s\n", f);
	cr_assert_eq(rds(buf), E_INPUT);
	err_is("in.csv:2: field 2 is longer than 4096 bytes", NULL);
	free(f);
	free(buf);
}

Test(csv, field_over_the_limit_counts_utf8_bytes_after_conversion)
{
	/* 1366 × 张 is 2732 bytes in GB18030 but 4098 in UTF-8 */
	char *f = repeat("张", 1366);
	char *u = malloc(strlen(f) + 16);
	sprintf(u, "%s,b\n", f);
	size_t n;
	char *gb = to_gb(u, &n);
	cr_assert_lt(n, 4096);
	cr_assert_eq(rd(gb, n), E_INPUT);
	err_is("in.csv:1: field 1 is longer than 4096 bytes", NULL);
	free(f);
	free(u);
	free(gb);
}

Test(csv, every_bad_row_is_reported)
{
	char *big = repeat("y", CSV_FIELD_MAX + 1);
	char *buf = malloc(3 * strlen(big) + 200);
	sprintf(buf,
	        "姓名,备注\n"          /* 1 */
	        "张三,坏\"引号\n"      /* 2: stray quote */
	        "李四,好\n"            /* 3 */
	        "王五,%s\n"            /* 4: too long */
	        "%s,x,%s\n"            /* 5: fields 1 and 3 too long */
	        "赵六,\"好\"\n"        /* 6 */
	        "钱七,\"没有结束\n",   /* 7: never closed */
	        big, big, big);
	cr_assert_eq(rds(buf), E_INPUT);
	err_is("in.csv:2:", "quote");
	err_is("in.csv:4: field 2 is longer", NULL);
	err_is("in.csv:5: field 1 is longer", NULL);
	err_is("in.csv:5: field 3 is longer", NULL);
	err_is("in.csv:7:", "never closed");
	cr_assert_eq(E.n, 5);
	cr_assert_eq(T.nrows, 0);
	free(big);
	free(buf);
}

Test(csv, free_twice_is_harmless)
{
	ok_read("a\n");
	csv_table_free(&T);
	csv_table_free(&T);
	cr_assert_eq(T.nrows, 0);
}
