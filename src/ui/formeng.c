#include "config.h"
/* formeng.c — the form engine (formeng.h): values <-> records, field text,
 * checking and saving through the model. Curses-free. */
#include "ui/formeng.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/i18n.h"
#include "util/text.h"

/* ---- small helpers ---------------------------------------------------- */

bool fe_is_edit(form_type t)
{
	return t == FORM_TEXT || t == FORM_MULTILINE || t == FORM_DATE || t == FORM_INT
	       || t == FORM_MONEY || fe_is_search(t);
}

bool fe_is_search(form_type t)
{
	return t == FORM_STUDENT || t == FORM_COUNSELLOR || t == FORM_COLLEGE
	       || t == FORM_SEMESTER;
}

bool fe_is_ref(form_type t)
{
	return t == FORM_STUDENT || t == FORM_COUNSELLOR || t == FORM_COLLEGE
	       || t == FORM_SEMESTER || t == FORM_PAIRING;
}

bool fe_focusable(const fe_value *v)
{
	return v->visible && !v->locked && !v->masked && !v->fl->readonly;
}

static void *field_ptr(void *rec, const field_desc *fd)
{
	return (char *)rec + fd->off;
}

static const char *preset(const fe_form *f, const char *name)
{
	for (char **p = f->presets; p && p[0] && p[1]; p += 2)
		if (!strcmp(p[0], name))
			return p[1];
	return NULL;
}

static const char *preset_for(const fe_form *f, const form_field *fl)
{
	char full[128];
	snprintf(full, sizeof full, "%s.%s", fl->entity, fl->name);
	const char *v = preset(f, full);
	return v ? v : preset(f, fl->name);
}

void fe_set_msg(fe_value *v, const char *m)
{
	free(v->msg);
	v->msg = m ? xstrdup(m) : NULL;
}

static void set_top(fe_form *f, const char *m)
{
	free(f->top_msg);
	f->top_msg = m ? xstrdup(m) : NULL;
}

static void *rec_new(const record_desc *d)
{
	return xcalloc(1, d->size);
}

static void *rec_dup(const record_desc *d, const void *src)
{
	void *r = rec_new(d);
	rec_copy(d, r, src);
	memcpy(r, src, sizeof(rec_meta));
	return r;
}

static void rec_drop(const record_desc *d, void **r)
{
	if (*r) {
		rec_free(d, *r);
		free(*r);
		*r = NULL;
	}
}

static const char *slot_name(const fe_form *f, size_t i)
{
	return f->slots[i].desc->name;
}

fe_value *fe_field(fe_form *f, const char *entity, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].fl->entity, entity) && !strcmp(f->v[i].fl->name, name))
			return &f->v[i];
	return NULL;
}

void fe_set_text(fe_value *v, const char *text)
{
	edit_set(&v->ed, text);
}

void fe_set_ref(fe_value *v, const rid *id, const char *label)
{
	free(v->new_code);
	v->new_code = NULL;
	v->ref = *id;
	v->has_ref = true;
	edit_set(&v->ed, label);
}

void fe_clear_ref(fe_value *v)
{
	v->has_ref = false;
	memset(&v->ref, 0, sizeof v->ref);
	free(v->new_code);
	v->new_code = NULL;
	edit_set(&v->ed, "");
}

void fe_set_new_code(fe_value *v, const char *code)
{
	fe_clear_ref(v);
	v->new_code = xstrdup(code);
	edit_set(&v->ed, code);
}

void fe_set_choice(fe_value *v, const char *value)
{
	free(v->val);
	v->val = value ? xstrdup(value) : NULL;
}

void fe_cycle(fe_value *v, int dir)
{
	const char *const *c = v->fl->choices;
	int n = 0, i = -1;
	while (c[n])
		n++;
	for (int k = 0; v->val && k < n; k++)
		if (!strcmp(c[k], v->val))
			i = k;
	i = i < 0 ? (dir > 0 ? 0 : n - 1) : (i + dir + n) % n;
	fe_set_choice(v, c[i]);
}

/* ---- labels of references (inside a read) ----------------------------- */

static void student_label(model_txn *t, const rid *id, char *buf, size_t n)
{
	student st;
	err e = { 0 };
	if (student_get(t, id, &st, &e) == 0) {
		snprintf(buf, n, "%s %s", st.name ? st.name : "", st.student_no ? st.student_no : "");
		rec_free(&student_desc, &st);
	} else {
		snprintf(buf, n, "?");
	}
}

static void pairing_label(model_txn *t, const rid *id, char *buf, size_t n)
{
	pairing p;
	err e = { 0 };
	if (pairing_get(t, id, &p, &e) == 0) {
		char a[128], b[128];
		student_label(t, &p.member_id, a, sizeof a);
		student_label(t, &p.target_id, b, sizeof b);
		snprintf(buf, n, "%s → %s", a, b);
		rec_free(&pairing_desc, &p);
	}
}

