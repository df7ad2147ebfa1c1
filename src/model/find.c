#include "config.h"
/* find.c — finding students by number, name or pinyin. */
#include "model/internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/pinyin.h"
#include "util/text.h"

struct hits {
	student *s;
	size_t n, cap;
};

/* Duplicates (a student found by number and by name) are dropped after
 * sorting, in model_find. */
static void hit_add(struct hits *h, const student *s)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 16;
		h->s = xrealloc(h->s, h->cap * sizeof *h->s);
	}
	student *d = &h->s[h->n++];
	memset(d, 0, sizeof *d);
	rec_copy(&student_desc, d, s);
	d->m = s->m;
}

static bool all_digits(const char *s)
{
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool alnum_only(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
			return false;
	return true;
}

/* Students whose number starts with prefix, by IX_STUDENT_NO. */
static int by_number(store_txn *t, const char *prefix, struct hits *h, err *e)
{
	store_cursor *c;
	bytes k, v;
	size_t len = strlen(prefix);
	int rc = st_cursor_open(t, IX_STUDENT_NO, &c, e);
	if (rc)
		return rc;
	for (rc = st_seek(c, (bytes){ prefix, len }, &k, &v); rc == 0; rc = st_next(c, &k, &v)) {
		student s;
		rid id;
		if (k.len < len || memcmp(k.data, prefix, len) != 0) {
			rc = ST_END;   /* past the numbers with this prefix */
			break;
		}
		if (v.len != sizeof id.b)
			continue;
		memcpy(id.b, v.data, sizeof id.b);
		int g = student_get(t, &id, &s, e);
		if (g == E_NOTFOUND)
			continue;
		if (g) {
			st_cursor_close(c);
			return g;
		}
		hit_add(h, &s);
		rec_free(&student_desc, &s);
	}
	st_cursor_close(c);
	return rc == ST_END ? 0 : err_set(e, E_DB, "%s", _("cannot read the student-number index"));
}

int model_student_names(store_txn *t, model_name_fn fn, void *ctx, err *e)
{
	unsigned name_no = rec_field(&student_desc, "name")->no;
	store_cursor *c;
	bytes k, v;
	int rc = st_cursor_open(t, DB_STUDENT, &c, e);
	if (rc)
		return rc;
	for (rc = st_first(c, &k, &v); rc == 0; rc = st_next(c, &k, &v)) {
		const uint8_t *b = v.data;
		bytes nm;
		char buf[512];
		rid id;
		if (k.len != sizeof id.b || v.len < VALUE_HEADER || (b[1] & REC_DELETED))
			continue;
		int p = rec_peek_text(v.data, v.len, name_no, &nm, e);
		if (p == E_NOTFOUND)
			continue;
		if (p) {
			rc = p;
			break;
		}
		if (nm.len >= sizeof buf)
			nm.len = sizeof buf - 1;   /* names are far shorter */
		memcpy(buf, nm.data, nm.len);
		buf[nm.len] = 0;
		memcpy(id.b, k.data, sizeof id.b);
		if ((rc = fn(&id, buf, v, ctx)) != 0)
			break;
	}
	st_cursor_close(c);
	return rc == ST_END ? 0 : rc;
}

struct scan_ctx {
	const char *text;
	bool pinyin;
	struct hits *h;
	err *e;
};

/* Only a match is decoded. */
static int by_name(const rid *id, const char *name, bytes val, void *ctx)
{
	struct scan_ctx *sc = ctx;
	char *folded = pinyin_fold(name);   /* 𠮷祥 is found as 吉祥 */
	bool hit = strstr(folded, sc->text) || (sc->pinyin && pinyin_match(name, sc->text));
	free(folded);
	if (!hit)
		return 0;
	student s;
	int rc = rec_decode(&student_desc, val.data, val.len, &s, sc->e);
	if (rc)
		return rc;
	s.m.id = *id;
	hit_add(sc->h, &s);
	rec_free(&student_desc, &s);
	return 0;
}

static int by_no(const void *a, const void *b)
{
	const student *x = a, *y = b;
	return strcmp(x->student_no ? x->student_no : "", y->student_no ? y->student_no : "");
}

int model_find(store_txn *t, const char *text, student_fn fn, void *ctx, err *e)
{
	struct hits h = { 0 };
	char *q = model_key_text(text);
	int rc = 0;
	if (!*q)
		goto out;
	if (alnum_only(q)) {
		if ((rc = by_number(t, q, &h, e)))
			goto out;
		char *up = xstrdup(q);
		for (char *p = up; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		if (strcmp(up, q) != 0)
			rc = by_number(t, up, &h, e);
		free(up);
		if (rc)
			goto out;
	}
	if (!all_digits(q)) {
		char *fq = pinyin_fold(q);
		struct scan_ctx sc = { fq, pinyin_is_query(q), &h, e };
		rc = model_student_names(t, by_name, &sc, e);
		free(fq);
		if (rc)
			goto out;
	}
	if (h.n) {
		qsort(h.s, h.n, sizeof *h.s, by_no);
		size_t k = 0;
		for (size_t i = 0; i < h.n; i++) {
			if (k && rid_cmp(&h.s[k - 1].m.id, &h.s[i].m.id) == 0)
				rec_free(&student_desc, &h.s[i]);
			else
				h.s[k++] = h.s[i];
		}
		h.n = k;
	}
	for (size_t i = 0; i < h.n && !rc; i++)
		rc = fn(&h.s[i], ctx);
out:
	for (size_t i = 0; i < h.n; i++)
		rec_free(&student_desc, &h.s[i]);
	free(h.s);
	free(q);
	return rc;
}
