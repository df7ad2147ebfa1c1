#include "config.h"
/* edit.c — the text edit model (see edit.h). */
#include "ui/edit.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "ui/layout.h"
#include "util/err.h"

void edit_init(edit *e, size_t max, bool multiline)
{
	memset(e, 0, sizeof *e);
	e->cap = 16;
	e->buf = xcalloc(e->cap, sizeof *e->buf);
	e->max = max;
	e->multiline = multiline;
	e->goal_col = -1;
}

void edit_free(edit *e)
{
	free(e->buf);
	memset(e, 0, sizeof *e);
}

static void reserve(edit *e, size_t extra)
{
	if (e->len + extra + 1 <= e->cap)
		return;
	while (e->len + extra + 1 > e->cap)
		e->cap *= 2;
	e->buf = xrealloc(e->buf, e->cap * sizeof *e->buf);
}

void edit_clear(edit *e)
{
	e->len = e->cur = 0;
	e->buf[0] = 0;
	e->hscroll = 0;
	e->vscroll = 0;
	e->goal_col = -1;
	e->changed = true;
}

static bool insert_raw(edit *e, wchar_t c)
{
	if (c == L'\n' && !e->multiline)
		return false;
	if (c == L'\r')
		return false;
	if (c != L'\n' && (c < 0x20 || c == 0x7f))
		return false;
	if (e->max && e->len >= e->max)
		return false;
	reserve(e, 1);
	memmove(e->buf + e->cur + 1, e->buf + e->cur, (e->len - e->cur + 1) * sizeof *e->buf);
	e->buf[e->cur++] = c;
	e->len++;
	e->changed = true;
	e->goal_col = -1;
	return true;
}

void edit_set(edit *e, const char *utf8)
{
	edit_clear(e);
	if (utf8) {
		size_t n;
		wchar_t *w = lay_to_wcs(utf8, &n);
		for (size_t i = 0; i < n; i++)
			if (w[i] == L'\t')
				insert_raw(e, L' ');
			else
				insert_raw(e, w[i]);
		free(w);
	}
	e->changed = false;
	e->goal_col = -1;
}

char *edit_get(const edit *e)
{
	return lay_to_utf8(e->buf, e->len);
}

bool edit_empty(const edit *e)
{
	return e->len == 0;
}

bool edit_insert(edit *e, wchar_t c)
{
	return insert_raw(e, c);
}

bool edit_insert_str(edit *e, const char *utf8)
{
	size_t n;
	wchar_t *w = lay_to_wcs(utf8, &n);
	bool any = false;
	for (size_t i = 0; i < n; i++)
		any |= insert_raw(e, w[i] == L'\t' ? L' ' : w[i]);
	free(w);
	return any;
}

bool edit_newline(edit *e)
{
	return insert_raw(e, L'\n');
}

static void remove_at(edit *e, size_t at, size_t n)
{
	memmove(e->buf + at, e->buf + at + n, (e->len - at - n + 1) * sizeof *e->buf);
	e->len -= n;
	e->changed = true;
	e->goal_col = -1;
}

bool edit_backspace(edit *e)
{
	if (e->cur == 0)
		return false;
	e->cur--;
	remove_at(e, e->cur, 1);
	return true;
}

bool edit_delete(edit *e)
{
	if (e->cur >= e->len)
		return false;
	remove_at(e, e->cur, 1);
	return true;
}

static size_t line_start_of(const edit *e, size_t pos)
{
	while (pos > 0 && e->buf[pos - 1] != L'\n')
		pos--;
	return pos;
}

static size_t line_end_of(const edit *e, size_t pos)
{
	while (pos < e->len && e->buf[pos] != L'\n')
		pos++;
	return pos;
}

bool edit_kill_line(edit *e)
{
	size_t end = line_end_of(e, e->cur);
	if (end == e->cur)
		return edit_delete(e);   /* at a line end: join the next line */
	remove_at(e, e->cur, end - e->cur);
	return true;
}

