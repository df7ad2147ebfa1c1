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

int tpl_expand(const char *src, const char *file, const tpl_vars *v, char **out, err *e)
{
	struct sbuf b = { 0 };
	/* Sections: the name and whether its body is being kept. */
	struct {
		char name[64];
		bool keep;
		const char *at;
	} stack[TPL_DEPTH];
	int depth = 0;
	bool keep = true;
	const char *p = src;

	sb_add(&b, "", 0);
	while (*p) {
		const char *open = strstr(p, "{{");
		if (!open) {
			if (keep)
				sb_add(&b, p, strlen(p));
			break;
		}
		const char *close = strstr(open + 2, "}}");
		if (!close) {
			free(b.s);
			return err_set(e, E_INPUT, _("%s:%d: '{{' without '}}'"), file, line_of(src, open));
		}
		const char *tag = open + 2;
		size_t len = (size_t)(close - tag);
		char kind = 0;
		if (len && strchr("#^/!", *tag)) {
			kind = *tag;
			tag++;
			len--;
		}
		while (len && (*tag == ' ' || *tag == '\t')) {
			tag++;
			len--;
		}
		while (len && (tag[len - 1] == ' ' || tag[len - 1] == '\t'))
			len--;
		char name[64];
		if (kind != '!') {
			if (!len || len >= sizeof name) {
				free(b.s);
				return err_set(e, E_INPUT, _("%s:%d: a tag needs a name"), file,
					       line_of(src, open));
			}
			memcpy(name, tag, len);
			name[len] = 0;
			for (size_t i = 0; i < len; i++)
				if (!(name[i] == '_' || name[i] == '.' || (name[i] >= 'a' && name[i] <= 'z') ||
				      (name[i] >= 'A' && name[i] <= 'Z') || (name[i] >= '0' && name[i] <= '9'))) {
					free(b.s);
					return err_set(e, E_INPUT, _("%s:%d: '%s' is not a name"), file,
						       line_of(src, open), name);
				}
		}
		const char *after = close + 2, *line_end;
		bool alone = kind && tag_alone(src, open, after, &line_end);
		/* Text before the tag (without the blanks of a lone tag's line). */
		if (keep) {
			const char *upto = open;
			if (alone)
				while (upto > p && (upto[-1] == ' ' || upto[-1] == '\t'))
					upto--;
			sb_add(&b, p, (size_t)(upto - p));
		}
		p = alone ? line_end : after;
		if (kind == '!')
			continue;
		const char *val = tpl_get(v, name);
		if (!val && (kind == 0 || kind == '#' || kind == '^')) {
			free(b.s);
			return err_set(e, E_INPUT, _("%s:%d: unknown name '%s'"), file,
				       line_of(src, open), name);
		}
		if (kind == 0) {
			if (keep)
				sb_add(&b, val, strlen(val));
		} else if (kind == '#' || kind == '^') {
			if (depth == TPL_DEPTH) {
				free(b.s);
				return err_set(e, E_INPUT, _("%s:%d: sections nested too deep"), file,
					       line_of(src, open));
			}
			snprintf(stack[depth].name, sizeof stack[depth].name, "%s", name);
			stack[depth].keep = keep;
			stack[depth].at = open;
			depth++;
			bool t = tpl_truthy(val);
			keep = keep && (kind == '#' ? t : !t);
		} else { /* '/' */
			if (!depth || strcmp(stack[depth - 1].name, name) != 0) {
				free(b.s);
				return err_set(e, E_INPUT, _("%s:%d: {{/%s}} closes no open section"), file,
					       line_of(src, open), name);
			}
			depth--;
			keep = stack[depth].keep;
		}
	}
	if (depth) {
		int line = line_of(src, stack[depth - 1].at);
		err_set(e, E_INPUT, _("%s:%d: section '%s' is never closed"), file, line,
			stack[depth - 1].name);
		free(b.s);
		return E_INPUT;
	}
	*out = b.s;
	return 0;
}
