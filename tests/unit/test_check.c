/* test_check.c — checking without writing: each entity's *_check says what
 * its *_save would say (the same code, message and field) and writes
 * nothing (it runs in a read transaction, where a write would fail); the
 * fixed copy holds what the save computes (a pairing's college, a talk's
 * pairing, a semester's dates); field errors carry their field as data. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fixtures.h"
#include "model/model.h"

struct world {
	rid col, other, mem, tgt, sem, pair, cns;
};

static int setup_fn(store_txn *t, void *ctx, err *e)
{
	struct world *w = ctx;
	(void)e;
	w->col = mk_college(t, "计算机学院", 0, 0);
	w->other = mk_college(t, "数学学院", 0, 0);
	w->mem = mk_student(t, "2023010101", "张三", w->col, "中共党员");
	w->tgt = mk_student(t, "2024010101", "李四", w->col, "共青团员");
	mk_target(t, w->tgt, KIND_ACADEMIC);
	w->sem = mk_semester(t);
	w->pair = mk_pair(t, w->mem, w->tgt, "2026-03-01");
	counsellor c = { 0 };
	err x = { 0 };
	c.staff_no = "T001";
	c.name = "王老师";
	c.college_id = w->col;
	cr_assert_eq(counsellor_save(t, &c, &x), 0, "%s", x.msg);
	w->cns = c.m.id;
	return 0;
}

static store *world(struct world *w)
{
	store *s = test_db();
	err e = { 0 };
	cr_assert_eq(store_write(s, setup_fn, w, &e), 0, "%s", e.msg);
	return s;
}

/* One broken record of an entity. */
struct case_ {
	const record_desc *d;
	void *rec;
	const char *field;     /* the field the error must name */
	err check, save;
	int check_rc, save_rc;
};

static int check_fn(store_txn *t, void *ctx, err *e)
{
	struct case_ *c = ctx;
	(void)e;
	c->check_rc = model_check_rec(t, c->d, c->rec, NULL, &c->check);
	return 0;
}

static int save_fn(store_txn *t, void *ctx, err *e)
{
	struct case_ *c = ctx;
	(void)e;
	c->save_rc = model_save_rec(t, c->d, c->rec, &c->save);
	return MODEL_ROLLBACK;
}

static void same_as_save(store *s, struct case_ *c)
{
	err e = { 0 };
	uint64_t before = model_last_txn(s);
	cr_assert_eq(model_read(s, check_fn, c, &e), 0, "%s", e.msg);
	cr_assert_eq(model_last_txn(s), before, "%s: a check writes nothing", c->d->name);
	cr_assert_eq(model_write(s, save_fn, c, &e), 0, "%s", e.msg);
	cr_assert_eq(c->check_rc, E_INPUT, "%s: check %d (%s)", c->d->name, c->check_rc,
		     c->check.msg);
	cr_assert_eq(c->save_rc, c->check_rc, "%s", c->d->name);
	cr_assert_str_eq(c->check.msg, c->save.msg, "%s", c->d->name);
	cr_assert_str_eq(c->check.field, c->field, "%s: field \"%s\"", c->d->name, c->check.field);
	cr_assert_str_eq(c->save.field, c->field);
	/* The message reads "NAME: what" (the CLI prints it so), NAME the
	 * field as the user knows it, never the key. */
	cr_assert(about(&c->check, c->field), "%s", c->check.msg);
	size_t nt = strlen(err_text(&c->check)), nm = strlen(c->check.msg);
	cr_assert(nm > nt + 2 && !strncmp(c->check.msg + nm - nt - 2, ": ", 2), "%s",
		  c->check.msg);
	cr_assert(strncmp(c->check.msg, c->field, strlen(c->field)) != 0
		  || c->check.msg[strlen(c->field)] != ':', "not the key: %s", c->check.msg);
}

