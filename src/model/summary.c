#include "config.h"
/* summary.c — the stored semester summaries (one per college and semester)
 * and the school's name setting. The drafts are made by report/summary.c;
 * this file keeps what the secretary edited and the rules for marking it
 * final (at least 1000 字) and for a final text (unchanged until it is
 * reopened). */
#include "model/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/text.h"

static const field_desc summary_fields[] = {
	FIELD(1, summary, college_id, FT_ID),
	FIELD(2, summary, semester_id, FT_ID),
	FIELD(3, summary, text, FT_STR),
	FIELD(4, summary, final, FT_INT),
};
const record_desc summary_desc = {
	"summary", sizeof(summary), summary_fields,
	sizeof summary_fields / sizeof *summary_fields,
};

/* A summary runs to a few thousand 字; this leaves room for long ones. */
enum { SUMMARY_MAX_CHARS = 50000 };

static size_t summary_keys(const void *rec, ix_entry out[IX_MAX_PER_RECORD])
{
	(void)rec;
	(void)out;
	return 0;
}

/* ---- finding one by college and semester (a scan: there are few) ---- */

struct find_ctx {
	rid college_id, semester_id, skip;
	bool found;
	summary *out;
};

/* find_one's answer when it has the summary: stops the scan. */
enum { FIND_FOUND = 1 };

static int find_one(const void *rec, void *ctx)
{
	const summary *s = rec;
	struct find_ctx *f = ctx;
	if (rid_cmp(&s->college_id, &f->college_id) != 0 ||
	    rid_cmp(&s->semester_id, &f->semester_id) != 0 ||
	    (!rid_is_zero(&f->skip) && rid_cmp(&s->m.id, &f->skip) == 0))
		return 0;
	f->found = true;
	if (f->out)
		rec_copy(&summary_desc, f->out, s);
	return FIND_FOUND;
}

static int summary_scan(store_txn *t, const rid *college_id, const rid *semester_id,
			const rid *skip, summary *out, err *e)
{
	struct find_ctx f = { *college_id, *semester_id, { { 0 } }, false, out };
	if (skip)
		f.skip = *skip;
	int rc = st_rec_each(t, DB_SUMMARY, &summary_desc, find_one, &f, e);
	if (rc != 0 && rc != FIND_FOUND)
		return rc;
	return f.found ? 0 : E_NOTFOUND;
}

int summary_find(store_txn *t, const rid *college_id, const rid *semester_id,
		 summary *out, err *e)
{
	return summary_scan(t, college_id, semester_id, NULL, out, e);
}

int summary_of(store_txn *t, const char *college_name, const char *semester_code,
	       summary *out, err *e)
{
	college c;
	semester m;
	int rc = college_by_name(t, college_name, &c, e);
	if (rc)
		return rc == E_NOTFOUND ? err_set(e, E_INPUT, _("no college called %s"), college_name)
					: rc;
	rc = semester_by_code(t, semester_code, &m, e);
	if (rc) {
		rec_free(&college_desc, &c);
		return rc == E_NOTFOUND ? err_set(e, E_INPUT, _("no semester %s"), semester_code) : rc;
	}
	rc = summary_find(t, &c.m.id, &m.m.id, out, e);
	if (rc == E_NOTFOUND) {
		memset(out, 0, sizeof *out);
		out->college_id = c.m.id;
		out->semester_id = m.m.id;
	}
	rec_free(&college_desc, &c);
	rec_free(&semester_desc, &m);
	return rc;
}

/* ---- rules ----------------------------------------------------------- */

