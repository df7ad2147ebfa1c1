#include "config.h"
/* scr_reports.c — the reports screen (F9): choose a college and a semester,
 * export the pairing name list (Appendix 1), draft the semester summary from the
 * data and edit it (a soft-wrapping multi-line editor with the live 字数 in
 * the status line), store it, mark it final (the model refuses under 1000
 * 字), open the semester's due dates in the semester form, and open the
 * import menu (scr_import.c: data in at any time).
 *
 * Two modes on one screen: the menu and the editor; each has its own
 * screen_ops (key bar and actions), switched by changing sc->ops. */
#include <curses.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "ui/edit.h"
#include "ui/layout.h"
#include "ui/ui.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/text.h"

enum item {
	IT_COLLEGE, IT_SEMESTER, IT_ROSTER, IT_DRAFT, IT_EDIT, IT_FINAL, IT_EXPORT, IT_DUES, IT_SCHOOL,
	IT_NEW_SEMESTER, IT_SETTINGS, IT_OVERVIEW, IT_IMPORT, IT_BACKUPS,
	IT__COUNT
};

typedef struct rep {
	/* choices */
	char **colleges;
	size_t ncolleges;
	int college;               /* index into colleges, -1 none */
	char semester[SEMESTER_CODE_MAX];
	bool follow_current;       /* the current semester, until one is chosen */
	int sel;                   /* menu item */
	/* what the database says (reloaded when it changes) */
	uint64_t since;
	bool loaded;
	bool have_sem;
	rid sem_id;
	model_deadlines due;       /* the semester's, for the chosen college */
	bool have_summary, final;
	char *school;              /* "" when unset */
	size_t stored_zishu;
	/* the editor */
	edit ed;
	bool dirty;                /* typed since the last save */
	bool readonly;             /* a final text: shown, not edited */
	size_t vscroll;
	int goal;                  /* column kept by up/down; -1 none */
	char note[512];
	bool note_error;
} rep;

static const struct screen_ops menu_ops, editor_ops, viewer_ops;

static const char *college_name(const rep *r)
{
	return r->college >= 0 && (size_t)r->college < r->ncolleges ? r->colleges[r->college] : NULL;
}

static void set_note(rep *r, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_note(rep *r, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->note, sizeof r->note, fmt, ap);
	va_end(ap);
	r->note_error = error;
}

/* ---- loading ------------------------------------------------------------ */

static int take_college(const void *rec, void *ctx)
{
	const college *c = rec;
	rep *r = ctx;
	r->colleges = xrealloc(r->colleges, (r->ncolleges + 1) * sizeof *r->colleges);
	r->colleges[r->ncolleges++] = xstrdup(c->name ? c->name : "");
	return 0;
}

