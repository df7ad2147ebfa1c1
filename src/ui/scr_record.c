#include "config.h"
/* scr_record.c — an assisted student's record: profile, kinds and
 * situation, the current pairing, the talk history (newest first, the
 * selected talk's content below the list) and the aid given.
 *
 * Privacy (model.h): the situation of a 心理困难 student and the content of
 * a talk about 心理 are shown to counsellors only; everyone else sees
 * privacy_mask() in their place. */
#include <stdlib.h>
#include <string.h>

#include "ui/layout.h"
#include "ui/list.h"
#include "ui/ui.h"
#include "util/i18n.h"

typedef struct record {
	rid student_id;
	uint64_t since;
	bool loaded, found;
	char *head;               /* number, name, college, class ... */
	char *kinds;              /* kinds, tier, status */
	char *situation;          /* or the mask */
	char *pairing;            /* the current pairing, or "none" */
	bool has_pairing;
	rid pairing_id;
	bool overdue;
	list talks;
	char **contents;          /* full content of each talk row (masked) */
	size_t ncontents;
	char **aid;               /* one line per aid record */
	size_t naid;
	int64_t aid_total;
} record;

static const list_col talk_cols[] = {
	{ N_("Date"), 10, 10, 0, false, false, 0 },
	{ N_("By"), 6, 12, 1, false, false, 0 },
	{ N_("Min"), 3, 4, 0, true, true, 0 },
	{ N_("Mode"), 4, 4, 0, false, false, 0 },
	{ N_("Topics"), 6, 14, 1, false, false, 0 },
	{ N_("Content"), 10, 40, 4, false, false, 0 },
};

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void record_clear(record *r)
{
	free(r->head);
	free(r->kinds);
	free(r->situation);
	free(r->pairing);
	r->head = r->kinds = r->situation = r->pairing = NULL;
	strv_free(r->contents, r->ncontents);
	r->contents = NULL;
	r->ncontents = 0;
	strv_free(r->aid, r->naid);
	r->aid = NULL;
	r->naid = 0;
	r->aid_total = 0;
	r->has_pairing = r->found = r->overdue = false;
}

struct rload {
	record *r;
	model_txn *t;
	role_t role;
	date_t today;
	struct aidrow { date_t date; char *line; } *aids;
	size_t naids;
};

static void name_of(model_txn *t, const rid *id, char *buf, size_t n)
{
	student s;
	err e = { 0 };
	buf[0] = 0;
	if (!rid_is_zero(id) && student_get(t, id, &s, &e) == 0) {
		snprintf(buf, n, "%s", s.name ? s.name : "");
		rec_free(&student_desc, &s);
	}
}

static int talk_row(const talk *k, void *ctx)
{
	struct rload *ld = ctx;
	record *r = ld->r;
	char by[128] = "", min[24], topics[96], date[11];
	if (!rid_is_zero(&k->counsellor_id)) {
		counsellor c;
		err e = { 0 };
		if (counsellor_get(ld->t, &k->counsellor_id, &c, &e) == 0) {
			snprintf(by, sizeof by, _("%s (counsellor)"), c.name ? c.name : "");
			rec_free(&counsellor_desc, &c);
		}
	} else {
		name_of(ld->t, &k->member_id, by, sizeof by);
	}
	snprintf(min, sizeof min, "%lld", (long long)k->minutes);
	topics_format(k->topics, topics, sizeof topics);
	date_format(k->date, date);
	const char *content = talk_content_visible(ld->role, k) ?
		(k->content ? k->content : "") : privacy_mask();
	const char *cells[] = { date, by, min, k->mode, topics, content };
	list_add(&r->talks, &k->m.id, NULL, 0, cells);
	r->contents = xrealloc(r->contents, (r->ncontents + 1) * sizeof *r->contents);
	r->contents[r->ncontents++] = xstrdup(content);
	return 0;
}

