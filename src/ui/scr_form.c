#include "config.h"
/* scr_form.c — the form screen: shows a form file's fields (forms/), lets
 * the user fill them in, checks the programme's rules as they go (the
 * model's *_validate functions, messages beside the field they name) and
 * saves in one write (the model's *_save functions). Editing remembers
 * each record's rev: a save after someone else changed it shows both
 * versions and lets the user choose. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "ui/edit.h"
#include "ui/form.h"
#include "ui/layout.h"
#include "ui/ui.h"
#include "util/date.h"
#include "util/i18n.h"
#include "util/text.h"

/* ---- the entities a form may edit ------------------------------------ */

typedef int (*rec_fn)(model_txn *t, void *rec, err *e);

#define WRAP(x)                                                               \
	static int x##_sv(model_txn *t, void *r, err *e) { return x##_save(t, r, e); } \
	static int x##_va(model_txn *t, void *r, err *e) { return x##_validate(t, r, e); }
WRAP(college)
WRAP(semester)
WRAP(student)
WRAP(counsellor)
WRAP(member)
WRAP(target)
WRAP(pairing)
WRAP(talk)
WRAP(aid)

typedef struct ent_ops {
	const char *name;
	const record_desc *desc;
	rec_fn save, validate;
} ent_ops;

static const ent_ops ent_table[] = {
	{ "college", &college_desc, college_sv, college_va },
	{ "semester", &semester_desc, semester_sv, semester_va },
	{ "student", &student_desc, student_sv, student_va },
	{ "counsellor", &counsellor_desc, counsellor_sv, counsellor_va },
	{ "member", &member_desc, member_sv, member_va },
	{ "target", &target_desc, target_sv, target_va },
	{ "pairing", &pairing_desc, pairing_sv, pairing_va },
	{ "talk", &talk_desc, talk_sv, talk_va },
	{ "aid", &aid_desc, aid_sv, aid_va },
};

static const ent_ops *ent_find(const char *name)
{
	for (size_t i = 0; i < sizeof ent_table / sizeof *ent_table; i++)
		if (!strcmp(ent_table[i].name, name))
			return &ent_table[i];
	return NULL;
}

/* ---- state ----------------------------------------------------------- */

enum { MAX_SLOTS = 4 };

typedef struct slot {
	const ent_ops *ops;
	void *orig;          /* as loaded (NULL: a new record) */
	void *work;          /* built from the fields (NULL until built) */
	bool skip;           /* not saved (an optional profile left empty) */
} slot;

typedef struct fval {
	const form_field *fl;
	int slot;
	edit ed;             /* text, multiline, date, int, money, student search */
	char *val;           /* choice: the value; NULL = none */
	uint32_t bits;       /* multi: item i chosen = bit i */
	int item;            /* multi: the toggle under the cursor */
	rid ref;             /* references */
	bool has_ref;
	char *new_code;      /* semester: a code that does not exist yet */
	bool visible, locked, masked, touched;
	char *msg;           /* a rule's message shown beside the field */
	int y, h;            /* where it was drawn (screen rows), for the mouse */
} fval;

typedef struct fstate {
	ui *u;
	form_def def;
	fval *v;
	size_t n;
	size_t focus;
	slot slots[MAX_SLOTS];
	size_t nslots;
	char **presets;      /* name, value, ..., NULL (copies) */
	char *top_msg;       /* a message no field claims */
	bool dirty;
	bool editing;
	char title[160];
	int cy, cx;
	bool show_cursor;
	int scroll;
} fstate;

static bool is_edit(form_type t)
{
	return t == FORM_TEXT || t == FORM_MULTILINE || t == FORM_DATE || t == FORM_INT
	       || t == FORM_MONEY || t == FORM_STUDENT;
}

static bool is_ref(form_type t)
{
	return t == FORM_STUDENT || t == FORM_COUNSELLOR || t == FORM_COLLEGE
	       || t == FORM_SEMESTER || t == FORM_PAIRING;
}

static void *field_ptr(void *rec, const field_desc *fd)
{
	return (char *)rec + fd->off;
}

static const char *preset(const fstate *s, const char *name)
{
	for (char **p = s->presets; p && p[0] && p[1]; p += 2)
		if (!strcmp(p[0], name))
			return p[1];
	return NULL;
}

static const char *preset_for(const fstate *s, const form_field *fl)
{
	char full[128];
	snprintf(full, sizeof full, "%s.%s", fl->entity, fl->name);
	const char *v = preset(s, full);
	return v ? v : preset(s, fl->name);
}

static void set_msg(fval *f, const char *m)
{
	free(f->msg);
	f->msg = m ? xstrdup(m) : NULL;
}

static void set_top(fstate *s, const char *m)
{
	free(s->top_msg);
	s->top_msg = m ? xstrdup(m) : NULL;
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

/* ---- labels of references (inside a read) ---------------------------- */

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

static void ref_label(model_txn *t, form_type ty, const rid *id, char *buf, size_t n)
{
	err e = { 0 };
	buf[0] = 0;
	if (rid_is_zero(id))
		return;
	switch (ty) {
	case FORM_STUDENT:
		student_label(t, id, buf, n);
		break;
	case FORM_COUNSELLOR: {
		counsellor c;
		if (counsellor_get(t, id, &c, &e) == 0) {
			snprintf(buf, n, "%s %s", c.name ? c.name : "", c.staff_no ? c.staff_no : "");
			rec_free(&counsellor_desc, &c);
		}
		break;
	}
	case FORM_COLLEGE: {
		college c;
		if (college_get(t, id, &c, &e) == 0) {
			snprintf(buf, n, "%s", c.name ? c.name : "");
			rec_free(&college_desc, &c);
		}
		break;
	}
	case FORM_SEMESTER: {
		semester m;
		if (semester_get(t, id, &m, &e) == 0) {
			snprintf(buf, n, "%s", m.code ? m.code : "");
			rec_free(&semester_desc, &m);
		}
		break;
	}
	case FORM_PAIRING: {
		pairing p;
		if (pairing_get(t, id, &p, &e) == 0) {
			char a[128], b[128];
			student_label(t, &p.member_id, a, sizeof a);
			student_label(t, &p.target_id, b, sizeof b);
			snprintf(buf, n, "%s → %s", a, b);
			rec_free(&pairing_desc, &p);
		}
		break;
	}
	default:
		break;
	}
}

/* ---- values <-> records ---------------------------------------------- */

static void money_format(int64_t fen, char *buf, size_t n)
{
	snprintf(buf, n, "%s%lld.%02lld", fen < 0 ? "-" : "", (long long)llabs(fen) / 100,
		 (long long)llabs(fen) % 100);
}

static bool money_parse(const char *s, int64_t *out)
{
	int64_t yuan = 0, fen = 0;
	int digits = 0, dec = -1;
	if (!*s)
		return false;
	for (const char *p = s; *p; p++) {
		if (*p == '.' && dec < 0) {
			dec = 0;
		} else if (*p >= '0' && *p <= '9') {
			if (dec < 0) {
				if (++digits > 12)
					return false;
				yuan = yuan * 10 + (*p - '0');
			} else {
				if (++dec > 2)
					return false;
				fen = fen * 10 + (*p - '0');
			}
		} else {
			return false;
		}
	}
	if (dec == 1)
		fen *= 10;
	*out = yuan * 100 + fen;
	return digits > 0 || dec > 0;
}

static int choice_index(const char *const *choices, const char *v)
{
	for (int i = 0; v && choices[i]; i++)
		if (!strcmp(choices[i], v))
			return i;
	return -1;
}

/* A field's value as text, from a record (for the conflict view); refs as
 * labels (t may be NULL: then as hex). */
static void value_text(model_txn *t, const form_field *fl, const void *rec, char *buf,
		       size_t n)
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
			ref_label(t, fl->type, p, buf, n);
		else if (!rid_is_zero(p) && n >= 33)
			rid_hex(p, buf);
		break;
	}
}

