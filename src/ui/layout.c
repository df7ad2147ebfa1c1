#include "config.h"
/* layout.c — display-width layout (see layout.h). Widths come from
 * libunistring (uc_width with the "UTF-8" encoding: East Asian wide = 2,
 * ambiguous such as "…" = 1), so the result does not depend on the locale. */
#include "ui/layout.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

#include "util/err.h"

static const char ELLIPSIS[] = "\xe2\x80\xa6";   /* U+2026, one column */

int lay_wcwidth(wchar_t c)
{
	if (c == 0 || c == L'\n' || c == L'\t')
		return 0;
	int w = uc_width((ucs4_t)c, "UTF-8");
	return w < 0 ? 0 : w;
}

int lay_wswidth(const wchar_t *w, size_t n)
{
	int cols = 0;
	for (size_t i = 0; i < n; i++)
		cols += lay_wcwidth(w[i]);
	return cols;
}

/* Decodes one character at s (NUL-terminated); returns its byte length
 * (>= 1) and the character (U+FFFD for an invalid byte). */
static int dec(const char *s, ucs4_t *c)
{
	size_t rest = strnlen(s, 4);
	int n = u8_mbtouc(c, (const uint8_t *)s, rest);
	if (n <= 0) {
		*c = 0xfffd;
		return 1;
	}
	return n;
}

static int cwidth(ucs4_t c, bool invalid)
{
	if (invalid)
		return 1;
	return lay_wcwidth((wchar_t)c);
}

int lay_width(const char *s)
{
	int cols = 0;
	while (*s) {
		ucs4_t c;
		int n = dec(s, &c);
		cols += cwidth(c, false);
		s += n;
	}
	return cols;
}

size_t lay_prefix(const char *s, int cols, int *width)
{
	size_t i = 0;
	int w = 0;
	while (s[i]) {
		ucs4_t c;
		int n = dec(s + i, &c);
		int cw = cwidth(c, false);
		if (w + cw > cols)
			break;
		/* A combining mark stays with its base: it is taken (width 0)
		 * as long as its base was. */
		w += cw;
		i += (size_t)n;
	}
	if (width)
		*width = w;
	return i;
}

/* Copies s to a fresh string, replacing invalid bytes by '?'. */
static char *sanitised(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (k <= 0 || (c == 0xfffd && memcmp(s + i, "\xef\xbf\xbd", 3) != 0)) {
			out[o++] = '?';
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			out[o++] = ' ';         /* control characters never reach the screen */
		else
			for (int j = 0; j < k; j++)
				out[o++] = s[i + (size_t)j];
		i += (size_t)k;
	}
	out[o] = '\0';
	return out;
}

char *lay_cut(const char *s, int cols)
{
	if (cols <= 0 || !s)
		return xstrdup("");
	int w = lay_width(s);
	if (w <= cols)
		return sanitised(s, strlen(s));
	size_t n = lay_prefix(s, cols - 1, NULL);
	char *head = sanitised(s, n);
	char *out = xasprintf("%s%s", head, ELLIPSIS);
	free(head);
	return out;
}

static char *fit(const char *s, int cols, bool right)
{
	char *c = lay_cut(s, cols);
	int w = lay_width(c);
	int pad = cols > w ? cols - w : 0;
	size_t len = strlen(c);
	char *out = xmalloc(len + (size_t)pad + 1);
	if (right) {
		memset(out, ' ', (size_t)pad);
		memcpy(out + pad, c, len + 1);
	} else {
		memcpy(out, c, len);
		memset(out + len, ' ', (size_t)pad);
		out[len + (size_t)pad] = '\0';
	}
	free(c);
	return out;
}

char *lay_fit(const char *s, int cols)
{
	return fit(s ? s : "", cols, false);
}

char *lay_fit_right(const char *s, int cols)
{
	return fit(s ? s : "", cols, true);
}

