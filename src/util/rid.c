/* rid.c — 16-byte record ids in the UUIDv7 layout.
 *
 *   bytes 0-5   Unix milliseconds, big-endian
 *   byte 6      0x7 in the high nibble (version), counter bits 11-8
 *   byte 7      counter bits 7-0 (rand_a holds a per-process counter)
 *   byte 8      0b10 in the top bits (variant), then random
 *   bytes 9-15  random
 *
 * The counter makes ids made by one process in the same millisecond sort in
 * creation order; when it runs out the timestamp is borrowed from the next
 * millisecond, so ids from one process always increase. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "util/err.h"
#include "util/record.h"

static int64_t id_last_ms = -1;
static uint32_t id_counter;

/* Random bytes are drawn from the kernel a pool at a time (one getrandom
 * call per id was a tenth of a big import). A child process must never
 * reuse its parent's pool: fork empties it. */
static uint8_t id_pool[640];
static size_t id_pool_left;
static bool id_atfork_set;

static void id_pool_drop(void)
{
	id_pool_left = 0;
}

static void id_fill(void *buf, size_t n)
{
	uint8_t *p = buf;
	while (n > 0) {
		ssize_t r = getrandom(p, n, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			die("getrandom: %s", strerror(errno));
		}
		p += r;
		n -= (size_t)r;
	}
}

static void id_random(uint8_t *buf, size_t n)
{
	if (!id_atfork_set) {
		if (pthread_atfork(NULL, NULL, id_pool_drop) != 0)
			die("pthread_atfork failed");
		id_atfork_set = true;
	}
	if (id_pool_left < n) {
		id_fill(id_pool, sizeof id_pool);
		id_pool_left = sizeof id_pool;
	}
	memcpy(buf, id_pool + sizeof id_pool - id_pool_left, n);
	/* used bytes are wiped: nothing of a past id stays in memory */
	memset(id_pool + sizeof id_pool - id_pool_left, 0, n);
	id_pool_left -= n;
}

static int64_t id_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void rid_new(rid *out)
{
	uint8_t rnd[10];
	int64_t ms = id_now_ms();

	id_random(rnd, sizeof rnd);
	if (ms > id_last_ms) {
		id_last_ms = ms;
		/* A random start leaves room for about 3000 ids per millisecond
		 * before the clock is borrowed from. */
		id_counter = ((uint32_t)rnd[0] << 8 | rnd[1]) & 0x3ff;
	} else if (++id_counter > 0xfff) {
		/* Same or earlier millisecond (clock stepped back): keep going
		 * forward from the last id. */
		id_last_ms++;
		id_counter = 0;
	}
	ms = id_last_ms;
	for (int i = 0; i < 6; i++)
		out->b[i] = (uint8_t)((uint64_t)ms >> (8 * (5 - i)));
	out->b[6] = (uint8_t)(0x70 | (id_counter >> 8));
	out->b[7] = (uint8_t)(id_counter & 0xff);
	out->b[8] = (uint8_t)(0x80 | (rnd[2] & 0x3f));
	memcpy(out->b + 9, rnd + 3, 7);
}

bool rid_is_zero(const rid *r)
{
	for (int i = 0; i < 16; i++)
		if (r->b[i])
			return false;
	return true;
}

int rid_cmp(const rid *a, const rid *b)
{
	return memcmp(a->b, b->b, 16);
}

void rid_hex(const rid *r, char buf[33])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++) {
		buf[2 * i] = hex[r->b[i] >> 4];
		buf[2 * i + 1] = hex[r->b[i] & 15];
	}
	buf[32] = '\0';
}

static int id_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool rid_parse(rid *out, const char *s)
{
	rid r;
	int n = 0;

	if (!s)
		return false;
	for (; *s; s++) {
		if (*s == '-')
			continue;
		int v = id_hexval(*s);
		if (v < 0 || n >= 32)
			return false;
		if (n % 2 == 0)
			r.b[n / 2] = (uint8_t)(v << 4);
		else
			r.b[n / 2] |= (uint8_t)v;
		n++;
	}
	if (n != 32)
		return false;
	*out = r;
	return true;
}

int64_t rid_ms(const rid *r)
{
	uint64_t ms = 0;
	for (int i = 0; i < 6; i++)
		ms = ms << 8 | r->b[i];
	return (int64_t)ms;
}
