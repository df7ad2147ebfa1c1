#include "config.h"
/* ref.c — the REF by which the command line names a record: a number where
 * the record has one (students, counsellors; a profile by its student's),
 * else a unique prefix of its id; and back from a REF to the id, for live
 * records or for tombstones (undelete). */
#include "model/internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

/* The entities a text names: by a unique index on field number 1 (the
 * number, name or code), or — the profiles — by their student's number. */
typedef struct ref_key {
	const record_desc *d;
	int ix;                /* the unique text index, or -1 */
	int profile_ix;        /* student id -> profile id, or -1 */
	bool ref_is_text;      /* the REF printed is the text (else the id's hex) */
} ref_key;

static const ref_key ref_keys[] = {
	{ &student_desc, IX_STUDENT_NO, -1, true },
	{ &counsellor_desc, IX_STAFF_NO, -1, true },
	{ &member_desc, -1, IX_MEMBER_STUDENT, true },
	{ &target_desc, -1, IX_TARGET_STUDENT, true },
	{ &college_desc, IX_COLLEGE_NAME, -1, false },
	{ &semester_desc, IX_SEMESTER_CODE, -1, false },
};

static const ref_key *ref_key_of(const record_desc *d)
{
	for (size_t i = 0; i < sizeof ref_keys / sizeof *ref_keys; i++)
		if (ref_keys[i].d == d)
			return &ref_keys[i];
	return NULL;
}

static bool value_deleted(bytes v)
{
	return v.len >= 2 && (((const uint8_t *)v.data)[1] & REC_DELETED);
}

int model_stored_text(store_txn *t, int db, const rid *id, unsigned no, char *buf, size_t n,
		      err *e)
{
	bytes v, text;
	buf[0] = '\0';
	int rc = st_get(t, db, (bytes){ id->b, sizeof id->b }, &v, e);
	if (rc == E_NOTFOUND)
		return 0;
	if (rc)
		return rc;
	rc = rec_peek_text(v.data, v.len, no, &text, e);
	if (rc == E_NOTFOUND)
		return 0;
	if (rc)
		return rc;
	snprintf(buf, n, "%.*s", (int)text.len, (const char *)text.data);
	return 0;
}

/* Common leading hex digits of two ids. */
static size_t hex_common(const uint8_t *a, const uint8_t *b)
{
	size_t n = 0;
	for (size_t i = 0; i < 16; i++) {
		if (a[i] == b[i]) {
			n += 2;
			continue;
		}
		if ((a[i] >> 4) == (b[i] >> 4))
			n++;
		break;
	}
	return n;
}

/* The digits of id's hex that make it unique among the keys of db: at
 * least MODEL_REF_HEX, one more than it shares with either neighbour. */
static int hex_len(store_txn *t, int db, const rid *id, size_t *len, err *e)
{
	store_cursor *c;
	bytes key, val;
	bytes want = { id->b, sizeof id->b };
	size_t common = 0;
	int rc = st_cursor_open(t, db, &c, e);
	if (rc)
		return rc;
	rc = st_seek(c, want, &key, &val);
	if (rc == 0 && key.len == 16 && memcmp(key.data, id->b, 16) == 0)
		rc = st_next(c, &key, &val);
	if (rc == 0 && key.len == 16)
		common = hex_common(key.data, id->b);
	rc = rc == ST_END ? 0 : rc;
	if (!rc) {
		/* the last key before id */
		rc = st_seek(c, want, &key, &val);
		rc = rc == 0 ? st_prev(c, &key, &val) : rc == ST_END ? st_last(c, &key, &val) : rc;
		if (rc == 0 && key.len == 16) {
			size_t p = hex_common(key.data, id->b);
			common = p > common ? p : common;
		}
		rc = rc == ST_END ? 0 : rc;
	}
	st_cursor_close(c);
	if (rc)
		return err_set(e, E_DB, "%s", _("cannot read the records"));
	*len = common + 1 > MODEL_REF_HEX ? common + 1 : MODEL_REF_HEX;
	if (*len > 32)
		*len = 32;
	return 0;
}

