#include "config.h"
#include "util/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "util/err.h"

bool utf8_valid(const char *s, size_t n)
{
	/* u8_check rejects overlong forms, surrogates and code points above
	 * U+10FFFF. */
	return u8_check((const uint8_t *)s, n) == NULL;
}

static bool is_ascii_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* U+3000 IDEOGRAPHIC SPACE is E3 80 80 in UTF-8. */
static bool is_ideo_space(const char *p, const char *end)
{
	return end - p >= 3 && (unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80
	       && (unsigned char)p[2] == 0x80;
}

static bool ends_with_ideo_space(const char *start, const char *end)
{
	return end - start >= 3 && is_ideo_space(end - 3, end);
}

/* True if valid UTF-8 s[0..n) is NFC already because every code point is
 * one that NFC leaves alone whatever surrounds it (quick-check Yes and
 * combining class 0): ASCII and the Latin letters below U+0300, the common
 * dashes, quotes and ellipsis, CJK punctuation (not the combining tone
 * marks U+302A-302F), the CJK ideographs (not the compatibility ones) and
 * the full-width ASCII forms — what names, numbers and Chinese text are
 * made of. Anything else goes through u8_normalize. (u8_normalize was a
 * fifth of the time of a big import.) */
static bool nfc_plain(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	while (p < end) {
		uint32_t c;
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p < 0xE0) {
			c = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
			p += 2;
		} else if (*p < 0xF0) {
			c = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
			p += 3;
		} else {
			c = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
			    (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
			p += 4;
		}
		if (c < 0x300 || (c >= 0x2010 && c <= 0x2027) ||
		    (c >= 0x3000 && c <= 0x3029) || (c >= 0x3030 && c <= 0x303F) ||
		    (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
		    (c >= 0xFF01 && c <= 0xFF5E) || (c >= 0x20000 && c <= 0x2A6DF))
			continue;
		return false;
	}
	return true;
}

/* The code point at p (valid UTF-8), *len its bytes. */
static uint32_t cp_at(const unsigned char *p, size_t *len)
{
	if (*p < 0x80) {
		*len = 1;
		return *p;
	}
	if (*p < 0xE0) {
		*len = 2;
		return (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
	}
	if (*p < 0xF0) {
		*len = 3;
		return (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
	}
	*len = 4;
	return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
	       (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
}

bool text_invisible(uint32_t c)
{
	return (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || c == 0x061C ||
	       (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

long text_forbidden(const char *s, bool multiline, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; p[i];) {
		size_t len;
		uint32_t c = cp_at(p + i, &len);
		if (text_invisible(c) || (c == '\n' && !multiline)) {
			*cp = c;
			return (long)i;
		}
		i += len;
	}
	return -1;
}

/* A space that looks like one but is not ASCII's: shown as one, stored as
 * one (so 石油化工学院 and 石油化工学院 + NBSP are the same college). */
static bool odd_space(uint32_t c)
{
	return c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}

/* In place: CR LF and CR to LF, odd spaces to ' ' (each is longer than
 * one byte, so the text only shrinks). */
static void plain_spaces(char *s)
{
	unsigned char *r = (unsigned char *)s, *w = r;
	while (*r) {
		if (*r == '\r') {
			*w++ = '\n';
			r += r[1] == '\n' ? 2 : 1;
			continue;
		}
		if (*r < 0x80) {
			*w++ = *r++;
			continue;
		}
		size_t len;
		uint32_t c = cp_at(r, &len);
		if (odd_space(c)) {
			*w++ = ' ';
			r += len;
		} else {
			memmove(w, r, len);
			w += len;
			r += len;
		}
	}
	*w = 0;
}

char *text_clean(const char *s)
{
	size_t n = strlen(s);
	char *norm = NULL;
	size_t len = 0;

	if (utf8_valid(s, n) && nfc_plain(s, n)) {
		norm = xstrdup(s);
		len = n;
	} else if (utf8_valid(s, n)) {
		uint8_t *r = u8_normalize(UNINORM_NFC, (const uint8_t *)s, n, NULL, &len);
		if (!r && n)
			die("u8_normalize failed (out of memory?)");
		norm = (char *)r;
	}
	if (!norm) {   /* empty or not UTF-8: trim only */
		norm = xstrdup(s);
		len = n;
	} else {
		norm = xrealloc(norm, len + 1);
		norm[len] = 0;
		plain_spaces(norm);
		len = strlen(norm);
	}

	const char *b = norm, *e = norm + len;
	for (;;) {
		if (b < e && is_ascii_space((unsigned char)*b))
			b++;
		else if (is_ideo_space(b, e))
			b += 3;
		else
			break;
	}
	for (;;) {
		if (e > b && is_ascii_space((unsigned char)e[-1]))
			e--;
		else if (ends_with_ideo_space(b, e))
			e -= 3;
		else
			break;
	}
	char *out = xstrndup(b, (size_t)(e - b));
	free(norm);
	return out;
}

int text_width(const char *s)
{
	/* "UTF-8" as the encoding: East Asian ambiguous characters count 1, Han
	 * and full-width forms 2, combining marks 0. */
	return u8_strwidth((const uint8_t *)s, "UTF-8");
}

static bool is_ascii_alnum(ucs4_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_digit(ucs4_t c)
{
	return c >= '0' && c <= '9';
}

/* Characters that take no room of their own: combining marks, variation
 * selectors, zero-width joiners and other format characters. They neither
 * count nor break a run. */
static bool is_zero_width(ucs4_t c)
{
	return uc_is_general_category(c, UC_CATEGORY_M) || uc_is_general_category(c, UC_CATEGORY_Cf);
}

/*
 * The rules (as WPS and Word count 字数):
 * - white space (Unicode White_Space: ASCII blanks, U+3000, no-break
 *   space ...) counts 0 and ends a run;
 * - a run of consecutive ASCII letters and digits counts 1 ("Python3" = 1);
 *   a '.' or ',' with a digit on both sides stays inside the run, so a
 *   number such as "3.5" or "1,000" counts 1;
 * - every other character counts 1: a Han character, a full-width
 *   punctuation mark (，。“”), a half-width punctuation mark (, . ! ?), a
 *   full-width letter or digit, a symbol, an emoji;
 * - combining marks and format characters (ZWJ, variation selectors) count 0
 *   and do not break a run.
 * Invalid bytes count 1 each (u8_next is not used on them).
 */
size_t text_zishu(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t count = 0;
	bool in_run = false;
	ucs4_t prev = 0;   /* previous counted code point in the current run */

	while (*p) {
		ucs4_t c;
		int l = u8_strmbtouc(&c, p);
		if (l <= 0) {   /* invalid byte */
			count++;
			in_run = false;
			p++;
			continue;
		}
		const uint8_t *next = p + l;
		if (is_ascii_alnum(c)) {
			if (!in_run)
				count++;
			in_run = true;
			prev = c;
		} else if ((c == '.' || c == ',') && in_run && is_digit(prev) && is_digit(*next)) {
			/* decimal point or thousands separator inside a number */
			prev = c;
		} else if (uc_is_property_white_space(c)) {
			in_run = false;
		} else if (is_zero_width(c)) {
			/* part of the character before it */
		} else {
			count++;
			in_run = false;
		}
		p = next;
	}
	return count;
}

char *text_lower_ascii(const char *s)
{
	char *r = xstrdup(s);
	for (char *p = r; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return r;
}

void text_replace(char **s, const char *from, const char *to)
{
	size_t fl = strlen(from), tl = strlen(to);
	if (!fl || !strstr(*s, from))
		return;
	size_t cap = strlen(*s) * (tl > fl ? tl / fl + 2 : 1) + 1;
	char *o = xmalloc(cap), *w = o;
	const char *r = *s, *hit;
	while ((hit = strstr(r, from))) {
		memcpy(w, r, (size_t)(hit - r));
		w += hit - r;
		memcpy(w, to, tl);
		w += tl;
		r = hit + fl;
	}
	strcpy(w, r);
	free(*s);
	*s = o;
}

size_t text_hanzi(const char *s)
{
	static const uc_script_t *han;
	if (!han)
		han = uc_script_byname("Han");
	const uint8_t *p = (const uint8_t *)s;
	size_t count = 0;
	while (*p) {
		ucs4_t c;
		int l = u8_strmbtouc(&c, p);
		if (l <= 0) {
			p++;
			continue;
		}
		count += han && uc_is_script(c, han);
		p += l;
	}
	return count;
}