static int str_order(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_txn(model_txn *t, void *ctx, err *e)
{
	rep *r = ctx;
	char *keep = college_name(r) ? xstrdup(college_name(r)) : NULL;
	for (size_t i = 0; i < r->ncolleges; i++)
		free(r->colleges[i]);
	free(r->colleges);
	r->colleges = NULL;
	r->ncolleges = 0;
	int rc = model_each(t, &college_desc, take_college, r, e);
	if (rc) {
		free(keep);
		return rc;
	}
	qsort(r->colleges, r->ncolleges, sizeof *r->colleges, str_order);
	r->college = r->ncolleges == 1 ? 0 : -1;
	for (size_t i = 0; keep && i < r->ncolleges; i++)
		if (strcmp(r->colleges[i], keep) == 0)
			r->college = (int)i;
	free(keep);

	free(r->school);
	r->school = NULL;
	if ((rc = model_school_get(t, &r->school, e)) != 0)
		return rc;
	r->have_summary = r->final = false;
	/* the deadlines of the chosen college (its summary), else of all */
	college c;
	bool have_college = false;
	if (college_name(r)) {
		if ((rc = college_by_name(t, college_name(r), &c, e)) != 0 && rc != E_NOTFOUND)
			return rc;
		have_college = rc == 0;
	}
	rc = model_deadlines_get(t, r->semester, have_college ? &c.m.id : NULL, date_today(),
				 &r->due, e);
	if (rc) {
		if (have_college)
			rec_free(&college_desc, &c);
		return rc;
	}
	r->have_sem = r->due.have_semester;
	r->sem_id = r->due.semester_id;
	if (!have_college)
		return 0;
	summary sm;
	rc = r->have_sem ? summary_find(t, &c.m.id, &r->sem_id, &sm, e) : E_NOTFOUND;
	rec_free(&college_desc, &c);
	if (rc != 0 && rc != E_NOTFOUND)
		return rc;
	if (rc == 0) {
		r->have_summary = true;
		r->final = sm.final != 0;
		r->stored_zishu = text_zishu(sm.text ? sm.text : "");
		rec_free(&summary_desc, &sm);
	}
	err_clear(e);
	return 0;
}

static void load(rep *r, ui *u)
{
	err e = { 0 };
	if (r->follow_current)       /* a new semester started meanwhile */
		ui_semester_current(u, r->semester);
	if (model_read(ui_store(u), load_txn, r, &e) != 0)
		set_note(r, true, "%s", e.msg);
	r->loaded = true;
}

/* ---- the editor's layout: soft-wrapped visual lines ----------------------- */

typedef struct vlines {
	size_t *start;             /* index of each visual line's first character */
	size_t n;
} vlines;

static void vl_build(const edit *ed, int width, vlines *v)
{
	size_t cap = 64;
	int col = 0;
	if (width < 2)
		width = 2;
	v->start = xmalloc(cap * sizeof *v->start);
	v->n = 0;
	v->start[v->n++] = 0;
	for (size_t i = 0; i < ed->len; i++) {
		wchar_t c = ed->buf[i];
		bool brk = false;
		size_t at = i + 1;
		if (c == L'\n') {
			brk = true;
		} else {
			int w = lay_wcwidth(c);
			if (col + w > width && col > 0) {
				brk = true;
				at = i;
				col = 0;
				/* No line starts with a closing mark (，。、) : the
				 * character before it goes down with it. */
				if (wcschr(L"，。、；：？！）」』”’》〉…", c) &&
				    i > v->start[v->n - 1] + 1 && ed->buf[i - 1] != L'\n') {
					at = i - 1;
					col = lay_wcwidth(ed->buf[i - 1]);
				}
			}
			col += w;
			if (brk) {
				if (v->n == cap)
					v->start = xrealloc(v->start, (cap *= 2) * sizeof *v->start);
				v->start[v->n++] = at;
				continue;
			}
		}
		if (brk) {
			col = 0;
			if (v->n == cap)
				v->start = xrealloc(v->start, (cap *= 2) * sizeof *v->start);
			v->start[v->n++] = at;
		}
	}
}

/* End (exclusive, without a '\n') of visual line r. */
static size_t vl_end(const edit *ed, const vlines *v, size_t r)
{
	if (r + 1 >= v->n)
		return ed->len;
	size_t e = v->start[r + 1];
	if (e > v->start[r] && ed->buf[e - 1] == L'\n')
		e--;
	return e;
}

static size_t vl_row(const vlines *v, size_t cur)
{
	size_t r = 0;
	while (r + 1 < v->n && v->start[r + 1] <= cur)
		r++;
	return r;
}

static int vl_col(const edit *ed, const vlines *v, size_t row, size_t cur)
{
	return lay_wswidth(ed->buf + v->start[row], cur - v->start[row]);
}

/* The character index in visual line row nearest to column col. */
static size_t vl_index(const edit *ed, const vlines *v, size_t row, int col)
{
	size_t i = v->start[row], end = vl_end(ed, v, row);
	int w = 0;
	while (i < end) {
		int cw = lay_wcwidth(ed->buf[i]);
		if (w + cw > col)
			break;
		w += cw;
		i++;
	}
	return i;
}

static int editor_width(void)
{
	return COLS > 4 ? COLS - 2 : 2;
}

/* ---- actions -------------------------------------------------------------- */

struct roster_job {
	rep *r;
	roster_layout l;
	roster_doc doc;
};

static int rep_roster_txn(model_txn *t, void *ctx, err *e)
{
	struct roster_job *j = ctx;
	roster_doc_free(&j->doc);
	return roster_build(t, &j->l, college_name(j->r), j->r->semester, &j->doc, e);
}

static char *forms_file(ui *u, const char *name)
{
	const char *d = ui_forms_dir(u);
	return d ? xasprintf("%s/%s", d, name) : report_forms_path(name);
}

static void export_roster(rep *r, ui *u)
{
	static const char *const fmts[] = { "XLSX (Excel, WPS)", "CSV", "Markdown" };
	static const roster_format fv[] = { ROSTER_XLSX, ROSTER_CSV, ROSTER_MD };
	static const char *const ext[] = { "xlsx", "csv", "md" };
	int k = ui_choose(u, _("Format of the name list"), fmts, 3);
	if (k < 0)
		return;
	char *def = xasprintf("结对帮扶名单-%s-%s.%s", college_name(r), r->semester, ext[k]);
	char *path = ui_prompt(u, _("Write the name list to the file"), def);
	free(def);
	if (!path || !*path) {
		free(path);
		return;
	}
	struct roster_job j = { r, { 0 }, { 0 } };
	err e = { 0 };
	char *tpl = forms_file(u, "roster.tpl");
	int rc = roster_layout_load(tpl, &j.l, &e);
	free(tpl);
	if (!rc)
		rc = model_read(ui_store(u), rep_roster_txn, &j, &e);
	if (!rc)
		rc = roster_save(&j.doc, fv[k], path, &e);
	if (rc)
		set_note(r, true, "%s", e.msg);
	else {
		char *abs = paths_absolute(path);
		set_note(r, false, ngettext("Wrote %s (%zu pairing).", "Wrote %s (%zu pairings).",
					    j.doc.nrows), abs, j.doc.nrows);
		free(abs);
	}
	roster_doc_free(&j.doc);
	roster_layout_free(&j.l);
	free(path);
}

struct draft_job {
	rep *r;
	char *tpl, *text;
};

static int draft_txn(model_txn *t, void *ctx, err *e)
{
	struct draft_job *j = ctx;
	free(j->text);
	j->text = NULL;
	return summary_draft(t, j->tpl, college_name(j->r), j->r->semester, SUMMARY_TXT, &j->text, e);
}

static void open_editor(screen *sc, rep *r, const char *text)
{
	edit_set(&r->ed, text);
	r->ed.cur = 0;
	r->vscroll = 0;
	r->goal = -1;
	r->dirty = false;
	r->readonly = false;
	sc->ops = &editor_ops;
}

static void draft_summary(screen *sc, rep *r, ui *u)
{
	if (r->final) {
		set_note(r, true, "%s", _("The stored summary is final: reopen it before drafting a new one."));
		return;
	}
	if (r->have_summary &&
	    !ui_confirm(u, _("A summary is stored for this college and semester. Start again from a new draft (the stored text stays until you save)?")))
		return;
	struct draft_job j = { r, forms_file(u, "summary.tpl"), NULL };
	err e = { 0 };
	int rc = model_read(ui_store(u), draft_txn, &j, &e);
	free(j.tpl);
	if (rc) {
		set_note(r, true, "%s", e.msg);
		free(j.text);
		return;
	}
	open_editor(sc, r, j.text);
	r->dirty = true;    /* a new draft is not stored yet */
	free(j.text);
}

enum sum_mode { SUM_SAVE, SUM_FINAL, SUM_REOPEN };

struct sum_job {
	rep *r;
	const char *text;          /* NULL: keep the stored text */
	enum sum_mode mode;
	bool missing;
	size_t zishu;
	char *loaded;              /* load: the stored text */
};

static int sum_store_txn(model_txn *t, void *ctx, err *e)
{
	struct sum_job *j = ctx;
	summary sm;
	int rc = summary_of(t, college_name(j->r), j->r->semester, &sm, e);
	j->missing = rc == E_NOTFOUND;
	if (rc != 0 && rc != E_NOTFOUND)
		return rc;
	if (j->missing && !j->text)
		return err_set(e, E_INPUT, "%s", _("No summary is stored yet: draft one and save it (F2) first."));
	if (j->text) {
		/* the model refuses a new text for a final summary */
		free(sm.text);
		sm.text = xstrdup(j->text);
	}
	if (j->mode == SUM_FINAL)
		sm.final = 1;
	else if (j->mode == SUM_REOPEN)
		sm.final = 0;
	j->zishu = text_zishu(sm.text ? sm.text : "");
	rc = summary_save(t, &sm, e);
	rec_free(&summary_desc, &sm);
	return rc;
}

static int sum_load_txn(model_txn *t, void *ctx, err *e)
{
	struct sum_job *j = ctx;
	summary sm;
	int rc = summary_of(t, college_name(j->r), j->r->semester, &sm, e);
	if (rc == E_NOTFOUND)
		return err_set(e, E_INPUT, "%s", _("No summary is stored yet: draft one first."));
	if (rc)
		return rc;
	free(j->loaded);
	j->loaded = xstrdup(sm.text ? sm.text : "");
	rec_free(&summary_desc, &sm);
	return 0;
}

static void save_summary(rep *r, ui *u)
{
	char *text = edit_get(&r->ed);
	struct sum_job j = { r, text, SUM_SAVE, false, 0, NULL };
	err e = { 0 };
	if (model_write(ui_store(u), sum_store_txn, &j, &e) != 0) {
		set_note(r, true, "%s", e.msg);
	} else {
		r->dirty = false;
		set_note(r, false, _("Saved (%zu characters), as a draft: mark it final from the reports menu."),
			 j.zishu);
	}
	free(text);
}

/* The menu's final item: mark the stored summary final, or reopen a final
 * one, each after a question that says what follows. */
static void mark_final(rep *r, ui *u)
{
	bool reopen = r->final;
	char *q = reopen
		  ? xasprintf(_("Reopen the final summary of %s, %s? It becomes a draft that can be edited, and must be marked final again to count as handed in."),
			      college_name(r), r->semester)
		  : xasprintf(_("Mark the summary of %s, %s final? A final summary is what is handed in: it is read-only until it is reopened."),
			      college_name(r), r->semester);
	/* under 1000 字 the model's refusal says what is missing: no question */
	bool yes = !reopen && r->stored_zishu < SUMMARY_MIN_ZISHU ? true : ui_confirm(u, q);
	free(q);
	if (!yes)
		return;
	struct sum_job j = { r, NULL, reopen ? SUM_REOPEN : SUM_FINAL, false, 0, NULL };
	err e = { 0 };
	if (model_write(ui_store(u), sum_store_txn, &j, &e) != 0)
		set_note(r, true, "%s", e.msg);
	else if (reopen)
		set_note(r, false, _("The summary (%zu characters) is a draft again: edit it, then mark it final."),
			 j.zishu);
	else
		set_note(r, false, _("The summary (%zu characters) is final."), j.zishu);
}

/* The saved (or final) text out as the document to hand in. */
static void export_summary(rep *r, ui *u)
{
	struct sum_job j = { r, NULL, SUM_SAVE, false, 0, NULL };
	err e = { 0 };
	if (model_read(ui_store(u), sum_load_txn, &j, &e) != 0) {
		set_note(r, true, "%s", e.msg);
		return;
	}
	static const char *const fmts[] = { "TXT", "Markdown" };
	static const summary_format fv[] = { SUMMARY_TXT, SUMMARY_MD };
	static const char *const ext[] = { "txt", "md" };
	int k = ui_choose(u, _("Format of the summary"), fmts, 2);
	char *path = NULL;
	if (k >= 0) {
		char *def = xasprintf("学期总结-%s-%s.%s", college_name(r), r->semester, ext[k]);
		path = ui_prompt(u, _("Write the summary to the file"), def);
		free(def);
	}
	if (path && *path) {
		if (summary_text_save(j.loaded, fv[k], path, &e) != 0) {
			set_note(r, true, "%s", e.msg);
		} else {
			char *abs = paths_absolute(path);
			set_note(r, false, _("Wrote %s (%zu characters)."), abs, text_zishu(j.loaded));
			free(abs);
		}
	}
	free(path);
	free(j.loaded);
}

static void edit_stored(screen *sc, rep *r, ui *u)
{
	struct sum_job j = { r, NULL, SUM_SAVE, false, 0, NULL };
	err e = { 0 };
	if (model_read(ui_store(u), sum_load_txn, &j, &e) != 0) {
		set_note(r, true, "%s", e.msg);
		return;
	}
	open_editor(sc, r, j.loaded);
	r->readonly = r->final;
	if (r->readonly)
		sc->ops = &viewer_ops;
	free(j.loaded);
}

static void choose_college(rep *r, ui *u)
{
	if (!r->ncolleges) {
		set_note(r, true, "%s", _("There is no college yet: create one first."));
		return;
	}
	int k = ui_choose(u, _("College"), (const char *const *)r->colleges, r->ncolleges);
	if (k >= 0) {
		r->college = k;
		r->loaded = false;
	}
}

static void choose_semester(rep *r, ui *u)
{
	char *s = ui_prompt(u, _("Semester (like 2025-2026-2)"), r->semester);
	if (!s)
		return;
	semester_span sp;
	char *clean = text_clean(s);
	if (!semester_parse(clean, &sp))
		set_note(r, true, _("'%s' is not a semester code such as 2025-2026-2"), clean);
	else {
		snprintf(r->semester, sizeof r->semester, "%s", clean);
		r->follow_current = false;
		r->loaded = false;
	}
	free(clean);
	free(s);
}

struct school_job {
	const char *name;
};

static int school_txn(model_txn *t, void *ctx, err *e)
{
	struct school_job *j = ctx;
	return model_school_set(t, j->name, e);
}

static void set_school(rep *r, ui *u)
{
	char *s = ui_prompt(u, _("The school's name, for the documents' titles"),
			    r->school ? r->school : "");
	if (!s)
		return;
	struct school_job j = { s };
	err e = { 0 };
	if (model_write(ui_store(u), school_txn, &j, &e) != 0)
		set_note(r, true, "%s", e.msg);
	else
		r->loaded = false;
	free(s);
}

static void open_dues(rep *r, ui *u)
{
	bool opened = r->have_sem ? push_form(u, "semester", &r->sem_id, NULL, NULL)
				  : push_form(u, "semester", NULL, "code", r->semester);
	if (opened) {
		r->loaded = false;
	} else {
		set_note(r, true, "%s", _("The semester form cannot be opened."));
	}
}

/* ---- the menu --------------------------------------------------------------- */

/* The items that open other pages: the semester review, the college's
 * settings. */
static void more_item(int i, char *line, size_t n)
{
	snprintf(line, n, "%s", i == IT_NEW_SEMESTER ? _("Start a new semester …")
						    : _("College settings and counsellors …"));
}

static void more_open(rep *r, ui *u)
{
	screen *sc = r->sel == IT_NEW_SEMESTER ? scr_review(u) : scr_college(u);
	if (sc)
		ui_push(u, sc);
	r->loaded = false;
}

/* A deadline as the reports screen says it (due_status_of, model.h). */
static void due_text(char *buf, size_t n, const char *what, const due_status *st,
		     ui_style *style)
{
	char d[11];
	date_format(st->due, d);
	*style = UI_NORMAL;
	switch (st->state) {
	case DUE_NONE:
		snprintf(buf, n, _("%s: no due date"), what);
		break;
	case DUE_LEFT:
		snprintf(buf, n, _("%s due %s: %d days left"), what, d, st->days);
		if (st->soon)
			*style = UI_WARN;
		break;
	case DUE_TODAY:
		snprintf(buf, n, _("%s due %s: today"), what, d);
		*style = UI_WARN;
		break;
	case DUE_OVERDUE:
		snprintf(buf, n, _("%s due %s: OVERDUE by %d days"), what, d, -st->days);
		*style = UI_ERROR;
		break;
	case DUE_DONE:
		snprintf(buf, n, _("%s due %s: done"), what, d);
		*style = UI_OK;
		break;
	}
}

static void menu_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	rep *r = sc->state;
	if (ui_db_changed(u, &r->since) || !r->loaded)
		load(r, u);
	for (int i = 0; i < rows; i++)
		ui_fill(top + i, 0, cols, UI_NORMAL);
	char line[640], semname[64];
	semester_ui_name(r->semester, semname);
	const char *cn = college_name(r);
	int y = top + 1;
	for (int i = 0; i < IT__COUNT && y < top + rows; i++, y++) {
		ui_style st = i == r->sel ? UI_SELECTED : UI_NORMAL;
		switch (i) {
		case IT_COLLEGE:
			snprintf(line, sizeof line, _("College: %s"), cn ? cn : _("(choose one)"));
			break;
		case IT_SEMESTER:
			snprintf(line, sizeof line, _("Semester: %s (%s)%s"), r->semester, semname,
				 r->have_sem ? "" : _(", not set up yet"));
			break;
		case IT_ROSTER:
			snprintf(line, sizeof line, "%s", _("Export the pairing name list (Appendix 1) …"));
			break;
		case IT_DRAFT:
			snprintf(line, sizeof line, "%s", _("Draft the semester summary from the data and edit it"));
			break;
		case IT_EDIT:
			if (r->have_summary && r->final)
				snprintf(line, sizeof line, _("View the final summary (%zu characters, read-only)"),
					 r->stored_zishu);
			else if (r->have_summary)
				snprintf(line, sizeof line, _("Edit the stored summary (%s, %zu characters)"),
					 r->final ? _("final") : _("draft"), r->stored_zishu);
			else
				snprintf(line, sizeof line, "%s", _("Edit the stored summary (none yet)"));
			break;
		case IT_FINAL:
			if (r->final)
				snprintf(line, sizeof line, "%s", _("Reopen the final summary for editing"));
			else
				snprintf(line, sizeof line, _("Mark the stored summary final (needs %d characters)"),
					 (int)SUMMARY_MIN_ZISHU);
			break;
		case IT_EXPORT:
			snprintf(line, sizeof line, "%s",
				 r->final ? _("Export the final summary (TXT or Markdown) …")
					  : _("Export the saved summary (TXT or Markdown) …"));
			break;
		case IT_DUES:
			snprintf(line, sizeof line, "%s", _("Edit the semester's due dates …"));
			break;
		case IT_SCHOOL:
			if (r->school && *r->school)
				snprintf(line, sizeof line, _("School's name in the titles: %s"), r->school);
			else
				snprintf(line, sizeof line, "%s",
					 _("School's name in the titles: not set (they show （学校名称）)"));
			break;
		case IT_IMPORT:
			snprintf(line, sizeof line, "%s",
				 _("Import data: students, counsellors, pairings, talks, aid …"));
			break;
		case IT_BACKUPS:
			snprintf(line, sizeof line, "%s", _("Backups and restore …"));
			break;
		case IT_OVERVIEW:
			snprintf(line, sizeof line, "%s", _("Overview of every college …"));
			break;
		default:
			more_item(i, line, sizeof line);
			break;
		}
		char *item = xasprintf(" %s  %s", i == r->sel ? ">" : " ", line);
		ui_text(y, 1, cols - 2, item, st);
		free(item);
	}
	y++;
	if (r->have_sem && y + 1 < top + rows) {
		ui_style sa, sb;
		due_text(line, sizeof line, _("Name list"), &r->due.roster, &sa);
		ui_text(y++, 2, cols - 3, line, sa);
		due_text(line, sizeof line, _("Summary"), &r->due.summary, &sb);
		ui_text(y++, 2, cols - 3, line, sb);
	}
	if (r->note[0])
		(r->note_error ? ui_status_error : ui_status)(u, "%s", r->note);
}

