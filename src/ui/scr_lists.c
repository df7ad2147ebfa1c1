#include "config.h"
/* scr_lists.c — the list screens: assisted students, party members,
 * pairings, talks, counsellors and every student (the roster).
 *
 * Each list keeps its rows and its state (selection, sort, filter) in static
 * storage for the whole run, so coming back to a list finds it as it was;
 * the rows are reloaded in one short read transaction only when the
 * database changed (list_stale). The rows are the model's (model_*_rows:
 * cells as text, names resolved, masked for the role, flags from the
 * pairing's status); this file only gives them titles, widths and keys.
 * F4 edits and F8 deletes the selected record in every list (correct.c:
 * the question names the record, a refusal says why, undo follows); the
 * pairings list shows one semester's pairings in one state at a time.
 * The talks list never loads all talks: it shows one page read from the
 * date index, newest first, and its filter line (the list's, naming a
 * student) reads that student's talks only. */
#include "ui/list.h"

#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "util/i18n.h"

/* ---- loading: the model's rows, copied into the list -------------------- */

typedef int (*row_builder)(model_txn *t, const row_query *q, model_row_fn fn, void *ctx,
			   err *e);

struct load {
	list *l;
	row_query q;
	row_builder rows;
};

/* After an undo, the list selects the record it brought back. */
static void select_undone(ui *u, list *l)
{
	rid id;
	if (ui_undone(u, &id))
		list_select_id(l, &id);
}

static int load_txn(model_txn *t, void *ctx, err *e)
{
	struct load *ld = ctx;
	list_begin(ld->l);      /* safe to re-run: starts from nothing */
	return ld->rows(t, &ld->q, list_add_row, ld->l, e);
}

/* Loads l with the builder's rows in one read transaction; the list
 * filters them in memory as the user types. */
static void load_list(ui *u, list *l, row_builder rows)
{
	struct load ld = { .l = l, .q = { ui_role(u), date_today(), NULL }, .rows = rows };
	err e = { 0 };
	if (model_read(ui_store(u), load_txn, &ld, &e) != 0)
		ui_status_error(u, "%s", e.msg);
	list_end(l);
	select_undone(u, l);
}

/* ---- the list screens' common frame ------------------------------------ */

typedef struct lkind lkind;
typedef struct lscr {
	const lkind *k;
	list *l;
	ui *u;
} lscr;

struct lkind {
	const char *name;
	const char *title;                /* N_() */
	const list_col *cols;             /* titles and widths; the cells and
	                                     how the filter matches them are
	                                     the view's */
	const row_view *view;
	int sort_col;
	bool sort_desc;
	row_builder rows;
	/* the screen's own actions: SCREEN_*, or -1 when not its action */
	int (*act)(lscr *s, const list_row *r, action_t a);
	list *state;
	const struct screen_ops *ops;
	/* what F8 deletes: a record of this entity, the row's id (or, with
	 * del_ref, the student it is about) */
	const record_desc *del;
	bool del_ref;
	/* a line above the list (the pairings' filter), or NULL */
	void (*head)(lscr *s, int y, int cols);
};

/* Column tables: one entry per cell of the model's row (model.h, TROW_*
 * ...), in that order. */
static const list_col student_cols[TROW__N] = {
	{ N_("Number"), 10, 10, 0, false, false, 0 },
	{ N_("Name"), 6, 14, 1, false, false, 0 },
	{ N_("College"), 8, 20, 2, false, false, 0 },
	{ N_("Class"), 8, 10, 0, false, false, 0 },
	{ N_("Kinds"), 4, 10, 0, false, false, 0 },
	{ N_("Tier"), 4, 8, 0, false, false, 0 },
	{ N_("Paired with"), 6, 12, 1, false, false, 0 },
	{ N_("Last talk"), 10, 10, 0, false, false, 0 },
};

static const list_col member_cols[MROW__N] = {
	{ N_("Number"), 10, 10, 0, false, false, 0 },
	{ N_("Name"), 6, 14, 1, false, false, 0 },
	{ N_("College"), 8, 20, 2, false, false, 0 },
	{ N_("Class"), 8, 10, 0, false, false, 0 },
	{ N_("Status"), 4, 12, 0, false, false, 0 },
	{ N_("Branch"), 6, 16, 1, false, false, 0 },
	{ N_("Pairings"), 4, 8, 0, true, true, 0 },
};

