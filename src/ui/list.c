#include "config.h"
/* list.c — the list widget: compact rows, sort, live filter, paging,
 * drawing by display width, mouse. See list.h. */
#include "ui/list.h"

#include <stdlib.h>
#include <string.h>

#include "ui/layout.h"
#include "util/i18n.h"
#include "util/pinyin.h"

void list_init(list *l, const list_col *cols, size_t ncols, int sort_col, bool desc)
{
	memset(l, 0, sizeof *l);
	l->cols = cols;
	l->ncols = ncols < 16 ? ncols : 16;
	l->sort_col = sort_col;
	l->sort_desc = desc;
	for (size_t i = 0; i < l->ncols; i++)
		l->match[i] = cols[i].match;
	l->filter = xstrdup("");
	edit_init(&l->fedit, 64, false);
}

void list_set_view(list *l, const row_view *v)
{
	if (v->ncols != l->ncols)
		die("list_set_view: %zu columns for a view of %zu", l->ncols, v->ncols);
	for (size_t i = 0; i < l->ncols; i++)
		l->match[i] = v->match[i];
}

int list_add_row(const model_row *r, void *ctx)
{
	list_add(ctx, &r->id, &r->ref, r->flags, r->cells);
	return 0;
}

static void drop_rows(list *l)
{
	for (size_t i = 0; i < l->nrows; i++)
		free(l->rows[i].text);
	l->nrows = 0;
	l->nview = 0;
	l->total = 0;
	memset(l->cell_w, 0, sizeof l->cell_w);
	memset(l->width_n, 0, sizeof l->width_n);
}

void list_free(list *l)
{
	drop_rows(l);
	free(l->rows);
	free(l->view);
	free(l->filter);
	edit_free(&l->fedit);
	memset(l, 0, sizeof *l);
}

bool list_stale(list *l, ui *u)
{
	bool changed = ui_db_changed(u, &l->since);
	return !l->loaded || changed;
}

static void remember_sel(list *l)
{
	const list_row *r = list_selected(l);
	if (r) {
		l->sel_id = r->id;
		l->have_sel_id = true;
	}
}

void list_begin(list *l)
{
	remember_sel(l);
	drop_rows(l);
}

void list_add(list *l, const rid *id, const rid *ref, unsigned flags,
	      const char *const *cells)
{
	size_t len = 0;
	for (size_t i = 0; i < l->ncols; i++)
		len += (cells[i] ? strlen(cells[i]) : 0) + 1;
	char *text = xmalloc(len), *p = text;
	for (size_t i = 0; i < l->ncols; i++) {
		size_t n = cells[i] ? strlen(cells[i]) : 0;
		/* a cell is one line: newlines and tabs become spaces */
		char *cell = p;
		for (size_t j = 0; j < n; j++) {
			char c = cells[i][j];
			*p++ = c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
		}
		*p++ = 0;
		int w = n ? lay_width(cell) : 0;
		if (w > l->cell_w[i])
			l->cell_w[i] = w;
		l->width_n[i][w < LIST_WIDTH_MAX ? w : LIST_WIDTH_MAX]++;
	}
	if (l->nrows == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->rows = xrealloc(l->rows, l->cap * sizeof *l->rows);
	}
	list_row *r = &l->rows[l->nrows];
	memset(r, 0, sizeof *r);
	if (id)
		r->id = *id;
	if (ref)
		r->ref = *ref;
	r->text = text;
	r->flags = (uint8_t)flags;
	r->seq = (uint32_t)l->nrows;
	l->nrows++;
}

const char *list_cell(const list_row *r, size_t col)
{
	const char *p = r->text;
	while (col--)
		p += strlen(p) + 1;
	return p;
}

const list_row *list_selected(const list *l)
{
	if (!l->nview || l->sel >= l->nview)
		return NULL;
	return &l->rows[l->view[l->sel]];
}

size_t list_count(const list *l)
{
	return l->nview;
}

/* ---- matching: the model's (model_row_matches) on the row's cells ---- */