static const char *rep_title(screen *sc)
{
	(void)sc;
	return _("Reports");
}

static int menu_handle(screen *sc, ui *u, const ui_event *ev)
{
	rep *r = sc->state;
	if (ev->type == EV_MOUSE && ev->button == 1) {
		int i = ev->y - 2;
		if (i >= 0 && i < IT__COUNT)
			r->sel = i;
		return SCREEN_STAY;
	}
	if (ev->type != EV_KEY)
		return SCREEN_PASS;
	r->note[0] = 0;
	switch (ev->action) {
	case ACT_UP:
		if (r->sel > 0)
			r->sel--;
		return SCREEN_STAY;
	case ACT_DOWN:
		if (r->sel + 1 < IT__COUNT)
			r->sel++;
		return SCREEN_STAY;
	case ACT_HOME:
		r->sel = 0;
		return SCREEN_STAY;
	case ACT_END:
		r->sel = IT__COUNT - 1;
		return SCREEN_STAY;
	case ACT_BACK:
		return SCREEN_CLOSE;
	case ACT_REFRESH:
		r->loaded = false;
		return SCREEN_PASS;
	case ACT_OPEN:
	case ACT_EDIT:
		break;
	default:
		return SCREEN_PASS;
	}
	if (r->sel > IT_SEMESTER && r->sel < IT_DUES && !college_name(r)) {
		choose_college(r, u);
		if (!college_name(r))
			return SCREEN_STAY;
	}
	switch (r->sel) {
	case IT_COLLEGE: choose_college(r, u); break;
	case IT_SEMESTER: choose_semester(r, u); break;
	case IT_ROSTER: export_roster(r, u); break;
	case IT_DRAFT: draft_summary(sc, r, u); break;
	case IT_EDIT: edit_stored(sc, r, u); break;
	case IT_FINAL: mark_final(r, u); r->loaded = false; break;
	case IT_EXPORT: export_summary(r, u); break;
	case IT_DUES: open_dues(r, u); break;
	case IT_SCHOOL: set_school(r, u); break;
	case IT_IMPORT: ui_push(u, scr_import(u, NULL)); break;
	case IT_BACKUPS: ui_push(u, scr_backups(u)); r->loaded = false; break;
	case IT_OVERVIEW: ui_push(u, scr_overview(u, r->semester)); break;
	default: more_open(r, u); break;
	}
	return SCREEN_STAY;
}

