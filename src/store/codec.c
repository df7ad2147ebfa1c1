/* codec.c — record values: a fixed header, then a CBOR map of fields.
 *
 * Encoding uses libcbor's streaming encoder into one growing buffer and
 * decoding its streaming decoder one item at a time, so no CBOR item tree is
 * allocated per record. The decoder trusts nothing: every length is checked
 * against the bytes left, and anything it does not expect is E_DB. */
#include "config.h"

#include <cbor.h>
#include <zlib.h>
#include <string.h>

#include "store/store.h"
#include "util/i18n.h"

/* ---- encoding -------------------------------------------------------- */

typedef struct enc {
	uint8_t *b;
	size_t len, cap;
} enc;

static void enc_reserve(enc *w, size_t n)
{
	if (w->cap - w->len >= n)
		return;
	size_t cap = w->cap ? w->cap : 128;
	while (cap - w->len < n)
		cap *= 2;
	w->b = xrealloc(w->b, cap);
	w->cap = cap;
}

static void enc_uint(enc *w, uint64_t v)
{
	enc_reserve(w, 9);
	w->len += cbor_encode_uint(v, w->b + w->len, w->cap - w->len);
}

static void enc_int(enc *w, int64_t v)
{
	enc_reserve(w, 9);
	if (v >= 0)
		w->len += cbor_encode_uint((uint64_t)v, w->b + w->len, w->cap - w->len);
	else
		w->len += cbor_encode_negint((uint64_t)(-1 - v), w->b + w->len, w->cap - w->len);
}

static void enc_text(enc *w, const char *s, size_t n)
{
	enc_reserve(w, n + 9);
	w->len += cbor_encode_string_start(n, w->b + w->len, w->cap - w->len);
	memcpy(w->b + w->len, s, n);
	w->len += n;
}

static void enc_bytes(enc *w, const void *p, size_t n)
{
	enc_reserve(w, n + 9);
	w->len += cbor_encode_bytestring_start(n, w->b + w->len, w->cap - w->len);
	memcpy(w->b + w->len, p, n);
	w->len += n;
}

static void enc_map(enc *w, size_t n)
{
	enc_reserve(w, 9);
	w->len += cbor_encode_map_start(n, w->b + w->len, w->cap - w->len);
}

static void enc_array(enc *w, size_t n)
{
	enc_reserve(w, 9);
	w->len += cbor_encode_array_start(n, w->b + w->len, w->cap - w->len);
}

static void put_be(uint8_t *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
}

static uint64_t get_be(const uint8_t *p, int n)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* The checksum of a format-2 value: every byte but the checksum's own. */
static uint32_t value_crc(const uint8_t *b, size_t len)
{
	uLong c = crc32(0L, Z_NULL, 0);
	c = crc32(c, b, VALUE_HEADER1);
	c = crc32(c, b + VALUE_HEADER, (uInt)(len - VALUE_HEADER));
	return (uint32_t)c;
}

size_t rec_value_body(const void *buf, size_t len)
{
	const uint8_t *b = buf;
	if (!buf || len < 1)
		return 0;
	if (b[0] == VALUE_FORMAT1)
		return len >= VALUE_HEADER1 ? VALUE_HEADER1 : 0;
	if (b[0] != VALUE_FORMAT || len < VALUE_HEADER)
		return 0;
	return value_crc(b, len) == (uint32_t)get_be(b + VALUE_HEADER1, 4) ? VALUE_HEADER : 0;
}

void rec_value_seal(uint8_t *buf, size_t len)
{
	if (len >= VALUE_HEADER)
		put_be(buf + VALUE_HEADER1, value_crc(buf, len), 4);
}

bool rec_value_upgrade(const void *buf, size_t len, uint8_t **out, size_t *outlen)
{
	const uint8_t *b = buf;
	if (!buf || len < VALUE_HEADER1 || b[0] != VALUE_FORMAT1)
		return false;
	size_t n = len + (VALUE_HEADER - VALUE_HEADER1);
	uint8_t *v = xmalloc(n);
	memcpy(v, b, VALUE_HEADER1);
	memcpy(v + VALUE_HEADER, b + VALUE_HEADER1, len - VALUE_HEADER1);
	v[0] = VALUE_FORMAT;
	rec_value_seal(v, n);
	*out = v;
	*outlen = n;
	return true;
}

#define FIELD_PTR(rec, f) ((char *)(rec) + (f)->off)
#define FIELD_CPTR(rec, f) ((const char *)(rec) + (f)->off)

