#include "config.h"
/* scr_review.c — the semester review, and ending a pairing from the lists.
 *
 * The review is shown at start-up when today is after the current
 * semester's end (model_semester_review_due), and from the reports page
 * ("Start a new semester"). It names the semester to start (the one after
 * the current, semester_next_code; its dates are editable, semester_defaults
 * or the stored ones filling them), lists every running pairing that
 * carries over into it (pairings_carried_into, with the dates typed) and
 * lets the user keep each (the default) or end it: Space marks a pairing to
 * end and asks how it ended (outcome_values), F7 gives one outcome to every
 * marked pairing. F2 starts the semester (semester_start) and ends the
 * marked pairings (pairing_end, on the day before the new semester starts,
 * never after today) in one model_write: all of it or nothing. The ending
 * form (e on an ended pairing) records the assessment and the figures
 * afterwards. */
#include <stdlib.h>
#include <string.h>

#include "ui/formeng.h"
#include "ui/layout.h"
#include "ui/list.h"
#include "ui/ui.h"
#include "util/i18n.h"
#include "util/text.h"

bool ui_end_pairing(ui *u, const rid *pairing_id)
{
	return push_form(u, "pairing_end", pairing_id, NULL, NULL);
}

/* ---- the review's state ----------------------------------------------------- */

enum { F_CODE, F_START, F_END, F_ROSTER, F_SUMMARY, F__N, FOCUS_LIST = F__N };

typedef struct carried {
	rid id;
	uint32_t rev;
	date_t start;
	const char *outcome;       /* outcome_values; NULL: kept */
	char member[96], target[96];
} carried;

typedef struct review {
	char current[SEMESTER_CODE_MAX];
	date_t current_end;        /* 0 when the current semester is not stored */
	edit f[F__N];
	int focus;
	bool exists;               /* the semester to start is stored already */
	carried *p;
	size_t n;
	list l;
	bool loaded;
	char code_loaded[SEMESTER_CODE_MAX];   /* the code the dates were filled for */
	date_t start_loaded;       /* the start the pairings were listed for */
	int cy, cx;                /* the focused field's cursor, -1: none */
} review;

enum { COL_DO, COL_MEMBER, COL_TARGET, COL_START, COL__N };
static const list_col review_cols[COL__N] = {
	{ N_("Next semester"), 16, 16, 0, false, false, 0 },
	{ N_("Member"), 8, 20, 1, false, false, 0 },
	{ N_("Assisted student"), 8, 20, 1, false, false, 0 },
	{ N_("Start"), 10, 10, 0, false, false, 0 },
};

static const char *const field_label[F__N] = {
	N_("New semester"), N_("Start"), N_("End"), N_("Name list due"), N_("Summary due"),
};

static date_t field_date(const review *r, int i)
{
	char *s = edit_get(&r->f[i]);
	char *c = text_clean(s);
	date_t d = 0;
	if (*c && !date_parse(c, &d))
		d = 0;
	free(s);
	free(c);
	return d;
}

static char *field_text(const review *r, int i)
{
	char *s = edit_get(&r->f[i]);
	char *c = text_clean(s);
	free(s);
	return c;
}

/* The semester as typed: the code's defaults where a date is empty or
 * unreadable. */
static void typed_semester(const review *r, semester *s)
{
	char *code = field_text(r, F_CODE);
	semester_defaults(code, s);
	date_t d;
	if ((d = field_date(r, F_START)))
		s->start = d;
	if ((d = field_date(r, F_END)))
		s->end = d;
	if ((d = field_date(r, F_ROSTER)))
		s->roster_due = d;
	if ((d = field_date(r, F_SUMMARY)))
		s->summary_due = d;
	free(code);
}

/* The day a marked pairing ends (the model's semester_leave_day, for the
 * dates as typed). */
static date_t end_day(const review *r, const carried *c)
{
	semester s;
	typed_semester(r, &s);
	return semester_leave_day(&s, c->start, date_today());
}

/* ---- loading ------------------------------------------------------------------ */