/* Puts a record's value into a field (inside a read, for labels). */
static void load_field(model_txn *t, fval *f, const void *rec)
{
	const form_field *fl = f->fl;
	const void *p = (const char *)rec + fl->fd->off;
	char buf[512];
	switch (fl->type) {
	case FORM_CHOICE:
		free(f->val);
		f->val = *(char *const *)p && **(char *const *)p ? xstrdup(*(char *const *)p) : NULL;
		break;
	case FORM_MULTI:
		f->bits = 0;
		if (fl->fd->type == FT_BITS) {
			f->bits = *(const uint32_t *)p;
		} else {
			const char *sv = *(char *const *)p ? *(char *const *)p : "";
			for (int i = 0; fl->choices[i]; i++)
				if (strstr(sv, fl->choices[i]))
					f->bits |= 1u << i;
		}
		break;
	case FORM_STUDENT: case FORM_COUNSELLOR: case FORM_COLLEGE:
	case FORM_SEMESTER: case FORM_PAIRING:
		f->ref = *(const rid *)p;
		f->has_ref = !rid_is_zero(&f->ref);
		ref_label(t, fl->type, &f->ref, buf, sizeof buf);
		edit_set(&f->ed, buf);
		break;
	default:
		value_text(t, fl, rec, buf, sizeof buf);
		if (fl->fd->type == FT_INT && fl->type == FORM_INT && *(const int64_t *)p == 0)
			buf[0] = 0;
		edit_set(&f->ed, buf);
		break;
	}
}

static void privacy(fstate *s);

/* Applies a field to its slot's work record. False (and a message) when
 * the text cannot be read as the field's type. */
static bool apply_field(fstate *s, fval *f, void *rec)
{
	const form_field *fl = f->fl;
	void *p = field_ptr(rec, fl->fd);
	char *text = is_edit(fl->type) ? edit_get(&f->ed) : NULL;
	char *clean = text ? text_clean(text) : NULL;
	bool ok = true;
	(void)s;
	switch (fl->type) {
	case FORM_TEXT: case FORM_MULTILINE:
		free(*(char **)p);
		*(char **)p = xstrdup(clean);
		break;
	case FORM_DATE: {
		date_t d = 0;
		if (*clean && !date_parse(clean, &d)) {
			set_msg(f, _("not a date (YYYY-MM-DD)"));
			ok = false;
		}
		*(date_t *)p = d;
		break;
	}
	case FORM_INT: {
		char *end;
		long long v = *clean ? strtoll(clean, &end, 10) : 0;
		if (*clean && *end) {
			set_msg(f, _("not a whole number"));
			ok = false;
			v = 0;
		}
		*(int64_t *)p = v;
		break;
	}
	case FORM_MONEY: {
		int64_t fen = 0;
		if (*clean && !money_parse(clean, &fen)) {
			set_msg(f, _("not an amount in yuan (like 85.50)"));
			ok = false;
		}
		*(int64_t *)p = fen;
		break;
	}
	case FORM_CHOICE:
		free(*(char **)p);
		*(char **)p = xstrdup(f->val ? f->val : "");
		break;
	case FORM_MULTI:
		if (fl->fd->type == FT_BITS) {
			*(uint32_t *)p = f->bits;
		} else {
			char buf[1024] = "";
			for (int i = 0; fl->choices[i]; i++)
				if (f->bits & (1u << i)) {
					if (*buf)
						strncat(buf, "、", sizeof buf - strlen(buf) - 1);
					strncat(buf, fl->choices[i], sizeof buf - strlen(buf) - 1);
				}
			free(*(char **)p);
			*(char **)p = xstrdup(buf);
		}
		break;
	default:      /* references */
		*(rid *)p = f->has_ref ? f->ref : (rid){ { 0 } };
		break;
	}
	free(text);
	free(clean);
	return ok;
}

static bool field_empty(const fval *f)
{
	switch (f->fl->type) {
	case FORM_CHOICE: return !f->val;
	case FORM_MULTI: return f->bits == 0;
	case FORM_SEMESTER: return !f->has_ref && !f->new_code;
	case FORM_STUDENT: case FORM_COUNSELLOR: case FORM_COLLEGE: case FORM_PAIRING:
		return !f->has_ref;
	default: {
		char *t = edit_get(&f->ed);
		char *c = text_clean(t);
		bool empty = !*c;
		free(t);
		free(c);
		return empty;
	}
	}
}

/* Builds every slot's work record from the fields. Returns false when a
 * field cannot be read or a required one is empty (messages set on the
 * touched fields). */
static bool build(fstate *s, bool all)
{
	bool ok = true;
	for (size_t i = 0; i < s->nslots; i++) {
		slot *sl = &s->slots[i];
		rec_drop(sl->ops->desc, &sl->work);
		sl->work = sl->orig ? rec_dup(sl->ops->desc, sl->orig) : rec_new(sl->ops->desc);
		sl->skip = false;
	}
	for (size_t i = 0; i < s->n; i++) {
		fval *f = &s->v[i];
		set_msg(f, NULL);
		if (f->masked)
			continue;         /* the stored text stays as it is */
		if (!apply_field(s, f, s->slots[f->slot].work)) {
			ok = false;
			continue;
		}
		if (f->fl->required && f->visible && field_empty(f)) {
			if (all || f->touched)
				set_msg(f, _("required"));
			ok = false;
		}
	}
	/* An assisted-student profile on the student form is saved when it
	 * exists or something of it was filled in. */
	for (size_t i = 1; i < s->nslots; i++) {
		slot *sl = &s->slots[i];
		if (strcmp(sl->ops->name, "target") || sl->orig)
			continue;
		bool any = false;
		for (size_t j = 0; j < s->n; j++)
			if (s->v[j].slot == (int)i && !field_empty(&s->v[j])
			    && !(s->v[j].fl->def && s->v[j].fl->type == FORM_CHOICE))
				any = true;
		sl->skip = !any;
	}
	return ok;
}

/* ---- checking and saving --------------------------------------------- */

enum mode { M_CHECK, M_DRY, M_SAVE };

