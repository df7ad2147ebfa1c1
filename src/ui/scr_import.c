#include "config.h"
/* scr_import.c — data in at any time: choose the kind of file (students,
 * counsellors, pairings, talks, aid), choose or type its path, see a
 * preview — its first rows, and from a dry run every error, or what the
 * import would create and every change to a student already there — before
 * anything is written, confirm, and see the counts.
 *
 * The preview is model_import_ex with dry_run (all rows checked, then
 * rolled back); only after the user has seen it and pressed Enter is the
 * same import run for real. Students are imported with update: a roster
 * adds the new students and changes the existing ones, each change listed
 * in the preview. The import menu (F12, or from the reports page) opens it
 * without a kind; the first-run page opens it with one. */
#include <curses.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/import.h"
#include "ui/layout.h"
#include "ui/ui.h"
#include "util/csv.h"
#include "util/i18n.h"

enum { PREVIEW_ROWS = 5, MAX_FILES = 200 };

static const char *const kind_text[] = {
	N_("Students — a roster: adds new students, updates those already there"),
	N_("Counsellors"),
	N_("Pairings"),
	N_("Talks"),
	N_("Material aid"),
};
#define NKINDS (sizeof kind_text / sizeof kind_text[0])

typedef enum stage { ST_KINDS, ST_PREVIEW, ST_DONE } stage;

typedef struct line {
	char *text;
	ui_style style;
	bool cut;              /* a table row: cut at the width, not wrapped */
} line;

typedef struct imp {
	stage st;
	bool fixed_kind;       /* opened for one kind: closes when done */
	int sel;               /* ST_KINDS: the kind chosen */
	char *path;            /* the file of the preview */
	char *last_dir;        /* where the last file was, for the next prompt */
	bool can_import;       /* the dry run found no error */
	line *lines;           /* ST_PREVIEW, ST_DONE */
	size_t nlines, top;
	int y_items;
} imp;

static const char *kind_name(const imp *m)
{
	return import_kinds[m->sel];
}

/* ---- the lines shown ------------------------------------------------------- */

static void lines_free(imp *m)
{
	for (size_t i = 0; i < m->nlines; i++)
		free(m->lines[i].text);
	free(m->lines);
	m->lines = NULL;
	m->nlines = m->top = 0;
}

static void add(imp *m, ui_style st, bool cut, char *text)
{
	m->lines = xrealloc(m->lines, (m->nlines + 1) * sizeof *m->lines);
	m->lines[m->nlines++] = (line){ text, st, cut };
}

/* A cell on one line: line ends as "⏎". malloc'd. */
static char *one_line(const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += *p == '\n' ? 3 : 1;
	char *out = xmalloc(n + 1), *o = out;
	for (const char *p = s; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n') {
			memcpy(o, "⏎", 3);
			o += 3;
		} else {
			*o++ = *p;
		}
	}
	*o = 0;
	return out;
}

/* The header and the first rows of the file as a table of `cols` columns. */
static void add_table(imp *m, const csv_table *tb, int cols)
{
	size_t nrows = tb->nrows < PREVIEW_ROWS + 1 ? tb->nrows : PREVIEW_ROWS + 1;
	size_t nf = 0;
	for (size_t i = 0; i < nrows; i++)
		if (tb->rows[i].nfields > nf)
			nf = tb->rows[i].nfields;
	if (!nf)
		return;
	lay_col *lc = xcalloc(nf, sizeof *lc);
	char ***cell = xcalloc(nrows, sizeof *cell);
	for (size_t i = 0; i < nrows; i++) {
		cell[i] = xcalloc(nf, sizeof **cell);
		for (size_t j = 0; j < nf; j++) {
			cell[i][j] = one_line(j < tb->rows[i].nfields ? tb->rows[i].fields[j] : "");
			int w = lay_width(cell[i][j]);
			if (w > lc[j].want)
				lc[j].want = w;
		}
	}
	/* short cells (numbers, dates, choices) whole; long text shares
	 * what is left */
	for (size_t j = 0; j < nf; j++) {
		lc[j].min = lc[j].want < 4 ? lc[j].want : 4;
		lc[j].flex = lc[j].want > 14;
	}
	lay_columns(lc, nf, cols, 1);
	for (size_t i = 0; i < nrows; i++) {
		size_t cap = 1;
		for (size_t j = 0; j < nf; j++)
			cap += strlen(cell[i][j]) + (size_t)lc[j].width + 8;
		char *row = xmalloc(cap);
		row[0] = 0;
		for (size_t j = 0; j < nf; j++) {
			if (!lc[j].width)
				continue;
			char *f = lay_fit(cell[i][j], lc[j].width);
			if (row[0])
				strcat(row, " ");
			strcat(row, f);
			free(f);
		}
		add(m, i == 0 ? UI_HEADER : UI_NORMAL, true, row);
		for (size_t j = 0; j < nf; j++)
			free(cell[i][j]);
		free(cell[i]);
	}
	free(cell);
	free(lc);
}

