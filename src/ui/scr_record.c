#include "config.h"
/* scr_record.c — a student's record: profile, kinds and situation (for
 * an assisted student), the current pairing, the talk history (newest
 * first, the selected talk's content below the list) and the aid given.
 * Any student opens here, assisted or not. F4 edits and F8 deletes one of
 * what it shows — the student, the selected talk, the pairing, an aid
 * record — chosen from a short list when there is more than the student.
 *
 * Everything shown comes ready from the model (model_record_view): the
 * pairing's status is pairing_status, and the situation of a 心理困难
 * student and the content of a talk about 心理 are already privacy_mask()
 * for everyone but counsellors (model.h, privacy). */
#include <stdlib.h>
#include <string.h>

#include "ui/layout.h"
#include "ui/list.h"
#include "ui/ui.h"
#include "util/i18n.h"

typedef struct record {
	rid student_id;
	uint64_t since;
	bool loaded;
	record_view v;            /* the model's view of the record */
	list talks;
	char **contents;          /* full content of each talk row (masked) */
	bool *masked;             /* ... and whether it is the mask */
	size_t ncontents;
} record;

/* One entry per cell of the model's talk rows (RROW_*). */
static const list_col talk_cols[RROW__N] = {
	{ N_("Date"), 10, 10, 0, false, false, 0 },
	{ N_("By"), 6, 12, 1, false, false, 0 },
	{ N_("Min"), 3, 4, 0, true, true, 0 },
	{ N_("Mode"), 4, 4, 0, false, false, 0 },
	{ N_("Topics"), 6, 14, 1, false, false, 0 },
	{ N_("Follow-up"), 10, 10, 0, false, false, 0 },
	{ N_("Content"), 10, 40, 4, false, false, 0 },
};

static void record_clear(record *r)
{
	record_view_free(&r->v);
	for (size_t i = 0; i < r->ncontents; i++)
		free(r->contents[i]);
	free(r->contents);
	free(r->masked);
	r->contents = NULL;
	r->masked = NULL;
	r->ncontents = 0;
}

static int talk_row(const model_row *row, void *ctx)
{
	record *r = ctx;
	list_add_row(row, &r->talks);
	r->contents = xrealloc(r->contents, (r->ncontents + 1) * sizeof *r->contents);
	r->masked = xrealloc(r->masked, (r->ncontents + 1) * sizeof *r->masked);
	r->masked[r->ncontents] = (row->flags & ROW_MASKED) != 0;
	r->contents[r->ncontents++] = xstrdup(row->cells[RROW_CONTENT]);
	return 0;
}

struct rload {
	record *r;
	row_query q;
};

static int record_txn(model_txn *t, void *ctx, err *e)
{
	struct rload *ld = ctx;
	record_clear(ld->r);      /* safe to re-run */
	list_begin(&ld->r->talks);
	return model_record_view(t, &ld->r->student_id, &ld->q, &ld->r->v, talk_row, ld->r, e);
}

static void record_load(record *r, ui *u)
{
	struct rload ld = { .r = r, .q = { ui_role(u), date_today(), NULL } };
	err e = { 0 };
	if (model_read(ui_store(u), record_txn, &ld, &e) != 0)
		ui_status_error(u, "%s", e.msg);
	list_end(&r->talks);
	rid undone;
	if (ui_undone(u, &undone))
		list_select_id(&r->talks, &undone);   /* a talk brought back */
	r->loaded = true;
}

/* ---- drawing -------------------------------------------------------------- */

static int draw_wrapped(int y, int x, int rows, int cols, const char *label, const char *text,
			ui_style st)
{
	int lw = lay_width(label);
	ui_text(y, x, lw, label, UI_TITLE);
	size_t n;
	char **lines = lay_wrap(text, cols - lw, &n);
	int used = 0;
	for (size_t i = 0; i < n && used < rows; i++, used++)
		ui_text(y + used, x + lw, cols - lw, lines[i], st);
	lay_lines_free(lines, n);
	return used ? used : 1;
}

