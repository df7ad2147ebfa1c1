#include "config.h"
/* test_form.c — the form files: every shipped file loads and names real
 * record fields; broken files are reported as FILE:LINE and load nothing. */
#include <criterion/criterion.h>

#include "tmpdir.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/model.h"
#include "ui/form.h"

static char *forms_dir(void)
{
	const char *top = getenv("top_srcdir");
	return strdup(top ? top : "..");
}

static void dump_errs(const errlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		fprintf(stderr, "%s\n", l->msg[i]);
}

Test(form, every_shipped_form_loads)
{
	char *top = forms_dir();
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/forms", top);
	form_set set;
	errlist errs = { 0 };
	int rc = form_load_all(dir, &set, &errs);
	dump_errs(&errs);
	cr_assert_eq(rc, 0, "forms in %s: %zu problem(s)", dir, errs.n);
	cr_assert_eq(errs.n, 0);
	const char *want[] = { "student", "pairing", "talk", "counsellor", "aid", "college",
			       "semester" };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		cr_assert_not_null(form_find(&set, want[i]), "form %s", want[i]);
	for (size_t i = 0; i < set.n; i++) {
		const form_def *f = &set.forms[i];
		cr_assert(f->title_zh && *f->title_zh && f->title_en && *f->title_en);
		cr_assert_gt(f->nfields, 0);
		for (size_t j = 0; j < f->nfields; j++) {
			const form_field *fl = &f->fields[j];
			const record_desc *d = form_entity_desc(fl->entity);
			cr_assert_not_null(d, "%s: entity %s", f->name, fl->entity);
			cr_assert_not_null(rec_field(d, fl->name), "%s: %s.%s is no record field",
					   f->name, fl->entity, fl->name);
			cr_assert_eq(fl->fd, rec_field(d, fl->name));
			if (fl->choice_set)
				cr_assert_not_null(form_choice_set(fl->choice_set));
			if (fl->type == FORM_CHOICE || fl->type == FORM_MULTI)
				cr_assert_not_null(fl->choices);
			cr_assert(fl->label_zh && *fl->label_zh && fl->label_en && *fl->label_en);
		}
	}
	/* The pairing form's helper is picked by searching students. */
	const form_def *p = form_find(&set, "pairing");
	cr_assert_str_eq(p->fields[0].name, "member_id");
	cr_assert_eq(p->fields[0].type, FORM_STUDENT);
	form_set_free(&set);
	free(top);
}

