#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/dump.h"
#include "model/internal.h"
#include "util/date.h"
#include "util/i18n.h"

/* ---- dump ------------------------------------------------------------ */

static void *field_ptr(const void *rec, const field_desc *f)
{
	return (char *)rec + f->off;
}

static json_t *hex_id(const rid *r)
{
	char hex[33];
	rid_hex(r, hex);
	return json_string(hex);
}

/* The text field of rec that role may not read (DOMAIN, privacy), or
 * NULL: a 心理 talk's content, a 心理困难 student's situation. Only a
 * non-empty text needs hiding. */
static const char *hidden_field(const record_desc *d, const void *rec, role_t role)
{
	const char *name = NULL, *text = NULL;
	if (d == &talk_desc && !talk_content_visible(role, rec)) {
		name = "content";
		text = ((const talk *)rec)->content;
	} else if (d == &target_desc && !target_situation_visible(role, rec)) {
		name = "situation";
		text = ((const target *)rec)->situation;
	}
	return text && *text ? name : NULL;
}

/* A JSON object for one record, keys in the fixed order. A text the role
 * may not read is written as privacy_mask() and the record is marked
 * "redacted": true (after "deleted"), which restore refuses. */
static json_t *rec_json(const record_desc *d, const rid *id, const void *rec, role_t role)
{
	const rec_meta *m = rec;
	const char *hidden = hidden_field(d, rec, role);
	json_t *o = json_object();
	json_object_set_new(o, "type", json_string(d->name));
	json_object_set_new(o, "id", hex_id(id));
	json_object_set_new(o, "rev", json_integer(m->rev));
	json_object_set_new(o, "updated_at", json_integer(m->updated_at));
	json_object_set_new(o, "updated_by", json_string(m->updated_by));
	if (m->flags & REC_DELETED)
		json_object_set_new(o, "deleted", json_true());
	if (hidden)
		json_object_set_new(o, "redacted", json_true());
	for (size_t i = 0; i < d->nfields; i++) {
		const field_desc *f = &d->fields[i];
		void *p = field_ptr(rec, f);
		json_t *v = NULL;
		switch (f->type) {
		case FT_STR: {
			const char *s = *(char **)p;
			if (hidden && strcmp(f->name, hidden) == 0)
				s = privacy_mask();
			if (s && *s)
				v = json_string(s);
			break;
		}
		case FT_INT: {
			int64_t x = *(int64_t *)p;
			if (x)
				v = json_integer(x);
			break;
		}
		case FT_ID:
			if (!rid_is_zero(p))
				v = hex_id(p);
			break;
		case FT_DATE: {
			date_t x = *(date_t *)p;
			if (x) {
				char buf[11];
				date_format(x, buf);
				v = json_string(buf);
			}
			break;
		}
		case FT_BITS: {
			uint32_t x = *(uint32_t *)p;
			if (x)
				v = json_integer(x);
			break;
		}
		}
		if (v)
			json_object_set_new(o, f->name, v);
	}
	return o;
}

typedef struct dump_ctx {
	FILE *out;
	role_t role;
	size_t masked;
	bool failed;
	store *st;
	size_t lines;
} dump_ctx;

static void emit(dump_ctx *c, json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!s)
		die("json_dumps failed");
	if (fputs(s, c->out) == EOF || fputc('\n', c->out) == EOF)
		c->failed = true;
	free(s);
	json_decref(o);
	/* The dump reads the whole file once: the pages it has passed need not
	 * stay mapped (the resident set stays small at any size). */
	if (++c->lines % 4096 == 0 && c->st)
		store_release_pages(c->st);
}

static int dump_audit(const audit_entry *a, void *ctx)
{
	dump_ctx *c = ctx;
	json_t *o = json_object();
	char op[2] = { a->op, 0 };
	json_object_set_new(o, "type", json_string("audit"));
	json_object_set_new(o, "id", hex_id(&a->key));
	json_object_set_new(o, "who", json_string(a->who));
	json_object_set_new(o, "at", json_integer(a->at));
	json_object_set_new(o, "db", json_string(a->db));
	json_object_set_new(o, "record", hex_id(&a->record));
	json_object_set_new(o, "op", json_string(op));
	json_object_set_new(o, "fields", json_integer((json_int_t)a->fields));
	emit(c, o);
	return c->failed ? 1 : 0;
}