bool list_row_matches(const list *l, const list_row *r, const char *filter)
{
	const char *cells[16];
	const char *p = r->text;
	for (size_t c = 0; c < l->ncols; c++, p += strlen(p) + 1)
		cells[c] = p;
	row_view v = { l->ncols, l->match };
	return model_row_matches(&v, cells, filter);
}

static char fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* ---- sorting and the view -------------------------------------------- */

static const list *sort_list;   /* qsort has no context argument */
static char **sort_keys;        /* per row: the name's pinyin, for names */

static int cmp_rows(const void *a, const void *b)
{
	const list *l = sort_list;
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	const list_row *x = &l->rows[i], *y = &l->rows[j];
	int c = 0;
	if (l->sort_col >= 0) {
		const char *p = list_cell(x, (size_t)l->sort_col), *q = list_cell(y, (size_t)l->sort_col);
		if (sort_keys) {
			/* names in pinyin order (张 after 李), then by bytes */
			p = sort_keys[i];
			q = sort_keys[j];
		}
		if (l->cols[l->sort_col].numeric) {
			long long u = strtoll(p, NULL, 10), v = strtoll(q, NULL, 10);
			c = (u > v) - (u < v);
			/* empty cells last either way */
			if (!*p != !*q)
				return !*p ? 1 : -1;
		} else {
			if (!*p != !*q)
				return !*p ? 1 : -1;
			c = strcmp(p, q);
		}
		if (l->sort_desc)
			c = -c;
	}
	if (!c)
		c = (x->seq > y->seq) - (x->seq < y->seq);
	return c;
}

/* Rebuilds the view; false if the selected record is no longer in it. */
static bool rebuild(list *l)
{
	l->view = xrealloc(l->view, (l->nrows ? l->nrows : 1) * sizeof *l->view);
	l->nview = 0;
	for (size_t i = 0; i < l->nrows; i++)
		if (l->fixed || l->outer_filter || !*l->filter ||
		    list_row_matches(l, &l->rows[i], l->filter))
			l->view[l->nview++] = (uint32_t)i;
	if (!l->fixed && l->nview > 1) {
		bool py = l->sort_col >= 0 && (l->match[l->sort_col] & LM_PINYIN);
		if (py) {
			sort_keys = xcalloc(l->nrows, sizeof *sort_keys);
			for (size_t i = 0; i < l->nview; i++) {
				const char *name = list_cell(&l->rows[l->view[i]], (size_t)l->sort_col);
				size_t n = pinyin_name(name, NULL, 0);
				char *k = xmalloc(n + 1);
				pinyin_name(name, k, n + 1);
				for (char *c = k; *c; c++)
					*c = fold(*c);   /* "Li Lei" among "li si" */
				sort_keys[l->view[i]] = k;
			}
		}
		sort_list = l;
		qsort(l->view, l->nview, sizeof *l->view, cmp_rows);
		sort_list = NULL;
		if (py) {
			for (size_t i = 0; i < l->nrows; i++)
				free(sort_keys[i]);
			free(sort_keys);
			sort_keys = NULL;
		}
	}
	l->sel = 0;
	if (l->have_sel_id)
		for (size_t i = 0; i < l->nview; i++)
			if (rid_cmp(&l->rows[l->view[i]].id, &l->sel_id) == 0) {
				l->sel = i;
				return true;
			}
	return !l->have_sel_id;
}

void list_end(list *l)
{
	size_t was = l->sel;
	l->loaded = true;
	/* the selected record is gone (deleted): the row that took its place */
	if (!rebuild(l) && l->nview)
		l->sel = was < l->nview ? was : l->nview - 1;
}

bool list_select_id(list *l, const rid *id)
{
	for (size_t i = 0; i < l->nview; i++)
		if (rid_cmp(&l->rows[l->view[i]].id, id) == 0) {
			l->sel = i;
			remember_sel(l);
			return true;
		}
	return false;
}

void list_set_filter(list *l, const char *text)
{
	if (strcmp(text, l->filter) == 0)
		return;
	remember_sel(l);
	free(l->filter);
	l->filter = xstrdup(text);
	rebuild(l);
}