/* ---- the editor --------------------------------------------------------------- */

static void editor_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	rep *r = sc->state;
	for (int i = 0; i < rows; i++)
		ui_fill(top + i, 0, cols, UI_NORMAL);
	char head[512];
	if (r->readonly)
		snprintf(head, sizeof head, _("Semester summary of %s, %s — final, read-only"),
			 college_name(r), r->semester);
	else
		snprintf(head, sizeof head, _("Semester summary of %s, %s"), college_name(r), r->semester);
	ui_text(top, 1, cols - 2, head, UI_TITLE);
	int h = rows - 1;
	if (h < 1)
		return;
	vlines v;
	vl_build(&r->ed, editor_width(), &v);
	size_t row = vl_row(&v, r->ed.cur);
	if (row < r->vscroll)
		r->vscroll = row;
	if (row >= r->vscroll + (size_t)h)
		r->vscroll = row - (size_t)h + 1;
	for (int i = 0; i < h; i++) {
		size_t vr = r->vscroll + (size_t)i;
		if (vr >= v.n)
			break;
		size_t s = v.start[vr], e = vl_end(&r->ed, &v, vr);
		char *txt = lay_to_utf8(r->ed.buf + s, e - s);
		ui_text(top + 1 + i, 1, cols - 2, txt, UI_NORMAL);
		free(txt);
	}
	free(v.start);
	/* The live count, in the status line. */
	char *text = edit_get(&r->ed);
	size_t n = text_zishu(text), han = text_hanzi(text);
	free(text);
	char count[160];
	if (n >= SUMMARY_MIN_ZISHU)
		snprintf(count, sizeof count, _("字数 %zu · Han %zu"), n, han);
	else
		snprintf(count, sizeof count, _("字数 %zu · Han %zu (%zu more for a final summary)"), n,
			 han, (size_t)SUMMARY_MIN_ZISHU - n);
	if (r->note[0])
		(r->note_error ? ui_status_error : ui_status)(u, "%s · %s", count, r->note);
	else
		ui_status(u, "%s%s", count, r->dirty ? _(" · not saved") : "");
}

