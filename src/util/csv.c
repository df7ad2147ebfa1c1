#include "config.h"
#include "util/csv.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <unistr.h>

#include "util/i18n.h"
#include "util/text.h"

/*
 * How a file is read:
 *  1. A NUL byte anywhere is an error (reported once per line that has one);
 *     a UTF-16 byte-order mark gets its own message.
 *  2. The encoding: a UTF-8 BOM means UTF-8 (invalid bytes are errors);
 *     otherwise valid UTF-8 is UTF-8; otherwise the whole buffer is converted
 *     from GB18030. If it is valid in neither, the error names the line of
 *     the first bad byte in whichever encoding read further (that is the
 *     encoding the file was most likely meant to be in).
 *  3. The UTF-8 text goes to libcsv (strict: a stray quote or a quoted field
 *     that is never closed is an error) one physical line at a time, so that
 *     each row knows the line it started on. Line ends are LF, CRLF or a
 *     lone CR. Inside quoted fields, CRLF and CR become LF.
 *  4. Each field is NFC-normalised and trimmed (text_clean). Rows whose
 *     fields are all empty (blank lines, and the ",,,," lines Excel writes
 *     for formatted but empty rows) are skipped.
 *  Every problem row is reported, not only the first.
 */

/* 1-based line number of byte offset off in buf[0..len): LF, CRLF and a
 * lone CR end a line. */
static size_t line_at(const char *buf, size_t len, size_t off)
{
	size_t line = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (buf[i] == '\n')
			line++;
		else if (buf[i] == '\r' && (i + 1 >= len || buf[i + 1] != '\n'))
			line++;
	}
	return line;
}

/* Offset of the first byte that is not valid UTF-8, or len. */
static size_t utf8_bad_offset(const char *buf, size_t len)
{
	const uint8_t *bad = u8_check((const uint8_t *)buf, len);
	return bad ? (size_t)(bad - (const uint8_t *)buf) : len;
}

/* Converts GB18030 to malloc'd UTF-8. On failure returns NULL and sets
 * *bad to the offset of the first byte that could not be converted. */
static char *gb18030_to_utf8(const char *buf, size_t len, size_t *outlen, size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		die("iconv_open(UTF-8, GB18030): %s", strerror(errno));
	/* 1 byte → 1, 2 bytes → at most 3, 4 bytes → at most 4 */
	size_t cap = len * 2 + 4;
	char *out = xmalloc(cap);
	char *in = (char *)buf, *o = out;
	size_t inleft = len, outleft = cap;
	size_t r = iconv(cd, &in, &inleft, &o, &outleft);
	if (r != (size_t)-1)
		r = iconv(cd, NULL, NULL, &o, &outleft);
	iconv_close(cd);
	if (r == (size_t)-1) {
		if (errno == E2BIG)
			die("iconv: output buffer too small");
		*bad = (size_t)(in - buf);
		free(out);
		return NULL;
	}
	*outlen = (size_t)(o - out);
	return out;
}

struct reader {
	const char *name;
	errlist *errs;
	csv_table *t;
	size_t cap;            /* of t->rows */
	size_t line;           /* line being fed to the parser */
	size_t row_start;      /* line the current row started on, 0 = none yet */
	char **fields;
	size_t nf, capf;
	bool row_bad;
	int nerr;
};

static void row_discard(struct reader *r)
{
	for (size_t i = 0; i < r->nf; i++)
		free(r->fields[i]);
	r->nf = 0;
	r->row_bad = false;
	r->row_start = 0;
}

/* A field's bytes with CRLF and lone CR turned into LF, then cleaned. */
static char *field_text(const char *s, size_t n)
{
	char *tmp = xmalloc(n + 1);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r') {
			tmp[j++] = '\n';
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
		} else {
			tmp[j++] = s[i];
		}
	}
	tmp[j] = '\0';
	char *c = text_clean(tmp);
	free(tmp);
	return c;
}

static void on_field(void *s, size_t n, void *data)
{
	struct reader *r = data;
	if (!r->row_start)
		r->row_start = r->line;
	char *f = field_text(s ? s : "", s ? n : 0);
	if (strlen(f) > CSV_FIELD_MAX) {
		errlist_add(r->errs, _("%s:%zu: field %zu is longer than %d bytes"), r->name,
		            r->row_start, r->nf + 1, (int)CSV_FIELD_MAX);
		r->nerr++;
		r->row_bad = true;
		f[0] = '\0';
	}
	if (r->nf == r->capf) {
		r->capf = r->capf ? r->capf * 2 : 16;
		r->fields = xrealloc(r->fields, r->capf * sizeof *r->fields);
	}
	r->fields[r->nf++] = f;
}

static void on_row(int c, void *data)
{
	struct reader *r = data;
	bool empty = true;
	for (size_t i = 0; i < r->nf && empty; i++)
		if (r->fields[i][0])
			empty = false;
	if (empty || r->row_bad) {
		row_discard(r);
		return;
	}
	csv_table *t = r->t;
	if (t->nrows == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		t->rows = xrealloc(t->rows, r->cap * sizeof *t->rows);
	}
	csv_row *row = &t->rows[t->nrows++];
	row->line = r->row_start ? r->row_start : r->line;
	row->nfields = r->nf;
	row->fields = xmalloc(r->nf * sizeof *row->fields);
	memcpy(row->fields, r->fields, r->nf * sizeof *row->fields);
	r->nf = 0;
	r->row_bad = false;
	r->row_start = 0;
}

