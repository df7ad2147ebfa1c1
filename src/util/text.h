/* text.h — UTF-8 text: validation, NFC, display width, counting 字. */
#ifndef BANGFU_TEXT_H
#define BANGFU_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t n);
/* A malloc'd NFC-normalised copy of valid UTF-8 s, with leading and trailing
 * white space (ASCII and U+3000) removed. */
char *text_clean(const char *s);
/* Display columns of UTF-8 s (Han and full-width = 2, combining = 0). */
int text_width(const char *s);
/* Counts 字 as Chinese word processors do: each Han character 1, each
 * full-width punctuation mark 1, each run of ASCII letters or digits 1,
 * other non-space characters 1 each, white space 0. */
size_t text_zishu(const char *s);
/* Case-folded ASCII, for matching: malloc'd. */
char *text_lower_ascii(const char *s);
/* Replaces every occurrence of from in *s (malloc'd) by to, left to right,
 * each match taken after the previous one (*s is reallocated). */
void text_replace(char **s, const char *from, const char *to);

#endif