static bool editor_cursor(screen *sc, int *y, int *x)
{
	rep *r = sc->state;
	vlines v;
	vl_build(&r->ed, editor_width(), &v);
	size_t row = vl_row(&v, r->ed.cur);
	int col = vl_col(&r->ed, &v, row, r->ed.cur);
	free(v.start);
	if (row < r->vscroll)
		return false;
	*y = 2 + (int)(row - r->vscroll);
	*x = 1 + col;
	return *y < LINES - 2;
}

static bool editor_typing(screen *sc)
{
	(void)sc;
	return true;
}

static bool editor_unsaved(screen *sc)
{
	rep *r = sc->state;
	return sc->ops == &editor_ops && r->dirty;
}

static void editor_move(rep *r, int rows)
{
	vlines v;
	vl_build(&r->ed, editor_width(), &v);
	size_t row = vl_row(&v, r->ed.cur);
	if (r->goal < 0)
		r->goal = vl_col(&r->ed, &v, row, r->ed.cur);
	long to = (long)row + rows;
	if (to < 0)
		to = 0;
	if (to >= (long)v.n)
		to = (long)v.n - 1;
	r->ed.cur = vl_index(&r->ed, &v, (size_t)to, r->goal);
	free(v.start);
}

static int editor_handle(screen *sc, ui *u, const ui_event *ev)
{
	rep *r = sc->state;
	if (ev->type != EV_KEY)
		return ev->type == EV_MOUSE ? SCREEN_STAY : SCREEN_PASS;
	r->note[0] = 0;
	int page = LINES - 5 > 1 ? LINES - 5 : 1;
	static const char *const ro_note =
		N_("This summary is final and read-only: to change it, choose “Reopen the final summary” in the reports menu.");
	switch (ev->action) {
	case ACT_SAVE:
		if (r->readonly)
			set_note(r, true, "%s", _(ro_note));
		else
			save_summary(r, u);
		return SCREEN_STAY;
	case ACT_BACK:
		if (r->dirty && !ui_confirm(u, _("The summary has unsaved changes. Leave the editor without saving?")))
			return SCREEN_STAY;
		sc->ops = &menu_ops;
		r->loaded = false;
		return SCREEN_STAY;
	case ACT_UP: editor_move(r, -1); return SCREEN_STAY;
	case ACT_DOWN: editor_move(r, 1); return SCREEN_STAY;
	case ACT_PAGE_UP: editor_move(r, -page); return SCREEN_STAY;
	case ACT_PAGE_DOWN: editor_move(r, page); return SCREEN_STAY;
	default:
		break;
	}
	r->goal = -1;
	/* typing, Enter (newline), Backspace ...: the line editor's keys; on
	 * a final text only those that move the cursor */
	r->ed.changed = false;
	char *before = r->readonly ? edit_get(&r->ed) : NULL;
	size_t cur = r->ed.cur;
	bool used = ui_edit_key(&r->ed, ev);
	if (used && r->readonly && r->ed.changed) {
		edit_set(&r->ed, before);
		r->ed.cur = cur;
		r->ed.changed = false;
		set_note(r, true, "%s", _(ro_note));
	} else if (used && r->ed.changed) {
		r->dirty = true;
	}
	free(before);
	return used ? SCREEN_STAY : SCREEN_PASS;
}