int model_ref_of(store_txn *t, const record_desc *d, const void *rec, char *buf, size_t n,
		 err *e)
{
	const ref_key *k = ref_key_of(d);
	const rec_meta *m = rec;
	if (k && k->ref_is_text) {
		if (k->ix >= 0) {
			const char *text = *(char *const *)((const char *)rec + d->fields[0].off);
			snprintf(buf, n, "%s", text ? text : "");
			return 0;
		}
		const field_desc *f = rec_field(d, "student_id");
		const rid *sid = (const rid *)((const char *)rec + f->off);
		int rc = model_stored_text(t, DB_STUDENT, sid, 1, buf, n, e);
		if (rc || buf[0])
			return rc;
	}
	char hex[33];
	size_t len = MODEL_REF_HEX;
	int rc = hex_len(t, model_ops_of(d)->db, &m->id, &len, e);
	if (rc)
		return rc;
	rid_hex(&m->id, hex);
	snprintf(buf, n, "%.*s", (int)len, hex);
	return 0;
}

/* ---- from a REF back to the record --------------------------------- */

typedef struct ref_hits {
	size_t n;
	rid id;
} ref_hits;

static void hit(ref_hits *h, const rid *id)
{
	if (h->n++ == 0)
		h->id = *id;
}

/* The tombstones of db whose field 1 is text. */
static int deleted_by_text(store_txn *t, int db, const char *text, ref_hits *h, err *e)
{
	store_cursor *c;
	bytes key, val, f;
	int rc = st_cursor_open(t, db, &c, e);
	if (rc)
		return rc;
	for (rc = st_first(c, &key, &val); rc == 0; rc = st_next(c, &key, &val)) {
		if (key.len != 16 || !value_deleted(val))
			continue;
		int r = rec_peek_text(val.data, val.len, 1, &f, e);
		if (r == E_DB) {
			st_cursor_close(c);
			return r;
		}
		if (r == 0 && f.len == strlen(text) && memcmp(f.data, text, f.len) == 0) {
			rid id;
			memcpy(id.b, key.data, 16);
			hit(h, &id);
		}
	}
	st_cursor_close(c);
	return rc == ST_END ? 0 : rc;
}

/* The tombstones of a profile entity whose student is sid. */
static int deleted_profiles(store_txn *t, const record_desc *d, const rid *sid, ref_hits *h,
			    err *e)
{
	store_cursor *c;
	bytes key, val;
	const field_desc *f = rec_field(d, "student_id");
	void *rec = xcalloc(1, d->size);
	int rc = st_cursor_open(t, model_ops_of(d)->db, &c, e);
	if (rc) {
		free(rec);
		return rc;
	}
	for (rc = st_first(c, &key, &val); rc == 0; rc = st_next(c, &key, &val)) {
		if (key.len != 16 || !value_deleted(val))
			continue;
		int r = rec_decode(d, val.data, val.len, rec, e);
		if (r) {
			rc = r;
			break;
		}
		if (rid_cmp((const rid *)((char *)rec + f->off), sid) == 0) {
			rid id;
			memcpy(id.b, key.data, 16);
			hit(h, &id);
		}
		rec_free(d, rec);
		memset(rec, 0, d->size);
	}
	st_cursor_close(c);
	free(rec);
	return rc == ST_END ? 0 : rc;
}

/* By the text: a number, a name, a code; a profile by its student's
 * number (the student live or, for a deleted profile, deleted too). */
static int by_text(store_txn *t, const ref_key *k, const char *text, bool deleted, ref_hits *h,
		   err *e)
{
	rid id;
	int rc;
	if (k->ix >= 0) {
		if (deleted)
			return deleted_by_text(t, model_ops_of(k->d)->db, text, h, e);
		rc = model_ix_lookup(t, k->ix, text, &id, e);
		if (rc == 0)
			hit(h, &id);
		return rc == E_NOTFOUND ? 0 : rc;
	}
	ref_hits students = { 0 };
	rc = model_ix_lookup(t, IX_STUDENT_NO, text, &id, e);
	if (rc == 0)
		hit(&students, &id);
	else if (rc != E_NOTFOUND)
		return rc;
	if (!students.n && deleted && (rc = deleted_by_text(t, DB_STUDENT, text, &students, e)))
		return rc;
	if (students.n != 1)
		return 0;
	if (deleted)
		return deleted_profiles(t, k->d, &students.id, h, e);
	keybuf key;
	key_init(&key);
	key_id(&key, &students.id);
	rc = model_ix_get(t, k->profile_ix, &key, &id, e);
	if (rc == 0)
		hit(h, &id);
	return rc == E_NOTFOUND ? 0 : rc;
}