typedef struct run {
	fstate *s;
	enum mode mode;
	void *copy[MAX_SLOTS];
	void *theirs[MAX_SLOTS];
	int failed_slot;     /* the slot whose rule failed, or -1 */
	int conflict_slot;   /* -1 or a slot someone else changed */
	bool conflict[MAX_SLOTS];   /* each slot someone else changed */
	bool unchanged[MAX_SLOTS];  /* not changed here: not written */
} run;

static void run_reset(run *r)
{
	for (size_t i = 0; i < r->s->nslots; i++) {
		rec_drop(r->s->slots[i].ops->desc, &r->copy[i]);
		rec_drop(r->s->slots[i].ops->desc, &r->theirs[i]);
	}
	r->failed_slot = -1;
	r->conflict_slot = -1;
	memset(r->conflict, 0, sizeof r->conflict);
	memset(r->unchanged, 0, sizeof r->unchanged);
}

static fval *semester_field(fstate *s, int slot_no)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].slot == slot_no && s->v[i].fl->type == FORM_SEMESTER)
			return &s->v[i];
	return NULL;
}

/* Fills in what the rules expect of a record "as stored" and is derived
 * from others (the pairing's college is its member's; a member's talk
 * names its pairing; the profile's student is the form's student; a
 * semester's dates come from its code when left empty). */
static int derive(model_txn *t, run *r, size_t i, err *e)
{
	fstate *s = r->s;
	const char *name = s->slots[i].ops->name;
	void *rec = r->copy[i];
	if (!strcmp(name, "pairing")) {
		pairing *p = rec;
		student m;
		if (!rid_is_zero(&p->member_id) && student_get(t, &p->member_id, &m, e) == 0) {
			p->college_id = m.college_id;
			rec_free(&student_desc, &m);
		}
	} else if (!strcmp(name, "talk")) {
		talk *k = rec;
		pairing p;
		if (!rid_is_zero(&k->member_id) && rid_is_zero(&k->counsellor_id)
		    && pairing_find(t, &k->member_id, &k->target_id, k->date, &p, e) == 0) {
			k->pairing_id = p.m.id;
			rec_free(&pairing_desc, &p);
		}
	} else if (!strcmp(name, "target") && i > 0 && !strcmp(s->slots[0].ops->name, "student")) {
		target *g = rec;
		g->student_id = ((student *)r->copy[0])->m.id;
	} else if (!strcmp(name, "semester")) {
		semester *m = rec;
		semester_span sp;
		if (m->code && semester_parse(m->code, &sp)) {
			if (!m->start)
				m->start = sp.start;
			if (!m->end)
				m->end = sp.end;
		}
	}
	err_clear(e);
	return 0;
}

static int run_fn(model_txn *t, void *ctx, err *e)
{
	run *r = ctx;
	fstate *s = r->s;
	int rc;
	run_reset(r);
	for (size_t i = 0; i < s->nslots; i++)
		r->copy[i] = rec_dup(s->slots[i].ops->desc, s->slots[i].work);
	/* A record the user did not change is not written again. */
	for (size_t i = 0; i < s->nslots; i++) {
		slot *sl = &s->slots[i];
		if (r->mode == M_SAVE && sl->orig && !sl->skip
		    && rec_diff(sl->ops->desc, sl->work, sl->orig) == 0)
			r->unchanged[i] = true;
	}
	/* Someone else's change since the form was opened? Every changed
	 * record is compared, so that all of them are shown at once. */
	if (r->mode == M_SAVE) {
		for (size_t i = 0; i < s->nslots; i++) {
			slot *sl = &s->slots[i];
			if (!sl->orig || sl->skip || r->unchanged[i])
				continue;
			void *now = rec_new(sl->ops->desc);
			rc = model_get(t, sl->ops->desc, &((rec_meta *)sl->orig)->id, now,
					e);
			if (rc == 1) {
				free(now);
				r->conflict[i] = true;
				r->conflict_slot = (int)i;
				continue;
			}
			if (rc) {
				free(now);
				return rc;
			}
			((rec_meta *)now)->id = ((rec_meta *)sl->orig)->id;
			if (((rec_meta *)now)->rev != ((rec_meta *)sl->orig)->rev) {
				r->theirs[i] = now;
				r->conflict[i] = true;
				r->conflict_slot = (int)i;
				continue;
			}
			rec_free(sl->ops->desc, now);
			free(now);
		}
		if (r->conflict_slot >= 0)
			return err_set(e, E_DB, "%s", _("changed by someone else"));
	}
	for (size_t i = 0; i < s->nslots; i++) {
		slot *sl = &s->slots[i];
		if (sl->skip || r->unchanged[i])
			continue;
		/* A semester named by a code that does not exist yet. */
		fval *sf = semester_field(s, (int)i);
		if (sf && !sf->has_ref && sf->new_code && r->mode != M_CHECK) {
			rid id;
			if ((rc = semester_ensure(t, sf->new_code, &id, e))) {
				r->failed_slot = (int)i;
				return rc;
			}
			*(rid *)field_ptr(r->copy[i], sf->fl->fd) = id;
		}
		derive(t, r, i, e);
		if (r->mode == M_CHECK && !strcmp(sl->ops->name, "target")
		    && rid_is_zero(&((target *)r->copy[i])->student_id))
			continue;     /* checked with its new student (M_DRY) */
		rc = r->mode == M_CHECK ? sl->ops->validate(t, r->copy[i], e)
					: sl->ops->save(t, r->copy[i], e);
		if (rc) {
			r->failed_slot = (int)i;
			return rc;
		}
	}
	return r->mode == M_DRY ? MODEL_ROLLBACK : 0;
}

/* Shows a model message ("field: message") beside the field it names. */
static void show_error(fstate *s, int slot_no, const char *msg)
{
	const char *colon = strstr(msg, ": ");
	if (colon && slot_no >= 0) {
		char name[64];
		size_t n = (size_t)(colon - msg);
		if (n < sizeof name - 8) {
			memcpy(name, msg, n);
			name[n] = 0;
			char alt1[72], alt2[72];
			snprintf(alt1, sizeof alt1, "%s_id", name);
			snprintf(alt2, sizeof alt2, "%s_fen", name);
			for (size_t i = 0; i < s->n; i++) {
				fval *f = &s->v[i];
				if (f->slot != slot_no || !f->visible)
					continue;
				const char *fn = f->fl->fd->name;
				if (!strcmp(fn, name) || !strcmp(fn, alt1) || !strcmp(fn, alt2)) {
					if (!f->msg)    /* "not a date" says more */
						set_msg(f, colon + 2);
					return;
				}
			}
		}
	}
	set_top(s, msg);
}

static bool needs_dry(fstate *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].fl->type == FORM_SEMESTER && !s->v[i].has_ref && s->v[i].new_code)
			return true;
	for (size_t i = 1; i < s->nslots; i++)
		if (!s->slots[i].skip && !strcmp(s->slots[i].ops->name, "target") && !s->slots[0].orig)
			return true;
	return false;
}

static fval *field_named(fstate *s, const char *entity, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].fl->entity, entity) && !strcmp(s->v[i].fl->name, name))
			return &s->v[i];
	return NULL;
}

