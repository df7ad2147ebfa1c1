/* test_student.c — students: validation, cleaning, unique numbers, indexes
 * kept in step on update, member profiles following the political status,
 * and model_check finding broken indexes and broken rules. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fixtures.h"
#include "model/model.h"

static bool has_problem(const errlist *l, const char *a, const char *b)
{
	for (size_t i = 0; i < l->n; i++)
		if (strstr(l->msg[i], a) && (!b || strstr(l->msg[i], b)))
			return true;
	return false;
}

static void dump_problems(const errlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		fprintf(stderr, "problem: %s\n", l->msg[i]);
}

/* ---- saving ----------------------------------------------------------- */

TXN_TEST(student, saved_and_found_by_number)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	rid id = mk_student(t, "2023010101", "张三", c, "共青团员");
	student s;
	cr_assert_eq(student_by_no(t, "2023010101", &s, e), 0);
	cr_assert_eq(rid_cmp(&s.m.id, &id), 0);
	cr_assert_str_eq(s.name, "张三");
	cr_assert_eq(s.m.rev, 1);
	rec_free(&student_desc, &s);
	cr_assert_eq(student_by_no(t, "2023010102", &s, e), E_NOTFOUND);
	return 0;
}

/* Issue 8: a lookup that finds nothing says E_NOTFOUND, not E_INPUT (bad
 * input, also 1 before), so that a caller passing rc on can tell them
 * apart; and it sets no message. */
TXN_TEST(student, lookups_find_nothing_apart_from_bad_input)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	rid id = mk_student(t, "2023010101", "张三", c, "共青团员");
	rid nobody;
	rid_new(&nobody);
	union {
		student s;
		college col;
		semester sem;
		counsellor cns;
		member mb;
		target g;
		pairing p;
		summary sm;
	} out;
	err x = { 0 };
	int none = student_get(t, &nobody, &out.s, &x);
	cr_assert_eq(none, E_NOTFOUND);
	cr_assert_eq(x.code, 0, "finding nothing is no error: %s", x.msg);
	cr_assert_str_eq(x.msg, "");

	student bad = { 0 };
	bad.student_no = "2023-0101";
	bad.name = "李四";
	bad.college_id = c;
	int rc = student_save(t, &bad, &x);
	cr_assert_eq(rc, E_INPUT, "%s", x.msg);
	cr_assert_neq(none, rc, "not found and bad input are told apart");
	cr_assert_neq(E_NOTFOUND, E_USAGE);
	cr_assert_neq(E_NOTFOUND, E_DB);
	cr_assert_neq(E_NOTFOUND, 0);

	cr_assert_eq(student_by_no(t, "2099999999", &out.s, e), E_NOTFOUND);
	cr_assert_eq(model_get(t, &student_desc, &nobody, &out.s, e), E_NOTFOUND);
	cr_assert_eq(college_get(t, &nobody, &out.col, e), E_NOTFOUND);
	cr_assert_eq(college_by_name(t, "不存在", &out.col, e), E_NOTFOUND);
	cr_assert_eq(semester_get(t, &nobody, &out.sem, e), E_NOTFOUND);
	cr_assert_eq(semester_by_code(t, "2030-2031-1", &out.sem, e), E_NOTFOUND);
	cr_assert_eq(counsellor_get(t, &nobody, &out.cns, e), E_NOTFOUND);
	cr_assert_eq(counsellor_by_no(t, "T9999", &out.cns, e), E_NOTFOUND);
	cr_assert_eq(member_get(t, &nobody, &out.mb, e), E_NOTFOUND);
	cr_assert_eq(member_of_student(t, &id, &out.mb, e), E_NOTFOUND, "no party member");
	cr_assert_eq(target_get(t, &nobody, &out.g, e), E_NOTFOUND);
	cr_assert_eq(target_of_student(t, &id, &out.g, e), E_NOTFOUND, "not assisted");
	cr_assert_eq(pairing_get(t, &nobody, &out.p, e), E_NOTFOUND);
	cr_assert_eq(pairing_active_of_target(t, &id, &out.p, e), E_NOTFOUND);
	cr_assert_eq(pairing_find(t, &nobody, &id, D("2026-04-01"), &out.p, e), E_NOTFOUND);
	cr_assert_eq(summary_get(t, &nobody, &out.sm, e), E_NOTFOUND);
	cr_assert_eq(summary_find(t, &c, &nobody, &out.sm, e), E_NOTFOUND);
	cr_assert_eq(model_exists(t, DB_STUDENT, &nobody, e), E_NOTFOUND);
	cr_assert_eq(model_ix_lookup(t, IX_STUDENT_NO, "2099999999", &nobody, e), E_NOTFOUND);
	uint32_t v;
	cr_assert_eq(st_meta_get_u32(t, "no such setting", &v, e), E_NOTFOUND);
	cr_assert_eq(e->code, 0, "%s", e->msg);
	return 0;
}

