#include "config.h"
/* form.c — the form-file parser (the .form files in forms/) through inih. */
#include "ui/form.h"

#include <dirent.h>
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/model.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/text.h"

/* ---- entities and choice sets: the model's ------------------------- */

const record_desc *form_entity_desc(const char *entity)
{
	return model_desc_named(entity);
}

const char *const *form_choice_set(const char *name)
{
	return value_set_named(name);
}

static const char *const type_names[] = {
	[FORM_TEXT] = "text", [FORM_MULTILINE] = "multiline", [FORM_DATE] = "date",
	[FORM_INT] = "int", [FORM_MONEY] = "money", [FORM_CHOICE] = "choice",
	[FORM_MULTI] = "multi", [FORM_STUDENT] = "student",
	[FORM_COUNSELLOR] = "counsellor", [FORM_COLLEGE] = "college",
	[FORM_SEMESTER] = "semester", [FORM_PAIRING] = "pairing",
};

const char *form_type_name(form_type t)
{
	return type_names[t];
}

static bool type_parse(const char *s, form_type *out)
{
	for (size_t i = 0; i < sizeof type_names / sizeof *type_names; i++)
		if (strcmp(type_names[i], s) == 0) {
			*out = (form_type)i;
			return true;
		}
	return false;
}

/* Which record field types a form type can edit. */
static bool type_fits(form_type t, field_type ft)
{
	switch (t) {
	case FORM_TEXT: case FORM_MULTILINE: case FORM_CHOICE:
		return ft == FT_STR;
	case FORM_MULTI:
		return ft == FT_BITS || ft == FT_STR;
	case FORM_DATE:
		return ft == FT_DATE;
	case FORM_INT: case FORM_MONEY:
		return ft == FT_INT;
	case FORM_STUDENT: case FORM_COUNSELLOR: case FORM_COLLEGE:
	case FORM_SEMESTER: case FORM_PAIRING:
		return ft == FT_ID;
	}
	return false;
}

/* ---- parsing --------------------------------------------------------- */

enum { MAX_WIDTH = 200, MAX_LINES = 20, TYPE_UNSET = -1, TYPE_BAD = -2 };

struct parse {
	const char *path;
	const char *text;         /* the whole file */
	size_t pos, len;
	int line;                 /* of the line last handed to inih */
	errlist *errs;
	size_t nerr;
	form_def *f;
	bool in_form;             /* the current section is [form] */
	form_field *cur;          /* the current field section, or NULL */
	char *section;            /* its name as last seen by the handler */
	int section_line;
	bool section_used;
};

