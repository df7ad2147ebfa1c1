/* test_codec.c — record values: round trips, omitted zeros, unknown fields,
 * corrupt input, diffs and copies. */
#include "config.h"

#include <cbor.h>
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

typedef struct thing {
	rec_meta m;
	char *name;
	int64_t amount;
	rid other;
	int32_t day;
	uint32_t bits;
	char *note;
	int64_t far;
} thing;

static const field_desc thing_fields[] = {
	FIELD(1, thing, name, FT_STR),
	FIELD(2, thing, amount, FT_INT),
	FIELD(3, thing, other, FT_ID),
	FIELD(4, thing, day, FT_DATE),
	FIELD(5, thing, bits, FT_BITS),
	FIELD(6, thing, note, FT_STR),
	FIELD(70, thing, far, FT_INT),
};
static const record_desc thing_desc = { "thing", sizeof(thing), thing_fields, 7 };

/* The same record as an older program knew it: fields 1 and 2 only. */
static const record_desc old_desc = { "thing", sizeof(thing), thing_fields, 2 };

static thing full(void)
{
	thing t = { 0 };
	rid_new(&t.m.id);
	t.m.rev = 7;
	t.m.flags = REC_DELETED;
	t.m.updated_at = 1779235200123LL;
	strcpy(t.m.updated_by, "张老师@host");
	t.name = strdup("李小明 Lǐ Xiǎomíng");
	t.amount = -1234567890123LL;
	rid_new(&t.other);
	t.day = -3;
	t.bits = 0xffffffffu;
	t.note = strdup("第二行\nline two");
	t.far = INT64_MIN;
	return t;
}

static void same(const thing *a, const thing *b)
{
	cr_assert_eq(a->m.rev, b->m.rev);
	cr_assert_eq(a->m.flags, b->m.flags);
	cr_assert_eq(a->m.updated_at, b->m.updated_at);
	cr_assert_str_eq(a->m.updated_by, b->m.updated_by);
	cr_assert_eq(rec_diff(&thing_desc, a, b), 0, "fields differ: %llx",
		     (unsigned long long)rec_diff(&thing_desc, a, b));
}

static void roundtrip(const thing *t)
{
	uint8_t *buf;
	size_t len;
	thing back;
	err e = { 0 };
	rec_encode(&thing_desc, t, &buf, &len);
	memset(&back, 0x5a, sizeof back);
	back.m.id = t->m.id;
	cr_assert_eq(rec_decode(&thing_desc, buf, len, &back, &e), 0, "%s", e.msg);
	same(t, &back);
	cr_assert_eq(rid_cmp(&back.m.id, &t->m.id), 0);
	rec_free(&thing_desc, &back);
	free(buf);
}

Test(codec, every_type_round_trips)
{
	thing t = full();
	roundtrip(&t);
	t.amount = INT64_MAX;
	t.far = -1;
	t.day = INT32_MAX;
	t.bits = 1;
	roundtrip(&t);
	t.amount = 23;
	t.day = INT32_MIN;
	t.far = 1LL << 40;
	roundtrip(&t);
	rec_free(&thing_desc, &t);
}

Test(codec, header_layout)
{
	thing t = full();
	uint8_t *buf;
	size_t len;
	rec_encode(&thing_desc, &t, &buf, &len);
	cr_assert_geq(len, VALUE_HEADER + 1);
	cr_assert_eq(buf[0], VALUE_FORMAT);
	cr_assert_eq(buf[1], REC_DELETED);
	cr_assert_eq(buf[2], 0);
	cr_assert_eq(buf[5], 7, "rev big-endian");
	uint64_t at = 0;
	for (int i = 6; i < 14; i++)
		at = at << 8 | buf[i];
	cr_assert_eq(at, 1779235200123ULL);
	cr_assert_eq(buf[VALUE_HEADER] >> 5, 5, "then a CBOR map");
	uint8_t *copy = malloc(len);
	memcpy(copy, buf, len);
	memset(copy + 14, 0, 4);
	rec_value_seal(copy, len);
	cr_assert_eq(memcmp(copy, buf, len), 0, "bytes 14-17 are the checksum");
	free(copy);
	free(buf);
	rec_free(&thing_desc, &t);
}