static void emit_setting(dump_ctx *c, const char *name, const char *value)
{
	json_t *o = json_object();
	json_object_set_new(o, "type", json_string("setting"));
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "value", json_string(value));
	emit(c, o);
}

static int dump_txn(store_txn *t, void *ctx, err *e)
{
	dump_ctx *c = ctx;
	c->masked = 0;
	c->st = store_of(t);
	for (size_t i = 0; i < model_nentities; i++) {
		const entity_ops *ei = model_entities[i];
		store_cursor *cur;
		int rc = st_cursor_open(t, ei->db, &cur, e);
		if (rc)
			return rc;
		bytes k, v;
		void *rec = xcalloc(1, ei->desc->size);
		for (rc = st_first(cur, &k, &v); rc == 0; rc = st_next(cur, &k, &v)) {
			rid id;
			size_t pos = 0;
			if (k.len != sizeof id.b || !key_take_id(k, &pos, &id)) {
				rc = err_set(e, E_DB, _("%s: a key that is not an id"), ei->desc->name);
				break;
			}
			rc = rec_decode(ei->desc, v.data, v.len, rec, e);
			if (rc)
				break;
			((rec_meta *)rec)->id = id;
			if (hidden_field(ei->desc, rec, c->role))
				c->masked++;
			emit(c, rec_json(ei->desc, &id, rec, c->role));
			rec_free(ei->desc, rec);
			if (c->failed)
				break;
		}
		free(rec);
		st_cursor_close(cur);
		if (rc && rc != ST_END)
			return e->code ? rc : err_set(e, E_DB, _("cannot read %s"), ei->desc->name);
		if (c->failed)
			return err_set(e, E_DB, _("cannot write the dump: %s"), strerror(errno));
	}
	/* Settings kept in the meta table: the school's name (report/) and
	 * the semester made current (semester_start). */
	char *school = NULL;
	char current[SEMESTER_CODE_MAX];
	int rc = model_school_get(t, &school, e);
	if (rc)
		return rc;
	if (*school)
		emit_setting(c, "school", school);
	free(school);
	rc = model_current_setting_get(t, current, sizeof current, e);
	if (rc == 0)
		emit_setting(c, "current_semester", current);
	else if (rc != E_NOTFOUND)
		return rc;
	if (c->failed)
		return err_set(e, E_DB, _("cannot write the dump: %s"), strerror(errno));
	rc = st_audit_each(t, dump_audit, c, e);
	if (c->failed)
		return err_set(e, E_DB, _("cannot write the dump: %s"), strerror(errno));
	return rc;
}

int model_dump_as(store *s, FILE *out, role_t role, size_t *masked, err *e)
{
	dump_ctx c = { .out = out, .role = role };
	int rc = store_read(s, dump_txn, &c, e);
	if (masked)
		*masked = c.masked;
	if (rc == 0 && fflush(out) != 0)
		return err_set(e, E_DB, _("cannot write the dump: %s"), strerror(errno));
	return rc;
}

int model_dump(store *s, FILE *out, err *e)
{
	return model_dump_as(s, out, ROLE_COUNSELLOR, NULL, e);
}

/* ---- restore --------------------------------------------------------- */

typedef struct restore_ctx {
	const char *name;
	const char *buf;          /* the whole input */
	size_t len;
	errlist bad;              /* FILE:LINE messages */
	size_t records, audit;
	bool redacted;            /* a record marked "redacted" was seen */
} restore_ctx;