static void bad(struct parse *p, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void bad(struct parse *p, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	errlist_add(p->errs, "%s:%d: %s", p->path, line, msg);
	p->nerr++;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = 0;
	return s;
}

static void check_field(struct parse *p, form_field *fl);

/* A section header seen by the reader: ends the previous one. */
static void section_end(struct parse *p)
{
	if (p->cur)
		check_field(p, p->cur);
	p->cur = NULL;
	p->in_form = false;
}

static void section_start(struct parse *p, const char *name, int line)
{
	section_end(p);
	if (strcmp(name, "form") == 0) {
		if (p->f->title_zh || p->f->title_en)
			bad(p, line, _("[form] given twice"));
		p->in_form = true;
		return;
	}
	const char *dot = strchr(name, '.');
	if (!dot || dot == name || !dot[1]) {
		bad(p, line, _("[%s]: a field section is named ENTITY.FIELD (like student.name)"),
		    name);
		return;
	}
	form_field fl = { 0 };
	fl.entity = xstrndup(name, (size_t)(dot - name));
	fl.name = xstrdup(dot + 1);
	fl.line = line;
	fl.width = 20;
	fl.lines = 4;
	fl.type = (form_type)TYPE_UNSET;
	fl.desc = form_entity_desc(fl.entity);
	if (!fl.desc)
		bad(p, line, _("[%s]: no such record type \"%s\""), name, fl.entity);
	else if (!(fl.fd = rec_field(fl.desc, fl.name)))
		bad(p, line, _("[%s]: a %s record has no field \"%s\""), name, fl.entity, fl.name);
	for (size_t i = 0; i < p->f->nfields; i++)
		if (strcmp(p->f->fields[i].entity, fl.entity) == 0
		    && strcmp(p->f->fields[i].name, fl.name) == 0)
			bad(p, line, _("[%s]: the field is already on this form (line %d)"), name,
			    p->f->fields[i].line);
	p->f->fields = xrealloc(p->f->fields, (p->f->nfields + 1) * sizeof *p->f->fields);
	p->f->fields[p->f->nfields] = fl;
	p->cur = &p->f->fields[p->f->nfields++];
}

/* The reader: one line per call (so p->line is the line inih sees), with
 * leading blanks removed (no continuation lines), syntax checked here so
 * that every bad line is reported. */
static char *reader(char *str, int num, void *stream)
{
	struct parse *p = stream;
	if (p->pos >= p->len)
		return NULL;
	const char *start = p->text + p->pos;
	const char *nl = memchr(start, '\n', p->len - p->pos);
	size_t n = nl ? (size_t)(nl - start) : p->len - p->pos;
	p->pos += n + (nl ? 1 : 0);
	p->line++;
	char *buf = xstrndup(start, n);
	char *s = trim(buf);
	if ((int)strlen(s) + 2 > num) {
		bad(p, p->line, "%s", _("line too long"));
		*s = 0;
	} else if (memchr(start, 0, n)) {
		bad(p, p->line, "%s", _("a NUL byte"));
		*s = 0;
	} else if (*s == '[') {
		char *close = strchr(s, ']');
		if (!close) {
			bad(p, p->line, "%s", _("a section header without ]"));
			*s = 0;
		} else {
			char *name = xstrndup(s + 1, (size_t)(close - s - 1));
			section_start(p, trim(name), p->line);
			free(name);
		}
	} else if (*s && *s != ';' && *s != '#' && !strchr(s, '=') && !strchr(s, ':')) {
		bad(p, p->line, _("\"%s\": expected NAME = VALUE"), s);
		*s = 0;
	}
	snprintf(str, (size_t)num, "%s\n", s);
	free(buf);
	return str;
}

static bool yesno(struct parse *p, const char *key, const char *v, bool *out)
{
	if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1")) {
		*out = true;
		return true;
	}
	if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0")) {
		*out = false;
		return true;
	}
	bad(p, p->line, _("%s: \"%s\" is not yes or no"), key, v);
	return false;
}

static bool number(struct parse *p, const char *key, const char *v, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (!*v || *end || errno || n < lo || n > hi) {
		bad(p, p->line, _("%s: \"%s\" is not a number from %d to %d"), key, v, lo, hi);
		return false;
	}
	*out = (int)n;
	return true;
}

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