bool edit_kill_to_start(edit *e)
{
	size_t s = line_start_of(e, e->cur);
	if (s == e->cur)
		return false;
	size_t n = e->cur - s;
	e->cur = s;
	remove_at(e, s, n);
	return true;
}

bool edit_left(edit *e)
{
	e->goal_col = -1;
	if (e->cur == 0)
		return false;
	e->cur--;
	return true;
}

bool edit_right(edit *e)
{
	e->goal_col = -1;
	if (e->cur >= e->len)
		return false;
	e->cur++;
	return true;
}

bool edit_home(edit *e)
{
	e->goal_col = -1;
	size_t s = line_start_of(e, e->cur);
	if (s == e->cur)
		return false;
	e->cur = s;
	return true;
}

bool edit_end(edit *e)
{
	e->goal_col = -1;
	size_t s = line_end_of(e, e->cur);
	if (s == e->cur)
		return false;
	e->cur = s;
	return true;
}

/* Word classes: spaces and punctuation separate words; each Han character
 * is a word of its own (there are no spaces in Chinese). */
static int wclass(wchar_t c)
{
	if (c == L' ' || c == L'\n' || c == 0x3000)
		return 0;
	if (lay_wcwidth(c) == 2)
		return 2;
	if (iswalnum((wint_t)c) || c == L'_')
		return 1;
	return 3;
}

bool edit_word_left(edit *e)
{
	e->goal_col = -1;
	if (e->cur == 0)
		return false;
	size_t p = e->cur;
	while (p > 0 && wclass(e->buf[p - 1]) == 0)
		p--;
	if (p > 0) {
		int k = wclass(e->buf[p - 1]);
		p--;
		if (k != 2)
			while (p > 0 && wclass(e->buf[p - 1]) == k)
				p--;
	}
	e->cur = p;
	return true;
}

bool edit_word_right(edit *e)
{
	e->goal_col = -1;
	if (e->cur >= e->len)
		return false;
	size_t p = e->cur;
	int k = wclass(e->buf[p]);
	p++;
	if (k != 2 && k != 0)
		while (p < e->len && wclass(e->buf[p]) == k)
			p++;
	while (p < e->len && wclass(e->buf[p]) == 0)
		p++;
	e->cur = p;
	return true;
}

bool edit_kill_word(edit *e)
{
	size_t end = e->cur;
	edit_word_left(e);
	if (e->cur == end)
		return false;
	remove_at(e, e->cur, end - e->cur);
	return true;
}

bool edit_apply(edit *e, action_t a)
{
	switch (a) {
	case ACT_LINE_START: edit_home(e); return true;
	case ACT_LINE_END: edit_end(e); return true;
	case ACT_CHAR_LEFT: edit_left(e); return true;
	case ACT_CHAR_RIGHT: edit_right(e); return true;
	case ACT_WORD_LEFT: edit_word_left(e); return true;
	case ACT_WORD_RIGHT: edit_word_right(e); return true;
	case ACT_DELETE_BEFORE: edit_backspace(e); return true;
	case ACT_DELETE_CHAR: edit_delete(e); return true;
	case ACT_KILL_TO_END: edit_kill_line(e); return true;
	case ACT_KILL_TO_START: edit_kill_to_start(e); return true;
	case ACT_KILL_WORD: edit_kill_word(e); return true;
	case ACT_LINE_UP: return e->multiline && (edit_up(e), true);
	case ACT_LINE_DOWN: return e->multiline && (edit_down(e), true);
	case ACT_NEWLINE: return e->multiline && (edit_newline(e), true);
	default: return false;
	}
}

bool edit_key(edit *e, const keymap *km, keyspec k)
{
	if (keyspec_is_text(k)) {
		edit_insert(e, (wchar_t)k.ch);
		return true;
	}
	if (!km)
		return false;
	return edit_apply(e, keymap_action_of(km, k, AU_TEXT));
}

size_t edit_line(const edit *e)
{
	size_t l = 0;
	for (size_t i = 0; i < e->cur; i++)
		if (e->buf[i] == L'\n')
			l++;
	return l;
}

