/* test_date.c — day numbers, parsing, formatting, semesters. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"

static date_t P(const char *s)
{
	date_t d = 0;
	cr_assert(date_parse(s, &d), "date_parse(\"%s\") failed", s);
	return d;
}

static void fmt_is(date_t d, const char *want)
{
	char buf[11];
	date_format(d, buf);
	cr_assert_str_eq(buf, want);
}

Test(date, epoch_is_day_one_and_zero_is_none)
{
	cr_assert_eq(date_from_ymd(1970, 1, 1), 1);
	cr_assert_eq(date_from_ymd(1970, 1, 2), 2);
	cr_assert_eq(date_from_ymd(1971, 1, 1), 366);
	fmt_is(0, "");
	fmt_is(1, "1970-01-01");
	int y = -1, m = -1, d = -1;
	date_ymd(0, &y, &m, &d);
	cr_assert_eq(y, 0);
}

Test(date, before_1970_is_not_representable)
{
	/* 1900-01-01 is a date though no date_t holds it: date_is_calendar says so (the
	 * user hears "before 2000", not "not a date") */
	int y = 0;
	cr_assert(date_is_calendar("1900-01-01", &y));
	cr_assert_eq(y, 1900);
	cr_assert(date_is_calendar("1600/2/29", NULL));
	cr_assert(!date_is_calendar("1900-02-29", NULL), "1900 is no leap year");
	cr_assert(!date_is_calendar("2025-02-30", NULL));
	cr_assert(!date_is_calendar("0000-01-01", NULL));
	cr_assert(!date_is_calendar("1900-01-01x", NULL));
	/* 1969-12-31 would be day 0, which means "no date". */
	cr_assert_eq(date_from_ymd(1969, 12, 31), 0);
	cr_assert_not(date_parse("1969-12-31", NULL));
}

Test(date, round_trip_over_many_years)
{
	char buf[11], want[11];
	date_t prev = 0;
	for (int y = 1970; y <= 2100; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 31; d++) {
				date_t t = date_from_ymd(y, m, d);
				if (!t)
					continue;
				cr_assert_eq(t, prev + 1, "%d-%d-%d not consecutive", y, m, d);
				prev = t;
				int yy, mm, dd;
				date_ymd(t, &yy, &mm, &dd);
				cr_assert(yy == y && mm == m && dd == d);
				date_format(t, buf);
				snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
				cr_assert_str_eq(buf, want);
			}
}

Test(date, leap_years)
{
	cr_assert_neq(date_from_ymd(2024, 2, 29), 0);   /* divisible by 4 */
	cr_assert_eq(date_from_ymd(2025, 2, 29), 0);
	cr_assert_eq(date_from_ymd(2100, 2, 29), 0);    /* by 100, not 400 */
	cr_assert_neq(date_from_ymd(2000, 2, 29), 0);   /* by 400 */
	cr_assert_eq(P("2024-03-01") - P("2024-02-28"), 2);
	cr_assert_eq(P("2025-03-01") - P("2025-02-28"), 1);
}

Test(date, invalid_dates_rejected)
{
	const char *bad[] = { "2025-02-30", "2025-04-31", "2025-13-01", "2025-00-10",
		"2025-01-00", "2025-1-32", "25-01-01", "20250101", "2025-01-01x",
		" 2025-01-01", "2025-01-01 ", "2025-01/01", "2025-001-01", "2025--01",
		"", "abcd-ef-gh", "2025-01-", "12025-01-01" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		date_t d = 77;
		cr_assert_not(date_parse(bad[i], &d), "accepted \"%s\"", bad[i]);
		cr_assert_eq(d, 77, "output touched for \"%s\"", bad[i]);
	}
	cr_assert_not(date_parse(NULL, NULL));
}

Test(date, formats_excel_writes)
{
	date_t want = date_from_ymd(2026, 3, 5);
	cr_assert_eq(P("2026-03-05"), want);
	cr_assert_eq(P("2026/3/5"), want);
	cr_assert_eq(P("2026.03.5"), want);
	cr_assert_eq(P("2026-3-05"), want);
	fmt_is(P("2026/3/5"), "2026-03-05");
}

Test(date, today_override)
{
	setenv("BANGFU_TODAY", "2026-05-20", 1);
	cr_assert_eq(date_today(), P("2026-05-20"));
	setenv("BANGFU_TODAY", "2024-02-29", 1);
	cr_assert_eq(date_today(), P("2024-02-29"));
	unsetenv("BANGFU_TODAY");
	cr_assert_gt(date_today(), P("2020-01-01"));
}

Test(semester, parse_term_two)
{
	semester_span s;
	cr_assert(semester_parse("2025-2026-2", &s));
	cr_assert_eq(s.first_year, 2025);
	cr_assert_eq(s.term, 2);
	fmt_is(s.start, "2026-02-01");
	fmt_is(s.end, "2026-07-31");
}

Test(semester, parse_term_one_crosses_new_year)
{
	semester_span s;
	cr_assert(semester_parse("2025-2026-1", &s));
	cr_assert_eq(s.term, 1);
	fmt_is(s.start, "2025-09-01");
	fmt_is(s.end, "2026-01-31");
}

Test(semester, bad_codes_rejected)
{
	const char *bad[] = { "2025-2027-1", "2025-2025-1", "2025-2026-3", "2025-2026-0",
		"2025-2026", "2025-2026-1x", "2025-2026-12", "25-26-1", "", "2025/2026/1" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		cr_assert_not(semester_parse(bad[i], NULL), "accepted \"%s\"", bad[i]);
}

static void sem_is(const char *date, const char *want)
{
	char buf[12];
	semester_of(P(date), buf);
	cr_assert_str_eq(buf, want, "semester_of(%s)", date);
}

Test(semester, of_date)
{
	sem_is("2025-09-01", "2025-2026-1");
	sem_is("2025-12-31", "2025-2026-1");
	sem_is("2026-01-31", "2025-2026-1");
	sem_is("2026-02-01", "2025-2026-2");
	sem_is("2026-05-20", "2025-2026-2");
	sem_is("2026-07-31", "2025-2026-2");
	/* August belongs with the coming term 1 */
	sem_is("2026-08-01", "2026-2027-1");
	sem_is("2026-08-31", "2026-2027-1");
	char buf[12] = "x";
	semester_of(0, buf);
	cr_assert_str_eq(buf, "");
}

Test(semester, of_date_agrees_with_span)
{
	char buf[12];
	semester_span s;
	cr_assert(semester_parse("2023-2024-2", &s));   /* 2024 is a leap year */
	for (date_t d = s.start; d <= s.end; d++) {
		semester_of(d, buf);
		cr_assert_str_eq(buf, "2023-2024-2");
	}
	semester_of(s.start - 1, buf);
	cr_assert_str_eq(buf, "2023-2024-1");
	semester_of(s.end + 1, buf);
	cr_assert_str_eq(buf, "2024-2025-1");
}

Test(semester, long_name)
{
	char buf[64];
	semester_long_name("2025-2026-2", buf);
	cr_assert_str_eq(buf, "2025-2026学年第二学期");
	semester_long_name("2024-2025-1", buf);
	cr_assert_str_eq(buf, "2024-2025学年第一学期");
	semester_long_name("nonsense", buf);
	cr_assert_str_eq(buf, "nonsense");
}
