#include "config.h"
/* views.c — the one definition of what the screens and the commands show
 * about a pairing (its status on a day), a party member (category and open
 * pairings) and a document's deadline. The rows of the lists are built
 * from these in rows.c. */
#include "model/internal.h"

#include <string.h>

/* ---- a pairing's status ----------------------------------------------- */

void pairing_status_on(const pairing *p, date_t day, date_t last_talk, int64_t overdue_days,
		       const semester *sem, pairing_status *out)
{
	memset(out, 0, sizeof *out);
	out->active = pairing_active_on(p, day);
	out->ended = p->end && p->end < day;
	out->upcoming = !p->start || p->start > day;
	out->since = p->start;
	out->last_talk = last_talk;
	out->days = (int)(day - (last_talk ? last_talk : p->start));
	out->overdue_days = overdue_days;
	out->overdue = out->active && out->days > overdue_days;
	if (sem) {
		out->in_semester = rid_cmp(&p->semester_id, &sem->m.id) == 0;
		out->runs_in_semester = p->start && p->start <= sem->end &&
			(p->end == 0 || p->end >= sem->start);
	}
}

int pairing_status_get(store_txn *t, const pairing *p, date_t day, const semester *sem,
		       pairing_status *out, err *e)
{
	date_t last;
	int64_t limit;
	int rc = pairing_last_talk(t, &p->m.id, &last, e);
	if (!rc)
		rc = college_overdue_days_of(t, &p->college_id, &limit, e);
	if (!rc)
		pairing_status_on(p, day, last, limit, sem, out);
	return rc;
}

/* ---- a party member ------------------------------------------------------ */

int member_status_get(store_txn *t, const student *s, date_t today, member_status *out, err *e)
{
	memset(out, 0, sizeof *out);
	out->category = member_category_of(s->political);
	return member_open_pairings(t, &s->m.id, NULL, today, &out->open_pairings, e);
}

/* ---- deadlines ------------------------------------------------------------- */

due_status due_status_of(date_t due, date_t today, bool done)
{
	due_status d = { DUE_NONE, due, 0, false };
	if (!due)
		return d;
	d.days = (int)(due - today);
	if (done)
		d.state = DUE_DONE;
	else if (d.days > 0)
		d.state = DUE_LEFT;
	else if (d.days == 0)
		d.state = DUE_TODAY;
	else
		d.state = DUE_OVERDUE;
	d.soon = d.state == DUE_LEFT && d.days <= DUE_SOON_DAYS;
	return d;
}

struct finals {
	rid sem;
	const rid *college;    /* NULL: every college */
	size_t n;
};

static int count_final(const void *rec, void *ctx)
{
	const summary *s = rec;
	struct finals *f = ctx;
	if (s->final && rid_cmp(&s->semester_id, &f->sem) == 0 &&
	    (!f->college || rid_cmp(&s->college_id, f->college) == 0))
		f->n++;
	return 0;
}

int model_deadlines_get(store_txn *t, const char *code, const rid *college_id, date_t today,
			model_deadlines *out, err *e)
{
	semester s;
	memset(out, 0, sizeof *out);
	int rc = semester_by_code(t, code, &s, e);
	if (rc == E_NOTFOUND) {
		err_clear(e);
		return 0;
	}
	if (rc)
		return rc;
	out->have_semester = true;
	out->semester_id = s.m.id;
	date_t roster_due = s.roster_due, summary_due = s.summary_due;
	rec_free(&semester_desc, &s);
	struct finals f = { out->semester_id, college_id, 0 };
	if (college_id) {
		out->colleges = 1;
	} else {
		model_stats st;   /* kept counts: no college is read */
		if ((rc = model_stats_get(t, &st, e)) != 0)
			return rc;
		out->colleges = st.colleges;
	}
	/* summaries are few (one per college and semester): a scan */
	if ((rc = model_each(t, &summary_desc, count_final, &f, e)) != 0)
		return rc;
	out->finals = f.n;
	out->roster = due_status_of(roster_due, today, false);
	out->summary = due_status_of(summary_due, today,
				     out->colleges && out->finals >= out->colleges);
	return 0;
}