static const list_col pairing_cols[PROW__N] = {
	{ N_("Member"), 6, 12, 1, false, false, 0 },
	{ N_("Assisted student"), 6, 12, 1, false, false, 0 },
	{ N_("College"), 6, 20, 2, false, false, 0 },
	{ N_("Semester"), 11, 11, 0, false, false, 0 },
	{ N_("Start"), 10, 10, 0, false, false, 0 },
	{ N_("Last talk"), 10, 10, 0, false, false, 0 },
	{ N_("State"), 6, 8, 0, false, false, 0 },
	{ N_("Overdue"), 4, 8, 0, true, true, 0 },
};

static const list_col roster_cols[SROW__N] = {
	{ N_("Number"), 10, 10, 0, false, false, 0 },
	{ N_("Name"), 8, 14, 1, false, false, 0 },
	{ N_("College"), 8, 20, 2, false, false, 0 },
	{ N_("Class"), 8, 10, 0, false, false, 0 },
	{ N_("Political status"), 8, 12, 0, false, false, 0 },
	{ N_("In the programme"), 8, 16, 1, false, false, 0 },
};

static const list_col counsellor_cols[CROW__N] = {
	{ N_("Staff number"), 8, 12, 0, false, false, 0 },
	{ N_("Name"), 8, 14, 1, false, false, 0 },
	{ N_("College"), 8, 24, 2, false, false, 0 },
	{ N_("Phone"), 8, 14, 0, false, false, 0 },
};

/* ---- opening forms --------------------------------------------------------- */

struct active_q {
	rid student;
	pairing p;
	int rc;
};

static int active_txn(model_txn *t, void *ctx, err *e)
{
	struct active_q *q = ctx;
	q->rc = pairing_active_of_target(t, &q->student, &q->p, e);
	return q->rc != 0 && q->rc != E_NOTFOUND ? q->rc : 0;
}

/* The active pairing of an assisted student: true with its id. */
static bool active_pairing(ui *u, const rid *student_id, rid *out)
{
	struct active_q q = { .student = *student_id };
	err e = { 0 };
	if (model_read(ui_store(u), active_txn, &q, &e) != 0 || q.rc != 0)
		return false;
	*out = q.p.m.id;
	rec_free(&pairing_desc, &q.p);
	return true;
}

/* F5 on an assisted student: the pairing's talk, or a counsellor's. */
static void log_talk_for(ui *u, const rid *student_id)
{
	rid pid;
	if (ui_role(u) == ROLE_COUNSELLOR)
		push_form(u, "talk", NULL, "target_id", UI_ID_TEXT(student_id));
	else if (active_pairing(u, student_id, &pid))
		push_form(u, "talk", NULL, "pairing_id", UI_ID_TEXT(&pid));
	else
		ui_status_error(u, "%s", _("This student has no active pairing: pair them first (F2 in the pairings list)."));
}

static void aid_for(ui *u, const rid *student_id)
{
	rid pid;
	if (active_pairing(u, student_id, &pid))
		push_form(u, "aid", NULL, "pairing_id", UI_ID_TEXT(&pid));
	else
		ui_status_error(u, "%s", _("Aid is given within a pairing: this student has no active pairing."));
}

/* Opens the record view of a student on top. */
static void open_record(ui *u, const rid *student_id)
{
	screen *sc = scr_record(u, student_id);
	if (sc)
		ui_push(u, sc);
}

static int students_act(lscr *s, const list_row *r, action_t a)
{
	switch (a) {
	case ACT_NEW:
		push_form(s->u, "student", NULL, NULL, NULL);
		return SCREEN_STAY;
	case ACT_OPEN:
		if (r)
			open_record(s->u, &r->ref);
		return SCREEN_STAY;
	case ACT_EDIT:
		if (r)
			push_form(s->u, "student", &r->ref, NULL, NULL);
		return SCREEN_STAY;
	case ACT_LOG_TALK:
		if (r)
			log_talk_for(s->u, &r->ref);
		return SCREEN_STAY;
	case ACT_AID:
		if (r)
			aid_for(s->u, &r->ref);
		return SCREEN_STAY;
	default:
		return -1;
	}
}

static int members_act(lscr *s, const list_row *r, action_t a)
{
	switch (a) {
	case ACT_NEW:
		push_form(s->u, "student", NULL, NULL, NULL);
		return SCREEN_STAY;
	case ACT_OPEN:
	case ACT_EDIT:
		if (r)
			push_form(s->u, "student", &r->ref, NULL, NULL);
		return SCREEN_STAY;
	default:
		return -1;
	}
}