static bool field_is_zero(const field_desc *f, const void *rec)
{
	const char *p = FIELD_CPTR(rec, f);
	switch (f->type) {
	case FT_STR: {
		const char *s = *(char *const *)p;
		return !s || !*s;
	}
	case FT_INT: return *(const int64_t *)p == 0;
	case FT_ID: return rid_is_zero((const rid *)p);
	case FT_DATE: return *(const int32_t *)p == 0;
	case FT_BITS: return *(const uint32_t *)p == 0;
	}
	die("field %s: unknown type %d", f->name, (int)f->type);
}

/* Field indices in field number order (descs are usually written in order,
 * so this insertion sort is a single pass). */
static size_t codec_order(const record_desc *d, uint16_t order[256])
{
	size_t n = d->nfields;
	if (n > 255)
		die("record %s: more than 255 fields", d->name);
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		while (j > 0 && d->fields[order[j - 1]].no > d->fields[i].no) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = (uint16_t)i;
	}
	return n;
}

void rec_encode(const record_desc *d, const void *rec, uint8_t **out, size_t *outlen)
{
	const rec_meta *m = rec;
	uint16_t order[256];
	size_t n = codec_order(d, order), count = 0;
	enc w = { 0 };
	size_t who = strnlen(m->updated_by, sizeof m->updated_by);

	enc_reserve(&w, VALUE_HEADER + 64);
	w.b[0] = VALUE_FORMAT;
	w.b[1] = m->flags;
	put_be(w.b + 2, m->rev, 4);
	put_be(w.b + 6, (uint64_t)m->updated_at, 8);
	w.len = VALUE_HEADER;

	if (who)
		count++;
	for (size_t i = 0; i < n; i++)
		if (!field_is_zero(&d->fields[order[i]], rec))
			count++;
	enc_map(&w, count);
	if (who) {
		enc_uint(&w, 0);
		enc_text(&w, m->updated_by, who);
	}
	for (size_t i = 0; i < n; i++) {
		const field_desc *f = &d->fields[order[i]];
		const char *p = FIELD_CPTR(rec, f);
		if (field_is_zero(f, rec))
			continue;
		enc_uint(&w, f->no);
		switch (f->type) {
		case FT_STR: {
			const char *s = *(char *const *)p;
			enc_text(&w, s, strlen(s));
			break;
		}
		case FT_INT: enc_int(&w, *(const int64_t *)p); break;
		case FT_ID: enc_bytes(&w, p, 16); break;
		case FT_DATE: enc_int(&w, *(const int32_t *)p); break;
		case FT_BITS: enc_uint(&w, *(const uint32_t *)p); break;
		}
	}
	rec_value_seal(w.b, w.len);
	*out = w.b;
	*outlen = w.len;
}

/* ---- decoding: one CBOR item at a time -------------------------------- */

typedef enum item_kind {
	IT_UINT, IT_NEG, IT_BYTES, IT_TEXT, IT_ARRAY, IT_MAP, IT_TAG,
	IT_SIMPLE,    /* float, bool, null, undefined: one self-contained item */
	IT_INDEF,     /* an indefinite-length start or a break: never written */
} item_kind;

typedef struct item {
	item_kind kind;
	uint64_t u;           /* the number, the count of an array or map */
	const uint8_t *p;     /* a string's bytes */
	size_t len;
} item;

typedef struct dec {
	const uint8_t *p, *end;
} dec;

static void cb_u8(void *c, uint8_t v) { *(item *)c = (item){ IT_UINT, v, NULL, 0 }; }
static void cb_u16(void *c, uint16_t v) { *(item *)c = (item){ IT_UINT, v, NULL, 0 }; }
static void cb_u32(void *c, uint32_t v) { *(item *)c = (item){ IT_UINT, v, NULL, 0 }; }
static void cb_u64(void *c, uint64_t v) { *(item *)c = (item){ IT_UINT, v, NULL, 0 }; }
static void cb_n8(void *c, uint8_t v) { *(item *)c = (item){ IT_NEG, v, NULL, 0 }; }
static void cb_n16(void *c, uint16_t v) { *(item *)c = (item){ IT_NEG, v, NULL, 0 }; }
static void cb_n32(void *c, uint32_t v) { *(item *)c = (item){ IT_NEG, v, NULL, 0 }; }
static void cb_n64(void *c, uint64_t v) { *(item *)c = (item){ IT_NEG, v, NULL, 0 }; }
static void cb_bytes(void *c, cbor_data p, size_t n) { *(item *)c = (item){ IT_BYTES, 0, p, n }; }
static void cb_text(void *c, cbor_data p, size_t n) { *(item *)c = (item){ IT_TEXT, 0, p, n }; }
static void cb_array(void *c, size_t n) { *(item *)c = (item){ IT_ARRAY, n, NULL, 0 }; }
static void cb_map(void *c, size_t n) { *(item *)c = (item){ IT_MAP, n, NULL, 0 }; }
static void cb_tag(void *c, uint64_t v) { *(item *)c = (item){ IT_TAG, v, NULL, 0 }; }
static void cb_indef(void *c) { *(item *)c = (item){ IT_INDEF, 0, NULL, 0 }; }
static void cb_simple(void *c) { *(item *)c = (item){ IT_SIMPLE, 0, NULL, 0 }; }
static void cb_float(void *c, float v) { (void)v; cb_simple(c); }
static void cb_double(void *c, double v) { (void)v; cb_simple(c); }
static void cb_bool(void *c, bool v) { (void)v; cb_simple(c); }