void list_sort_by(list *l, int col, bool desc)
{
	remember_sel(l);
	l->sort_col = col;
	l->sort_desc = desc;
	rebuild(l);
}

void list_sort_next(list *l)
{
	if (l->fixed || !l->ncols)
		return;
	if (l->sort_col >= 0 && !l->sort_desc)
		list_sort_by(l, l->sort_col, true);
	else
		list_sort_by(l, (int)((size_t)(l->sort_col + 1) % l->ncols), false);
}

bool list_move(list *l, action_t a, int page)
{
	size_t n = l->nview, p = page > 1 ? (size_t)page - 1 : 1;
	switch (a) {
	case ACT_UP:
		if (l->sel > 0)
			l->sel--;
		break;
	case ACT_DOWN:
		if (l->sel + 1 < n)
			l->sel++;
		break;
	case ACT_PAGE_UP:
		l->sel = l->sel > p ? l->sel - p : 0;
		if (l->top > p)
			l->top -= p;
		else
			l->top = 0;
		break;
	case ACT_PAGE_DOWN:
		l->sel = n && l->sel + p < n ? l->sel + p : (n ? n - 1 : 0);
		l->top += p;
		break;
	case ACT_HOME:
		l->sel = 0;
		break;
	case ACT_END:
		l->sel = n ? n - 1 : 0;
		break;
	default:
		return false;
	}
	remember_sel(l);
	return true;
}

/* ---- drawing ---------------------------------------------------------- */

/* The title as drawn: the sort column marked. */
static const char *head_text(const list *l, size_t c, char *buf, size_t n)
{
	const char *t = _(l->cols[c].title);
	if (!l->fixed && (int)c == l->sort_col) {
		snprintf(buf, n, "%s%s", t, l->sort_desc ? "▼" : "▲");
		t = buf;
	}
	return t;
}

/* Cells of column c wider than w (cut if it were w wide). */
static uint64_t cut_cells(const list *l, size_t c, int w)
{
	uint64_t n = 0;
	for (int k = w + 1; k <= LIST_WIDTH_MAX; k++)
		n += l->width_n[c][k];
	return n;
}

/* Column widths by what the columns hold (list_col, list.h): each as wide
 * as its widest cell and its title; when they do not all fit, the
 * shrinkable column gives way to its min, then, a column at a time, the
 * one whose narrowing cuts the fewest cells, never below min or its
 * title; then the last columns are
 * left out. Room left goes to the shrinkable column. */
static void layout(list *l, int cols)
{
	size_t n = l->ncols;
	int w[16], floor[16], sum = 0, avail = cols - 1 - (int)(n ? n - 1 : 0);
	int shrink = -1;   /* the largest weight */
	for (size_t i = 0; i < n; i++) {
		char buf[128];
		const list_col *c = &l->cols[i];
		int need = l->nrows ? l->cell_w[i] : (c->want > c->min ? c->want : c->min);
		int tw = lay_width(head_text(l, i, buf, sizeof buf));
		w[i] = need > tw ? need : tw;
		if (w[i] < 1)
			w[i] = 1;
		floor[i] = c->min > tw ? c->min : tw;
		if (floor[i] > w[i])
			floor[i] = w[i];
		sum += w[i];
		if (c->flex > 0 && (shrink < 0 || c->flex > l->cols[shrink].flex))
			shrink = (int)i;
	}
	if (shrink >= 0 && sum > avail) {
		int give = w[shrink] - floor[shrink];
		if (give > sum - avail)
			give = sum - avail;
		w[shrink] -= give;
		sum -= give;
	}
	while (sum > avail) {
		int best = -1;
		uint64_t best_cut = 0;
		for (size_t i = 0; i < n; i++) {
			if (w[i] <= floor[i])
				continue;
			uint64_t cut = cut_cells(l, i, w[i] - 1);
			if (best < 0 || cut < best_cut) {
				best = (int)i;
				best_cut = cut;
			}
		}
		if (best < 0)
			break;
		w[best]--;
		sum--;
	}
	/* still too wide: the last columns are left out */
	for (size_t i = n; i-- > 0 && sum > avail;) {
		sum -= w[i] + 1;
		w[i] = 0;
	}
	if (sum < avail) {
		int to = shrink >= 0 && w[shrink] > 0 ? shrink : (int)n - 1;
		while (to > 0 && w[to] == 0)
			to--;
		if (to >= 0)
			w[to] += avail - sum;
	}
	int x = 1;
	for (size_t i = 0; i < n; i++) {
		l->col_x[i] = x;
		l->col_w[i] = w[i];
		if (w[i] > 0)
			x += w[i] + 1;
	}
}

