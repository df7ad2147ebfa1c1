/* test_ref.c — REFs: a number where the record has one (a profile by its
 * student's), else a unique prefix of the id (12 hex digits, more when a
 * neighbour shares them); back from a REF to the id: numbers, prefixes of
 * 8 digits or more (any case, dashes), ambiguous, too short, unknown,
 * and tombstones only when asked for. */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "fixtures.h"
#include "model/model.h"

static rid hex_id(const char *hex)
{
	rid id;
	cr_assert(rid_parse(&id, hex), "bad id %s", hex);
	return id;
}

/* A college saved with a given id. */
static void college_with_id(store_txn *t, const char *hex, const char *name)
{
	college c = { 0 };
	err e = { 0 };
	c.m.id = hex_id(hex);
	c.name = (char *)name;
	cr_assert_eq(college_save(t, &c, &e), 0, "%s", e.msg);
}

static bool is(const rid *id, const char *hex)
{
	rid want = hex_id(hex);
	return rid_cmp(id, &want) == 0;
}

static const char *A = "0123456789ab70008000000000000001";
static const char *B = "0123456789ab70018000000000000002";
static const char *C = "0fffffffffff70008000000000000003";

static void three_colleges(store_txn *t)
{
	college_with_id(t, A, "甲学院");
	college_with_id(t, B, "乙学院");
	college_with_id(t, C, "丙学院");
}

static void ref_of_college(store_txn *t, const char *hex, char *buf)
{
	college c = { 0 };
	err e = { 0 };
	rid id = hex_id(hex);
	cr_assert_eq(college_get(t, &id, &c, &e), 0, "%s", e.msg);
	cr_assert_eq(model_ref_of(t, &college_desc, &c, buf, MODEL_REF_MAX, &e), 0, "%s", e.msg);
	rec_free(&college_desc, &c);
}

TXN_TEST(ref, id_prefix_is_12_digits_or_more_when_shared)
{
	char ref[MODEL_REF_MAX];
	three_colleges(t);
	ref_of_college(t, C, ref);
	cr_assert_str_eq(ref, "0fffffffffff");
	/* A and B share 15 digits: each REF needs 16 */
	ref_of_college(t, A, ref);
	cr_assert_str_eq(ref, "0123456789ab7000");
	ref_of_college(t, B, ref);
	cr_assert_str_eq(ref, "0123456789ab7001");
	return 0;
}

TXN_TEST(ref, prefix_finds_the_one_record)
{
	rid id;
	three_colleges(t);
	cr_assert_eq(model_ref_find(t, &college_desc, "0123456789ab7001", false, &id, e), 0,
		     "%s", e->msg);
	cr_assert(is(&id, B));
	/* any case, dashes as a UUID has them, an odd number of digits */
	cr_assert_eq(model_ref_find(t, &college_desc, "01234567-89AB-7000", false, &id, e), 0,
		     "%s", e->msg);
	cr_assert(is(&id, A));
	cr_assert_eq(model_ref_find(t, &college_desc, "0ffffffff", false, &id, e), 0, "%s", e->msg);
	cr_assert(is(&id, C));
	cr_assert_eq(model_ref_find(t, &college_desc, C, false, &id, e), 0, "%s", e->msg);
	/* a college by its name too */
	cr_assert_eq(model_ref_find(t, &college_desc, "乙学院", false, &id, e), 0, "%s", e->msg);
	cr_assert(is(&id, B));
	return 0;
}

TXN_TEST(ref, ambiguous_short_and_unknown_are_bad_input)
{
	rid id;
	three_colleges(t);
	cr_assert_eq(model_ref_find(t, &college_desc, "01234567", false, &id, e), E_INPUT);
	cr_assert(strstr(e->msg, "ambiguous"), "%s", e->msg);
	cr_assert(strstr(e->msg, "01234567"), "%s", e->msg);
	err_clear(e);
	cr_assert_eq(model_ref_find(t, &pairing_desc, "0123456", false, &id, e), E_INPUT);
	cr_assert(strstr(e->msg, "too short"), "%s", e->msg);
	err_clear(e);
	cr_assert_eq(model_ref_find(t, &college_desc, "0abcdef0", false, &id, e), E_INPUT);
	cr_assert(strstr(e->msg, "0abcdef0"), "%s", e->msg);
	err_clear(e);
	cr_assert_eq(model_ref_find(t, &college_desc, "", false, &id, e), E_INPUT);
	err_clear(e);
	/* a prefix is the entity's own: no pairing begins with a college's */
	cr_assert_eq(model_ref_find(t, &pairing_desc, C, false, &id, e), E_INPUT);
	return 0;
}