/* ---- the pairings list's filter: a semester, a state ---------------------- */

/* Kept for the whole run, as the list is. */
static struct pairings_view {
	bool init;
	char semester[SEMESTER_CODE_MAX];   /* "" = every semester */
	pairing_filter f;
} pv;

static int current_txn(model_txn *t, void *ctx, err *e)
{
	return model_semester_current(t, ctx, SEMESTER_CODE_MAX, e);
}

/* The default: the current semester, every state. */
static void pairings_view_init(ui *u)
{
	err e = { 0 };
	if (pv.init)
		return;
	pv.init = true;
	if (model_read(ui_store(u), current_txn, pv.semester, &e) != 0)
		pv.semester[0] = 0;
	pv.f.semester = pv.semester;
	pv.f.state = PAIRINGS_ALL;
}

static int pairing_rows_in_view(model_txn *t, const row_query *q, model_row_fn fn, void *ctx,
				err *e)
{
	return model_pairing_rows_for(t, q, &pv.f, fn, ctx, e);
}

static const char *state_name(pairing_state_filter f)
{
	switch (f) {
	case PAIRINGS_RUNNING: return _("running");
	case PAIRINGS_ENDED: return _("ended");
	case PAIRINGS_ALL: default: return _("all");
	}
}

/* The line above the list: the filter in force and the keys that change it. */
static void pairings_head(lscr *s, int y, int cols)
{
	char ks[48], kt[48];
	keymap_first_key(ui_keymap(s->u), ACT_FILTER_SEMESTER, ks, sizeof ks);
	keymap_first_key(ui_keymap(s->u), ACT_FILTER_STATE, kt, sizeof kt);
	char *line = xasprintf(_("Semester: %s   State: %s   (%s: semester, %s: state)"),
			       pv.semester[0] ? pv.semester : _("every semester"),
			       state_name(pv.f.state), ks, kt);
	ui_text(y, 1, cols - 2, line, UI_TITLE);
	free(line);
}

struct sem_codes {
	char **code;
	size_t n;
};

static int sem_code(const void *rec, void *ctx)
{
	const semester *m = rec;
	struct sem_codes *c = ctx;
	c->code = xrealloc(c->code, (c->n + 1) * sizeof *c->code);
	c->code[c->n++] = xstrdup(m->code ? m->code : "");
	return 0;
}

static int sem_codes_txn(model_txn *t, void *ctx, err *e)
{
	struct sem_codes *c = ctx;
	for (size_t i = 0; i < c->n; i++)
		free(c->code[i]);
	c->n = 0;
	return model_each(t, &semester_desc, sem_code, c, e);
}

static int code_newest_first(const void *a, const void *b)
{
	return -strcmp(*(char *const *)a, *(char *const *)b);
}

/* Chooses the semester: every semester known, newest first, or all. */
static void choose_semester(lscr *s)
{
	struct sem_codes c = { 0 };
	err e = { 0 };
	if (model_read(ui_store(s->u), sem_codes_txn, &c, &e) != 0) {
		ui_status_error(s->u, "%s", e.msg);
	} else {
		qsort(c.code, c.n, sizeof *c.code, code_newest_first);
		const char **items = xcalloc(c.n + 1, sizeof *items);
		for (size_t i = 0; i < c.n; i++)
			items[i] = c.code[i];
		items[c.n] = _("every semester");
		int k = ui_choose(s->u, _("Pairings of the semester"), items, c.n + 1);
		if (k >= 0) {
			snprintf(pv.semester, sizeof pv.semester, "%s",
				 (size_t)k < c.n ? c.code[k] : "");
			s->l->loaded = false;
		}
		free(items);
	}
	for (size_t i = 0; i < c.n; i++)
		free(c.code[i]);
	free(c.code);
}

static int pairings_filter_act(lscr *s, action_t a)
{
	switch (a) {
	case ACT_FILTER_SEMESTER:
		choose_semester(s);
		return SCREEN_STAY;
	case ACT_FILTER_STATE:
		pv.f.state = pv.f.state == PAIRINGS_ALL ? PAIRINGS_RUNNING :
			pv.f.state == PAIRINGS_RUNNING ? PAIRINGS_ENDED : PAIRINGS_ALL;
		s->l->loaded = false;
		return SCREEN_STAY;
	default:
		return -1;
	}
}