/* "学生 9，党员 4 …": the counts that are not 0, translated. malloc'd. */
static char *counts_text(const import_result *r)
{
	const struct { const char *label; size_t n; } c[] = {
		{ N_("colleges"), r->colleges }, { N_("semesters"), r->semesters },
		{ N_("students"), r->students }, { N_("party members"), r->members },
		{ N_("assisted students"), r->targets }, { N_("counsellors"), r->counsellors },
		{ N_("pairings"), r->pairings }, { N_("talks"), r->talks },
		{ N_("aid records"), r->aid },
	};
	char *s = xstrdup("");
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		if (!c[i].n)
			continue;
		char *t = xasprintf("%s%s%s %zu", s, *s ? _(", ") : "", _(c[i].label), c[i].n);
		free(s);
		s = t;
	}
	if (!*s) {
		free(s);
		s = xstrdup(_("nothing new"));
	}
	return s;
}

/* ---- the steps --------------------------------------------------------------- */

static int name_order(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The CSV files of the current folder, sorted (at most MAX_FILES). */
static size_t csv_files(char ***out)
{
	size_t n = 0;
	char **v = NULL;
	DIR *d = opendir(".");
	struct dirent *de;
	while (d && n < MAX_FILES && (de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len > 4 && de->d_name[0] != '.' &&
		    strcasecmp(de->d_name + len - 4, ".csv") == 0) {
			v = xrealloc(v, (n + 1) * sizeof *v);
			v[n++] = xstrdup(de->d_name);
		}
	}
	if (d)
		closedir(d);
	if (n)
		qsort(v, n, sizeof *v, name_order);
	*out = v;
	return n;
}

/* The file to import: one of the current folder's CSV files, or a path
 * typed. malloc'd; NULL when cancelled. */
static char *ask_path(imp *m, ui *u)
{
	char **files;
	size_t n = csv_files(&files);
	char *path = NULL;
	int k = 0;
	if (n) {
		const char **items = xcalloc(n + 1, sizeof *items);
		items[0] = _("Type a path …");
		for (size_t i = 0; i < n; i++)
			items[i + 1] = files[i];
		k = ui_choose(u, _("The CSV file to import"), items, n + 1);
		free(items);
		if (k > 0)
			path = xstrdup(files[k - 1]);
	}
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	if (k < 0)
		return NULL;
	if (!path)
		path = ui_prompt(u, _("Path of the CSV file:"), m->last_dir ? m->last_dir : "");
	if (path && !*path) {
		free(path);
		path = NULL;
	}
	return path;
}

static void remember_dir(imp *m, const char *path)
{
	const char *slash = strrchr(path, '/');
	free(m->last_dir);
	m->last_dir = slash ? xstrndup(path, (size_t)(slash - path) + 1) : NULL;
}

/* Reads the first rows and dry-runs the import: the preview. */
static void preview(imp *m, ui *u, char *path, int cols)
{
	lines_free(m);
	free(m->path);
	m->path = path;
	remember_dir(m, path);
	m->st = ST_PREVIEW;
	m->can_import = false;

	csv_table tb = { 0 };
	errlist cerr = { 0 };
	if (csv_read_file(path, &tb, &cerr) == 0) {
		add(m, UI_NORMAL, false, xasprintf(_("%s (%s): %zu rows; the first ones:"), path,
						   tb.encoding, tb.nrows ? tb.nrows - 1 : 0));
		add_table(m, &tb, cols);
	}
	csv_table_free(&tb);
	errlist_free(&cerr);

	bool students = strcmp(kind_name(m), "students") == 0;
	errlist changes = { 0 }, errs = { 0 };
	import_opts o = { .kind = kind_name(m), .path = path, .dry_run = true,
			  .update = students, .changes = students ? &changes : NULL };
	import_result res = { 0 };
	err e = { 0 };
	int rc = model_import_ex(ui_store(u), &o, &res, &errs, &e);
	add(m, UI_NORMAL, false, xstrdup(""));
	if (rc == 0) {
		m->can_import = true;
		char *c = counts_text(&res);
		add(m, UI_OK, false, xasprintf(_("No errors. Importing %zu rows will create: %s."),
					       res.rows, c));
		free(c);
		if (res.updated || res.unchanged)
			add(m, UI_OK, false,
			    xasprintf(_("Students already there: %zu to change, %zu unchanged."),
				      res.updated, res.unchanged));
		add(m, UI_TITLE, false, xstrdup(_("Press Enter to import, Esc to cancel.")));
		if (changes.n)
			add(m, UI_NORMAL, false, xstrdup(_("What changes in the students already there:")));
		for (size_t i = 0; i < changes.n; i++)
			add(m, UI_NORMAL, false, xstrdup(changes.msg[i]));
	} else {
		add(m, UI_ERROR, false,
		    xasprintf(ngettext("%zu error; nothing will be written. Fix the file and import it again:",
				       "%zu errors; nothing will be written. Fix the file and import it again:",
				       errs.n ? errs.n : 1),
			      errs.n ? errs.n : 1));
		for (size_t i = 0; i < errs.n; i++)
			add(m, UI_ERROR, false, xstrdup(errs.msg[i]));
		if (!errs.n)
			add(m, UI_ERROR, false, xstrdup(e.msg));
		add(m, UI_TITLE, false, xstrdup(_("Press Esc to go back.")));
	}
	errlist_free(&changes);
	errlist_free(&errs);
}

static void run_import(imp *m, ui *u)
{
	bool students = strcmp(kind_name(m), "students") == 0;
	errlist errs = { 0 };
	import_opts o = { .kind = kind_name(m), .path = m->path, .update = students };
	import_result res = { 0 };
	err e = { 0 };
	int rc = model_import_ex(ui_store(u), &o, &res, &errs, &e);
	if (rc != 0) {
		/* the file or the data changed since the preview */
		ui_status_error(u, "%s", errs.n ? errs.msg[0] : e.msg);
		errlist_free(&errs);
		return;
	}
	errlist_free(&errs);
	lines_free(m);
	m->st = ST_DONE;
	char *c = counts_text(&res);
	add(m, UI_OK, false, xasprintf(_("Imported %zu rows from %s. Created: %s."), res.rows,
				       m->path, c));
	free(c);
	if (res.updated)
		add(m, UI_OK, false, xasprintf(_("Students changed: %zu."), res.updated));
	add(m, UI_NORMAL, false, xstrdup(""));
	add(m, UI_TITLE, false, xstrdup(m->fixed_kind ? _("Press Enter or Esc to go back.")
						      : _("Press Enter or Esc to import another file.")));
}

/* ---- the screen ---------------------------------------------------------------- */

static const char *imp_title(screen *sc)
{
	(void)sc;
	return _("Import data");
}

static void draw_lines(imp *m, int top, int rows, int cols)
{
	int w = cols - 4, y = top + 1;
	ui_text(y++, 2, w, m->st == ST_DONE ? _("Import done") :
		m->can_import ? _("Import preview: nothing has been written yet")
			      : _("Import preview: nothing will be written"), UI_TITLE);
	y++;
	int room = rows - (y - top);
	if (room < 1)
		return;
	if (m->top + (size_t)room > m->nlines)
		m->top = m->nlines > (size_t)room ? m->nlines - (size_t)room : 0;
	for (size_t i = m->top; i < m->nlines && y < top + rows; i++) {
		if (m->lines[i].cut) {
			ui_text(y++, 2, w, m->lines[i].text, m->lines[i].style);
			continue;
		}
		size_t n;
		char **l = lay_wrap(m->lines[i].text, w, &n);
		for (size_t j = 0; j < n && y < top + rows; j++)
			ui_text(y++, 2, w, l[j], m->lines[i].style);
		lay_lines_free(l, n);
	}
}

static void imp_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	imp *m = sc->state;
	(void)u;
	for (int i = 0; i < rows; i++)
		ui_fill(top + i, 0, cols, UI_NORMAL);
	if (m->st != ST_KINDS) {
		draw_lines(m, top, rows, cols);
		return;
	}
	int w = cols - 4, y = top + 1;
	ui_text(y++, 2, w, _("Import a CSV file: choose what it holds. Every row is checked "
			     "and shown before anything is written."), UI_TITLE);
	y++;
	m->y_items = y;
	for (int i = 0; i < (int)NKINDS && y < top + rows; i++, y++) {
		char *s = xasprintf("%s %d. %s", i == m->sel ? ">" : " ", i + 1, _(kind_text[i]));
		ui_text(y, 2, w, s, i == m->sel ? UI_SELECTED : UI_NORMAL);
		free(s);
	}
	y++;
	char cols_text[512];
	import_columns_text(kind_name(m), cols_text, sizeof cols_text);
	if (y < top + rows)
		ui_text(y++, 2, w, _("Its columns (* required; Chinese or English names, any order):"),
			UI_DIM);
	size_t n;
	char **l = lay_wrap(cols_text, w - 2, &n);
	for (size_t j = 0; j < n && y < top + rows; j++)
		ui_text(y++, 4, w - 2, l[j], UI_NORMAL);
	lay_lines_free(l, n);
	y++;
	if (y < top + rows)
		ui_text(y, 2, w, _("Up/Down choose, Enter picks the file. UTF-8 or GB18030, as Excel "
				   "or WPS saves it."), UI_DIM);
}