void fe_ref_label(model_txn *t, form_type ty, const rid *id, char *buf, size_t n)
{
	err e = { 0 };
	union {
		counsellor c;
		college col;
		semester m;
	} r;
	buf[0] = 0;
	if (rid_is_zero(id))
		return;
	switch (ty) {
	case FORM_STUDENT:
		student_label(t, id, buf, n);
		break;
	case FORM_COUNSELLOR:
		if (counsellor_get(t, id, &r.c, &e) == 0) {
			snprintf(buf, n, "%s %s", r.c.name ? r.c.name : "",
				 r.c.staff_no ? r.c.staff_no : "");
			rec_free(&counsellor_desc, &r.c);
		}
		break;
	case FORM_COLLEGE:
		if (college_get(t, id, &r.col, &e) == 0) {
			snprintf(buf, n, "%s", r.col.name ? r.col.name : "");
			rec_free(&college_desc, &r.col);
		}
		break;
	case FORM_SEMESTER:
		if (semester_get(t, id, &r.m, &e) == 0) {
			snprintf(buf, n, "%s", r.m.code ? r.m.code : "");
			rec_free(&semester_desc, &r.m);
		}
		break;
	case FORM_PAIRING:
		pairing_label(t, id, buf, n);
		break;
	default:
		break;
	}
}

/* ---- records -> values ------------------------------------------------ */

void fe_value_text(model_txn *t, const form_field *fl, const void *rec, char *buf, size_t n)
{
	const void *p = (const char *)rec + fl->fd->off;
	buf[0] = 0;
	switch (fl->fd->type) {
	case FT_STR:
		snprintf(buf, n, "%s", *(char *const *)p ? *(char *const *)p : "");
		break;
	case FT_INT:
		if (fl->type == FORM_MONEY)
			money_format(*(const int64_t *)p, buf, n);
		else
			snprintf(buf, n, "%lld", (long long)*(const int64_t *)p);
		break;
	case FT_DATE: {
		char d[11];
		date_format(*(const date_t *)p, d);
		snprintf(buf, n, "%s", d);
		break;
	}
	case FT_BITS:
		if (fl->choice_set && !strcmp(fl->choice_set, "topics"))
			topics_format(*(const uint32_t *)p, buf, n);
		else
			kinds_format(*(const uint32_t *)p, buf, n);
		break;
	case FT_ID:
		if (t)
			fe_ref_label(t, fl->type, p, buf, n);
		else if (!rid_is_zero(p) && n >= 33)
			rid_hex(p, buf);
		break;
	}
}

/* The items of a multi field joined as text ("学业困难、心理困难") hold
 * bits by the choices' order. */
static uint32_t bits_of_text(const form_field *fl, const char *sv)
{
	uint32_t bits = 0;
	for (int i = 0; fl->choices[i]; i++)
		if (strstr(sv ? sv : "", fl->choices[i]))
			bits |= 1u << i;
	return bits;
}

/* Puts a record's value into a field (inside a read, for labels). */
static void load_field(model_txn *t, fe_value *v, const void *rec)
{
	const form_field *fl = v->fl;
	const void *p = (const char *)rec + fl->fd->off;
	char buf[512];
	switch (fl->type) {
	case FORM_CHOICE:
		fe_set_choice(v, *(char *const *)p && **(char *const *)p ? *(char *const *)p : NULL);
		break;
	case FORM_MULTI:
		v->bits = fl->fd->type == FT_BITS ? *(const uint32_t *)p
						  : bits_of_text(fl, *(char *const *)p);
		break;
	case FORM_STUDENT: case FORM_COUNSELLOR: case FORM_COLLEGE:
	case FORM_SEMESTER: case FORM_PAIRING:
		v->ref = *(const rid *)p;
		v->has_ref = !rid_is_zero(&v->ref);
		fe_ref_label(t, fl->type, &v->ref, buf, sizeof buf);
		edit_set(&v->ed, buf);
		break;
	default:
		fe_value_text(t, fl, rec, buf, sizeof buf);
		if (fl->fd->type == FT_INT && fl->type == FORM_INT && *(const int64_t *)p == 0)
			buf[0] = 0;
		edit_set(&v->ed, buf);
		break;
	}
}

/* ---- values -> records ------------------------------------------------ */

static bool parse_number(fe_value *v, const char *clean, void *p)
{
	bool ok = true;
	if (v->fl->type == FORM_DATE) {
		date_t d = 0;
		if (*clean && model_date_early(clean)) {
			char why[200];
			snprintf(why, sizeof why, _("%s is before 2000: not a plausible date"), clean);
			fe_set_msg(v, why);
			ok = false;
		} else if (*clean && !date_parse(clean, &d)) {
			fe_set_msg(v, _("not a date (YYYY-MM-DD)"));
			ok = false;
		}
		*(date_t *)p = d;
	} else if (v->fl->type == FORM_INT) {
		char *end;
		long long n = *clean ? strtoll(clean, &end, 10) : 0;
		if (*clean && *end) {
			fe_set_msg(v, _("not a whole number"));
			ok = false;
			n = 0;
		}
		*(int64_t *)p = n;
	} else {       /* FORM_MONEY: the model's one reading of amounts */
		int64_t fen = 0;
		if (*clean && !money_parse(clean, &fen)) {
			fe_set_msg(v, _("not an amount in yuan (like 85.50)"));
			ok = false;
			fen = 0;
		}
		*(int64_t *)p = fen;
	}
	return ok;
}

