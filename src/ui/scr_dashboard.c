#include "config.h"
/* scr_dashboard.c — the first screen: the semester, the programme's counts,
 * the due dates, talks per week for the last 16 weeks, and the overdue
 * pairings (most overdue first; F5 logs a talk for the selected one).
 *
 * Everything is read in one short transaction, again only when the
 * database changed: the deadlines (model_deadlines_get: the summary is
 * done once every college's is final) and the overdue pairings' rows
 * (model_overdue_rows) come ready from the model. Talks are counted by day (model_talks_by_week), so
 * nothing here reads every talk.
 *
 * It shows one college or all (F6, choose_college): every figure is then
 * the college's (model_programme_of, model_talks_by_week_of,
 * model_overdue_rows_of, the college's deadlines). The choice is the
 * user's, not the database's: it is remembered in a small file of the
 * user's, $XDG_CONFIG_HOME/bangfu/dashboard (else ~/.config/bangfu/),
 * one line "college = NAME" (none: all colleges); a name no longer in
 * the database means all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ui/layout.h"
#include "ui/list.h"
#include "ui/ui.h"
#include "util/i18n.h"

enum { WEEKS = 16, OVERDUE_MAX = 500, CHART_ROWS = 5, FOLLOW_DAYS = 7, FOLLOW_MAX = 200 };

typedef struct dash {
	uint64_t since;
	bool loaded;
	char code[SEMESTER_CODE_MAX];
	char semester_name[64];
	char *college;                /* the college shown (malloc'd), NULL: all */
	bool have_college;            /* it is in the database */
	rid college_id;
	char **colleges;              /* every college's name, for the choice */
	size_t ncolleges;
	bool have_semester;
	date_t today;
	role_t role;
	model_deadlines due;
	model_programme prog;
	size_t month_talks;
	date_t week0;                 /* Monday of the first week shown */
	size_t weeks[WEEKS];
	size_t noverdue;
	list overdue;
	size_t nfollow;               /* follow-ups due today .. FOLLOW_DAYS ahead */
	list follow;
} dash;

static const list_col overdue_cols[] = {
	{ N_("Days"), 4, 5, 0, true, true, 0 },
	{ N_("Member"), 6, 12, 1, false, false, 0 },
	{ N_("Assisted student"), 6, 12, 1, false, false, 0 },
	{ N_("College"), 8, 24, 2, false, false, 0 },
	{ N_("Last talk"), 10, 10, 0, false, false, 0 },
};

static const list_col follow_cols[] = {
	{ N_("Follow up by"), 10, 10, 0, false, false, 0 },
	{ N_("Assisted student"), 6, 12, 1, false, false, 0 },
	{ N_("Talk of"), 10, 10, 0, false, false, 0 },
	{ N_("By"), 6, 12, 2, false, false, 0 },
};

/* Monday on or before d (day 1, 1970-01-01, was a Thursday). */
static date_t monday_of(date_t d)
{
	return d - (date_t)((d - 1 + 3) % 7);
}

/* ---- the college shown, remembered in the user's file ------------------ */

static char *pref_file(void)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	if (x && *x == '/')
		return xasprintf("%s/bangfu/dashboard", x);
	const char *h = getenv("HOME");
	return h && *h ? xasprintf("%s/.config/bangfu/dashboard", h) : NULL;
}

/* The college named in the file, or NULL (all). malloc'd. */
char *ui_college_pref(void)
{
	char *path = pref_file();
	FILE *fp = path ? fopen(path, "r") : NULL;
	char line[512], *name = NULL;
	free(path);
	if (!fp)
		return NULL;
	while (!name && fgets(line, sizeof line, fp)) {
		line[strcspn(line, "\r\n")] = 0;
		char *v = line;
		if (strncmp(v, "college", 7) != 0)
			continue;
		v += 7;
		v += strspn(v, " \t");
		if (*v++ != '=')
			continue;
		v += strspn(v, " \t");
		if (*v)
			name = xstrdup(v);
	}
	fclose(fp);
	return name;
}

/* Writes the choice (NULL: all) through a temporary file and a rename. */
static bool pref_save(const char *name)
{
	char *path = pref_file();
	if (!path)
		return false;
	char *dir = xstrdup(path);
	*strrchr(dir, '/') = 0;
	char *parent = xstrdup(dir);
	*strrchr(parent, '/') = 0;
	mkdir(parent, 0700);
	mkdir(dir, 0700);
	char *tmp = xasprintf("%s.tmp", path);
	FILE *fp = fopen(tmp, "w");
	bool ok = fp != NULL;
	if (fp) {
		fputs("# bangfu: the college the dashboard shows (none: all colleges)\n", fp);
		if (name)
			fprintf(fp, "college = %s\n", name);
		ok = fclose(fp) == 0 && rename(tmp, path) == 0;
	}
	free(tmp);
	free(parent);
	free(dir);
	free(path);
	return ok;
}