/* The pairing rules name the helper and the student one after the other:
 * while only one of them is chosen, the model's check of that side alone
 * (pairing_check_member / pairing_check_target) is shown at once. */
struct partial {
	fstate *s;
};

static void partial_msg(fval *f, const char *msg)
{
	const char *colon = strstr(msg, ": ");
	set_msg(f, colon ? colon + 2 : msg);
}

static int partial_fn(model_txn *t, void *ctx, err *e)
{
	fstate *s = ((struct partial *)ctx)->s;
	fval *m = field_named(s, "pairing", "member_id");
	fval *g = field_named(s, "pairing", "target_id");
	if (!m || !g || m->has_ref == g->has_ref)
		return 0;
	pairing p = { 0 };
	if (m->has_ref && !m->msg) {
		p.member_id = m->ref;
		if (pairing_check_member(t, &p, e) == E_INPUT)
			partial_msg(m, e->msg);
	}
	if (g->has_ref && !g->msg) {
		p.target_id = g->ref;
		if (pairing_check_target(t, &p, e) == E_INPUT)
			partial_msg(g, e->msg);
	}
	err_clear(e);
	return 0;
}

/* Checks the whole form as it stands: field syntax, required fields, then
 * the model's rules. True if it could be saved. */
static bool check(fstate *s, bool all)
{
	err e = { 0 };
	run r = { 0 };
	set_top(s, NULL);
	privacy(s);
	bool ok = build(s, all);
	r.s = s;
	r.mode = needs_dry(s) ? M_DRY : M_CHECK;
	r.failed_slot = r.conflict_slot = -1;
	int rc = r.mode == M_DRY ? model_write(ui_store(s->u), run_fn, &r, &e)
				 : model_read(ui_store(s->u), run_fn, &r, &e);
	if (rc) {
		ok = false;
		/* A rule about a field the user has not reached yet is not
		 * news; every other one is shown. */
		show_error(s, r.failed_slot, e.msg);
		for (size_t i = 0; i < s->n; i++)
			if (s->v[i].msg && !s->v[i].touched && !all && field_empty(&s->v[i]))
				set_msg(&s->v[i], NULL);
	}
	struct partial pc = { s };
	if (!strcmp(s->slots[0].ops->name, "pairing"))
		model_read(ui_store(s->u), partial_fn, &pc, &e);
	run_reset(&r);
	return ok;
}

/* ---- privacy --------------------------------------------------------- */

/* The situation of an assisted student with 心理困难 and the content of a
 * talk about 心理 are for counsellors only: others see privacy_mask(). */
static void privacy(fstate *s)
{
	role_t role = ui_role(s->u);
	for (size_t i = 0; i < s->n; i++) {
		fval *f = &s->v[i];
		bool mask = false;
		if (!strcmp(f->fl->entity, "target") && !strcmp(f->fl->name, "situation")) {
			target g = { 0 };
			fval *k = field_named(s, "target", "kinds");
			g.kinds = k ? k->bits : 0;
			if (s->slots[f->slot].orig)
				g.kinds |= ((target *)s->slots[f->slot].orig)->kinds;
			mask = !target_situation_visible(role, &g);
		} else if (!strcmp(f->fl->entity, "talk") && !strcmp(f->fl->name, "content")) {
			talk k = { 0 };
			fval *tp = field_named(s, "talk", "topics");
			k.topics = tp ? tp->bits : 0;
			if (s->slots[f->slot].orig)
				k.topics |= ((talk *)s->slots[f->slot].orig)->topics;
			mask = !talk_content_visible(role, &k);
		}
		if (mask && !f->masked) {
			/* What was typed here before it became private is dropped. */
			f->masked = true;
			edit_set(&f->ed, privacy_mask());
		} else if (!mask && f->masked) {
			f->masked = false;
			const void *orig = s->slots[f->slot].orig;
			const char *old = orig ? *(char *const *)((const char *)orig + f->fl->fd->off) : NULL;
			edit_set(&f->ed, old ? old : "");
		}
	}
}

/* ---- opening --------------------------------------------------------- */

struct open_ctx {
	fstate *s;
	rid id;
	bool has_id;
};

static int open_fn(model_txn *t, void *ctx, err *e)
{
	struct open_ctx *o = ctx;
	fstate *s = o->s;
	int rc;
	for (size_t i = 0; i < s->nslots; i++)
		rec_drop(s->slots[i].ops->desc, &s->slots[i].orig);
	if (o->has_id) {
		slot *p = &s->slots[0];
		void *rec = rec_new(p->ops->desc);
		rc = model_get(t, p->ops->desc, &o->id, rec, e);
		if (rc) {
			free(rec);
			return rc == 1 ? err_set(e, E_INPUT, "%s", _("the record no longer exists")) : rc;
		}
		((rec_meta *)rec)->id = o->id;
		p->orig = rec;
		for (size_t i = 1; i < s->nslots; i++) {
			slot *sl = &s->slots[i];
			if (!strcmp(sl->ops->name, "target") && !strcmp(p->ops->name, "student")) {
				target *g = rec_new(&target_desc);
				rc = target_of_student(t, &o->id, g, e);
				if (rc == 0)
					sl->orig = g;
				else
					free(g);
				if (rc != 0 && rc != 1)
					return rc;
			}
		}
	}
	/* Values: the records', else presets, else defaults. */
	for (size_t i = 0; i < s->n; i++) {
		fval *f = &s->v[i];
		const form_field *fl = f->fl;
		const void *orig = s->slots[f->slot].orig;
		const char *pv = preset_for(s, fl);
		if (orig) {
			load_field(t, f, orig);
		} else if (pv) {
			if (fl->fd->type == FT_ID) {
				rid r;
				if (rid_parse(&r, pv)) {
					void *tmp = rec_new(fl->desc);
					*(rid *)field_ptr(tmp, fl->fd) = r;
					load_field(t, f, tmp);
					rec_free(fl->desc, tmp);
					free(tmp);
				}
			} else if (fl->type == FORM_CHOICE) {
				free(f->val);
				f->val = xstrdup(pv);
			} else if (is_edit(fl->type)) {
				edit_set(&f->ed, pv);
			}
		} else if (fl->def) {
			if (fl->type == FORM_DATE) {
				char d[11];
				date_format(strcmp(fl->def, "today") ? 0 : date_today(), d);
				edit_set(&f->ed, strcmp(fl->def, "today") ? fl->def : d);
			} else if (fl->type == FORM_CHOICE) {
				f->val = xstrdup(fl->def);
			} else if (fl->type == FORM_SEMESTER || (fl->type == FORM_TEXT && !strcmp(fl->def, "current"))) {
				char code[12];
				semester_of(date_today(), code);
				if (fl->type == FORM_TEXT) {
					edit_set(&f->ed, code);
				} else {
					semester m;
					if (semester_by_code(t, code, &m, e) == 0) {
						f->ref = m.m.id;
						f->has_ref = true;
						rec_free(&semester_desc, &m);
					} else {
						f->new_code = xstrdup(code);
					}
					edit_set(&f->ed, code);
				}
			} else if (is_edit(fl->type)) {
				edit_set(&f->ed, fl->def);
			}
		}
		if (pv && is_ref(fl->type))
			f->locked = true;
	}
	/* A talk opened from a pairing: its helper and student. */
	const char *pid = preset(s, "pairing_id");
	rid r;
	if (!o->has_id && pid && rid_parse(&r, pid) && !strcmp(s->slots[0].ops->name, "talk")) {
		pairing p;
		if (pairing_get(t, &r, &p, e) == 0) {
			fval *m = field_named(s, "talk", "member_id");
			fval *g = field_named(s, "talk", "target_id");
			talk tmp = { 0 };
			tmp.member_id = p.member_id;
			tmp.target_id = p.target_id;
			if (m) {
				load_field(t, m, &tmp);
				m->locked = true;
			}
			if (g) {
				load_field(t, g, &tmp);
				g->locked = true;
			}
			rec_free(&pairing_desc, &p);
		}
	}
	err_clear(e);
	return 0;
}