static int aid_row(const aid *a, void *ctx)
{
	struct rload *ld = ctx;
	char date[11];
	date_format(a->date, date);
	ld->aids = xrealloc(ld->aids, (ld->naids + 1) * sizeof *ld->aids);
	ld->aids[ld->naids].date = a->date;
	ld->aids[ld->naids].line = xasprintf("%s  %s  %lld.%02lld  %s", date, a->kind ? a->kind : "",
					     (long long)(a->amount_fen / 100),
					     (long long)(a->amount_fen % 100), a->note ? a->note : "");
	ld->naids++;
	ld->r->aid_total += a->amount_fen;
	return 0;
}

static int pairing_aid(const pairing *p, void *ctx)
{
	struct rload *ld = ctx;
	err e = { 0 };
	return model_aid_of_pairing(ld->t, &p->m.id, aid_row, ld, &e);
}

static int by_date_desc(const void *a, const void *b)
{
	const struct aidrow *x = a, *y = b;
	return (x->date < y->date) - (x->date > y->date);
}

static int record_txn(model_txn *t, void *ctx, err *e)
{
	struct rload *ld = ctx;
	record *r = ld->r;
	ld->t = t;
	for (size_t i = 0; i < ld->naids; i++)
		free(ld->aids[i].line);
	ld->naids = 0;
	record_clear(r);
	list_begin(&r->talks);
	student s;
	int rc = student_get(t, &r->student_id, &s, e);
	if (rc == 1)
		return 0;
	if (rc)
		return rc;
	r->found = true;
	college c;
	char cname[256] = "";
	if (college_get(t, &s.college_id, &c, e) == 0) {
		snprintf(cname, sizeof cname, "%s", c.name ? c.name : "");
		rec_free(&college_desc, &c);
	}
	r->head = xasprintf("%s  %s  %s  ·  %s  ·  %s  ·  %s  ·  %s", s.student_no ? s.student_no : "",
			    s.name ? s.name : "", s.gender ? s.gender : "", cname,
			    s.class_name ? s.class_name : "", s.political ? s.political : "",
			    s.phone ? s.phone : "");
	rec_free(&student_desc, &s);

	target g;
	rc = target_of_student(t, &r->student_id, &g, e);
	if (rc == 0) {
		char kinds[128];
		kinds_format(g.kinds, kinds, sizeof kinds);
		r->kinds = xasprintf(_("Kinds: %s   Tier: %s   Status: %s"), kinds,
				     g.tier && *g.tier ? g.tier : "-", g.status && *g.status ? g.status : "-");
		const char *sit = target_situation_visible(ld->role, &g) ?
			(g.situation ? g.situation : "") : privacy_mask();
		r->situation = xstrdup(sit);
		rec_free(&target_desc, &g);
	} else if (rc == 1) {
		r->kinds = xstrdup(_("Not an assisted student."));
		r->situation = xstrdup("");
	} else {
		return rc;
	}

	pairing p;
	rc = pairing_active_of_target(t, &r->student_id, &p, e);
	if (rc == 0) {
		char mem[128], start[11], last[11];
		date_t d = 0;
		name_of(t, &p.member_id, mem, sizeof mem);
		date_format(p.start, start);
		pairing_last_talk(t, &p.m.id, &d, e);
		date_format(d, last);
		college pc;
		int g2 = college_get(t, &p.college_id, &pc, e);
		int64_t limit = college_overdue_days(g2 == 0 ? &pc : NULL);
		if (g2 == 0)
			rec_free(&college_desc, &pc);
		int since = (int)(ld->today - (d ? d : p.start));
		r->overdue = since > limit;
		if (d)
			r->pairing = xasprintf(_("Paired with %s since %s; last talk %s (%d days ago)"),
					       mem, start, last, since);
		else
			r->pairing = xasprintf(_("Paired with %s since %s; no talk yet (%d days)"),
					       mem, start, since);
		r->has_pairing = true;
		r->pairing_id = p.m.id;
		rec_free(&pairing_desc, &p);
	} else if (rc == 1) {
		r->pairing = xstrdup(_("No active pairing."));
	} else {
		return rc;
	}
	err_clear(e);
	if ((rc = model_talks_of_target(t, &r->student_id, talk_row, ld, e)))
		return rc;
	if ((rc = pairings_of_target(t, &r->student_id, pairing_aid, ld, e)))
		return rc;
	return 0;
}

