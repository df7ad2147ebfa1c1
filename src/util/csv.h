/* csv.h — reading CSV files as Excel and WPS save them, through libcsv.
 *
 * The file's encoding is detected: UTF-8 (with or without BOM) or GB18030
 * (what Excel and WPS save on Chinese Windows). CRLF or LF line ends; quoted
 * fields with commas, quotes and newlines. Every row comes back as UTF-8,
 * NFC-normalised, with the physical line number it started on. */
#ifndef BANGFU_CSV_H
#define BANGFU_CSV_H

#include <stddef.h>

#include "util/err.h"

enum { CSV_FIELD_MAX = 4096 };   /* bytes, after conversion to UTF-8 */

typedef struct csv_row {
	size_t line;       /* 1-based line number where the row starts */
	size_t nfields;
	char **fields;     /* UTF-8, NUL-terminated */
} csv_row;

typedef struct csv_table {
	char *encoding;    /* "UTF-8" or "GB18030" */
	size_t nrows;
	csv_row *rows;     /* rows[0] is the header when the file has one */
} csv_table;

/* Reads the whole file. Errors (exit code E_INPUT), each as
 * "FILE:LINE: what is wrong", go to errs; returns 0 when none, E_INPUT
 * otherwise (then t holds nothing usable). Checked: invalid bytes in the
 * detected encoding, a NUL byte, an unterminated quote, a field over
 * CSV_FIELD_MAX bytes. Blank lines are skipped. */
int csv_read_file(const char *path, csv_table *t, errlist *errs);
/* The same from memory (name is used in messages). */
int csv_read_mem(const char *name, const char *buf, size_t len, csv_table *t, errlist *errs);
void csv_table_free(csv_table *t);

#endif