static void set_date(edit *e, date_t d)
{
	char buf[11];
	date_format(d, buf);
	edit_set(e, buf);
}

struct rload {
	review *r;
	semester sem;              /* the dates the pairings are listed for */
	bool fill;                 /* fill the dates for the code */
};

static int take_carried(const pairing *p, void *ctx)
{
	struct rload *ld = ctx;
	review *r = ld->r;
	r->p = xrealloc(r->p, (r->n + 1) * sizeof *r->p);
	carried *c = &r->p[r->n++];
	memset(c, 0, sizeof *c);
	c->id = p->m.id;
	c->rev = p->m.rev;
	c->start = p->start;
	return 0;
}

static int load_txn(model_txn *t, void *ctx, err *e)
{
	struct rload *ld = ctx;
	review *r = ld->r;
	free(r->p);
	r->p = NULL;
	r->n = 0;
	semester cur, next;
	int rc = semester_by_code(t, r->current, &cur, e);
	if (rc && rc != E_NOTFOUND)
		return rc;
	r->current_end = rc == 0 ? cur.end : 0;
	if (rc == 0)
		rec_free(&semester_desc, &cur);
	char *code = field_text(r, F_CODE);
	rc = semester_by_code(t, code, &next, e);
	free(code);
	if (rc && rc != E_NOTFOUND)
		return rc;
	r->exists = rc == 0;
	if (ld->fill && r->exists) {
		set_date(&r->f[F_START], next.start);
		set_date(&r->f[F_END], next.end);
		set_date(&r->f[F_ROSTER], next.roster_due);
		set_date(&r->f[F_SUMMARY], next.summary_due);
	}
	if (r->exists)
		rec_free(&semester_desc, &next);
	typed_semester(r, &ld->sem);
	if (!ld->sem.start)
		return 0;
	rc = pairings_carried_into(t, &ld->sem, NULL, take_carried, ld, e);
	for (size_t i = 0; !rc && i < r->n; i++) {
		pairing p;
		if (pairing_get(t, &r->p[i].id, &p, e) != 0)
			continue;
		fe_ref_label(t, FORM_STUDENT, &p.member_id, r->p[i].member, sizeof r->p[i].member);
		fe_ref_label(t, FORM_STUDENT, &p.target_id, r->p[i].target, sizeof r->p[i].target);
		rec_free(&pairing_desc, &p);
	}
	err_clear(e);
	return rc;
}

/* The list's rows from the decisions (no read). */
static void fill_list(review *r)
{
	list_begin(&r->l);
	for (size_t i = 0; i < r->n; i++) {
		const carried *c = &r->p[i];
		char start[11], what[64];
		date_format(c->start, start);
		if (c->outcome)
			snprintf(what, sizeof what, _("end: %s"), c->outcome);
		else
			snprintf(what, sizeof what, "%s", _("keep"));
		const char *cells[COL__N] = { what, c->member, c->target, start };
		list_add(&r->l, &c->id, &c->id, c->outcome ? LIST_ROW_DIM : 0, cells);
	}
	list_end(&r->l);
}

static void load(review *r, ui *u)
{
	char *code = field_text(r, F_CODE);
	struct rload ld = { .r = r, .fill = strcmp(code, r->code_loaded) != 0 };
	if (ld.fill) {
		semester d;
		semester_defaults(code, &d);
		set_date(&r->f[F_START], d.start);
		set_date(&r->f[F_END], d.end);
		set_date(&r->f[F_ROSTER], d.roster_due);
		set_date(&r->f[F_SUMMARY], d.summary_due);
	}
	/* decisions already made survive a reload */
	carried *was = r->p;
	size_t nwas = r->n;
	r->p = NULL;
	r->n = 0;
	err e = { 0 };
	if (model_read(ui_store(u), load_txn, &ld, &e) != 0)
		ui_status_error(u, "%s", e.msg);
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; j < nwas; j++)
			if (rid_cmp(&r->p[i].id, &was[j].id) == 0)
				r->p[i].outcome = was[j].outcome;
	free(was);
	snprintf(r->code_loaded, sizeof r->code_loaded, "%s", code);
	r->start_loaded = field_date(r, F_START);
	free(code);
	fill_list(r);
	r->loaded = true;
}

