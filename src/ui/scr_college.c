#include "config.h"
/* scr_college.c — a college's settings (8, or from the reports page): its
 * name and code, the pairing limit per member and the overdue days as the
 * rules apply them (college_pair_limit, college_overdue_days: the defaults
 * when unset), its party branches, and the list of its counsellors.
 *
 * F4 edits the settings in the college form (forms/college.form), F2 adds
 * a counsellor to the college (the counsellor form with the college set),
 * Enter edits the selected counsellor, F6 shows another college. It opens
 * on the college the dashboard shows (ui_college_pref), else the first by
 * name. The counsellors are the model's rows (model_counsellor_rows), those
 * of this college kept. */
#include <stdlib.h>
#include <string.h>

#include "ui/list.h"
#include "ui/ui.h"
#include "util/i18n.h"

typedef struct cscr {
	char *name;                /* the college shown (malloc'd), NULL: none yet */
	rid id;                    /* ... once read: followed through a rename */
	bool have_id;
	bool found;
	college c;                 /* as read */
	char **colleges;           /* every college's name, for F6 */
	size_t ncolleges;
	uint64_t since;
	bool loaded;
	list counsellors;
	char title[160];
} cscr;

static const list_col counsellor_cols[CROW__N] = {
	{ N_("Staff number"), 8, 12, 0, false, false, 0 },
	{ N_("Name"), 8, 14, 1, false, false, 0 },
	{ N_("College"), 8, 20, 2, false, false, 0 },
	{ N_("Phone"), 8, 14, 0, false, false, 0 },
};

static void names_free(cscr *s)
{
	for (size_t i = 0; i < s->ncolleges; i++)
		free(s->colleges[i]);
	free(s->colleges);
	s->colleges = NULL;
	s->ncolleges = 0;
}

static int take_name(const void *rec, void *ctx)
{
	cscr *s = ctx;
	const college *c = rec;
	s->colleges = xrealloc(s->colleges, (s->ncolleges + 1) * sizeof *s->colleges);
	s->colleges[s->ncolleges++] = xstrdup(c->name ? c->name : "");
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct cload {
	cscr *s;
	row_query q;
};

/* The college's counsellors only. */
static int take_counsellor(const model_row *r, void *ctx)
{
	cscr *s = ctx;
	if (s->found && strcmp(r->cells[CROW_COLLEGE], s->c.name ? s->c.name : "") == 0)
		return list_add_row(r, &s->counsellors);
	return 0;
}

static int load_txn(model_txn *t, void *ctx, err *e)
{
	struct cload *ld = ctx;
	cscr *s = ld->s;
	names_free(s);
	if (s->found)
		rec_free(&college_desc, &s->c);
	s->found = false;
	list_begin(&s->counsellors);
	int rc = model_each(t, &college_desc, take_name, s, e);
	if (rc)
		return rc;
	qsort(s->colleges, s->ncolleges, sizeof *s->colleges, by_name);
	if (!s->name && s->ncolleges)
		s->name = xstrdup(s->colleges[0]);
	if (!s->name)
		return 0;
	rc = s->have_id ? college_get(t, &s->id, &s->c, e) : college_by_name(t, s->name, &s->c, e);
	if (rc == E_NOTFOUND && s->ncolleges) {      /* renamed or gone */
		free(s->name);
		s->name = xstrdup(s->colleges[0]);
		rc = college_by_name(t, s->name, &s->c, e);
	}
	if (rc == E_NOTFOUND)
		return 0;
	if (rc)
		return rc;
	s->found = true;
	s->id = s->c.m.id;
	s->have_id = true;
	free(s->name);
	s->name = xstrdup(s->c.name ? s->c.name : "");
	return model_counsellor_rows(t, &ld->q, take_counsellor, s, e);
}

static void load(cscr *s, ui *u)
{
	struct cload ld = { s, { ui_role(u), date_today(), NULL } };
	err e = { 0 };
	if (model_read(ui_store(u), load_txn, &ld, &e) != 0)
		ui_status_error(u, "%s", e.msg);
	list_end(&s->counsellors);
	s->loaded = true;
}

static void college_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	cscr *s = sc->state;
	if (ui_db_changed(u, &s->since) || !s->loaded)
		load(s, u);
	for (int r = 0; r < rows; r++)
		ui_fill(top + r, 0, cols, UI_NORMAL);
	if (!s->found) {
		ui_text(top + 1, 1, cols - 2, _("There is no college yet: create one first."), UI_WARN);
		return;
	}
	const college *c = &s->c;
	char line[512];
	int y = top;
	snprintf(line, sizeof line, _("College: %s   Code: %s"), c->name ? c->name : "",
		 c->code && *c->code ? c->code : "-");
	ui_text(y++, 1, cols - 2, line, UI_TITLE);
	snprintf(line, sizeof line, _("Pairings per member: %lld   Overdue after %lld days without a talk"),
		 (long long)college_pair_limit(c), (long long)college_overdue_days(c));
	ui_text(y++, 1, cols - 2, line, UI_NORMAL);
	snprintf(line, sizeof line, _("Party branches: %s"),
		 c->branches && *c->branches ? c->branches : "-");
	ui_text(y++, 1, cols - 2, line, UI_NORMAL);
	char ke[48], kn[48], ko[48];
	keymap_first_key(ui_keymap(u), ACT_EDIT, ke, sizeof ke);
	keymap_first_key(ui_keymap(u), ACT_NEW, kn, sizeof kn);
	keymap_first_key(ui_keymap(u), ACT_OPEN, ko, sizeof ko);
	snprintf(line, sizeof line, _("%s: change these settings   %s: add a counsellor   %s: edit the selected one"),
		 ke, kn, ko);
	ui_text(y++, 1, cols - 2, line, UI_DIM);
	snprintf(line, sizeof line, _("Counsellors of the college: %zu"), list_count(&s->counsellors));
	ui_text(y++, 1, cols - 2, line, UI_TITLE);
	if (top + rows - y >= 3)
		list_draw(&s->counsellors, y, top + rows - y, cols);
}

