/* record.h — what a record is, below every layer that stores or shows one:
 * ids, the meta every record begins with, and the field tables
 * (record_desc) that the codec, the dump, the audit log and the form engine
 * walk. Pure data: no I/O, no LMDB (the value encoding is store/'s). */
#ifndef BANGFU_RECORD_H
#define BANGFU_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A borrowed byte range. Data read from the store is valid only inside the
 * transaction that read it: copy it out before the function returns. */
typedef struct bytes {
	const void *data;
	size_t len;
} bytes;

/* ---- ids ------------------------------------------------------------- */

/* 16-byte ids in the UUIDv7 layout: 48-bit Unix milliseconds big-endian,
 * version 7, then random bits (with a per-process monotonic counter in
 * rand_a so ids made in one millisecond still sort in creation order). */
typedef struct rid {
	uint8_t b[16];
} rid;

void rid_new(rid *out);
bool rid_is_zero(const rid *r);
int rid_cmp(const rid *a, const rid *b);
/* 32 lowercase hex digits, no dashes (buf of at least 33 bytes). */
void rid_hex(const rid *r, char buf[33]);
/* Parses 32 hex digits (dashes are allowed and skipped); false if not an id. */
bool rid_parse(rid *out, const char *s);
/* Milliseconds since the epoch held in an id. */
int64_t rid_ms(const rid *r);

/* ---- records and their value encoding -------------------------------- */

/* Every record struct begins with this. */
typedef struct rec_meta {
	rid id;
	uint32_t rev;          /* bumped on every write; 0 = never stored */
	uint8_t flags;         /* REC_DELETED, ... */
	int64_t updated_at;    /* Unix milliseconds */
	char updated_by[64];   /* who wrote it: "user@host" or "import" ... */
} rec_meta;

enum {
	REC_DELETED = 0x01,    /* tombstone: kept for merging, hidden from queries */
	REC_SEALED = 0x80,     /* reserved: body encrypted (a later issue) */
};

/* Field types a record may hold. */
typedef enum field_type {
	FT_STR,       /* char * (malloc'd, NUL-terminated, UTF-8); NULL == "" */
	FT_INT,       /* int64_t */
	FT_ID,        /* rid */
	FT_DATE,      /* int32_t day number (util/date.h); 0 = none */
	FT_BITS,      /* uint32_t bit set */
} field_type;

/* One field of a record: a small stable number (the CBOR map key: never
 * reuse one), a stable English name (JSON dumps, forms), a type and where
 * the value sits in the struct. */
typedef struct field_desc {
	uint8_t no;            /* 1..255; 0 is reserved for updated_by */
	const char *name;
	field_type type;
	size_t off;
} field_desc;

typedef struct record_desc {
	const char *name;      /* "student" ... (also the dump's "type") */
	size_t size;           /* sizeof the struct */
	const field_desc *fields;
	size_t nfields;
} record_desc;

#define FIELD(no, st, member, type) { (no), #member, (type), offsetof(st, member) }

void rec_free(const record_desc *d, void *rec);      /* frees the strings */
void rec_copy(const record_desc *d, void *dst, const void *src); /* deep copy */
/* Bit set of the field numbers that differ (bit n for field no n, n < 64;
 * higher numbers all map to bit 63). */
uint64_t rec_diff(const record_desc *d, const void *a, const void *b);
const field_desc *rec_field(const record_desc *d, const char *name);

#endif