/* ---- choosing references --------------------------------------------- */

struct pick {
	char **items;
	rid *ids;
	size_t n, cap;
	model_txn *t;
	int type;
};

static void pick_add(struct pick *p, const rid *id, const char *label)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->items = xrealloc(p->items, p->cap * sizeof *p->items);
		p->ids = xrealloc(p->ids, p->cap * sizeof *p->ids);
	}
	p->items[p->n] = xstrdup(label);
	p->ids[p->n++] = id ? *id : (rid){ { 0 } };
}

static void pick_free(struct pick *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->items[i]);
	free(p->items);
	free(p->ids);
	memset(p, 0, sizeof *p);
}

enum { PICK_MAX = 500 };

static int pick_student(const student *st, void *ctx)
{
	struct pick *p = ctx;
	char col[128] = "", buf[512];
	ref_label(p->t, FORM_COLLEGE, &st->college_id, col, sizeof col);
	snprintf(buf, sizeof buf, "%s  %s  %s  %s", st->name ? st->name : "",
		 st->student_no ? st->student_no : "", col, st->class_name ? st->class_name : "");
	pick_add(p, &st->m.id, buf);
	return p->n >= PICK_MAX;
}

static int pick_rec(const void *rec, void *ctx)
{
	struct pick *p = ctx;
	char buf[512];
	switch (p->type) {
	case FORM_COLLEGE:
		snprintf(buf, sizeof buf, "%s", ((const college *)rec)->name);
		break;
	case FORM_SEMESTER: {
		const semester *m = rec;
		char longname[64];
		semester_long_name(m->code, longname);
		snprintf(buf, sizeof buf, "%s  %s", m->code, longname);
		break;
	}
	case FORM_COUNSELLOR: {
		const counsellor *c = rec;
		char col[128] = "";
		ref_label(p->t, FORM_COLLEGE, &c->college_id, col, sizeof col);
		snprintf(buf, sizeof buf, "%s  %s  %s", c->name ? c->name : "",
			 c->staff_no ? c->staff_no : "", col);
		break;
	}
	default:
		return 0;
	}
	pick_add(p, &((const rec_meta *)rec)->id, buf);
	return p->n >= PICK_MAX;
}

struct pick_ctx {
	struct pick *p;
	const char *text;
};

static int pick_fn(model_txn *t, void *ctx, err *e)
{
	struct pick_ctx *c = ctx;
	struct pick *p = c->p;
	p->t = t;
	int rc;
	switch (p->type) {
	case FORM_STUDENT:
		rc = model_find(t, c->text, pick_student, p, e);
		break;
	case FORM_COLLEGE:
		rc = model_each(t, &college_desc, pick_rec, p, e);
		break;
	case FORM_SEMESTER:
		rc = model_each(t, &semester_desc, pick_rec, p, e);
		break;
	case FORM_COUNSELLOR:
		rc = model_each(t, &counsellor_desc, pick_rec, p, e);
		break;
	default:
		rc = 0;
	}
	return rc == 1 ? 0 : rc;
}

/* Lets the user pick the reference of field f (students by the text typed
 * into it). True if the value changed. */
static bool pick(fstate *s, fval *f)
{
	struct pick p = { 0 };
	err e = { 0 };
	char *text = edit_get(&f->ed);
	char *clean = text_clean(text);
	struct pick_ctx c = { &p, clean };
	p.type = f->fl->type;
	bool changed = false;
	if (f->fl->type == FORM_STUDENT && !*clean) {
		set_msg(f, _("type a student number, a name or its pinyin, then Enter"));
		goto out;
	}
	if (model_read(ui_store(s->u), pick_fn, &c, &e)) {
		ui_status_error(s->u, "%s", e.msg);
		goto out;
	}
	if (f->fl->type == FORM_SEMESTER) {
		char code[12];
		semester_of(date_today(), code);
		bool have = false;
		for (size_t i = 0; i < p.n; i++)
			have |= !strncmp(p.items[i], code, strlen(code));
		if (!have)
			pick_add(&p, NULL, code);
	}
	if (p.n == 0) {
		char buf[300];
		snprintf(buf, sizeof buf, f->fl->type == FORM_STUDENT ? _("no student matches \"%s\"")
								       : _("nothing to choose from%s"),
			 f->fl->type == FORM_STUDENT ? clean : "");
		set_msg(f, buf);
		goto out;
	}
	int k = p.n == 1 && f->fl->type == FORM_STUDENT
			? 0
			: ui_choose(s->u, form_label(f->fl), (const char *const *)p.items, p.n);
	if (k < 0)
		goto out;
	free(f->new_code);
	f->new_code = NULL;
	if (rid_is_zero(&p.ids[k])) {           /* a new semester code */
		f->has_ref = false;
		f->new_code = xstrdup(p.items[k]);
		edit_set(&f->ed, p.items[k]);
	} else {
		f->ref = p.ids[k];
		f->has_ref = true;
		char label[512];
		snprintf(label, sizeof label, "%s", p.items[k]);
		/* "name  number  college  class" -> "name number" */
		char *sep = strstr(label, "  ");
		if (sep && f->fl->type == FORM_STUDENT) {
			char *sep2 = strstr(sep + 2, "  ");
			if (sep2)
				*sep2 = 0;
			memmove(sep + 1, sep + 2, strlen(sep + 2) + 1);
		} else if (sep) {
			*sep = 0;
		}
		edit_set(&f->ed, label);
	}
	changed = true;
out:
	pick_free(&p);
	free(text);
	free(clean);
	return changed;
}

/* ---- screen operations ----------------------------------------------- */

static const action_t form_bar[] = { ACT_HELP, ACT_SAVE, ACT_NEXT_FIELD, ACT_TOGGLE,
				     ACT_BACK, ACT_QUIT, ACT_NONE };
static const action_t form_extra[] = { ACT_PREV_FIELD, ACT_UP, ACT_DOWN, ACT_LEFT,
				       ACT_RIGHT, ACT_OPEN, ACT_HOME, ACT_END, ACT_PAGE_UP,
				       ACT_PAGE_DOWN, ACT_DELETE, ACT_NONE };

