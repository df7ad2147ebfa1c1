/* edit.h — the curses-free text edit model: a wide-character buffer and a
 * cursor, single-line (fields, filters, prompts) or multi-line (talk
 * content). Curses only draws it (ui.h: ui_draw_edit, ui_edit_key).
 *
 * Positions are character indexes into buf; columns are display columns
 * (a Han character takes two, see layout.h).
 *
 * A multi-line edit may be soft-wrapped (wrap > 0): each text line (up to a
 * '\n' the user typed) is shown as visual lines at most wrap columns wide,
 * broken before the character that would not fit, so a double-width
 * character is never split; the cell after a line's last character, where
 * the cursor stands at its end, counts too. Wrapping is display only: the
 * text is unchanged. A position at a soft break belongs to the visual line
 * it starts. Up and down then move by visual line; home and end stay on the
 * text line. */
#ifndef BANGFU_EDIT_H
#define BANGFU_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "ui/keymap.h"

typedef struct edit {
	wchar_t *buf;          /* always NUL-terminated */
	size_t len, cap;
	size_t cur;            /* 0..len */
	size_t max;            /* most characters allowed; 0 = no limit */
	bool multiline;        /* '\n' allowed; up/down move between lines */
	int goal_col;          /* column kept by up/down; -1 = none */
	int hscroll;           /* first visible column (single-line fields) */
	size_t vscroll;        /* first visible (visual) line (multi-line boxes) */
	int wrap;              /* multi-line: soft-wrap width; 0 = none */
	bool changed;          /* set by every edit; the caller clears it */
} edit;

void edit_init(edit *e, size_t max, bool multiline);
void edit_free(edit *e);
/* Replaces the text (UTF-8; cut at max; newlines dropped unless
 * multiline); cursor at the end; changed cleared. */
void edit_set(edit *e, const char *utf8);
/* The text as malloc'd UTF-8. */
char *edit_get(const edit *e);
bool edit_empty(const edit *e);
void edit_clear(edit *e);

/* Editing. Each returns false when nothing happened (at an edge, the
 * maximum length reached, a newline in a single-line edit ...). */
bool edit_insert(edit *e, wchar_t c);
bool edit_insert_str(edit *e, const char *utf8);
bool edit_backspace(edit *e);
bool edit_delete(edit *e);
bool edit_newline(edit *e);
bool edit_kill_line(edit *e);     /* delete from the cursor to line end */
bool edit_kill_to_start(edit *e); /* delete from the line start to the cursor */
bool edit_kill_word(edit *e);     /* delete the word before the cursor */

/* Moving. */
bool edit_left(edit *e);
bool edit_right(edit *e);
bool edit_home(edit *e);          /* start of the current line */
bool edit_end(edit *e);           /* end of the current line */
bool edit_word_left(edit *e);
bool edit_word_right(edit *e);
bool edit_up(edit *e);            /* keeps the display column; by visual */
bool edit_down(edit *e);          /* line when wrapped; false at the edge */

/* Keys. edit_apply does a line-editor action (keymap.h, AU_TEXT:
 * ACT_LINE_START ... ACT_NEWLINE) on e; false when a is no such action, or
 * one of several lines (line_up, line_down, newline) on a single-line
 * edit; true otherwise, even at an edge where nothing moves. edit_key
 * applies a key: a printable character (not Alt-x) is inserted whatever
 * km binds it to; any other key does the AU_TEXT action km binds it to (km
 * NULL: none). True if e used the key. */
bool edit_apply(edit *e, action_t a);
bool edit_key(edit *e, const keymap *km, keyspec k);

/* The cursor's line (0-based) and display column within its line. */
size_t edit_line(const edit *e);
int edit_col(const edit *e);
size_t edit_lines(const edit *e);
/* Start and end (exclusive, without '\n') of line `line`. */
void edit_line_span(const edit *e, size_t line, size_t *start, size_t *end);

/* Soft wrapping. edit_set_wrap sets the width (0: none; ignored on a
 * single-line edit). The visual lines (without wrapping: the text lines),
 * the span of visual line vl ([start, end): end is a '\n', the text's end or
 * a soft break), the cursor's visual line and its column within it. */
void edit_set_wrap(edit *e, int width);
size_t edit_vlines(const edit *e);
void edit_vline_span(const edit *e, size_t vl, size_t *start, size_t *end);
size_t edit_vline(const edit *e);
int edit_vcol(const edit *e);

/* Horizontal scroll for a single-line field `width` columns wide: adjusts
 * e->hscroll so the cursor is visible (a cursor at the end needs one free
 * column) and returns it. edit_visible then gives the characters to draw:
 * [*start, *end) with *pad columns of blank before the first (when a wide
 * character straddles the left edge it is not drawn; 0 or 1). */
int edit_scroll(edit *e, int width);
void edit_visible(const edit *e, int width, size_t *start, size_t *end, int *pad);
/* Vertical scroll for a box `rows` lines high: adjusts e->vscroll so the
 * cursor's visual line is visible and returns it. */
size_t edit_vscroll(edit *e, int rows);

#endif
