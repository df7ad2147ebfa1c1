/* test_id.c — record ids: unique, time-ordered, hex round trip. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

Test(id, hundred_thousand_ids_are_unique_and_sorted_in_creation_order)
{
	enum { N = 100000 };
	rid *ids = malloc(N * sizeof *ids);
	cr_assert_not_null(ids);
	for (int i = 0; i < N; i++)
		rid_new(&ids[i]);
	for (int i = 1; i < N; i++) {
		/* strictly increasing means unique as well as ordered */
		cr_assert_lt(rid_cmp(&ids[i - 1], &ids[i]), 0, "id %d is not after id %d", i, i - 1);
		cr_assert_leq(rid_ms(&ids[i - 1]), rid_ms(&ids[i]));
	}
	free(ids);
}

Test(id, layout_is_uuid_v7)
{
	int64_t before = now_ms();
	rid r;
	rid_new(&r);
	int64_t after = now_ms();
	cr_assert_eq(r.b[6] >> 4, 7, "version nibble");
	cr_assert_eq(r.b[8] >> 6, 2, "variant bits");
	cr_assert_geq(rid_ms(&r), before);
	cr_assert_leq(rid_ms(&r), after + 1000);
	cr_assert_not(rid_is_zero(&r));
}

Test(id, zero_id)
{
	rid z;
	memset(&z, 0, sizeof z);
	cr_assert(rid_is_zero(&z));
	z.b[15] = 1;
	cr_assert_not(rid_is_zero(&z));
}

Test(id, hex_round_trip)
{
	for (int i = 0; i < 1000; i++) {
		rid r, back;
		char hex[33];
		rid_new(&r);
		rid_hex(&r, hex);
		cr_assert_eq(strlen(hex), 32);
		cr_assert_eq(strspn(hex, "0123456789abcdef"), 32, "lowercase hex: %s", hex);
		cr_assert(rid_parse(&back, hex));
		cr_assert_eq(rid_cmp(&r, &back), 0);
	}
}

Test(id, parse_accepts_dashes_and_uppercase)
{
	rid a, b;
	cr_assert(rid_parse(&a, "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"));
	cr_assert(rid_parse(&b, "0190A1B2C3D47E5F8A6B7C8D9E0F1A2B"));
	cr_assert_eq(rid_cmp(&a, &b), 0);
	char hex[33];
	rid_hex(&a, hex);
	cr_assert_str_eq(hex, "0190a1b2c3d47e5f8a6b7c8d9e0f1a2b");
	cr_assert_eq(rid_ms(&a), 0x0190a1b2c3d4LL);
}

Test(id, parse_rejects_what_is_not_an_id)
{
	rid r;
	memset(&r, 0xaa, sizeof r);
	cr_assert_not(rid_parse(&r, NULL));
	cr_assert_not(rid_parse(&r, ""));
	cr_assert_not(rid_parse(&r, "0190a1b2c3d47e5f8a6b7c8d9e0f1a2"));    /* 31 */
	cr_assert_not(rid_parse(&r, "0190a1b2c3d47e5f8a6b7c8d9e0f1a2b0")); /* 33 */
	cr_assert_not(rid_parse(&r, "0190a1b2c3d47e5f8a6b7c8d9e0f1a2g"));
	cr_assert_not(rid_parse(&r, "0190a1b2c3d47e5f 8a6b7c8d9e0f1a2b"));
	for (int i = 0; i < 16; i++)
		cr_assert_eq(r.b[i], 0xaa, "a failed parse leaves the id alone");
}

Test(id, compare_orders_by_bytes)
{
	rid a, b;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	cr_assert_eq(rid_cmp(&a, &b), 0);
	b.b[0] = 1;
	a.b[15] = 0xff;
	cr_assert_lt(rid_cmp(&a, &b), 0);
	cr_assert_gt(rid_cmp(&b, &a), 0);
}

Test(id, a_forked_child_makes_different_ids)
{
	int fd[2];
	rid mine, theirs;
	cr_assert_eq(pipe(fd), 0);
	rid_new(&mine);    /* the counter state is copied into the child */
	pid_t pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		rid r;
		rid_new(&r);
		ssize_t n = write(fd[1], &r, sizeof r);
		_exit(n == sizeof r ? 0 : 1);
	}
	rid_new(&mine);
	cr_assert_eq(read(fd[0], &theirs, sizeof theirs), (ssize_t)sizeof theirs);
	waitpid(pid, NULL, 0);
	cr_assert_neq(rid_cmp(&mine, &theirs), 0);
}