static int take_college(const void *rec, void *ctx)
{
	dash *d = ctx;
	const college *c = rec;
	d->colleges = xrealloc(d->colleges, (d->ncolleges + 1) * sizeof *d->colleges);
	d->colleges[d->ncolleges++] = xstrdup(c->name ? c->name : "");
	return 0;
}

static int str_order(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void colleges_free(dash *d)
{
	for (size_t i = 0; i < d->ncolleges; i++)
		free(d->colleges[i]);
	free(d->colleges);
	d->colleges = NULL;
	d->ncolleges = 0;
}

/* The college chosen, by its name: its id, or all when there is none. */
static int college_txn(model_txn *t, dash *d, err *e)
{
	colleges_free(d);
	int rc = model_each(t, &college_desc, take_college, d, e);
	if (rc)
		return rc;
	qsort(d->colleges, d->ncolleges, sizeof *d->colleges, str_order);
	d->have_college = false;
	if (!d->college)
		return 0;
	college c;
	rc = college_by_name(t, d->college, &c, e);
	if (rc == E_NOTFOUND)
		return 0;
	if (rc)
		return rc;
	d->college_id = c.m.id;
	d->have_college = true;
	rec_free(&college_desc, &c);
	return 0;
}

static int dash_txn(model_txn *t, void *ctx, err *e)
{
	dash *d = ctx;
	int rc;
	if ((rc = college_txn(t, d, e)))
		return rc;
	const rid *cid = d->have_college ? &d->college_id : NULL;
	if ((rc = model_deadlines_get(t, d->code, cid, d->today, &d->due, e)))
		return rc;
	d->have_semester = d->due.have_semester;
	if ((rc = model_programme_of(t, cid, d->today, &d->prog, e)))
		return rc;
	int y, m, day;
	date_ymd(d->today, &y, &m, &day);
	if ((rc = model_talk_count_of(t, cid, date_from_ymd(y, m, 1), d->today, &d->month_talks,
				      e)))
		return rc;
	d->week0 = monday_of(d->today) - 7 * (WEEKS - 1);
	if ((rc = model_talks_by_week_of(t, cid, d->week0, WEEKS, d->weeks, e)))
		return rc;
	list_begin(&d->overdue);
	row_query q = { d->role, d->today, NULL };
	if ((rc = model_overdue_rows_of(t, &q, cid, OVERDUE_MAX, &d->noverdue, list_add_row,
					&d->overdue, e)))
		return rc;
	list_begin(&d->follow);
	return model_follow_up_rows_of(t, &q, cid, d->today, d->today + FOLLOW_DAYS, FOLLOW_MAX,
				       &d->nfollow, list_add_row, &d->follow, e);
}

static void dash_load(dash *d, ui *u)
{
	err e = { 0 };
	d->today = date_today();
	d->role = ui_role(u);
	ui_semester_current(u, d->code);
	semester_ui_name(d->code, d->semester_name);
	if (model_read(ui_store(u), dash_txn, d, &e) != 0)
		ui_status_error(u, "%s", e.msg);
	d->overdue.total = d->noverdue;   /* the list holds the first OVERDUE_MAX */
	list_end(&d->overdue);
	d->follow.total = d->nfollow;
	list_end(&d->follow);
	d->loaded = true;
}

/* ---- drawing ------------------------------------------------------------- */

/* A deadline as the dashboard says it (due_status_of, model.h). */
static void due_text(const char *what, const due_status *st, char *buf, size_t n,
		     ui_style *style)
{
	char ds[11];
	date_format(st->due, ds);
	*style = UI_NORMAL;
	switch (st->state) {
	case DUE_NONE:
		snprintf(buf, n, _("%s: no date"), what);
		break;
	case DUE_LEFT:
		snprintf(buf, n, _("%s due %s: %d days left"), what, ds, st->days);
		if (st->soon)
			*style = UI_WARN;
		break;
	case DUE_TODAY:
		snprintf(buf, n, _("%s due %s: today"), what, ds);
		*style = UI_WARN;
		break;
	case DUE_OVERDUE:
		snprintf(buf, n, _("%s due %s: OVERDUE by %d days"), what, ds, -st->days);
		*style = UI_ERROR;
		break;
	case DUE_DONE:
		snprintf(buf, n, _("%s due %s: done"), what, ds);
		*style = UI_OK;
		break;
	}
}

/* The weekly bars: each as wide as the largest figure (at least 3
 * columns), so no figure is cut; when 16 such bars do not fit, the most
 * recent weeks that do are shown and the title says how many. */
static void draw_chart(dash *d, int top, int cols, int chart_rows)
{
	static const char *const blocks[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	size_t max = 0, total = 0;
	for (int i = 0; i < WEEKS; i++)
		if (d->weeks[i] > max)
			max = d->weeks[i];
	char num[24];
	int bar = snprintf(num, sizeof num, "%zu", max);
	if (bar < 3)
		bar = 3;
	int bw = bar + 1, x0 = 2;     /* a bar, then a gap */
	int n = (cols - x0 - 1) / bw;
	n = n > WEEKS ? WEEKS : n < 1 ? 1 : n;
	int first = WEEKS - n;
	for (int i = first; i < WEEKS; i++)
		total += d->weeks[i];
	char title[128];
	snprintf(title, sizeof title, _("Talks per week, last %d weeks (%zu in all)"), n, total);
	ui_text(top, 1, cols - 2, title, UI_TITLE);
	for (int k = 0; k < n; k++) {
		int w = first + k, x = x0 + k * bw;
		size_t v = d->weeks[w];
		int eighths = max ? (int)((v * chart_rows * 8 + max / 2) / max) : 0;
		if (v && !eighths)
			eighths = 1;
		for (int r = 0; r < chart_rows; r++) {
			int c = eighths - (chart_rows - 1 - r) * 8;
			c = c < 0 ? 0 : c > 8 ? 8 : c;
			char cell[64] = "";
			for (int b = 0; b < bar; b++)
				strcat(cell, blocks[c]);
			ui_text(top + 1 + r, x, bar, cell, UI_OK);
		}
		snprintf(num, sizeof num, "%zu", v);
		ui_text_right(top + 1 + chart_rows, x, bar, num, UI_DIM);
		if (k % 4 == 0) {
			char ds[11];
			date_format(d->week0 + 7 * w, ds);
			ui_text(top + 2 + chart_rows, x, 6, ds + 5, UI_DIM);
		}
	}
}

static void dash_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	dash *d = sc->state;
	if (ui_db_changed(u, &d->since) || !d->loaded || d->today != date_today())
		dash_load(d, u);
	for (int r = 0; r < rows; r++)
		ui_fill(top + r, 0, cols, UI_NORMAL);
	int y = top;
	char line[512];
	snprintf(line, sizeof line, _("Semester %s (%s) · %s"), d->code, d->semester_name,
		 d->have_college ? d->college : _("all colleges"));
	ui_text(y++, 1, cols - 2, line, UI_TITLE);
	snprintf(line, sizeof line,
		 _("Pairings: %zu   Party members: %zu   Counsellors: %zu   Talks this month: %zu"),
		 d->prog.active_pairings, d->prog.members, d->prog.counsellors, d->month_talks);
	ui_text(y++, 1, cols - 2, line, UI_NORMAL);
	snprintf(line, sizeof line,
		 _("Assisted students: %zu   academic: %zu   financial: %zu   psychological: %zu"),
		 d->prog.targets, d->prog.academic, d->prog.financial, d->prog.psych);
	ui_text(y++, 1, cols - 2, line, UI_NORMAL);
	if (d->have_semester) {
		char a[160], b[160];
		ui_style sa, sb;
		due_text(_("Name list"), &d->due.roster, a, sizeof a, &sa);
		due_text(_("Summary"), &d->due.summary, b, sizeof b, &sb);
		int wa = lay_width(a) + 4;
		if (wa + lay_width(b) <= cols - 2) {
			ui_text(y, 1, wa, a, sa);
			ui_text(y, 1 + wa, cols - 2 - wa, b, sb);
		} else {        /* narrow: one line each */
			ui_text(y++, 1, cols - 2, a, sa);
			ui_text(y, 1, cols - 2, b, sb);
		}
	} else {
		ui_text(y, 1, cols - 2, _("This semester is not set up yet: its due dates are unknown."), UI_WARN);
	}
	y += 2;
	/* follow-ups due: their lines below the overdue pairings, the chart
	 * two rows lower to make room on a small screen */
	int follow = d->nfollow ? (int)(d->nfollow < 3 ? d->nfollow : 3) + 2 : 0;
	int chart_rows = follow && rows < 30 ? CHART_ROWS - 2 : CHART_ROWS;
	if (rows - (y - top) >= chart_rows + 3 + 4 + follow) {
		draw_chart(d, y, cols, chart_rows);
		y += chart_rows + 4;
	}
	int left = rows - (y - top);
	if (left < 3)
		return;
	/* the overdue pairings keep three rows when they can: fewer
	 * follow-ups are listed then (at least one) */
	if (follow && left - follow < 6) {
		int fr = left - 2 - 6;
		follow = (fr < 1 ? 1 : fr) + 2;
	}
	if (follow && left - follow >= 3) {
		int fy = top + rows - follow;
		char fl[256];
		if (d->nfollow > (size_t)(follow - 2))
			snprintf(fl, sizeof fl, _("Follow-ups due in the next %d days: %zu; the soonest %d:"),
				 (int)FOLLOW_DAYS, d->nfollow, follow - 2);
		else
			snprintf(fl, sizeof fl, _("Follow-ups due in the next %d days: %zu"),
				 (int)FOLLOW_DAYS, d->nfollow);
		ui_text(fy, 1, cols - 2, fl, UI_TITLE);
		/* header and rows only: no status line under three rows */
		list_draw(&d->follow, fy + 1, follow - 1, cols);
		left -= follow;
	}
	if (d->noverdue > OVERDUE_MAX)   /* the list stops: say so */
		snprintf(line, sizeof line,
			 _("Overdue pairings: %zu; the %d most overdue are listed (all of them: the pairings list)"),
			 d->noverdue, (int)OVERDUE_MAX);
	else if (d->noverdue)
		snprintf(line, sizeof line, _("Overdue pairings: %zu (no talk for longer than the college allows)"),
			 d->noverdue);
	else
		snprintf(line, sizeof line, "%s", _("Overdue pairings: none"));
	ui_text(y++, 1, cols - 2, line, d->noverdue ? UI_WARN : UI_OK);
	list_draw(&d->overdue, y, left - 1, cols);
}

static const char *dash_title(screen *sc)
{
	(void)sc;
	return _("Dashboard");
}

/* F6: all colleges or one; remembered for the next run. */
static void choose_college(dash *d, ui *u)
{
	const char **items = xcalloc(d->ncolleges + 1, sizeof *items);
	items[0] = _("All colleges");
	for (size_t i = 0; i < d->ncolleges; i++)
		items[i + 1] = d->colleges[i];
	int k = ui_choose(u, _("Show on the dashboard"), items, d->ncolleges + 1);
	if (k >= 0) {
		free(d->college);
		d->college = k > 0 ? xstrdup(items[k]) : NULL;
		if (!pref_save(d->college))
			ui_status_error(u, "%s", _("The choice holds for this run only: the settings file cannot be written."));
		d->loaded = false;
	}
	free(items);
}

static int dash_handle(screen *sc, ui *u, const ui_event *ev)
{
	dash *d = sc->state;
	if (list_handle(&d->overdue, ev))
		return SCREEN_STAY;
	if (ev->type != EV_KEY)
		return SCREEN_PASS;
	const list_row *r = list_selected(&d->overdue);
	char hex[33];
	switch (ev->action) {
	case ACT_LOG_TALK:
		if (r) {
			rid_hex(&r->id, hex);
			push_form(u, "talk", NULL, "pairing_id", hex);
		}
		return SCREEN_STAY;
	case ACT_OPEN:
		if (r) {
			screen *s = scr_record(u, &r->ref);
			if (s)
				ui_push(u, s);
		}
		return SCREEN_STAY;
	case ACT_CHOOSE_COLLEGE:
		choose_college(d, u);
		return SCREEN_STAY;
	case ACT_REFRESH:
		d->loaded = false;
		return SCREEN_PASS;
	default:
		return SCREEN_PASS;
	}
}

static void dash_destroy(screen *sc)
{
	dash *d = sc->state;
	colleges_free(d);
	free(d->college);
	list_free(&d->overdue);
	list_free(&d->follow);
	free(d);
	free(sc);
}

static const action_t dash_bar[] = {
	ACT_HELP, ACT_LOG_TALK, ACT_CHOOSE_COLLEGE, ACT_GO_STUDENTS, ACT_GO_MEMBERS, ACT_GO_PAIRINGS,
	ACT_GO_TALKS, ACT_REPORTS, ACT_QUIT, ACT_NONE,
};
static const action_t dash_extra[] = {
	ACT_OPEN, ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END,
	ACT_REFRESH, ACT_NONE,
};

static const struct screen_ops dash_ops = {
	.name = "dashboard",
	.title = dash_title,
	.bar = dash_bar,
	.draw = dash_draw,
	.handle = dash_handle,
	.destroy = dash_destroy,
	.extra = dash_extra,
};

screen *scr_dashboard(ui *u)
{
	(void)u;
	dash *d = xcalloc(1, sizeof *d);
	d->college = ui_college_pref();
	list_init(&d->overdue, overdue_cols, sizeof overdue_cols / sizeof *overdue_cols, -1, false);
	d->overdue.fixed = true;
	list_init(&d->follow, follow_cols, sizeof follow_cols / sizeof *follow_cols, -1, false);
	d->follow.fixed = true;
	d->follow.passive = true;
	screen *sc = xcalloc(1, sizeof *sc);
	sc->ops = &dash_ops;
	sc->state = d;
	return sc;
}