static int pairings_act(lscr *s, const list_row *r, action_t a)
{
	switch (a) {
	case ACT_NEW:
		push_form(s->u, "pairing", NULL, NULL, NULL);
		return SCREEN_STAY;
	case ACT_EDIT:
		if (r)
			ui_edit_record(s->u, &pairing_desc, &r->id);
		return SCREEN_STAY;
	case ACT_OPEN:
		if (r)
			open_record(s->u, &r->ref);
		return SCREEN_STAY;
	case ACT_LOG_TALK:
		if (r)
			push_form(s->u, "talk", NULL, "pairing_id", UI_ID_TEXT(&r->id));
		return SCREEN_STAY;
	case ACT_AID:
		if (r)
			push_form(s->u, "aid", NULL, "pairing_id", UI_ID_TEXT(&r->id));
		return SCREEN_STAY;
	case ACT_END_PAIRING:
		if (r)
			ui_end_pairing(s->u, &r->id);
		return SCREEN_STAY;
	default:
		return pairings_filter_act(s, a);
	}
}

static int counsellors_act(lscr *s, const list_row *r, action_t a)
{
	switch (a) {
	case ACT_NEW:
		push_form(s->u, "counsellor", NULL, NULL, NULL);
		return SCREEN_STAY;
	case ACT_OPEN:
	case ACT_EDIT:
		if (r)
			ui_edit_record(s->u, &counsellor_desc, &r->id);
		return SCREEN_STAY;
	default:
		return -1;
	}
}

/* ---- the roster: every student ---------------------------------------------- */

struct profile_q {
	rid student;
	bool member, assisted;
};

static int profile_txn(model_txn *t, void *ctx, err *e)
{
	struct profile_q *q = ctx;
	student st;
	target g;
	int rc = student_get(t, &q->student, &st, e);
	if (rc)
		return rc;
	q->member = political_is_member(st.political);
	rec_free(&student_desc, &st);
	rc = target_of_student(t, &q->student, &g, e);
	if (rc == 0)
		rec_free(&target_desc, &g);
	q->assisted = rc == 0;
	return rc == E_NOTFOUND ? 0 : rc;
}

/* What the student is already: false (after saying why) if unknown. */
static bool profiles_of(ui *u, const rid *student_id, struct profile_q *q)
{
	err e = { 0 };
	q->student = *student_id;
	int rc = model_read(ui_store(u), profile_txn, q, &e);
	if (rc)
		ui_status_error(u, "%s", rc == E_NOTFOUND ? _("That record is no longer there.") : e.msg);
	return rc == 0;
}

/* A party member is one by political status: the student form, to change it. */
static void make_member(ui *u, const rid *student_id)
{
	struct profile_q q;
	if (!profiles_of(u, student_id, &q))
		return;
	if (q.member) {
		ui_status_error(u, "%s", _("This student is a party member already."));
		return;
	}
	if (push_form(u, "student", student_id, NULL, NULL))
		ui_status(u, "%s", _("Set the political status to 中共党员 or 中共预备党员, then save."));
}

/* An assisted student has a profile: a new one, or the student form with it. */
static void make_target(ui *u, const rid *student_id)
{
	struct profile_q q;
	if (!profiles_of(u, student_id, &q))
		return;
	if (q.assisted) {
		ui_status_error(u, "%s", _("This student is an assisted student already."));
		push_form(u, "student", student_id, NULL, NULL);
		return;
	}
	push_form(u, "target", NULL, "student_id", UI_ID_TEXT(student_id));
}

static int roster_act(lscr *s, const list_row *r, action_t a)
{
	switch (a) {
	case ACT_NEW:
		push_form(s->u, "student", NULL, NULL, NULL);
		return SCREEN_STAY;
	case ACT_OPEN:
		if (r)
			open_record(s->u, &r->id);
		return SCREEN_STAY;
	case ACT_EDIT:
		if (r)
			push_form(s->u, "student", &r->id, NULL, NULL);
		return SCREEN_STAY;
	case ACT_MAKE_MEMBER:
		if (r)
			make_member(s->u, &r->id);
		return SCREEN_STAY;
	case ACT_MAKE_TARGET:
		if (r)
			make_target(s->u, &r->id);
		return SCREEN_STAY;
	default:
		return -1;
	}
}

