#include "config.h"
/* scr_form.c — the form screen: draws a form engine's fields (formeng.h)
 * and takes keys. The engine turns them into records and checks them
 * through the model as the user goes (messages beside the field they name)
 * and saves in one write; references are chosen with formpick.c. A save
 * after someone else changed a record shows both versions and lets the
 * user choose. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "ui/edit.h"
#include "ui/form.h"
#include "ui/formeng.h"
#include "ui/formpick.h"
#include "ui/layout.h"
#include "ui/ui.h"
#include "util/i18n.h"

typedef struct fstate {
	ui *u;
	fe_form f;
	size_t focus;
	bool dirty;
	char title[160];
	int cy, cx;
	bool show_cursor;
	int scroll;
	int bottom;          /* the row below the body, as last drawn */
} fstate;

static const action_t form_bar[] = { ACT_HELP, ACT_SAVE, ACT_NEXT_FIELD, ACT_TOGGLE,
				     ACT_BACK, ACT_QUIT, ACT_NONE };
static const action_t form_extra[] = { ACT_PREV_FIELD, ACT_UP, ACT_DOWN, ACT_LEFT,
				       ACT_RIGHT, ACT_OPEN, ACT_HOME, ACT_END, ACT_PAGE_UP,
				       ACT_PAGE_DOWN, ACT_CLEAR_FIELD, ACT_NONE };
/* What a key does on a field that takes no text (a choice, toggles, a
 * reference chosen from a list). */
static const action_t field_acts[] = { ACT_TOGGLE, ACT_OPEN, ACT_NONE };

/* ---- drawing ------------------------------------------------------------ */

static const char *f_title(screen *sc)
{
	fstate *s = sc->state;
	snprintf(s->title, sizeof s->title, "%s%s%s", form_title(&s->f.def),
		 s->f.editing ? _(" — edit") : _(" — new"), s->dirty ? " *" : "");
	return s->title;
}

/* A form takes every printable key while it has a field in focus, also on
 * choice and toggle fields (where Space chooses or toggles and other
 * characters do nothing): a digit typed one field too far must never jump
 * to another screen as a go-to key would. */
static bool f_typing(screen *sc)
{
	fstate *s = sc->state;
	return s->focus < s->f.n;
}

static int label_cols(fstate *s, int cols)
{
	int w = 0;
	for (size_t i = 0; i < s->f.n; i++)
		if (s->f.v[i].visible) {
			int lw = lay_width(form_label(s->f.v[i].fl)) + (s->f.v[i].fl->required ? 1 : 0);
			if (lw > w)
				w = lw;
		}
	w += 2;
	return w > cols / 3 ? cols / 3 : w;
}

static int field_height(const fe_value *v)
{
	if (v->fl->type != FORM_MULTILINE)
		return 1;
	return v->rows > 0 ? v->rows : v->fl->lines;
}

/* The columns a field's value takes: its width in the form file, wider for
 * a one-line text that does not fit (what was typed is shown whole, with
 * the cell the cursor needs after it), never past the screen. A multi-line
 * text takes the room there is up to the right margin (it is wrapped
 * there). */
static int field_cols(const fe_value *v, int avail)
{
	int w = v->fl->width;
	if (v->fl->type == FORM_MULTILINE && avail > w)
		w = avail;
	if (fe_is_edit(v->fl->type) && v->fl->type != FORM_MULTILINE) {
		char *t = edit_get(&v->ed);
		int tw = lay_width(t) + 1;
		free(t);
		if (tw > w)
			w = tw;
	}
	if (w > avail)
		w = avail;
	return w < 1 ? 1 : w;
}