void lay_columns(lay_col *c, size_t n, int total, int gap)
{
	if (n == 0)
		return;
	int left = total - gap * (int)(n - 1);
	if (left < 0)
		left = 0;
	for (size_t i = 0; i < n; i++)
		c[i].width = 0;
	/* 1. minimum widths, in order, while they fit */
	for (size_t i = 0; i < n; i++) {
		int m = c[i].min > 0 ? c[i].min : 0;
		if (m > left)
			m = 0;   /* a column that cannot have its minimum is hidden */
		c[i].width = m;
		left -= m;
	}
	/* 2. fixed columns grow to what they want */
	for (size_t i = 0; i < n && left > 0; i++) {
		if (c[i].flex > 0 || c[i].width == 0)
			continue;
		int want = c[i].want > c[i].min ? c[i].want : c[i].min;
		int add = want - c[i].width;
		if (add > left)
			add = left;
		if (add > 0) {
			c[i].width += add;
			left -= add;
		}
	}
	/* 3. flexible columns share the rest by weight */
	int weights = 0;
	for (size_t i = 0; i < n; i++)
		if (c[i].flex > 0 && (c[i].width > 0 || c[i].min <= 0))
			weights += c[i].flex;
	if (weights == 0 || left <= 0)
		return;
	int share = left;
	size_t lastflex = n;
	for (size_t i = 0; i < n; i++) {
		if (c[i].flex > 0 && (c[i].width > 0 || c[i].min <= 0)) {
			int add = share * c[i].flex / weights;
			c[i].width += add;
			left -= add;
			lastflex = i;
		}
	}
	if (lastflex < n)
		c[lastflex].width += left;   /* rounding leftovers */
}

static void push_line(char ***lines, size_t *n, size_t *cap, const char *s, size_t len)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*lines = xrealloc(*lines, *cap * sizeof **lines);
	}
	/* trailing spaces of a wrapped line are not shown */
	while (len > 0 && s[len - 1] == ' ')
		len--;
	(*lines)[(*n)++] = sanitised(s, len);
}

static bool is_break_after(ucs4_t c)
{
	return c == ' ';
}

/* Wraps one paragraph (no '\n') into lines. */
static void wrap_para(const char *p, size_t plen, int cols, char ***lines, size_t *n,
		      size_t *cap)
{
	size_t start = 0;
	if (plen == 0) {
		push_line(lines, n, cap, p, 0);
		return;
	}
	while (start < plen) {
		/* skip the spaces a wrap left at the start of a line */
		if (start > 0)
			while (start < plen && p[start] == ' ')
				start++;
		if (start >= plen)
			break;
		size_t i = start, lastbreak = 0, lastspace = 0;
		int w = 0, wspace = 0;
		bool any_break = false;
		while (i < plen) {
			ucs4_t c;
			int k = u8_mbtouc(&c, (const uint8_t *)p + i, plen - i);
			if (k <= 0)
				k = 1, c = '?';
			int cw = cwidth(c, false);
			if (w + cw > cols && i > start)
				break;
			w += cw;
			i += (size_t)k;
			if (is_break_after(c) || uc_width(c, "UTF-8") == 2) {
				lastbreak = i;
				any_break = true;
			}
			if (c == ' ' && i - 1 > start) {
				lastspace = i;
				wspace = w;
			}
		}
		if (i >= plen) {
			push_line(lines, n, cap, p + start, plen - start);
			break;
		}
		/* Break at the last space or wide character if that keeps more
		 * than nothing on the line; else break between characters. */
		size_t end = any_break && lastbreak > start ? lastbreak : i;
		/* Words set apart by spaces (学号 姓名 学院) stay whole: a space
		 * a few columns back is a better break than inside the word. */
		if (lastspace && end > lastspace && w - wspace <= 6 && p[end] != ' ' &&
		    p[end - 1] != ' ')
			end = lastspace - 1;
		/* a break right before a space is just as good */
		if (p[i] == ' ')
			end = i;
		push_line(lines, n, cap, p + start, end - start);
		start = end;
	}
}

char **lay_wrap(const char *text, int cols, size_t *n)
{
	char **lines = NULL;
	size_t cap = 0;
	*n = 0;
	if (cols < 1)
		cols = 1;
	if (!text)
		text = "";
	const char *p = text;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		wrap_para(p, len, cols, &lines, n, &cap);
		if (!nl)
			break;
		p = nl + 1;
	}
	return lines;
}

void lay_lines_free(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

wchar_t *lay_to_wcs(const char *s, size_t *len)
{
	size_t n = strlen(s), o = 0;
	wchar_t *w = xmalloc((n + 1) * sizeof *w);
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (k <= 0)
			k = 1, c = 0xfffd;
		w[o++] = (wchar_t)c;
		i += (size_t)k;
	}
	w[o] = 0;
	if (len)
		*len = o;
	return w;
}

char *lay_to_utf8(const wchar_t *w, size_t n)
{
	char *out = xmalloc(n * 4 + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		ucs4_t c = (ucs4_t)w[i];
		int k = u8_uctomb((uint8_t *)out + o, c, 4);
		if (k <= 0) {
			k = u8_uctomb((uint8_t *)out + o, 0xfffd, 4);
		}
		o += (size_t)k;
	}
	out[o] = '\0';
	return out;
}