/* ---- the frame ------------------------------------------------------------- */

static const char *lscr_title(screen *sc)
{
	lscr *s = sc->state;
	return _(s->k->title);
}

static bool lscr_typing(screen *sc)
{
	lscr *s = sc->state;
	return list_typing(s->l);
}

static void lscr_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	lscr *s = sc->state;
	if (list_stale(s->l, u))
		load_list(u, s->l, s->k->rows);
	if (s->k->head && rows > 4) {
		s->k->head(s, top, cols);
		top++;
		rows--;
	}
	list_draw(s->l, top, rows, cols);
}

static bool lscr_cursor(screen *sc, int *y, int *x)
{
	lscr *s = sc->state;
	return list_cursor(s->l, y, x);
}

static int lscr_handle(screen *sc, ui *u, const ui_event *ev)
{
	lscr *s = sc->state;
	if (list_handle(s->l, ev))
		return SCREEN_STAY;
	if (ev->type != EV_KEY)
		return SCREEN_PASS;
	if (ev->action == ACT_REFRESH) {
		s->l->loaded = false;
		return SCREEN_PASS;
	}
	const list_row *r = list_selected(s->l);
	int rc = s->k->act(s, r, ev->action);
	if (rc >= 0)
		return rc;
	if (ev->action == ACT_DELETE && s->k->del) {
		if (r)
			ui_delete_record(u, s->k->del, s->k->del_ref ? &r->ref : &r->id);
		return SCREEN_STAY;
	}
	return SCREEN_PASS;
}

static bool lscr_unsaved(screen *sc)
{
	(void)sc;
	return false;
}

static void lscr_destroy(screen *sc)
{
	free(sc->state);        /* the list itself lives on */
	free(sc);
}

/* The key bars: what each list offers, the most used first (a bar too
 * narrow for all leaves out the last but quit). */
static const action_t students_bar[] = {
	ACT_HELP, ACT_NEW, ACT_SEARCH, ACT_EDIT, ACT_LOG_TALK, ACT_AID, ACT_DELETE, ACT_SORT,
	ACT_QUIT, ACT_NONE,
};
/* The pairings list at 80 columns: e (end the pairing) and the filters
 * take the room of search (F3 and / still filter, as F1 says; the filter
 * line is below the list), aid and sort. */
static const action_t pairings_bar[] = {
	ACT_HELP, ACT_NEW, ACT_EDIT, ACT_LOG_TALK, ACT_END_PAIRING, ACT_DELETE,
	ACT_FILTER_SEMESTER, ACT_FILTER_STATE, ACT_AID, ACT_SORT, ACT_SEARCH, ACT_QUIT, ACT_NONE,
};
static const action_t plain_bar[] = {
	ACT_HELP, ACT_NEW, ACT_SEARCH, ACT_EDIT, ACT_DELETE, ACT_SORT, ACT_QUIT, ACT_NONE,
};
static const action_t roster_bar[] = {
	ACT_HELP, ACT_NEW, ACT_SEARCH, ACT_EDIT, ACT_MAKE_MEMBER, ACT_MAKE_TARGET, ACT_DELETE,
	ACT_SORT, ACT_QUIT, ACT_NONE,
};
static const action_t list_extra[] = {
	ACT_OPEN, ACT_BACK, ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME,
	ACT_END, ACT_REFRESH, ACT_NONE,
};

#define LIST_OPS(nm, barv)                                                    \
	{ .name = nm, .title = lscr_title, .bar = barv, .typing = lscr_typing,   \
	  .draw = lscr_draw, .cursor = lscr_cursor, .handle = lscr_handle,       \
	  .unsaved = lscr_unsaved, .destroy = lscr_destroy, .extra = list_extra }

static const struct screen_ops students_ops = LIST_OPS("students", students_bar);
static const struct screen_ops members_ops = LIST_OPS("members", plain_bar);
static const struct screen_ops pairings_ops = LIST_OPS("pairings", pairings_bar);
static const struct screen_ops counsellors_ops = LIST_OPS("counsellors", plain_bar);
static const struct screen_ops roster_ops = LIST_OPS("roster", roster_bar);

static list students_list, members_list, pairings_list, counsellors_list, roster_list;

/* F8 deletes: an assisted student's profile (the student stays on the
 * roster), a party member's student (the member profile follows the
 * political status and is never deleted alone), a pairing, a counsellor,
 * a student. */