static void set_str(void *p, const char *s)
{
	free(*(char **)p);
	*(char **)p = xstrdup(s ? s : "");
}

static void apply_multi(const fe_value *v, void *p)
{
	const form_field *fl = v->fl;
	if (fl->fd->type == FT_BITS) {
		*(uint32_t *)p = v->bits;
		return;
	}
	char buf[1024] = "";
	for (int i = 0; fl->choices[i]; i++)
		if (v->bits & (1u << i)) {
			if (*buf)
				strncat(buf, "、", sizeof buf - strlen(buf) - 1);
			strncat(buf, fl->choices[i], sizeof buf - strlen(buf) - 1);
		}
	set_str(p, buf);
}

/* Applies a field to its slot's record. False (and a message) when the
 * text cannot be read as the field's type. */
static bool apply_field(fe_value *v, void *rec)
{
	const form_field *fl = v->fl;
	void *p = field_ptr(rec, fl->fd);
	char *text = fe_is_edit(fl->type) ? edit_get(&v->ed) : NULL;
	char *clean = text ? text_clean(text) : NULL;
	bool ok = true;
	switch (fl->type) {
	case FORM_TEXT: case FORM_MULTILINE:
		set_str(p, clean);
		break;
	case FORM_DATE: case FORM_INT: case FORM_MONEY:
		ok = parse_number(v, clean, p);
		break;
	case FORM_CHOICE:
		set_str(p, v->val);
		break;
	case FORM_MULTI:
		apply_multi(v, p);
		break;
	default:      /* references */
		*(rid *)p = v->has_ref ? v->ref : (rid){ { 0 } };
		break;
	}
	free(text);
	free(clean);
	return ok;
}

bool fe_empty(const fe_value *v)
{
	switch (v->fl->type) {
	case FORM_CHOICE: return !v->val;
	case FORM_MULTI: return v->bits == 0;
	case FORM_SEMESTER: return !v->has_ref && !v->new_code;
	case FORM_STUDENT: case FORM_COUNSELLOR: case FORM_COLLEGE: case FORM_PAIRING:
		return !v->has_ref;
	default: {
		char *t = edit_get(&v->ed);
		char *c = text_clean(t);
		bool empty = !*c;
		free(t);
		free(c);
		return empty;
	}
	}
}

/* An assisted-student profile on the student form is saved when it exists
 * or something of it was filled in (a choice left at its default is not). */
static void skip_empty_profiles(fe_form *f)
{
	for (size_t i = 1; i < f->nslots; i++) {
		fe_slot *sl = &f->slots[i];
		if (strcmp(slot_name(f, i), "target") || sl->orig)
			continue;
		bool any = false;
		for (size_t j = 0; j < f->n; j++)
			if (f->v[j].slot == (int)i && !fe_empty(&f->v[j])
			    && !(f->v[j].fl->def && f->v[j].fl->type == FORM_CHOICE))
				any = true;
		sl->skip = !any;
	}
}

/* Builds every slot's work record from the fields. False when a field
 * cannot be read or a required one is empty (messages on the touched
 * fields, on all with all). */
static bool build(fe_form *f, bool all)
{
	bool ok = true;
	for (size_t i = 0; i < f->nslots; i++) {
		fe_slot *sl = &f->slots[i];
		rec_drop(sl->desc, &sl->work);
		sl->work = sl->orig ? rec_dup(sl->desc, sl->orig) : rec_new(sl->desc);
		sl->skip = false;
	}
	for (size_t i = 0; i < f->n; i++) {
		fe_value *v = &f->v[i];
		fe_set_msg(v, NULL);
		if (v->masked)
			continue;         /* the stored text stays as it is */
		if (!apply_field(v, f->slots[v->slot].work)) {
			ok = false;
			continue;
		}
		if (v->fl->required && v->visible && fe_empty(v)) {
			if (all || v->touched)
				fe_set_msg(v, _("required"));
			ok = false;
		}
	}
	skip_empty_profiles(f);
	return ok;
}

/* ---- privacy ---------------------------------------------------------- */

/* The situation of an assisted student with 心理困难 and the content of a
 * talk about 心理 are for counsellors only: others see privacy_mask(). */