static void draw_multi(fe_value *v, int y, int x, int w, bool focus)
{
	int used = 0;
	ui_fill(y, x, w, UI_NORMAL);
	for (int i = 0; v->fl->choices[i]; i++) {
		char buf[128];
		snprintf(buf, sizeof buf, "[%s]%s", v->bits & (1u << i) ? "x" : " ",
			 v->fl->choices[i]);
		int bw = lay_width(buf);
		if (used + bw > w)
			break;
		ui_text(y, x + used, bw, buf,
			focus && i == v->item ? UI_FIELD_FOCUS : (v->locked ? UI_DIM : UI_FIELD));
		used += bw + 1;
	}
}

/* Whether field v's message fits beside its value (x, w), on its line. */
static bool msg_beside(const fe_value *v, int x, int w, int cols)
{
	return cols - (x + w + 2) >= lay_width(v->msg) + 1;
}

/* The lines of field v's message under its value: wrapped to the room
 * from x to the right edge, never cut. malloc'd (lay_lines_free). */
static char **msg_below(const fe_value *v, int x, int cols, size_t *n)
{
	return lay_wrap(v->msg, cols - x - 1, n);
}

/* The form's own message (one no field claims), wrapped to the width. */
static char **top_lines(fstate *s, int cols, size_t *n)
{
	if (!s->f.top_msg) {
		*n = 0;
		return NULL;
	}
	return lay_wrap(s->f.top_msg, cols - 2, n);
}

/* Rows the multi-line texts get: the lines of the form file, and where the
 * form leaves rows free on a tall screen, a share of them (up to twice
 * the lines again). */
static void grow_texts(fstate *s, int rows, int cols, int x, int first)
{
	int avail = cols - x - 1, used = first, texts = 0;
	for (size_t i = 0; i < s->f.n; i++) {
		fe_value *v = &s->f.v[i];
		if (!v->visible)
			continue;
		v->rows = v->fl->lines;
		used += field_height(v);
		if (v->msg && !msg_beside(v, x, field_cols(v, avail), cols)) {
			size_t n;
			char **l = msg_below(v, x, cols, &n);
			used += (int)n;
			lay_lines_free(l, n);
		}
		texts += v->fl->type == FORM_MULTILINE;
	}
	int spare = rows - used - 1;    /* a blank row stays below the form */
	if (spare <= 0 || !texts)
		return;
	for (size_t i = 0; i < s->f.n; i++) {
		fe_value *v = &s->f.v[i];
		if (!v->visible || v->fl->type != FORM_MULTILINE)
			continue;
		int more = spare / texts;
		if (more > 2 * v->fl->lines)
			more = 2 * v->fl->lines;
		v->rows += more;
	}
}

/* Rows each field needs (a message goes beside it, or below when there is
 * no room, on as many lines as it takes), then a scroll that keeps the
 * focus in view. first: the first row a field may take (below the form's
 * own message). */
static void place_fields(fstate *s, int rows, int cols, int x, int first)
{
	int avail = cols - x - 1;
	int y0 = first, focus_y = 0, focus_h = 1;
	grow_texts(s, rows, cols, x, first);
	for (size_t i = 0; i < s->f.n; i++) {
		fe_value *v = &s->f.v[i];
		if (!v->visible)
			continue;
		int w = field_cols(v, avail);
		v->h = field_height(v);
		if (v->msg && !msg_beside(v, x, w, cols)) {
			size_t n;
			lay_lines_free(msg_below(v, x, cols, &n), n);
			v->h += (int)n;
		}
		v->y = y0;
		if (i == s->focus) {
			focus_y = y0;
			focus_h = v->h;
		}
		y0 += v->h;
	}
	if (focus_y - s->scroll < first)
		s->scroll = focus_y - first;
	if (focus_y + focus_h - s->scroll > rows)
		s->scroll = focus_y + focus_h - rows;
	if (s->scroll < 0)
		s->scroll = 0;
}