static void own_choices(form_field *fl, const char *v)
{
	size_t n = 0;
	char *copy = xstrdup(v);
	fl->own_choices = xcalloc(strlen(v) + 2, sizeof *fl->own_choices);
	for (char *tok = strtok(copy, "|"); tok; tok = strtok(NULL, "|")) {
		char *t = trim(tok);
		if (*t)
			fl->own_choices[n++] = xstrdup(t);
	}
	free(copy);
	fl->choices = (const char *const *)fl->own_choices;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct parse *p = user;
	(void)section;
	if (p->in_form) {
		if (!strcmp(name, "title_zh"))
			set_str(&p->f->title_zh, value);
		else if (!strcmp(name, "title_en"))
			set_str(&p->f->title_en, value);
		else
			bad(p, p->line, _("[form]: unknown setting \"%s\""), name);
		return 1;
	}
	form_field *fl = p->cur;
	if (!fl) {
		if (!*section)
			bad(p, p->line, _("\"%s\" before any [section]"), name);
		return 1;     /* inside a section already reported as bad */
	}
	if (!strcmp(name, "label_zh")) {
		set_str(&fl->label_zh, value);
	} else if (!strcmp(name, "label_en")) {
		set_str(&fl->label_en, value);
	} else if (!strcmp(name, "type")) {
		if (!type_parse(value, &fl->type)) {
			bad(p, p->line, _("type: unknown type \"%s\""), value);
			fl->type = (form_type)TYPE_BAD;
		}
	} else if (!strcmp(name, "width")) {
		number(p, name, value, 1, MAX_WIDTH, &fl->width);
	} else if (!strcmp(name, "lines")) {
		number(p, name, value, 1, MAX_LINES, &fl->lines);
	} else if (!strcmp(name, "required")) {
		yesno(p, name, value, &fl->required);
	} else if (!strcmp(name, "hidden")) {
		yesno(p, name, value, &fl->hidden);
	} else if (!strcmp(name, "readonly")) {
		yesno(p, name, value, &fl->readonly);
	} else if (!strcmp(name, "choices")) {
		if (fl->choices) {
			bad(p, p->line, "%s", _("choices: given twice"));
		} else if (strchr(value, '|')) {
			own_choices(fl, value);
			if (!fl->choices[0])
				bad(p, p->line, "%s", _("choices: the list is empty"));
		} else if ((fl->choices = form_choice_set(value))) {
			fl->choice_set = xstrdup(value);
		} else {
			bad(p, p->line, _("choices: no choice set \"%s\" (a list is joined by |)"),
			    value);
		}
	} else if (!strcmp(name, "default")) {
		set_str(&fl->def, value);
	} else if (!strcmp(name, "show_if")) {
		set_str(&fl->show_if, value);
	} else if (!strcmp(name, "hide_if")) {
		set_str(&fl->hide_if, value);
	} else if (!strcmp(name, "show_if_kinds")) {
		const char *badk;
		if (!kinds_parse(value, &fl->show_kinds, &badk))
			bad(p, p->line, _("show_if_kinds: \"%s\" is not a kind of assisted student"),
			    badk ? badk : value);
	} else if (!strcmp(name, "default_on_edit")) {
		yesno(p, name, value, &fl->default_on_edit);
	} else {
		bad(p, p->line, _("unknown setting \"%s\""), name);
	}
	return 1;
}

/* The rules of a complete field section. */
static void check_field(struct parse *p, form_field *fl)
{
	int line = fl->line;
	if (!fl->label_zh || !*fl->label_zh)
		bad(p, line, _("[%s.%s]: label_zh is missing"), fl->entity, fl->name);
	if (!fl->label_en || !*fl->label_en)
		bad(p, line, _("[%s.%s]: label_en is missing"), fl->entity, fl->name);
	if ((int)fl->type == TYPE_UNSET)
		bad(p, line, _("[%s.%s]: type is missing"), fl->entity, fl->name);
	if ((int)fl->type < 0)
		return;
	if (!fl->fd)
		return;
	if (!type_fits(fl->type, fl->fd->type)) {
		bad(p, line, _("[%s.%s]: type %s cannot edit this field"), fl->entity, fl->name,
		    form_type_name(fl->type));
		return;
	}
	bool wants = fl->type == FORM_CHOICE || fl->type == FORM_MULTI;
	if (wants && !fl->choices)
		bad(p, line, _("[%s.%s]: type %s needs choices"), fl->entity, fl->name,
		    form_type_name(fl->type));
	if (!wants && fl->choices)
		bad(p, line, _("[%s.%s]: type %s takes no choices"), fl->entity, fl->name,
		    form_type_name(fl->type));
	if (fl->type == FORM_MULTI && fl->fd->type == FT_BITS
	    && (!fl->choice_set
		|| (strcmp(fl->choice_set, "kinds") && strcmp(fl->choice_set, "topics"))))
		bad(p, line, _("[%s.%s]: a set of flags takes the choices kinds or topics"),
		    fl->entity, fl->name);
	if (fl->def && fl->type == FORM_DATE && strcmp(fl->def, "today")) {
		date_t d;
		if (!date_parse(fl->def, &d))
			bad(p, line, _("[%s.%s]: default \"%s\" is not a date or today"), fl->entity,
			    fl->name, fl->def);
	}
}