static bool must_mask(fe_form *f, const fe_value *v)
{
	const void *orig = f->slots[v->slot].orig;
	if (!strcmp(v->fl->entity, "target") && !strcmp(v->fl->name, "situation")) {
		target g = { 0 };
		fe_value *k = fe_field(f, "target", "kinds");
		g.kinds = (k ? k->bits : 0) | (orig ? ((const target *)orig)->kinds : 0);
		return !target_situation_visible(f->role, &g);
	}
	if (!strcmp(v->fl->entity, "talk") && !strcmp(v->fl->name, "content")) {
		talk k = { 0 };
		fe_value *tp = fe_field(f, "talk", "topics");
		k.topics = (tp ? tp->bits : 0) | (orig ? ((const talk *)orig)->topics : 0);
		return !talk_content_visible(f->role, &k);
	}
	return false;
}

static void privacy(fe_form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		fe_value *v = &f->v[i];
		bool mask = must_mask(f, v);
		if (mask && !v->masked) {
			/* What was typed here before it became private is dropped. */
			v->masked = true;
			edit_set(&v->ed, privacy_mask());
		} else if (!mask && v->masked) {
			v->masked = false;
			const void *orig = f->slots[v->slot].orig;
			const char *old = orig ? *(char *const *)((const char *)orig + v->fl->fd->off)
					       : NULL;
			edit_set(&v->ed, old ? old : "");
		}
	}
}

/* ---- checking --------------------------------------------------------- */

static fe_value *new_semester(fe_form *f, int slot_no)
{
	for (size_t i = 0; i < f->n; i++) {
		fe_value *v = &f->v[i];
		if (v->slot == slot_no && v->fl->type == FORM_SEMESTER && !v->has_ref && v->new_code)
			return v;
	}
	return NULL;
}

/* The profile's student is the form's student (slot 0); false while that
 * student is new. */
static bool link_profile(fe_form *f, size_t i, void *rec)
{
	if (i == 0 || strcmp(slot_name(f, i), "target") || strcmp(slot_name(f, 0), "student"))
		return true;
	const rec_meta *s = f->slots[0].orig ? f->slots[0].orig : f->slots[0].work;
	((target *)rec)->student_id = s->id;
	return !rid_is_zero(&s->id);
}

/* The model's check of slot i, writing nothing (its fixed copy kept). */
static int check_model(model_txn *t, fe_form *f, size_t i, err *e)
{
	fe_slot *sl = &f->slots[i];
	bool linked = link_profile(f, i, sl->work);
	fe_value *code = new_semester(f, (int)i);
	if (!linked)
		return target_check_new_student(t, sl->work, sl->fixed, e);
	if (code && sl->desc == &pairing_desc)
		return pairing_check_new_semester(t, sl->work, code->new_code, sl->fixed, e);
	return model_check_rec(t, sl->desc, sl->work, sl->fixed, e);
}

/* The fields the user does not type (readonly) show what the model's fix
 * made of the record: a talk's pairing is the one its helper, student and
 * date name. While a rule fails (no pairing runs on the date typed, a date
 * half typed) they keep what they showed, the pairing the form was opened
 * from: the message beside the failing field says what is wrong. */
static int check_slot(model_txn *t, fe_form *f, size_t i, err *e)
{
	fe_slot *sl = &f->slots[i];
	rec_drop(sl->desc, &sl->fixed);
	sl->fixed = rec_new(sl->desc);
	int rc = check_model(t, f, i, e);
	if (rc != 0 && rc != E_INPUT)
		return rc;
	for (size_t j = 0; rc == 0 && j < f->n; j++) {
		fe_value *v = &f->v[j];
		if (v->slot == (int)i && v->visible && v->fl->readonly && !v->masked)
			load_field(t, v, sl->fixed);
	}
	return rc;
}

enum { FE_MAX_PROBLEMS = 8 };

struct check_ctx {
	fe_form *f;
	int failed;          /* the slot whose rule failed, or -1 */
	err problems[FE_MAX_PROBLEMS];  /* every rule it breaks */
	size_t nproblems;
};

static int check_fn(model_txn *t, void *ctx, err *e)
{
	struct check_ctx *c = ctx;
	c->failed = -1;
	c->nproblems = 0;
	for (size_t i = 0; i < c->f->nslots; i++) {
		if (c->f->slots[i].skip)
			continue;
		int rc = check_slot(t, c->f, i, e);
		if (rc) {
			c->failed = (int)i;
			/* not only the first broken rule: each field's */
			if (rc == E_INPUT)
				c->nproblems = model_check_all(t, c->f->slots[i].desc,
							       c->f->slots[i].fixed, e, c->problems,
							       FE_MAX_PROBLEMS);
			return rc;
		}
	}
	return 0;
}