TXN_TEST(student, text_is_cleaned_and_choices_canonical)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	student s = { 0 }, got;
	err x = { 0 };
	s.student_no = " 2023010101 ";
	s.name = "\u3000Jose\xcc\x81 李 ";   /* e + combining acute, ideographic space */
	s.gender = "female";
	s.political = "预备党员";
	s.college_id = c;
	cr_assert_eq(student_save(t, &s, &x), 0, "%s", x.msg);
	cr_assert_eq(student_get(t, &s.m.id, &got, e), 0);
	cr_assert_str_eq(got.student_no, "2023010101");
	cr_assert_str_eq(got.name, "Jos\xc3\xa9 李");
	cr_assert_str_eq(got.gender, "女");
	cr_assert_str_eq(got.political, "中共预备党员");
	rec_free(&student_desc, &got);
	/* the caller's strings are left alone */
	cr_assert_str_eq(s.gender, "female");
	return 0;
}

TXN_TEST(student, political_defaults_to_masses)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	rid id = mk_student(t, "2023010101", "张三", c, NULL);
	student got;
	cr_assert_eq(student_get(t, &id, &got, e), 0);
	cr_assert_str_eq(got.political, "群众");
	rec_free(&student_desc, &got);
	return 0;
}

TXN_TEST(student, duplicate_number_refused)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	mk_student(t, "2023010101", "张三", c, "群众");
	student s = { 0 };
	err x = { 0 };
	s.student_no = "2023010101";
	s.name = "李四";
	s.college_id = c;
	cr_assert_eq(student_save(t, &s, &x), E_INPUT);
	/* the field as the user knows it (学号); the key stays the field's */
	cr_assert_str_eq(x.msg, "学号: student number 2023010101 already exists");
	cr_assert_str_eq(x.field, "student_no");
	return 0;
}

TXN_TEST(student, bad_fields_refused)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	struct {
		const char *no, *name, *gender, *political, *phone, *field;
	} cases[] = {
		{ "2023-0101", "张三", "", "群众", "", "student_no" },
		{ "", "张三", "", "群众", "", "student_no" },
		{ "2023010101", "", "", "群众", "", "name" },
		{ "2023010101", "张三", "x", "群众", "", "gender" },
		{ "2023010101", "张三", "", "民主党派", "", "political" },
		{ "2023010101", "张三", "", "群众", "13800abc", "phone" },
		{ "2023010101", "张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三"
				"张三张三张三张三张三张三张三张三", "", "群众", "", "name" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		student s = { 0 };
		err x = { 0 };
		s.student_no = (char *)cases[i].no;
		s.name = (char *)cases[i].name;
		s.gender = (char *)cases[i].gender;
		s.political = (char *)cases[i].political;
		s.phone = (char *)cases[i].phone;
		s.college_id = c;
		cr_assert_eq(student_save(t, &s, &x), E_INPUT, "case %zu accepted", i);
		cr_assert(about(&x, cases[i].field), "case %zu: %s", i, x.msg);
	}
	model_stats st;
	cr_assert_eq(model_stats_get(t, &st, e), 0);
	cr_assert_eq(st.students, 0, "nothing was written");
	return 0;
}

TXN_TEST(student, phone_with_digits_accepted)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	student s = { 0 };
	err x = { 0 };
	s.student_no = "2023010101";
	s.name = "张三";
	s.phone = "+86 138-0013-8000";
	s.college_id = c;
	cr_assert_eq(student_save(t, &s, &x), 0, "%s", x.msg);
	return 0;
}