static void draw_cell(const list *l, size_t c, int y, const char *s, ui_style st)
{
	int w = l->col_w[c];
	if (w <= 0)
		return;
	if (l->cols[c].right)
		ui_text_right(y, l->col_x[c], w, s, st);
	else
		ui_text(y, l->col_x[c], w, s, st);
}

/* The header: the sort column marked. */
static void draw_header(list *l, int top, int cols)
{
	ui_fill(top, 0, cols, UI_HEADER);
	for (size_t c = 0; c < l->ncols; c++) {
		char buf[128];
		draw_cell(l, c, top, head_text(l, c, buf, sizeof buf), UI_HEADER);
	}
}

/* Keeps the selection in sight in a body of `body` rows. */
static void keep_in_sight(list *l, int body)
{
	if (l->sel >= l->nview)
		l->sel = l->nview ? l->nview - 1 : 0;
	if (body <= 0)
		return;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + (size_t)body)
		l->top = l->sel - (size_t)body + 1;
	if (l->top + (size_t)body > l->nview)
		l->top = l->nview > (size_t)body ? l->nview - (size_t)body : 0;
}

static void draw_rows(list *l, int top, int body, int cols)
{
	for (int i = 0; i < body; i++) {
		int y = top + 1 + i;
		size_t v = l->top + (size_t)i;
		if (v >= l->nview) {
			ui_fill(y, 0, cols, UI_NORMAL);
			continue;
		}
		const list_row *r = &l->rows[l->view[v]];
		ui_style st = UI_NORMAL;
		if (r->flags & LIST_ROW_DIM)
			st = UI_DIM;
		if (r->flags & LIST_ROW_ALERT)
			st = UI_WARN;
		bool sel = v == l->sel && !l->passive;
		if (sel)
			st = UI_SELECTED;
		ui_fill(y, 0, cols, st);
		ui_text(y, 0, 1, sel ? ">" : " ", st);
		const char *p = r->text;
		for (size_t c = 0; c < l->ncols; c++, p += strlen(p) + 1)
			draw_cell(l, c, y, p, st);
	}
}

/* The status line at y: the filter line on the left, the count (or the
 * screen's own info) on the right. */
static void draw_status(list *l, int y, int cols)
{
	ui_fill(y, 0, cols, UI_NORMAL);
	char count[160];
	if (l->info[0])
		snprintf(count, sizeof count, "%s", l->info);
	else if (l->total > l->nrows)   /* the list holds only the first rows */
		snprintf(count, sizeof count, ngettext("the first %zu rows of %zu", "the first %zu rows of %zu", l->total),
			 l->nrows, l->total);
	else if (l->nview == l->nrows)
		snprintf(count, sizeof count, ngettext("%zu row", "%zu rows", l->nrows), l->nrows);
	else
		snprintf(count, sizeof count, ngettext("%zu of %zu row", "%zu of %zu rows", l->nrows),
			 l->nview, l->nrows);
	int cw = lay_width(count);
	if (cw < cols)
		ui_text(y, cols - cw - 1, cw, count, UI_DIM);
	if (l->fixed && !l->outer_filter)
		return;
	const char *label = l->filter_label ? _(l->filter_label) : _("Filter: ");
	int lw = lay_width(label);
	int room = cols - cw - 3 - lw;
	if (room < 4)
		return;
	ui_text(y, 1, lw, label, l->filtering ? UI_TITLE : UI_DIM);
	l->y_filter = y;
	if (l->filtering) {
		int cy = y, cx = 1 + lw;
		ui_draw_edit(y, 1 + lw, room, &l->fedit, UI_FIELD_FOCUS, &cy, &cx);
		l->x_filter_cur = cx;
	} else {
		ui_text(y, 1 + lw, room, l->filter, UI_NORMAL);
	}
}

