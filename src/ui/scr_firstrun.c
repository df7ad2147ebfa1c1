#include "config.h"
/* scr_firstrun.c — the first screen on an empty database: create a college
 * and the current semester (its due dates editable), import a roster or the
 * counsellors from a CSV file — through the import screen (scr_import.c):
 * a preview of its first rows and every error before anything is written —
 * or load demonstration data; then the dashboard. */
#include <stdlib.h>
#include <string.h>

#include "model/demo.h"
#include "ui/layout.h"
#include "ui/ui.h"
#include "util/i18n.h"

enum item {
	IT_COLLEGE, IT_SEMESTER, IT_STUDENTS, IT_COUNSELLORS, IT_DEMO, IT_DONE, IT__COUNT
};

static const char *const item_text[IT__COUNT] = {
	N_("Create a college"),
	N_("Change the semester's due dates"),
	N_("Import the roster of students (CSV file)"),
	N_("Import the counsellors (CSV file)"),
	N_("Load demonstration data (only into an empty database)"),
	N_("Go to the dashboard"),
};

typedef struct firstrun {
	int sel;
	char code[SEMESTER_CODE_MAX];            /* the current semester */
	size_t colleges;
	bool semester;
	date_t roster_due, summary_due;
	char *done_msg;           /* what the last step did */
	uint64_t since;           /* the last commit seen (an import writes) */
	int y_items;              /* where the menu was drawn */
} firstrun;

/* ---- reading the state ------------------------------------------------------ */

static int count_college(const void *rec, void *ctx)
{
	(void)rec;
	(*(size_t *)ctx)++;
	return 0;
}

static int state_txn(model_txn *t, void *ctx, err *e)
{
	firstrun *f = ctx;
	semester s;
	f->colleges = 0;
	int rc = model_each(t, &college_desc, count_college, &f->colleges, e);
	if (rc)
		return rc;
	rc = semester_by_code(t, f->code, &s, e);
	f->semester = rc == 0;
	if (rc == 0) {
		f->roster_due = s.roster_due;
		f->summary_due = s.summary_due;
		rec_free(&semester_desc, &s);
	}
	return rc == E_NOTFOUND ? 0 : rc;
}

static void refresh_state(firstrun *f, ui *u)
{
	err e = { 0 };
	if (model_read(ui_store(u), state_txn, f, &e) != 0)
		ui_status_error(u, "%s", e.msg);
}

static void set_done(firstrun *f, char *msg)
{
	free(f->done_msg);
	f->done_msg = msg;
}

/* ---- steps ------------------------------------------------------------------ */

struct college_w {
	const char *name;
	const char *code;
	rid id;
};

static int college_txn(model_txn *t, void *ctx, err *e)
{
	struct college_w *w = ctx;
	int rc = college_ensure(t, w->name, &w->id, e);
	if (rc)
		return rc;
	rid sid;
	return semester_ensure(t, w->code, &sid, e);
}

static void step_college(firstrun *f, ui *u)
{
	char *name = ui_prompt(u, _("Name of the college (学院):"), "");
	if (!name)
		return;
	if (!*name) {
		free(name);
		ui_status_error(u, "%s", _("A college needs a name."));
		return;
	}
	struct college_w w = { name, f->code, { { 0 } } };
	err e = { 0 };
	if (model_write(ui_store(u), college_txn, &w, &e) != 0)
		ui_status_error(u, "%s", e.msg);
	else
		set_done(f, xasprintf(_("College %s created, with the semester %s."), name, f->code));
	free(name);
	refresh_state(f, u);
}

struct due_w {
	const char *code;
	date_t roster, summary;
};

static int due_txn(model_txn *t, void *ctx, err *e)
{
	struct due_w *w = ctx;
	rid id;
	int rc = semester_ensure(t, w->code, &id, e);
	if (rc)
		return rc;
	semester s;
	if ((rc = semester_get(t, &id, &s, e)))
		return rc == E_NOTFOUND ? err_set(e, E_DB, "%s", _("the semester vanished")) : rc;
	s.roster_due = w->roster;
	s.summary_due = w->summary;
	rc = semester_save(t, &s, e);
	rec_free(&semester_desc, &s);
	return rc;
}