static void draw_value(fstate *s, fe_value *v, int y, int x, int w, bool focus)
{
	ui_style st = v->masked ? UI_MASK
		      : (v->locked || v->fl->readonly) ? UI_DIM
		      : focus ? UI_FIELD_FOCUS : UI_FIELD;
	int cy = -1, cx = -1;
	switch (v->fl->type) {
	case FORM_MULTILINE:
		ui_draw_edit_box(y, x, field_height(v), w, &v->ed, st, &cy, &cx);
		break;
	case FORM_MULTI:
		draw_multi(v, y, x, w, focus);
		break;
	case FORM_CHOICE: {
		char buf[160];
		snprintf(buf, sizeof buf, "%s ▾", v->val ? v->val : "");
		ui_text(y, x, w, buf, st);
		break;
	}
	case FORM_PAIRING: {
		char *t = edit_get(&v->ed);
		ui_text(y, x, w, t, st);
		free(t);
		break;
	}
	default:
		ui_draw_edit(y, x, w, &v->ed, st, &cy, &cx);
		break;
	}
	if (focus && fe_is_edit(v->fl->type) && fe_focusable(v) && cy >= 0) {
		s->cy = cy;
		s->cx = cx;
		s->show_cursor = true;
	}
}

static void draw_field(fstate *s, fe_value *v, int y, int lw, int cols, bool focus)
{
	int x = lw + 1, avail = cols - x - 1;
	int w = field_cols(v, avail);
	char label[160];
	snprintf(label, sizeof label, "%s%s", form_label(v->fl), v->fl->required ? "*" : "");
	/* The focused field is marked the same way whatever its kind (a
	 * choice or a reference shows no cursor): ">" before its label, the
	 * label in the selection's colours. */
	if (focus)
		ui_text(y, 0, 1, ">", UI_SELECTED);
	ui_text(y, 1, lw - 1, label, focus ? UI_SELECTED : UI_NORMAL);
	draw_value(s, v, y, x, w, focus);
	if (!v->msg)
		return;
	if (msg_beside(v, x, w, cols)) {
		ui_text(y, x + w + 2, cols - (x + w + 2) - 1, v->msg, UI_ERROR);
		return;
	}
	size_t n;
	char **l = msg_below(v, x, cols, &n);
	for (size_t i = 0; i < n && y + field_height(v) + (int)i < s->bottom; i++)
		ui_text(y + field_height(v) + (int)i, x, cols - x - 1, l[i], UI_ERROR);
	lay_lines_free(l, n);
}

static void f_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	fstate *s = sc->state;
	(void)u;
	int lw = label_cols(s, cols);
	s->show_cursor = false;
	s->bottom = top + rows;
	for (int r = 0; r < rows; r++)
		ui_fill(top + r, 0, cols, UI_NORMAL);
	size_t nt;
	char **tl = top_lines(s, cols, &nt);
	for (size_t i = 0; i < nt && (int)i < rows; i++)
		ui_text(top + (int)i, 1, cols - 2, tl[i], UI_ERROR);
	lay_lines_free(tl, nt);
	int first = nt > 1 ? (int)nt : 1;
	place_fields(s, rows, cols, lw + 1, first);
	for (size_t i = 0; i < s->f.n; i++) {
		fe_value *v = &s->f.v[i];
		if (!v->visible)
			continue;
		int y = top + v->y - s->scroll;
		v->y = y;
		if (y < top + first || y + field_height(v) > top + rows) {
			v->y = -100;
			continue;
		}
		draw_field(s, v, y, lw, cols, i == s->focus);
	}
}

static bool f_cursor(screen *sc, int *y, int *x)
{
	fstate *s = sc->state;
	if (!s->show_cursor)
		return false;
	*y = s->cy;
	*x = s->cx;
	return true;
}

static bool f_unsaved(screen *sc)
{
	return ((fstate *)sc->state)->dirty;
}

static void f_destroy(screen *sc)
{
	fstate *s = sc->state;
	fe_free(&s->f);
	free(s);
	free(sc);
}

/* ---- moving and saving -------------------------------------------------- */

static void check(fstate *s)
{
	fe_check(&s->f, false);
}

/* Leaving a field (or changing a choice): resolve a typed student, then
 * check the rules. */