/* The hex digits of s (dashes skipped) into hex, lower case; their number,
 * or 0 if s is not hex (or longer than an id). */
static size_t hex_digits(const char *s, char hex[33])
{
	size_t n = 0;
	for (; *s; s++) {
		if (*s == '-')
			continue;
		if (!isxdigit((unsigned char)*s) || n == 32)
			return 0;
		hex[n++] = (char)tolower((unsigned char)*s);
	}
	hex[n] = '\0';
	return n;
}

static int nibble(char c)
{
	return c <= '9' ? c - '0' : c - 'a' + 10;
}

/* The records of db (live, or tombstones) whose id begins with the hex
 * digits; stops at the second. */
static int by_hex(store_txn *t, int db, const char *hex, size_t nd, bool deleted, ref_hits *h,
		  err *e)
{
	uint8_t pre[16] = { 0 };
	size_t nb = nd / 2;
	for (size_t i = 0; i < nb; i++)
		pre[i] = (uint8_t)(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
	int odd = nd % 2 ? nibble(hex[nd - 1]) : -1;
	store_cursor *c;
	bytes key, val;
	int rc = st_cursor_open(t, db, &c, e);
	if (rc)
		return rc;
	for (rc = st_seek(c, (bytes){ pre, nb }, &key, &val); rc == 0 && h->n < 2;
	     rc = st_next(c, &key, &val)) {
		if (key.len != 16 || memcmp(key.data, pre, nb) != 0)
			break;
		if (odd >= 0 && (((const uint8_t *)key.data)[nb] >> 4) != odd)
			continue;
		if (value_deleted(val) != deleted)
			continue;
		rid id;
		memcpy(id.b, key.data, 16);
		hit(h, &id);
	}
	st_cursor_close(c);
	return rc == ST_END || rc == 0 ? 0 : rc;
}

int model_ref_find(store_txn *t, const record_desc *d, const char *ref, bool deleted, rid *id,
		   err *e)
{
	const ref_key *k = ref_key_of(d);
	const char *what = model_desc_title(d);
	char *text = model_key_text(ref);
	char hex[33];
	size_t nd = hex_digits(text, hex);
	ref_hits h = { 0 };
	int rc = 0;
	if (!*text) {
		free(text);
		return err_set(e, E_INPUT, _("which %s? a REF is needed"), what);
	}
	if (k)
		rc = by_text(t, k, text, deleted, &h, e);
	if (!rc && !h.n && nd >= MODEL_REF_MIN)
		rc = by_hex(t, model_ops_of(d)->db, hex, nd, deleted, &h, e);
	if (rc) {
		free(text);
		return rc;
	}
	if (h.n == 1) {
		*id = h.id;
		free(text);
		return 0;
	}
	if (h.n > 1)
		rc = err_set(e, E_INPUT, _("REF \"%s\" is ambiguous: more than one %s begins with "
					   "it (give more of its digits)"), text, what);
	else if (nd && nd < MODEL_REF_MIN && !k)
		rc = err_set(e, E_INPUT, _("REF \"%s\" is too short: give at least %d hex digits "
					   "of the record's id"), text, MODEL_REF_MIN);
	else if (deleted)
		rc = err_set(e, E_INPUT, _("no deleted %s with REF \"%s\""), what, text);
	else {
		/* a deleted one says so, and how to bring it back */
		ref_hits gone = { 0 };
		if (k)
			rc = by_text(t, k, text, true, &gone, e);
		if (!rc && !gone.n && nd >= MODEL_REF_MIN)
			rc = by_hex(t, model_ops_of(d)->db, hex, nd, true, &gone, e);
		if (!rc && gone.n)
			rc = err_set(e, E_INPUT, _("%s %s is deleted (undelete brings it back)"),
				     what, text);
		else if (!rc)
			rc = err_set(e, E_INPUT, _("no %s with REF \"%s\""), what, text);
	}
	free(text);
	return rc;
}