int edit_col(const edit *e)
{
	size_t s = line_start_of(e, e->cur);
	return lay_wswidth(e->buf + s, e->cur - s);
}

size_t edit_lines(const edit *e)
{
	size_t l = 1;
	for (size_t i = 0; i < e->len; i++)
		if (e->buf[i] == L'\n')
			l++;
	return l;
}

void edit_line_span(const edit *e, size_t line, size_t *start, size_t *end)
{
	size_t p = 0;
	for (size_t l = 0; l < line && p <= e->len; l++) {
		p = line_end_of(e, p);
		if (p >= e->len) {
			*start = *end = e->len;
			return;
		}
		p++;
	}
	*start = p;
	*end = line_end_of(e, p);
}

/* ---- visual lines ---- */

void edit_set_wrap(edit *e, int width)
{
	int w = e->multiline && width > 0 ? width : 0;
	if (w != e->wrap)
		e->goal_col = -1;
	e->wrap = w;
}

/* Where a visual line starting at s breaks when the character at p does
 * not fit: before it, but no line starts with a closing mark (，。、): the
 * character before goes down with it; and a Latin word or number goes
 * whole to the next line when the line has room to break before it. */
static size_t soft_break(const edit *e, size_t s, size_t p)
{
	static const wchar_t closing[] = L"，。、；：？！）」』”’》〉…,.;:?!)";
	size_t q = p;
	while (q > s + 1 && wcschr(closing, e->buf[q]))
		q--;
	size_t w = q;
	while (w > s && wclass(e->buf[w - 1]) == 1 && wclass(e->buf[w]) == 1)
		w--;
	return w > s ? w : q;
}

/* The end of the visual line that starts at s (a text line's start or a
 * soft break): a '\n' or the text's end (*hard), or the first character
 * that does not fit. A line's end needs a cell for the cursor: a text line
 * that fills the width exactly ends with an empty visual line. */
static size_t vline_end(const edit *e, size_t s, bool *hard)
{
	size_t le = line_end_of(e, s);
	*hard = true;
	if (e->wrap <= 0)
		return le;
	int col = 0;
	for (size_t p = s; p < le; p++) {
		int cw = lay_wcwidth(e->buf[p]);
		if (col + cw > e->wrap && col > 0) {
			*hard = false;
			return soft_break(e, s, p);
		}
		col += cw;
	}
	if (col + 1 > e->wrap && col > 0)
		*hard = false;
	return le;
}

/* Visual line number vl: its start, end and kind; false past the last. */
static bool vline_at(const edit *e, size_t vl, size_t *start, size_t *end, bool *hard)
{
	size_t s = 0;
	for (size_t n = 0;; n++) {
		size_t en = vline_end(e, s, hard);
		if (n == vl) {
			*start = s;
			*end = en;
			return true;
		}
		if (*hard && en >= e->len)
			return false;
		s = *hard ? en + 1 : en;
	}
}

/* The visual line holding position pos, and its span. */
static size_t vline_of(const edit *e, size_t pos, size_t *start, size_t *end, bool *hard)
{
	size_t s = 0;
	for (size_t n = 0;; n++) {
		size_t en = vline_end(e, s, hard);
		if (pos < en || (*hard && pos == en) || (*hard && en >= e->len)) {
			*start = s;
			*end = en;
			return n;
		}
		s = *hard ? en + 1 : en;
	}
}

size_t edit_vlines(const edit *e)
{
	size_t s = 0, n = 1;
	for (;;) {
		bool hard;
		size_t en = vline_end(e, s, &hard);
		if (hard && en >= e->len)
			return n;
		s = hard ? en + 1 : en;
		n++;
	}
}

void edit_vline_span(const edit *e, size_t vl, size_t *start, size_t *end)
{
	bool hard;
	if (!vline_at(e, vl, start, end, &hard))
		*start = *end = e->len;
}

size_t edit_vline(const edit *e)
{
	size_t s, en;
	bool hard;
	return vline_of(e, e->cur, &s, &en, &hard);
}

