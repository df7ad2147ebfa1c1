/* text.h — UTF-8 text: validation, NFC, display width, counting 字. */
#ifndef BANGFU_TEXT_H
#define BANGFU_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t n);
/* A malloc'd NFC-normalised copy of valid UTF-8 s: CR LF and a lone CR
 * become LF, the no-break and other typographic spaces (U+00A0,
 * U+2000..U+200A, U+202F, U+205F) a plain space, and leading and trailing
 * white space (those, ASCII and U+3000) is removed. */
char *text_clean(const char *s);
/* True for a code point no value may hold: C0 controls but LF (tab
 * included), DEL, C1 controls, zero-width characters and joiners, bidi
 * marks, embeddings, overrides and isolates, and U+FEFF (BOM). */
bool text_invisible(uint32_t cp);
/* The byte offset in valid UTF-8 s of the first character a value may not
 * hold (text_invisible; LF too unless multiline), *cp set to it; -1 when
 * there is none. */
long text_forbidden(const char *s, bool multiline, uint32_t *cp);
/* Display columns of UTF-8 s (Han and full-width = 2, combining = 0). */
int text_width(const char *s);
/* Counts 字 as Chinese word processors do: each Han character 1, each
 * full-width punctuation mark 1, each run of ASCII letters or digits 1,
 * other non-space characters 1 each, white space 0. */
size_t text_zishu(const char *s);
/* Han characters alone (Unicode script Han: 汉字, 〇, 々), punctuation and
 * everything else left out. */
size_t text_hanzi(const char *s);
/* Case-folded ASCII, for matching: malloc'd. */
char *text_lower_ascii(const char *s);
/* Replaces every occurrence of from in *s (malloc'd) by to, left to right,
 * each match taken after the previous one (*s is reallocated). */
void text_replace(char **s, const char *from, const char *to);

#endif
