/* dump.h — the whole database as JSON Lines, and back.
 *
 * model_dump writes every record (all entities in model_entities order, each
 * by id, then the audit log by key), one JSON object per line with keys in a
 * fixed order:
 *   "type", "id" (32 hex), "rev", "updated_at" (ms), "updated_by",
 *   "deleted" (true, only when set), then each non-zero field by its
 *   record_desc name: strings as UTF-8 (not \u-escaped), FT_DATE as
 *   "YYYY-MM-DD", FT_ID as 32 hex, FT_BITS and FT_INT as integers.
 * Audit lines: {"type":"audit","id":KEY,"who":..,"at":ms,"db":..,
 *   "record":HEX,"op":"c"|"u"|"d","fields":N}.
 * The dump is taken in one read transaction, so it is consistent.
 *
 * model_restore reads such a file into an EMPTY database (else E_INPUT
 * "database is not empty"), in one write transaction, rebuilding the
 * indexes. A bad line is reported as "FILE:LINE: what" in errs and nothing
 * is written (E_INPUT). dump -> restore -> dump is byte-identical. */
#ifndef BANGFU_DUMP_H
#define BANGFU_DUMP_H

#include <stdio.h>

#include "model/model.h"
#include "util/err.h"

int model_dump(model_store *s, FILE *out, err *e);

/* The dump as the role may see it (DOMAIN, privacy). For a role other
 * than counsellor, each text it may not read (the content of a talk about
 * 心理, the situation of a 心理困难 student) is written as privacy_mask()
 * and its record carries "redacted": true right after "deleted"; restore
 * refuses such a dump (E_INPUT, the first redacted line named). *masked
 * (may be NULL) counts the masked records. model_dump() is the full dump,
 * model_dump_as(..., ROLE_COUNSELLOR, ...). */
int model_dump_as(model_store *s, FILE *out, role_t role, size_t *masked, err *e);
int model_restore(model_store *s, const char *path, errlist *errs, err *e);

/* Same as model_restore from an open stream; name is used in messages. */
int model_restore_file(model_store *s, FILE *in, const char *name, errlist *errs, err *e);

#endif
