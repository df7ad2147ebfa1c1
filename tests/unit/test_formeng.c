/* test_formeng.c — the form engine without curses: the shipped form files
 * opened on a database, values typed into fields, checked and saved
 * through the model. An amount reads as the CSV import reads it (¥12.5);
 * a rule's message goes beside the field its error names (err.field);
 * checking writes nothing, also when the pairing's semester or the
 * student of a new profile does not exist yet; a save writes them all. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fixtures.h"
#include "model/model.h"
#include "ui/formeng.h"

static char *form_path(const char *name)
{
	const char *top = getenv("top_srcdir");
	char *p = malloc(4096);
	snprintf(p, 4096, "%s/forms/%s.form", top ? top : "..", name);
	return p;
}

struct world {
	rid col, mem, tgt, pair;
	bool with_semester;
};

static int setup_fn(store_txn *t, void *ctx, err *e)
{
	struct world *w = ctx;
	(void)e;
	w->col = mk_college(t, "计算机学院", 0, 0);
	w->mem = mk_student(t, "2023010101", "张三", w->col, "中共党员");
	w->tgt = mk_student(t, "2024010101", "李四", w->col, "共青团员");
	mk_target(t, w->tgt, KIND_ACADEMIC);
	if (w->with_semester)
		w->pair = mk_pair(t, w->mem, w->tgt, "2026-03-01");
	return 0;
}

static store *world(struct world *w)
{
	store *s = test_db();
	err e = { 0 };
	cr_assert_eq(store_write(s, setup_fn, w, &e), 0, "%s", e.msg);
	return s;
}

static void open_form(fe_form *f, store *s, const char *name, const char *const *presets)
{
	errlist errs = { 0 };
	err e = { 0 };
	char *path = form_path(name);
	int rc = fe_open(f, s, ROLE_SECRETARY, path, NULL, presets, &errs, &e);
	cr_assert_eq(rc, 0, "%s: %s", path, e.msg);
	free(path);
	errlist_free(&errs);
}

static fe_value *field(fe_form *f, const char *entity, const char *name)
{
	fe_value *v = fe_field(f, entity, name);
	cr_assert_not_null(v, "%s.%s", entity, name);
	return v;
}

static int first_aid(const aid *a, void *ctx)
{
	*(int64_t *)ctx = a->amount_fen;
	return 1;
}

struct aid_read {
	rid pairing;
	int64_t fen;
};

static int read_aid(model_txn *t, void *ctx, err *e)
{
	struct aid_read *r = ctx;
	int rc = model_aid_of_pairing(t, &r->pairing, first_aid, &r->fen, e);
	return rc == 1 ? 0 : rc;
}

/* Fails on the old form, which refused "¥12.5" that a CSV import takes. */
Test(formeng, an_amount_reads_as_the_import_reads_it)
{
	struct world w = { .with_semester = true };
	store *s = world(&w);
	char hex[33];
	rid_hex(&w.pair, hex);
	const char *presets[] = { "pairing_id", hex, NULL };
	fe_form f;
	open_form(&f, s, "aid", presets);
	fe_set_choice(field(&f, "aid", "kind"), "资金");
	fe_value *amt = field(&f, "aid", "amount_fen");
	fe_set_text(amt, "¥12.5");
	cr_assert(fe_check(&f, true), "¥12.5: %s", amt->msg ? amt->msg : "(no message)");
	cr_assert_null(amt->msg);
	fe_set_text(amt, "12.345");
	cr_assert(!fe_check(&f, true));
	cr_assert_not_null(amt->msg, "three decimals are refused, as in a CSV");
	fe_set_text(amt, "¥12.5");
	fe_conflict c;
	cr_assert_eq(fe_save(&f, &c), FE_SAVED, "%s", f.top_msg ? f.top_msg : "");
	fe_free(&f);
	struct aid_read r = { w.pair, 0 };
	err e = { 0 };
	cr_assert_eq(model_read(s, read_aid, &r, &e), 0, "%s", e.msg);
	cr_assert_eq(r.fen, 1250, "stored %lld fen", (long long)r.fen);
	store_close(s);
}

/* The model's error names its field; the engine puts the message there
 * without the "field: " the CLI prints. */
