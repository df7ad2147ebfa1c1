#include "config.h"
/* dialog.c — modal dialogs drawn over the current screen: confirm,
 * message, prompt (one line of CJK-capable text) and choose. Each runs its
 * own small loop; the screen under it is redrawn every time, so a resize
 * reflows both. */
#include "ui/ui.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "ui/layout.h"
#include "ui/term.h"
#include "util/i18n.h"

enum { TICK_MS = 1000 };

typedef struct dlg_box {
	int y, x, h, w;
} dlg_box;

/* A dlg_box of inner size rows x cols centred on the screen (clipped). */
static dlg_box box_place(int rows, int cols)
{
	dlg_box b;
	b.w = cols + 4;
	b.h = rows + 2;
	if (b.w > COLS)
		b.w = COLS;
	if (b.h > LINES)
		b.h = LINES;
	b.y = (LINES - b.h) / 2;
	b.x = (COLS - b.w) / 2;
	return b;
}

/* The rows a dialog has drawn on since they were last repaired. A border
 * that lands on half of a double-width character leaves the terminal and
 * curses disagreeing about that cell, so once a dialog is gone (or moves)
 * the rows it covered are repainted whole rather than by difference. */
static int drawn_top = -1, drawn_bot = -1;

static void box_mark(dlg_box b)
{
	if (drawn_top < 0 || b.y < drawn_top)
		drawn_top = b.y;
	if (b.y + b.h - 1 > drawn_bot)
		drawn_bot = b.y + b.h - 1;
}

/* Marks the rows a dialog covered for a full repaint at the next refresh
 * (by then the screen under it has been drawn again). */
static void box_repair(void)
{
	if (drawn_top < 0)
		return;
	int top = drawn_top, bot = drawn_bot < LINES ? drawn_bot : LINES - 1;
	if (top < LINES)
		wredrawln(stdscr, top, bot - top + 1);
	drawn_top = drawn_bot = -1;
}

static void box_draw(dlg_box b, const char *title)
{
	box_mark(b);
	int a = ui_attr(UI_NORMAL);
	for (int r = 0; r < b.h; r++)
		ui_fill(b.y + r, b.x, b.w, UI_NORMAL);
	attron((attr_t)a);
	mvaddch(b.y, b.x, ACS_ULCORNER);
	mvhline(b.y, b.x + 1, ACS_HLINE, b.w - 2);
	mvaddch(b.y, b.x + b.w - 1, ACS_URCORNER);
	mvvline(b.y + 1, b.x, ACS_VLINE, b.h - 2);
	mvvline(b.y + 1, b.x + b.w - 1, ACS_VLINE, b.h - 2);
	mvaddch(b.y + b.h - 1, b.x, ACS_LLCORNER);
	mvhline(b.y + b.h - 1, b.x + 1, ACS_HLINE, b.w - 2);
	mvaddch(b.y + b.h - 1, b.x + b.w - 1, ACS_LRCORNER);
	attroff((attr_t)a);
	if (title && *title) {
		char *t = xasprintf(" %s ", title);
		int tw = lay_width(t);
		if (tw > b.w - 4)
			tw = b.w - 4;
		ui_text(b.y, b.x + 2, tw, t, UI_HEADER);
		free(t);
	}
}

/* One round: the screen, then the dialog (unless the terminal is too
 * small), the cursor, doupdate; then the next event. Returns false when
 * the frame hook asked to stop. */
typedef void (*dlg_draw_fn)(void *ctx, bool *cur, int *cy, int *cx);

static bool round_trip(ui *u, dlg_draw_fn fn, void *ctx, ui_event *ev)
{
	for (;;) {
		ui_draw_all(u, NULL);
		bool cur = false;
		int cy = 0, cx = 0;
		if (!ui_too_small())
			fn(ctx, &cur, &cy, &cx);
		term_cursor(cur, cy, cx);
		wnoutrefresh(stdscr);
		doupdate();
		if (ui_frame_done(u))
			return false;
		term_read(ev, TICK_MS);
		if (ev->type == EV_KEY || ev->type == EV_MOUSE)
			return true;
	}
}

