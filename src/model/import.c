#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/import.h"
#include "model/internal.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/i18n.h"
#include "util/text.h"

const char *const import_kinds[] = {
	"students", "counsellors", "pairings", "talks", "aid", NULL
};

/* ---- columns --------------------------------------------------------- */

/* One column a kind of file may have: its names (fields.c's csv_names:
 * the Chinese header, the canonical English one, then
 * accepted synonyms). field is the record field the model's rules name
 * (err.field) when they are about this column, so that a rule's message
 * names the column. */
typedef struct col_spec {
	const csv_names *names;
	bool required;
	const char *field;
} col_spec;

enum { C_STU_NO, C_STU_NAME, C_STU_GENDER, C_STU_COLLEGE, C_STU_CLASS,
	C_STU_POLITICAL, C_STU_PHONE, C_STU_KINDS, C_STU_TIER, C_STU__N };
static const col_spec student_cols[] = {
	{ &csv_student_no, true, "student_no" },
	{ &csv_name, true, "name" },
	{ &csv_gender, false, "gender" },
	{ &csv_college, true, "college" },
	{ &csv_class, false, "class_name" },
	{ &csv_political, false, "political" },
	{ &csv_phone, false, "phone" },
	{ &csv_kinds, false, "kinds" },
	{ &csv_tier, false, "tier" },
};

enum { C_CNS_NO, C_CNS_NAME, C_CNS_COLLEGE, C_CNS_PHONE, C_CNS__N };
static const col_spec counsellor_cols[] = {
	{ &csv_staff_no, true, "staff_no" },
	{ &csv_name, true, "name" },
	{ &csv_college, true, "college" },
	{ &csv_phone, false, "phone" },
};

enum { C_PAIR_MEMBER, C_PAIR_TARGET, C_PAIR_SEMESTER, C_PAIR_START,
	C_PAIR_NOTE, C_PAIR_REASON, C_PAIR__N };
static const col_spec pairing_cols[] = {
	{ &csv_member_no, true, "member" },
	{ &csv_target_no, true, "target" },
	{ &csv_semester, true, "semester" },
	{ &csv_start_date, true, "start" },
	{ &csv_pairing_note, false, "note" },
	{ &csv_reason, false, "reason" },
};

enum { C_TALK_MEMBER, C_TALK_TARGET, C_TALK_DATE, C_TALK_MINUTES,
	C_TALK_MODE, C_TALK_TOPICS, C_TALK_CONTENT, C_TALK_COUNSELLOR,
	C_TALK__N };
static const col_spec talk_cols[] = {
	{ &csv_member_no, false, "member" },
	{ &csv_target_no, true, "target" },
	{ &csv_date, true, "date" },
	{ &csv_minutes, true, "minutes" },
	{ &csv_mode, true, "mode" },
	{ &csv_topics, true, "topics" },
	{ &csv_content, false, "content" },
	{ &csv_counsellor_no, false, "counsellor" },
};

enum { C_AID_MEMBER, C_AID_TARGET, C_AID_DATE, C_AID_KIND, C_AID_AMOUNT,
	C_AID_NOTE, C_AID__N };
static const col_spec aid_cols[] = {
	{ &csv_member_no, true, "member" },
	{ &csv_target_no, true, "target" },
	{ &csv_date, true, "date" },
	{ &csv_aid_kind, true, "kind" },
	{ &csv_amount, true, "amount" },
	{ &csv_aid_note, false, "note" },
};

enum { MAX_COLS = 16 };

struct import_ctx;
typedef int (*row_fn)(struct import_ctx *c, store_txn *t, const csv_row *r, err *e);

typedef struct kind_spec {
	const char *name;
	const col_spec *cols;
	size_t ncols;
	row_fn row;
} kind_spec;

/* ---- a small set of strings (numbers seen in this file) --------------- */

typedef struct seen_set {
	char **key;
	size_t *line;
	size_t cap, n;
} seen_set;

static uint64_t seen_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void seen_free(seen_set *S)
{
	for (size_t i = 0; i < S->cap; i++)
		free(S->key[i]);
	free(S->key);
	free(S->line);
	memset(S, 0, sizeof *S);
}

/* The line where s was seen first, or 0 (and then s is remembered). */
static size_t seen_add(seen_set *S, const char *s, size_t line)
{
	if (2 * (S->n + 1) > S->cap) {
		seen_set N = { 0 };
		N.cap = S->cap ? 2 * S->cap : 64;
		N.key = xcalloc(N.cap, sizeof *N.key);
		N.line = xcalloc(N.cap, sizeof *N.line);
		for (size_t i = 0; i < S->cap; i++) {
			if (!S->key[i])
				continue;
			size_t j = seen_hash(S->key[i]) & (N.cap - 1);
			while (N.key[j])
				j = (j + 1) & (N.cap - 1);
			N.key[j] = S->key[i];
			N.line[j] = S->line[i];
		}
		N.n = S->n;
		free(S->key);
		free(S->line);
		*S = N;
	}
	size_t j = seen_hash(s) & (S->cap - 1);
	while (S->key[j]) {
		if (strcmp(S->key[j], s) == 0)
			return S->line[j];
		j = (j + 1) & (S->cap - 1);
	}
	S->key[j] = xstrdup(s);
	S->line[j] = line;
	S->n++;
	return 0;
}

