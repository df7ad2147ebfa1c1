#include "config.h"
/* semester.c — terms ("2025-2026-2") with the year's due dates. */
#include "model/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

static const field_desc semester_fields[] = {
	FIELD(1, semester, code, FT_STR),
	FIELD(2, semester, start, FT_DATE),
	FIELD(3, semester, end, FT_DATE),
	FIELD(4, semester, roster_due, FT_DATE),
	FIELD(5, semester, summary_due, FT_DATE),
};
const record_desc semester_desc = {
	"semester", sizeof(semester), semester_fields,
	sizeof semester_fields / sizeof *semester_fields,
};

static size_t semester_keys(const void *rec, ix_entry out[IX_MAX_PER_RECORD])
{
	const semester *s = rec;
	out[0].db = IX_SEMESTER_CODE;
	key_init(&out[0].key);
	key_str(&out[0].key, s->code ? s->code : "");
	out[0].has_val = true;
	out[0].val = s->m.id;
	return 1;
}

int semester_validate(store_txn *t, const semester *s, err *e)
{
	semester_span span;
	rid other;
	keybuf k;
	int rc = model_text(e, "code", s->code, 20, true);
	if (rc)
		return rc;
	if (!semester_parse(s->code, &span))
		return model_bad(e, "code", _("\"%s\" is not a semester (like 2025-2026-2)"),
				 s->code);
	if (!s->start)
		return model_bad(e, "start", "%s", _("required"));
	if (!s->end)
		return model_bad(e, "end", "%s", _("required"));
	if (s->end < s->start)
		return model_bad(e, "end", "%s", _("is before the start"));
	key_init(&k);
	key_str(&k, s->code);
	rc = model_ix_get(t, IX_SEMESTER_CODE, &k, &other, e);
	if (rc == 0 && rid_cmp(&other, &s->m.id) != 0)
		return model_bad(e, "code", _("semester %s already exists"), s->code);
	return rc == E_NOTFOUND ? 0 : rc;
}

static int validate_v(store_txn *t, const void *rec, err *e)
{
	return semester_validate(t, rec, e);
}

static void semester_label(store_txn *t, const void *rec, char *buf, size_t n)
{
	const semester *s = rec;
	snprintf(buf, n, "semester %s", s->code ? s->code : "");
}

/* Start and end from the code when not given. */
static int semester_fix(store_txn *t, void *work, const void *old, err *e)
{
	semester *s = work;
	semester_span span;
	if (s->code && semester_parse(s->code, &span)) {
		if (!s->start)
			s->start = span.start;
		if (!s->end)
			s->end = span.end;
	}
	return 0;
}

const entity_ops semester_ops = {
	.desc = &semester_desc,
	.db = DB_SEMESTER,
	.keys = semester_keys,
	.validate = validate_v,
	.label = semester_label,
	.fix = semester_fix,
	.after = NULL,
};

int semester_save(store_txn *t, semester *s, err *e)
{
	return model_save(t, &semester_ops, s, e);
}

int semester_check(store_txn *t, const semester *in, semester *fixed, err *e)
{
	return model_try(t, &semester_ops, in, fixed, e);
}

int semester_get(store_txn *t, const rid *id, semester *out, err *e)
{
	return st_rec_get(t, DB_SEMESTER, &semester_desc, id, out, e);
}

int semester_by_code(store_txn *t, const char *code, semester *out, err *e)
{
	rid id;
	int rc = model_ix_lookup(t, IX_SEMESTER_CODE, code, &id, e);
	return rc ? rc : semester_get(t, &id, out, e);
}

void semester_defaults(const char *code, semester *s)
{
	semester_span span;
	memset(s, 0, sizeof *s);
	if (!semester_parse(code, &span))
		return;
	s->start = span.start;
	s->end = span.end;
	if (span.term == 2) {
		s->roster_due = date_from_ymd(span.first_year + 1, 4, 11);
		s->summary_due = date_from_ymd(span.first_year + 1, 7, 11);
	} else {
		s->roster_due = date_from_ymd(span.first_year, 10, 11);
		s->summary_due = date_from_ymd(span.first_year + 1, 1, 11);
	}
}

/* The semester semester_ensure creates for code (cleaned; s->code is
 * borrowed). */
static void semester_for_code(char *clean, semester *s)
{
	semester_defaults(clean, s);
	s->code = clean;
}

/* The semester called code: 0 (*found filled in, rec_free it), E_NOTFOUND
 * (then *clean is the cleaned code, malloc'd), E_DB. */
static int by_code(store_txn *t, const char *code, semester *found, char **clean, err *e)
{
	*clean = model_key_text(code);
	int rc = semester_by_code(t, *clean, found, e);
	if (rc != E_NOTFOUND) {
		free(*clean);
		*clean = NULL;
	}
	return rc;
}

int semester_check_code(store_txn *t, const char *code, err *e)
{
	semester s;
	char *clean;
	int rc = by_code(t, code, &s, &clean, e);
	if (rc == 0)
		rec_free(&semester_desc, &s);
	if (rc != E_NOTFOUND)
		return rc;
	semester_for_code(clean, &s);
	rc = semester_check(t, &s, NULL, e);
	free(clean);
	return rc;
}

int semester_ensure(store_txn *t, const char *code, rid *id, err *e)
{
	semester s;
	char *clean;
	int rc = by_code(t, code, &s, &clean, e);
	if (rc == 0) {
		*id = s.m.id;
		rec_free(&semester_desc, &s);
	}
	if (rc != E_NOTFOUND)
		return rc;
	semester_for_code(clean, &s);
	rc = semester_save(t, &s, e);
	free(clean);
	if (!rc)
		*id = s.m.id;
	return rc;
}
