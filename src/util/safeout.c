#include "config.h"
/* safeout.c — see safeout.h. A glibc cookie stream: stdio buffers the text,
 * the write hook escapes it by code point and write(2)s the result. A UTF-8
 * sequence (or a CR) cut at the end of one buffer waits for the next. */
#include "util/safeout.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/err.h"
#include "util/text.h"

typedef struct safeout {
	int fd;
	bool started;          /* something has been written */
	unsigned char carry[4];
	size_t ncarry;
} safeout;

static int put_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The length of the UTF-8 sequence led by c (1 for a stray byte). */
static size_t seq_len(unsigned char c)
{
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	if (c >= 0xE0)
		return c <= 0xEF ? 3 : 1;
	if (c >= 0xC2)
		return 2;
	return 1;
}

/* Escapes s[0..n) into out (room for 8 bytes per input byte + 2); final:
 * nothing follows (a cut sequence or CR is escaped, not kept). Returns the
 * bytes used; *used tells how much of s was consumed. */
static size_t escape(safeout *so, const unsigned char *s, size_t n, bool final, char *out,
		     size_t *used)
{
	size_t i = 0, o = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t len = seq_len(c);
		if (i + len > n && !final)
			break;                  /* wait for the rest */
		if (c == '\r') {
			if (i + 1 >= n && !final)
				break;          /* is an LF next? */
			if (i + 1 < n && s[i + 1] == '\n') {
				out[o++] = '\r';
				i++;
				continue;
			}
		}
		uint32_t cp = 0;
		bool valid = i + len <= n && (len == 1 ? c < 0x80 : utf8_valid((const char *)s + i, len));
		if (valid) {
			if (len == 1)
				cp = c;
			else if (len == 2)
				cp = (uint32_t)(c & 0x1F) << 6 | (s[i + 1] & 0x3F);
			else if (len == 3)
				cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 |
				     (s[i + 2] & 0x3F);
			else
				cp = (uint32_t)(c & 0x07) << 18 | (uint32_t)(s[i + 1] & 0x3F) << 12 |
				     (uint32_t)(s[i + 2] & 0x3F) << 6 | (s[i + 3] & 0x3F);
		}
		if (!valid) {
			o += (size_t)sprintf(out + o, "\\x%02X", c);
			i++;
		} else if (cp == '\n' || cp == '\t' || (cp == 0xFEFF && !so->started && i == 0) ||
			   !text_invisible(cp)) {
			memcpy(out + o, s + i, len);
			o += len;
			i += len;
		} else if (cp < 0x100) {
			o += (size_t)sprintf(out + o, "\\x%02X", (unsigned)cp);
			i += len;
		} else {
			o += (size_t)sprintf(out + o, "\\u%04X", (unsigned)cp);
			i += len;
		}
		so->started = true;
	}
	*used = i;
	return o;
}

static ssize_t so_write(void *cookie, const char *buf, size_t n)
{
	safeout *so = cookie;
	size_t total = so->ncarry + n;
	unsigned char *in = xmalloc(total ? total : 1);
	memcpy(in, so->carry, so->ncarry);
	memcpy(in + so->ncarry, buf, n);
	char *out = xmalloc(total * 8 + 8);
	size_t used;
	size_t o = escape(so, in, total, false, out, &used);
	int rc = put_all(so->fd, out, o);
	so->ncarry = total - used;   /* at most 3 bytes */
	memcpy(so->carry, in + used, so->ncarry);
	free(in);
	free(out);
	return rc == 0 ? (ssize_t)n : -1;
}

static int so_close(void *cookie)
{
	safeout *so = cookie;
	int rc = 0;
	if (so->ncarry) {
		char out[64];
		size_t used;
		size_t o = escape(so, so->carry, so->ncarry, true, out, &used);
		rc = put_all(so->fd, out, o);
	}
	free(so);
	return rc;
}

FILE *safeout_open(FILE *raw)
{
	fflush(raw);
	safeout *so = xcalloc(1, sizeof *so);
	so->fd = fileno(raw);
	cookie_io_functions_t io = { .write = so_write, .close = so_close };
	FILE *f = fopencookie(so, "w", io);
	if (!f)
		die("fopencookie failed (out of memory?)");
	return f;
}

static FILE *raw_stdout, *raw_stderr;

void safeout_std(void)
{
	if (raw_stdout)
		return;
	raw_stdout = stdout;
	raw_stderr = stderr;
	FILE *out = safeout_open(stdout), *errs = safeout_open(stderr);
	setvbuf(errs, NULL, _IOLBF, 0);
	if (isatty(STDOUT_FILENO))
		setvbuf(out, NULL, _IOLBF, 0);
	stdout = out;
	stderr = errs;
}

void safeout_std_end(void)
{
	if (!raw_stdout)
		return;
	FILE *out = stdout, *errs = stderr;
	stdout = raw_stdout;
	stderr = raw_stderr;
	fclose(out);
	fclose(errs);
	raw_stdout = raw_stderr = NULL;
}

FILE *safeout_raw_stdout(void)
{
	return raw_stdout ? raw_stdout : stdout;
}