TXN_TEST(student, college_required_and_must_exist)
{
	student s = { 0 };
	err x = { 0 };
	s.student_no = "2023010101";
	s.name = "张三";
	cr_assert_eq(student_save(t, &s, &x), E_INPUT);
	cr_assert(about(&x, "college"), "%s", x.msg);
	rid_new(&s.college_id);
	cr_assert_eq(student_save(t, &s, &x), E_INPUT);
	cr_assert(about(&x, "college"), "%s", x.msg);
	return 0;
}

TXN_TEST(student, changed_number_moves_the_index)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	rid id = mk_student(t, "2023010101", "张三", c, "群众");
	student s;
	err x = { 0 };
	errlist probs = { 0 };
	cr_assert_eq(student_get(t, &id, &s, e), 0);
	free(s.student_no);
	s.student_no = strdup("2023019999");
	cr_assert_eq(student_save(t, &s, &x), 0, "%s", x.msg);
	cr_assert_eq(s.m.rev, 2);
	rec_free(&student_desc, &s);
	cr_assert_eq(student_by_no(t, "2023010101", &s, e), E_NOTFOUND, "old number still found");
	cr_assert_eq(student_by_no(t, "2023019999", &s, e), 0);
	rec_free(&student_desc, &s);
	/* the old number is free for someone else */
	mk_student(t, "2023010101", "李四", c, "群众");
	int rc = model_check(t, &probs, &x);
	dump_problems(&probs);
	cr_assert_eq(rc, 0, "%s", x.msg);
	errlist_free(&probs);
	return 0;
}

TXN_TEST(student, changed_college_moves_the_index)
{
	rid c1 = mk_college(t, "计算机学院", 0, 0);
	rid c2 = mk_college(t, "数学学院", 0, 0);
	rid id = mk_student(t, "2023010101", "张三", c1, "群众");
	student s;
	err x = { 0 };
	errlist probs = { 0 };
	keybuf k;
	bytes v;
	cr_assert_eq(student_get(t, &id, &s, e), 0);
	s.college_id = c2;
	cr_assert_eq(student_save(t, &s, &x), 0, "%s", x.msg);
	rec_free(&student_desc, &s);
	key_init(&k);
	key_id(&k, &c1);
	key_id(&k, &id);
	cr_assert_eq(st_get(t, IX_STUDENT_COLLEGE, key_bytes(&k), &v, e), E_NOTFOUND);
	key_init(&k);
	key_id(&k, &c2);
	key_id(&k, &id);
	cr_assert_eq(st_get(t, IX_STUDENT_COLLEGE, key_bytes(&k), &v, e), 0);
	cr_assert_eq(model_check(t, &probs, &x), 0, "%s", x.msg);
	return 0;
}

TXN_TEST(student, stale_rev_refused)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	rid id = mk_student(t, "2023010101", "张三", c, "群众");
	student a, b;
	err x = { 0 };
	cr_assert_eq(student_get(t, &id, &a, e), 0);
	cr_assert_eq(student_get(t, &id, &b, e), 0);
	free(a.name);
	a.name = strdup("张三丰");
	cr_assert_eq(student_save(t, &a, &x), 0, "%s", x.msg);
	free(b.student_no);
	b.student_no = strdup("2023010102");
	cr_assert_eq(student_save(t, &b, &x), E_DB, "an edit of an old copy went through");
	rec_free(&student_desc, &a);
	rec_free(&student_desc, &b);
	/* the number index was not touched by the refused save */
	student s;
	cr_assert_eq(student_by_no(t, "2023010101", &s, e), 0);
	rec_free(&student_desc, &s);
	cr_assert_eq(student_by_no(t, "2023010102", &s, e), E_NOTFOUND);
	return 0;
}

/* ---- member profiles -------------------------------------------------- */

TXN_TEST(member, profile_follows_political_status)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	rid id = mk_student(t, "2023010101", "张三", c, "中共党员");
	member m;
	student s;
	model_stats st;
	err x = { 0 };
	cr_assert_eq(member_of_student(t, &id, &m, e), 0, "a party member has a profile");
	rec_free(&member_desc, &m);

	cr_assert_eq(student_get(t, &id, &s, e), 0);
	free(s.political);
	s.political = strdup("群众");
	cr_assert_eq(student_save(t, &s, &x), 0, "%s", x.msg);
	cr_assert_eq(member_of_student(t, &id, &m, e), E_NOTFOUND, "the profile is gone");
	cr_assert_eq(model_stats_get(t, &st, e), 0);
	cr_assert_eq(st.members, 0);

	free(s.political);
	s.political = strdup("中共预备党员");
	cr_assert_eq(student_save(t, &s, &x), 0, "%s", x.msg);
	rec_free(&student_desc, &s);
	cr_assert_eq(member_of_student(t, &id, &m, e), 0, "a profile again");
	rec_free(&member_desc, &m);
	cr_assert_eq(model_stats_get(t, &st, e), 0);
	cr_assert_eq(st.members, 1);
	errlist probs = { 0 };
	cr_assert_eq(model_check(t, &probs, &x), 0, "%s", x.msg);
	return 0;
}