static const lkind kinds[] = {
	{ "students", N_("Assisted students"), student_cols, &target_rows_view, 0, false,
	  model_target_rows, students_act, &students_list, &students_ops, &target_desc, false,
	  NULL },
	{ "members", N_("Party members"), member_cols, &member_rows_view, 0, false,
	  model_member_rows, members_act, &members_list, &members_ops, &student_desc, true,
	  NULL },
	/* pairings: most overdue first */
	{ "pairings", N_("Pairings"), pairing_cols, &pairing_rows_view, PROW_OVERDUE, true,
	  pairing_rows_in_view, pairings_act, &pairings_list, &pairings_ops, &pairing_desc, false,
	  pairings_head },
	{ "counsellors", N_("Counsellors"), counsellor_cols, &counsellor_rows_view, 0, false,
	  model_counsellor_rows, counsellors_act, &counsellors_list, &counsellors_ops,
	  &counsellor_desc, false, NULL },
	{ "roster", N_("All students"), roster_cols, &student_rows_view, 0, false,
	  model_student_rows, roster_act, &roster_list, &roster_ops, &student_desc, false, NULL },
};

static screen *open_list(ui *u, const lkind *k)
{
	if (!k->state->cols) {
		list_init(k->state, k->cols, k->view->ncols, k->sort_col, k->sort_desc);
		list_set_view(k->state, k->view);
	}
	lscr *s = xcalloc(1, sizeof *s);
	s->k = k;
	s->l = k->state;
	s->u = u;
	screen *sc = xcalloc(1, sizeof *sc);
	sc->ops = k->ops;
	sc->state = s;
	return sc;
}

screen *scr_students(ui *u) { return open_list(u, &kinds[0]); }
screen *scr_members(ui *u) { return open_list(u, &kinds[1]); }
screen *scr_pairings(ui *u)
{
	pairings_view_init(u);
	return open_list(u, &kinds[2]);
}
screen *scr_counsellors(ui *u) { return open_list(u, &kinds[3]); }
screen *scr_roster(ui *u) { return open_list(u, &kinds[4]); }

/* ---- talks: a page at a time, newest first ------------------------------- */

static const list_col talk_cols[KROW__N] = {
	{ N_("Date"), 10, 10, 0, false, false, 0 },
	{ N_("By"), 6, 12, 1, false, false, 0 },
	{ N_("Assisted student"), 6, 12, 1, false, false, 0 },
	{ N_("Min"), 3, 4, 0, true, true, 0 },
	{ N_("Mode"), 4, 4, 0, false, false, 0 },
	{ N_("Topics"), 6, 14, 1, false, false, 0 },
	{ N_("Follow-up"), 10, 10, 0, false, false, 0 },
	{ N_("Content"), 10, 30, 4, false, false, 0 },
};

enum { TALK_PAGE_MAX = 200 };

/* The talks list's state, kept for the whole run. Its filter line is the
 * list's (outer_filter): the text names students, and the rows are then
 * their talks (model_talk_rows). */
static struct talks_state {
	list l;
	bool init;
	talk_pos top;          /* the first (newest) talk shown */
	bool have_top;         /* false: start at the newest */
	talk_pos pos[TALK_PAGE_MAX];
	size_t npos;
	size_t want_sel;       /* the selection to restore after a load */
	int page;              /* rows the last draw had room for */
	bool reload;
	uint64_t total;        /* talks in the database */
	char *filter;          /* the filter the rows were loaded for */
	size_t nstudents;      /* students the filter matched */
} ts;

struct talk_load {
	role_t role;
	size_t n;
	size_t nstudents;
};

static int talk_add_row(const model_row *r, void *ctx)
{
	struct talk_load *tl = ctx;
	list_add_row(r, &ts.l);
	if (tl->n < TALK_PAGE_MAX) {
		ts.pos[tl->n].date = r->date;
		ts.pos[tl->n].id = r->id;
	}
	tl->n++;
	return 0;
}

static int talks_txn(model_txn *t, void *ctx, err *e)
{
	struct talk_load *tl = ctx;
	tl->n = tl->nstudents = 0;
	list_begin(&ts.l);
	model_stats st;
	int rc = model_stats_get(t, &st, e);
	if (rc)
		return rc;
	ts.total = st.talks;
	size_t n = ts.page > 0 ? (size_t)ts.page : 1;
	if (n > TALK_PAGE_MAX)
		n = TALK_PAGE_MAX;
	row_query q = { tl->role, date_today(), ts.filter };
	return model_talk_rows(t, &q, ts.have_top ? &ts.top : NULL, n, &tl->nstudents,
			       talk_add_row, tl, e);
}

