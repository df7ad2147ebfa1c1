/* list.h — the list widget of the list screens (scr_lists.c).
 *
 * Rows are compact copies (one allocation per row holding its cells, each
 * NUL-terminated, one after the other) loaded by the screen in ONE short
 * model_read; sorting and the live filter work on that copy, so paging
 * through tens of thousands of rows reads nothing. The screen reloads only
 * when ui_db_changed() says the database changed (list_stale).
 *
 * A list lives as long as the program (the screens keep theirs in static
 * storage): coming back to a list finds the same selected row, sort and
 * filter.
 *
 * Columns are laid out by display width (layout.h): a cell never cuts a
 * character in half and ends in "…" when cut. The filter is a set of words
 * separated by spaces; a row passes when every word matches one of its
 * columns in the way the column allows (LM_* bits): a student number by
 * prefix, a name as a substring or by pinyin (full or initials), a class or
 * kind as a substring. */
#ifndef BANGFU_LIST_H
#define BANGFU_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "util/record.h"
#include "ui/edit.h"
#include "ui/ui.h"

/* How the filter looks at a column: the model's matching (model.h,
 * model_row_matches). */
enum list_match {
	LM_PREFIX = ROW_MATCH_PREFIX,   /* the cell starts with the word (numbers) */
	LM_SUBSTR = ROW_MATCH_SUBSTR,   /* the cell contains the word (ASCII case folded) */
	LM_PINYIN = ROW_MATCH_PINYIN,   /* the word is the name's pinyin, full or initials */
};

/* A column is as wide as the widest of its cells and its title (display
 * width, measured when the rows are loaded). When they do not all fit, the
 * shrinkable column (the largest flex weight) gives way down to min, then
 * a column at a time the one whose narrowing cuts the fewest cells, never
 * below min or its title; when
 * they all fit, the shrinkable column takes the rest. want is the width
 * of a column with no rows to measure. */
typedef struct list_col {
	const char *title;    /* N_(): translated on display */
	int min, want, flex;
	bool right;           /* aligned right (numbers) */
	bool numeric;         /* sorted as a number */
	unsigned match;       /* LM_* bits: how the filter looks at it */
} list_col;

enum {
	LIST_ROW_ALERT = ROW_ALERT,   /* drawn to stand out (overdue ...) */
	LIST_ROW_DIM = ROW_DIM,       /* drawn dim (ended, ...) */
};

enum { LIST_WIDTH_MAX = 64 };

typedef struct list_row {
	rid id;               /* the record shown */
	rid ref;              /* another id the screen needs (a student ...) */
	char *text;           /* the cells, NUL after each */
	uint32_t seq;         /* load order (ties in sorting) */
	uint8_t flags;
} list_row;

typedef struct list {
	const list_col *cols;
	size_t ncols;
	unsigned match[16];   /* per column: LM_* (the columns', or a row_view's) */
	list_row *rows;
	size_t nrows, cap;
	uint32_t *view;       /* rows passing the filter, in sort order */
	size_t nview;
	int sort_col;         /* -1: load order */
	bool sort_desc;
	bool fixed;           /* no sorting or filtering (a page of a pager) */
	bool passive;         /* only shown (the dashboard's follow-ups): no
	                         selection drawn, no status line */
	/* A pager's filter (with fixed): the filter line is shown and edited
	 * here, but the rows are the screen's to reload for it (the talks
	 * list asks the model for one student's talks). */
	bool outer_filter;
	const char *filter_label;  /* N_(): instead of "Filter: " */
	char info[160];       /* shown at the right of the filter line instead of
	                         the row count, when set */
	size_t total;         /* the rows the loaded ones are the first of (the
	                         dashboard's 500 of 716 overdue): when larger
	                         than nrows the count says so; 0: nrows */
	int cell_w[16];       /* per column: the widest cell loaded */
	uint32_t width_n[16][LIST_WIDTH_MAX + 1];  /* per column: cells of each
	                         width (the last: that or wider) */
	char *filter;         /* the filter in force (UTF-8), "" for none */
	edit fedit;           /* the filter line while it is open */
	bool filtering;       /* the filter line has the keyboard */
	size_t sel;           /* index into view */
	size_t top;           /* first view row drawn */
	rid sel_id;           /* the selected record, kept across reloads */
	bool have_sel_id;
	uint64_t since;       /* ui_db_changed stamp */
	bool loaded;
	/* geometry of the last draw, for the mouse and the cursor */
	int y_head, y_rows, nshown, y_filter, x_filter_cur;
	int col_x[16], col_w[16];
} list;

void list_init(list *l, const list_col *cols, size_t ncols, int sort_col, bool desc);
void list_free(list *l);
/* The list shows a model row builder's rows: the filter matches its cells
 * as the view says (v->ncols must be the list's columns). */
void list_set_view(list *l, const row_view *v);
/* Adds a model row (model_row_fn: ctx is the list). */
int list_add_row(const model_row *r, void *ctx);

/* True when the rows must be (re)loaded: never loaded, or the database
 * changed since the last load (ui_db_changed). */
bool list_stale(list *l, ui *u);
/* Loading: list_begin drops the rows (keeping state), list_add copies one
 * row (ncols cells; NULL cells are ""), list_end sorts, filters and finds
 * the selected record again. */
void list_begin(list *l);
void list_add(list *l, const rid *id, const rid *ref, unsigned flags,
	      const char *const *cells);
void list_end(list *l);
/* Selects the row of record id; false if it is not in the view. (After a
 * reload that lost the selected record, list_end selects the row in its
 * place.) */
bool list_select_id(list *l, const rid *id);

/* Cell col of a row. */
const char *list_cell(const list_row *r, size_t col);
/* The selected row, or NULL (empty view). */
const list_row *list_selected(const list *l);
size_t list_count(const list *l);      /* rows in the view */

/* Filter and sort (the view is rebuilt; the selection follows its row). */
void list_set_filter(list *l, const char *text);
bool list_row_matches(const list *l, const list_row *r, const char *filter);
void list_sort_by(list *l, int col, bool desc);
/* ACT_SORT: the sort column's direction flips; from descending, the next
 * column ascending. */
void list_sort_next(list *l);

/* Moves the selection for ACT_UP/DOWN/PAGE_UP/PAGE_DOWN/HOME/END; page is
 * the rows shown. False if a is not a move. */
bool list_move(list *l, action_t a, int page);

/* Draws header, rows and (when rows > 3) the filter/status line into
 * rows [top, top+rows) of stdscr. */
void list_draw(list *l, int top, int rows, int cols);
/* Handles moves, sort, the filter line, mouse clicks and wheel. True if
 * the event was used. */
bool list_handle(list *l, const ui_event *ev);
/* The hardware cursor on the filter line while it is open. */
bool list_cursor(const list *l, int *y, int *x);
/* True while the filter line takes typed text. */
bool list_typing(const list *l);

#endif