/* Asks until a date is given (a wrong one is asked again, with what was
 * typed and why in the status line) or the user cancels. */
static bool ask_date(ui *u, const char *question, date_t *d)
{
	char cur[11];
	date_format(*d, cur);
	char *typed = xstrdup(cur);
	for (;;) {
		char *s = ui_prompt(u, question, typed);
		free(typed);
		if (!s)
			return false;
		date_t v;
		if (date_parse(s, &v)) {
			free(s);
			*d = v;
			ui_status(u, "%s", "");   /* the wrong date is put right */
			return true;
		}
		ui_status_error(u, _("Not a date (YYYY-MM-DD): %s"), s);
		typed = s;
	}
}

static void step_semester(firstrun *f, ui *u)
{
	struct due_w w = { f->code, f->roster_due, f->summary_due };
	if (!ask_date(u, _("Name list (结对帮扶名单) due on:"), &w.roster))
		return;
	if (!ask_date(u, _("Semester summary (总结) due on:"), &w.summary))
		return;
	err e = { 0 };
	if (model_write(ui_store(u), due_txn, &w, &e) != 0)
		ui_status_error(u, "%s", e.msg);
	else
		set_done(f, xasprintf(_("Semester %s: due dates saved."), f->code));
	refresh_state(f, u);
}

static void step_demo(firstrun *f, ui *u)
{
	if (f->colleges) {
		ui_status_error(u, "%s", _("Demonstration data goes only into an empty database."));
		return;
	}
	if (!ui_confirm(u, _("Load demonstration data (2,000 made-up students)?")))
		return;
	err e = { 0 };
	demo_result res = { 0 };
	if (model_demo(ui_store(u), NULL, &res, &e) != 0)
		ui_status_error(u, "%s", e.msg);
	else
		set_done(f, xasprintf(_("Demonstration data loaded: %zu students, %zu pairings, %zu talks."),
				      res.students, res.pairings, res.talks));
	refresh_state(f, u);
}

/* ---- the screen ------------------------------------------------------------- */

static const char *fr_title(screen *sc)
{
	(void)sc;
	return _("Welcome");
}

static void fr_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	firstrun *f = sc->state;
	if (ui_db_changed(u, &f->since))
		refresh_state(f, u);
	for (int i = 0; i < rows; i++)
		ui_fill(top + i, 0, cols, UI_NORMAL);
	int w = cols - 4, y = top + 1;
	ui_text(y++, 2, w, f->colleges
		? _("Welcome to bangfu. Carry on setting up, or go to the dashboard.")
		: _("Welcome to bangfu. This database is empty: set it up in a few steps."), UI_TITLE);
	y++;
	char line[256];
	if (f->colleges)
		snprintf(line, sizeof line, _("Colleges: %zu"), f->colleges);
	else
		snprintf(line, sizeof line, "%s", _("Colleges: none yet"));
	ui_text(y++, 4, w - 2, line, f->colleges ? UI_OK : UI_NORMAL);
	if (f->semester) {
		char a[11], b[11];
		date_format(f->roster_due, a);
		date_format(f->summary_due, b);
		snprintf(line, sizeof line, _("Semester %s: name list due %s, summary due %s"), f->code, a, b);
	} else {
		snprintf(line, sizeof line, _("Semester %s: not set up yet"), f->code);
	}
	ui_text(y++, 4, w - 2, line, f->semester ? UI_OK : UI_NORMAL);
	y++;
	f->y_items = y;
	for (int i = 0; i < IT__COUNT && y < top + rows; i++, y++) {
		ui_style st = i == f->sel ? UI_SELECTED : UI_NORMAL;
		snprintf(line, sizeof line, "%s %d. %s", i == f->sel ? ">" : " ", i + 1, _(item_text[i]));
		ui_text(y, 2, w, line, st);
	}
	y++;
	if (f->done_msg && y < top + rows)
		ui_text(y++, 2, w, f->done_msg, UI_OK);
	/* the hint wraps onto as many lines as it needs rather than being cut */
	size_t nl = 0;
	char **hint = lay_wrap(_("Up/Down or the item's number choose, Enter does it. A roster is a "
				 "CSV file with the columns 学号 姓名 学院 (and 性别 班级 政治面貌 "
				 "联系电话 帮扶类型)."),
			       w, &nl);
	for (size_t i = 0; i < nl && y + 1 + (int)i < top + rows; i++)
		ui_text(y + 1 + (int)i, 2, w, hint[i], UI_DIM);
	lay_lines_free(hint, nl);
}