void fe_place_error(fe_form *f, int slot, const err *e)
{
	const char *name = e->field;
	size_t n = strlen(name);
	for (size_t i = 0; n && slot >= 0 && i < f->n; i++) {
		fe_value *v = &f->v[i];
		const char *fn = v->fl->fd->name;
		if (v->slot != slot || !v->visible)
			continue;
		if (!strcmp(fn, name)
		    || (!strncmp(fn, name, n) && (!strcmp(fn + n, "_id") || !strcmp(fn + n, "_fen")))) {
			if (!v->msg)    /* "not a date" says more */
				fe_set_msg(v, err_text(e));
			return;
		}
	}
	if (f->top_msg && strcmp(f->top_msg, e->msg)) {   /* more than one: each is kept */
		char *both = xasprintf("%s  %s", f->top_msg, e->msg);
		set_top(f, both);
		free(both);
	} else {
		set_top(f, e->msg);
	}
}

/* The pairing rules name the helper and the student one after the other:
 * while only one of them is chosen, the model's check of that side alone
 * (pairing_check_member / pairing_check_target) is shown at once. */
static int partial_fn(model_txn *t, void *ctx, err *e)
{
	fe_form *f = ctx;
	fe_value *m = fe_field(f, "pairing", "member_id");
	fe_value *g = fe_field(f, "pairing", "target_id");
	if (!m || !g || m->has_ref == g->has_ref)
		return 0;
	pairing p = { 0 };
	if (m->has_ref && !m->msg) {
		p.member_id = m->ref;
		if (pairing_check_member(t, &p, e) == E_INPUT)
			fe_set_msg(m, err_text(e));
	}
	if (g->has_ref && !g->msg) {
		p.target_id = g->ref;
		if (pairing_check_target(t, &p, e) == E_INPUT)
			fe_set_msg(g, err_text(e));
	}
	err_clear(e);
	return 0;
}

static int kinds_fn(model_txn *t, void *ctx, err *e);

bool fe_check(fe_form *f, bool all)
{
	err e = { 0 };
	struct check_ctx c = { .f = f, .failed = -1 };
	set_top(f, NULL);
	privacy(f);
	model_read(f->st, kinds_fn, f, &e);
	bool ok = build(f, all);
	if (model_read(f->st, check_fn, &c, &e)) {
		ok = false;
		if (!c.nproblems)
			fe_place_error(f, c.failed, &e);
		for (size_t i = 0; i < c.nproblems; i++)
			fe_place_error(f, c.failed, &c.problems[i]);
		/* A rule about a field the user has not reached yet is not
		 * news; every other one is shown. */
		for (size_t i = 0; i < f->n; i++)
			if (f->v[i].msg && !f->v[i].touched && !all && fe_empty(&f->v[i]))
				fe_set_msg(&f->v[i], NULL);
	}
	if (!strcmp(slot_name(f, 0), "pairing"))
		model_read(f->st, partial_fn, f, &e);
	return ok;
}

/* ---- saving ----------------------------------------------------------- */

struct save_ctx {
	fe_form *f;
	fe_conflict *c;
	void *copy[FE_MAX_SLOTS];
	bool unchanged[FE_MAX_SLOTS];   /* not changed here: not written */
	int failed;                     /* the slot whose rule failed, or -1 */
	bool conflict;
};

static void save_reset(struct save_ctx *s)
{
	for (size_t i = 0; i < s->f->nslots; i++) {
		rec_drop(s->f->slots[i].desc, &s->copy[i]);
		rec_drop(s->f->slots[i].desc, &s->c->theirs[i]);
		s->c->slot[i] = false;
	}
	s->failed = -1;
	s->conflict = false;
}

/* Someone else's change since the form read slot i? */
static int compare_slot(model_txn *t, struct save_ctx *s, size_t i, err *e)
{
	fe_slot *sl = &s->f->slots[i];
	const rec_meta *was = sl->orig;
	void *now = rec_new(sl->desc);
	int rc = model_get(t, sl->desc, &was->id, now, e);
	if (rc == E_NOTFOUND || (rc == 0 && ((rec_meta *)now)->rev != was->rev)) {
		s->c->slot[i] = true;
		s->conflict = true;
		if (rc == 0) {
			((rec_meta *)now)->id = was->id;
			s->c->theirs[i] = now;
			return 0;
		}
		rc = 0;
	}
	if (rc == 0)
		rec_free(sl->desc, now);
	free(now);
	return rc;
}

static int save_slot(model_txn *t, struct save_ctx *s, size_t i, err *e)
{
	fe_form *f = s->f;
	fe_value *code = new_semester(f, (int)i);
	int rc;
	if (code) {     /* a semester named by a code that does not exist yet */
		rid id;
		if ((rc = semester_ensure(t, code->new_code, &id, e)))
			return rc;
		*(rid *)field_ptr(s->copy[i], code->fl->fd) = id;
	}
	if (i > 0 && !strcmp(slot_name(f, i), "target") && !strcmp(slot_name(f, 0), "student"))
		((target *)s->copy[i])->student_id = ((rec_meta *)s->copy[0])->id;
	return model_save_rec(t, f->slots[i].desc, s->copy[i], e);
}