/* ---- drawing ------------------------------------------------------------------- */

static void draw_field(review *r, int i, int y, int x, int w, int *cy, int *cx)
{
	const char *label = _(field_label[i]);
	int lw = lay_width(label) + 1;
	ui_text(y, x, lw, label, UI_NORMAL);
	ui_draw_edit(y, x + lw, w, &r->f[i], r->focus == i ? UI_FIELD_FOCUS : UI_FIELD,
		     r->focus == i ? cy : NULL, r->focus == i ? cx : NULL);
}

static void review_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	review *r = sc->state;
	if (!r->loaded)
		load(r, u);
	for (int i = 0; i < rows; i++)
		ui_fill(top + i, 0, cols, UI_NORMAL);
	char line[512], ds[11];
	int y = top;
	date_format(r->current_end, ds);
	if (r->current_end && r->current_end < date_today())
		snprintf(line, sizeof line, _("The semester %s ended on %s: start the next one."),
			 r->current, ds);
	else
		snprintf(line, sizeof line, _("The current semester is %s."), r->current);
	ui_text(y++, 1, cols - 2, line, UI_TITLE);
	r->cy = r->cx = -1;
	draw_field(r, F_CODE, y, 1, 13, &r->cy, &r->cx);
	draw_field(r, F_START, y, 30, 11, &r->cy, &r->cx);
	draw_field(r, F_END, y++, 56, 11, &r->cy, &r->cx);
	draw_field(r, F_ROSTER, y, 1, 11, &r->cy, &r->cx);
	draw_field(r, F_SUMMARY, y++, 30, 11, &r->cy, &r->cx);
	size_t ending = 0;
	for (size_t i = 0; i < r->n; i++)
		ending += r->p[i].outcome != NULL;
	y++;
	snprintf(line, sizeof line, _("Running pairings that carry over: %zu (kept: %zu, to end: %zu)"),
		 r->n, r->n - ending, ending);
	ui_text(y++, 1, cols - 2, line, UI_TITLE);
	if (r->n) {
		date_format(r->n ? end_day(r, &r->p[0]) : 0, ds);
		char kt[48], ka[48];
		keymap_first_key(ui_keymap(u), ACT_TOGGLE, kt, sizeof kt);
		keymap_first_key(ui_keymap(u), ACT_END_ALL, ka, sizeof ka);
		snprintf(line, sizeof line,
			 _("%s: keep or end the selected one   %s: one outcome for all marked   ending on %s"),
			 kt, ka, ds);
		ui_text(y++, 1, cols - 2, line, UI_DIM);
	}
	if (top + rows - y >= 3)
		list_draw(&r->l, y, top + rows - y, cols);
}

static bool review_cursor(screen *sc, int *y, int *x)
{
	review *r = sc->state;
	if (r->focus == FOCUS_LIST || r->cy < 0)
		return false;
	*y = r->cy;
	*x = r->cx;
	return true;
}

static bool review_typing(screen *sc)
{
	review *r = sc->state;
	return r->focus != FOCUS_LIST;
}

static const char *review_title(screen *sc)
{
	(void)sc;
	return _("Start a new semester");
}

/* ---- deciding ------------------------------------------------------------------- */

static carried *selected(review *r)
{
	const list_row *row = list_selected(&r->l);
	for (size_t i = 0; row && i < r->n; i++)
		if (rid_cmp(&r->p[i].id, &row->id) == 0)
			return &r->p[i];
	return NULL;
}

static const char *choose_outcome(ui *u, const char *title)
{
	size_t n = 0;
	while (outcome_values[n])
		n++;
	int k = ui_choose(u, title, outcome_values, n);
	return k >= 0 ? outcome_values[k] : NULL;
}

static void toggle(review *r, ui *u)
{
	carried *c = selected(r);
	if (!c)
		return;
	if (c->outcome)
		c->outcome = NULL;
	else
		c->outcome = choose_outcome(u, _("How did this pairing end?"));
	fill_list(r);
}

