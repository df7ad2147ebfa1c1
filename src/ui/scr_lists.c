#include "config.h"
/* scr_lists.c — the list screens: assisted students, party members,
 * pairings, talks and counsellors.
 *
 * Each list keeps its rows and its state (selection, sort, filter) in static
 * storage for the whole run, so coming back to a list finds it as it was;
 * the rows are reloaded in one short read transaction only when the
 * database changed (list_stale). The talks list never loads all talks: it
 * shows one page read from the date index, newest first, and a filter by
 * student reads that student's talks only. */
#include "ui/list.h"

#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "util/i18n.h"
#include "util/text.h"

/* ---- shared helpers for loading --------------------------------------- */

/* Names of colleges and semesters, looked up once per load. */
struct names {
	rid id[64];
	char *name[64];
	size_t n;
};

static void names_free(struct names *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->name[i]);
	c->n = 0;
}

static const char *names_put(struct names *c, const rid *id, const char *name)
{
	if (c->n == 64)
		names_free(c);
	c->id[c->n] = *id;
	c->name[c->n] = xstrdup(name ? name : "");
	return c->name[c->n++];
}

static const char *college_name(model_txn *t, struct names *c, const rid *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (rid_cmp(&c->id[i], id) == 0)
			return c->name[i];
	college g;
	err e = { 0 };
	if (rid_is_zero(id) || college_get(t, id, &g, &e) != 0)
		return names_put(c, id, "");
	const char *n = names_put(c, id, g.name);
	rec_free(&college_desc, &g);
	return n;
}

static const char *semester_code(model_txn *t, struct names *c, const rid *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (rid_cmp(&c->id[i], id) == 0)
			return c->name[i];
	semester s;
	err e = { 0 };
	if (rid_is_zero(id) || semester_get(t, id, &s, &e) != 0)
		return names_put(c, id, "");
	const char *n = names_put(c, id, s.code);
	rec_free(&semester_desc, &s);
	return n;
}

/* The name of a student (into buf), "" if unknown. */
static void student_name(model_txn *t, const rid *id, char *buf, size_t n)
{
	student s;
	err e = { 0 };
	buf[0] = 0;
	if (rid_is_zero(id) || student_get(t, id, &s, &e) != 0)
		return;
	snprintf(buf, n, "%s", s.name ? s.name : "");
	rec_free(&student_desc, &s);
}

static void counsellor_name(model_txn *t, const rid *id, char *buf, size_t n)
{
	counsellor c;
	err e = { 0 };
	buf[0] = 0;
	if (rid_is_zero(id) || counsellor_get(t, id, &c, &e) != 0)
		return;
	snprintf(buf, n, "%s", c.name ? c.name : "");
	rec_free(&counsellor_desc, &c);
}

static void fmt_date(date_t d, char buf[11])
{
	date_format(d, buf);
}

/* Kinds in their short form (学业、心理): the words users filter by. */
static void kinds_short(uint32_t kinds, char *buf, size_t n)
{
	static const struct { uint32_t bit; const char *name; } k[] = {
		{ KIND_ACADEMIC, "学业" }, { KIND_FINANCIAL, "经济" }, { KIND_PSYCH, "心理" },
	};
	buf[0] = 0;
	for (size_t i = 0; i < 3; i++)
		if (kinds & k[i].bit) {
			size_t len = strlen(buf);
			snprintf(buf + len, n - len, "%s%s", len ? "、" : "", k[i].name);
		}
}

struct load {
	list *l;
	model_txn *t;
	role_t role;
	date_t today;
	int (*fn)(struct load *ld, err *e);
	struct names colleges, semesters;
};

static int load_txn(model_txn *t, void *ctx, err *e)
{
	struct load *ld = ctx;
	ld->t = t;
	names_free(&ld->colleges);
	names_free(&ld->semesters);
	list_begin(ld->l);      /* safe to re-run: starts from nothing */
	return ld->fn(ld, e);
}

/* Loads l with fn in one read transaction. */
static void load_list(ui *u, list *l, int (*fn)(struct load *, err *))
{
	struct load ld = { .l = l, .role = ui_role(u), .today = date_today(), .fn = fn };
	err e = { 0 };
	if (model_read(ui_store(u), load_txn, &ld, &e) != 0)
		ui_status_error(u, "%s", e.msg);
	names_free(&ld.colleges);
	names_free(&ld.semesters);
	list_end(l);
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
	const list_col *cols;
	size_t ncols;
	int sort_col;
	int (*load)(struct load *ld, err *e);
	/* the screen's own actions: SCREEN_*, or -1 when not its action */
	int (*act)(lscr *s, const list_row *r, action_t a);
	list *state;
	const struct screen_ops *ops;
};