/* Becomes the dashboard: the screen struct is the ui's, so it is turned
 * into the dashboard in place. */
static int go_dashboard(screen *sc, ui *u)
{
	screen *d = scr_dashboard(u);
	if (!d)
		return SCREEN_STAY;
	firstrun *f = sc->state;
	free(f->done_msg);
	free(f);
	sc->ops = d->ops;
	sc->state = d->state;
	free(d);
	return SCREEN_STAY;
}

/* Does item i (Enter on it, or its number typed). */
static int do_item(screen *sc, ui *u, int i)
{
	firstrun *f = sc->state;
	f->sel = i;
	/* what the last step said belongs to that step */
	free(f->done_msg);
	f->done_msg = NULL;
	switch ((enum item)i) {
	case IT_COLLEGE: step_college(f, u); break;
	case IT_SEMESTER: step_semester(f, u); break;
	case IT_STUDENTS: ui_import_kind(u, "students"); break;
	case IT_COUNSELLORS: ui_import_kind(u, "counsellors"); break;
	case IT_DEMO:
		step_demo(f, u);
		if (f->colleges)
			return go_dashboard(sc, u);
		break;
	case IT_DONE:
		if (!f->colleges) {
			ui_status_error(u, "%s", _("Create a college or import a roster first."));
			break;
		}
		return go_dashboard(sc, u);
	default: break;
	}
	return SCREEN_STAY;
}

static int fr_handle(screen *sc, ui *u, const ui_event *ev)
{
	firstrun *f = sc->state;
	if (ev->type == EV_MOUSE) {
		if (ev->button != 1)
			return SCREEN_PASS;
		int i = ev->y - f->y_items;
		if (i < 0 || i >= IT__COUNT)
			return SCREEN_PASS;
		f->sel = i;
		return SCREEN_STAY;
	}
	if (ev->type != EV_KEY)
		return SCREEN_PASS;
	/* the menu's numbers are its items here, not the screens they are
	 * elsewhere */
	if (!ev->is_code && !ev->meta && ev->ch >= L'1' && ev->ch < L'1' + IT__COUNT)
		return do_item(sc, u, (int)(ev->ch - L'1'));
	switch (ev->action) {
	case ACT_UP:
		f->sel = (f->sel + IT__COUNT - 1) % IT__COUNT;
		return SCREEN_STAY;
	case ACT_DOWN:
		f->sel = (f->sel + 1) % IT__COUNT;
		return SCREEN_STAY;
	case ACT_OPEN:
		return do_item(sc, u, f->sel);
	default:
		return SCREEN_PASS;
	}
}

/* The page's menu is numbered: typed digits are its items (the screen
 * takes typing, so they do not switch screens as elsewhere). */
static bool fr_typing(screen *sc)
{
	(void)sc;
	return true;
}

static void fr_destroy(screen *sc)
{
	firstrun *f = sc->state;
	free(f->done_msg);
	free(f);
	free(sc);
}

static const action_t fr_bar[] = { ACT_HELP, ACT_OPEN, ACT_IMPORT, ACT_QUIT, ACT_NONE };
static const action_t fr_extra[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE,
};

static const struct screen_ops fr_ops = {
	.name = "firstrun",
	.title = fr_title,
	.bar = fr_bar,
	.typing = fr_typing,
	.draw = fr_draw,
	.handle = fr_handle,
	.destroy = fr_destroy,
	.extra = fr_extra,
};

screen *scr_firstrun(ui *u)
{
	firstrun *f = xcalloc(1, sizeof *f);
	ui_semester_current(u, f->code);
	refresh_state(f, u);
	if (!f->semester) {
		/* the dates semester_ensure will give, for display */
		semester d;
		semester_defaults(f->code, &d);
		f->roster_due = d.roster_due;
		f->summary_due = d.summary_due;
	}
	screen *sc = xcalloc(1, sizeof *sc);
	sc->ops = &fr_ops;
	sc->state = f;
	return sc;
}