static void record_load(record *r, ui *u)
{
	struct rload ld = { .r = r, .role = ui_role(u), .today = date_today() };
	err e = { 0 };
	if (model_read(ui_store(u), record_txn, &ld, &e) != 0)
		ui_status_error(u, "%s", e.msg);
	if (ld.naids > 1)
		qsort(ld.aids, ld.naids, sizeof *ld.aids, by_date_desc);
	r->aid = xcalloc(ld.naids ? ld.naids : 1, sizeof *r->aid);
	for (size_t i = 0; i < ld.naids; i++)
		r->aid[i] = ld.aids[i].line;
	r->naid = ld.naids;
	free(ld.aids);
	list_end(&r->talks);
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
	if (!r->found) {
		ui_text(top + 1, 1, cols - 2, _("This student is not in the database (any more)."), UI_WARN);
		return;
	}
	int y = top, w = cols - 2;
	ui_text(y++, 1, w, r->head, UI_TITLE);
	ui_text(y++, 1, w, r->kinds, UI_NORMAL);
	const char *sit = r->situation;
	bool masked = strcmp(sit, privacy_mask()) == 0;
	y += draw_wrapped(y, 1, 2, w, _("Situation: "), *sit ? sit : "-", masked ? UI_MASK : UI_NORMAL);
	ui_text(y++, 1, w, r->pairing, r->overdue ? UI_WARN : UI_NORMAL);
	y++;
	int left = rows - (y - top);
	int aid_rows = r->naid ? (int)(r->naid < 3 ? r->naid : 3) + 1 : 1;
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
			bool m = strcmp(r->contents[i], privacy_mask()) == 0;
			draw_wrapped(y, 1, detail, w, _("Content: "), r->contents[i], m ? UI_MASK : UI_NORMAL);
		}
		y += detail;
	}
	y++;
	if (y >= top + rows)
		return;
	if (r->naid)
		snprintf(line, sizeof line, _("Aid: %zu, %lld.%02lld yuan in all"), r->naid,
			 (long long)(r->aid_total / 100), (long long)(r->aid_total % 100));
	else
		snprintf(line, sizeof line, "%s", _("Aid: none"));
	ui_text(y++, 1, w, line, UI_TITLE);
	for (size_t i = 0; i < r->naid && y < top + rows; i++)
		ui_text(y++, 3, w - 2, r->aid[i], UI_NORMAL);
}

static const char *record_title(screen *sc)
{
	(void)sc;
	return _("Student record");
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
		push_form(u, "student", &r->student_id, NULL, NULL);
		return SCREEN_STAY;
	case ACT_LOG_TALK:
		if (ui_role(u) == ROLE_COUNSELLOR)
			push_form(u, "talk", NULL, "target_id", UI_ID_TEXT(&r->student_id));
		else if (r->has_pairing)
			push_form(u, "talk", NULL, "pairing_id", UI_ID_TEXT(&r->pairing_id));
		else
			ui_status_error(u, "%s", _("This student has no active pairing: pair them first (F2 in the pairings list)."));
		return SCREEN_STAY;
	case ACT_AID:
		if (r->has_pairing)
			push_form(u, "aid", NULL, "pairing_id", UI_ID_TEXT(&r->pairing_id));
		else
			ui_status_error(u, "%s", _("Aid is given within a pairing: this student has no active pairing."));
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
	ACT_HELP, ACT_EDIT, ACT_LOG_TALK, ACT_AID, ACT_QUIT, ACT_NONE,
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