static int save_fn(model_txn *t, void *ctx, err *e)
{
	struct save_ctx *s = ctx;
	fe_form *f = s->f;
	int rc;
	save_reset(s);
	for (size_t i = 0; i < f->nslots; i++) {
		fe_slot *sl = &f->slots[i];
		s->copy[i] = rec_dup(sl->desc, sl->work);
		s->unchanged[i] = sl->orig && !sl->skip && rec_diff(sl->desc, sl->work, sl->orig) == 0;
	}
	/* Every changed record is compared, so that all of them are shown. */
	for (size_t i = 0; i < f->nslots; i++)
		if (f->slots[i].orig && !f->slots[i].skip && !s->unchanged[i]
		    && (rc = compare_slot(t, s, i, e)))
			return rc;
	if (s->conflict)
		return err_set(e, E_DB, "%s", _("changed by someone else"));
	for (size_t i = 0; i < f->nslots; i++) {
		if (f->slots[i].skip || s->unchanged[i])
			continue;
		if ((rc = save_slot(t, s, i, e))) {
			s->failed = (int)i;
			return rc;
		}
	}
	return 0;
}

fe_result fe_save(fe_form *f, fe_conflict *c)
{
	err e = { 0 };
	struct save_ctx s = { .f = f, .c = c, .failed = -1 };
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < f->n; i++)
		f->v[i].touched = true;
	if (!fe_check(f, true))
		return FE_INVALID;
	int rc = model_write(f->st, save_fn, &s, &e);
	for (size_t i = 0; i < f->nslots; i++)
		rec_drop(f->slots[i].desc, &s.copy[i]);
	if (rc && s.conflict)
		return FE_CONFLICT;
	if (rc) {
		fe_place_error(f, s.failed, &e);
		return FE_INVALID;
	}
	return FE_SAVED;
}

void fe_conflict_free(fe_form *f, fe_conflict *c)
{
	for (size_t i = 0; i < f->nslots; i++)
		rec_drop(f->slots[i].desc, &c->theirs[i]);
	memset(c, 0, sizeof *c);
}

void fe_take_theirs(fe_form *f, fe_conflict *c)
{
	for (size_t i = 0; i < f->nslots; i++) {
		fe_slot *sl = &f->slots[i];
		if (!c->slot[i])
			continue;
		/* Fields not on the form come from theirs; a save after "keep
		 * mine" keeps the form's fields mine. */
		rec_drop(sl->desc, &sl->orig);
		sl->orig = c->theirs[i];
		c->theirs[i] = NULL;
	}
}

struct diff_ctx {
	fe_form *f;
	const fe_conflict *c;
	char *text;
	size_t len, cap;
};

static void diff_add(struct diff_ctx *d, const char *line)
{
	size_t l = strlen(line);
	if (d->len + l + 1 > d->cap)
		d->text = xrealloc(d->text, d->cap = (d->len + l + 1) * 2);
	memcpy(d->text + d->len, line, l + 1);
	d->len += l;
}

static int diff_fn(model_txn *t, void *ctx, err *e)
{
	struct diff_ctx *d = ctx;
	fe_form *f = d->f;
	(void)e;
	for (size_t i = 0; i < f->n; i++) {
		fe_value *v = &f->v[i];
		int k = v->slot;
		if (!d->c->slot[k] || v->masked)
			continue;
		char mine[512], theirs[512];
		fe_value_text(t, v->fl, f->slots[k].work, mine, sizeof mine);
		if (d->c->theirs[k])
			fe_value_text(t, v->fl, d->c->theirs[k], theirs, sizeof theirs);
		else
			snprintf(theirs, sizeof theirs, "%s", _("(deleted)"));
		if (!strcmp(mine, theirs))
			continue;
		char *line = xasprintf(_("%s: yours \"%s\" / theirs \"%s\"\n"), form_label(v->fl),
				       mine, theirs);
		diff_add(d, line);
		free(line);
	}
	return 0;
}

char *fe_conflict_text(fe_form *f, const fe_conflict *c)
{
	struct diff_ctx d = { f, c, xstrdup(""), 0, 1 };
	err e = { 0 };
	model_read(f->st, diff_fn, &d, &e);
	if (!d.len) {
		free(d.text);
		d.text = xstrdup(_("Only fields that are not on this form differ."));
	}
	return d.text;
}

/* ---- opening ---------------------------------------------------------- */

struct open_ctx {
	fe_form *f;
	rid id;
	bool has_id;
};

