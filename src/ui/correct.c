#include "config.h"
/* correct.c — corrections on the screens: editing any record in its form,
 * deleting one after a question that names it (ui.h, "corrections"). The
 * rules are the model's: model_delete refuses what would leave others
 * dangling and says why; this file only asks, shows and offers undo
 * (ui.c keeps the offer until the next change). */
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "util/i18n.h"

/* ---- edit ------------------------------------------------------------------ */

/* What a form needs to know of a record before it opens: the student a
 * profile belongs to, the pairing of a talk. */
struct edit_q {
	const record_desc *d;
	rid id;
	rid student;           /* profiles */
	rid pairing;           /* a member's talk */
	int rc;
};

static int edit_txn(model_txn *t, void *ctx, err *e)
{
	struct edit_q *q = ctx;
	q->rc = 0;
	if (q->d == &target_desc) {
		target g;
		if ((q->rc = target_get(t, &q->id, &g, e)) == 0) {
			q->student = g.student_id;
			rec_free(&target_desc, &g);
		}
	} else if (q->d == &member_desc) {
		member m;
		if ((q->rc = member_get(t, &q->id, &m, e)) == 0) {
			q->student = m.student_id;
			rec_free(&member_desc, &m);
		}
	} else if (q->d == &talk_desc) {
		talk k;
		if ((q->rc = talk_get(t, &q->id, &k, e)) == 0) {
			q->pairing = k.pairing_id;
			rec_free(&talk_desc, &k);
		}
	}
	return q->rc == E_NOTFOUND ? 0 : q->rc;
}

bool ui_edit_record(ui *u, const record_desc *d, const rid *id)
{
	struct edit_q q = { .d = d, .id = *id };
	err e = { 0 };
	if (model_read(ui_store(u), edit_txn, &q, &e) != 0) {
		ui_status_error(u, "%s", e.msg);
		return false;
	}
	if (q.rc == E_NOTFOUND) {
		ui_status_error(u, "%s", _("That record is no longer there."));
		return false;
	}
	if (d == &student_desc)
		return push_form(u, "student", id, NULL, NULL);
	if (d == &target_desc || d == &member_desc)
		return push_form(u, "student", &q.student, NULL, NULL);
	if (d == &talk_desc && !rid_is_zero(&q.pairing))
		return push_form(u, "talk", id, "pairing_id", UI_ID_TEXT(&q.pairing));
	return push_form(u, d->name, id, NULL, NULL);
}

/* ---- delete ------------------------------------------------------------------ */

struct del_q {
	const record_desc *d;
	rid id;
	uint32_t rev;
	char label[256];
};

static int label_txn(model_txn *t, void *ctx, err *e)
{
	struct del_q *q = ctx;
	return model_record_label(t, q->d, &q->id, q->label, sizeof q->label, &q->rev, e);
}

static int delete_txn(model_txn *t, void *ctx, err *e)
{
	struct del_q *q = ctx;
	return model_delete(t, q->d, &q->id, q->rev, e);
}

bool ui_delete_record(ui *u, const record_desc *d, const rid *id)
{
	struct del_q q = { .d = d, .id = *id };
	err e = { 0 };
	int rc = model_read(ui_store(u), label_txn, &q, &e);
	if (rc == E_NOTFOUND) {
		ui_status_error(u, "%s", _("That record is no longer there."));
		return false;
	}
	if (rc) {
		ui_status_error(u, "%s", e.msg);
		return false;
	}
	char *ask = xasprintf(_("Delete %s?"), q.label);
	bool yes = ui_confirm(u, ask);
	free(ask);
	if (!yes)
		return false;
	err_clear(&e);
	rc = model_write(ui_store(u), delete_txn, &q, &e);
	if (rc == E_INPUT) {
		ui_message(u, _("Cannot delete"), e.msg);
		return false;
	}
	if (rc) {
		ui_status_error(u, "%s", rc == E_NOTFOUND ? _("That record is no longer there.") : e.msg);
		return false;
	}
	ui_offer_undo(u, d, id, q.label);
	return true;
}