static const char *f_title(screen *sc)
{
	fstate *s = sc->state;
	snprintf(s->title, sizeof s->title, "%s%s%s", form_title(&s->def),
		 s->editing ? _(" — edit") : _(" — new"), s->dirty ? " *" : "");
	return s->title;
}

static bool focusable(const fval *f)
{
	return f->visible && !f->locked && !f->masked && !f->fl->readonly;
}

/* A form takes every printable key while it has a field in focus, also on
 * choice and toggle fields (where Space chooses or toggles and other
 * characters do nothing): a digit typed one field too far must never jump
 * to another screen as a go-to key would. */
static bool f_typing(screen *sc)
{
	fstate *s = sc->state;
	return s->focus < s->n;
}

static int label_cols(fstate *s, int cols)
{
	int w = 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].visible) {
			int lw = lay_width(form_label(s->v[i].fl)) + (s->v[i].fl->required ? 1 : 0);
			if (lw > w)
				w = lw;
		}
	w += 2;
	return w > cols / 3 ? cols / 3 : w;
}

static int field_height(const fval *f)
{
	return f->fl->type == FORM_MULTILINE ? f->fl->lines : 1;
}

static void draw_multi(fval *f, int y, int x, int w, bool focus)
{
	int used = 0;
	ui_fill(y, x, w, UI_NORMAL);
	for (int i = 0; f->fl->choices[i]; i++) {
		char buf[128];
		snprintf(buf, sizeof buf, "[%s]%s", f->bits & (1u << i) ? "x" : " ",
			 f->fl->choices[i]);
		int bw = lay_width(buf);
		if (used + bw > w)
			break;
		ui_text(y, x + used, bw, buf,
			focus && i == f->item ? UI_FIELD_FOCUS : (f->locked ? UI_DIM : UI_FIELD));
		used += bw + 1;
	}
}

static void f_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	fstate *s = sc->state;
	(void)u;
	int lw = label_cols(s, cols);
	int x = lw + 1;
	s->show_cursor = false;
	for (int r = 0; r < rows; r++)
		ui_fill(top + r, 0, cols, UI_NORMAL);
	if (s->top_msg)
		ui_text(top, 1, cols - 2, s->top_msg, UI_ERROR);
	/* Rows each field needs (a message goes beside it, or below when
	 * there is no room), then a scroll that keeps the focus in view. */
	int avail = cols - x - 1;
	int y0 = 1, focus_y = 0, focus_h = 1;
	for (size_t i = 0; i < s->n; i++) {
		fval *f = &s->v[i];
		if (!f->visible)
			continue;
		int w = f->fl->width < avail ? f->fl->width : avail;
		f->h = field_height(f);
		if (f->msg && cols - (x + w + 2) < lay_width(f->msg) + 1)
			f->h++;
		f->y = y0;
		if (i == s->focus) {
			focus_y = y0;
			focus_h = f->h;
		}
		y0 += f->h;
	}
	if (focus_y - s->scroll < 1)
		s->scroll = focus_y - 1;
	if (focus_y + focus_h - s->scroll > rows)
		s->scroll = focus_y + focus_h - rows;
	if (s->scroll < 0)
		s->scroll = 0;
	for (size_t i = 0; i < s->n; i++) {
		fval *f = &s->v[i];
		if (!f->visible)
			continue;
		int y = top + f->y - s->scroll;
		f->y = y;
		if (y < top + 1 || y + field_height(f) > top + rows) {
			f->y = -100;
			continue;
		}
		bool focus = i == s->focus;
		int w = f->fl->width < avail ? f->fl->width : avail;
		if (w < 1)
			w = 1;
		char label[160];
		snprintf(label, sizeof label, "%s%s", form_label(f->fl), f->fl->required ? "*" : "");
		ui_text(y, 1, lw - 1, label, focus ? UI_HEADER : UI_NORMAL);
		ui_style st = f->masked ? UI_MASK
			      : (f->locked || f->fl->readonly) ? UI_DIM
			      : focus ? UI_FIELD_FOCUS : UI_FIELD;
		int cy = -1, cx = -1;
		switch (f->fl->type) {
		case FORM_MULTILINE:
			ui_draw_edit_box(y, x, f->fl->lines, w, &f->ed, st, &cy, &cx);
			break;
		case FORM_MULTI:
			draw_multi(f, y, x, w, focus);
			break;
		case FORM_CHOICE: {
			char buf[160];
			snprintf(buf, sizeof buf, "%s ▾", f->val ? f->val : "");
			ui_text(y, x, w, buf, st);
			break;
		}
		case FORM_COUNSELLOR: case FORM_COLLEGE: case FORM_SEMESTER: case FORM_PAIRING: {
			char *t = edit_get(&f->ed);
			ui_text(y, x, w, t, st);
			free(t);
			break;
		}
		default:
			ui_draw_edit(y, x, w, &f->ed, st, &cy, &cx);
			break;
		}
		if (focus && is_edit(f->fl->type) && focusable(f) && cy >= 0) {
			s->cy = cy;
			s->cx = cx;
			s->show_cursor = true;
		}
		if (f->msg) {
			if (cols - (x + w + 2) >= lay_width(f->msg) + 1)
				ui_text(y, x + w + 2, cols - (x + w + 2) - 1, f->msg, UI_ERROR);
			else
				ui_text(y + field_height(f), x, cols - x - 1, f->msg, UI_ERROR);
		}
	}
}

static bool f_cursor(screen *sc, int *y, int *x)
{
	fstate *s = sc->state;
	if (!s->show_cursor)
		return false;
	*y = s->cy;
	*x = s->cx;
	return true;
}

static bool f_unsaved(screen *sc)
{
	return ((fstate *)sc->state)->dirty;
}

static void f_destroy(screen *sc)
{
	fstate *s = sc->state;
	for (size_t i = 0; i < s->n; i++) {
		edit_free(&s->v[i].ed);
		free(s->v[i].val);
		free(s->v[i].new_code);
		free(s->v[i].msg);
	}
	free(s->v);
	for (size_t i = 0; i < s->nslots; i++) {
		rec_drop(s->slots[i].ops->desc, &s->slots[i].orig);
		rec_drop(s->slots[i].ops->desc, &s->slots[i].work);
	}
	for (char **p = s->presets; p && *p; p++)
		free(*p);
	free(s->presets);
	free(s->top_msg);
	form_def_free(&s->def);
	free(s);
	free(sc);
}

/* Leaving a field (or changing a choice): resolve a typed student, then
 * check the rules. */
static void field_done(fstate *s, fval *f)
{
	if (f->fl->type == FORM_STUDENT && !f->has_ref && !field_empty(f) && focusable(f)) {
		if (pick(s, f))
			s->dirty = true;
	}
	f->touched = true;
	check(s, false);
}

static void move_focus(fstate *s, int dir)
{
	if (!s->n)
		return;
	fval *cur = &s->v[s->focus];
	field_done(s, cur);
	size_t i = s->focus;
	for (size_t k = 0; k < s->n; k++) {
		i = (i + s->n + (size_t)(dir > 0 ? 1 : s->n - 1)) % s->n;
		if (focusable(&s->v[i]))
			break;
	}
	if (focusable(&s->v[i]))
		s->focus = i;
}