/* The record to edit, and the student form's profile of its student. */
static int read_records(model_txn *t, struct open_ctx *o, err *e)
{
	fe_form *f = o->f;
	fe_slot *p = &f->slots[0];
	void *rec = rec_new(p->desc);
	int rc = model_get(t, p->desc, &o->id, rec, e);
	if (rc) {
		free(rec);
		return rc == E_NOTFOUND ? err_set(e, E_INPUT, "%s", _("the record no longer exists")) : rc;
	}
	((rec_meta *)rec)->id = o->id;
	p->orig = rec;
	for (size_t i = 1; i < f->nslots; i++) {
		if (strcmp(slot_name(f, i), "target") || strcmp(slot_name(f, 0), "student"))
			continue;
		target *g = rec_new(&target_desc);
		rc = target_of_student(t, &o->id, g, e);
		if (rc == 0)
			f->slots[i].orig = g;
		else
			free(g);
		if (rc != 0 && rc != E_NOTFOUND)
			return rc;
	}
	return 0;
}

/* A preset value (a record id for references). */
static void load_preset(model_txn *t, fe_value *v, const char *pv)
{
	const form_field *fl = v->fl;
	if (fl->fd->type == FT_ID) {
		rid r;
		if (rid_parse(&r, pv)) {
			void *tmp = rec_new(fl->desc);
			*(rid *)field_ptr(tmp, fl->fd) = r;
			load_field(t, v, tmp);
			rec_free(fl->desc, tmp);
			free(tmp);
		}
	} else if (fl->type == FORM_CHOICE) {
		fe_set_choice(v, pv);
	} else if (fe_is_edit(fl->type)) {
		edit_set(&v->ed, pv);
	}
}

/* The current semester: an existing one, else its code as a new one. */
static void load_current_semester(model_txn *t, fe_value *v, err *e)
{
	char code[SEMESTER_CODE_MAX];
	semester m;
	if (model_semester_current(t, code, sizeof code, e) != 0)
		semester_of(date_today(), code);
	err_clear(e);
	if (v->fl->type == FORM_TEXT) {
		edit_set(&v->ed, code);
	} else if (semester_by_code(t, code, &m, e) == 0) {
		fe_set_ref(v, &m.m.id, code);
		rec_free(&semester_desc, &m);
	} else {
		fe_set_new_code(v, code);
	}
}

static void load_default(model_txn *t, fe_value *v, err *e)
{
	const form_field *fl = v->fl;
	if (fl->type == FORM_DATE) {
		char d[11];
		date_format(date_today(), d);
		edit_set(&v->ed, strcmp(fl->def, "today") ? fl->def : d);
	} else if (fl->type == FORM_CHOICE) {
		fe_set_choice(v, fl->def);
	} else if (fl->type == FORM_SEMESTER
		   || (fl->type == FORM_TEXT && !strcmp(fl->def, "current"))) {
		load_current_semester(t, v, e);
	} else if (fe_is_edit(fl->type)) {
		edit_set(&v->ed, fl->def);
	}
}

/* A talk opened with its pairing: its helper and student, fixed. */
static void load_pairing_sides(model_txn *t, fe_form *f, err *e)
{
	const char *pid = preset(f, "pairing_id");
	rid r;
	pairing p;
	if (!pid || !rid_parse(&r, pid) || strcmp(slot_name(f, 0), "talk")
	    || pairing_get(t, &r, &p, e) != 0)
		return;
	talk tmp = { 0 };
	tmp.member_id = p.member_id;
	tmp.target_id = p.target_id;
	const char *sides[] = { "member_id", "target_id" };
	for (size_t i = 0; i < 2; i++) {
		fe_value *v = fe_field(f, "talk", sides[i]);
		if (v) {
			load_field(t, v, &tmp);
			v->locked = true;
		}
	}
	rec_free(&pairing_desc, &p);
}

/* Shown by the presets the form was opened with (show_if, hide_if). */
static bool preset_visible(const fe_form *f, const form_field *fl)
{
	return !fl->hidden && (!fl->show_if || preset(f, fl->show_if))
	       && (!fl->hide_if || !preset(f, fl->hide_if));
}

/* The kinds of the form's assisted student: those ticked on the form
 * (target.kinds), else the profile of the student its first record's
 * target_id names (a pairing's, a talk's); 0 when none is known. */
static uint32_t form_kinds(model_txn *t, fe_form *f)
{
	fe_value *k = fe_field(f, "target", "kinds");
	if (k)
		return k->bits;
	fe_value *g = f->nslots ? fe_field(f, f->slots[0].desc->name, "target_id") : NULL;
	rid id = { { 0 } };
	if (g && g->has_ref)
		id = g->ref;
	else if (f->nslots && f->slots[0].orig) {
		const field_desc *fd = rec_field(f->slots[0].desc, "target_id");
		if (fd)
			id = *(const rid *)((const char *)f->slots[0].orig + fd->off);
	}
	if (rid_is_zero(&id))
		return 0;
	target tg;
	err e = { 0 };
	if (target_of_student(t, &id, &tg, &e) != 0)
		return 0;
	uint32_t kinds = tg.kinds;
	rec_free(&target_desc, &tg);
	return kinds;
}

