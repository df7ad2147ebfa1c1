/* err.h — the error type shared by every layer.
 *
 * Two tiers (see HACKING): a bug or out-of-memory aborts through die();
 * anything the user or the data caused is returned as an `err` whose code is
 * the process exit status the CLI will use. A lookup that finds nothing
 * returns E_NOTFOUND, which is neither. */
#ifndef BANGFU_ERR_H
#define BANGFU_ERR_H

#include <stdarg.h>
#include <stddef.h>

enum {
	E_OK = 0,
	E_INPUT = 1,    /* bad input: nothing was written */
	E_USAGE = 2,    /* bad command line */
	E_DB = 3,       /* database error, broken rule found by check, or conflict */
	/* A lookup found nothing: not an error and never an exit status (no
	 * message is set); the caller decides whether none is fine or turns it
	 * into E_INPUT with a message ("no college called X"). */
	E_NOTFOUND = 4,
};

typedef struct err {
	int code;        /* one of E_* (0 while no error) */
	char msg[1024];  /* already translated, one line, no trailing newline */
	char field[32];  /* the record field a rule is about ("date", "member"):
	                    the key a form places the message by; "" when the
	                    error is about no one field */
	unsigned short text_at;  /* for a field error, where what is wrong
	                    begins in msg: msg reads "NAME: what is wrong",
	                    NAME the key (err_field) or, once err_label gave
	                    it, the field's name as the user knows it */
} err;

/* Sets e (if not NULL) and returns code, so that `return err_set(...)` works. */
int err_set(err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int err_vset(err *e, int code, const char *fmt, va_list ap);
/* An error about one field: sets e->field and e->msg = "field: text". */
int err_field(err *e, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Names the field of e (a field error) as the user knows it: msg becomes
 * "label: what is wrong"; e->field, the key, stays. */
void err_label(err *e, const char *label);
/* e's message already reads "label: what is wrong": makes it the error
 * about the field key. */
void err_named(err *e, const char *key, const char *label);
/* What is wrong without the field's name: msg after "NAME: " for a field
 * error, else msg. */
const char *err_text(const err *e);
void err_clear(err *e);

/* A growing list of messages, for imports that report every bad row. */
typedef struct errlist {
	char **msg;
	size_t n, cap;
} errlist;

void errlist_add(errlist *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void errlist_free(errlist *l);

/* Bugs and out-of-memory: print and abort. */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