static int kinds_handle(imp *m, ui *u, const ui_event *ev)
{
	switch (ev->action) {
	case ACT_UP:
		m->sel = (m->sel + (int)NKINDS - 1) % (int)NKINDS;
		return SCREEN_STAY;
	case ACT_DOWN:
		m->sel = (m->sel + 1) % (int)NKINDS;
		return SCREEN_STAY;
	case ACT_OPEN: {
		char *path = ask_path(m, u);
		if (path)
			preview(m, u, path, COLS - 4);
		return SCREEN_STAY;
	}
	default:
		return SCREEN_PASS;
	}
}

/* Back from a preview or the counts: to the kinds, or out when the screen
 * was opened for one kind. */
static int back(imp *m)
{
	lines_free(m);
	if (m->fixed_kind)
		return SCREEN_CLOSE;
	m->st = ST_KINDS;
	return SCREEN_STAY;
}

static int imp_handle(screen *sc, ui *u, const ui_event *ev)
{
	imp *m = sc->state;
	if (ev->type == EV_MOUSE) {
		if (m->st != ST_KINDS || ev->button != 1)
			return SCREEN_PASS;
		int i = ev->y - m->y_items;
		if (i < 0 || i >= (int)NKINDS)
			return SCREEN_PASS;
		m->sel = i;
		return SCREEN_STAY;
	}
	if (ev->type != EV_KEY)
		return SCREEN_PASS;
	if (m->st == ST_KINDS)
		return kinds_handle(m, u, ev);
	switch (ev->action) {
	case ACT_OPEN:
		if (m->st == ST_DONE)
			return back(m);
		if (m->can_import)
			run_import(m, u);
		return SCREEN_STAY;
	case ACT_BACK:
		return back(m);
	case ACT_DOWN: case ACT_PAGE_DOWN:
		m->top += ev->action == ACT_DOWN ? 1 : 10;
		return SCREEN_STAY;
	case ACT_UP: case ACT_PAGE_UP: {
		size_t n = ev->action == ACT_UP ? 1 : 10;
		m->top = m->top > n ? m->top - n : 0;
		return SCREEN_STAY;
	}
	case ACT_HOME:
		m->top = 0;
		return SCREEN_STAY;
	default:
		return SCREEN_PASS;
	}
}