static int show_conflict(fstate *s, run *r);

static int save(fstate *s)
{
	err e = { 0 };
	run r = { 0 };
	for (size_t i = 0; i < s->n; i++)
		s->v[i].touched = true;
	if (!check(s, true)) {
		ui_status_error(s->u, "%s", _("Not saved: see the messages beside the fields."));
		return SCREEN_STAY;
	}
	r.s = s;
	r.mode = M_SAVE;
	r.failed_slot = r.conflict_slot = -1;
	int rc = model_write(ui_store(s->u), run_fn, &r, &e);
	if (rc && r.conflict_slot >= 0) {
		int res = show_conflict(s, &r);
		run_reset(&r);
		return res;
	}
	run_reset(&r);
	if (rc) {
		show_error(s, r.failed_slot, e.msg);
		ui_status_error(s->u, "%s", _("Not saved: see the messages beside the fields."));
		return SCREEN_STAY;
	}
	s->dirty = false;
	ui_status(s->u, "%s", _("Saved."));
	return SCREEN_CLOSE;
}

static void reload(fstate *s)
{
	struct open_ctx o = { s, ((rec_meta *)s->slots[0].orig)->id, true };
	err e = { 0 };
	if (model_read(ui_store(s->u), open_fn, &o, &e))
		ui_status_error(s->u, "%s", e.msg);
	s->dirty = false;
	check(s, false);
}

struct diff_ctx {
	fstate *s;
	run *r;
	char *text;
};

static int diff_fn(model_txn *t, void *ctx, err *e)
{
	struct diff_ctx *d = ctx;
	fstate *s = d->s;
	size_t len = 0, cap = 4096;
	(void)e;
	d->text = xmalloc(cap);
	d->text[0] = 0;
	for (size_t i = 0; i < s->n; i++) {
		fval *f = &s->v[i];
		int k = f->slot;
		if (!d->r->conflict[k] || f->masked)
			continue;
		char mine[512], theirs[512];
		value_text(t, f->fl, s->slots[k].work, mine, sizeof mine);
		if (d->r->theirs[k])
			value_text(t, f->fl, d->r->theirs[k], theirs, sizeof theirs);
		else
			snprintf(theirs, sizeof theirs, "%s", _("(deleted)"));
		if (!strcmp(mine, theirs))
			continue;
		char *line = xasprintf(_("%s: yours \"%s\" / theirs \"%s\"\n"), form_label(f->fl),
				       mine, theirs);
		size_t l = strlen(line);
		if (len + l + 1 > cap)
			d->text = xrealloc(d->text, cap = (len + l + 1) * 2);
		memcpy(d->text + len, line, l + 1);
		len += l;
		free(line);
	}
	if (!len) {
		free(d->text);
		d->text = xstrdup(_("Only fields that are not on this form differ."));
	}
	return 0;
}

static int show_conflict(fstate *s, run *r)
{
	struct diff_ctx d = { s, r, NULL };
	err e = { 0 };
	bool deleted = false;
	model_read(ui_store(s->u), diff_fn, &d, &e);
	ui_message(s->u, _("Someone else changed this record meanwhile"), d.text);
	free(d.text);
	for (size_t i = 0; i < s->nslots; i++)
		deleted |= r->conflict[i] && !r->theirs[i];
	const char *items[] = { N_("Keep mine (save over their change)"),
				N_("Take theirs (my changes are dropped)"), N_("Go back to the form") };
	const char *tr[3] = { _(items[0]), _(items[1]), _(items[2]) };
	int k = deleted ? 2 : ui_choose(s->u, _("Which version?"), tr, 3);
	if (k != 0 && k != 1)
		return SCREEN_STAY;
	for (size_t i = 0; i < s->nslots; i++) {
		slot *sl = &s->slots[i];
		if (!r->conflict[i])
			continue;
		/* Fields not on the form come from theirs; with "keep mine"
		 * the form's fields stay mine. */
		rec_drop(sl->ops->desc, &sl->orig);
		sl->orig = r->theirs[i];
		r->theirs[i] = NULL;
	}
	if (k == 0)
		return save(s);
	reload(s);
	ui_status(s->u, "%s", _("Their version is shown."));
	return SCREEN_STAY;
}

static bool choose_value(fstate *s, fval *f)
{
	const char *const *c = f->fl->choices;
	size_t n = 0;
	while (c[n])
		n++;
	const char **items = xcalloc(n + 1, sizeof *items);
	size_t off = 0;
	if (!f->fl->required)
		items[off++] = _("(none)");
	for (size_t i = 0; i < n; i++)
		items[off + i] = c[i];
	int k = ui_choose(s->u, form_label(f->fl), items, n + off);
	free(items);
	if (k < 0)
		return false;
	free(f->val);
	f->val = (size_t)k < off ? NULL : xstrdup(c[(size_t)k - off]);
	return true;
}

static void cycle(fval *f, int dir)
{
	const char *const *c = f->fl->choices;
	int n = 0;
	while (c[n])
		n++;
	int i = choice_index(c, f->val);
	i = i < 0 ? (dir > 0 ? 0 : n - 1) : (i + dir + n) % n;
	free(f->val);
	f->val = xstrdup(c[i]);
}

static bool is_enter(const ui_event *ev)
{
	return ev->type == EV_KEY
	       && ((!ev->is_code && (ev->ch == '\n' || ev->ch == '\r'))
		   || (ev->is_code && ev->ch == KEY_ENTER));
}