void list_draw(list *l, int top, int rows, int cols)
{
	if (rows < 2 || cols < 4)
		return;
	layout(l, cols);
	bool status = rows > 3 && !l->passive;
	int body = rows - 1 - (status ? 1 : 0);
	l->y_head = top;
	l->y_rows = top + 1;
	l->nshown = body;
	draw_header(l, top, cols);
	keep_in_sight(l, body);
	draw_rows(l, top, body, cols);
	l->y_filter = -1;
	if (status)
		draw_status(l, top + rows - 1, cols);
}

bool list_cursor(const list *l, int *y, int *x)
{
	if (!l->filtering || l->y_filter < 0)
		return false;
	*y = l->y_filter;
	*x = l->x_filter_cur;
	return true;
}

bool list_typing(const list *l)
{
	return l->filtering;
}

/* ---- input ------------------------------------------------------------ */

static void filter_changed(list *l)
{
	char *t = edit_get(&l->fedit);
	list_set_filter(l, t);
	free(t);
}

static bool filter_key(list *l, const ui_event *ev)
{
	edit *e = &l->fedit;
	switch (ev->action) {
	case ACT_BACK:                   /* Esc: no filter */
		edit_clear(e);
		l->filtering = false;
		filter_changed(l);
		return true;
	case ACT_OPEN:                   /* Enter: keep it */
	case ACT_SEARCH:
	case ACT_NEXT_FIELD:
		l->filtering = false;
		return true;
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
		return list_move(l, ev->action, l->nshown);
	default:
		break;
	}
	if (!ui_edit_key(e, ev))
		return false;
	filter_changed(l);
	return true;
}

bool list_handle(list *l, const ui_event *ev)
{
	if (ev->type == EV_MOUSE) {
		if (ev->button == 4 || ev->button == 5) {
			for (int i = 0; i < 3; i++)
				list_move(l, ev->button == 4 ? ACT_UP : ACT_DOWN, l->nshown);
			return true;
		}
		if (ev->button != 1)
			return false;
		if (ev->y == l->y_head && !l->fixed) {
			for (size_t c = 0; c < l->ncols; c++)
				if (l->col_w[c] > 0 && ev->x >= l->col_x[c] &&
				    ev->x < l->col_x[c] + l->col_w[c] + 1) {
					bool desc = (int)c == l->sort_col && !l->sort_desc;
					list_sort_by(l, (int)c, desc);
					return true;
				}
			return false;
		}
		if (ev->y == l->y_filter && l->y_filter >= 0) {
			l->filtering = true;
			edit_set(&l->fedit, l->filter);
			return true;
		}
		if (ev->y >= l->y_rows && ev->y < l->y_rows + l->nshown) {
			size_t v = l->top + (size_t)(ev->y - l->y_rows);
			if (v < l->nview) {
				l->sel = v;
				remember_sel(l);
			}
			return true;
		}
		return false;
	}
	if (ev->type != EV_KEY)
		return false;
	if (l->filtering)
		return filter_key(l, ev);
	if (ev->action == ACT_SEARCH && (!l->fixed || l->outer_filter)) {
		l->filtering = true;
		edit_set(&l->fedit, l->filter);
		return true;
	}
	if (ev->action == ACT_SORT && !l->fixed) {
		list_sort_next(l);
		return true;
	}
	if (ev->action == ACT_BACK && *l->filter && (!l->fixed || l->outer_filter)) {
		edit_clear(&l->fedit);
		list_set_filter(l, "");
		return true;
	}
	return list_move(l, ev->action, l->nshown);
}