static void field_free(form_field *fl)
{
	free(fl->entity);
	free(fl->name);
	free(fl->label_zh);
	free(fl->label_en);
	free(fl->choice_set);
	if (fl->own_choices)
		for (char **c = fl->own_choices; *c; c++)
			free(*c);
	free(fl->own_choices);
	free(fl->def);
	free(fl->show_if);
	free(fl->hide_if);
}

void form_def_free(form_def *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nfields; i++)
		field_free(&f->fields[i]);
	free(f->fields);
	free(f->name);
	free(f->path);
	free(f->title_zh);
	free(f->title_en);
	memset(f, 0, sizeof *f);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	bool failed = ferror(fp);
	fclose(fp);
	if (failed) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

int form_load_file(const char *path, form_def *out, errlist *errs)
{
	struct parse p = { 0 };
	size_t len = 0;
	memset(out, 0, sizeof *out);
	char *text = read_all(path, &len);
	if (!text) {
		errlist_add(errs, "%s: %s", path, strerror(errno));
		return E_INPUT;
	}
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t blen = strlen(base);
	if (blen > 5 && !strcmp(base + blen - 5, ".form"))
		blen -= 5;
	out->name = xstrndup(base, blen);
	out->path = xstrdup(path);
	p.path = path;
	p.text = text;
	p.len = len;
	p.errs = errs;
	p.f = out;
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		p.pos = 3;
	if (!utf8_valid(text, len))
		bad(&p, 1, "%s", _("the file is not UTF-8 text"));
	int rc = ini_parse_stream(reader, &p, handler, &p);
	section_end(&p);
	if (rc > 0 && p.nerr == 0)
		bad(&p, rc, "%s", _("syntax error"));
	if ((!out->title_zh || !out->title_en))
		bad(&p, 1, "%s", _("[form] with title_zh and title_en is missing"));
	if (!p.nerr && out->nfields == 0)
		bad(&p, p.line > 0 ? p.line : 1, "%s", _("the form has no fields"));
	free(text);
	if (p.nerr) {
		form_def_free(out);
		return E_INPUT;
	}
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int form_load_all(const char *dir, form_set *out, errlist *errs)
{
	memset(out, 0, sizeof *out);
	DIR *d = opendir(dir);
	if (!d) {
		errlist_add(errs, _("%s: cannot read the forms folder: %s"), dir, strerror(errno));
		return E_INPUT;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (l > 5 && !strcmp(de->d_name + l - 5, ".form") && de->d_name[0] != '.') {
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, name_cmp);
	bool bad_any = false;
	out->forms = xcalloc(n ? n : 1, sizeof *out->forms);
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		if (form_load_file(path, &out->forms[out->n], errs))
			bad_any = true;
		else
			out->n++;
		free(path);
		free(names[i]);
	}
	free(names);
	if (!n) {
		errlist_add(errs, _("%s: no form files (*.form) there"), dir);
		bad_any = true;
	}
	if (bad_any) {
		form_set_free(out);
		return E_INPUT;
	}
	return 0;
}

const form_def *form_find(const form_set *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->forms[i].name, name))
			return &s->forms[i];
	return NULL;
}

void form_set_free(form_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		form_def_free(&s->forms[i]);
	free(s->forms);
	memset(s, 0, sizeof *s);
}

char *form_default_dir(void)
{
	return paths_data_dir("BANGFU_FORMS", FORMSDIR, "forms", "student.form");
}

const char *form_title(const form_def *f)
{
	return strcmp(i18n_lang(), "en") == 0 ? f->title_en : f->title_zh;
}

const char *form_label(const form_field *f)
{
	return strcmp(i18n_lang(), "en") == 0 ? f->label_en : f->label_zh;
}