/* The action of the key in ev among acts (ending with ACT_NONE), or
 * ACT_NONE. Esc and a key at once (read as Alt-key) counts as Esc unless
 * Alt-key itself is bound to one of them. */
static action_t dlg_action(ui *u, const ui_event *ev, const action_t *acts)
{
	if (ev->type != EV_KEY)
		return ACT_NONE;
	keyspec k = { ev->is_code, ev->ch, ev->meta };
	action_t a = keymap_action_among(ui_keymap(u), k, acts);
	if (a == ACT_NONE && ev->meta) {
		keyspec esc = { false, 27, false };
		a = keymap_action_among(ui_keymap(u), esc, acts);
	}
	return a;
}

/* "Enter: OK   Esc: cancel": fmt with the first keys of a and b. */
static char *hint2(ui *u, const char *fmt, action_t a, action_t b)
{
	char ka[48], kb[48];
	keymap_first_key(ui_keymap(u), a, ka, sizeof ka);
	keymap_first_key(ui_keymap(u), b, kb, sizeof kb);
	return xasprintf(fmt, ka, kb);
}

static const action_t moves[] = { ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN,
				  ACT_HOME, ACT_END, ACT_OPEN, ACT_BACK, ACT_NONE };

/* ---- confirm and message -------------------------------------------- */

struct text_dlg {
	const char *title;
	char **lines;
	size_t n;
	const char *hint;
	size_t top;
};

static void text_layout(struct text_dlg *d, const char *text)
{
	int w = COLS - 8 > 60 ? 60 : COLS - 8;
	if (w < 10)
		w = 10;
	d->lines = lay_wrap(text, w, &d->n);
}

static void text_draw(void *ctx, bool *cur, int *cy, int *cx)
{
	struct text_dlg *d = ctx;
	(void)cur, (void)cy, (void)cx;
	int w = lay_width(d->hint);
	for (size_t i = 0; i < d->n; i++)
		if (lay_width(d->lines[i]) > w)
			w = lay_width(d->lines[i]);
	if (d->title && lay_width(d->title) + 2 > w)
		w = lay_width(d->title) + 2;
	int rows = (int)d->n + 2;
	if (rows > LINES - 4)
		rows = LINES - 4;
	dlg_box b = box_place(rows, w);
	box_draw(b, d->title);
	int text_rows = b.h - 4;
	if (text_rows < 1)
		text_rows = 1;
	if (d->top + (size_t)text_rows > d->n)
		d->top = d->n > (size_t)text_rows ? d->n - (size_t)text_rows : 0;
	for (int r = 0; r < text_rows && d->top + (size_t)r < d->n; r++)
		ui_text(b.y + 1 + r, b.x + 2, b.w - 4, d->lines[d->top + (size_t)r], UI_NORMAL);
	ui_text(b.y + b.h - 2, b.x + 2, b.w - 4, d->hint, UI_DIM);
}

bool ui_confirm(ui *u, const char *question)
{
	static const action_t answers[] = { ACT_YES, ACT_NO, ACT_NONE };
	struct text_dlg d = { 0 };
	char *hint = hint2(u, _("%s: yes   %s: no"), ACT_YES, ACT_NO);
	d.hint = hint;
	text_layout(&d, question);
	bool answer = false;
	ui_event ev;
	while (round_trip(u, text_draw, &d, &ev)) {
		action_t a = dlg_action(u, &ev, answers);
		if (a == ACT_YES || a == ACT_NO) {
			answer = a == ACT_YES;
			break;
		}
	}
	lay_lines_free(d.lines, d.n);
	free(hint);
	box_repair();
	return answer;
}

