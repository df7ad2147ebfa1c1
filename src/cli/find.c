/* find.c — bangfu find TEXT: one line per student,
 * student number, name, college and class separated by tabs. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/model.h"
#include "util/i18n.h"

/* Colleges are looked up once each: a search may match thousands. */
struct find_ctx {
	model_txn *t;
	rid last_college;
	char *college_name;
	err *e;
	int rc;
};

/* Tabs and newlines inside a field would break the line format. */
static void find_field(const char *s)
{
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int find_one(const student *s, void *ctx)
{
	struct find_ctx *f = ctx;
	if (!f->college_name || rid_cmp(&f->last_college, &s->college_id) != 0) {
		free(f->college_name);
		f->college_name = NULL;
		college c = { 0 };
		int rc = rid_is_zero(&s->college_id) ? E_NOTFOUND
			 : college_get(f->t, &s->college_id, &c, f->e);
		if (rc == 0) {
			f->college_name = xstrdup(c.name ? c.name : "");
			rec_free(&college_desc, &c);
		} else if (rc == E_NOTFOUND) {
			f->college_name = xstrdup("");
		} else {
			f->rc = rc;
			return rc;
		}
		f->last_college = s->college_id;
	}
	find_field(s->student_no);
	putchar('\t');
	find_field(s->name);
	putchar('\t');
	find_field(f->college_name);
	putchar('\t');
	find_field(s->class_name);
	putchar('\n');
	return 0;
}

struct find_args {
	const char *text;
	struct find_ctx f;
};

static int find_read(model_txn *t, void *ctx, err *e)
{
	struct find_args *a = ctx;
	a->f.t = t;
	a->f.e = e;
	return model_find(t, a->text, find_one, &a->f, e);
}

static int find_run(struct cli_ctx *c, int argc, char **argv)
{
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_find, argc, argv, "", NULL, NULL, NULL, &first, &done);
	if (rc || done)
		return rc;
	if (first >= argc)
		return cli_usage(&cli_cmd_find, _("find needs a text to search for"));
	if (argc - first > 1)
		return cli_usage(&cli_cmd_find, _("too many arguments (put a name with spaces in quotes)"));
	if ((rc = cli_open(c, false)) != 0)
		return rc;
	struct find_args a = { .text = argv[first] };
	err e = { 0 };
	rc = model_read(c->st, find_read, &a, &e);
	free(a.f.college_name);
	if (rc)
		return cli_fail(&e);
	return 0;
}

const struct cli_cmd cli_cmd_find = {
	"find",
	N_("TEXT"),
	N_("Find students by student number (or its beginning), name, or pinyin (full or initials)."),
	find_run,
};