TXN_TEST(member, non_member_gets_no_profile)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	rid id = mk_student(t, "2023010101", "张三", c, "共青团员");
	member m = { 0 };
	err x = { 0 };
	cr_assert_eq(member_of_student(t, &id, &m, e), E_NOTFOUND);
	m.student_id = id;
	cr_assert_eq(member_save(t, &m, &x), E_INPUT);
	cr_assert(about(&x, "student"), "%s", x.msg);
	return 0;
}

TXN_TEST(member, branch_saved)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	rid id = mk_student(t, "2023010101", "张三", c, "中共党员");
	member m;
	err x = { 0 };
	cr_assert_eq(member_of_student(t, &id, &m, e), 0);
	m.branch = strdup("本科生第一党支部");
	cr_assert_eq(member_save(t, &m, &x), 0, "%s", x.msg);
	rec_free(&member_desc, &m);
	cr_assert_eq(member_of_student(t, &id, &m, e), 0);
	cr_assert_str_eq(m.branch, "本科生第一党支部");
	rec_free(&member_desc, &m);
	return 0;
}

TXN_TEST(member, leaving_the_party_with_an_open_pairing_refused)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	rid mem = mk_student(t, "2023010101", "张三", c, "中共党员");
	rid tgt = mk_student(t, "2024010101", "李四", c, "共青团员");
	mk_target(t, tgt, KIND_ACADEMIC);
	mk_pair(t, mem, tgt, "2026-03-01");
	student s;
	err x = { 0 };
	cr_assert_eq(student_get(t, &mem, &s, e), 0);
	free(s.political);
	s.political = strdup("群众");
	cr_assert_eq(student_save(t, &s, &x), E_INPUT);
	cr_assert(about(&x, "political"), "%s", x.msg);
	rec_free(&student_desc, &s);
	return 0;
}

/* ---- colleges and semesters ------------------------------------------ */

TXN_TEST(college, unique_name_and_ensure)
{
	rid a = mk_college(t, "计算机学院", 0, 0), b;
	college c = { 0 };
	err x = { 0 };
	c.name = " 计算机学院 ";
	cr_assert_eq(college_save(t, &c, &x), E_INPUT);
	cr_assert(about(&x, "name"), "%s", x.msg);
	cr_assert_eq(college_ensure(t, "计算机学院", &b, e), 0);
	cr_assert_eq(rid_cmp(&a, &b), 0, "ensure found the existing college");
	cr_assert_eq(college_ensure(t, "数学学院", &b, e), 0);
	cr_assert_neq(rid_cmp(&a, &b), 0);
	c.name = "外语学院";
	c.pair_limit = -1;
	cr_assert_eq(college_save(t, &c, &x), E_INPUT);
	cr_assert(about(&x, "pair_limit"), "%s", x.msg);
	return 0;
}

TXN_TEST(college, defaults)
{
	college c = { 0 };
	cr_assert_eq(college_pair_limit(&c), 1);
	cr_assert_eq(college_overdue_days(&c), 14);
	c.pair_limit = 2;
	c.overdue_days = 30;
	cr_assert_eq(college_pair_limit(&c), 2);
	cr_assert_eq(college_overdue_days(&c), 30);
	return 0;
}