Test(formeng, a_rule_goes_beside_the_field_it_names)
{
	struct world w = { .with_semester = true };
	store *s = world(&w);
	fe_form f;
	char hex[33];
	rid_hex(&w.pair, hex);
	const char *p2[] = { "pairing_id", hex, NULL };
	open_form(&f, s, "aid", p2);
	fe_set_choice(field(&f, "aid", "kind"), "资金");
	fe_set_text(field(&f, "aid", "amount_fen"), "10");
	fe_value *date = field(&f, "aid", "date");
	fe_set_text(date, "2026-06-01");
	cr_assert(!fe_check(&f, true));
	cr_assert_not_null(date->msg);
	cr_assert_str_eq(date->msg, "2026-06-01 is in the future");
	cr_assert_null(f.top_msg);
	/* an error whose field is on no field of the form goes on top */
	err e = { 0 };
	err_field(&e, E_INPUT, "colour", "%s", "no such thing");
	fe_place_error(&f, 0, &e);
	cr_assert_str_eq(f.top_msg, "colour: no such thing");
	/* "amount" names amount_fen */
	fe_set_text(date, "2026-05-01");
	fe_set_text(field(&f, "aid", "amount_fen"), "0");
	cr_assert(!fe_check(&f, true));
	cr_assert_str_eq(field(&f, "aid", "amount_fen")->msg, "must be more than 0 yuan");
	fe_free(&f);
	store_close(s);
}

/* Every broken rule at once, each beside its field (model_check_all): the
 * minutes' rule does not hide the follow-up's. */
Test(formeng, every_broken_rule_beside_its_field)
{
	struct world w = { .with_semester = true };
	store *s = world(&w);
	fe_form f;
	char hex[33];
	rid_hex(&w.pair, hex);
	const char *p[] = { "pairing_id", hex, NULL };
	open_form(&f, s, "talk", p);
	fe_value *min = field(&f, "talk", "minutes"), *fu = field(&f, "talk", "follow_up");
	fe_set_text(field(&f, "talk", "date"), "2026-05-01");
	fe_set_text(min, "0");
	field(&f, "talk", "topics")->bits = 1;
	fe_set_text(fu, "2026-04-01");
	cr_assert(!fe_check(&f, true));
	cr_assert_not_null(min->msg);
	cr_assert(strstr(min->msg, "must be between 1 and"), "%s", min->msg);
	cr_assert_not_null(fu->msg, "the follow-up's rule is shown too");
	cr_assert_str_eq(fu->msg, "is before the talk");
	cr_assert_null(f.top_msg);
	/* corrected, each message goes */
	fe_set_text(min, "45");
	cr_assert(!fe_check(&f, true));
	cr_assert_null(min->msg);
	cr_assert_not_null(fu->msg);
	fe_set_text(fu, "");
	cr_assert(fe_check(&f, true), "%s", f.top_msg ? f.top_msg : "");
	cr_assert_null(fu->msg);
	fe_free(&f);
	store_close(s);
}

static int count_fn(model_txn *t, void *ctx, err *e)
{
	size_t *n = ctx;
	model_stats st;
	int rc = model_stats_get(t, &st, e);
	n[0] = st.pairings;
	n[1] = st.students;
	n[2] = st.targets;
	size_t sems = 0;
	semester m;
	char code[12];
	semester_of(date_today(), code);
	if (semester_by_code(t, code, &m, e) == 0) {
		sems = 1;
		rec_free(&semester_desc, &m);
	}
	n[3] = sems;
	return rc;
}

static void counts(store *s, size_t n[4])
{
	err e = { 0 };
	cr_assert_eq(model_read(s, count_fn, n, &e), 0, "%s", e.msg);
}

/* On a database without the current semester, the pairing form checks the
 * pairing's rules (here: a helper already at the limit) without making the
 * semester; the save makes it. The old form did a trial write for this. */
Test(formeng, a_new_semester_is_checked_without_writing)
{
	struct world w = { .with_semester = false };
	store *s = world(&w);
	fe_form f;
	size_t n[4];
	uint64_t before = model_last_txn(s);
	open_form(&f, s, "pairing", NULL);
	fe_value *sem = field(&f, "pairing", "semester_id");
	cr_assert(!sem->has_ref && sem->new_code, "the current semester is new");
	fe_set_ref(field(&f, "pairing", "member_id"), &w.mem, "张三 2023010101");
	fe_set_ref(field(&f, "pairing", "target_id"), &w.tgt, "李四 2024010101");
	cr_assert(fe_check(&f, true), "%s", f.top_msg ? f.top_msg : "");
	cr_assert_eq(model_last_txn(s), before, "checking wrote nothing");
	counts(s, n);
	cr_assert_eq(n[3], 0, "no semester yet");
	cr_assert_eq(rid_cmp(&((pairing *)f.slots[0].fixed)->college_id, &w.col), 0,
		     "the fixed copy has the member's college");
	fe_conflict c;
	cr_assert_eq(fe_save(&f, &c), FE_SAVED, "%s", f.top_msg ? f.top_msg : "");
	counts(s, n);
	cr_assert_eq(n[0], 1);
	cr_assert_eq(n[3], 1, "the save made the semester");
	fe_free(&f);
	/* again, now the helper is at the limit: the message is on the helper */
	open_form(&f, s, "pairing", NULL);
	fe_set_ref(field(&f, "pairing", "member_id"), &w.mem, "张三 2023010101");
	cr_assert(!fe_check(&f, false));
	cr_assert_not_null(field(&f, "pairing", "member_id")->msg);
	cr_assert(strstr(field(&f, "pairing", "member_id")->msg, "already has"),
		  "%s", field(&f, "pairing", "member_id")->msg);
	fe_free(&f);
	store_close(s);
}