/* Fields shown only for some kinds (show_if_kinds) follow the student's. */
static void kinds_visibility(model_txn *t, fe_form *f)
{
	bool any = false;
	for (size_t i = 0; i < f->n; i++)
		any |= f->v[i].fl->show_kinds != 0;
	if (!any)
		return;
	uint32_t kinds = form_kinds(t, f);
	for (size_t i = 0; i < f->n; i++) {
		fe_value *v = &f->v[i];
		if (v->fl->show_kinds)
			v->visible = preset_visible(f, v->fl) && (kinds & v->fl->show_kinds);
	}
}

static int kinds_fn(model_txn *t, void *ctx, err *e)
{
	(void)e;
	kinds_visibility(t, ctx);
	return 0;
}

static int open_fn(model_txn *t, void *ctx, err *e)
{
	struct open_ctx *o = ctx;
	fe_form *f = o->f;
	int rc;
	for (size_t i = 0; i < f->nslots; i++)
		rec_drop(f->slots[i].desc, &f->slots[i].orig);
	if (o->has_id && (rc = read_records(t, o, e)))
		return rc;
	/* Values: the records', else presets, else defaults. */
	for (size_t i = 0; i < f->n; i++) {
		fe_value *v = &f->v[i];
		const void *orig = f->slots[v->slot].orig;
		const char *pv = preset_for(f, v->fl);
		if (orig) {
			load_field(t, v, orig);
			if (v->fl->default_on_edit && v->fl->def && fe_empty(v))
				load_default(t, v, e);
		} else if (pv) {
			load_preset(t, v, pv);
		} else if (v->fl->def) {
			load_default(t, v, e);
		}
		if (pv && fe_is_ref(v->fl->type))
			v->locked = true;
	}
	/* a talk of a pairing, new or edited: its helper and student are the
	 * pairing's */
	load_pairing_sides(t, f, e);
	kinds_visibility(t, f);
	err_clear(e);
	return 0;
}

int fe_reload(fe_form *f, err *e)
{
	struct open_ctx o = { f, ((rec_meta *)f->slots[0].orig)->id, true };
	return model_read(f->st, open_fn, &o, e);
}

/* Slots (one per entity, in the order the fields first name them), values
 * and which fields the presets show. */
static void lay_out(fe_form *f, const char *const *presets)
{
	f->n = f->def.nfields;
	f->v = xcalloc(f->n ? f->n : 1, sizeof *f->v);
	for (size_t i = 0; i < f->n; i++) {
		fe_value *v = &f->v[i];
		v->fl = &f->def.fields[i];
		edit_init(&v->ed, 0, v->fl->type == FORM_MULTILINE);
		size_t k;
		for (k = 0; k < f->nslots; k++)
			if (f->slots[k].desc == v->fl->desc)
				break;
		if (k == f->nslots) {
			if (f->nslots == FE_MAX_SLOTS)
				die("form %s: more than %d entities", f->def.name, FE_MAX_SLOTS);
			f->slots[f->nslots++].desc = v->fl->desc;
		}
		v->slot = (int)k;
	}
	size_t np = 0;
	while (presets && presets[np] && presets[np + 1])
		np += 2;
	f->presets = xcalloc(np + 1, sizeof *f->presets);
	for (size_t i = 0; i < np; i++)
		f->presets[i] = xstrdup(presets[i]);
	for (size_t i = 0; i < f->n; i++)
		f->v[i].visible = preset_visible(f, f->v[i].fl);
}

int fe_open(fe_form *f, model_store *st, role_t role, const char *path, const rid *id,
	    const char *const *presets, errlist *errs, err *e)
{
	memset(f, 0, sizeof *f);
	f->st = st;
	f->role = role;
	if (form_load_file(path, &f->def, errs))
		return err_set(e, E_INPUT, "%s", errs->n ? errs->msg[0] : path);
	f->loaded = true;
	lay_out(f, presets);
	struct open_ctx o = { f, { { 0 } }, id != NULL };
	if (id)
		o.id = *id;
	f->editing = id != NULL;
	int rc = model_read(st, open_fn, &o, e);
	if (rc)
		return rc;
	privacy(f);
	/* What the form opened with is not a change. */
	for (size_t i = 0; i < f->n; i++)
		f->v[i].ed.changed = false;
	return 0;
}

void fe_free(fe_form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		edit_free(&f->v[i].ed);
		free(f->v[i].val);
		free(f->v[i].new_code);
		free(f->v[i].msg);
	}
	free(f->v);
	for (size_t i = 0; i < f->nslots; i++) {
		rec_drop(f->slots[i].desc, &f->slots[i].orig);
		rec_drop(f->slots[i].desc, &f->slots[i].work);
		rec_drop(f->slots[i].desc, &f->slots[i].fixed);
	}
	for (char **p = f->presets; p && *p; p++)
		free(*p);
	free(f->presets);
	free(f->top_msg);
	form_def_free(&f->def);
	memset(f, 0, sizeof *f);
}