static const struct cbor_callbacks codec_callbacks = {
	.uint8 = cb_u8, .uint16 = cb_u16, .uint32 = cb_u32, .uint64 = cb_u64,
	.negint8 = cb_n8, .negint16 = cb_n16, .negint32 = cb_n32, .negint64 = cb_n64,
	.byte_string_start = cb_indef, .byte_string = cb_bytes,
	.string = cb_text, .string_start = cb_indef,
	.indef_array_start = cb_indef, .array_start = cb_array,
	.indef_map_start = cb_indef, .map_start = cb_map,
	.tag = cb_tag,
	.float2 = cb_float, .float4 = cb_float, .float8 = cb_double,
	.undefined = cb_simple, .null = cb_simple, .boolean = cb_bool,
	.indef_break = cb_indef,
};

/* The items rec_encode writes (integers, definite strings, arrays and maps)
 * are read here directly; anything else goes through libcbor. This is the
 * inner loop of every read: libcbor's callback decoder per item was most of
 * a record's decoding time. */
static bool fast_item(dec *d, item *it)
{
	unsigned mt = *d->p >> 5, ai = *d->p & 31;
	if (mt > 5 || ai > 27)
		return false;
	int n = ai < 24 ? 0 : 1 << (ai - 24);
	if (d->end - d->p < 1 + n)
		return false;
	uint64_t v = ai < 24 ? ai : get_be(d->p + 1, n);
	const uint8_t *q = d->p + 1 + n;
	switch (mt) {
	case 0: *it = (item){ IT_UINT, v, NULL, 0 }; break;
	case 1: *it = (item){ IT_NEG, v, NULL, 0 }; break;
	case 2:
	case 3:
		if (v > (uint64_t)(d->end - q))
			return false;
		*it = (item){ mt == 2 ? IT_BYTES : IT_TEXT, 0, q, (size_t)v };
		q += v;
		break;
	case 4: *it = (item){ IT_ARRAY, v, NULL, 0 }; break;
	default: *it = (item){ IT_MAP, v, NULL, 0 }; break;
	}
	d->p = q;
	return true;
}

static bool next_item(dec *d, item *it)
{
	if (d->p >= d->end)
		return false;
	if (fast_item(d, it))
		return true;
	it->kind = IT_INDEF;
	struct cbor_decoder_result r =
		cbor_stream_decode(d->p, (size_t)(d->end - d->p), &codec_callbacks, it);
	if (r.status != CBOR_DECODER_FINISHED || r.read == 0 ||
	    r.read > (size_t)(d->end - d->p))
		return false;
	d->p += r.read;
	return true;
}

/* Skips one whole item (with everything nested in it). */
static bool skip_item(dec *d)
{
	uint64_t pending = 1;
	while (pending > 0) {
		item it;
		if (!next_item(d, &it))
			return false;
		size_t left = (size_t)(d->end - d->p);
		switch (it.kind) {
		case IT_TAG:
			continue;       /* the tagged item follows */
		case IT_INDEF:
			return false;
		case IT_ARRAY:
			if (it.u > left)
				return false;
			pending += it.u;
			break;
		case IT_MAP:
			if (it.u > left / 2)
				return false;
			pending += 2 * it.u;
			break;
		default:
			break;
		}
		pending--;
	}
	return true;
}

static bool item_int64(const item *it, int64_t *out)
{
	if (it->kind == IT_UINT && it->u <= (uint64_t)INT64_MAX) {
		*out = (int64_t)it->u;
		return true;
	}
	if (it->kind == IT_NEG && it->u <= (uint64_t)INT64_MAX) {
		*out = -1 - (int64_t)it->u;
		return true;
	}
	return false;
}