static void bad_line(restore_ctx *c, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void bad_line(restore_ctx *c, size_t line, const char *fmt, ...)
{
	char msg[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (c->bad.n < 100)
		errlist_add(&c->bad, "%s:%zu: %s", c->name, line, msg);
	else if (c->bad.n == 100)
		errlist_add(&c->bad, _("%s: more problems not shown"), c->name);
}

static bool get_id(json_t *v, rid *out)
{
	return json_is_string(v) && strlen(json_string_value(v)) == 32 &&
		rid_parse(out, json_string_value(v));
}

/* Fills rec from the object o of entity ei. False with a message in why. */
static bool rec_from_json(const record_desc *d, json_t *o, void *rec,
			  char *why, size_t nwhy)
{
	rec_meta *m = rec;
	const char *key;
	json_t *v;
	bool have_id = false;
	json_object_foreach(o, key, v) {
		if (strcmp(key, "type") == 0)
			continue;
		if (strcmp(key, "id") == 0) {
			if (!get_id(v, &m->id) || rid_is_zero(&m->id))
				goto bad;
			have_id = true;
		} else if (strcmp(key, "rev") == 0) {
			if (!json_is_integer(v) || json_integer_value(v) < 0 ||
			    json_integer_value(v) > UINT32_MAX)
				goto bad;
			m->rev = (uint32_t)json_integer_value(v);
		} else if (strcmp(key, "updated_at") == 0) {
			if (!json_is_integer(v))
				goto bad;
			m->updated_at = json_integer_value(v);
		} else if (strcmp(key, "updated_by") == 0) {
			if (!json_is_string(v) || json_string_length(v) >= sizeof m->updated_by)
				goto bad;
			memcpy(m->updated_by, json_string_value(v), json_string_length(v) + 1);
		} else if (strcmp(key, "deleted") == 0) {
			if (!json_is_boolean(v))
				goto bad;
			if (json_is_true(v))
				m->flags |= REC_DELETED;
		} else {
			const field_desc *f = rec_field(d, key);
			if (!f) {
				snprintf(why, nwhy, _("unknown field \"%s\" for %s"), key, d->name);
				return false;
			}
			void *p = field_ptr(rec, f);
			switch (f->type) {
			case FT_STR:
				if (!json_is_string(v) || memchr(json_string_value(v), 0,
								 json_string_length(v)))
					goto bad;
				free(*(char **)p);
				*(char **)p = xstrdup(json_string_value(v));
				break;
			case FT_INT:
				if (!json_is_integer(v))
					goto bad;
				*(int64_t *)p = json_integer_value(v);
				break;
			case FT_ID:
				if (!get_id(v, p))
					goto bad;
				break;
			case FT_DATE: {
				date_t dt;
				char back[11];
				if (!json_is_string(v) || !date_parse(json_string_value(v), &dt))
					goto bad;
				date_format(dt, back);
				if (strcmp(back, json_string_value(v)) != 0)
					goto bad;
				*(date_t *)p = dt;
				break;
			}
			case FT_BITS:
				if (!json_is_integer(v) || json_integer_value(v) < 0 ||
				    json_integer_value(v) > UINT32_MAX)
					goto bad;
				*(uint32_t *)p = (uint32_t)json_integer_value(v);
				break;
			}
		}
		continue;
bad:
		snprintf(why, nwhy, _("%s: bad value"), key);
		return false;
	}
	if (!have_id) {
		snprintf(why, nwhy, _("no \"id\""));
		return false;
	}
	return true;
}

static bool audit_from_json(json_t *o, audit_entry *a, char *why, size_t nwhy)
{
	memset(a, 0, sizeof *a);
	json_t *who = json_object_get(o, "who"), *at = json_object_get(o, "at"),
		*db = json_object_get(o, "db"), *op = json_object_get(o, "op"),
		*fields = json_object_get(o, "fields");
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v) {
		static const char *const known[] = { "type", "id", "who", "at", "db", "record",
						     "op", "fields", NULL };
		bool ok = false;
		for (size_t i = 0; known[i]; i++)
			ok |= strcmp(key, known[i]) == 0;
		if (!ok) {
			snprintf(why, nwhy, _("unknown field \"%s\" for %s"), key, "audit");
			return false;
		}
	}
	if (!get_id(json_object_get(o, "id"), &a->key) || rid_is_zero(&a->key)) {
		snprintf(why, nwhy, _("%s: bad value"), "id");
		return false;
	}
	if (!get_id(json_object_get(o, "record"), &a->record)) {
		snprintf(why, nwhy, _("%s: bad value"), "record");
		return false;
	}
	if (!json_is_string(who) || json_string_length(who) >= sizeof a->who) {
		snprintf(why, nwhy, _("%s: bad value"), "who");
		return false;
	}
	if (!json_is_integer(at)) {
		snprintf(why, nwhy, _("%s: bad value"), "at");
		return false;
	}
	if (!json_is_string(db) || json_string_length(db) >= sizeof a->db) {
		snprintf(why, nwhy, _("%s: bad value"), "db");
		return false;
	}
	if (!json_is_string(op) || json_string_length(op) != 1 ||
	    !strchr("cud", json_string_value(op)[0])) {
		snprintf(why, nwhy, _("%s: bad value"), "op");
		return false;
	}
	if (!json_is_integer(fields)) {
		snprintf(why, nwhy, _("%s: bad value"), "fields");
		return false;
	}
	memcpy(a->who, json_string_value(who), json_string_length(who) + 1);
	a->at = json_integer_value(at);
	memcpy(a->db, json_string_value(db), json_string_length(db) + 1);
	a->op = json_string_value(op)[0];
	a->fields = (uint64_t)json_integer_value(fields);
	return true;
}

static bool db_empty(store_txn *t)
{
	for (int i = 0; i < DB__COUNT; i++)
		if (i != DB_META && st_count(t, i) != 0)
			return false;
	return true;
}

/* A write's E_INPUT is the line's problem, listed with the others (the
 * whole dump is refused); any other error stops the restore. */
static int line_result(restore_ctx *c, size_t line, int rc, err *e)
{
	if (rc != E_INPUT)
		return rc;
	bad_line(c, line, "%s", e->msg);
	err_clear(e);
	return 0;
}

static int restore_audit(restore_ctx *c, store_txn *t, json_t *o, size_t line, err *e)
{
	audit_entry a;
	char why[600];
	if (!audit_from_json(o, &a, why, sizeof why)) {
		bad_line(c, line, "%s", why);
		return 0;
	}
	if (c->bad.n)
		return 0;
	int rc = line_result(c, line, st_audit_restore(t, &a, e), e);
	c->audit++;
	return rc;
}

/* The settings: the school's name (model_school_set) and the current
 * semester (model_semester_set_current: its semester came earlier in the
 * dump). */
static int restore_setting(restore_ctx *c, store_txn *t, json_t *o, size_t line, err *e)
{
	const char *name = json_string_value(json_object_get(o, "name"));
	const char *value = json_string_value(json_object_get(o, "value"));
	bool school = name && strcmp(name, "school") == 0;
	if (!name || !value || (!school && strcmp(name, "current_semester") != 0)) {
		bad_line(c, line, _("unknown setting \"%s\""), name ? name : "");
		return 0;
	}
	if (c->bad.n)
		return 0;
	return line_result(c, line,
			   school ? model_school_set(t, value, e)
				  : model_semester_set_current(t, value, e),
			   e);
}

/* A record of an entity: written as it was (id, rev, times kept), its
 * indexes rebuilt when it is live; an id seen twice is the dump's fault. */
static int restore_record(restore_ctx *c, store_txn *t, json_t *o, const char *type,
			  size_t line, err *e)
{
	const record_desc *d = model_desc_named(type);
	const entity_ops *ei = d ? model_ops_of(d) : NULL;
	char why[600];
	int rc = 0;
	if (!ei) {
		bad_line(c, line, _("unknown type \"%s\""), type);
		return 0;
	}
	void *rec = xcalloc(1, ei->desc->size);
	if (!rec_from_json(ei->desc, o, rec, why, sizeof why)) {
		bad_line(c, line, "%s", why);
	} else if (!c->bad.n) {
		const rec_meta *m = rec;
		bytes v;
		rc = st_get(t, ei->db, (bytes){ m->id.b, sizeof m->id.b }, &v, e);
		if (rc == 0) {
			char hex[33];
			rid_hex(&m->id, hex);
			bad_line(c, line, _("%s %s appears twice"), type, hex);
		} else if (rc == E_NOTFOUND) {
			rc = st_rec_restore(t, ei->db, ei->desc, rec, e);
			if (rc == 0 && !(m->flags & REC_DELETED))
				rc = model_reindex(t, ei, rec, e);
			rc = line_result(c, line, rc, e);
			c->records++;
		}
	}
	rec_free(ei->desc, rec);
	free(rec);
	return rc;
}

static int restore_line(restore_ctx *c, store_txn *t, const char *s, size_t n,
			size_t line, err *e)
{
	json_error_t je;
	json_t *o = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je);
	if (!o) {
		bad_line(c, line, _("not JSON: %s"), je.text);
		return 0;
	}
	int rc = 0;
	const char *type = json_string_value(json_object_get(o, "type"));
	if (!json_is_object(o) || !type) {
		bad_line(c, line, _("not a record (no \"type\")"));
	} else if (json_object_get(o, "redacted")) {
		/* Its sensitive texts were replaced by a mask: restoring it
		 * would lose them for good. Said once, at the first such line. */
		if (!c->redacted)
			bad_line(c, line, _("a redacted record: this dump was exported without the counsellor role and cannot be restored"));
		c->redacted = true;
	} else if (strcmp(type, "audit") == 0) {
		rc = restore_audit(c, t, o, line, e);
	} else if (strcmp(type, "setting") == 0) {
		rc = restore_setting(c, t, o, line, e);
	} else {
		rc = restore_record(c, t, o, type, line, e);
	}
	json_decref(o);
	return rc;
}