static bool college_typing(screen *sc)
{
	cscr *s = sc->state;
	return list_typing(&s->counsellors);
}

static bool college_cursor(screen *sc, int *y, int *x)
{
	cscr *s = sc->state;
	return list_cursor(&s->counsellors, y, x);
}

static const char *college_title(screen *sc)
{
	(void)sc;
	return _("College settings");
}

static void choose(cscr *s, ui *u)
{
	if (!s->ncolleges)
		return;
	int k = ui_choose(u, _("College"), (const char *const *)s->colleges, s->ncolleges);
	if (k >= 0) {
		free(s->name);
		s->name = xstrdup(s->colleges[k]);
		s->have_id = false;
		s->loaded = false;
	}
}

static int college_handle(screen *sc, ui *u, const ui_event *ev)
{
	cscr *s = sc->state;
	if (list_handle(&s->counsellors, ev))
		return SCREEN_STAY;
	if (ev->type != EV_KEY)
		return SCREEN_PASS;
	const list_row *r = list_selected(&s->counsellors);
	switch (ev->action) {
	case ACT_EDIT:
		if (s->found)
			push_form(u, "college", &s->c.m.id, NULL, NULL);
		return SCREEN_STAY;
	case ACT_NEW:
		if (s->found)
			push_form(u, "counsellor", NULL, "college_id", UI_ID_TEXT(&s->c.m.id));
		return SCREEN_STAY;
	case ACT_OPEN:
		if (r)
			push_form(u, "counsellor", &r->id, NULL, NULL);
		return SCREEN_STAY;
	case ACT_CHOOSE_COLLEGE:
		choose(s, u);
		return SCREEN_STAY;
	case ACT_REFRESH:
		s->loaded = false;
		return SCREEN_PASS;
	default:
		return SCREEN_PASS;
	}
}

static void college_destroy(screen *sc)
{
	cscr *s = sc->state;
	names_free(s);
	if (s->found)
		rec_free(&college_desc, &s->c);
	free(s->name);
	list_free(&s->counsellors);
	free(s);
	free(sc);
}

static const action_t college_bar[] = {
	ACT_HELP, ACT_NEW, ACT_EDIT, ACT_CHOOSE_COLLEGE, ACT_OPEN, ACT_BACK, ACT_QUIT, ACT_NONE,
};
static const action_t college_extra[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END, ACT_SEARCH, ACT_SORT,
	ACT_REFRESH, ACT_NONE,
};

static const struct screen_ops college_ops = {
	.name = "college",
	.title = college_title,
	.bar = college_bar,
	.typing = college_typing,
	.draw = college_draw,
	.cursor = college_cursor,
	.handle = college_handle,
	.destroy = college_destroy,
	.extra = college_extra,
};

screen *scr_college(ui *u)
{
	(void)u;
	cscr *s = xcalloc(1, sizeof *s);
	s->name = ui_college_pref();
	list_init(&s->counsellors, counsellor_cols, CROW__N, 0, false);
	list_set_view(&s->counsellors, &counsellor_rows_view);
	screen *sc = xcalloc(1, sizeof *sc);
	sc->ops = &college_ops;
	sc->state = s;
	return sc;
}