int summary_validate(store_txn *t, const summary *s, err *e)
{
	int rc;
	if (rid_is_zero(&s->college_id))
		return model_bad(e, "college_id", "%s", _("required"));
	if (rid_is_zero(&s->semester_id))
		return model_bad(e, "semester_id", "%s", _("required"));
	if ((rc = model_exists(t, DB_COLLEGE, &s->college_id, e)) != 0)
		return rc == E_NOTFOUND ? model_bad(e, "college_id", "%s", _("no such college")) : rc;
	if ((rc = model_exists(t, DB_SEMESTER, &s->semester_id, e)) != 0)
		return rc == E_NOTFOUND ? model_bad(e, "semester_id", "%s", _("no such semester")) : rc;
	if ((rc = model_text(e, "text", s->text, SUMMARY_MAX_CHARS, false)) != 0)
		return rc;
	if (s->final != 0 && s->final != 1)
		return model_bad(e, "final", "%s", _("must be 0 or 1"));
	/* Rule: a final summary is what was handed in; its text stays as it is
	 * until it is reopened (final set back to 0, the text unchanged — the
	 * audit log keeps who did it). */
	if (!rid_is_zero(&s->m.id)) {
		summary old;
		err ge = { 0 };
		rc = st_rec_get(t, DB_SUMMARY, &summary_desc, &s->m.id, &old, &ge);
		if (rc != 0 && rc != E_NOTFOUND) {
			*e = ge;
			return rc;
		}
		if (rc == 0) {
			bool changed = strcmp(old.text ? old.text : "", s->text ? s->text : "") != 0;
			bool was_final = old.final != 0;
			rec_free(&summary_desc, &old);
			if (was_final && changed)
				return model_bad(e, "text", "%s",
						 _("this summary is final: reopen it before changing its text"));
		}
	}
	/* Rule (DOMAIN): the summary handed in has at least 1000 字. */
	if (s->final) {
		size_t n = text_zishu(s->text ? s->text : "");
		if (n < SUMMARY_MIN_ZISHU)
			return model_bad(e, "final",
					 _("a summary needs at least %d characters (字) to be final; this one has %zu, %zu missing"),
					 (int)SUMMARY_MIN_ZISHU, n, (size_t)SUMMARY_MIN_ZISHU - n);
	}
	rc = summary_scan(t, &s->college_id, &s->semester_id, &s->m.id, NULL, e);
	if (rc == 0)
		return model_bad(e, "semester_id", "%s",
				 _("this college already has a summary for this semester"));
	return rc == E_NOTFOUND ? 0 : rc;
}

static int validate_v(store_txn *t, const void *rec, err *e)
{
	return summary_validate(t, rec, e);
}

static void summary_label(store_txn *t, const void *rec, char *buf, size_t n)
{
	const summary *s = rec;
	college c;
	semester m;
	char cn[128] = "?", sc[32] = "?";
	err e = { 0 };
	if (college_get(t, &s->college_id, &c, &e) == 0) {
		snprintf(cn, sizeof cn, "%s", c.name ? c.name : "");
		rec_free(&college_desc, &c);
	}
	if (semester_get(t, &s->semester_id, &m, &e) == 0) {
		snprintf(sc, sizeof sc, "%s", m.code ? m.code : "");
		rec_free(&semester_desc, &m);
	}
	snprintf(buf, n, "summary %s %s", cn, sc);
}

const entity_ops summary_ops = {
	.desc = &summary_desc,
	.db = DB_SUMMARY,
	.keys = summary_keys,
	.validate = validate_v,
	.label = summary_label,
	.fix = NULL,
	.after = NULL,
};

int summary_save(store_txn *t, summary *s, err *e)
{
	return model_save(t, &summary_ops, s, e);
}

int summary_check(store_txn *t, const summary *in, summary *fixed, err *e)
{
	return model_try(t, &summary_ops, in, fixed, e);
}

int summary_get(store_txn *t, const rid *id, summary *out, err *e)
{
	return st_rec_get(t, DB_SUMMARY, &summary_desc, id, out, e);
}

/* ---- the school's name ---------------------------------------------- */

#define SCHOOL_KEY "report.school"

int model_school_get(store_txn *t, char **out, err *e)
{
	bytes v;
	int rc = st_get(t, DB_META, (bytes){ SCHOOL_KEY, strlen(SCHOOL_KEY) }, &v, e);
	if (rc == E_NOTFOUND) {
		*out = xstrdup("");
		return 0;
	}
	if (rc)
		return rc;
	if (!utf8_valid(v.data, v.len) || memchr(v.data, 0, v.len))
		return err_set(e, E_DB, "%s", _("corrupt school name in the database"));
	char *s = xmalloc(v.len + 1);
	memcpy(s, v.data, v.len);
	s[v.len] = 0;
	*out = s;
	return 0;
}

int model_school_set(store_txn *t, const char *name, err *e)
{
	if (!name || !utf8_valid(name, strlen(name)))
		return model_bad(e, "school", "%s", _("not valid UTF-8"));
	char *clean = text_clean(name);
	int rc = model_text(e, "school", clean, 60, true);
	if (!rc)
		rc = st_put(t, DB_META, (bytes){ SCHOOL_KEY, strlen(SCHOOL_KEY) },
			    (bytes){ clean, strlen(clean) }, e);
	free(clean);
	return rc;
}
