/* date.h — calendar dates as day numbers, and semesters. */
#ifndef BANGFU_DATE_H
#define BANGFU_DATE_H

#include <stdbool.h>
#include <stdint.h>

/* A date is the number of days since 1970-01-01 plus one, so that 0 means
 * "no date" (1970-01-01 itself is 1). Years 1970 to 9999 are representable;
 * earlier dates are invalid (date_from_ymd gives 0, date_parse false). */
typedef int32_t date_t;

/* Parses "YYYY-MM-DD" (also "YYYY/MM/DD" and "YYYY.MM.DD", one- or two-digit
 * month and day, as Excel writes them). False on anything else, including
 * 2025-02-30. */
bool date_parse(const char *s, date_t *out);
/* Whether s is written as date_parse reads it and names a real day of any
 * year from 1 to 9999 (1900-01-01 is one, though no date_t holds it); its
 * year into *year (may be NULL). Tells "not a date" from "not plausible". */
bool date_is_calendar(const char *s, int *year);
/* "YYYY-MM-DD" into buf (11 bytes); "" for 0. */
void date_format(date_t d, char buf[11]);
date_t date_from_ymd(int y, int m, int d);   /* 0 if invalid */
void date_ymd(date_t d, int *y, int *m, int *day);
/* Today in local time; $BANGFU_TODAY=YYYY-MM-DD overrides (tests, demo). */
date_t date_today(void);

/* Semesters: "2025-2026-1" (September to January) and "2025-2026-2"
 * (February to July). */
typedef struct semester_span {
	int first_year;   /* 2025 */
	int term;         /* 1 or 2 */
	date_t start, end;
} semester_span;
bool semester_parse(const char *code, semester_span *out);
/* The semester a date falls in (August counts with term 1 of the coming
 * year). buf holds at least 12 bytes. */
void semester_of(date_t d, char buf[12]);
/* "2025-2026学年第二学期" into buf (64 bytes). */
void semester_long_name(const char *code, char buf[64]);
/* The name of a semester on the screens and in the command line's output:
 * the long name in Chinese, "academic year 2025-2026, second semester" in
 * English (documents keep semester_long_name). */
void semester_ui_name(const char *code, char buf[64]);

#endif