Test(form, named_sets_match_the_model)
{
	const char *const *k = form_choice_set("kinds");
	const char *const *t = form_choice_set("topics");
	char buf[64];
	for (int i = 0; k[i]; i++) {
		kinds_format(1u << i, buf, sizeof buf);
		cr_assert_str_eq(k[i], buf);
	}
	for (int i = 0; t[i]; i++) {
		topics_format(1u << i, buf, sizeof buf);
		cr_assert_str_eq(t[i], buf);
	}
	const char *names[] = { "political", "gender", "mode", "aid_kind", "tier", "kinds",
				"topics", "target_status" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		cr_assert_not_null(form_choice_set(names[i]), "%s", names[i]);
	cr_assert_null(form_choice_set("colour"));
}

static char tmpdir[64];

static char *write_form(const char *name, const char *text)
{
	if (!tmpdir[0]) {
		char *d = test_mkdtemp("bangfu-form");
		cr_assert_not_null(d);
		snprintf(tmpdir, sizeof tmpdir, "%s", d);
		free(d);
	}
	char *path = malloc(strlen(tmpdir) + strlen(name) + 2);
	sprintf(path, "%s/%s", tmpdir, name);
	FILE *fp = fopen(path, "w");
	cr_assert_not_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

#define HEAD "[form]\ntitle_zh = 测试\ntitle_en = Test\n\n"

static void expect_broken(const char *text, const char *where, const char *what)
{
	char *path = write_form("t.form", text);
	form_def f;
	errlist errs = { 0 };
	int rc = form_load_file(path, &f, &errs);
	cr_assert_eq(rc, E_INPUT, "%s loaded", what);
	cr_assert_eq(f.nfields, 0, "nothing is loaded");
	cr_assert_null(f.fields);
	char want[4200];
	snprintf(want, sizeof want, "%s:%s: ", path, where);
	bool found = false;
	for (size_t i = 0; i < errs.n; i++)
		if (!strncmp(errs.msg[i], want, strlen(want)) && strstr(errs.msg[i], what))
			found = true;
	dump_errs(&errs);
	cr_assert(found, "expected %s...%s", want, what);
	errlist_free(&errs);
	free(path);
}

Test(form, unknown_type)
{
	expect_broken(HEAD "[student.name]\nlabel_zh = 姓名\nlabel_en = Name\n"
			   "type = txet\n", "8", "txet");
}

Test(form, unknown_record_field)
{
	expect_broken(HEAD "[student.nickname]\nlabel_zh = 昵称\nlabel_en = Nickname\n"
			   "type = text\n", "5", "nickname");
	expect_broken(HEAD "[teacher.name]\nlabel_zh = 姓名\nlabel_en = Name\n"
			   "type = text\n", "5", "teacher");
}

Test(form, missing_label)
{
	expect_broken(HEAD "[student.name]\nlabel_zh = 姓名\ntype = text\n", "5", "label_en");
}

Test(form, bad_width)
{
	expect_broken(HEAD "[student.name]\nlabel_zh = 姓名\nlabel_en = Name\n"
			   "type = text\nwidth = wide\n", "9", "width");
	expect_broken(HEAD "[student.name]\nlabel_zh = 姓名\nlabel_en = Name\n"
			   "type = text\nwidth = 0\n", "9", "width");
}

Test(form, other_problems)
{
	expect_broken(HEAD "[student.name]\nlabel_zh = 姓名\nlabel_en = Name\n", "5",
		      "type is missing");
	expect_broken(HEAD "[student.gender]\nlabel_zh = 性别\nlabel_en = Gender\n"
			   "type = choice\nchoices = colours\n", "9", "colours");
	expect_broken(HEAD "[student.name]\nlabel_zh = 姓名\nlabel_en = Name\n"
			   "type = date\n", "5", "cannot edit");
	expect_broken(HEAD "[student.name]\nlabel_zh = 姓名\nlabel_en = Name\n"
			   "type = text\nthis line is wrong\n", "9", "NAME = VALUE");
	expect_broken(HEAD "[student.name]\nlabel_zh = 姓名\nlabel_en = Name\n"
			   "type = text\ncolour = red\n", "9", "colour");
	expect_broken("[student.name]\nlabel_zh = 姓名\nlabel_en = Name\ntype = text\n", "1",
		      "title");
}

Test(form, every_problem_is_reported)
{
	char *path = write_form("many.form",
				HEAD "[student.name]\nlabel_zh = 姓名\nlabel_en = Name\n"
				     "type = txet\n"                        /* 8 */
				     "[student.nickname]\nlabel_zh = x\nlabel_en = x\n" /* 9 */
				     "type = text\nwidth = -3\n");          /* 13 */
	form_def f;
	errlist errs = { 0 };
	cr_assert_eq(form_load_file(path, &f, &errs), E_INPUT);
	dump_errs(&errs);
	cr_assert_geq(errs.n, 3);
	char want[3][4200];
	snprintf(want[0], sizeof want[0], "%s:8: ", path);
	snprintf(want[1], sizeof want[1], "%s:9: ", path);
	snprintf(want[2], sizeof want[2], "%s:13: ", path);
	for (int w = 0; w < 3; w++) {
		bool found = false;
		for (size_t i = 0; i < errs.n; i++)
			found |= !strncmp(errs.msg[i], want[w], strlen(want[w]));
		cr_assert(found, "no message at %s", want[w]);
	}
	errlist_free(&errs);
	free(path);
}

Test(form, a_broken_file_in_the_folder_loads_nothing)
{
	char *good = write_form("good.form", HEAD "[student.name]\nlabel_zh = 姓名\n"
					      "label_en = Name\ntype = text\n");
	char *broken = write_form("zbroken.form", HEAD "[student.name]\nlabel_zh = 姓名\n"
						  "label_en = Name\ntype = nope\n");
	form_set set;
	errlist errs = { 0 };
	cr_assert_eq(form_load_all(tmpdir, &set, &errs), E_INPUT);
	cr_assert_eq(set.n, 0);
	cr_assert_eq(errs.n, 1);
	cr_assert(strstr(errs.msg[0], "zbroken.form:8: "), "%s", errs.msg[0]);
	unlink(broken);
	errlist_free(&errs);
	cr_assert_eq(form_load_all(tmpdir, &set, &errs), 0);
	cr_assert_eq(set.n, 1);
	cr_assert_str_eq(set.forms[0].fields[0].label_zh, "姓名");
	form_set_free(&set);
	free(good);
	free(broken);
}

Test(form, explicit_choices_and_settings)
{
	char *path = write_form("x.form", HEAD "[student.class_name]\nlabel_zh = 班级\n"
					  "label_en = Class\ntype = choice\n"
					  "choices = 一班 | 二班|三班\nwidth = 8\nrequired = yes\n"
					  "hidden = no\ndefault = 一班 ; a comment\n");
	form_def f;
	errlist errs = { 0 };
	cr_assert_eq(form_load_file(path, &f, &errs), 0);
	cr_assert_eq(f.nfields, 1);
	cr_assert_str_eq(f.name, "x");
	const form_field *fl = &f.fields[0];
	cr_assert_str_eq(fl->choices[0], "一班");
	cr_assert_str_eq(fl->choices[1], "二班");
	cr_assert_str_eq(fl->choices[2], "三班");
	cr_assert_null(fl->choices[3]);
	cr_assert_eq(fl->width, 8);
	cr_assert(fl->required);
	cr_assert_str_eq(fl->def, "一班");
	form_def_free(&f);
	free(path);
}

/* show_if_kinds names kinds of assisted students (any spelling the model
 * reads); default_on_edit is yes or no. */
Test(form, kinds_and_default_on_edit)
{
	char *path = write_form("k.form", HEAD "[pairing.gpa_start]\nlabel_zh = 绩点\n"
					  "label_en = GPA\ntype = text\nshow_if_kinds = 学业、心理\n"
					  "\n[pairing.end]\nlabel_zh = 结束\nlabel_en = End\n"
					  "type = date\ndefault = today\ndefault_on_edit = yes\n");
	form_def f;
	errlist errs = { 0 };
	cr_assert_eq(form_load_file(path, &f, &errs), 0);
	dump_errs(&errs);
	cr_assert_eq(f.fields[0].show_kinds, KIND_ACADEMIC | KIND_PSYCH);
	cr_assert(!f.fields[0].default_on_edit);
	cr_assert_eq(f.fields[1].show_kinds, 0, "shown for every kind");
	cr_assert(f.fields[1].default_on_edit);
	form_def_free(&f);
	free(path);
	expect_broken(HEAD "[pairing.gpa_start]\nlabel_zh = 绩点\nlabel_en = GPA\n"
			   "type = text\nshow_if_kinds = 体育困难\n", "9", "体育困难");
	expect_broken(HEAD "[pairing.end]\nlabel_zh = 结束\nlabel_en = End\n"
			   "type = date\ndefault_on_edit = perhaps\n", "9", "perhaps");
}
