#include "config.h"
/* template.c — the template files of forms/ and a small engine for them:
 * {{name}} substitution and {{#name}}/{{^name}} ... {{/name}} sections. */
#include "report/report.h"
#include "util/paths.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/text.h"

char *report_forms_path(const char *name)
{
	char *dir = paths_data_dir("BANGFU_FORMS", FORMSDIR, "forms", "roster.tpl");
	char *p = xasprintf("%s/%s", dir, name);
	free(dir);
	return p;
}

enum { TPL_MAX_FILE = 1 << 20 };

int report_read_file(const char *path, char **out, err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, E_INPUT, _("%s: cannot read: %s"), path, strerror(errno));
	char *buf = xmalloc(TPL_MAX_FILE + 1);
	size_t n = fread(buf, 1, TPL_MAX_FILE + 1, f);
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		return err_set(e, E_INPUT, _("%s: cannot read"), path);
	}
	if (n > TPL_MAX_FILE) {
		free(buf);
		return err_set(e, E_INPUT, _("%s: too large"), path);
	}
	if (!utf8_valid(buf, n) || memchr(buf, 0, n)) {
		free(buf);
		return err_set(e, E_INPUT, _("%s: not UTF-8 text"), path);
	}
	buf[n] = 0;
	*out = buf;
	return 0;
}

int report_width(const char *s)
{
	return text_width(s ? s : "");
}

/* ---- variables -------------------------------------------------------- */

struct tpl_vars {
	char **names, **values;
	size_t n, cap;
};

tpl_vars *tpl_vars_new(void)
{
	return xcalloc(1, sizeof(tpl_vars));
}

void tpl_vars_free(tpl_vars *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		free(v->names[i]);
		free(v->values[i]);
	}
	free(v->names);
	free(v->values);
	free(v);
}

void tpl_set(tpl_vars *v, const char *name, const char *value)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->names[i], name) == 0) {
			free(v->values[i]);
			v->values[i] = xstrdup(value ? value : "");
			return;
		}
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 32;
		v->names = xrealloc(v->names, v->cap * sizeof *v->names);
		v->values = xrealloc(v->values, v->cap * sizeof *v->values);
	}
	v->names[v->n] = xstrdup(name);
	v->values[v->n] = xstrdup(value ? value : "");
	v->n++;
}

void tpl_setf(tpl_vars *v, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	tpl_set(v, name, s);
	free(s);
}

void tpl_set_num(tpl_vars *v, const char *name, long long n)
{
	tpl_setf(v, name, "%lld", n);
}

const char *tpl_get(const tpl_vars *v, const char *name)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->names[i], name) == 0)
			return v->values[i];
	return NULL;
}

/* ---- expansion -------------------------------------------------------- */

