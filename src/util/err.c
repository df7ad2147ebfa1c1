#include "config.h"
#include "util/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int err_vset(err *e, int code, const char *fmt, va_list ap)
{
	if (e) {
		e->code = code;
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		e->field[0] = '\0';
		e->text_at = 0;
	}
	return code;
}

int err_set(err *e, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(e, code, fmt, ap);
	va_end(ap);
	return code;
}

int err_field(err *e, int code, const char *field, const char *fmt, ...)
{
	char text[sizeof e->msg];
	va_list ap;
	if (!e)
		return code;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	err_set(e, code, "%s: %s", field, text);
	err_named(e, field, field);
	return code;
}

void err_named(err *e, const char *key, const char *label)
{
	size_t n = strlen(label);
	if (!e)
		return;
	snprintf(e->field, sizeof e->field, "%s", key);
	e->text_at = 0;
	if (strncmp(e->msg, label, n) == 0 && strncmp(e->msg + n, ": ", 2) == 0)
		e->text_at = (unsigned short)(n + 2);
}

void err_label(err *e, const char *label)
{
	char text[sizeof e->msg];
	if (!e || !e->field[0])
		return;
	size_t tl = strlen(err_text(e));
	memcpy(text, err_text(e), tl + 1);
	size_t n = strlen(label);
	if (n > sizeof e->msg / 4)
		n = sizeof e->msg / 4;
	if (tl > sizeof e->msg - n - 3)
		tl = sizeof e->msg - n - 3;
	memcpy(e->msg, label, n);
	memcpy(e->msg + n, ": ", 2);
	memcpy(e->msg + n + 2, text, tl);
	e->msg[n + 2 + tl] = '\0';
	e->text_at = (unsigned short)(n + 2);
}

const char *err_text(const err *e)
{
	if (e->field[0] && e->text_at && e->text_at <= strlen(e->msg))
		return e->msg + e->text_at;
	return e->msg;
}

void err_clear(err *e)
{
	if (e) {
		e->code = 0;
		e->msg[0] = '\0';
		e->field[0] = '\0';
		e->text_at = 0;
	}
}

void errlist_add(errlist *l, const char *fmt, ...)
{
	va_list ap;
	char *s;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->msg = xrealloc(l->msg, l->cap * sizeof *l->msg);
	}
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	l->msg[l->n++] = s;
}

void errlist_free(errlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->msg[i]);
	free(l->msg);
	l->msg = NULL;
	l->n = l->cap = 0;
}

_Noreturn void die(const char *fmt, ...)
{
	va_list ap;
	fputs("bangfu: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die("out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");
	if (!p)
		die("out of memory");
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);
	if (!p)
		die("out of memory");
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	return s;
}