/* ---- the import ------------------------------------------------------ */

typedef struct import_ctx {
	const import_opts *o;
	const kind_spec *k;
	const csv_table *tab;
	int col[MAX_COLS];         /* spec column -> file column, or -1 */
	import_result res;
	errlist rows;              /* messages for bad rows */
	errlist changes;           /* --update: what changes (o->changes) */
	bool changes_on;
	seen_set seen;             /* numbers created by this file */
	char **cell;               /* cleaned cells of the current row */
	/* colleges already looked up or made in this run (a file names a few
	 * colleges on thousands of rows) */
	struct { char *name; rid id; } colleges[32];
	size_t ncolleges;
} import_ctx;

/* Adds "FILE:LINE: message". */
static void row_err(import_ctx *c, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void row_err(import_ctx *c, size_t line, const char *fmt, ...)
{
	char buf[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	errlist_add(&c->rows, "%s:%zu: %s", c->o->path, line, buf);
}

/* Column i's name in a message: as the user knows it, in the UI's language
 * (the Chinese header, or the English one under --lang en). */
static const char *colname(const import_ctx *c, int i)
{
	return c->k->cols[i].names->n[strcmp(i18n_lang(), "en") == 0 ? 1 : 0];
}

/* The cleaned value of spec column i in the current row ("" if absent). */
static const char *cell(const import_ctx *c, int i)
{
	return c->cell[i] ? c->cell[i] : "";
}

/* Checks the required cells of the current row; false (with a message for
 * each) if one is empty. */
static bool need(import_ctx *c, size_t line, int i)
{
	if (*cell(c, i))
		return true;
	row_err(c, line, _("%s: is required"), colname(c, i));
	return false;
}

/* A student by number for column i: 0 found, E_NOTFOUND (reported as the
 * row's problem), E_DB. */
static int find_student(import_ctx *c, store_txn *t, size_t line, int i,
			student *out, err *e)
{
	int rc = student_by_no(t, cell(c, i), out, e);
	if (rc == E_NOTFOUND)
		row_err(c, line, _("%s: no student with number \"%s\""),
			colname(c, i), cell(c, i));
	return rc;
}

static bool parse_date_cell(import_ctx *c, size_t line, int i, date_t *out)
{
	if (date_parse(cell(c, i), out))
		return true;
	if (model_date_early(cell(c, i))) {
		char why[200];
		snprintf(why, sizeof why, _("%s is before 2000: not a plausible date"), cell(c, i));
		row_err(c, line, "%s: %s", colname(c, i), why);
		return false;
	}
	row_err(c, line, _("%s: not a date (YYYY-MM-DD): \"%s\""), colname(c, i), cell(c, i));
	return false;
}

/* A choice column: canonical value or a message. Empty gives "". */
static bool parse_choice(import_ctx *c, size_t line, int i,
			 const char *const *values, const char **out)
{
	const char *v = cell(c, i);
	*out = "";
	if (!*v)
		return true;
	*out = choice_canon(values, v);
	if (*out)
		return true;
	char list[256] = "";
	for (size_t j = 0; values[j]; j++) {
		if (j)
			strncat(list, "/", sizeof list - strlen(list) - 1);
		strncat(list, values[j], sizeof list - strlen(list) - 1);
	}
	row_err(c, line, _("%s: unknown value \"%s\" (one of %s)"), colname(c, i), v, list);
	*out = "";
	return false;
}

/* The file's column a rule's field (err.field) is about, or -1. A
 * pairing's reason is read from 备注 when the file has no 跨院原因. */
static int rule_column(const import_ctx *c, const char *field)
{
	if (!field || !*field)
		return -1;
	for (size_t i = 0; i < c->k->ncols; i++)
		if (c->k->cols[i].field && strcmp(c->k->cols[i].field, field) == 0) {
			if (c->col[i] >= 0)
				return (int)i;
			if (c->k->cols == pairing_cols && i == C_PAIR_REASON &&
			    c->col[C_PAIR_NOTE] >= 0)
				return C_PAIR_NOTE;
			return (int)i;
		}
	return -1;
}

/* Reports a model error for a row: E_INPUT is the row's problem, anything
 * else stops the import. Returns 0 to keep going. A save turns every
 * lookup that finds nothing into E_INPUT with a message, so E_NOTFOUND
 * here is a bug. */
static int model_fail(import_ctx *c, size_t line, int rc, err *e)
{
	if (rc == E_INPUT) {
		int col = rule_column(c, e->field);
		if (col >= 0)
			row_err(c, line, "%s: %s", colname(c, col), err_text(e));
		else
			row_err(c, line, "%s", e->msg);
		err_clear(e);
		return 0;
	}
	if (rc == E_NOTFOUND)
		die("import: a lookup's E_NOTFOUND reached the row's error (line %zu)", line);
	return rc ? rc : E_DB;
}

/* Minutes: digits, optionally followed by 分钟 or "min". */
static bool parse_minutes(const char *s, int64_t *out)
{
	int64_t v = 0;
	size_t nd = 0;
	for (; isdigit((unsigned char)*s); s++, nd++) {
		if (v > 100000000)
			return false;
		v = v * 10 + (*s - '0');
	}
	if (!nd)
		return false;
	if (strcmp(s, "分钟") == 0 || strcmp(s, "分") == 0 || strcmp(s, "min") == 0)
		s += strlen(s);
	if (*s)
		return false;
	*out = v;
	return true;
}

/* ---- one row of each kind -------------------------------------------- */

static void college_remember(import_ctx *c, const char *name, const rid *id)
{
	if (c->ncolleges == sizeof c->colleges / sizeof c->colleges[0])
		return;
	c->colleges[c->ncolleges].name = xstrdup(name);
	c->colleges[c->ncolleges++].id = *id;
}

static int college_of(import_ctx *c, store_txn *t, const char *name, rid *id, err *e)
{
	for (size_t i = 0; i < c->ncolleges; i++)
		if (strcmp(c->colleges[i].name, name) == 0) {
			*id = c->colleges[i].id;
			return 0;
		}
	college col = { 0 };
	int rc = college_by_name(t, name, &col, e);
	if (rc == 0) {
		*id = col.m.id;
		rec_free(&college_desc, &col);
		college_remember(c, name, id);
		return 0;
	}
	if (rc != E_NOTFOUND)
		return rc;
	rc = college_ensure(t, name, id, e);
	if (rc == 0) {
		c->res.colleges++;
		college_remember(c, name, id);
	}
	return rc;
}

/* The kinds of assistance (and tier) of a student: creates or updates the
 * assisted-student profile. */
static int save_target(import_ctx *c, store_txn *t, size_t line, const rid *student_id,
		       uint32_t kinds, const char *tier, err *e)
{
	target g = { 0 };
	int rc = target_of_student(t, student_id, &g, e);
	if (rc != 0 && rc != E_NOTFOUND)
		return rc;
	if (rc == E_NOTFOUND) {
		g.student_id = *student_id;
		g.status = xstrdup(target_status_values[0]);
	}
	if (kinds)
		g.kinds = kinds;
	if (tier) {
		free(g.tier);
		g.tier = xstrdup(tier);
	}
	rc = target_save(t, &g, e);
	rec_free(&target_desc, &g);
	if (rc)
		return model_fail(c, line, rc, e);
	c->res.targets++;
	return 0;
}

/* A new student from the current row (every check of the row's cells has
 * been made: ok says whether they passed). */
static int student_new(import_ctx *c, store_txn *t, size_t line, bool ok, uint32_t kinds,
		       const char *gender, const char *political, const char *tier, err *e)
{
	ok &= need(c, line, C_STU_NAME);
	ok &= need(c, line, C_STU_COLLEGE);
	if (*tier && !kinds) {
		row_err(c, line, _("%s: a hardship tier needs a kind of assistance"),
			colname(c, C_STU_TIER));
		ok = false;
	}
	if (!ok)
		return 0;
	student s = { 0 };
	int rc = college_of(c, t, cell(c, C_STU_COLLEGE), &s.college_id, e);
	if (rc)
		return model_fail(c, line, rc, e);
	s.student_no = (char *)cell(c, C_STU_NO);
	s.name = (char *)cell(c, C_STU_NAME);
	s.gender = (char *)gender;
	s.class_name = (char *)cell(c, C_STU_CLASS);
	s.political = (char *)political;
	s.phone = (char *)cell(c, C_STU_PHONE);
	rc = student_save(t, &s, e);
	if (rc)
		return model_fail(c, line, rc, e);
	c->res.students++;
	if (*political && political_is_member(political))
		c->res.members++;
	if (c->changes_on && c->o->list_new)
		errlist_add(&c->changes, _("%s new student: %s (%s)"), cell(c, C_STU_NO),
			    cell(c, C_STU_NAME), cell(c, C_STU_COLLEGE));
	return kinds ? save_target(c, t, line, &s.m.id, kinds, tier, e) : 0;
}

/* One change of an existing student: "学号 field: old → new" (the column
 * by its header name in the UI's language), and the value set. Returns
 * whether the value changed. */
static bool change(import_ctx *c, const char *no, int col, char **field, const char *to)
{
	const char *from = *field ? *field : "";
	if (strcmp(from, to) == 0)
		return false;
	if (c->changes_on) {
		const col_spec *cs = &c->k->cols[col];
		const char *name = strcmp(i18n_lang(), "zh") == 0 ? cs->names->n[0] : cs->names->n[1];
		errlist_add(&c->changes, "%s %s: %s → %s", no, name, *from ? from : "\"\"",
			    *to ? to : "\"\"");
	}
	free(*field);
	*field = xstrdup(to);
	return true;
}

/* --update: an existing student (old) takes the row's non-empty cells of
 * the columns the file has; an empty cell keeps the stored value. */
static int student_update(import_ctx *c, store_txn *t, size_t line, const student *old,
			  uint32_t kinds, const char *gender, const char *political,
			  const char *tier, err *e)
{
	const char *no = cell(c, C_STU_NO);
	student s = { 0 };
	rec_copy(&student_desc, &s, old);
	memcpy(&s, old, sizeof(rec_meta));
	bool moved = false, changed = false;
	int rc = 0;
	if (*cell(c, C_STU_COLLEGE)) {
		rid to;
		if ((rc = college_of(c, t, cell(c, C_STU_COLLEGE), &to, e)))
			goto out;
		if (rid_cmp(&to, &s.college_id) != 0) {
			college was = { 0 };
			rc = college_get(t, &s.college_id, &was, e);
			if (rc && rc != E_NOTFOUND)
				goto out;
			char *name = xstrdup(rc == 0 && was.name ? was.name : "");
			if (rc == 0)
				rec_free(&college_desc, &was);
			rc = 0;
			change(c, no, C_STU_COLLEGE, &name, cell(c, C_STU_COLLEGE));
			free(name);
			s.college_id = to;
			moved = true;
		}
	}
	if (*cell(c, C_STU_NAME))
		changed |= change(c, no, C_STU_NAME, &s.name, cell(c, C_STU_NAME));
	if (*gender)
		changed |= change(c, no, C_STU_GENDER, &s.gender, gender);
	if (*cell(c, C_STU_CLASS))
		changed |= change(c, no, C_STU_CLASS, &s.class_name, cell(c, C_STU_CLASS));
	if (*political)
		changed |= change(c, no, C_STU_POLITICAL, &s.political, political);
	if (*cell(c, C_STU_PHONE))
		changed |= change(c, no, C_STU_PHONE, &s.phone, cell(c, C_STU_PHONE));
	changed |= moved;
	bool became_member = political_is_member(s.political) &&
			     !political_is_member(old->political);
	if (changed && (rc = student_save(t, &s, e))) {
		rc = model_fail(c, line, rc, e);
		goto out;
	}

	/* the assisted-student profile: kinds and tier as the row gives them */
	target g = { 0 };
	rc = target_of_student(t, &s.m.id, &g, e);
	if (rc && rc != E_NOTFOUND)
		goto out;
	bool had = rc == 0;
	rc = 0;
	char kbuf[128] = "";
	char *kold = xstrdup(""), *told = xstrdup(had && g.tier ? g.tier : "");
	if (had) {
		kinds_format(g.kinds, kbuf, sizeof kbuf);
		free(kold);
		kold = xstrdup(kbuf);
	}
	bool tchanged = false;
	if (kinds) {
		kinds_format(kinds, kbuf, sizeof kbuf);
		tchanged |= change(c, no, C_STU_KINDS, &kold, kbuf);
	}
	if (*tier)
		tchanged |= change(c, no, C_STU_TIER, &told, tier);
	free(kold);
	free(told);
	if (had)
		rec_free(&target_desc, &g);
	if (*tier && !had && !kinds) {
		row_err(c, line, _("%s: a hardship tier needs a kind of assistance"),
			colname(c, C_STU_TIER));
		goto out;
	}
	if (tchanged && (rc = save_target(c, t, line, &s.m.id, kinds, *tier ? tier : NULL, e)))
		goto out;
	if (changed || tchanged) {
		c->res.updated++;
		if (became_member)
			c->res.members++;
	} else {
		c->res.unchanged++;
	}
out:
	rec_free(&student_desc, &s);
	return rc;
}

static int row_student(import_ctx *c, store_txn *t, const csv_row *r, err *e)
{
	size_t line = r->line;
	bool ok = need(c, line, C_STU_NO);
	const char *gender, *political, *tier;
	ok &= parse_choice(c, line, C_STU_GENDER, gender_values, &gender);
	ok &= parse_choice(c, line, C_STU_POLITICAL, political_values, &political);
	ok &= parse_choice(c, line, C_STU_TIER, tier_values, &tier);
	uint32_t kinds = 0;
	if (*cell(c, C_STU_KINDS)) {
		const char *bad = NULL;
		if (!kinds_parse(cell(c, C_STU_KINDS), &kinds, &bad)) {
			row_err(c, line, _("%s: unknown kind of assistance \"%s\""),
				colname(c, C_STU_KINDS), bad ? bad : cell(c, C_STU_KINDS));
			ok = false;
		}
	}
	if (!*cell(c, C_STU_NO)) {
		need(c, line, C_STU_NAME);
		need(c, line, C_STU_COLLEGE);
		return 0;
	}

	const char *no = cell(c, C_STU_NO);
	size_t first = seen_add(&c->seen, no, line);
	if (first) {
		row_err(c, line, _("%s: %s appears twice in this file (first on line %zu)"),
			colname(c, C_STU_NO), no, first);
		return 0;
	}
	student old = { 0 };
	int rc = student_by_no(t, no, &old, e);
	if (rc == E_NOTFOUND)
		return student_new(c, t, line, ok, kinds, gender, political, tier, e);
	if (rc)
		return rc;
	if (!c->o->update) {
		row_err(c, line, _("%s: student %s is already in the database "
				   "(import only adds new students; --update updates "
				   "existing ones)"), colname(c, C_STU_NO), no);
	} else if (ok) {
		rc = student_update(c, t, line, &old, kinds, gender, political, tier, e);
	}
	rec_free(&student_desc, &old);
	return rc;
}

static int row_counsellor(import_ctx *c, store_txn *t, const csv_row *r, err *e)
{
	size_t line = r->line;
	bool ok = need(c, line, C_CNS_NO);
	ok &= need(c, line, C_CNS_NAME);
	ok &= need(c, line, C_CNS_COLLEGE);
	if (!*cell(c, C_CNS_NO))
		return 0;
	const char *no = cell(c, C_CNS_NO);
	size_t first = seen_add(&c->seen, no, line);
	if (first) {
		row_err(c, line, _("%s: %s appears twice in this file (first on line %zu)"),
			colname(c, C_CNS_NO), no, first);
		return 0;
	}
	counsellor old = { 0 };
	int rc = counsellor_by_no(t, no, &old, e);
	if (rc == 0) {
		rec_free(&counsellor_desc, &old);
		row_err(c, line, _("%s: counsellor %s is already in the database "
				   "(import only adds new counsellors)"), colname(c, C_CNS_NO), no);
		return 0;
	}
	if (rc != E_NOTFOUND)
		return rc;
	if (!ok)
		return 0;
	counsellor k = { 0 };
	rc = college_of(c, t, cell(c, C_CNS_COLLEGE), &k.college_id, e);
	if (rc)
		return model_fail(c, line, rc, e);
	k.staff_no = (char *)no;
	k.name = (char *)cell(c, C_CNS_NAME);
	k.phone = (char *)cell(c, C_CNS_PHONE);
	rc = counsellor_save(t, &k, e);
	if (rc)
		return model_fail(c, line, rc, e);
	c->res.counsellors++;
	return 0;
}

static int row_pairing(import_ctx *c, store_txn *t, const csv_row *r, err *e)
{
	size_t line = r->line;
	bool ok = need(c, line, C_PAIR_MEMBER);
	ok &= need(c, line, C_PAIR_TARGET);
	ok &= need(c, line, C_PAIR_SEMESTER);
	ok &= need(c, line, C_PAIR_START);
	date_t start = 0;
	if (*cell(c, C_PAIR_START))
		ok &= parse_date_cell(c, line, C_PAIR_START, &start);
	student m = { 0 }, g = { 0 };
	int rc, rcm = E_NOTFOUND, rcg = E_NOTFOUND;
	if (*cell(c, C_PAIR_MEMBER)) {
		rcm = find_student(c, t, line, C_PAIR_MEMBER, &m, e);
		if (rcm != 0 && rcm != E_NOTFOUND)
			return rcm;
	}
	if (*cell(c, C_PAIR_TARGET)) {
		rcg = find_student(c, t, line, C_PAIR_TARGET, &g, e);
		if (rcg != 0 && rcg != E_NOTFOUND) {
			if (rcm == 0)
				rec_free(&student_desc, &m);
			return rcg;
		}
	}
	pairing p = { 0 };
	if (ok && rcm == 0 && rcg == 0) {
		semester sem = { 0 };
		rc = semester_by_code(t, cell(c, C_PAIR_SEMESTER), &sem, e);
		if (rc == 0) {
			p.semester_id = sem.m.id;
			rec_free(&semester_desc, &sem);
		} else if (rc == E_NOTFOUND || rc == E_INPUT) {
			/* An import never makes a semester: its dates and due
			 * dates are the user's to set, by the command that
			 * starts it. */
			err_clear(e);
			if (!semester_parse(cell(c, C_PAIR_SEMESTER), NULL))
				row_err(c, line, _("%s: \"%s\" is not a semester (like 2025-2026-2)"),
					colname(c, C_PAIR_SEMESTER), cell(c, C_PAIR_SEMESTER));
			else
				row_err(c, line, _("%s: there is no semester %s; start it first: "
						   "bangfu semester start %s [--start DATE --end DATE]"),
					colname(c, C_PAIR_SEMESTER), cell(c, C_PAIR_SEMESTER),
					cell(c, C_PAIR_SEMESTER));
			rc = E_NOTFOUND;
		}
		if (rc == 0) {
			p.member_id = m.m.id;
			p.target_id = g.m.id;  /* m, g freed only below */
			p.college_id = m.college_id;
			p.start = start;
			p.reason = (char *)cell(c, C_PAIR_REASON);
			p.note = (char *)cell(c, C_PAIR_NOTE);
			/* 附件1 has no 跨院原因: a college office writes the
			 * reason of a cross-college pairing in 备注 */
			if (c->col[C_PAIR_REASON] < 0 &&
			    rid_cmp(&m.college_id, &g.college_id) != 0) {
				p.reason = p.note;
				p.note = "";
			}
			rc = pairing_save(t, &p, e);
			if (rc == 0)
				c->res.pairings++;
		}
	} else {
		rc = 0;
	}
	if (rcm == 0)
		rec_free(&student_desc, &m);
	if (rcg == 0)
		rec_free(&student_desc, &g);
	if (rc == E_NOTFOUND)   /* reported above */
		rc = 0;
	return rc ? model_fail(c, line, rc, e) : 0;
}

static int row_talk(import_ctx *c, store_txn *t, const csv_row *r, err *e)
{
	size_t line = r->line;
	bool ok = need(c, line, C_TALK_TARGET);
	ok &= need(c, line, C_TALK_DATE);
	ok &= need(c, line, C_TALK_MINUTES);
	ok &= need(c, line, C_TALK_MODE);
	ok &= need(c, line, C_TALK_TOPICS);
	bool by_member = *cell(c, C_TALK_MEMBER), by_cns = *cell(c, C_TALK_COUNSELLOR);
	if (by_member && by_cns) {
		row_err(c, line, _("%s: a counsellor's talk names no party member"),
			colname(c, C_TALK_MEMBER));
		ok = false;
	} else if (!by_member && !by_cns) {
		row_err(c, line, _("%s: is required (or %s for a counsellor's talk)"),
			colname(c, C_TALK_MEMBER), colname(c, C_TALK_COUNSELLOR));
		ok = false;
	}
	talk k = { 0 };
	if (*cell(c, C_TALK_DATE))
		ok &= parse_date_cell(c, line, C_TALK_DATE, &k.date);
	if (*cell(c, C_TALK_MINUTES) && !parse_minutes(cell(c, C_TALK_MINUTES), &k.minutes)) {
		row_err(c, line, _("%s: not a number of minutes: \"%s\""),
			colname(c, C_TALK_MINUTES), cell(c, C_TALK_MINUTES));
		ok = false;
	}
	const char *mode;
	ok &= parse_choice(c, line, C_TALK_MODE, mode_values, &mode);
	if (*cell(c, C_TALK_TOPICS)) {
		const char *bad = NULL;
		if (!topics_parse(cell(c, C_TALK_TOPICS), &k.topics, &bad)) {
			row_err(c, line, _("%s: unknown topic \"%s\""), colname(c, C_TALK_TOPICS),
				bad ? bad : cell(c, C_TALK_TOPICS));
			ok = false;
		}
	}
	student g = { 0 }, m = { 0 };
	int rc, rcg = E_NOTFOUND, rcm = E_NOTFOUND;
	if (*cell(c, C_TALK_TARGET)) {
		rcg = find_student(c, t, line, C_TALK_TARGET, &g, e);
		if (rcg != 0 && rcg != E_NOTFOUND)
			return rcg;
		if (rcg == 0) {
			k.target_id = g.m.id;
			rec_free(&student_desc, &g);
		}
	}
	if (by_member && !by_cns) {
		rcm = find_student(c, t, line, C_TALK_MEMBER, &m, e);
		if (rcm != 0 && rcm != E_NOTFOUND)
			return rcm;
		if (rcm == 0) {
			k.member_id = m.m.id;
			rec_free(&student_desc, &m);
		}
		ok &= rcm == 0;
	} else if (by_cns && !by_member) {
		counsellor n = { 0 };
		rc = counsellor_by_no(t, cell(c, C_TALK_COUNSELLOR), &n, e);
		if (rc != 0 && rc != E_NOTFOUND)
			return rc;
		if (rc == E_NOTFOUND) {
			row_err(c, line, _("%s: no counsellor with staff number \"%s\""),
				colname(c, C_TALK_COUNSELLOR), cell(c, C_TALK_COUNSELLOR));
			ok = false;
		} else {
			k.counsellor_id = n.m.id;
			rec_free(&counsellor_desc, &n);
		}
	}
	if (!ok || rcg != 0)
		return 0;
	k.mode = (char *)mode;
	k.content = (char *)cell(c, C_TALK_CONTENT);
	rc = talk_save(t, &k, e);
	if (rc)
		return model_fail(c, line, rc, e);
	c->res.talks++;
	return 0;
}

static int row_aid(import_ctx *c, store_txn *t, const csv_row *r, err *e)
{
	size_t line = r->line;
	bool ok = need(c, line, C_AID_MEMBER);
	ok &= need(c, line, C_AID_TARGET);
	ok &= need(c, line, C_AID_DATE);
	ok &= need(c, line, C_AID_KIND);
	ok &= need(c, line, C_AID_AMOUNT);
	aid a = { 0 };
	if (*cell(c, C_AID_DATE))
		ok &= parse_date_cell(c, line, C_AID_DATE, &a.date);
	const char *kind;
	ok &= parse_choice(c, line, C_AID_KIND, aid_kind_values, &kind);
	if (*cell(c, C_AID_AMOUNT) && !money_parse(cell(c, C_AID_AMOUNT), &a.amount_fen)) {
		row_err(c, line, _("%s: not an amount in yuan (at most 2 decimals): \"%s\""),
			colname(c, C_AID_AMOUNT), cell(c, C_AID_AMOUNT));
		ok = false;
	}
	student m = { 0 }, g = { 0 };
	rid mid = { { 0 } }, gid = { { 0 } };
	int rc;
	if (*cell(c, C_AID_MEMBER)) {
		rc = find_student(c, t, line, C_AID_MEMBER, &m, e);
		if (rc != 0 && rc != E_NOTFOUND)
			return rc;
		ok &= rc == 0;
		if (rc == 0) {
			mid = m.m.id;
			rec_free(&student_desc, &m);
		}
	}
	if (*cell(c, C_AID_TARGET)) {
		rc = find_student(c, t, line, C_AID_TARGET, &g, e);
		if (rc != 0 && rc != E_NOTFOUND)
			return rc;
		ok &= rc == 0;
		if (rc == 0) {
			gid = g.m.id;
			rec_free(&student_desc, &g);
		}
	}
	if (!ok)
		return 0;
	pairing p = { 0 };
	rc = pairing_find(t, &mid, &gid, a.date, &p, e);
	if (rc == E_NOTFOUND) {
		row_err(c, line, _("%s: %s and %s have no pairing active on %s"),
			colname(c, C_AID_DATE), cell(c, C_AID_MEMBER),
			cell(c, C_AID_TARGET), cell(c, C_AID_DATE));
		return 0;
	}
	if (rc)
		return model_fail(c, line, rc, e);
	a.pairing_id = p.m.id;
	rec_free(&pairing_desc, &p);
	a.kind = (char *)kind;
	a.note = (char *)cell(c, C_AID_NOTE);
	rc = aid_save(t, &a, e);
	if (rc)
		return model_fail(c, line, rc, e);
	c->res.aid++;
	return 0;
}

static const kind_spec kinds[] = {
	{ "students", student_cols, C_STU__N, row_student },
	{ "counsellors", counsellor_cols, C_CNS__N, row_counsellor },
	{ "pairings", pairing_cols, C_PAIR__N, row_pairing },
	{ "talks", talk_cols, C_TALK__N, row_talk },
	{ "aid", aid_cols, C_AID__N, row_aid },
};

void import_columns_text(const char *kind, char *buf, size_t n)
{
	buf[0] = 0;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (!kind || strcmp(kind, kinds[i].name) != 0)
			continue;
		size_t len = 0;
		for (size_t j = 0; j < kinds[i].ncols && len + 1 < n; j++) {
			const col_spec *c = &kinds[i].cols[j];
			int w = snprintf(buf + len, n - len, "%s%s%s", j ? " " : "", c->names->n[0],
					 c->required ? "*" : "");
			if (w < 0 || (size_t)w >= n - len)
				break;
			len += (size_t)w;
		}
	}
}

/* ---- header ---------------------------------------------------------- */

static bool name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
	return *a == *b;
}