/* A new student with an assisted-student profile: the profile's rules are
 * checked before the student exists; one save writes both. */
Test(formeng, a_new_student_and_profile)
{
	struct world w = { .with_semester = true };
	store *s = world(&w);
	fe_form f;
	size_t n[4], m[4];
	counts(s, n);
	uint64_t before = model_last_txn(s);
	open_form(&f, s, "student", NULL);
	cr_assert_eq(f.nslots, 2);
	fe_set_text(field(&f, "student", "student_no"), "2025010101");
	fe_set_text(field(&f, "student", "name"), "王五");
	fe_set_ref(field(&f, "student", "college_id"), &w.col, "计算机学院");
	fe_value *kinds = field(&f, "target", "kinds");
	kinds->bits = 1u << 2;                              /* 心理困难 */
	fe_set_choice(field(&f, "target", "tier"), "特别困难");
	cr_assert(!fe_check(&f, true));
	cr_assert_not_null(field(&f, "target", "tier")->msg, "a tier wants 经济困难");
	cr_assert_eq(model_last_txn(s), before, "checking wrote nothing");
	kinds->bits |= 1u << 1;                             /* 经济困难 */
	cr_assert(fe_check(&f, true), "%s", f.top_msg ? f.top_msg : "");
	fe_conflict c;
	cr_assert_eq(fe_save(&f, &c), FE_SAVED, "%s", f.top_msg ? f.top_msg : "");
	counts(s, m);
	cr_assert_eq(m[1], n[1] + 1);
	cr_assert_eq(m[2], n[2] + 1, "the profile was saved with its student");
	fe_free(&f);
	store_close(s);
}

/* Field text <-> record values, without a database. */
Test(formeng, values_and_records)
{
	form_field fl = { 0 };
	fl.type = FORM_MONEY;
	fl.fd = rec_field(&aid_desc, "amount_fen");
	aid a = { .amount_fen = 1250 };
	char buf[64];
	fe_value_text(NULL, &fl, &a, buf, sizeof buf);
	cr_assert_str_eq(buf, "12.50");
	int64_t fen = 0;
	cr_assert(money_parse("¥12.5", &fen));
	cr_assert_eq(fen, 1250);
	cr_assert(money_parse("￥3元", &fen) && fen == 300);
	cr_assert(!money_parse("12.345", &fen));
	cr_assert(!money_parse("", &fen));
	cr_assert(!money_parse("abc", &fen));
	cr_assert(money_parse(".5", &fen) && fen == 50, "a leading point, as the aid form took before");
	cr_assert(money_parse("12.", &fen) && fen == 1200, "a trailing point");
	cr_assert(!money_parse(".", &fen) && !money_parse("¥", &fen) && !money_parse("元", &fen));
	cr_assert(fe_is_edit(FORM_MONEY) && !fe_is_edit(FORM_CHOICE));
	cr_assert(fe_is_ref(FORM_SEMESTER) && !fe_is_ref(FORM_DATE));
}

/* The talk form shows the pairing the model's fix finds for the helper,
 * the student and the date (the check's fixed copy), none when the date is
 * outside every pairing of theirs; the form derives nothing itself. */