static void parser_init(struct csv_parser *p)
{
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		die("csv_init failed");
	csv_set_blk_size(p, 4096);
	csv_set_realloc_func(p, realloc);
	csv_set_free_func(p, free);
}

static void parser_done(struct csv_parser *p)
{
	csv_free(p);
}

/* Length of the physical line starting at s (including its line end). */
static size_t line_len(const char *s, size_t left)
{
	for (size_t i = 0; i < left; i++) {
		if (s[i] == '\n')
			return i + 1;
		if (s[i] == '\r')
			return (i + 1 < left && s[i + 1] == '\n') ? i + 2 : i + 1;
	}
	return left;
}

static void parse_utf8(struct reader *r, const char *buf, size_t len)
{
	struct csv_parser p;
	size_t off = 0;

	parser_init(&p);
	r->line = 1;
	while (off < len) {
		size_t n = line_len(buf + off, len - off);
		size_t used = csv_parse(&p, buf + off, n, on_field, on_row, r);
		if (used < n) {
			if (csv_error(&p) != CSV_EPARSE)
				die("csv_parse: %s", csv_strerror(csv_error(&p)));
			errlist_add(r->errs,
			            _("%s:%zu: misplaced quote (\"): a field that contains quotes "
			              "must be enclosed in quotes, with each inner quote doubled"),
			            r->name, r->row_start ? r->row_start : r->line);
			r->nerr++;
			/* Drop the row and carry on with the next line. */
			row_discard(r);
			parser_done(&p);
			parser_init(&p);
		} else if (!r->row_start && p.pstate != 0) {
			/* The row began on this line and goes on (a quoted newline). */
			r->row_start = r->line;
		}
		off += n;
		r->line++;
	}
	r->line--;   /* the last line fed */
	if (r->line == 0)
		r->line = 1;
	if (csv_fini(&p, on_field, on_row, r) != 0) {
		errlist_add(r->errs, _("%s:%zu: a quoted field is never closed (missing \")"),
		            r->name, r->row_start ? r->row_start : r->line);
		r->nerr++;
		row_discard(r);
	}
	parser_done(&p);
	row_discard(r);
	free(r->fields);
	r->fields = NULL;
	r->capf = 0;
}

/* Checks for NUL bytes and UTF-16; true if the buffer can go on. */
static bool check_bytes(const char *name, const char *buf, size_t len, errlist *errs)
{
	if (len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE)
	                 || ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF))) {
		errlist_add(errs, _("%s:1: the file is in UTF-16; save it as CSV (UTF-8 or "
		                    "comma delimited) instead"), name);
		return false;
	}
	const char *p = memchr(buf, '\0', len);
	if (!p)
		return true;
	size_t line = line_at(buf, len, (size_t)(p - buf)), last = 0;
	for (size_t i = (size_t)(p - buf); i < len; i++) {
		if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 >= len || buf[i + 1] != '\n')))
			line++;
		else if (buf[i] == '\0' && line != last) {
			errlist_add(errs, _("%s:%zu: the line contains a NUL byte (not a text file?)"),
			            name, line);
			last = line;
		}
	}
	return false;
}

int csv_read_mem(const char *name, const char *buf, size_t len, csv_table *t, errlist *errs)
{
	memset(t, 0, sizeof *t);
	if (!buf)
		len = 0;
	if (len && !check_bytes(name, buf, len, errs))
		return E_INPUT;

	char *conv = NULL;
	const char *text = buf;
	size_t tlen = len;
	const char *encoding = "UTF-8";

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		text = buf + 3;
		tlen = len - 3;
		size_t bad = utf8_bad_offset(text, tlen);
		if (bad < tlen) {
			errlist_add(errs, _("%s:%zu: invalid UTF-8 byte 0x%02X"), name,
			            line_at(text, tlen, bad), (unsigned char)text[bad]);
			return E_INPUT;
		}
	} else {
		size_t ubad = utf8_bad_offset(buf, len);
		if (ubad < len) {
			size_t gbad = 0, clen = 0;
			conv = gb18030_to_utf8(buf, len, &clen, &gbad);
			if (!conv) {
				size_t bad = gbad > ubad ? gbad : ubad;
				errlist_add(errs,
				            _("%s:%zu: byte 0x%02X is invalid: the file is neither UTF-8 "
				              "nor GB18030"),
				            name, line_at(buf, len, bad), bad < len ? (unsigned char)buf[bad] : 0);
				return E_INPUT;
			}
			text = conv;
			tlen = clen;
			encoding = "GB18030";
		}
	}

	struct reader r = { .name = name, .errs = errs, .t = t };
	parse_utf8(&r, text, tlen);
	free(conv);
	t->encoding = xstrdup(encoding);
	if (r.nerr) {
		csv_table_free(t);
		return E_INPUT;
	}
	return 0;
}

int csv_read_file(const char *path, csv_table *t, errlist *errs)
{
	memset(t, 0, sizeof *t);
	FILE *f = fopen(path, "rb");
	if (!f) {
		errlist_add(errs, _("%s: cannot open: %s"), path, strerror(errno));
		return E_INPUT;
	}
	size_t cap = 65536, len = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		size_t n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		errlist_add(errs, _("%s: cannot read: %s"), path, strerror(errno));
		fclose(f);
		free(buf);
		return E_INPUT;
	}
	fclose(f);
	int rc = csv_read_mem(path, buf, len, t, errs);
	free(buf);
	return rc;
}

void csv_table_free(csv_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->rows[i].nfields; j++)
			free(t->rows[i].fields[j]);
		free(t->rows[i].fields);
	}
	free(t->rows);
	free(t->encoding);
	memset(t, 0, sizeof *t);
}