static void appendf(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void appendf(char *buf, size_t n, const char *fmt, ...)
{
	size_t len = strlen(buf);
	if (len + 1 >= n)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + len, n - len, fmt, ap);
	va_end(ap);
}

/* Maps the header row to the kind's columns. On a problem adds one message
 * "FILE:1: ..." naming every unknown, repeated or missing column. */
static bool map_header(import_ctx *c, const csv_row *h, errlist *errs)
{
	char msg[1024] = "";
	for (size_t i = 0; i < c->k->ncols; i++)
		c->col[i] = -1;
	for (size_t f = 0; f < h->nfields; f++) {
		char *name = text_clean(h->fields[f]);
		int found = -1;
		if (!*name) {
			free(name);
			continue;
		}
		for (size_t i = 0; i < c->k->ncols && found < 0; i++)
			for (size_t a = 0; a < CSV_NAMES_MAX && c->k->cols[i].names->n[a]; a++)
				if (name_eq(name, c->k->cols[i].names->n[a])) {
					found = (int)i;
					break;
				}
		if (found < 0)
			appendf(msg, sizeof msg, _("%sunknown column \"%s\""),
				*msg ? "; " : "", name);
		else if (c->col[found] >= 0)
			appendf(msg, sizeof msg, _("%scolumn \"%s\" appears twice"),
				*msg ? "; " : "", name);
		else
			c->col[found] = (int)f;
		free(name);
	}
	/* an update names the students by number; the other columns are
	 * needed only by the rows that add a student */
	bool update = c->o->update && c->k->row == row_student;
	for (size_t i = 0; i < c->k->ncols; i++)
		if (c->k->cols[i].required && c->col[i] < 0 && (!update || i == C_STU_NO))
			appendf(msg, sizeof msg, _("%smissing column %s (%s)"),
				*msg ? "; " : "", c->k->cols[i].names->n[0],
				c->k->cols[i].names->n[1]);
	if (!*msg && c->k->row == row_talk && c->col[C_TALK_MEMBER] < 0 &&
	    c->col[C_TALK_COUNSELLOR] < 0)
		appendf(msg, sizeof msg, _("missing column %s (%s)"),
			talk_cols[C_TALK_MEMBER].names->n[0], talk_cols[C_TALK_MEMBER].names->n[1]);
	if (!*msg)
		return true;
	char cols[512] = "";
	for (size_t i = 0; i < c->k->ncols; i++)
		appendf(cols, sizeof cols, "%s%s", i ? " " : "", c->k->cols[i].names->n[0]);
	errlist_add(errs, _("%s:%d: %s (a %s file has the columns: %s)"), c->o->path, 1,
		    msg, c->k->name, cols);
	return false;
}