static void talks_load(ui *u)
{
	struct talk_load tl = { .role = ui_role(u) };
	err e = { 0 };
	if (model_read(ui_store(u), talks_txn, &tl, &e) != 0)
		ui_status_error(u, "%s", e.msg);
	ts.nstudents = tl.nstudents;
	ts.npos = tl.n < TALK_PAGE_MAX ? tl.n : TALK_PAGE_MAX;
	ts.l.have_sel_id = false;
	list_end(&ts.l);
	ts.l.sel = ts.want_sel < list_count(&ts.l) ? ts.want_sel :
		(list_count(&ts.l) ? list_count(&ts.l) - 1 : 0);
	select_undone(u, &ts.l);
	ts.reload = false;
}

/* Positions next to `from` (older or newer, `from` excluded), at most n. */
struct pos_walk {
	talk_pos p[TALK_PAGE_MAX];
	size_t n;
};

static int pos_take(const talk *k, void *ctx)
{
	struct pos_walk *w = ctx;
	if (w->n < TALK_PAGE_MAX) {
		w->p[w->n].date = k->date;
		w->p[w->n].id = k->m.id;
		w->n++;
	}
	return 0;
}

struct walk_q {
	const talk_pos *from;
	bool older;
	size_t n;
	struct pos_walk w;
};

static int walk_txn(model_txn *t, void *ctx, err *e)
{
	struct walk_q *q = ctx;
	q->w.n = 0;
	return model_talk_walk(t, q->from, q->older, false, q->n, pos_take, &q->w, e);
}

static size_t walk(ui *u, const talk_pos *from, bool older, size_t n, struct walk_q *q)
{
	err e = { 0 };
	q->from = from;
	q->older = older;
	q->n = n > TALK_PAGE_MAX ? TALK_PAGE_MAX : n;
	if (model_read(ui_store(u), walk_txn, q, &e) != 0)
		return 0;
	return q->w.n;
}

/* Moves through the pages of all talks. */
static void talks_move(ui *u, action_t a)
{
	list *l = &ts.l;
	size_t n = list_count(l), page = ts.page > 0 ? (size_t)ts.page : 1;
	struct walk_q q;
	switch (a) {
	case ACT_UP:
		if (l->sel > 0) {
			l->sel--;
		} else if (ts.npos && walk(u, &ts.pos[0], false, 1, &q)) {
			ts.top = q.w.p[0];
			ts.have_top = true;
			ts.want_sel = 0;
			ts.reload = true;
		}
		break;
	case ACT_DOWN:
		if (l->sel + 1 < n) {
			l->sel++;
		} else if (n >= page && ts.npos > 1 && walk(u, &ts.pos[ts.npos - 1], true, 1, &q)) {
			ts.top = ts.pos[1];
			ts.have_top = true;
			ts.want_sel = l->sel;
			ts.reload = true;
		}
		break;
	case ACT_PAGE_DOWN:
		if (ts.npos && walk(u, &ts.pos[ts.npos - 1], true, 1, &q)) {
			ts.top = q.w.p[0];
			ts.have_top = true;
			ts.want_sel = l->sel;
			ts.reload = true;
		} else if (n) {
			l->sel = n - 1;
		}
		break;
	case ACT_PAGE_UP:
		if (ts.npos && walk(u, &ts.pos[0], false, page, &q)) {
			ts.top = q.w.p[q.w.n - 1];
			ts.have_top = true;
			ts.want_sel = l->sel;
			ts.reload = true;
		} else {
			l->sel = 0;
		}
		break;
	case ACT_HOME:
		ts.have_top = false;
		ts.want_sel = 0;
		ts.reload = true;
		break;
	case ACT_END:
		if (walk(u, NULL, false, page, &q)) {
			ts.top = q.w.p[q.w.n - 1];
			ts.have_top = true;
			ts.want_sel = q.w.n - 1;
			ts.reload = true;
		}
		break;
	default:
		break;
	}
}

static const char *talks_title(screen *sc)
{
	(void)sc;
	return _("Talks");
}

static bool talks_typing(screen *sc)
{
	(void)sc;
	return list_typing(&ts.l);
}