TXN_TEST(ref, numbers_and_profiles)
{
	char ref[MODEL_REF_MAX];
	rid c = mk_college(t, "计算机学院", 0, 0);
	rid m = mk_student(t, "2022030101", "张伟", c, "中共党员");
	rid g = mk_student(t, "2023030105", "王磊", c, "共青团员");
	rid gt = mk_target(t, g, KIND_ACADEMIC);
	rid id;
	student s;
	cr_assert_eq(student_get(t, &g, &s, e), 0);
	cr_assert_eq(model_ref_of(t, &student_desc, &s, ref, sizeof ref, e), 0);
	cr_assert_str_eq(ref, "2023030105");
	rec_free(&student_desc, &s);
	target tg;
	cr_assert_eq(target_get(t, &gt, &tg, e), 0);
	cr_assert_eq(model_ref_of(t, &target_desc, &tg, ref, sizeof ref, e), 0);
	cr_assert_str_eq(ref, "2023030105", "a profile's REF is its student's number");
	rec_free(&target_desc, &tg);

	cr_assert_eq(model_ref_find(t, &student_desc, "2023030105", false, &id, e), 0);
	cr_assert_eq(rid_cmp(&id, &g), 0);
	cr_assert_eq(model_ref_find(t, &target_desc, "2023030105", false, &id, e), 0);
	cr_assert_eq(rid_cmp(&id, &gt), 0);
	member mb;
	cr_assert_eq(member_of_student(t, &m, &mb, e), 0);
	cr_assert_eq(model_ref_find(t, &member_desc, "2022030101", false, &id, e), 0);
	cr_assert_eq(rid_cmp(&id, &mb.m.id), 0);
	rec_free(&member_desc, &mb);
	/* a student who is no member has no member profile */
	cr_assert_eq(model_ref_find(t, &member_desc, "2023030105", false, &id, e), E_INPUT);
	err_clear(e);
	/* a student by a prefix of the id too */
	char hex[33];
	rid_hex(&g, hex);
	hex[20] = '\0';
	cr_assert_eq(model_ref_find(t, &student_desc, hex, false, &id, e), 0, "%s", e->msg);
	cr_assert_eq(rid_cmp(&id, &g), 0);
	return 0;
}

/* Marks a student deleted as a tombstone is written: kept, flagged,
 * without index entries. */
static void tombstone(store_txn *t, const rid *id)
{
	student s, old;
	err e = { 0 };
	cr_assert_eq(student_get(t, id, &s, &e), 0);
	cr_assert_eq(student_get(t, id, &old, &e), 0);
	s.m.flags |= REC_DELETED;
	cr_assert_eq(model_put(t, &student_ops, &s, &old, &e), 0, "%s", e.msg);
	rec_free(&student_desc, &s);
	rec_free(&student_desc, &old);
}

TXN_TEST(ref, tombstones_only_when_asked)
{
	rid c = mk_college(t, "计算机学院", 0, 0);
	rid g = mk_student(t, "2023030105", "王磊", c, "共青团员");
	rid id;
	char hex[33], ref[MODEL_REF_MAX];
	rid_hex(&g, hex);
	cr_assert_eq(model_ref_find(t, &student_desc, "2023030105", true, &id, e), E_INPUT,
		     "a live student is no tombstone");
	err_clear(e);
	tombstone(t, &g);
	cr_assert_eq(model_ref_find(t, &student_desc, "2023030105", false, &id, e), E_INPUT);
	cr_assert(strstr(e->msg, "deleted"), "the message says it is deleted: %s", e->msg);
	err_clear(e);
	cr_assert_eq(model_ref_find(t, &student_desc, hex, false, &id, e), E_INPUT);
	err_clear(e);
	cr_assert_eq(model_ref_find(t, &student_desc, "2023030105", true, &id, e), 0, "%s", e->msg);
	cr_assert_eq(rid_cmp(&id, &g), 0);
	cr_assert_eq(model_ref_find(t, &student_desc, hex, true, &id, e), 0, "%s", e->msg);
	cr_assert_eq(rid_cmp(&id, &g), 0);
	/* a tombstone keeps its REF */
	student s = { 0 };
	s.m.id = g;
	s.student_no = "2023030105";
	cr_assert_eq(model_ref_of(t, &student_desc, &s, ref, sizeof ref, e), 0);
	cr_assert_str_eq(ref, "2023030105");
	return 0;
}