static void imp_destroy(screen *sc)
{
	imp *m = sc->state;
	lines_free(m);
	free(m->path);
	free(m->last_dir);
	free(m);
	free(sc);
}

static const action_t imp_bar[] = { ACT_HELP, ACT_OPEN, ACT_BACK, ACT_QUIT, ACT_NONE };
static const action_t imp_extra[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_NONE,
};

static const struct screen_ops imp_ops = {
	.name = "import",
	.title = imp_title,
	.bar = imp_bar,
	.draw = imp_draw,
	.handle = imp_handle,
	.destroy = imp_destroy,
	.extra = imp_extra,
};

screen *scr_import(ui *u, const char *kind)
{
	(void)u;
	imp *m = xcalloc(1, sizeof *m);
	for (int i = 0; kind && import_kinds[i]; i++)
		if (strcmp(import_kinds[i], kind) == 0) {
			m->sel = i;
			m->fixed_kind = true;
		}
	screen *sc = xcalloc(1, sizeof *sc);
	sc->ops = &imp_ops;
	sc->state = m;
	return sc;
}

bool ui_import_kind(ui *u, const char *kind)
{
	screen *sc = scr_import(u, kind);
	imp *m = sc->state;
	char *path = ask_path(m, u);
	if (!path) {
		imp_destroy(sc);
		return false;
	}
	preview(m, u, path, COLS - 4);
	ui_push(u, sc);
	return true;
}