/* ---- assisted students -------------------------------------------------- */

static const list_col student_cols[] = {
	{ N_("Number"), 10, 10, 0, false, false, LM_PREFIX },
	{ N_("Name"), 10, 14, 1, false, false, LM_SUBSTR | LM_PINYIN },
	{ N_("College"), 8, 20, 2, false, false, LM_SUBSTR },
	{ N_("Class"), 8, 10, 0, false, false, LM_SUBSTR },
	{ N_("Kinds"), 4, 10, 1, false, false, LM_SUBSTR },
	{ N_("Tier"), 4, 8, 0, false, false, LM_SUBSTR },
	{ N_("Paired with"), 6, 12, 1, false, false, 0 },
	{ N_("Last talk"), 10, 10, 0, false, false, 0 },
};

static int student_row(const void *rec, void *ctx)
{
	const target *g = rec;
	struct load *ld = ctx;
	student s;
	err e = { 0 };
	if (student_get(ld->t, &g->student_id, &s, &e) != 0)
		return 0;
	char kinds[128], helper[128] = "", last[11] = "";
	kinds_short(g->kinds, kinds, sizeof kinds);
	pairing p;
	if (pairing_active_of_target(ld->t, &g->student_id, &p, &e) == 0) {
		student_name(ld->t, &p.member_id, helper, sizeof helper);
		rec_free(&pairing_desc, &p);
	}
	date_t d;
	if (model_target_last_talk(ld->t, &g->student_id, &d, &e) == 0)
		fmt_date(d, last);
	const char *cells[] = {
		s.student_no, s.name, college_name(ld->t, &ld->colleges, &s.college_id),
		s.class_name, kinds, g->tier, helper, last,
	};
	bool ended = g->status && strcmp(g->status, "已结束") == 0;
	list_add(ld->l, &g->m.id, &g->student_id, ended ? LIST_ROW_DIM : 0, cells);
	rec_free(&student_desc, &s);
	return 0;
}

static int load_students(struct load *ld, err *e)
{
	return model_each(ld->t, &target_desc, student_row, ld, e);
}

/* ---- party members ------------------------------------------------------ */

static const list_col member_cols[] = {
	{ N_("Number"), 10, 10, 0, false, false, LM_PREFIX },
	{ N_("Name"), 10, 14, 1, false, false, LM_SUBSTR | LM_PINYIN },
	{ N_("College"), 8, 20, 2, false, false, LM_SUBSTR },
	{ N_("Class"), 8, 10, 0, false, false, LM_SUBSTR },
	{ N_("Status"), 4, 12, 0, false, false, LM_SUBSTR },
	{ N_("Branch"), 6, 16, 1, false, false, LM_SUBSTR },
	{ N_("Pairings"), 4, 8, 0, true, true, 0 },
};

struct count_active {
	date_t today;
	size_t n;
};

static int count_active(const pairing *p, void *ctx)
{
	struct count_active *c = ctx;
	if (pairing_active_on(p, c->today))
		c->n++;
	return 0;
}

static int member_row(const void *rec, void *ctx)
{
	const member *m = rec;
	struct load *ld = ctx;
	student s;
	err e = { 0 };
	if (student_get(ld->t, &m->student_id, &s, &e) != 0)
		return 0;
	struct count_active c = { ld->today, 0 };
	pairings_of_member(ld->t, &m->student_id, count_active, &c, &e);
	char n[24];
	snprintf(n, sizeof n, "%zu", c.n);
	const char *status = member_category_of(s.political) == MEMBER_PROBATIONARY ?
		_("probationary") : _("full");
	const char *cells[] = {
		s.student_no, s.name, college_name(ld->t, &ld->colleges, &s.college_id),
		s.class_name, status, m->branch, n,
	};
	list_add(ld->l, &m->m.id, &m->student_id, 0, cells);
	rec_free(&student_desc, &s);
	return 0;
}

static int load_members(struct load *ld, err *e)
{
	return model_each(ld->t, &member_desc, member_row, ld, e);
}

/* ---- pairings ------------------------------------------------------------ */