int edit_vcol(const edit *e)
{
	size_t s, en;
	bool hard;
	vline_of(e, e->cur, &s, &en, &hard);
	return lay_wswidth(e->buf + s, e->cur - s);
}

/* Moves the cursor to column `col` of the visual line [s, end): the last
 * character boundary whose column is <= col. A soft line's end is the next
 * line's start, so the cursor stops before its last character. */
static void goto_col(edit *e, size_t s, size_t end, bool hard, int col)
{
	size_t p = s, limit = hard || end == s ? end : end - 1;
	int w = 0;
	while (p < limit) {
		int cw = lay_wcwidth(e->buf[p]);
		if (w + cw > col)
			break;
		w += cw;
		p++;
	}
	e->cur = p;
}

bool edit_up(edit *e)
{
	size_t s, en;
	bool hard;
	size_t vl = vline_of(e, e->cur, &s, &en, &hard);
	if (vl == 0)
		return false;
	int goal = e->goal_col >= 0 ? e->goal_col : lay_wswidth(e->buf + s, e->cur - s);
	vline_at(e, vl - 1, &s, &en, &hard);
	goto_col(e, s, en, hard, goal);
	e->goal_col = goal;
	return true;
}

bool edit_down(edit *e)
{
	size_t s, en;
	bool hard;
	size_t vl = vline_of(e, e->cur, &s, &en, &hard);
	int goal = e->goal_col >= 0 ? e->goal_col : lay_wswidth(e->buf + s, e->cur - s);
	if (!vline_at(e, vl + 1, &s, &en, &hard))
		return false;
	goto_col(e, s, en, hard, goal);
	e->goal_col = goal;
	return true;
}

int edit_scroll(edit *e, int width)
{
	if (width < 1)
		width = 1;
	size_t s = line_start_of(e, e->cur);
	int col = edit_col(e);
	/* the cursor needs the cell it stands on: the width of the character
	 * under it (1 at the end of the line) */
	int under = e->cur < e->len && e->buf[e->cur] != L'\n' ? lay_wcwidth(e->buf[e->cur]) : 1;
	if (under < 1)
		under = 1;
	if (col < e->hscroll)
		e->hscroll = col;
	if (col + under > e->hscroll + width)
		e->hscroll = col + under - width;
	/* keep as much text visible as possible when the line got shorter */
	int total = lay_wswidth(e->buf + s, line_end_of(e, e->cur) - s) + 1;
	if (e->hscroll > 0 && total - e->hscroll < width) {
		int h = total - width;
		if (h < 0)
			h = 0;
		if (h <= col)
			e->hscroll = h;
	}
	if (e->hscroll < 0)
		e->hscroll = 0;
	return e->hscroll;
}

void edit_visible(const edit *e, int width, size_t *start, size_t *end, int *pad)
{
	size_t s = line_start_of(e, e->cur);
	size_t le = line_end_of(e, e->cur);
	size_t p = s;
	int w = 0;
	*pad = 0;
	while (p < le && w < e->hscroll) {
		w += lay_wcwidth(e->buf[p]);
		p++;
	}
	if (w > e->hscroll)
		*pad = w - e->hscroll;   /* a wide character straddled the edge */
	*start = p;
	int used = *pad;
	while (p < le) {
		int cw = lay_wcwidth(e->buf[p]);
		if (used + cw > width)
			break;
		used += cw;
		p++;
	}
	*end = p;
}

size_t edit_vscroll(edit *e, int rows)
{
	if (rows < 1)
		rows = 1;
	size_t l = edit_vline(e);
	if (l < e->vscroll)
		e->vscroll = l;
	if (l >= e->vscroll + (size_t)rows)
		e->vscroll = l - (size_t)rows + 1;
	/* no blank rows below while text is hidden above (after a delete, or
	 * a wider box) */
	size_t n = edit_vlines(e);
	if (e->vscroll > 0 && e->vscroll + (size_t)rows > n)
		e->vscroll = n > (size_t)rows ? n - (size_t)rows : 0;
	return e->vscroll;
}