Test(formeng, a_talk_shows_the_pairing_the_model_finds)
{
	struct world w = { .with_semester = true };
	store *s = world(&w);
	char hex[33];
	rid_hex(&w.pair, hex);
	const char *presets[] = { "pairing_id", hex, NULL };
	fe_form f;
	open_form(&f, s, "talk", presets);
	fe_value *pair = field(&f, "talk", "pairing_id");
	cr_assert(pair->has_ref && pair->visible);
	fe_set_text(field(&f, "talk", "minutes"), "30");
	field(&f, "talk", "topics")->bits = 1;
	fe_value *date = field(&f, "talk", "date");
	fe_set_text(date, "2026-02-01");     /* before the pairing started */
	cr_assert(!fe_check(&f, true));
	/* the pairing the form was opened from stays shown (as before the
	 * form engine): the message beside the date says why it cannot be */
	cr_assert(pair->has_ref && rid_cmp(&pair->ref, &w.pair) == 0,
		  "the pairing stays shown while the date is wrong");
	cr_assert_not_null(date->msg);
	cr_assert(strstr(date->msg, "no active pairing"), "%s", date->msg);
	fe_set_text(date, "2026-04-01");
	cr_assert(fe_check(&f, true), "%s", f.top_msg ? f.top_msg : "");
	cr_assert(pair->has_ref && rid_cmp(&pair->ref, &w.pair) == 0);
	char *label = edit_get(&pair->ed);
	cr_assert(strstr(label, "张三") && strstr(label, "李四"), "%s", label);
	free(label);
	fe_free(&f);
	store_close(s);
}

static void open_record(fe_form *f, store *s, const char *name, const rid *id)
{
	errlist errs = { 0 };
	err e = { 0 };
	char *path = form_path(name);
	int rc = fe_open(f, s, ROLE_SECRETARY, path, id, NULL, &errs, &e);
	cr_assert_eq(rc, 0, "%s: %s", path, e.msg);
	free(path);
	errlist_free(&errs);
}

struct other {
	rid col, mem, tgt, pair;
};

static int other_fn(store_txn *t, void *ctx, err *e)
{
	struct other *o = ctx;
	(void)e;
	o->col = mk_college(t, "机械学院", 0, 0);
	o->mem = mk_student(t, "2023020101", "王五", o->col, "中共党员");
	o->tgt = mk_student(t, "2024020101", "赵六", o->col, "共青团员");
	mk_target(t, o->tgt, KIND_FINANCIAL);
	o->pair = mk_pair(t, o->mem, o->tgt, "2026-03-01");
	return 0;
}

static int get_pairing(model_txn *t, void *ctx, err *e)
{
	pairing *p = ctx;
	return pairing_get(t, &p->m.id, p, e);
}

/* The ending form (forms/pairing_end.form): failed courses and GPA only
 * for a student of the kind 学业困难 (show_if_kinds), the empty end date
 * of a running pairing filled with today (default_on_edit), and a save
 * that ends the pairing with its outcome. */
Test(formeng, the_ending_form_asks_what_the_kind_has)
{
	struct world w = { .with_semester = true };
	store *s = world(&w);
	struct other o;
	err e = { 0 };
	cr_assert_eq(store_write(s, other_fn, &o, &e), 0, "%s", e.msg);

	fe_form f;
	open_record(&f, s, "pairing_end", &o.pair);
	cr_assert(!field(&f, "pairing", "gpa_start")->visible, "no GPA for 经济困难");
	cr_assert(!field(&f, "pairing", "failed_end")->visible, "no failed courses for 经济困难");
	cr_assert(field(&f, "pairing", "outcome")->visible);
	fe_free(&f);

	open_record(&f, s, "pairing_end", &w.pair);
	cr_assert(field(&f, "pairing", "gpa_start")->visible, "GPA for 学业困难");
	cr_assert(field(&f, "pairing", "failed_end")->visible, "failed courses for 学业困难");
	char today[11], *end = edit_get(&field(&f, "pairing", "end")->ed);
	date_format(date_today(), today);
	cr_assert_str_eq(end, today, "the end date of a running pairing starts as today");
	free(end);
	cr_assert(!fe_check(&f, true), "the outcome is required");
	fe_set_choice(field(&f, "pairing", "outcome"), "目标达成");
	fe_set_text(field(&f, "pairing", "end"), "2026-05-01");
	fe_set_text(field(&f, "pairing", "failed_start"), "2");
	fe_set_text(field(&f, "pairing", "failed_end"), "0");
	fe_conflict c;
	cr_assert_eq(fe_save(&f, &c), FE_SAVED, "%s", f.top_msg ? f.top_msg : "");
	fe_free(&f);

	pairing p = { 0 };
	p.m.id = w.pair;
	cr_assert_eq(model_read(s, get_pairing, &p, &e), 0, "%s", e.msg);
	char ds[11];
	date_format(p.end, ds);
	cr_assert_str_eq(ds, "2026-05-01");
	cr_assert_str_eq(p.outcome, "目标达成");
	cr_assert_str_eq(p.failed_start, "2");
	rec_free(&pairing_desc, &p);
	store_close(s);
}