TXN_TEST(semester, ensure_sets_dates_and_dues)
{
	rid id;
	semester s;
	char buf[11];
	cr_assert_eq(semester_ensure(t, "2025-2026-2", &id, e), 0, "%s", e->msg);
	cr_assert_eq(semester_get(t, &id, &s, e), 0);
	date_format(s.roster_due, buf);
	cr_assert_str_eq(buf, "2026-04-11");
	date_format(s.summary_due, buf);
	cr_assert_str_eq(buf, "2026-07-11");
	cr_assert(s.start && s.end && s.start < s.end);
	rec_free(&semester_desc, &s);
	cr_assert_eq(semester_ensure(t, "2026-2027-1", &id, e), 0, "%s", e->msg);
	cr_assert_eq(semester_get(t, &id, &s, e), 0);
	date_format(s.roster_due, buf);
	cr_assert_str_eq(buf, "2026-10-11");
	date_format(s.summary_due, buf);
	cr_assert_str_eq(buf, "2027-01-11");
	rec_free(&semester_desc, &s);
	rid again;
	cr_assert_eq(semester_ensure(t, "2025-2026-2", &again, e), 0);
	cr_assert_eq(semester_by_code(t, "2025-2026-2", &s, e), 0);
	rec_free(&semester_desc, &s);
	semester bad = { 0 };
	err x = { 0 };
	bad.code = "2025-2026-3";
	cr_assert_eq(semester_save(t, &bad, &x), E_INPUT);
	cr_assert(about(&x, "code"), "%s", x.msg);
	return 0;
}

TXN_TEST(counsellor, unique_staff_number)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	counsellor a = { 0 }, b = { 0 }, got;
	err x = { 0 };
	a.staff_no = "T2001";
	a.name = "王老师";
	a.college_id = c;
	cr_assert_eq(counsellor_save(t, &a, &x), 0, "%s", x.msg);
	b = a;
	memset(&b.m, 0, sizeof b.m);
	b.name = "赵老师";
	cr_assert_eq(counsellor_save(t, &b, &x), E_INPUT);
	cr_assert(about(&x, "staff_no"), "%s", x.msg);
	cr_assert_eq(counsellor_by_no(t, "T2001", &got, e), 0);
	cr_assert_str_eq(got.name, "王老师");
	rec_free(&counsellor_desc, &got);
	return 0;
}

/* ---- check ------------------------------------------------------------ */

TXN_TEST(check, sound_database_passes)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	rid mem = mk_student(t, "2023010101", "张三", c, "中共党员");
	rid tgt = mk_student(t, "2024010101", "李四", c, "共青团员");
	mk_target(t, tgt, KIND_ACADEMIC);
	mk_pair(t, mem, tgt, "2026-03-01");
	errlist probs = { 0 };
	err x = { 0 };
	int rc = model_check(t, &probs, &x);
	dump_problems(&probs);
	cr_assert_eq(rc, 0, "%s", x.msg);
	cr_assert_eq(probs.n, 0);
	return 0;
}

TXN_TEST(check, finds_a_missing_index_entry)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	mk_student(t, "2023010101", "张三", c, "群众");
	keybuf k;
	key_init(&k);
	key_str(&k, "2023010101");
	cr_assert_eq(st_del(t, IX_STUDENT_NO, key_bytes(&k), e), 0);
	errlist probs = { 0 };
	err x = { 0 };
	cr_assert_eq(model_check(t, &probs, &x), E_DB);
	dump_problems(&probs);
	cr_assert(has_problem(&probs, "ix_student_no", "2023010101"), "no line names the index");
	cr_assert(has_problem(&probs, "missing", NULL));
	errlist_free(&probs);
	return 0;
}

TXN_TEST(check, finds_a_stale_index_entry)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	rid id = mk_student(t, "2023010101", "张三", c, "群众");
	rid ghost;
	keybuf k;
	rid_new(&ghost);
	key_init(&k);
	key_id(&k, &c);
	key_id(&k, &ghost);
	cr_assert_eq(st_put(t, IX_STUDENT_COLLEGE, key_bytes(&k), (bytes){ "", 0 }, e), 0);
	/* and one pointing at the wrong record */
	key_init(&k);
	key_str(&k, "2023010101");
	cr_assert_eq(st_put(t, IX_STUDENT_NO, key_bytes(&k), (bytes){ ghost.b, 16 }, e), 0);
	errlist probs = { 0 };
	err x = { 0 };
	cr_assert_eq(model_check(t, &probs, &x), E_DB);
	dump_problems(&probs);
	cr_assert(has_problem(&probs, "ix_student_college", "no record"));
	cr_assert(has_problem(&probs, "ix_student_no", "points to"));
	(void)id;
	errlist_free(&probs);
	return 0;
}