static void record_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	record *r = sc->state;
	if (ui_db_changed(u, &r->since) || !r->loaded)
		record_load(r, u);
	for (int i = 0; i < rows; i++)
		ui_fill(top + i, 0, cols, UI_NORMAL);
	const record_view *v = &r->v;
	if (!v->found) {
		ui_text(top + 1, 1, cols - 2, _("This student is not in the database (any more)."), UI_WARN);
		return;
	}
	int y = top, w = cols - 2;
	size_t nh;
	char **hl = lay_wrap(v->head, w, &nh);   /* the phone too, never cut */
	for (size_t i = 0; i < nh && i < 2; i++)
		ui_text(y++, 1, w, hl[i], UI_TITLE);
	lay_lines_free(hl, nh);
	ui_text(y++, 1, w, v->kinds, UI_NORMAL);
	const char *sit = v->situation;
	y += draw_wrapped(y, 1, 2, w, _("Situation: "), *sit ? sit : "-",
			  v->situation_masked ? UI_MASK : UI_NORMAL);
	ui_text(y++, 1, w, v->pairing, v->has_pairing && v->status.overdue ? UI_WARN : UI_NORMAL);
	y++;
	int left = rows - (y - top);
	int aid_rows = v->naid ? (int)(v->naid < 3 ? v->naid : 3) + 1 : 1;
	int detail = 3;
	int list_rows = left - aid_rows - detail - 2;
	char line[256];
	snprintf(line, sizeof line, _("Talks: %zu (newest first)"), list_count(&r->talks));
	ui_text(y++, 1, w, line, UI_TITLE);
	if (list_rows >= 2) {
		list_draw(&r->talks, y, list_rows, cols);
		y += list_rows;
		const list_row *sel = list_selected(&r->talks);
		if (sel && r->ncontents) {
			size_t i = sel->seq < r->ncontents ? sel->seq : 0;
			draw_wrapped(y, 1, detail, w, _("Content: "), r->contents[i],
				     r->masked[i] ? UI_MASK : UI_NORMAL);
		}
		y += detail;
	}
	y++;
	if (y >= top + rows)
		return;
	if (v->naid)
		snprintf(line, sizeof line, _("Aid: %zu, %lld.%02lld yuan in all"), v->naid,
			 (long long)(v->aid_total / 100), (long long)(v->aid_total % 100));
	else
		snprintf(line, sizeof line, "%s", _("Aid: none"));
	ui_text(y++, 1, w, line, UI_TITLE);
	for (size_t i = 0; i < v->naid && y < top + rows; i++)
		ui_text(y++, 3, w - 2, v->aid[i], UI_NORMAL);
}

/* ---- edit and delete: which record ---------------------------------------- */

enum { PICKS_MAX = 8 };

struct pick {
	const record_desc *d;
	rid id;
	char label[256];
};

struct picks {
	struct pick p[PICKS_MAX];
	size_t n;
};

static void pick_add(struct picks *ps, const record_desc *d, const rid *id)
{
	if (ps->n < PICKS_MAX) {
		ps->p[ps->n].d = d;
		ps->p[ps->n].id = *id;
		ps->n++;
	}
}

static int picks_txn(model_txn *t, void *ctx, err *e)
{
	struct picks *ps = ctx;
	for (size_t i = 0; i < ps->n; i++) {
		struct pick *p = &ps->p[i];
		int rc = model_record_label(t, p->d, &p->id, p->label, sizeof p->label, NULL, e);
		if (rc == E_NOTFOUND)
			err_clear(e);
		else if (rc)
			return rc;
	}
	return 0;
}

/* The records the view shows, the student first; then asks which one when
 * there is more than one. False if none was chosen. */
static bool pick_record(record *r, ui *u, const char *title, struct pick *out)
{
	struct picks ps = { .n = 0 };
	pick_add(&ps, &student_desc, &r->student_id);
	const list_row *sel = list_selected(&r->talks);
	if (sel)
		pick_add(&ps, &talk_desc, &sel->id);
	if (r->v.has_pairing)
		pick_add(&ps, &pairing_desc, &r->v.pairing_id);
	for (size_t i = 0; i < r->v.naid; i++)
		pick_add(&ps, &aid_desc, &r->v.aid_id[i]);
	err e = { 0 };
	if (model_read(ui_store(u), picks_txn, &ps, &e) != 0) {
		ui_status_error(u, "%s", e.msg);
		return false;
	}
	int k = 0;
	if (ps.n > 1) {
		const char *items[PICKS_MAX];
		for (size_t i = 0; i < ps.n; i++)
			items[i] = ps.p[i].label;
		k = ui_choose(u, title, items, ps.n);
	}
	if (k < 0)
		return false;
	*out = ps.p[k];
	return true;
}