static void outcome_all(review *r, ui *u)
{
	size_t marked = 0;
	for (size_t i = 0; i < r->n; i++)
		marked += r->p[i].outcome != NULL;
	if (!marked) {
		ui_status_error(u, "%s", _("No pairing is marked to end: mark them with Space first."));
		return;
	}
	const char *o = choose_outcome(u, _("One outcome for every pairing marked to end"));
	for (size_t i = 0; o && i < r->n; i++)
		if (r->p[i].outcome)
			r->p[i].outcome = o;
	fill_list(r);
}

/* ---- starting the semester -------------------------------------------------------- */

struct start_job {
	review *r;
	semester dates;
	char *code;
	size_t ended;
};

static int start_txn(model_txn *t, void *ctx, err *e)
{
	struct start_job *j = ctx;
	review *r = j->r;
	j->ended = 0;
	int rc = semester_start(t, j->code, &j->dates, NULL, e);
	for (size_t i = 0; !rc && i < r->n; i++) {
		const carried *c = &r->p[i];
		if (!c->outcome)
			continue;
		pairing_ending x = { .date = end_day(r, c), .outcome = c->outcome };
		rc = pairing_end(t, &c->id, c->rev, &x, NULL, e);
		if (rc == 0) {
			j->ended++;
		} else if (rc == E_INPUT || rc == E_DB) {
			char msg[sizeof e->msg];
			snprintf(msg, sizeof msg, "%s", e->msg);
			err_set(e, rc, "%s → %s: %s", c->member, c->target, msg);
		}
	}
	return rc;
}

static int start(review *r, ui *u)
{
	struct start_job j = { .r = r };
	j.code = field_text(r, F_CODE);
	typed_semester(r, &j.dates);
	for (int i = F_START; i <= F_SUMMARY; i++) {
		char *s = field_text(r, i);
		date_t d;
		if (*s && !date_parse(s, &d)) {
			ui_status_error(u, _("%s: not a date (YYYY-MM-DD)"), _(field_label[i]));
			r->focus = i;
			free(s);
			free(j.code);
			return SCREEN_STAY;
		}
		free(s);
	}
	size_t ending = 0;
	for (size_t i = 0; i < r->n; i++)
		ending += r->p[i].outcome != NULL;
	char *q = xasprintf(_("Start the semester %s, keep %zu pairings and end %zu?"), j.code,
			    r->n - ending, ending);
	bool yes = ui_confirm(u, q);
	free(q);
	if (!yes) {
		free(j.code);
		return SCREEN_STAY;
	}
	err e = { 0 };
	int rc = model_write(ui_store(u), start_txn, &j, &e);
	if (rc) {
		ui_status_error(u, "%s", e.msg);
		r->loaded = false;     /* someone else's change: list again */
		free(j.code);
		return SCREEN_STAY;
	}
	ui_status(u, _("The semester %s is current: %zu pairings kept, %zu ended."), j.code,
		  r->n - j.ended, j.ended);
	free(j.code);
	return SCREEN_CLOSE;
}

/* ---- keys -------------------------------------------------------------------------- */

/* Leaving a field: a new code fills its dates, a new start lists again. */
static void field_left(review *r, ui *u)
{
	char *code = field_text(r, F_CODE);
	bool again = strcmp(code, r->code_loaded) != 0 || field_date(r, F_START) != r->start_loaded;
	free(code);
	if (again)
		load(r, u);
}

static void move_focus(review *r, ui *u, int dir)
{
	field_left(r, u);
	r->focus = (r->focus + dir + F__N + 1) % (F__N + 1);
}