static int f_handle(screen *sc, ui *u, const ui_event *ev)
{
	fstate *s = sc->state;
	(void)u;
	if (ev->type == EV_MOUSE) {
		if (ev->button == 1)
			for (size_t i = 0; i < s->n; i++)
				if (focusable(&s->v[i]) && ev->y >= s->v[i].y
				    && ev->y < s->v[i].y + s->v[i].h && i != s->focus) {
					field_done(s, &s->v[s->focus]);
					s->focus = i;
				}
		return SCREEN_STAY;
	}
	if (ev->type != EV_KEY || s->focus >= s->n)
		return SCREEN_STAY;
	fval *f = &s->v[s->focus];
	bool can = focusable(f);
	switch (ev->action) {
	case ACT_SAVE:
		return save(s);
	case ACT_BACK:
		if (s->dirty && !ui_confirm(u, _("Discard the changes on this form?")))
			return SCREEN_STAY;
		s->dirty = false;
		return SCREEN_CLOSE;
	case ACT_NEXT_FIELD:
		move_focus(s, 1);
		return SCREEN_STAY;
	case ACT_PREV_FIELD:
		move_focus(s, -1);
		return SCREEN_STAY;
	default:
		break;
	}
	if (can && is_edit(f->fl->type)) {
		if (is_enter(ev) && f->fl->type != FORM_MULTILINE) {
			if (f->fl->type == FORM_STUDENT && !f->has_ref) {
				if (pick(s, f))
					s->dirty = true;
				f->touched = true;
				/* Nothing picked: pick's own word ("no student
				 * matches ...") stays beside the field. */
				if (!f->has_ref)
					return SCREEN_STAY;
				check(s, false);
			}
			move_focus(s, 1);
			return SCREEN_STAY;
		}
		if (f->fl->type != FORM_MULTILINE && ev->action == ACT_UP) {
			move_focus(s, -1);
			return SCREEN_STAY;
		}
		if (f->fl->type != FORM_MULTILINE && ev->action == ACT_DOWN) {
			move_focus(s, 1);
			return SCREEN_STAY;
		}
		/* Typing over a chosen student starts a new search. */
		if (f->fl->type == FORM_STUDENT && f->has_ref && !ev->is_code && ev->ch >= ' '
		    && ev->ch != 127)
			edit_clear(&f->ed);
		if (ui_edit_key(&f->ed, ev)) {
			if (f->ed.changed) {
				f->ed.changed = false;
				s->dirty = true;
				if (f->fl->type == FORM_STUDENT && f->has_ref) {
					f->has_ref = false;     /* typing again: a new search */
					memset(&f->ref, 0, sizeof f->ref);
				}
			}
			return SCREEN_STAY;
		}
		return SCREEN_STAY;
	}
	switch (ev->action) {
	case ACT_UP:
		move_focus(s, -1);
		return SCREEN_STAY;
	case ACT_DOWN:
		move_focus(s, 1);
		return SCREEN_STAY;
	default:
		break;
	}
	if (!can)
		return SCREEN_STAY;
	bool changed = false;
	switch (f->fl->type) {
	case FORM_MULTI: {
		int n = 0;
		while (f->fl->choices[n])
			n++;
		if (ev->action == ACT_LEFT && f->item > 0)
			f->item--;
		else if (ev->action == ACT_RIGHT && f->item + 1 < n)
			f->item++;
		else if (ev->action == ACT_TOGGLE || ev->action == ACT_OPEN || is_enter(ev)
			 || (!ev->is_code && ev->ch == ' ')) {
			f->bits ^= 1u << f->item;
			changed = true;
		}
		break;
	}
	case FORM_CHOICE:
		if (ev->action == ACT_LEFT || ev->action == ACT_RIGHT) {
			cycle(f, ev->action == ACT_LEFT ? -1 : 1);
			changed = true;
		} else if (ev->action == ACT_TOGGLE || ev->action == ACT_OPEN || is_enter(ev)
			   || (!ev->is_code && ev->ch == ' ')) {
			changed = choose_value(s, f);
		} else if (ev->action == ACT_DELETE && !f->fl->required && f->val) {
			free(f->val);
			f->val = NULL;
			changed = true;
		}
		break;
	case FORM_COUNSELLOR: case FORM_COLLEGE: case FORM_SEMESTER:
		if (ev->action == ACT_TOGGLE || ev->action == ACT_OPEN || is_enter(ev)
		    || (!ev->is_code && ev->ch == ' '))
			changed = pick(s, f);
		else if (ev->action == ACT_DELETE && !f->fl->required) {
			f->has_ref = false;
			memset(&f->ref, 0, sizeof f->ref);
			free(f->new_code);
			f->new_code = NULL;
			edit_set(&f->ed, "");
			changed = true;
		}
		break;
	default:
		break;
	}
	if (changed) {
		s->dirty = true;
		f->touched = true;
		check(s, false);
		/* Enter on a choice picks it and goes on, like in a text field. */
		if (is_enter(ev) && f->fl->type != FORM_MULTI)
			move_focus(s, 1);
	}
	return SCREEN_STAY;
}

static const struct screen_ops form_ops = {
	.name = "form",
	.title = f_title,
	.bar = form_bar,
	.typing = f_typing,
	.draw = f_draw,
	.cursor = f_cursor,
	.handle = f_handle,
	.unsaved = f_unsaved,
	.destroy = f_destroy,
	.extra = form_extra,
};

screen *scr_form(ui *u, const char *form, const rid *id, const char *const *presets)
{
	errlist errs = { 0 };
	char *path = xasprintf("%s/%s.form", ui_forms_dir(u), form);
	fstate *s = xcalloc(1, sizeof *s);
	s->u = u;
	if (form_load_file(path, &s->def, &errs)) {
		ui_message(u, _("A form file is broken"), errs.n ? errs.msg[0] : path);
		errlist_free(&errs);
		free(path);
		free(s);
		return NULL;
	}
	free(path);
	/* Slots: one per entity, in the order the fields first name them. */
	s->n = s->def.nfields;
	s->v = xcalloc(s->n, sizeof *s->v);
	for (size_t i = 0; i < s->n; i++) {
		fval *f = &s->v[i];
		f->fl = &s->def.fields[i];
		edit_init(&f->ed, 0, f->fl->type == FORM_MULTILINE);
		size_t k;
		for (k = 0; k < s->nslots; k++)
			if (!strcmp(s->slots[k].ops->name, f->fl->entity))
				break;
		if (k == s->nslots) {
			const ent_ops *ops = ent_find(f->fl->entity);
			if (!ops || s->nslots == MAX_SLOTS)
				die("form %s: entity %s", form, f->fl->entity);
			s->slots[s->nslots++].ops = ops;
		}
		f->slot = (int)k;
	}
	size_t np = 0;
	while (presets && presets[np] && presets[np + 1])
		np += 2;
	s->presets = xcalloc(np + 1, sizeof *s->presets);
	for (size_t i = 0; i < np; i++)
		s->presets[i] = xstrdup(presets[i]);
	for (size_t i = 0; i < s->n; i++) {
		fval *f = &s->v[i];
		f->visible = !f->fl->hidden && (!f->fl->show_if || preset(s, f->fl->show_if))
			     && (!f->fl->hide_if || !preset(s, f->fl->hide_if));
	}
	struct open_ctx o = { s, { { 0 } }, id != NULL };
	if (id)
		o.id = *id;
	s->editing = id != NULL;
	err e = { 0 };
	if (model_read(ui_store(u), open_fn, &o, &e)) {
		ui_message(u, form_title(&s->def), e.msg);
		screen tmp = { &form_ops, s };
		screen *sc = xmalloc(sizeof *sc);
		*sc = tmp;
		f_destroy(sc);
		return NULL;
	}
	privacy(s);
	/* The focus starts on the first field to fill in (a new record) or
	 * the first one that can be changed. */
	s->focus = s->n;
	for (size_t i = 0; i < s->n && s->focus == s->n; i++)
		if (focusable(&s->v[i]) && (s->editing || field_empty(&s->v[i])))
			s->focus = i;
	for (size_t i = 0; i < s->n && s->focus == s->n; i++)
		if (focusable(&s->v[i]))
			s->focus = i;
	if (s->focus == s->n)
		s->focus = 0;
	check(s, false);
	/* What the form opened with is not a change. */
	for (size_t i = 0; i < s->n; i++)
		s->v[i].ed.changed = false;
	s->dirty = false;
	screen *sc = xmalloc(sizeof *sc);
	sc->ops = &form_ops;
	sc->state = s;
	return sc;
}