struct sbuf {
	char *s;
	size_t n, cap;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

enum { TPL_DEPTH = 16 };

static bool tpl_truthy(const char *v)
{
	return v && *v && strcmp(v, "0") != 0;
}

static int line_of(const char *src, const char *p)
{
	int line = 1;
	for (const char *q = src; q < p; q++)
		if (*q == '\n')
			line++;
	return line;
}

/* True when the tag [a, b) stands alone on its line: only blanks before it
 * since the line start and after it up to the line end. */
static bool tag_alone(const char *src, const char *a, const char *b, const char **line_end)
{
	const char *p = a;
	while (p > src && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	if (p > src && p[-1] != '\n')
		return false;
	const char *q = b;
	while (*q == ' ' || *q == '\t' || *q == '\r')
		q++;
	if (*q != '\n' && *q != 0)
		return false;
	*line_end = *q ? q + 1 : q;
	return true;
}

/* The expansion under way: the output so far, the open sections (their
 * names, whether the text around them was being kept, where they opened). */
struct expansion {
	const char *src, *file;
	const tpl_vars *v;
	struct sbuf b;
	struct {
		char name[64];
		bool keep;
		const char *at;
	} stack[TPL_DEPTH];
	int depth;
	bool keep;
};

/* One tag: its kind (0 a value, '#' '^' '/' sections, '!' a comment), its
 * name, and where it opens and ends. */
struct tag {
	char kind;
	char name[64];
	const char *open, *after;
};

static bool name_char(char c)
{
	return c == '_' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Reads the tag that opens at open ("{{"): 0, or E_INPUT naming FILE:LINE. */
static int parse_tag(struct expansion *x, const char *open, struct tag *t, err *e)
{
	const char *close = strstr(open + 2, "}}");
	if (!close)
		return err_set(e, E_INPUT, _("%s:%d: '{{' without '}}'"), x->file,
			       line_of(x->src, open));
	const char *tag = open + 2;
	size_t len = (size_t)(close - tag);
	t->kind = 0;
	t->open = open;
	t->after = close + 2;
	t->name[0] = 0;
	if (len && strchr("#^/!", *tag)) {
		t->kind = *tag;
		tag++;
		len--;
	}
	while (len && (*tag == ' ' || *tag == '\t')) {
		tag++;
		len--;
	}
	while (len && (tag[len - 1] == ' ' || tag[len - 1] == '\t'))
		len--;
	if (t->kind == '!')
		return 0;
	if (!len || len >= sizeof t->name)
		return err_set(e, E_INPUT, _("%s:%d: a tag needs a name"), x->file,
			       line_of(x->src, open));
	memcpy(t->name, tag, len);
	t->name[len] = 0;
	for (size_t i = 0; i < len; i++)
		if (!name_char(t->name[i]))
			return err_set(e, E_INPUT, _("%s:%d: '%s' is not a name"), x->file,
				       line_of(x->src, open), t->name);
	return 0;
}

/* Applies a value or section tag whose value is val (NULL for a closing
 * tag). */
static int apply_tag(struct expansion *x, const struct tag *t, const char *val, err *e)
{
	if (t->kind == 0) {
		if (x->keep)
			sb_add(&x->b, val, strlen(val));
	} else if (t->kind == '#' || t->kind == '^') {
		if (x->depth == TPL_DEPTH)
			return err_set(e, E_INPUT, _("%s:%d: sections nested too deep"), x->file,
				       line_of(x->src, t->open));
		snprintf(x->stack[x->depth].name, sizeof x->stack[x->depth].name, "%s", t->name);
		x->stack[x->depth].keep = x->keep;
		x->stack[x->depth].at = t->open;
		x->depth++;
		bool truthy = tpl_truthy(val);
		x->keep = x->keep && (t->kind == '#' ? truthy : !truthy);
	} else { /* '/' */
		if (!x->depth || strcmp(x->stack[x->depth - 1].name, t->name) != 0)
			return err_set(e, E_INPUT, _("%s:%d: {{/%s}} closes no open section"),
				       x->file, line_of(x->src, t->open), t->name);
		x->depth--;
		x->keep = x->stack[x->depth].keep;
	}
	return 0;
}

/* Expands from p to the end of the source. */
static int expand_all(struct expansion *x, const char *p, err *e)
{
	while (*p) {
		const char *open = strstr(p, "{{");
		if (!open) {
			if (x->keep)
				sb_add(&x->b, p, strlen(p));
			return 0;
		}
		struct tag t;
		int rc = parse_tag(x, open, &t, e);
		if (rc)
			return rc;
		const char *line_end;
		bool alone = t.kind && tag_alone(x->src, open, t.after, &line_end);
		/* Text before the tag (without the blanks of a lone tag's line). */
		if (x->keep) {
			const char *upto = open;
			if (alone)
				while (upto > p && (upto[-1] == ' ' || upto[-1] == '\t'))
					upto--;
			sb_add(&x->b, p, (size_t)(upto - p));
		}
		p = alone ? line_end : t.after;
		if (t.kind == '!')
			continue;
		const char *val = tpl_get(x->v, t.name);
		if (!val && t.kind != '/')
			return err_set(e, E_INPUT, _("%s:%d: unknown name '%s'"), x->file,
				       line_of(x->src, open), t.name);
		if ((rc = apply_tag(x, &t, val, e)) != 0)
			return rc;
	}
	return 0;
}

int tpl_expand(const char *src, const char *file, const tpl_vars *v, char **out, err *e)
{
	struct expansion x = { .src = src, .file = file, .v = v, .keep = true };
	sb_add(&x.b, "", 0);
	int rc = expand_all(&x, src, e);
	if (!rc && x.depth)
		rc = err_set(e, E_INPUT, _("%s:%d: section '%s' is never closed"), file,
			     line_of(src, x.stack[x.depth - 1].at), x.stack[x.depth - 1].name);
	if (rc) {
		free(x.b.s);
		return rc;
	}
	*out = x.b.s;
	return 0;
}