static int restore_txn(store_txn *t, void *ctx, err *e)
{
	restore_ctx *c = ctx;
	errlist_free(&c->bad);
	memset(&c->bad, 0, sizeof c->bad);
	c->records = c->audit = 0;
	c->redacted = false;
	if (!db_empty(t))
		return err_set(e, E_INPUT, _("database is not empty: restore only into a new one"));
	size_t line = 0;
	for (const char *p = c->buf, *end = c->buf + c->len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		line++;
		if (n && p[n - 1] == '\r')
			n--;
		if (n) {
			int rc = restore_line(c, t, p, n, line, e);
			if (rc)
				return rc;
		}
		p = nl ? nl + 1 : end;
	}
	if (c->redacted)
		return err_set(e, E_INPUT, _("%s: a redacted dump (psychological notes masked) cannot be restored; export it with --role counsellor; nothing was restored"), c->name);
	if (c->bad.n)
		return err_set(e, E_INPUT, _("%s: bad lines; nothing was restored"), c->name);
	return 0;
}

int model_restore_file(store *s, FILE *in, const char *name, errlist *errs, err *e)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = xmalloc(cap);
	size_t got;
	while ((got = fread(buf + len, 1, cap - len, in)) > 0) {
		len += got;
		if (len == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	if (ferror(in)) {
		free(buf);
		return err_set(e, E_INPUT, _("%s: cannot read: %s"), name, strerror(errno));
	}
	restore_ctx c = { .name = name, .buf = buf, .len = len };
	model_backup_today(s);
	int rc = store_write(s, restore_txn, &c, e);
	for (size_t i = 0; i < c.bad.n; i++)
		errlist_add(errs, "%s", c.bad.msg[i]);
	errlist_free(&c.bad);
	free(buf);
	return rc;
}

int model_restore(store *s, const char *path, errlist *errs, err *e)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return err_set(e, E_INPUT, _("%s: cannot open: %s"), path, strerror(errno));
	int rc = model_restore_file(s, in, path, errs, e);
	fclose(in);
	return rc;
}