Test(check, every_entity_says_what_its_save_says)
{
	struct world w;
	store *s = world(&w);
	college col = { .name = "" };
	semester sem = { .code = "2025-2026-9" };
	student stu = { .student_no = "x-1", .name = "赵六", .college_id = w.col };
	counsellor cns = { .staff_no = "T002", .name = "钱老师" };
	member mem = { .student_id = w.tgt };
	target tgt = { .student_id = w.mem, .kinds = 0 };
	pairing par = { .member_id = w.tgt, .target_id = w.mem, .semester_id = w.sem };
	talk tk = { .member_id = w.mem, .target_id = w.tgt, .minutes = 30, .mode = "面谈",
		    .topics = TOPIC_STUDY };
	aid ad = { .pairing_id = w.pair, .kind = "资金", .amount_fen = 0 };
	summary sm = { .college_id = w.col, .semester_id = w.sem, .text = "短", .final = 1 };
	par.start = D("2026-03-01");
	tk.date = D("2026-06-01");       /* after "today" (2026-05-20) */
	ad.date = D("2026-04-01");
	struct case_ cases[] = {
		{ &college_desc, &col, "name" },        { &semester_desc, &sem, "code" },
		{ &student_desc, &stu, "student_no" },  { &counsellor_desc, &cns, "college" },
		{ &member_desc, &mem, "student" },      { &target_desc, &tgt, "kinds" },
		{ &pairing_desc, &par, "member" },      { &talk_desc, &tk, "date" },
		{ &aid_desc, &ad, "amount" },           { &summary_desc, &sm, "final" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		same_as_save(s, &cases[i]);
	store_close(s);
}

struct fix_ctx {
	struct world *w;
	pairing p, pf;
	talk k, kf;
	semester m, mf;
	int rc[3];
	err e;
};

static int fix_fn(store_txn *t, void *ctx, err *e)
{
	struct fix_ctx *c = ctx;
	(void)e;
	c->rc[0] = pairing_check(t, &c->p, &c->pf, &c->e);
	c->rc[1] = talk_check(t, &c->k, &c->kf, &c->e);
	c->rc[2] = semester_check(t, &c->m, &c->mf, &c->e);
	return 0;
}

/* The fixed copy carries what the model's fix computes (no derive() of the
 * form's own): the pairing's college is its member's, a member's talk
 * names its pairing, a semester's dates come from its code. */
Test(check, the_fixed_copy_is_what_a_save_writes)
{
	struct world w;
	store *s = world(&w);
	struct fix_ctx c = { &w };
	err e = { 0 };
	c.p.m.id = w.pair;         /* the stored pairing, its college cleared */
	c.p.member_id = w.mem;
	c.p.target_id = w.tgt;
	c.p.semester_id = w.sem;
	c.p.start = D("2026-03-01");
	c.k.member_id = w.mem;
	c.k.target_id = w.tgt;
	c.k.date = D("2026-04-01");
	c.k.minutes = 20;
	c.k.mode = "phone";        /* a synonym: the fix spells it 电话 */
	c.k.topics = TOPIC_LIFE;
	c.m.code = "2026-2027-1";
	cr_assert_eq(model_read(s, fix_fn, &c, &e), 0);
	cr_assert_eq(c.rc[0], 0, "%s", c.e.msg);
	cr_assert_eq(c.rc[1], 0, "%s", c.e.msg);
	cr_assert_eq(c.rc[2], 0, "%s", c.e.msg);
	cr_assert_eq(rid_cmp(&c.pf.college_id, &w.col), 0, "the member's college");
	cr_assert_eq(rid_cmp(&c.kf.pairing_id, &w.pair), 0, "the talk's pairing");
	cr_assert_str_eq(c.kf.mode, "电话");
	semester_span sp;
	cr_assert(semester_parse("2026-2027-1", &sp));
	cr_assert_eq(c.mf.start, sp.start);
	cr_assert_eq(c.mf.end, sp.end);
	cr_assert(rid_is_zero(&c.p.college_id), "in is left as it was");
	rec_free(&pairing_desc, &c.pf);
	rec_free(&talk_desc, &c.kf);
	rec_free(&semester_desc, &c.mf);
	store_close(s);
}

struct pending_ctx {
	struct world *w;
	int rc_new, rc_plain, rc_sem, rc_sem_bad;
	err e_new, e_plain, e_sem, e_sem_bad;
};

static int pending_fn(store_txn *t, void *ctx, err *e)
{
	struct pending_ctx *c = ctx;
	target g = { .kinds = KIND_PSYCH, .tier = "特别困难" };
	(void)e;
	c->rc_plain = target_check(t, &g, NULL, &c->e_plain);
	c->rc_new = target_check_new_student(t, &g, NULL, &c->e_new);
	/* the member already helps (limit 1), in a semester not yet made */
	pairing p = { .member_id = c->w->mem, .target_id = c->w->tgt };
	p.start = D("2026-05-01");
	c->rc_sem = pairing_check_new_semester(t, &p, "2026-2027-1", NULL, &c->e_sem);
	c->rc_sem_bad = pairing_check_new_semester(t, &p, "2026-2027-7", NULL, &c->e_sem_bad);
	return 0;
}

/* A profile for a student the same save creates, and a pairing in a
 * semester the same save creates, are checked without writing either. */
Test(check, records_that_wait_for_a_new_one)
{
	struct world w;
	store *s = world(&w);
	struct pending_ctx c = { &w };
	err e = { 0 };
	cr_assert_eq(model_read(s, pending_fn, &c, &e), 0);
	cr_assert_eq(c.rc_plain, E_INPUT);
	cr_assert_str_eq(c.e_plain.field, "student", "target_check wants its student");
	cr_assert_eq(c.rc_new, E_INPUT, "the profile's own rules still hold");
	cr_assert_str_eq(c.e_new.field, "tier", "%s", c.e_new.msg);
	cr_assert_eq(c.rc_sem, E_INPUT, "the other pairing rules are checked");
	cr_assert_str_eq(c.e_sem.field, "member", "%s", c.e_sem.msg);
	cr_assert_eq(c.rc_sem_bad, E_INPUT);
	cr_assert_str_eq(c.e_sem_bad.field, "semester", "%s", c.e_sem_bad.msg);
	store_close(s);
}

Test(check, err_field_is_data_and_the_message_unchanged)
{
	err e = { 0 };
	cr_assert_eq(err_field(&e, E_INPUT, "date", "%s is in the future", "2026-06-01"), E_INPUT);
	cr_assert_str_eq(e.msg, "date: 2026-06-01 is in the future");
	cr_assert_str_eq(e.field, "date");
	cr_assert_str_eq(err_text(&e), "2026-06-01 is in the future");
	/* Named as the user knows the field: the key stays, and so does what
	 * is wrong. */
	err_label(&e, "日期");
	cr_assert_str_eq(e.msg, "日期: 2026-06-01 is in the future");
	cr_assert_str_eq(e.field, "date");
	cr_assert_str_eq(err_text(&e), "2026-06-01 is in the future");
	err_label(&e, "date");
	cr_assert_str_eq(e.msg, "date: 2026-06-01 is in the future", "again: no name doubled");
	err_set(&e, E_DB, "%s", "disk full");
	cr_assert_str_eq(e.field, "", "an error about no field names none");
	cr_assert_str_eq(err_text(&e), "disk full");
	/* A message that merely looks like "word: ..." is not a field error. */
	err_set(&e, E_INPUT, "%s", "students.csv:3: name: required");
	cr_assert_str_eq(err_text(&e), "students.csv:3: name: required");
	err_clear(&e);
	cr_assert_str_eq(e.field, "");
}
