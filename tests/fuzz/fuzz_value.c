/* fuzz_value.c — libFuzzer harness for the value decoders (store/codec.c).
 *
 * Every input is decoded as a record value of a type that has every field
 * type, and as an audit value. Whatever decodes must re-encode to bytes that
 * decode to the same record, and encoding that again must give the same
 * bytes. Build (from the top of a configured build folder):
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I$srcdir/src -I. \
 *     $srcdir/tests/fuzz/fuzz_value.c $srcdir/src/store/codec.c \
 *     $srcdir/src/store/id.c $srcdir/src/util/err.c $(pkg-config --cflags --libs libcbor)
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

typedef struct fz {
	rec_meta m;
	char *s1;
	int64_t i;
	rid id;
	int32_t day;
	uint32_t bits;
	char *s2;
	int64_t far;
} fz;

static const field_desc fz_fields[] = {
	FIELD(1, fz, s1, FT_STR),
	FIELD(2, fz, i, FT_INT),
	FIELD(3, fz, id, FT_ID),
	FIELD(4, fz, day, FT_DATE),
	FIELD(5, fz, bits, FT_BITS),
	FIELD(9, fz, s2, FT_STR),
	FIELD(200, fz, far, FT_INT),
};
static const record_desc fz_desc = { "fuzz", sizeof(fz), fz_fields, 7 };

static void check(bool ok)
{
	if (!ok)
		__builtin_trap();
}

static void fuzz_record(const uint8_t *data, size_t size)
{
	fz a, b;
	err e = { 0 };
	uint8_t *buf1, *buf2;
	size_t len1, len2;

	memset(&a, 0, sizeof a);
	/* A format-2 input gets its checksum, so that the fuzzer reaches the
	 * CBOR body rather than stopping at the checksum every time. */
	uint8_t *sealed = NULL;
	if (size >= VALUE_HEADER && data[0] == VALUE_FORMAT) {
		sealed = malloc(size);
		memcpy(sealed, data, size);
		rec_value_seal(sealed, size);
		data = sealed;
	}
	int rc = rec_decode(&fz_desc, data, size, &a, &e);
	free(sealed);
	if (rc != 0) {
		check(e.code == E_DB && e.msg[0]);
		check(!a.s1 && !a.s2);
		return;
	}
	rec_encode(&fz_desc, &a, &buf1, &len1);
	check(len1 >= VALUE_HEADER && len1 <= size + 1 + (VALUE_HEADER - VALUE_HEADER1));
	memset(&b, 0, sizeof b);
	check(rec_decode(&fz_desc, buf1, len1, &b, &e) == 0);
	check(rec_diff(&fz_desc, &a, &b) == 0);
	check(a.m.rev == b.m.rev && a.m.flags == b.m.flags && a.m.updated_at == b.m.updated_at);
	check(strcmp(a.m.updated_by, b.m.updated_by) == 0);
	rec_encode(&fz_desc, &b, &buf2, &len2);
	check(len1 == len2 && memcmp(buf1, buf2, len1) == 0);

	fz c;
	rec_copy(&fz_desc, &c, &b);
	check(rec_diff(&fz_desc, &b, &c) == 0);
	rec_free(&fz_desc, &c);
	free(buf1);
	free(buf2);
	rec_free(&fz_desc, &a);
	rec_free(&fz_desc, &b);
}

static void fuzz_audit(const uint8_t *data, size_t size)
{
	audit_entry a, b;
	err e = { 0 };
	uint8_t *buf;
	size_t len;

	memset(&a, 0, sizeof a);
	if (audit_decode(data, size, &a, &e) != 0) {
		check(e.code == E_DB);
		return;
	}
	audit_encode(&a, &buf, &len);
	memset(&b, 0, sizeof b);
	check(audit_decode(buf, len, &b, &e) == 0);
	check(strcmp(a.who, b.who) == 0 && strcmp(a.db, b.db) == 0 && a.at == b.at &&
	      a.op == b.op && a.fields == b.fields && rid_cmp(&a.record, &b.record) == 0);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_record(data, size);
	fuzz_audit(data, size);
	return 0;
}
