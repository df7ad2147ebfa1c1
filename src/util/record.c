/* record.c — walking a record's field table: free, deep copy, compare,
 * look up a field by name. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/record.h"

#define FIELD_PTR(rec, f) ((char *)(rec) + (f)->off)
#define FIELD_CPTR(rec, f) ((const char *)(rec) + (f)->off)

void rec_free(const record_desc *d, void *rec)
{
	for (size_t i = 0; i < d->nfields; i++) {
		const field_desc *f = &d->fields[i];
		if (f->type == FT_STR) {
			char **s = (char **)FIELD_PTR(rec, f);
			free(*s);
			*s = NULL;
		}
	}
}

void rec_copy(const record_desc *d, void *dst, const void *src)
{
	if (dst == src)
		return;
	memcpy(dst, src, d->size);
	for (size_t i = 0; i < d->nfields; i++) {
		const field_desc *f = &d->fields[i];
		if (f->type == FT_STR) {
			char **s = (char **)FIELD_PTR(dst, f);
			if (*s)
				*s = xstrdup(*s);
		}
	}
}

uint64_t rec_diff(const record_desc *d, const void *a, const void *b)
{
	uint64_t bits = 0;
	for (size_t i = 0; i < d->nfields; i++) {
		const field_desc *f = &d->fields[i];
		const char *pa = FIELD_CPTR(a, f), *pb = FIELD_CPTR(b, f);
		bool same;
		switch (f->type) {
		case FT_STR: {
			const char *sa = *(char *const *)pa, *sb = *(char *const *)pb;
			same = strcmp(sa ? sa : "", sb ? sb : "") == 0;
			break;
		}
		case FT_INT: same = *(const int64_t *)pa == *(const int64_t *)pb; break;
		case FT_ID: same = memcmp(pa, pb, 16) == 0; break;
		case FT_DATE: same = *(const int32_t *)pa == *(const int32_t *)pb; break;
		case FT_BITS: same = *(const uint32_t *)pa == *(const uint32_t *)pb; break;
		default: same = true; break;
		}
		if (!same)
			bits |= (uint64_t)1 << (f->no < 64 ? f->no : 63);
	}
	return bits;
}

const field_desc *rec_field(const record_desc *d, const char *name)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (strcmp(d->fields[i].name, name) == 0)
			return &d->fields[i];
	return NULL;
}
