/* fixtures.h — records made inside a test's write transaction, shared by
 * the model's rule tests. TXN_TEST(suite, name) runs its body in one
 * store_write on a fresh database. */
#ifndef BANGFU_TEST_FIXTURES_H
#define BANGFU_TEST_FIXTURES_H

#include <criterion/criterion.h>
#include <stdbool.h>
#include <string.h>

#include "helpers.h"

#define TXN_TEST(suite, name)                                                \
	static int name##_body(store_txn *t, void *ctx, err *e);             \
	Test(suite, name)                                                    \
	{                                                                    \
		store *s = test_db();                                        \
		err e = { 0 };                                               \
		int rc = store_write(s, name##_body, NULL, &e);              \
		cr_assert_eq(rc, 0, "%s", e.msg);                            \
		store_close(s);                                              \
	}                                                                    \
	static int name##_body(store_txn *t, void *ctx, err *e)

static inline date_t D(const char *s)
{
	date_t d = 0;
	cr_assert(date_parse(s, &d), "bad date %s", s);
	return d;
}

static inline rid mk_college(store_txn *t, const char *name, int64_t limit, int64_t overdue)
{
	college c = { 0 };
	err e = { 0 };
	c.name = (char *)name;
	c.pair_limit = limit;
	c.overdue_days = overdue;
	cr_assert_eq(college_save(t, &c, &e), 0, "%s", e.msg);
	return c.m.id;
}

static inline rid mk_semester(store_txn *t)
{
	rid id;
	err e = { 0 };
	cr_assert_eq(semester_ensure(t, "2025-2026-2", &id, &e), 0, "%s", e.msg);
	return id;
}

static inline rid mk_student(store_txn *t, const char *no, const char *name, rid college_id,
		      const char *political)
{
	student s = { 0 };
	err e = { 0 };
	s.student_no = (char *)no;
	s.name = (char *)name;
	s.college_id = college_id;
	s.political = (char *)political;
	cr_assert_eq(student_save(t, &s, &e), 0, "%s", e.msg);
	return s.m.id;
}

static inline rid mk_target(store_txn *t, rid student_id, uint32_t kinds)
{
	target g = { 0 };
	err e = { 0 };
	g.student_id = student_id;
	g.kinds = kinds;
	cr_assert_eq(target_save(t, &g, &e), 0, "%s", e.msg);
	return g.m.id;
}

static inline int try_pair(store_txn *t, rid mem, rid tgt, const char *start, const char *reason,
		    pairing *out, err *e)
{
	pairing p = { 0 };
	p.member_id = mem;
	p.target_id = tgt;
	p.semester_id = mk_semester(t);
	p.start = D(start);
	p.reason = (char *)reason;
	int rc = pairing_save(t, &p, e);
	if (out)
		*out = p;
	return rc;
}

static inline rid mk_pair(store_txn *t, rid mem, rid tgt, const char *start)
{
	pairing p;
	err e = { 0 };
	cr_assert_eq(try_pair(t, mem, tgt, start, NULL, &p, &e), 0, "%s", e.msg);
	return p.m.id;
}

/* Whether the error is about field: its key (e->field, "end") with a
 * message that reads "NAME: what is wrong", or a message that starts with
 * "field:" (the name the user knows, "结束日期"). */
static inline bool about(const err *e, const char *field)
{
	size_t n = strlen(field);
	if (strcmp(e->field, field) == 0 && err_text(e) != e->msg)
		return true;
	return strncmp(e->msg, field, n) == 0 && e->msg[n] == ':';
}

#endif