static void field_done(fstate *s, fe_value *v)
{
	if (v->fl->type == FORM_STUDENT && !v->has_ref && !fe_empty(v) && fe_focusable(v)) {
		if (form_pick(s->u, &s->f, v))
			s->dirty = true;
	}
	v->touched = true;
	check(s);
}

static void move_focus(fstate *s, int dir)
{
	size_t n = s->f.n;
	if (!n)
		return;
	field_done(s, &s->f.v[s->focus]);
	size_t i = s->focus;
	for (size_t k = 0; k < n; k++) {
		i = (i + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
		if (fe_focusable(&s->f.v[i]))
			break;
	}
	if (fe_focusable(&s->f.v[i]))
		s->focus = i;
}

static int show_conflict(fstate *s, fe_conflict *c);

static int save(fstate *s)
{
	fe_conflict c;
	switch (fe_save(&s->f, &c)) {
	case FE_CONFLICT: {
		int res = show_conflict(s, &c);
		fe_conflict_free(&s->f, &c);
		return res;
	}
	case FE_INVALID:
		ui_status_error(s->u, "%s", _("Not saved: see the messages beside the fields."));
		return SCREEN_STAY;
	case FE_SAVED:
		break;
	}
	s->dirty = false;
	ui_status(s->u, "%s", _("Saved."));
	return SCREEN_CLOSE;
}

static int show_conflict(fstate *s, fe_conflict *c)
{
	bool deleted = false;
	char *text = fe_conflict_text(&s->f, c);
	ui_message(s->u, _("Someone else changed this record meanwhile"), text);
	free(text);
	for (size_t i = 0; i < s->f.nslots; i++)
		deleted |= c->slot[i] && !c->theirs[i];
	const char *items[] = { N_("Keep mine (save over their change)"),
				N_("Take theirs (my changes are dropped)"), N_("Go back to the form") };
	const char *tr[3] = { _(items[0]), _(items[1]), _(items[2]) };
	int k = deleted ? 2 : ui_choose(s->u, _("Which version?"), tr, 3);
	if (k != 0 && k != 1)
		return SCREEN_STAY;
	fe_take_theirs(&s->f, c);
	if (k == 0)
		return save(s);
	err e = { 0 };
	if (fe_reload(&s->f, &e))
		ui_status_error(s->u, "%s", e.msg);
	s->dirty = false;
	check(s);
	ui_status(s->u, "%s", _("Their version is shown."));
	return SCREEN_STAY;
}

/* ---- keys ----------------------------------------------------------------- */

static bool choose_value(fstate *s, fe_value *v)
{
	const char *const *c = v->fl->choices;
	size_t n = 0;
	while (c[n])
		n++;
	const char **items = xcalloc(n + 1, sizeof *items);
	size_t off = 0;
	if (!v->fl->required)
		items[off++] = _("(none)");
	for (size_t i = 0; i < n; i++)
		items[off + i] = c[i];
	int k = ui_choose(s->u, form_label(v->fl), items, n + off);
	free(items);
	if (k < 0)
		return false;
	fe_set_choice(v, (size_t)k < off ? NULL : c[(size_t)k - off]);
	return true;
}

/* The action of a key on field v. The front end leaves printable keys to
 * the focused field (f_typing); on a field that takes no text, such a key
 * is looked up among the field actions of the keymap (Space: toggle). */
static action_t field_action(fstate *s, const fe_value *v, const ui_event *ev)
{
	if (ev->action != ACT_NONE || ev->is_code || fe_is_edit(v->fl->type))
		return ev->action;
	keyspec k = { false, ev->ch, ev->meta };
	action_t a = ACT_NONE;
	if (keymap_lookup(ui_keymap(s->u), &k, 1, field_acts, NULL, &a) != KM_MATCH)
		return ACT_NONE;
	return a == ACT_TOGGLE || a == ACT_OPEN ? a : ACT_NONE;
}

/* Space toggles only on a field that takes no text: the bar says so. */
static bool f_bar_idle(screen *sc, action_t a)
{
	fstate *s = sc->state;
	return a == ACT_TOGGLE && s->f.n && fe_is_edit(s->f.v[s->focus].fl->type);
}

/* A reference typed into its field: Enter searches; the focus moves on
 * only once one is chosen (else pick's word, "no student matches ...",
 * stays). On a chosen college, counsellor or semester Enter offers the
 * whole list again. */
static void ref_enter(fstate *s, fe_value *v)
{
	bool again = v->has_ref && v->fl->type != FORM_STUDENT;
	if (!v->has_ref || again) {
		bool changed = form_pick(s->u, &s->f, v);
		if (changed)
			s->dirty = true;
		v->touched = true;
		if (!v->has_ref || (again && !changed))
			return;
		check(s);
	}
	move_focus(s, 1);
}

/* Keys on a field edited as text. */
static int field_edit_key(fstate *s, fe_value *v, action_t a, const ui_event *ev)
{
	bool multiline = v->fl->type == FORM_MULTILINE;
	bool search = fe_is_search(v->fl->type);
	bool chosen = search && (v->has_ref || v->new_code);
	if (!multiline && a == ACT_OPEN) {
		if (search)
			ref_enter(s, v);
		else
			move_focus(s, 1);
		return SCREEN_STAY;
	}
	if (chosen && a == ACT_CLEAR_FIELD && !v->fl->required) {
		fe_clear_ref(v);
		s->dirty = true;
		return SCREEN_STAY;
	}
	if (!multiline && (a == ACT_UP || a == ACT_DOWN)) {
		move_focus(s, a == ACT_UP ? -1 : 1);
		return SCREEN_STAY;
	}
	/* Typing over a chosen reference starts a new search. */
	if (chosen && !ev->is_code && ev->ch >= ' ' && ev->ch != 127)
		edit_clear(&v->ed);
	size_t was = v->ed.cur;
	bool used = ui_edit_key(&v->ed, ev);
	/* Up on a text's first line, Down on its last, leave it as they
	 * leave any other field. */
	if (multiline && (a == ACT_UP || a == ACT_DOWN) && v->ed.cur == was) {
		move_focus(s, a == ACT_UP ? -1 : 1);
		return SCREEN_STAY;
	}
	if (used && v->ed.changed) {
		v->ed.changed = false;
		s->dirty = true;
		if (chosen) {           /* typing again: a new search */
			char *t = edit_get(&v->ed);
			fe_clear_ref(v);
			edit_set(&v->ed, t);
			free(t);
		}
		/* A field with a message is checked again as it is corrected:
		 * the message goes once the text is right (a field without
		 * one is checked when the user leaves it). */
		if (v->msg && v->fl->type != FORM_STUDENT)
			check(s);
	}
	return SCREEN_STAY;
}

/* Keys on a field that takes no text; true if its value changed. */
static bool choice_key(fstate *s, fe_value *v, action_t a)
{
	bool pick = a == ACT_TOGGLE || a == ACT_OPEN;
	int n = 0;
	switch (v->fl->type) {
	case FORM_MULTI:
		while (v->fl->choices[n])
			n++;
		if (a == ACT_LEFT && v->item > 0)
			v->item--;
		else if (a == ACT_RIGHT && v->item + 1 < n)
			v->item++;
		else if (pick)
			v->bits ^= 1u << v->item;
		return pick;
	case FORM_CHOICE:
		if (a == ACT_LEFT || a == ACT_RIGHT)
			fe_cycle(v, a == ACT_LEFT ? -1 : 1);
		else if (pick)
			return choose_value(s, v);
		else if (a == ACT_CLEAR_FIELD && !v->fl->required && v->val)
			fe_set_choice(v, NULL);
		else
			return false;
		return true;
	default:
		return false;
	}
}

static void on_mouse(fstate *s, const ui_event *ev)
{
	if (ev->button != 1)
		return;
	for (size_t i = 0; i < s->f.n; i++) {
		fe_value *v = &s->f.v[i];
		if (fe_focusable(v) && ev->y >= v->y && ev->y < v->y + v->h && i != s->focus) {
			field_done(s, &s->f.v[s->focus]);
			s->focus = i;
		}
	}
}

/* Save, leave, and moving between fields: the same on every field. -1 if
 * a is none of them. */
static int form_key(fstate *s, action_t a)
{
	switch (a) {
	case ACT_SAVE:
		return save(s);
	case ACT_BACK:
		if (s->dirty && !ui_confirm(s->u, _("Discard the changes on this form?")))
			return SCREEN_STAY;
		s->dirty = false;
		return SCREEN_CLOSE;
	case ACT_NEXT_FIELD: case ACT_PREV_FIELD:
		move_focus(s, a == ACT_NEXT_FIELD ? 1 : -1);
		return SCREEN_STAY;
	default:
		return -1;
	}
}

static int f_handle(screen *sc, ui *u, const ui_event *ev)
{
	fstate *s = sc->state;
	(void)u;
	if (ev->type == EV_MOUSE)
		on_mouse(s, ev);
	if (ev->type != EV_KEY || s->focus >= s->f.n)
		return SCREEN_STAY;
	fe_value *v = &s->f.v[s->focus];
	action_t a = field_action(s, v, ev);
	int r = form_key(s, a);
	if (r >= 0)
		return r;
	if (fe_focusable(v) && fe_is_edit(v->fl->type))
		return field_edit_key(s, v, a, ev);
	if (a == ACT_UP || a == ACT_DOWN) {
		move_focus(s, a == ACT_UP ? -1 : 1);
		return SCREEN_STAY;
	}
	if (!fe_focusable(v) || !choice_key(s, v, a))
		return SCREEN_STAY;
	s->dirty = true;
	v->touched = true;
	check(s);
	/* Enter on a choice picks it and goes on, like in a text field. */
	if (a == ACT_OPEN && v->fl->type != FORM_MULTI)
		move_focus(s, 1);
	return SCREEN_STAY;
}

static const struct screen_ops form_ops = {
	.name = "form",
	.title = f_title,
	.bar = form_bar,
	.bar_idle = f_bar_idle,
	.typing = f_typing,
	.draw = f_draw,
	.cursor = f_cursor,
	.handle = f_handle,
	.unsaved = f_unsaved,
	.destroy = f_destroy,
	.extra = form_extra,
};

/* ---- opening -------------------------------------------------------------- */

/* The focus starts on the first field to fill in (a new record) or the
 * first one that can be changed. */
static size_t first_focus(const fe_form *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (fe_focusable(&f->v[i]) && (f->editing || fe_empty(&f->v[i])))
			return i;
	for (size_t i = 0; i < f->n; i++)
		if (fe_focusable(&f->v[i]))
			return i;
	return 0;
}

const char *ui_id_text(const rid *id, char buf[33])
{
	rid_hex(id, buf);
	return buf;
}

bool push_form(ui *u, const char *form, const rid *id, const char *preset, const char *value)
{
	errlist errs = { 0 };
	err e = { 0 };
	const char *presets[3] = { preset, value, NULL };
	char *path = xasprintf("%s/%s.form", ui_forms_dir(u), form);
	fstate *s = xcalloc(1, sizeof *s);
	s->u = u;
	int rc = fe_open(&s->f, ui_store(u), ui_role(u), path, id, preset ? presets : NULL, &errs,
			 &e);
	free(path);
	errlist_free(&errs);
	if (rc) {
		ui_message(u, s->f.loaded ? form_title(&s->f.def) : _("A form file is broken"), e.msg);
		fe_free(&s->f);
		free(s);
		return false;
	}
	s->focus = first_focus(&s->f);
	check(s);
	screen *sc = xmalloc(sizeof *sc);
	sc->ops = &form_ops;
	sc->state = s;
	ui_push(u, sc);
	return true;
}