static const field_desc *field_by_no(const record_desc *d, uint64_t no)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].no == no)
			return &d->fields[i];
	return NULL;
}

static int corrupt(err *e, const char *what, const char *why)
{
	return err_set(e, E_DB, _("corrupt %s value in the database: %s"), what, why);
}

/* Reads one field value into rec; false if it is not of the field's type. */
static bool decode_field(const field_desc *f, const item *it, void *rec)
{
	char *p = FIELD_PTR(rec, f);
	int64_t v;

	switch (f->type) {
	case FT_STR: {
		char **s = (char **)p;
		if (it->kind != IT_TEXT || memchr(it->p, 0, it->len))
			return false;
		free(*s);
		*s = it->len ? xstrndup((const char *)it->p, it->len) : NULL;
		return true;
	}
	case FT_INT:
		if (!item_int64(it, &v))
			return false;
		*(int64_t *)p = v;
		return true;
	case FT_ID:
		if (it->kind != IT_BYTES || it->len != 16)
			return false;
		memcpy(p, it->p, 16);
		return true;
	case FT_DATE:
		if (!item_int64(it, &v) || v < INT32_MIN || v > INT32_MAX)
			return false;
		*(int32_t *)p = (int32_t)v;
		return true;
	case FT_BITS:
		if (it->kind != IT_UINT || it->u > UINT32_MAX)
			return false;
		*(uint32_t *)p = (uint32_t)it->u;
		return true;
	}
	return false;
}

int rec_decode(const record_desc *d, const void *buf, size_t len, void *rec, err *e)
{
	rec_meta *m = rec;
	rid id = m->id;
	const uint8_t *b = buf;
	dec in;
	item it;
	const char *why;

	memset(rec, 0, d->size);
	m->id = id;
	if (!buf || len < VALUE_HEADER1)
		return corrupt(e, d->name, _("too short"));
	if (b[0] != VALUE_FORMAT && b[0] != VALUE_FORMAT1)
		return err_set(e, E_DB, _("%s value has format %u, which this program does not know"),
			       d->name, (unsigned)b[0]);
	size_t body = rec_value_body(buf, len);
	if (!body)
		return corrupt(e, d->name, _("its checksum does not match (the stored bytes changed)"));
	m->flags = b[1];
	m->rev = (uint32_t)get_be(b + 2, 4);
	m->updated_at = (int64_t)get_be(b + 6, 8);

	in = (dec){ b + body, b + len };
	if (!next_item(&in, &it) || it.kind != IT_MAP) {
		why = _("no field map");
		goto bad;
	}
	if (it.u > (uint64_t)(in.end - in.p) / 2) {
		why = _("truncated");
		goto bad;
	}
	for (uint64_t n = it.u; n > 0; n--) {
		item key, val;
		if (!next_item(&in, &key) || key.kind != IT_UINT) {
			why = _("bad field number");
			goto bad;
		}
		const field_desc *f = key.u ? field_by_no(d, key.u) : NULL;
		if (key.u == 0) {
			if (!next_item(&in, &val) || val.kind != IT_TEXT ||
			    val.len >= sizeof m->updated_by || memchr(val.p, 0, val.len)) {
				why = _("bad updated_by");
				goto bad;
			}
			memcpy(m->updated_by, val.p, val.len);
			m->updated_by[val.len] = '\0';
		} else if (!f) {
			if (!skip_item(&in)) {       /* a newer program's field */
				why = _("truncated");
				goto bad;
			}
		} else if (!next_item(&in, &val) || !decode_field(f, &val, rec)) {
			why = f->name;
			goto bad;
		}
	}
	if (in.p != in.end) {
		why = _("trailing bytes");
		goto bad;
	}
	return 0;
bad:
	rec_free(d, rec);
	memset(rec, 0, d->size);
	m->id = id;
	return corrupt(e, d->name, why);
}

/* The head of a CBOR item of major type 0-3 or 5 (what rec_encode writes)
 * with a definite length: false for anything else (left to skip_item). */
static bool small_head(dec *d, unsigned *major, uint64_t *arg)
{
	if (d->p >= d->end)
		return false;
	unsigned mt = *d->p >> 5, ai = *d->p & 31;
	if (mt > 5 || mt == 4 || ai > 27)
		return false;
	int n = ai < 24 ? 0 : 1 << (ai - 24);
	if (d->end - d->p < 1 + n)
		return false;
	*arg = ai < 24 ? ai : get_be(d->p + 1, n);
	*major = mt;
	d->p += 1 + n;
	return true;
}