void ui_message(ui *u, const char *title, const char *text)
{
	static const action_t scroll[] = { ACT_UP, ACT_DOWN, ACT_NONE };
	static const action_t closing[] = { ACT_DISMISS, ACT_NONE };
	struct text_dlg d = { 0 };
	char key[48];
	keymap_first_key(ui_keymap(u), ACT_DISMISS, key, sizeof key);
	char *hint = xasprintf(_("%s: close"), key);
	d.title = title;
	d.hint = hint;
	text_layout(&d, text);
	ui_event ev;
	while (round_trip(u, text_draw, &d, &ev)) {
		if (ev.type != EV_KEY)
			continue;
		keyspec k = { ev.is_code, ev.ch, ev.meta };
		action_t a = keymap_action_among(ui_keymap(u), k, scroll);
		if (a == ACT_UP && d.top > 0)
			d.top--;
		else if (a == ACT_DOWN)
			d.top++;
		else if (a == ACT_NONE && dlg_action(u, &ev, closing) == ACT_DISMISS)
			break;
	}
	lay_lines_free(d.lines, d.n);
	free(hint);
	box_repair();
}

/* ---- prompt ------------------------------------------------------------ */

struct prompt_dlg {
	const char *question;
	const char *hint;
	edit e;
};

static void prompt_draw(void *ctx, bool *cur, int *cy, int *cx)
{
	struct prompt_dlg *d = ctx;
	int w = COLS - 8 > 60 ? 60 : COLS - 8;
	dlg_box b = box_place(4, w);
	box_draw(b, NULL);
	ui_text(b.y + 1, b.x + 2, b.w - 4, d->question, UI_NORMAL);
	ui_text(b.y + 4, b.x + 2, b.w - 4, d->hint, UI_DIM);
	ui_draw_edit(b.y + 2, b.x + 2, b.w - 4, &d->e, UI_FIELD_FOCUS, cy, cx);
	*cur = true;
}

char *ui_prompt(ui *u, const char *question, const char *initial)
{
	static const action_t ends[] = { ACT_ACCEPT, ACT_CANCEL, ACT_NONE };
	char *hint = hint2(u, _("%s: OK   %s: cancel"), ACT_ACCEPT, ACT_CANCEL);
	struct prompt_dlg d = { .question = question, .hint = hint };
	edit_init(&d.e, 1000, false);
	edit_set(&d.e, initial ? initial : "");
	char *out = NULL;
	ui_event ev;
	while (round_trip(u, prompt_draw, &d, &ev)) {
		if (ev.type != EV_KEY)
			continue;
		/* a character is text, whatever it is bound to */
		keyspec k = { ev.is_code, ev.ch, ev.meta };
		action_t a = keyspec_is_text(k) ? ACT_NONE : keymap_action_among(ui_keymap(u), k, ends);
		if (a == ACT_NONE && (ui_edit_key(&d.e, &ev) || !ev.meta))
			continue;
		if (a == ACT_NONE)
			a = dlg_action(u, &ev, ends);   /* Esc, then a key */
		if (a == ACT_ACCEPT)
			out = edit_get(&d.e);
		if (a == ACT_ACCEPT || a == ACT_CANCEL)
			break;
	}
	edit_free(&d.e);
	free(hint);
	box_repair();
	return out;
}

/* ---- choose ------------------------------------------------------------ */

struct choose_dlg {
	const char *title;
	const char *hint;
	const char *const *items;
	size_t n, sel, top;
	dlg_box b;
	int rows;
};

