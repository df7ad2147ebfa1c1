/* layout.h — curses-free display-width layout of UTF-8 text.
 *
 * Widths are terminal columns: a Han character takes two, a combining mark
 * none, "…" one. Nothing here ever cuts a character in half: a wide
 * character that does not fit is left out (and the cell padded) instead.
 * Every function takes valid UTF-8 (invalid bytes count as one column
 * each and come out as '?'). */
#ifndef BANGFU_LAYOUT_H
#define BANGFU_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* Columns of one character (0 for combining and control characters). */
int lay_wcwidth(wchar_t c);
/* Columns of UTF-8 s. */
int lay_width(const char *s);
/* Columns of the first n wide characters of w. */
int lay_wswidth(const wchar_t *w, size_t n);

/* s cut to at most cols columns: unchanged if it fits, else the longest
 * prefix that fits in cols-1 columns followed by "…". malloc'd.
 * ("义勇军", 5) -> "义勇…"; ("义勇军", 4) -> "义…"; cols <= 0 -> "". */
char *lay_cut(const char *s, int cols);
/* lay_cut, then padded with spaces to exactly cols columns. malloc'd. */
char *lay_fit(const char *s, int cols);
/* Like lay_fit but aligned to the right (numbers). malloc'd. */
char *lay_fit_right(const char *s, int cols);
/* Byte length of the longest prefix of s that fits in cols columns (no
 * ellipsis); *width (if not NULL) gets its columns. */
size_t lay_prefix(const char *s, int cols, int *width);

/* Columns of a table. Give each column its min width, its wanted width
 * (0 = same as min) and a flex weight (0 = fixed at wanted). lay_columns
 * sets .width for a total of `total` columns including `gap` columns
 * between neighbours: first every column gets min (columns that do not fit
 * at all get 0, the last ones first), then fixed columns grow to wanted,
 * then the rest is shared among flexible columns by weight. */
typedef struct lay_col {
	int min, want, flex;
	int width;             /* out */
} lay_col;
void lay_columns(lay_col *cols, size_t n, int total, int gap);

/* Wraps multi-line UTF-8 text ('\n' ends a line) into lines of at most
 * cols columns: at spaces when a word fits, else between characters (any
 * Han character is a break opportunity). Returns a malloc'd array of
 * malloc'd lines (*n of them, at least one); free with lay_lines_free. */
char **lay_wrap(const char *text, int cols, size_t *n);
void lay_lines_free(char **lines, size_t n);

/* UTF-8 <-> wide strings (malloc'd; invalid bytes become U+FFFD). */
wchar_t *lay_to_wcs(const char *s, size_t *len);
char *lay_to_utf8(const wchar_t *w, size_t n);

#endif