/* ---- the transaction --------------------------------------------------- */

static void reset(import_ctx *c)
{
	memset(&c->res, 0, sizeof c->res);
	snprintf(c->res.encoding, sizeof c->res.encoding, "%s",
		 c->tab->encoding ? c->tab->encoding : "");
	errlist_free(&c->rows);
	memset(&c->rows, 0, sizeof c->rows);
	errlist_free(&c->changes);
	memset(&c->changes, 0, sizeof c->changes);
	seen_free(&c->seen);
	for (size_t i = 0; i < c->ncolleges; i++)
		free(c->colleges[i].name);
	c->ncolleges = 0;
}

static int import_txn(store_txn *t, void *ctx, err *e)
{
	import_ctx *c = ctx;
	reset(c);
	size_t total = c->tab->nrows ? c->tab->nrows - 1 : 0;
	size_t every = c->o->progress_every ? c->o->progress_every : 1000;
	for (size_t i = 1; i < c->tab->nrows; i++) {
		const csv_row *r = &c->tab->rows[i];
		c->res.rows++;
		bool extra = false;
		for (size_t f = 0; f < r->nfields; f++) {
			bool mapped = false;
			for (size_t k = 0; k < c->k->ncols; k++)
				if (c->col[k] == (int)f)
					mapped = true;
			if (!mapped && r->fields[f][0] && !extra) {
				char *v = text_clean(r->fields[f]);
				if (*v) {
					row_err(c, r->line, _("field %zu: \"%s\" is in no column "
							      "(the header has fewer)"), f + 1, v);
					extra = true;
				}
				free(v);
			}
		}
		for (size_t k = 0; k < c->k->ncols; k++) {
			int f = c->col[k];
			c->cell[k] = (f >= 0 && (size_t)f < r->nfields)
				? text_clean(r->fields[f]) : NULL;
		}
		int rc = extra ? 0 : c->k->row(c, t, r, e);
		for (size_t k = 0; k < c->k->ncols; k++) {
			free(c->cell[k]);
			c->cell[k] = NULL;
		}
		if (rc) {
			if (!e->code)
				err_set(e, rc, _("%s:%zu: database error"), c->o->path, r->line);
			return rc;
		}
		if (c->o->progress && (c->res.rows % every == 0 || i + 1 == c->tab->nrows))
			c->o->progress(c->res.rows, total, c->o->progress_ctx);
	}
	if (c->rows.n)
		return err_set(e, E_INPUT,
			       ngettext("%s: %zu problem; nothing was imported",
					"%s: %zu problems; nothing was imported", c->rows.n),
			       c->o->path, c->rows.n);
	return c->o->dry_run ? STORE_ROLLBACK : 0;
}

