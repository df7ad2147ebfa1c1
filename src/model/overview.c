#include "config.h"
/* overview.c — the university overview (model.h, model_overview_get): one
 * row per college for a semester, the figures of each college's summary
 * (facts.c, summary_facts_get) and the state of its two documents (the
 * name list's deadline, the stored summary). No talk's content is read and
 * no name but the college's is handed out. */
#include "model/internal.h"

#include <stdlib.h>
#include <string.h>

#include "model/facts.h"
#include "util/i18n.h"
#include "util/text.h"

struct colleges {
	college *v;
	size_t n;
};

static int take_college(const void *rec, void *ctx)
{
	struct colleges *l = ctx;
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	memset(&l->v[l->n], 0, sizeof l->v[l->n]);
	rec_copy(&college_desc, &l->v[l->n++], rec);
	return 0;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* By code (an empty code last), then name. */
static int college_order(const void *x, const void *y)
{
	const college *a = x, *b = y;
	bool ea = !a->code || !*a->code, eb = !b->code || !*b->code;
	if (ea != eb)
		return ea ? 1 : -1;
	int c = strcmp(nz(a->code), nz(b->code));
	return c ? c : strcmp(nz(a->name), nz(b->name));
}

static void add_to(overview_row *t, const overview_row *r)
{
	t->running += r->running;
	t->ended += r->ended;
	t->members += r->members;
	t->targets += r->targets;
	t->academic += r->academic;
	t->financial += r->financial;
	t->psych += r->psych;
	t->talks += r->talks;
	t->minutes += r->minutes;
	t->overdue += r->overdue;
	t->aid_fen += r->aid_fen;
	t->zishu += r->zishu;
	t->finals += r->summary == OVS_FINAL;
}

static int one_college(model_txn *t, const college *c, const semester *s, date_t today,
		       overview_row *r, err *e)
{
	summary_facts f;
	int rc = summary_facts_get(t, c->name, s->code, &f, e);
	if (rc)
		return rc;
	r->college = xstrdup(nz(c->name));
	r->ended = f.ended;
	r->running = f.pairings - f.ended;
	r->members = f.members;
	r->targets = f.targets;
	r->academic = f.kind_academic;
	r->financial = f.kind_financial;
	r->psych = f.kind_psych;
	r->talks = f.talks;
	r->minutes = f.minutes;
	r->overdue = f.overdue;
	r->aid_fen = f.aid_total_fen;
	model_deadlines d;
	if ((rc = model_deadlines_get(t, s->code, &c->m.id, today, &d, e)) != 0)
		return rc;
	r->roster = d.roster;
	summary sm;
	rc = summary_find(t, &c->m.id, &s->m.id, &sm, e);
	if (rc == E_NOTFOUND) {
		r->summary = f.pairings ? OVS_DRAFT : OVS_NONE;
		return 0;
	}
	if (rc)
		return rc;
	r->summary = sm.final ? OVS_FINAL : OVS_SAVED;
	r->zishu = text_zishu(nz(sm.text));
	rec_free(&summary_desc, &sm);
	return 0;
}

int model_overview_get(model_txn *t, const char *semester_code, date_t today,
		       overview_row **rows, size_t *n, overview_row *total, err *e)
{
	semester s;
	struct colleges l = { 0 };
	*rows = NULL;
	*n = 0;
	memset(total, 0, sizeof *total);
	int rc = semester_by_code(t, semester_code, &s, e);
	if (rc)
		return rc == E_NOTFOUND ? err_set(e, E_INPUT, _("no semester %s"), semester_code) : rc;
	model_deadlines d;
	if ((rc = model_deadlines_get(t, s.code, NULL, today, &d, e)) == 0) {
		total->roster = d.roster;
		rc = model_each(t, &college_desc, take_college, &l, e);
	}
	if (!rc) {
		qsort(l.v, l.n, sizeof *l.v, college_order);
		*rows = xcalloc(l.n + 1, sizeof **rows);
	}
	for (size_t i = 0; !rc && i < l.n; i++) {
		overview_row *r = &(*rows)[i];
		rc = one_college(t, &l.v[i], &s, today, r, e);
		(*n)++;
		if (!rc)
			add_to(total, r);
	}
	/* the total row's summary: final when every college's is */
	total->summary = l.n && total->finals == l.n ? OVS_FINAL : OVS_NONE;
	for (size_t i = 0; i < l.n; i++)
		rec_free(&college_desc, &l.v[i]);
	free(l.v);
	rec_free(&semester_desc, &s);
	return rc;
}

void overview_rows_free(overview_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++)
		free(rows[i].college);
	free(rows);
}