Test(codec, zero_values_are_left_out)
{
	thing t = { 0 };
	uint8_t *buf;
	size_t len;
	rec_encode(&thing_desc, &t, &buf, &len);
	cr_assert_eq(len, VALUE_HEADER + 1, "an empty map only");
	cr_assert_eq(buf[VALUE_HEADER], 0xa0);
	free(buf);

	t.name = "";      /* "" is the same as NULL */
	t.amount = 5;
	rec_encode(&thing_desc, &t, &buf, &len);
	/* map(1), key 2, uint 5 */
	cr_assert_eq(len, VALUE_HEADER + 3);
	cr_assert_eq(buf[VALUE_HEADER], 0xa1);
	cr_assert_eq(buf[VALUE_HEADER + 1], 0x02);
	cr_assert_eq(buf[VALUE_HEADER + 2], 0x05);

	thing back;
	err e = { 0 };
	cr_assert_eq(rec_decode(&thing_desc, buf, len, &back, &e), 0);
	cr_assert_null(back.name);
	cr_assert_eq(back.amount, 5);
	cr_assert(rid_is_zero(&back.other));
	free(buf);
}

Test(codec, fields_are_written_in_number_order)
{
	static const field_desc rev_fields[] = {
		FIELD(5, thing, bits, FT_BITS),
		FIELD(2, thing, amount, FT_INT),
		FIELD(1, thing, name, FT_STR),
	};
	static const record_desc rev_desc = { "thing", sizeof(thing), rev_fields, 3 };
	thing t = { .name = "a", .amount = 1, .bits = 2 };
	uint8_t *buf;
	size_t len;
	rec_encode(&rev_desc, &t, &buf, &len);
	const uint8_t want[] = { 0xa3, 0x01, 0x61, 'a', 0x02, 0x01, 0x05, 0x02 };
	cr_assert_eq(len, VALUE_HEADER + sizeof want);
	cr_assert_eq(memcmp(buf + VALUE_HEADER, want, sizeof want), 0);
	free(buf);
}

Test(codec, unknown_fields_are_ignored_and_missing_ones_are_zero)
{
	thing t = full();
	uint8_t *buf;
	size_t len;
	thing back;
	err e = { 0 };

	/* new program's record read by an old program */
	rec_encode(&thing_desc, &t, &buf, &len);
	cr_assert_eq(rec_decode(&old_desc, buf, len, &back, &e), 0, "%s", e.msg);
	cr_assert_str_eq(back.name, t.name);
	cr_assert_eq(back.amount, t.amount);
	cr_assert(rid_is_zero(&back.other));
	cr_assert_null(back.note);
	cr_assert_str_eq(back.m.updated_by, t.m.updated_by);
	rec_free(&old_desc, &back);
	free(buf);

	/* old program's record read by the new program */
	rec_encode(&old_desc, &t, &buf, &len);
	cr_assert_eq(rec_decode(&thing_desc, buf, len, &back, &e), 0, "%s", e.msg);
	cr_assert_str_eq(back.name, t.name);
	cr_assert_eq(back.day, 0);
	cr_assert_eq(back.far, 0);
	rec_free(&thing_desc, &back);
	free(buf);
	rec_free(&thing_desc, &t);
}

