#include "config.h"
/* scr_overview.c — 各学院情况汇总 (an item of the reports page): the
 * university overview of the page's semester, one row per college and the
 * total row (合计) below them, the figures of model_overview_get (the same
 * as `bangfu report overview`). Columns are as wide as their widest cell by
 * display width; short of room the college column gives way (cut with …),
 * the others stay whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/layout.h"
#include "ui/ui.h"
#include "util/i18n.h"
#include "util/text.h"

enum { OC_COLLEGE, OC_RUN, OC_ENDED, OC_MEMBERS, OC_ACAD, OC_FIN, OC_PSYCH, OC_TALKS,
       OC_MINUTES, OC_LATE, OC_AID, OC_SUMMARY, OC_ZISHU, OC__COUNT };

typedef struct overview {
	char semester[SEMESTER_CODE_MAX];
	overview_row *rows, total;
	size_t n;
	char **cells;              /* (n + 1) * OC__COUNT: the rows, then the total */
	char roster[128];
	size_t sel, first;
	uint64_t since;
	bool loaded;
	char error[1024];
} overview;

static const char *summary_word(overview_summary s)
{
	switch (s) {
	case OVS_DRAFT: return _("unsaved");
	case OVS_SAVED: return _("saved");
	case OVS_FINAL: return _("final");
	case OVS_NONE: break;
	}
	return _("none");
}

static void fill(char **c, const overview_row *r, bool total)
{
	c[OC_COLLEGE] = xstrdup(total ? _("Total") : r->college);
	c[OC_RUN] = xasprintf("%zu", r->running);
	c[OC_ENDED] = xasprintf("%zu", r->ended);
	c[OC_MEMBERS] = xasprintf("%zu", r->members);
	c[OC_ACAD] = xasprintf("%zu", r->academic);
	c[OC_FIN] = xasprintf("%zu", r->financial);
	c[OC_PSYCH] = xasprintf("%zu", r->psych);
	c[OC_TALKS] = xasprintf("%zu", r->talks);
	c[OC_MINUTES] = xasprintf("%lld", r->minutes);
	c[OC_LATE] = xasprintf("%zu", r->overdue);
	c[OC_AID] = xasprintf("%lld.%02lld", r->aid_fen / 100, r->aid_fen % 100);
	c[OC_SUMMARY] = total ? xasprintf(_("%zu final"), r->finals) : xstrdup(summary_word(r->summary));
	c[OC_ZISHU] = total || r->summary >= OVS_SAVED ? xasprintf("%zu", r->zishu) : xstrdup("");
}

static void cells_free(overview *o)
{
	if (o->cells)
		for (size_t i = 0; i < (o->n + 1) * OC__COUNT; i++)
			free(o->cells[i]);
	free(o->cells);
	o->cells = NULL;
	overview_rows_free(o->rows, o->n);
	o->rows = NULL;
	o->n = 0;
}

static int load_txn(model_txn *t, void *ctx, err *e)
{
	overview *o = ctx;
	cells_free(o);
	return model_overview_get(t, o->semester, date_today(), &o->rows, &o->n, &o->total, e);
}

static void load(overview *o, ui *u)
{
	err e = { 0 };
	o->error[0] = 0;
	if (model_read(ui_store(u), load_txn, o, &e) != 0) {
		snprintf(o->error, sizeof o->error, "%s", e.msg);
		cells_free(o);
	} else {
		o->cells = xcalloc((o->n + 1) * OC__COUNT + 1, sizeof *o->cells);
		for (size_t i = 0; i < o->n; i++)
			fill(o->cells + i * OC__COUNT, &o->rows[i], false);
		fill(o->cells + o->n * OC__COUNT, &o->total, true);
		const due_status *d = &o->total.roster;
		char day[11];
		date_format(d->due, day);
		if (d->state == DUE_NONE)
			snprintf(o->roster, sizeof o->roster, "%s", _("Name list: no due date"));
		else if (d->state == DUE_OVERDUE)
			snprintf(o->roster, sizeof o->roster, _("Name list due %s: past by %d days"), day,
				 -d->days);
		else if (d->state == DUE_TODAY)
			snprintf(o->roster, sizeof o->roster, _("Name list due %s: today"), day);
		else
			snprintf(o->roster, sizeof o->roster, _("Name list due %s: %d days left"), day,
				 d->days);
	}
	if (o->sel >= o->n)
		o->sel = o->n ? o->n - 1 : 0;
	o->loaded = true;
}

static const char *header(int j)
{
	static const char *const h[OC__COUNT] = {
		N_("College"), N_("Run"), N_("Ended"), N_("Memb"), N_("Acad"), N_("Fin"),
		N_("Psy"), N_("Talks"), N_("Min"), N_("Late"), N_("Yuan"), N_("Summ"),
		N_("Chars"),
	};
	return _(h[j]);
}

