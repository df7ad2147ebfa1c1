#include "config.h"
#include "util/date.h"
#include "util/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Dates from 1970-01-01 (day 1) to 9999-12-31 are representable; earlier
 * ones would collide with 0 = "no date" and are rejected as invalid. */
enum { DATE_MIN_YEAR = 1970, DATE_MAX_YEAR = 9999 };

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && is_leap(y))
		return 29;
	return mdays[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static int32_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yy + (*m <= 2);
}

date_t date_from_ymd(int y, int m, int d)
{
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR || m < 1 || m > 12 || d < 1
	    || d > days_in_month(y, m))
		return 0;
	return days_from_civil(y, m, d) + 1;
}

void date_ymd(date_t d, int *y, int *m, int *day)
{
	int yy = 0, mm = 0, dd = 0;
	if (d > 0)
		civil_from_days(d - 1, &yy, &mm, &dd);
	if (y)
		*y = yy;
	if (m)
		*m = mm;
	if (day)
		*day = dd;
}

/* Reads 1..maxdigits decimal digits at *p. */
static bool read_num(const char **p, int mindigits, int maxdigits, int *out)
{
	int n = 0, v = 0;
	while (**p >= '0' && **p <= '9' && n < maxdigits) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (n < mindigits || (**p >= '0' && **p <= '9'))
		return false;
	*out = v;
	return true;
}

/* "YYYY-MM-DD" (or / or .) read into y, m, d, which name a day of the
 * proleptic Gregorian calendar in years 1 to 9999. */
static bool parse_ymd(const char *s, int *y, int *m, int *d)
{
	const char *p = s;
	char sep;
	if (!s)
		return false;
	if (!read_num(&p, 4, 4, y))
		return false;
	sep = *p;
	if (sep != '-' && sep != '/' && sep != '.')
		return false;
	p++;
	if (!read_num(&p, 1, 2, m) || *p != sep)
		return false;
	p++;
	if (!read_num(&p, 1, 2, d) || *p != '\0')
		return false;
	return *y >= 1 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

bool date_is_calendar(const char *s, int *year)
{
	int y, m, d;
	if (!parse_ymd(s, &y, &m, &d))
		return false;
	if (year)
		*year = y;
	return true;
}

bool date_parse(const char *s, date_t *out)
{
	int y, m, d;
	if (!parse_ymd(s, &y, &m, &d))
		return false;
	date_t v = date_from_ymd(y, m, d);
	if (!v)
		return false;
	if (out)
		*out = v;
	return true;
}

void date_format(date_t d, char buf[11])
{
	int y, m, day;
	if (d <= 0) {
		buf[0] = '\0';
		return;
	}
	char tmp[40];
	date_ymd(d, &y, &m, &day);
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, day);
	memcpy(buf, tmp, 11);
	buf[10] = '\0';
}

date_t date_today(void)
{
	const char *o = getenv("BANGFU_TODAY");
	date_t d;
	if (o && *o && date_parse(o, &d))
		return d;
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return days_from_civil(1970, 1, 1) + 1;
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

bool semester_parse(const char *code, semester_span *out)
{
	const char *p = code;
	int y1, y2, term;
	if (!code)
		return false;
	if (!read_num(&p, 4, 4, &y1) || *p++ != '-')
		return false;
	if (!read_num(&p, 4, 4, &y2) || *p++ != '-')
		return false;
	if (!read_num(&p, 1, 1, &term) || *p != '\0')
		return false;
	if (y2 != y1 + 1 || (term != 1 && term != 2))
		return false;
	if (y1 < DATE_MIN_YEAR || y2 > DATE_MAX_YEAR)
		return false;
	semester_span s = { .first_year = y1, .term = term };
	if (term == 1) {
		s.start = date_from_ymd(y1, 9, 1);
		s.end = date_from_ymd(y2, 1, 31);
	} else {
		s.start = date_from_ymd(y2, 2, 1);
		s.end = date_from_ymd(y2, 7, 31);
	}
	if (out)
		*out = s;
	return true;
}

void semester_of(date_t d, char buf[12])
{
	int y, m, day;
	if (d <= 0) {
		buf[0] = '\0';
		return;
	}
	date_ymd(d, &y, &m, &day);
	int first, term;
	if (m >= 8) {          /* August belongs to the coming term 1 */
		first = y;
		term = 1;
	} else if (m == 1) {
		first = y - 1;
		term = 1;
	} else {
		first = y - 1;
		term = 2;
	}
	char tmp[40];
	snprintf(tmp, sizeof tmp, "%04d-%04d-%d", first, first + 1, term);
	memcpy(buf, tmp, 12);
	buf[11] = '\0';
}

void semester_long_name(const char *code, char buf[64])
{
	semester_span s;
	/* The long name belongs in Chinese documents (the summary's title), so
	 * it is not translated. */
	if (!semester_parse(code, &s)) {
		snprintf(buf, 64, "%s", code ? code : "");
		return;
	}
	snprintf(buf, 64, "%04d-%04d学年第%s学期", s.first_year, s.first_year + 1,
	         s.term == 1 ? "一" : "二");
}

void semester_ui_name(const char *code, char buf[64])
{
	semester_span s;
	if (strcmp(i18n_lang(), "en") != 0 || !semester_parse(code, &s)) {
		semester_long_name(code, buf);
		return;
	}
	snprintf(buf, 64, s.term == 1 ? "academic year %04d-%04d, first semester"
				       : "academic year %04d-%04d, second semester",
		 s.first_year, s.first_year + 1);
}