Test(codec, unknown_fields_of_any_shape_are_skipped)
{
	/* header, then {1: "x", 200: [1, {2: h'00'}, tag(1) 3.5, null], 300: -7, 2: 9} */
	uint8_t v[64] = { VALUE_FORMAT, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
	size_t n = VALUE_HEADER;
	const uint8_t body[] = {
		0xa4, 0x01, 0x61, 'x',
		0x18, 200, 0x84, 0x01, 0xa1, 0x02, 0x41, 0x00, 0xc1, 0xf9, 0x43, 0x00, 0xf6,
		0x19, 0x01, 0x2c, 0x26,
		0x02, 0x09,
	};
	memcpy(v + n, body, sizeof body);
	n += sizeof body;
	rec_value_seal(v, n);
	thing back;
	err e = { 0 };
	cr_assert_eq(rec_decode(&thing_desc, v, n, &back, &e), 0, "%s", e.msg);
	cr_assert_str_eq(back.name, "x");
	cr_assert_eq(back.amount, 9);
	cr_assert_eq(back.m.rev, 1);
	rec_free(&thing_desc, &back);
}

Test(codec, every_truncation_is_an_error_not_a_crash)
{
	thing t = full();
	uint8_t *buf;
	size_t len;
	rec_encode(&thing_desc, &t, &buf, &len);
	for (size_t cut = 0; cut < len; cut++) {
		uint8_t *copy = malloc(cut ? cut : 1);
		memcpy(copy, buf, cut);
		thing back;
		err e = { 0 };
		cr_assert_eq(rec_decode(&thing_desc, copy, cut, &back, &e), E_DB, "cut at %zu", cut);
		cr_assert_eq(e.code, E_DB);
		cr_assert_neq(e.msg[0], '\0');
		cr_assert_null(back.name, "nothing half-decoded is left behind");
		cr_assert_null(back.note);
		free(copy);
	}
	free(buf);
	rec_free(&thing_desc, &t);
}

/* rec_decode of the first n bytes of v, its checksum written first: the
 * value is as a bug, not a damaged disk, would have written it. */
static int decode_sealed(uint8_t *v, size_t n, thing *back, err *e)
{
	rec_value_seal(v, n);
	return rec_decode(&thing_desc, v, n, back, e);
}

Test(codec, corrupt_values_are_refused)
{
	thing back;
	err e = { 0 };
	uint8_t v[40] = { VALUE_FORMAT };

	/* unknown format */
	v[0] = 3;
	v[VALUE_HEADER] = 0xa0;
	cr_assert_eq(decode_sealed(v, VALUE_HEADER + 1, &back, &e), E_DB);
	cr_assert(strstr(e.msg, "format"), "%s", e.msg);
	v[0] = VALUE_FORMAT;
	cr_assert_eq(decode_sealed(v, VALUE_HEADER + 1, &back, &e), 0);

	/* trailing bytes after the map */
	v[VALUE_HEADER + 1] = 0x00;
	cr_assert_eq(decode_sealed(v, VALUE_HEADER + 2, &back, &e), E_DB);

	/* not a map */
	v[VALUE_HEADER] = 0x80;
	cr_assert_eq(decode_sealed(v, VALUE_HEADER + 1, &back, &e), E_DB);

	/* wrong type for a known field: amount (2) as text */
	const uint8_t bad_type[] = { 0xa1, 0x02, 0x61, 'x' };
	memcpy(v + VALUE_HEADER, bad_type, sizeof bad_type);
	cr_assert_eq(decode_sealed(v, VALUE_HEADER + sizeof bad_type, &back, &e), E_DB);
	cr_assert(strstr(e.msg, "amount"), "names the field: %s", e.msg);

	/* an id that is not 16 bytes */
	const uint8_t short_id[] = { 0xa1, 0x03, 0x42, 1, 2 };
	memcpy(v + VALUE_HEADER, short_id, sizeof short_id);
	cr_assert_eq(decode_sealed(v, VALUE_HEADER + sizeof short_id, &back, &e), E_DB);

	/* a date out of int32 range */
	const uint8_t big_day[] = { 0xa1, 0x04, 0x1a, 0x80, 0, 0, 0 };
	memcpy(v + VALUE_HEADER, big_day, sizeof big_day);
	cr_assert_eq(decode_sealed(v, VALUE_HEADER + sizeof big_day, &back, &e), E_DB);

	/* a string with a NUL inside, after a good string (which must be freed) */
	const uint8_t nul[] = { 0xa2, 0x01, 0x61, 'a', 0x06, 0x62, 'a', 0 };
	memcpy(v + VALUE_HEADER, nul, sizeof nul);
	cr_assert_eq(decode_sealed(v, VALUE_HEADER + sizeof nul, &back, &e), E_DB);
	cr_assert_null(back.name);

	/* a map claiming 2^32 entries */
	const uint8_t huge[] = { 0xba, 0xff, 0xff, 0xff, 0xff, 0x01 };
	memcpy(v + VALUE_HEADER, huge, sizeof huge);
	cr_assert_eq(decode_sealed(v, VALUE_HEADER + sizeof huge, &back, &e), E_DB);

	/* an indefinite-length map */
	const uint8_t indef[] = { 0xbf, 0x02, 0x01, 0xff };
	memcpy(v + VALUE_HEADER, indef, sizeof indef);
	cr_assert_eq(decode_sealed(v, VALUE_HEADER + sizeof indef, &back, &e), E_DB);

	/* the same string field twice: the later wins, nothing leaks */
	const uint8_t twice[] = { 0xa2, 0x01, 0x61, 'a', 0x01, 0x61, 'b' };
	memcpy(v + VALUE_HEADER, twice, sizeof twice);
	cr_assert_eq(decode_sealed(v, VALUE_HEADER + sizeof twice, &back, &e), 0);
	cr_assert_str_eq(back.name, "b");
	rec_free(&thing_desc, &back);

	cr_assert_eq(rec_decode(&thing_desc, NULL, 0, &back, &e), E_DB);
}

Test(codec, a_changed_byte_anywhere_is_found)
{
	thing t = full();
	uint8_t *buf;
	size_t len;
	rec_encode(&thing_desc, &t, &buf, &len);
	for (size_t i = 0; i < len; i++)
		for (int bit = 0; bit < 8; bit++) {
			buf[i] ^= (uint8_t)(1 << bit);
			thing back;
			err e = { 0 };
			cr_assert_eq(rec_decode(&thing_desc, buf, len, &back, &e), E_DB,
				     "byte %zu bit %d flipped", i, bit);
			cr_assert_null(back.name);
			buf[i] ^= (uint8_t)(1 << bit);
		}
	bytes out;
	err e = { 0 };
	buf[len - 1] ^= 1;
	cr_assert_eq(rec_peek_text(buf, len, 1, &out, &e), E_DB, "the name scan checks too");
	free(buf);
	rec_free(&thing_desc, &t);
}

Test(codec, format_1_values_are_read_and_upgraded)
{
	/* format 1: the 14-byte header without a checksum, then {1: "x"} */
	const uint8_t v1[] = { VALUE_FORMAT1, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 9,
			       0xa1, 0x01, 0x61, 'x' };
	thing back;
	err e = { 0 };
	cr_assert_eq(rec_decode(&thing_desc, v1, sizeof v1, &back, &e), 0, "%s", e.msg);
	cr_assert_str_eq(back.name, "x");
	cr_assert_eq(back.m.rev, 3);
	rec_free(&thing_desc, &back);
	uint8_t *v2;
	size_t n2;
	cr_assert(rec_value_upgrade(v1, sizeof v1, &v2, &n2));
	cr_assert_eq(n2, sizeof v1 + 4);
	cr_assert_eq(v2[0], VALUE_FORMAT);
	cr_assert_eq(rec_decode(&thing_desc, v2, n2, &back, &e), 0, "%s", e.msg);
	cr_assert_str_eq(back.name, "x");
	cr_assert_eq(back.m.rev, 3);
	cr_assert_eq(back.m.updated_at, 9);
	rec_free(&thing_desc, &back);
	cr_assert_not(rec_value_upgrade(v2, n2, &v2, &n2), "format 2 is left alone");
	free(v2);
}

Test(codec, random_garbage_never_crashes)
{
	srand(12345);
	uint8_t v[96];
	for (int round = 0; round < 20000; round++) {
		size_t n = (size_t)(rand() % (int)sizeof v);
		for (size_t i = 0; i < n; i++)
			v[i] = (uint8_t)rand();
		if (n > 0 && round % 2)
			v[0] = VALUE_FORMAT;
		if (n > VALUE_HEADER && round % 4 == 1)
			v[VALUE_HEADER] = (uint8_t)(0xa0 | (v[VALUE_HEADER] & 7));
		if (round % 2)
			rec_value_seal(v, n);
		thing back;
		err e = { 0 };
		int rc = rec_decode(&thing_desc, v, n, &back, &e);
		cr_assert(rc == 0 || rc == E_DB);
		if (rc == 0)
			rec_free(&thing_desc, &back);
	}
}

Test(codec, diff_names_changed_fields)
{
	thing a = full(), b;
	rec_copy(&thing_desc, &b, &a);
	cr_assert_eq(rec_diff(&thing_desc, &a, &b), 0);
	cr_assert_neq(a.name, b.name, "a deep copy");
	cr_assert_str_eq(a.name, b.name);

	free(b.name);
	b.name = strdup("王芳");
	b.bits = 4;
	cr_assert_eq(rec_diff(&thing_desc, &a, &b), (1u << 1) | (1u << 5));
	b.far = 0;
	cr_assert_eq(rec_diff(&thing_desc, &a, &b), (1u << 1) | (1u << 5) | (1ULL << 63),
		     "fields past 63 map to bit 63");
	b.m.rev = 99;
	cr_assert_eq(rec_diff(&thing_desc, &a, &b) & 1, 0, "meta is not a field");

	free(a.note);
	a.note = strdup("");
	free(b.note);
	b.note = NULL;
	cr_assert_eq(rec_diff(&thing_desc, &a, &b) & (1u << 6), 0, "\"\" equals NULL");
	rec_free(&thing_desc, &a);
	rec_free(&thing_desc, &b);
	cr_assert_null(a.name);
}

Test(codec, field_by_name)
{
	const field_desc *f = rec_field(&thing_desc, "day");
	cr_assert_not_null(f);
	cr_assert_eq(f->no, 4);
	cr_assert_eq(f->type, FT_DATE);
	cr_assert_null(rec_field(&thing_desc, "nope"));
}

Test(codec, audit_values_round_trip_and_corrupt_ones_fail)
{
	audit_entry a = { .at = 1779235200123LL, .op = 'u', .fields = (1ULL << 63) | 6 };
	rid_new(&a.key);
	rid_new(&a.record);
	strcpy(a.who, "李老师@host");
	strcpy(a.db, "student");
	uint8_t *buf;
	size_t len;
	audit_encode(&a, &buf, &len);

	audit_entry b;
	err e = { 0 };
	b.key = a.key;
	cr_assert_eq(audit_decode(buf, len, &b, &e), 0, "%s", e.msg);
	cr_assert_eq(rid_cmp(&b.key, &a.key), 0);
	cr_assert_str_eq(b.who, a.who);
	cr_assert_eq(b.at, a.at);
	cr_assert_str_eq(b.db, "student");
	cr_assert_eq(rid_cmp(&b.record, &a.record), 0);
	cr_assert_eq(b.op, 'u');
	cr_assert_eq(b.fields, a.fields);
	for (size_t cut = 0; cut < len; cut++)
		cr_assert_eq(audit_decode(buf, cut, &b, &e), E_DB, "cut at %zu", cut);
	free(buf);
}

/* Every audit entry carries a CRC-32 of its key and fields: any one flipped
 * bit is found ("root@vm" must not become "rootDvm" unnoticed); an entry of
 * six items (an older version's, before the schema's upgrade) still reads. */
Test(codec, audit_checksum_finds_every_flipped_bit)
{
	audit_entry a = { .at = 1779235200123LL, .op = 'c', .fields = 5 };
	rid_new(&a.key);
	rid_new(&a.record);
	strcpy(a.who, "root@vm");
	strcpy(a.db, "talk");
	uint8_t *buf;
	size_t len;
	audit_encode(&a, &buf, &len);
	audit_entry b;
	err e = { 0 };
	size_t missed = 0;
	for (size_t i = 1; i < len; i++)      /* byte 0: the array's head */
		for (int bit = 0; bit < 8; bit++) {
			buf[i] ^= (uint8_t)(1u << bit);
			b.key = a.key;
			if (audit_decode(buf, len, &b, &e) == 0)
				missed++;
			buf[i] ^= (uint8_t)(1u << bit);
		}
	cr_assert_eq(missed, 0, "%zu flipped bits went unnoticed", missed);
	b = (audit_entry){ 0 };
	b.key = a.key;
	b.key.b[15] ^= 1;                     /* the key is covered too */
	cr_assert_eq(audit_decode(buf, len, &b, &e), E_DB);
	/* The six items alone, as an older version wrote them. */
	buf[0] = 0x86;
	/* the CRC is the last item: a CBOR uint of 1, 2, 3 or 5 bytes */
	size_t crc_len = 0;
	if (len > 5 && buf[len - 5] == 0x1a)
		crc_len = len - 5;
	else if (len > 3 && buf[len - 3] == 0x19)
		crc_len = len - 3;
	else if (len > 2 && buf[len - 2] == 0x18)
		crc_len = len - 2;
	else
		crc_len = len - 1;
	b.key = a.key;
	cr_assert_eq(audit_decode(buf, crc_len, &b, &e), 0, "six items: %s", e.msg);
	cr_assert_str_eq(b.who, "root@vm");
	free(buf);
}