static int review_handle(screen *sc, ui *u, const ui_event *ev)
{
	review *r = sc->state;
	if (ev->type == EV_MOUSE) {
		if (r->focus == FOCUS_LIST || ev->y >= r->l.y_head) {
			r->focus = FOCUS_LIST;
			list_handle(&r->l, ev);
		}
		return SCREEN_STAY;
	}
	if (ev->type != EV_KEY)
		return SCREEN_PASS;
	switch (ev->action) {
	case ACT_SAVE:
		field_left(r, u);
		return start(r, u);
	case ACT_NEXT_FIELD:
		move_focus(r, u, 1);
		return SCREEN_STAY;
	case ACT_PREV_FIELD:
		move_focus(r, u, -1);
		return SCREEN_STAY;
	case ACT_END_ALL:
		outcome_all(r, u);
		return SCREEN_STAY;
	case ACT_BACK: case ACT_QUIT: case ACT_HELP:
		return SCREEN_PASS;
	default:
		break;
	}
	if (r->focus != FOCUS_LIST) {
		if (ev->action == ACT_OPEN || ev->action == ACT_DOWN) {
			move_focus(r, u, 1);
			return SCREEN_STAY;
		}
		if (ev->action == ACT_UP) {
			move_focus(r, u, -1);
			return SCREEN_STAY;
		}
		ui_edit_key(&r->f[r->focus], ev);
		return SCREEN_STAY;
	}
	if (ev->action == ACT_TOGGLE || ev->action == ACT_OPEN) {
		toggle(r, u);
		return SCREEN_STAY;
	}
	if (ev->action == ACT_UP && r->l.sel == 0) {
		r->focus = F_SUMMARY;
		return SCREEN_STAY;
	}
	if (list_handle(&r->l, ev))
		return SCREEN_STAY;
	return SCREEN_PASS;
}

static bool review_unsaved(screen *sc)
{
	review *r = sc->state;
	for (size_t i = 0; i < r->n; i++)
		if (r->p[i].outcome)
			return true;
	return false;
}

static void review_destroy(screen *sc)
{
	review *r = sc->state;
	for (int i = 0; i < F__N; i++)
		edit_free(&r->f[i]);
	free(r->p);
	list_free(&r->l);
	free(r);
	free(sc);
}

static const action_t review_bar[] = {
	ACT_HELP, ACT_SAVE, ACT_NEXT_FIELD, ACT_TOGGLE, ACT_END_ALL, ACT_BACK, ACT_QUIT, ACT_NONE,
};
static const action_t review_extra[] = {
	ACT_PREV_FIELD, ACT_OPEN, ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END,
	ACT_NONE,
};

static const struct screen_ops review_ops = {
	.name = "review",
	.title = review_title,
	.bar = review_bar,
	.typing = review_typing,
	.draw = review_draw,
	.cursor = review_cursor,
	.handle = review_handle,
	.unsaved = review_unsaved,
	.destroy = review_destroy,
	.extra = review_extra,
};

static screen *review_new(ui *u, const char *next)
{
	review *r = xcalloc(1, sizeof *r);
	ui_semester_current(u, r->current);
	for (int i = 0; i < F__N; i++)
		edit_init(&r->f[i], i == F_CODE ? SEMESTER_CODE_MAX - 1 : 10, false);
	char code[SEMESTER_CODE_MAX];
	if (next)
		snprintf(code, sizeof code, "%s", next);
	else
		semester_next_code(r->current, code, sizeof code);
	edit_set(&r->f[F_CODE], code);
	r->focus = FOCUS_LIST;
	list_init(&r->l, review_cols, COL__N, -1, false);
	r->l.fixed = true;
	screen *sc = xcalloc(1, sizeof *sc);
	sc->ops = &review_ops;
	sc->state = r;
	return sc;
}

screen *scr_review(ui *u)
{
	return review_new(u, NULL);
}

struct due_q {
	bool due;
	char next[SEMESTER_CODE_MAX];
};

static int due_txn(model_txn *t, void *ctx, err *e)
{
	struct due_q *q = ctx;
	return model_semester_review_due(t, date_today(), &q->due, q->next, sizeof q->next, e);
}

screen *scr_review_if_due(ui *u)
{
	struct due_q q = { 0 };
	err e = { 0 };
	if (model_read(ui_store(u), due_txn, &q, &e) != 0 || !q.due)
		return NULL;
	return review_new(u, q.next);
}