static void ov_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	overview *o = sc->state;
	if (ui_db_changed(u, &o->since) || !o->loaded)
		load(o, u);
	for (int i = 0; i < rows; i++)
		ui_fill(top + i, 0, cols, UI_NORMAL);
	int y = top;
	char semname[64], line[256];
	semester_ui_name(o->semester, semname);
	snprintf(line, sizeof line, _("Semester %s (%s), every college; talks and aid within the semester, overdue today"),
		 o->semester, semname);
	ui_text(y++, 1, cols - 2, line, UI_DIM);
	if (o->error[0]) {
		ui_text(y + 1, 2, cols - 3, o->error, UI_ERROR);
		return;
	}
	ui_text(y++, 1, cols - 2, o->roster, o->total.roster.state == DUE_OVERDUE ? UI_WARN : UI_DIM);
	y++;
	/* widths: each column its widest cell; the college column what is left */
	int w[OC__COUNT], sum = 0;
	for (int j = 0; j < OC__COUNT; j++) {
		w[j] = text_width(header(j));
		for (size_t i = 0; i <= o->n; i++) {
			int x = text_width(o->cells[i * OC__COUNT + j]);
			if (x > w[j])
				w[j] = x;
		}
		if (j)
			sum += w[j] + 1;
	}
	int avail = cols - 2 - sum;
	if (w[OC_COLLEGE] > avail)
		w[OC_COLLEGE] = avail > 4 ? avail : 4;
	int xs[OC__COUNT], x = 1;
	for (int j = 0; j < OC__COUNT; j++) {
		xs[j] = x;
		x += w[j] + 1;
	}
	for (int j = 0; j < OC__COUNT; j++)
		(j == OC_COLLEGE || j == OC_SUMMARY ? ui_text : ui_text_right)(y, xs[j], w[j], header(j),
									    UI_HEADER);
	y++;
	int list_rows = top + rows - y - 2;
	if (list_rows < 1)
		list_rows = 1;
	if (o->sel < o->first)
		o->first = o->sel;
	if (o->sel >= o->first + (size_t)list_rows)
		o->first = o->sel - (size_t)list_rows + 1;
	for (size_t i = o->first; i <= o->n && y < top + rows; i++) {
		bool total = i == o->n;
		if (!total && i >= o->first + (size_t)list_rows)
			continue;
		if (total)
			y = y < top + rows - 1 ? y : top + rows - 1;
		ui_style st = total ? UI_HEADER : i == o->sel ? UI_SELECTED : UI_NORMAL;
		ui_fill(y, 1, cols - 2, st);
		for (int j = 0; j < OC__COUNT; j++) {
			const char *s = o->cells[i * OC__COUNT + j];
			ui_style cs = st;
			if (j == OC_LATE && !total && o->rows[i].overdue && st == UI_NORMAL)
				cs = UI_WARN;
			(j == OC_COLLEGE || j == OC_SUMMARY ? ui_text : ui_text_right)(y, xs[j], w[j], s, cs);
		}
		y++;
	}
}

static int ov_handle(screen *sc, ui *u, const ui_event *ev)
{
	(void)u;
	overview *o = sc->state;
	if (ev->type != EV_KEY)
		return SCREEN_PASS;
	switch (ev->action) {
	case ACT_UP:
		if (o->sel > 0)
			o->sel--;
		return SCREEN_STAY;
	case ACT_DOWN:
		if (o->sel + 1 < o->n)
			o->sel++;
		return SCREEN_STAY;
	case ACT_HOME:
		o->sel = 0;
		return SCREEN_STAY;
	case ACT_END:
		o->sel = o->n ? o->n - 1 : 0;
		return SCREEN_STAY;
	case ACT_REFRESH:
		o->loaded = false;
		return SCREEN_PASS;
	case ACT_BACK:
		return SCREEN_CLOSE;
	default:
		return SCREEN_PASS;
	}
}

static const char *ov_title(screen *sc)
{
	(void)sc;
	return _("Overview of every college");
}

static void ov_destroy(screen *sc)
{
	overview *o = sc->state;
	cells_free(o);
	free(o);
}

static const action_t ov_bar[] = { ACT_BACK, ACT_NONE };
static const action_t ov_extra[] = { ACT_UP, ACT_DOWN, ACT_HOME, ACT_END, ACT_REFRESH, ACT_NONE };

static const struct screen_ops ov_ops = {
	.name = "overview",
	.title = ov_title,
	.bar = ov_bar,
	.draw = ov_draw,
	.handle = ov_handle,
	.destroy = ov_destroy,
	.extra = ov_extra,
};

screen *scr_overview(ui *u, const char *semester_code)
{
	(void)u;
	screen *sc = xcalloc(1, sizeof *sc);
	overview *o = xcalloc(1, sizeof *o);
	snprintf(o->semester, sizeof o->semester, "%s", semester_code);
	sc->ops = &ov_ops;
	sc->state = o;
	return sc;
}