int model_import_ex(store *s, const import_opts *o, import_result *res,
		    errlist *errs, err *e)
{
	const kind_spec *k = NULL;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (o->kind && strcmp(o->kind, kinds[i].name) == 0)
			k = &kinds[i];
	if (!k)
		return err_set(e, E_USAGE, _("unknown kind of import \"%s\" (students, "
					     "counsellors, pairings, talks or aid)"),
			       o->kind ? o->kind : "");
	if (o->update && k->row != row_student)
		return err_set(e, E_USAGE, "%s", _("--update applies to students only"));
	if (res)
		memset(res, 0, sizeof *res);

	csv_table tab = { 0 };
	size_t before = errs->n;
	int rc = csv_read_file(o->path, &tab, errs);
	if (rc) {
		csv_table_free(&tab);
		if (errs->n == before)
			errlist_add(errs, _("%s: cannot be read"), o->path);
		return err_set(e, E_INPUT, _("%s: the file is not valid CSV; nothing was imported"),
			       o->path);
	}
	import_ctx c = { .o = o, .k = k, .tab = &tab, .changes_on = o->changes != NULL };
	if (tab.nrows == 0) {
		errlist_add(errs, _("%s:1: the file is empty (no header row)"), o->path);
		csv_table_free(&tab);
		return err_set(e, E_INPUT, _("%s: nothing to import"), o->path);
	}
	if (!map_header(&c, &tab.rows[0], errs)) {
		csv_table_free(&tab);
		return err_set(e, E_INPUT, _("%s: unknown or missing columns; nothing was imported"),
			       o->path);
	}
	if (tab.nrows == 1) {   /* a header and nothing under it */
		csv_table_free(&tab);
		return err_set(e, E_INPUT, _("%s: the file holds a header but no rows; nothing "
					     "was imported"), o->path);
	}
	c.cell = xcalloc(k->ncols, sizeof *c.cell);
	model_backup_today(s);   /* the first write of the day keeps a copy */
	rc = store_write(s, import_txn, &c, e);
	for (size_t i = 0; i < c.rows.n; i++)
		errlist_add(errs, "%s", c.rows.msg[i]);
	for (size_t i = 0; o->changes && i < c.changes.n; i++)
		errlist_add(o->changes, "%s", c.changes.msg[i]);
	if (rc == 0 && res)
		*res = c.res;
	if (rc == 0)
		err_clear(e);
	errlist_free(&c.rows);
	errlist_free(&c.changes);
	seen_free(&c.seen);
	for (size_t i = 0; i < c.ncolleges; i++)
		free(c.colleges[i].name);
	free(c.cell);
	csv_table_free(&tab);
	return rc;
}

int model_import(store *s, const char *kind, const char *path, bool dry_run,
		 import_result *res, errlist *errs, err *e)
{
	import_opts o = { .kind = kind, .path = path, .dry_run = dry_run };
	return model_import_ex(s, &o, res, errs, e);
}