static void rep_destroy(screen *sc)
{
	rep *r = sc->state;
	for (size_t i = 0; i < r->ncolleges; i++)
		free(r->colleges[i]);
	free(r->colleges);
	free(r->school);
	edit_free(&r->ed);
	free(r);
	free(sc);
}

static const action_t menu_bar[] = {
	ACT_HELP, ACT_OPEN, ACT_IMPORT, ACT_BACK, ACT_GO_COLLEGE, ACT_QUIT, ACT_NONE,
};
static const action_t menu_extra[] = {
	ACT_UP, ACT_DOWN, ACT_HOME, ACT_END, ACT_EDIT, ACT_REFRESH, ACT_NONE,
};
static const action_t editor_bar[] = {
	ACT_HELP, ACT_SAVE, ACT_BACK, ACT_QUIT, ACT_NONE,
};
static const action_t viewer_bar[] = {
	ACT_HELP, ACT_BACK, ACT_QUIT, ACT_NONE,
};
/* Up and Down still reach editor_handle as ACT_UP and ACT_DOWN (no other
 * action of the screen has their keys), but the help names them as the line
 * editor's line_up and line_down: a line of the text, not a row. */
static const action_t editor_extra[] = {
	ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_NONE,
};

static const struct screen_ops menu_ops = {
	.name = "reports",
	.title = rep_title,
	.bar = menu_bar,
	.draw = menu_draw,
	.handle = menu_handle,
	.unsaved = editor_unsaved,
	.destroy = rep_destroy,
	.extra = menu_extra,
};

static const struct screen_ops editor_ops = {
	.name = "summary",
	.title = rep_title,
	.bar = editor_bar,
	.typing = editor_typing,
	.draw = editor_draw,
	.cursor = editor_cursor,
	.handle = editor_handle,
	.unsaved = editor_unsaved,
	.destroy = rep_destroy,
	.extra = editor_extra,
};

/* A final summary: the editor's screen without saving, its text read-only. */
static const struct screen_ops viewer_ops = {
	.name = "summary",
	.title = rep_title,
	.bar = viewer_bar,
	.typing = editor_typing,
	.draw = editor_draw,
	.cursor = editor_cursor,
	.handle = editor_handle,
	.unsaved = editor_unsaved,
	.destroy = rep_destroy,
	.extra = editor_extra,
};

screen *scr_reports(ui *u)
{
	rep *r = xcalloc(1, sizeof *r);
	r->college = -1;
	r->goal = -1;
	ui_semester_current(u, r->semester);
	r->follow_current = true;
	edit_init(&r->ed, 0, true);
	screen *sc = xcalloc(1, sizeof *sc);
	sc->ops = &menu_ops;
	sc->state = r;
	return sc;
}