static void talks_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	(void)sc;
	if (rows < 3)
		return;
	int page = rows - 2;
	if (page != ts.page) {
		ts.page = page;
		if (!*ts.filter)
			ts.reload = true;
	}
	if (list_stale(&ts.l, u) || ts.reload) {
		if (!ts.reload)
			ts.want_sel = ts.l.sel;
		talks_load(u);
	}
	if (*ts.filter)
		snprintf(ts.l.info, sizeof ts.l.info, _("%zu talks with %zu students"),
			 list_count(&ts.l), ts.nstudents);
	else
		snprintf(ts.l.info, sizeof ts.l.info, _("newest first, %llu talks"),
			 (unsigned long long)ts.total);
	list_draw(&ts.l, top, rows, cols);
}

static bool talks_cursor(screen *sc, int *y, int *x)
{
	(void)sc;
	return list_cursor(&ts.l, y, x);
}

/* After the list's filter line changed the text: the students' talks. */
static void talks_filter_moved(void)
{
	if (strcmp(ts.l.filter, ts.filter) != 0) {
		free(ts.filter);
		ts.filter = xstrdup(ts.l.filter);
		ts.want_sel = 0;
		ts.reload = true;
	}
}

/* Moves that page through all talks (no filter): the pager's, not the
 * list's. Home and End edit the filter line while it is open. */
static bool pager_move(const ui_event *ev)
{
	switch (ev->action) {
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
		return true;
	case ACT_HOME: case ACT_END:
		return !ts.l.filtering;
	default:
		return false;
	}
}

static int talks_handle(screen *sc, ui *u, const ui_event *ev)
{
	(void)sc;
	list *l = &ts.l;
	if (ev->type == EV_MOUSE) {
		if (!*ts.filter && (ev->button == 4 || ev->button == 5))
			for (int i = 0; i < 3; i++)
				talks_move(u, ev->button == 4 ? ACT_UP : ACT_DOWN);
		else
			list_handle(l, ev);
		return SCREEN_STAY;
	}
	if (ev->type != EV_KEY)
		return SCREEN_PASS;
	if (!*ts.filter && pager_move(ev)) {
		talks_move(u, ev->action);
		return SCREEN_STAY;
	}
	if (list_handle(l, ev)) {
		talks_filter_moved();
		return SCREEN_STAY;
	}
	const list_row *r = list_selected(l);
	switch (ev->action) {
	case ACT_OPEN:
		if (r) {
			screen *s = scr_record(u, &r->ref);
			if (s)
				ui_push(u, s);
		}
		return SCREEN_STAY;
	case ACT_LOG_TALK:
		if (r)
			log_talk_for(u, &r->ref);
		return SCREEN_STAY;
	case ACT_EDIT:
		if (r)
			ui_edit_record(u, &talk_desc, &r->id);
		return SCREEN_STAY;
	case ACT_DELETE:
		if (r && ui_delete_record(u, &talk_desc, &r->id)) {
			ts.want_sel = l->sel;   /* the next talk takes its place */
			ts.reload = true;
		}
		return SCREEN_STAY;
	case ACT_REFRESH:
		ts.reload = true;
		return SCREEN_PASS;
	default:
		return SCREEN_PASS;
	}
}

static void talks_destroy(screen *sc)
{
	free(sc);               /* the state lives on */
}

static const action_t talks_bar[] = {
	ACT_HELP, ACT_SEARCH, ACT_EDIT, ACT_LOG_TALK, ACT_DELETE, ACT_QUIT, ACT_NONE,
};

static const struct screen_ops talks_ops = {
	.name = "talks", .title = talks_title, .bar = talks_bar, .typing = talks_typing,
	.draw = talks_draw, .cursor = talks_cursor, .handle = talks_handle,
	.unsaved = lscr_unsaved, .destroy = talks_destroy, .extra = list_extra,
};

screen *scr_talks(ui *u)
{
	(void)u;
	if (!ts.init) {
		list_init(&ts.l, talk_cols, talk_rows_view.ncols, -1, false);
		list_set_view(&ts.l, &talk_rows_view);
		ts.l.fixed = true;
		ts.l.outer_filter = true;
		ts.l.filter_label = N_("Student: ");
		ts.filter = xstrdup("");
		ts.init = true;
	}
	screen *sc = xcalloc(1, sizeof *sc);
	sc->ops = &talks_ops;
	return sc;
}