TXN_TEST(check, finds_a_record_written_around_the_rules)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	student s = { 0 };
	s.student_no = "2023010101";
	s.name = "张三";
	s.college_id = c;
	s.political = "中共党员";
	s.gender = "unknown";
	rid_new(&s.m.id);
	s.m.rev = 1;
	cr_assert_eq(st_rec_restore(t, DB_STUDENT, &student_desc, &s, e), 0, "%s", e->msg);
	cr_assert_eq(model_reindex(t, model_entities[2], &s, e), 0);
	errlist probs = { 0 };
	err x = { 0 };
	cr_assert_eq(model_check(t, &probs, &x), E_DB);
	dump_problems(&probs);
	cr_assert_eq(probs.n, 2, "the bad gender and the missing member profile");
	cr_assert(has_problem(&probs, "2023010101", "gender"));
	cr_assert(has_problem(&probs, "2023010101", "member profile"));
	errlist_free(&probs);
	return 0;
}

TXN_TEST(check, finds_an_undecodable_record)
{
	rid id;
	rid_new(&id);
	uint8_t junk[] = { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0xff, 0xff };
	cr_assert_eq(st_put(t, DB_COLLEGE, (bytes){ id.b, 16 }, (bytes){ junk, sizeof junk }, e), 0);
	errlist probs = { 0 };
	err x = { 0 };
	cr_assert_eq(model_check(t, &probs, &x), E_DB);
	dump_problems(&probs);
	cr_assert(has_problem(&probs, "college", "cannot be read"));
	errlist_free(&probs);
	return 0;
}

TXN_TEST(student, moving_college_must_not_break_an_open_pairing)
{
	rid c1 = mk_college(t, "计算机学院", 0, 0);
	rid c2 = mk_college(t, "数学学院", 0, 0);
	rid mem = mk_student(t, "2023010101", "张三", c1, "中共党员");
	rid tgt = mk_student(t, "2024010101", "李四", c1, "共青团员");
	mk_target(t, tgt, KIND_ACADEMIC);
	mk_pair(t, mem, tgt, "2026-03-01");
	student s;
	err x = { 0 };
	errlist probs = { 0 };
	/* the member: the pairing belongs to the member's college */
	cr_assert_eq(student_get(t, &mem, &s, e), 0);
	s.college_id = c2;
	cr_assert_eq(student_save(t, &s, &x), E_INPUT);
	cr_assert(about(&x, "college"), "%s", x.msg);
	rec_free(&student_desc, &s);
	/* the assisted student: it would become cross-college without a reason */
	cr_assert_eq(student_get(t, &tgt, &s, e), 0);
	s.college_id = c2;
	cr_assert_eq(student_save(t, &s, &x), E_INPUT);
	cr_assert(about(&x, "college"), "%s", x.msg);
	rec_free(&student_desc, &s);
	cr_assert_eq(model_check(t, &probs, &x), 0, "%s", x.msg);
	/* a student with no pairing moves freely */
	rid free_one = mk_student(t, "2024010102", "王五", c1, "群众");
	cr_assert_eq(student_get(t, &free_one, &s, e), 0);
	s.college_id = c2;
	cr_assert_eq(student_save(t, &s, &x), 0, "%s", x.msg);
	rec_free(&student_desc, &s);
	return 0;
}

TXN_TEST(semester, defaults_are_what_ensure_stores)
{
	/* the first-run page shows semester_defaults before the semester
	 * exists: it must be what semester_ensure then writes */
	const char *codes[] = { "2025-2026-2", "2026-2027-1" };
	for (size_t i = 0; i < 2; i++) {
		semester d, s;
		rid id;
		semester_defaults(codes[i], &d);
		cr_assert_eq(semester_ensure(t, codes[i], &id, e), 0, "%s", e->msg);
		cr_assert_eq(semester_get(t, &id, &s, e), 0);
		cr_assert(d.start == s.start && d.end == s.end, "%s", codes[i]);
		cr_assert(d.roster_due == s.roster_due && d.summary_due == s.summary_due, "%s", codes[i]);
		rec_free(&semester_desc, &s);
	}
	semester bad;
	semester_defaults("2025", &bad);
	cr_assert(!bad.start && !bad.roster_due, "not a semester: no dates");
	(void)ctx;
	return 0;
}