static void record_edit(record *r, ui *u)
{
	struct pick p;
	if (pick_record(r, u, _("Edit which?"), &p))
		ui_edit_record(u, p.d, &p.id);
}

/* SCREEN_CLOSE when the student itself was deleted. */
static int record_delete(record *r, ui *u)
{
	struct pick p;
	if (!pick_record(r, u, _("Delete which?"), &p) || !ui_delete_record(u, p.d, &p.id))
		return SCREEN_STAY;
	r->loaded = false;
	return p.d == &student_desc ? SCREEN_CLOSE : SCREEN_STAY;
}

static const char *record_title(screen *sc)
{
	(void)sc;
	return _("Student record");
}

/* e: the ending form on the student's active pairing. */
static void end_active_pairing(record *r, ui *u)
{
	if (r->v.has_pairing)
		ui_end_pairing(u, &r->v.pairing_id);
	else
		ui_status_error(u, "%s", _("This student has no active pairing to end."));
}

static int record_handle(screen *sc, ui *u, const ui_event *ev)
{
	record *r = sc->state;
	if (list_handle(&r->talks, ev))
		return SCREEN_STAY;
	if (ev->type != EV_KEY)
		return SCREEN_PASS;
	switch (ev->action) {
	case ACT_EDIT:
		record_edit(r, u);
		return SCREEN_STAY;
	case ACT_DELETE:
		return record_delete(r, u);
	case ACT_LOG_TALK:
		if (ui_role(u) == ROLE_COUNSELLOR)
			push_form(u, "talk", NULL, "target_id", UI_ID_TEXT(&r->student_id));
		else if (r->v.has_pairing)
			push_form(u, "talk", NULL, "pairing_id", UI_ID_TEXT(&r->v.pairing_id));
		else
			ui_status_error(u, "%s", _("This student has no active pairing: pair them first (F2 in the pairings list)."));
		return SCREEN_STAY;
	case ACT_AID:
		if (r->v.has_pairing)
			push_form(u, "aid", NULL, "pairing_id", UI_ID_TEXT(&r->v.pairing_id));
		else
			ui_status_error(u, "%s", _("Aid is given within a pairing: this student has no active pairing."));
		return SCREEN_STAY;
	case ACT_END_PAIRING:
		end_active_pairing(r, u);
		return SCREEN_STAY;
	case ACT_REFRESH:
		r->loaded = false;
		return SCREEN_PASS;
	default:
		return SCREEN_PASS;
	}
}

static void record_destroy(screen *sc)
{
	record *r = sc->state;
	record_clear(r);
	list_free(&r->talks);
	free(r);
	free(sc);
}

static const action_t record_bar[] = {
	ACT_HELP, ACT_EDIT, ACT_LOG_TALK, ACT_END_PAIRING, ACT_AID, ACT_DELETE, ACT_QUIT, ACT_NONE,
};
static const action_t record_extra[] = {
	ACT_BACK, ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END,
	ACT_REFRESH, ACT_NONE,
};

static const struct screen_ops record_ops = {
	.name = "record",
	.title = record_title,
	.bar = record_bar,
	.draw = record_draw,
	.handle = record_handle,
	.destroy = record_destroy,
	.extra = record_extra,
};

screen *scr_record(ui *u, const rid *id)
{
	(void)u;
	record *r = xcalloc(1, sizeof *r);
	r->student_id = *id;
	list_init(&r->talks, talk_cols, sizeof talk_cols / sizeof *talk_cols, -1, false);
	r->talks.fixed = true;
	screen *sc = xcalloc(1, sizeof *sc);
	sc->ops = &record_ops;
	sc->state = r;
	return sc;
}