static const list_col pairing_cols[] = {
	{ N_("Member"), 6, 12, 1, false, false, LM_SUBSTR | LM_PINYIN },
	{ N_("Assisted student"), 6, 12, 1, false, false, LM_SUBSTR | LM_PINYIN },
	{ N_("College"), 8, 20, 2, false, false, LM_SUBSTR },
	{ N_("Semester"), 11, 11, 0, false, false, LM_PREFIX },
	{ N_("Start"), 10, 10, 0, false, false, 0 },
	{ N_("Last talk"), 10, 10, 0, false, false, 0 },
	{ N_("Overdue"), 4, 8, 0, true, true, 0 },
};

static int pairing_row(const void *rec, void *ctx)
{
	const pairing *p = rec;
	struct load *ld = ctx;
	err e = { 0 };
	char mem[128], tgt[128], start[11], last[11] = "", over[24] = "";
	student_name(ld->t, &p->member_id, mem, sizeof mem);
	student_name(ld->t, &p->target_id, tgt, sizeof tgt);
	fmt_date(p->start, start);
	date_t d = 0;
	pairing_last_talk(ld->t, &p->m.id, &d, &e);
	fmt_date(d, last);
	unsigned flags = 0;
	if (!pairing_active_on(p, ld->today)) {
		flags = LIST_ROW_DIM;
	} else {
		college c;
		int rc = college_get(ld->t, &p->college_id, &c, &e);
		int64_t limit = college_overdue_days(rc == 0 ? &c : NULL);
		if (rc == 0)
			rec_free(&college_desc, &c);
		int since = (int)(ld->today - (d ? d : p->start));
		if (since > limit) {
			snprintf(over, sizeof over, "%d", since);
			flags = LIST_ROW_ALERT;
		}
	}
	const char *cells[] = {
		mem, tgt, college_name(ld->t, &ld->colleges, &p->college_id),
		semester_code(ld->t, &ld->semesters, &p->semester_id), start, last, over,
	};
	list_add(ld->l, &p->m.id, &p->target_id, flags, cells);
	return 0;
}

static int load_pairings(struct load *ld, err *e)
{
	return model_each(ld->t, &pairing_desc, pairing_row, ld, e);
}

/* ---- counsellors --------------------------------------------------------- */

static const list_col counsellor_cols[] = {
	{ N_("Staff number"), 8, 12, 0, false, false, LM_PREFIX },
	{ N_("Name"), 8, 14, 1, false, false, LM_SUBSTR | LM_PINYIN },
	{ N_("College"), 8, 24, 2, false, false, LM_SUBSTR },
	{ N_("Phone"), 8, 14, 0, false, false, LM_PREFIX },
};

static int counsellor_row(const void *rec, void *ctx)
{
	const counsellor *c = rec;
	struct load *ld = ctx;
	const char *cells[] = {
		c->staff_no, c->name, college_name(ld->t, &ld->colleges, &c->college_id), c->phone,
	};
	list_add(ld->l, &c->m.id, NULL, 0, cells);
	return 0;
}

static int load_counsellors(struct load *ld, err *e)
{
	return model_each(ld->t, &counsellor_desc, counsellor_row, ld, e);
}

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
	return q->rc > 1 ? q->rc : 0;
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