static void choose_draw(void *ctx, bool *cur, int *cy, int *cx)
{
	struct choose_dlg *d = ctx;
	int w = d->title ? lay_width(d->title) + 2 : 10;
	for (size_t i = 0; i < d->n; i++)
		if (lay_width(d->items[i]) + 2 > w)
			w = lay_width(d->items[i]) + 2;
	if (lay_width(d->hint) > w)
		w = lay_width(d->hint);   /* the keys are read whole */
	if (w > COLS - 8)
		w = COLS - 8;
	int rows = (int)d->n;
	if (rows > LINES - 8)
		rows = LINES - 8;
	if (rows < 1)
		rows = 1;
	d->b = box_place(rows + 1, w);
	d->rows = d->b.h - 3;
	if (d->rows < 1)
		d->rows = 1;
	box_draw(d->b, d->title);
	if (d->sel < d->top)
		d->top = d->sel;
	if (d->sel >= d->top + (size_t)d->rows)
		d->top = d->sel - (size_t)d->rows + 1;
	for (int r = 0; r < d->rows && d->top + (size_t)r < d->n; r++) {
		size_t i = d->top + (size_t)r;
		ui_text(d->b.y + 1 + r, d->b.x + 2, d->b.w - 4, d->items[i],
			i == d->sel ? UI_SELECTED : UI_NORMAL);
	}
	ui_text(d->b.y + d->b.h - 2, d->b.x + 2, d->b.w - 4, d->hint, UI_DIM);
	*cur = true;   /* on the chosen row, for screen readers and IMEs alike */
	*cy = d->b.y + 1 + (int)(d->sel - d->top);
	*cx = d->b.x + 2;
}

/* A key in the choose dialog: true when it ends the dialog (*out: the
 * row, or -1). */
static bool choose_key(ui *u, struct choose_dlg *d, const ui_event *ev, int *out)
{
	static const action_t ends[] = { ACT_ACCEPT, ACT_CANCEL, ACT_NONE };
	action_t a = dlg_action(u, ev, ends);
	if (a == ACT_NONE) {
		keyspec k = { ev->is_code, ev->ch, ev->meta };
		a = keymap_action_among(ui_keymap(u), k, moves);
	}
	size_t n = d->n;
	size_t page = d->rows > 1 ? (size_t)d->rows - 1 : 1;
	switch (a) {
	case ACT_UP: if (d->sel > 0) d->sel--; break;
	case ACT_DOWN: if (d->sel + 1 < n) d->sel++; break;
	case ACT_PAGE_UP: d->sel = d->sel > page ? d->sel - page : 0; break;
	case ACT_PAGE_DOWN: d->sel = d->sel + page < n ? d->sel + page : n - 1; break;
	case ACT_HOME: d->sel = 0; break;
	case ACT_END: d->sel = n - 1; break;
	case ACT_ACCEPT: case ACT_OPEN: *out = (int)d->sel; return true;
	case ACT_CANCEL: case ACT_BACK: *out = -1; return true;
	default: break;
	}
	return false;
}

/* A click or the wheel: true when a second click on a row chooses it. */
static bool choose_mouse(struct choose_dlg *d, const ui_event *ev)
{
	if (ev->button == 4 && d->sel > 0) {
		d->sel--;
	} else if (ev->button == 5 && d->sel + 1 < d->n) {
		d->sel++;
	} else if (ev->button == 1) {
		int r = ev->y - (d->b.y + 1);
		if (r >= 0 && r < d->rows && d->top + (size_t)r < d->n && ev->x >= d->b.x &&
		    ev->x < d->b.x + d->b.w) {
			if (d->sel == d->top + (size_t)r)
				return true;   /* a second click chooses */
			d->sel = d->top + (size_t)r;
		}
	}
	return false;
}

int ui_choose(ui *u, const char *title, const char *const *items, size_t n)
{
	if (n == 0)
		return -1;
	char *hint = hint2(u, _("%s: choose   %s: cancel"), ACT_ACCEPT, ACT_CANCEL);
	struct choose_dlg d = { .title = title, .hint = hint, .items = items, .n = n };
	int out = -1;
	ui_event ev;
	while (round_trip(u, choose_draw, &d, &ev)) {
		if (ev.type == EV_MOUSE) {
			if (choose_mouse(&d, &ev)) {
				out = (int)d.sel;
				break;
			}
		} else if (choose_key(u, &d, &ev, &out)) {
			break;
		}
	}
	free(hint);
	box_repair();
	return out;
}