int rec_peek_text(const void *buf, size_t len, unsigned no, bytes *out, err *e)
{
	const uint8_t *b = buf;
	unsigned mt;
	uint64_t n, key, arg;
	size_t body = rec_value_body(buf, len);
	if (!body)
		return corrupt(e, "record", _("its checksum does not match (the stored bytes changed)"));
	dec in = { b + body, b + len };
	if (!small_head(&in, &mt, &n) || mt != 5 || n > (uint64_t)(in.end - in.p) / 2)
		return corrupt(e, "record", _("no field map"));
	for (; n > 0; n--) {
		if (!small_head(&in, &mt, &key) || mt != 0)
			return corrupt(e, "record", _("bad field number"));
		const uint8_t *at = in.p;
		if (small_head(&in, &mt, &arg) && mt != 5) {
			if (mt >= 2) {
				if (arg > (uint64_t)(in.end - in.p))
					return corrupt(e, "record", _("truncated"));
				if (key == no && mt == 3) {
					*out = (bytes){ in.p, (size_t)arg };
					return 0;
				}
				in.p += arg;
			}
			if (key == no)
				return E_NOTFOUND;
			continue;
		}
		in.p = at;
		if (key == no)
			return E_NOTFOUND;
		if (!skip_item(&in))
			return corrupt(e, "record", _("truncated"));
	}
	return E_NOTFOUND;
}

/* ---- audit values: [who, at, db, record, op, fields] ------------------ */

void audit_encode(const audit_entry *a, uint8_t **out, size_t *outlen)
{
	enc w = { 0 };
	char op = a->op;
	enc_array(&w, 7);
	size_t from = w.len;
	enc_text(&w, a->who, strnlen(a->who, sizeof a->who));
	enc_int(&w, a->at);
	enc_text(&w, a->db, strnlen(a->db, sizeof a->db));
	enc_bytes(&w, a->record.b, 16);
	enc_text(&w, &op, 1);
	enc_uint(&w, a->fields);
	/* the seventh item: zlib's CRC-32 of the key and the six before it */
	uLong c = crc32(crc32(0L, Z_NULL, 0), a->key.b, 16);
	enc_uint(&w, crc32(c, w.b + from, (uInt)(w.len - from)));
	*out = w.b;
	*outlen = w.len;
}

static bool take_text(dec *in, char *buf, size_t size)
{
	item it;
	if (!next_item(in, &it) || it.kind != IT_TEXT || it.len >= size ||
	    memchr(it.p, 0, it.len))
		return false;
	memcpy(buf, it.p, it.len);
	buf[it.len] = '\0';
	return true;
}

int audit_decode(const void *buf, size_t len, audit_entry *a, err *e)
{
	rid key = a->key;
	dec in = { buf, (const uint8_t *)buf + len };
	item it;
	char op[2];

	memset(a, 0, sizeof *a);
	a->key = key;
	if (!buf || !next_item(&in, &it) || it.kind != IT_ARRAY || it.u < 6 ||
	    it.u > (uint64_t)(in.end - in.p))
		goto bad;
	uint64_t extra = it.u - 6;
	const uint8_t *from = in.p;
	if (!take_text(&in, a->who, sizeof a->who))
		goto bad;
	if (!next_item(&in, &it) || !item_int64(&it, &a->at))
		goto bad;
	if (!take_text(&in, a->db, sizeof a->db))
		goto bad;
	if (!next_item(&in, &it) || it.kind != IT_BYTES || it.len != 16)
		goto bad;
	memcpy(a->record.b, it.p, 16);
	if (!take_text(&in, op, sizeof op) || !op[0])
		goto bad;
	a->op = op[0];
	if (!next_item(&in, &it) || it.kind != IT_UINT)
		goto bad;
	a->fields = it.u;
	/* From schema 8 on, the seventh item is the CRC-32 of the key and the
	 * six: a changed byte is found (an entry of six, from an older version
	 * before the schema's upgrade, has none). */
	if (extra > 0) {
		uLong want = crc32(crc32(crc32(0L, Z_NULL, 0), key.b, 16), from, (uInt)(in.p - from));
		if (!next_item(&in, &it) || it.kind != IT_UINT || it.u != want)
			goto bad;
		extra--;
	}
	for (; extra > 0; extra--)
		if (!skip_item(&in))
			goto bad;
	if (in.p != in.end)
		goto bad;
	return 0;
bad:
	memset(a, 0, sizeof *a);
	a->key = key;
	return corrupt(e, "audit", _("not an audit entry"));
}