static int students_act(lscr *s, const list_row *r, action_t a)
{
	switch (a) {
	case ACT_NEW:
		push_form(s->u, "student", NULL, NULL, NULL);
		return SCREEN_STAY;
	case ACT_OPEN:
		if (r) {
			screen *sc = scr_record(s->u, &r->ref);
			if (sc)
				ui_push(s->u, sc);
		}
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

static int pairings_act(lscr *s, const list_row *r, action_t a)
{
	switch (a) {
	case ACT_NEW:
		push_form(s->u, "pairing", NULL, NULL, NULL);
		return SCREEN_STAY;
	case ACT_EDIT:
		if (r)
			push_form(s->u, "pairing", &r->id, NULL, NULL);
		return SCREEN_STAY;
	case ACT_OPEN:
		if (r) {
			screen *sc = scr_record(s->u, &r->ref);
			if (sc)
				ui_push(s->u, sc);
		}
		return SCREEN_STAY;
	case ACT_LOG_TALK:
		if (r)
			push_form(s->u, "talk", NULL, "pairing_id", UI_ID_TEXT(&r->id));
		return SCREEN_STAY;
	case ACT_AID:
		if (r)
			push_form(s->u, "aid", NULL, "pairing_id", UI_ID_TEXT(&r->id));
		return SCREEN_STAY;
	default:
		return -1;
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
			push_form(s->u, "counsellor", &r->id, NULL, NULL);
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
		load_list(u, s->l, s->k->load);
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
	(void)u;
	if (list_handle(s->l, ev))
		return SCREEN_STAY;
	if (ev->type != EV_KEY)
		return SCREEN_PASS;
	if (ev->action == ACT_REFRESH) {
		s->l->loaded = false;
		return SCREEN_PASS;
	}
	int rc = s->k->act(s, list_selected(s->l), ev->action);
	if (rc >= 0)
		return rc;
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

static const action_t list_bar[] = {
	ACT_HELP, ACT_NEW, ACT_SEARCH, ACT_EDIT, ACT_LOG_TALK, ACT_SORT, ACT_AID,
	ACT_QUIT, ACT_NONE,
};
static const action_t plain_bar[] = {
	ACT_HELP, ACT_NEW, ACT_SEARCH, ACT_EDIT, ACT_SORT, ACT_QUIT, ACT_NONE,
};
static const action_t list_extra[] = {
	ACT_OPEN, ACT_BACK, ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME,
	ACT_END, ACT_REFRESH, ACT_NONE,
};

#define LIST_OPS(nm, barv)                                                    \
	{ .name = nm, .title = lscr_title, .bar = barv, .typing = lscr_typing,   \
	  .draw = lscr_draw, .cursor = lscr_cursor, .handle = lscr_handle,       \
	  .unsaved = lscr_unsaved, .destroy = lscr_destroy, .extra = list_extra }

static const struct screen_ops students_ops = LIST_OPS("students", list_bar);
static const struct screen_ops members_ops = LIST_OPS("members", plain_bar);
static const struct screen_ops pairings_ops = LIST_OPS("pairings", list_bar);
static const struct screen_ops counsellors_ops = LIST_OPS("counsellors", plain_bar);

static list students_list, members_list, pairings_list, counsellors_list;

static const lkind kinds[] = {
	{ "students", N_("Assisted students"), student_cols,
	  sizeof student_cols / sizeof *student_cols, 0, load_students, students_act,
	  &students_list, &students_ops },
	{ "members", N_("Party members"), member_cols,
	  sizeof member_cols / sizeof *member_cols, 0, load_members, members_act,
	  &members_list, &members_ops },
	{ "pairings", N_("Pairings"), pairing_cols,
	  sizeof pairing_cols / sizeof *pairing_cols, 6, load_pairings, pairings_act,
	  &pairings_list, &pairings_ops },
	{ "counsellors", N_("Counsellors"), counsellor_cols,
	  sizeof counsellor_cols / sizeof *counsellor_cols, 0, load_counsellors,
	  counsellors_act, &counsellors_list, &counsellors_ops },
};

static screen *open_list(ui *u, const lkind *k)
{
	if (!k->state->cols) {
		/* first visit: pairings sort most overdue first */
		bool desc = k->load == load_pairings;
		list_init(k->state, k->cols, k->ncols, k->sort_col, desc);
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
screen *scr_pairings(ui *u) { return open_list(u, &kinds[2]); }
screen *scr_counsellors(ui *u) { return open_list(u, &kinds[3]); }

/* ---- talks: a page at a time, newest first ------------------------------- */

static const list_col talk_cols[] = {
	{ N_("Date"), 10, 10, 0, false, false, 0 },
	{ N_("By"), 6, 12, 1, false, false, 0 },
	{ N_("Assisted student"), 6, 12, 1, false, false, 0 },
	{ N_("Min"), 3, 4, 0, true, true, 0 },
	{ N_("Mode"), 4, 4, 0, false, false, 0 },
	{ N_("Topics"), 6, 14, 1, false, false, 0 },
	{ N_("Content"), 10, 30, 4, false, false, 0 },
};

enum { TALK_PAGE_MAX = 200, TALK_FIND_MAX = 200 };

/* The talks list's state, kept for the whole run. */
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
	edit fedit;            /* filter: a student (number, name, pinyin) */
	bool filtering;
	char *filter;
	size_t nstudents;      /* students the filter matched */
	int y_filter, x_cur;
} ts;

struct talk_load {
	model_txn *t;
	role_t role;
	list *l;
	size_t n;
	/* for a filter: talks collected, then sorted */
	talk *found;
	size_t nfound, cap;
	rid *students;
	size_t nstudents;
};

static void talk_add_row(struct talk_load *tl, const talk *k)
{
	char by[128], tgt[128], min[24], topics[96], date[11];
	if (!rid_is_zero(&k->counsellor_id))
		counsellor_name(tl->t, &k->counsellor_id, by, sizeof by);
	else
		student_name(tl->t, &k->member_id, by, sizeof by);
	student_name(tl->t, &k->target_id, tgt, sizeof tgt);
	snprintf(min, sizeof min, "%lld", (long long)k->minutes);
	topics_format(k->topics, topics, sizeof topics);
	fmt_date(k->date, date);
	const char *content = talk_content_visible(tl->role, k) ? k->content : privacy_mask();
	const char *cells[] = { date, by, tgt, min, k->mode, topics, content };
	list_add(tl->l, &k->m.id, &k->target_id, 0, cells);
	if (tl->n < TALK_PAGE_MAX) {
		ts.pos[tl->n].date = k->date;
		ts.pos[tl->n].id = k->m.id;
	}
	tl->n++;
}

static int talk_page_row(const talk *k, void *ctx)
{
	talk_add_row(ctx, k);
	return 0;
}

static int talk_collect(const talk *k, void *ctx)
{
	struct talk_load *tl = ctx;
	if (tl->nfound == tl->cap) {
		tl->cap = tl->cap ? tl->cap * 2 : 64;
		tl->found = xrealloc(tl->found, tl->cap * sizeof *tl->found);
	}
	talk *d = &tl->found[tl->nfound++];
	memset(d, 0, sizeof *d);
	rec_copy(&talk_desc, d, k);
	d->m = k->m;
	return 0;
}

static int talk_student(const student *s, void *ctx)
{
	struct talk_load *tl = ctx;
	if (tl->nstudents >= TALK_FIND_MAX)
		return 1;
	tl->students = xrealloc(tl->students, (tl->nstudents + 1) * sizeof *tl->students);
	tl->students[tl->nstudents++] = s->m.id;
	return 0;
}

static int by_date_desc(const void *a, const void *b)
{
	const talk *x = a, *y = b;
	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	return -rid_cmp(&x->m.id, &y->m.id);
}

static void talk_load_reset(struct talk_load *tl)
{
	for (size_t i = 0; i < tl->nfound; i++)
		rec_free(&talk_desc, &tl->found[i]);
	tl->nfound = 0;
	tl->nstudents = 0;
	tl->n = 0;
}

static int talks_txn(model_txn *t, void *ctx, err *e)
{
	struct talk_load *tl = ctx;
	talk_load_reset(tl);
	tl->t = t;
	list_begin(tl->l);
	model_stats st;
	int src = model_stats_get(t, &st, e);
	if (src)
		return src;
	ts.total = st.talks;
	if (!*ts.filter) {
		size_t n = ts.page > 0 ? (size_t)ts.page : 1;
		if (n > TALK_PAGE_MAX)
			n = TALK_PAGE_MAX;
		return model_talk_walk(t, ts.have_top ? &ts.top : NULL, true, true, n,
				       talk_page_row, tl, e);
	}
	int rc = model_find(t, ts.filter, talk_student, tl, e);
	if (rc < 0 || rc > 1)
		return rc;
	for (size_t i = 0; i < tl->nstudents; i++)
		if ((rc = model_talks_of_target(t, &tl->students[i], talk_collect, tl, e)))
			return rc;
	if (tl->nfound > 1)
		qsort(tl->found, tl->nfound, sizeof *tl->found, by_date_desc);
	for (size_t i = 0; i < tl->nfound; i++)
		talk_add_row(tl, &tl->found[i]);
	return 0;
}

static void talks_load(ui *u)
{
	struct talk_load tl = { .role = ui_role(u), .l = &ts.l };
	err e = { 0 };
	if (model_read(ui_store(u), talks_txn, &tl, &e) != 0)
		ui_status_error(u, "%s", e.msg);
	ts.nstudents = tl.nstudents;
	ts.npos = tl.n < TALK_PAGE_MAX ? tl.n : TALK_PAGE_MAX;
	talk_load_reset(&tl);
	free(tl.found);
	free(tl.students);
	ts.l.have_sel_id = false;
	list_end(&ts.l);
	ts.l.sel = ts.want_sel < list_count(&ts.l) ? ts.want_sel :
		(list_count(&ts.l) ? list_count(&ts.l) - 1 : 0);
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
	return ts.filtering;
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
	list_draw(&ts.l, top, rows - 1, cols);
	int y = top + rows - 1;
	ts.y_filter = y;
	ui_fill(y, 0, cols, UI_NORMAL);
	char info[160];
	if (*ts.filter)
		snprintf(info, sizeof info, _("%zu talks with %zu students"), list_count(&ts.l),
			 ts.nstudents);
	else
		snprintf(info, sizeof info, _("newest first, %llu talks"), (unsigned long long)ts.total);
	int iw = text_width(info);
	if (iw < cols)
		ui_text(y, cols - iw - 1, iw, info, UI_DIM);
	const char *label = _("Student: ");
	int lw = text_width(label);
	int room = cols - iw - 3 - lw;
	if (room < 4)
		return;
	ui_text(y, 1, lw, label, ts.filtering ? UI_TITLE : UI_DIM);
	if (ts.filtering) {
		int cy = y, cx = 1 + lw;
		ui_draw_edit(y, 1 + lw, room, &ts.fedit, UI_FIELD_FOCUS, &cy, &cx);
		ts.x_cur = cx;
	} else {
		ui_text(y, 1 + lw, room, ts.filter, UI_NORMAL);
	}
}

static bool talks_cursor(screen *sc, int *y, int *x)
{
	(void)sc;
	if (!ts.filtering)
		return false;
	*y = ts.y_filter;
	*x = ts.x_cur;
	return true;
}

static void talks_set_filter(void)
{
	char *t = edit_get(&ts.fedit);
	if (strcmp(t, ts.filter) != 0) {
		free(ts.filter);
		ts.filter = t;
		ts.want_sel = 0;
		ts.reload = true;
	} else {
		free(t);
	}
}

static int talks_handle(screen *sc, ui *u, const ui_event *ev)
{
	(void)sc;
	list *l = &ts.l;
	if (ev->type == EV_MOUSE) {
		if (ev->y == ts.y_filter && ev->button == 1) {
			ts.filtering = true;
			edit_set(&ts.fedit, ts.filter);
			return SCREEN_STAY;
		}
		if (*ts.filter || ev->button == 1)
			list_handle(l, ev);
		else if (ev->button == 4 || ev->button == 5)
			for (int i = 0; i < 3; i++)
				talks_move(u, ev->button == 4 ? ACT_UP : ACT_DOWN);
		return SCREEN_STAY;
	}
	if (ev->type != EV_KEY)
		return SCREEN_PASS;
	if (ts.filtering) {
		switch (ev->action) {
		case ACT_BACK:
			edit_clear(&ts.fedit);
			ts.filtering = false;
			talks_set_filter();
			return SCREEN_STAY;
		case ACT_OPEN: case ACT_SEARCH: case ACT_NEXT_FIELD:
			ts.filtering = false;
			return SCREEN_STAY;
		case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
			break;
		default:
			if (ui_edit_key(&ts.fedit, ev))
				talks_set_filter();
			return SCREEN_STAY;
		}
	}
	const list_row *r = list_selected(l);
	switch (ev->action) {
	case ACT_SEARCH:
		ts.filtering = true;
		edit_set(&ts.fedit, ts.filter);
		return SCREEN_STAY;
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_HOME: case ACT_END:
		if (*ts.filter)
			list_move(l, ev->action, l->nshown);
		else
			talks_move(u, ev->action);
		return SCREEN_STAY;
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
	case ACT_REFRESH:
		ts.reload = true;
		return SCREEN_PASS;
	case ACT_BACK:
		if (*ts.filter) {
			edit_clear(&ts.fedit);
			talks_set_filter();
			return SCREEN_STAY;
		}
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
	ACT_HELP, ACT_SEARCH, ACT_LOG_TALK, ACT_QUIT, ACT_NONE,
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
		list_init(&ts.l, talk_cols, sizeof talk_cols / sizeof *talk_cols, -1, false);
		ts.l.fixed = true;
		ts.filter = xstrdup("");
		edit_init(&ts.fedit, 64, false);
		ts.init = true;
	}
	screen *sc = xcalloc(1, sizeof *sc);
	sc->ops = &talks_ops;
	return sc;
}
