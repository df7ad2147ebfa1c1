#include "config.h"
/* formpick.c — the reference picker of the form screen (formpick.h). */
#include "ui/formpick.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/i18n.h"
#include "util/text.h"

enum { PICK_MAX = 500 };

static void pick_add(fp_list *p, const rid *id, const char *label)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->items = xrealloc(p->items, p->cap * sizeof *p->items);
		p->ids = xrealloc(p->ids, p->cap * sizeof *p->ids);
	}
	p->items[p->n] = xstrdup(label);
	p->ids[p->n++] = id ? *id : (rid){ { 0 } };
}

void fp_free(fp_list *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->items[i]);
	free(p->items);
	free(p->ids);
	memset(p, 0, sizeof *p);
}

struct pick_ctx {
	fp_list *p;
	model_txn *t;
	form_type type;
	const char *text;
};

static int pick_student(const student *st, void *ctx)
{
	struct pick_ctx *c = ctx;
	char col[128] = "", buf[512];
	fe_ref_label(c->t, FORM_COLLEGE, &st->college_id, col, sizeof col);
	snprintf(buf, sizeof buf, "%s  %s  %s  %s", st->name ? st->name : "",
		 st->student_no ? st->student_no : "", col, st->class_name ? st->class_name : "");
	pick_add(c->p, &st->m.id, buf);
	return c->p->n >= PICK_MAX;
}

static int pick_rec(const void *rec, void *ctx)
{
	struct pick_ctx *c = ctx;
	char buf[512];
	if (c->type == FORM_COLLEGE) {
		snprintf(buf, sizeof buf, "%s", ((const college *)rec)->name);
	} else if (c->type == FORM_SEMESTER) {
		const semester *m = rec;
		char longname[64];
		semester_ui_name(m->code, longname);
		snprintf(buf, sizeof buf, "%s  %s", m->code, longname);
	} else {
		const counsellor *k = rec;
		char col[128] = "";
		fe_ref_label(c->t, FORM_COLLEGE, &k->college_id, col, sizeof col);
		snprintf(buf, sizeof buf, "%s  %s  %s", k->name ? k->name : "",
			 k->staff_no ? k->staff_no : "", col);
	}
	pick_add(c->p, &((const rec_meta *)rec)->id, buf);
	return c->p->n >= PICK_MAX;
}

static int pick_fn(model_txn *t, void *ctx, err *e)
{
	struct pick_ctx *c = ctx;
	int rc = 0;
	c->t = t;
	if (c->type == FORM_STUDENT)
		rc = model_find(t, c->text, pick_student, c, e);
	else if (c->type == FORM_COLLEGE)
		rc = model_each(t, &college_desc, pick_rec, c, e);
	else if (c->type == FORM_SEMESTER)
		rc = model_each(t, &semester_desc, pick_rec, c, e);
	else if (c->type == FORM_COUNSELLOR)
		rc = model_each(t, &counsellor_desc, pick_rec, c, e);
	return rc == 1 ? 0 : rc;
}

static int current_fn(model_txn *t, void *ctx, err *e)
{
	return model_semester_current(t, ctx, SEMESTER_CODE_MAX, e);
}

int fp_candidates(model_store *st, form_type ty, const char *text, fp_list *out, err *e)
{
	struct pick_ctx c = { out, NULL, ty, text };
	int rc = model_read(st, pick_fn, &c, e);
	if (rc || ty != FORM_SEMESTER)
		return rc;
	/* The current semester may be chosen before it exists. */
	char code[SEMESTER_CODE_MAX];
	if (model_read(st, current_fn, code, e) != 0)
		semester_of(date_today(), code);
	err_clear(e);
	bool have = false;
	for (size_t i = 0; i < out->n; i++)
		have |= !strncmp(out->items[i], code, strlen(code));
	if (!have)
		pick_add(out, NULL, code);
	return 0;
}

/* "name  number  college  class" -> "name number"; others: up to "  ". */
static void short_label(form_type ty, const char *item, char *label, size_t n)
{
	snprintf(label, n, "%s", item);
	char *sep = strstr(label, "  ");
	if (sep && ty == FORM_STUDENT) {
		char *sep2 = strstr(sep + 2, "  ");
		if (sep2)
			*sep2 = 0;
		memmove(sep + 1, sep + 2, strlen(sep + 2) + 1);
	} else if (sep) {
		*sep = 0;
	}
}

static void none_found(fe_value *v, const char *clean)
{
	char buf[300];
	bool st = v->fl->type == FORM_STUDENT;
	snprintf(buf, sizeof buf, st ? _("no student matches \"%s\"") : _("nothing to choose from%s"),
		 st ? clean : "");
	fe_set_msg(v, buf);
}

bool form_pick(ui *u, fe_form *f, fe_value *v)
{
	fp_list p = { 0 };
	err e = { 0 };
	char *text = edit_get(&v->ed);
	char *clean = text_clean(text);
	bool changed = false;
	form_type ty = v->fl->type;
	if (ty == FORM_STUDENT && !*clean) {
		fe_set_msg(v, _("type a student number, a name or its pinyin, then Enter"));
	} else if (fp_candidates(f->st, ty, clean, &p, &e)) {
		ui_status_error(u, "%s", e.msg);
	} else if (p.n == 0) {
		none_found(v, clean);
	} else {
		int k = p.n == 1 && ty == FORM_STUDENT
				? 0
				: ui_choose(u, form_label(v->fl), (const char *const *)p.items, p.n);
		if (k >= 0 && rid_is_zero(&p.ids[k])) {    /* a new semester code */
			fe_set_new_code(v, p.items[k]);
		} else if (k >= 0) {
			char label[512];
			short_label(ty, p.items[k], label, sizeof label);
			fe_set_ref(v, &p.ids[k], label);
		}
		changed = k >= 0;
	}
	fp_free(&p);
	free(text);
	free(clean);
	return changed;
}
