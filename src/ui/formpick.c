#include "config.h"
/* formpick.c — the reference picker of the form screen (formpick.h). */
#include "ui/formpick.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/date.h"
#include "util/i18n.h"
#include "util/pinyin.h"
#include "util/text.h"

enum { PICK_MAX = 500 };

static void pick_add(fp_list *p, const rid *id, const char *label, bool exact)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->items = xrealloc(p->items, p->cap * sizeof *p->items);
		p->ids = xrealloc(p->ids, p->cap * sizeof *p->ids);
		p->exact = xrealloc(p->exact, p->cap * sizeof *p->exact);
	}
	p->items[p->n] = xstrdup(label);
	p->exact[p->n] = exact;
	p->ids[p->n++] = id ? *id : (rid){ { 0 } };
}

/* True if text is name, its folded form (吉祥 for 𠮷祥) or its whole
 * usual pinyin in any case ("zhangsan" for 张三). */
static bool name_is(const char *name, const char *text)
{
	if (!name || !*text)
		return false;
	if (!strcmp(name, text))
		return true;
	char *f = pinyin_fold(name);
	bool eq = !strcmp(f, text);
	free(f);
	if (eq || !pinyin_is_query(text))
		return eq;
	char py[256], *o = py;
	pinyin_name(name, py, sizeof py);
	for (const char *c = py; *c; c++)
		if (*c != ' ')
			*o++ = *c;
	*o = 0;
	return !strcasecmp(py, text);
}

/* True if a record called name (or numbered no) is offered for text: all
 * are for no text; else text is part of either, or matches name's pinyin. */
static bool offered(const char *name, const char *no, const char *text)
{
	if (!*text)
		return true;
	if ((name && strstr(name, text)) || (no && strcasestr(no, text)))
		return true;
	if (!name)
		return false;
	char *f = pinyin_fold(name), *ft = pinyin_fold(text);
	bool hit = strstr(f, ft) || (pinyin_is_query(text) && pinyin_match(name, text));
	free(f);
	free(ft);
	return hit;
}

void fp_free(fp_list *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->items[i]);
	free(p->items);
	free(p->ids);
	free(p->exact);
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
	bool exact = (st->student_no && !strcasecmp(st->student_no, c->text))
		     || name_is(st->name, c->text);
	pick_add(c->p, &st->m.id, buf, exact);
	return c->p->n >= PICK_MAX;
}

static int pick_rec(const void *rec, void *ctx)
{
	struct pick_ctx *c = ctx;
	char buf[512];
	const char *text = c->text;
	bool exact;
	if (c->type == FORM_COLLEGE) {
		const char *name = ((const college *)rec)->name;
		if (!offered(name, NULL, text))
			return 0;
		exact = name_is(name, text);
		snprintf(buf, sizeof buf, "%s", name);
	} else if (c->type == FORM_SEMESTER) {
		const semester *m = rec;
		char longname[64];
		semester_ui_name(m->code, longname);
		if (!offered(longname, m->code, text))
			return 0;
		exact = m->code && !strcmp(m->code, text);
		snprintf(buf, sizeof buf, "%s  %s", m->code, longname);
	} else {
		const counsellor *k = rec;
		char col[128] = "";
		if (!offered(k->name, k->staff_no, text))
			return 0;
		exact = name_is(k->name, text) || (k->staff_no && !strcasecmp(k->staff_no, text));
		fe_ref_label(c->t, FORM_COLLEGE, &k->college_id, col, sizeof col);
		snprintf(buf, sizeof buf, "%s  %s  %s", k->name ? k->name : "",
			 k->staff_no ? k->staff_no : "", col);
	}
	pick_add(c->p, &((const rec_meta *)rec)->id, buf, exact);
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
	char longname[64];
	semester_ui_name(code, longname);
	if (!have && offered(longname, code, text))
		pick_add(out, NULL, code, !strcmp(code, text));
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
	if (v->fl->type == FORM_STUDENT)
		snprintf(buf, sizeof buf, _("no student matches \"%s\""), clean);
	else if (*clean)
		snprintf(buf, sizeof buf, _("nothing matches \"%s\""), clean);
	else
		snprintf(buf, sizeof buf, _("nothing to choose from%s"), "");
	fe_set_msg(v, buf);
}

bool form_pick(ui *u, fe_form *f, fe_value *v)
{
	fp_list p = { 0 };
	err e = { 0 };
	form_type ty = v->fl->type;
	/* A chosen college, counsellor or semester: Enter offers them all. */
	char *text = ty != FORM_STUDENT && v->has_ref ? xstrdup("") : edit_get(&v->ed);
	char *clean = text_clean(text);
	bool changed = false;
	if (ty == FORM_STUDENT && !*clean) {
		fe_set_msg(v, _("type a student number, a name or its pinyin, then Enter"));
	} else if (fp_candidates(f->st, ty, clean, &p, &e)) {
		ui_status_error(u, "%s", e.msg);
	} else if (p.n == 0) {
		none_found(v, clean);
	} else {
		/* Taken at once only when it is the one and exactly what was
		 * typed; else the user chooses, even from one. */
		int k = p.n == 1 && p.exact[0]
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
