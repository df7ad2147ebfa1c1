#include "config.h"
#include "util/pinyin.h"

#include <string.h>

#include <unistr.h>

#include "util/err.h"

/*
 * Matching a query against a name.
 *
 * The name is decoded into at most NAME_CHARS characters (the rest is
 * ignored); each gets up to two reading lists: the surname readings when it
 * starts the name (pinyin_surnames), then its dictionary readings. An ASCII
 * letter reads as itself. Separators (spaces and the middle dots of
 * transcribed foreign names, 阿依古丽·买买提) are skipped without using any of
 * the query. Any other character without a reading (𠮷, digits) cannot be
 * passed over: a match can only start after it.
 *
 * The query matches from some starting character s when it can be cut into
 * pieces, piece k being a non-empty prefix of one reading of character s+k
 * ("zhangsan" = zhang+san, "zs" = z+s, "zhangs" = zhang+s, "zsan" = z+san).
 * A reading's v (ü) also matches a u in the query. The search is a depth-
 * first search over (character, query position) with a table of failed
 * states, so it is linear in name length × query length × readings, and it
 * allocates nothing.
 */

enum { NAME_CHARS = 64, QUERY_MAX = 128 };

const char *pinyin_readings(uint32_t cp)
{
	size_t lo = 0, hi = pinyin_nranges;
	while (lo < hi) {   /* first range whose last >= cp */
		size_t mid = lo + (hi - lo) / 2;
		if (pinyin_ranges[mid].last < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == pinyin_nranges || pinyin_ranges[lo].first > cp)
		return NULL;
	uint16_t off = pinyin_offsets[pinyin_ranges[lo].index + (cp - pinyin_ranges[lo].first)];
	return off == PINYIN_NONE ? NULL : pinyin_pool + off;
}

uint32_t pinyin_base(uint32_t cp)
{
	size_t lo = 0, hi = pinyin_nvariants;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pinyin_variants[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < pinyin_nvariants && pinyin_variants[lo].cp == cp ? pinyin_variants[lo].base : cp;
}

char *pinyin_fold(const char *s)
{
	size_t n = strlen(s);
	/* A base takes at most 4 bytes, and no character takes fewer than 1. */
	uint8_t *out = xmalloc(4 * n + 1), *o = out;
	const uint8_t *p = (const uint8_t *)s;
	while (*p) {
		ucs4_t cp;
		int l = u8_strmbtouc(&cp, p);
		if (l <= 0) {
			*o++ = *p++;
			continue;
		}
		ucs4_t b = pinyin_base(cp);
		if (b == cp) {
			memcpy(o, p, (size_t)l);
			o += l;
		} else {
			o += u8_uctomb(o, b, 4);
		}
		p += l;
	}
	*o = 0;
	return (char *)out;
}

bool pinyin_is_query(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return false;
	return true;
}

/* "a\0b\0...z\0": the reading of an ASCII letter is the letter. */
static const char letters[] =
	"a\0b\0c\0d\0e\0f\0g\0h\0i\0j\0k\0l\0m\0n\0o\0p\0q\0r\0s\0t\0u\0v\0w\0x\0y\0z";

static bool is_separator(ucs4_t c)
{
	switch (c) {
	case ' ': case '\t': case '-': case '.':
	case 0x00B7:   /* MIDDLE DOT */
	case 0x2022:   /* BULLET */
	case 0x2027:   /* HYPHENATION POINT */
	case 0x3000:   /* IDEOGRAPHIC SPACE */
	case 0x30FB:   /* KATAKANA MIDDLE DOT */
	case 0xFF0E:   /* FULLWIDTH FULL STOP */
	case 0xFF0D:   /* FULLWIDTH HYPHEN-MINUS */
	case 0xFF65:   /* HALFWIDTH KATAKANA MIDDLE DOT */
		return true;
	default:
		return false;
	}
}

struct pch {
	const char *sets[2];   /* comma-separated reading lists, or NULL */
	bool separator;
};

struct matcher {
	const struct pch *c;
	size_t n;
	const char *q;
	size_t m;
	unsigned char *failed;   /* n × (m + 1) */
};

static bool letter_eq(char reading, char query)
{
	return reading == query || (reading == 'v' && query == 'u');
}

static bool search(struct matcher *mt, size_t i, size_t qpos)
{
	if (qpos == mt->m)
		return true;
	if (i == mt->n)
		return false;
	unsigned char *f = &mt->failed[i * (mt->m + 1) + qpos];
	if (*f)
		return false;
	const struct pch *c = &mt->c[i];
	if (c->separator) {
		if (search(mt, i + 1, qpos))
			return true;
	} else {
		const char *rest = mt->q + qpos;
		size_t left = mt->m - qpos;
		for (int s = 0; s < 2; s++) {
			const char *r = c->sets[s];
			while (r && *r) {
				size_t k = 0;
				while (r[k] && r[k] != ',' && k < left && letter_eq(r[k], rest[k]))
					k++;
				for (; k > 0; k--)
					if (search(mt, i + 1, qpos + k))
						return true;
				while (*r && *r != ',')
					r++;
				if (*r == ',')
					r++;
			}
		}
	}
	*f = 1;
	return false;
}

static const struct pinyin_surname *surname_of(const ucs4_t *cps, size_t n)
{
	size_t lo = 0, hi = pinyin_nsurnames;
	if (n == 0)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pinyin_surnames[mid].cp[0] < cps[0])
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < pinyin_nsurnames && pinyin_surnames[lo].cp[0] == cps[0]; lo++) {
		const struct pinyin_surname *s = &pinyin_surnames[lo];
		if (s->cp[1] == 0 || (n >= 2 && cps[1] == s->cp[1]))
			return s;
	}
	return NULL;
}

bool pinyin_match(const char *name, const char *query)
{
	char q[QUERY_MAX];
	size_t m = 0;
	if (!name || !query)
		return false;
	for (const char *p = query; *p; p++) {
		char ch = *p;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		else if (!(ch >= 'a' && ch <= 'z'))
			return false;
		if (m == QUERY_MAX)
			return false;
		q[m++] = ch;
	}
	if (m == 0)
		return false;

	ucs4_t cps[NAME_CHARS] = { 0 };
	struct pch c[NAME_CHARS];
	size_t n = 0;
	const uint8_t *s = (const uint8_t *)name;
	while (*s && n < NAME_CHARS) {
		ucs4_t cp;
		int l = u8_strmbtouc(&cp, s);
		if (l <= 0) {   /* invalid byte: a character without a reading */
			cp = 0xFFFD;
			l = 1;
		}
		s += l;
		cps[n] = cp;
		c[n].sets[0] = NULL;
		c[n].sets[1] = NULL;
		c[n].separator = is_separator(cp);
		if (cp >= 'a' && cp <= 'z')
			c[n].sets[1] = letters + 2 * (cp - 'a');
		else if (cp >= 'A' && cp <= 'Z')
			c[n].sets[1] = letters + 2 * (cp - 'A');
		else if (!c[n].separator)
			c[n].sets[1] = pinyin_readings(cp);
		n++;
	}
	const struct pinyin_surname *sn = surname_of(cps, n);
	if (sn) {
		c[0].sets[0] = sn->readings[0];
		if (sn->cp[1])
			c[1].sets[0] = sn->readings[1];
	}

	unsigned char failed[NAME_CHARS * (QUERY_MAX + 1)];
	memset(failed, 0, n * (m + 1));
	struct matcher mt = { .c = c, .n = n, .q = q, .m = m, .failed = failed };
	for (size_t start = 0; start < n; start++)
		if (!c[start].separator && (c[start].sets[0] || c[start].sets[1])
		    && search(&mt, start, 0))
			return true;
	return false;
}

struct out {
	char *buf;
	size_t size;
	size_t written;     /* bytes in buf */
	size_t len;         /* of the full result */
	bool stopped;       /* the buffer is full */
};

/* Appends s[0..n); an atomic piece (a UTF-8 character) is never cut. */
static void out_put(struct out *o, const char *s, size_t n, bool atomic)
{
	o->len += n;
	if (o->stopped || !o->size)
		return;
	size_t room = o->size - 1 - o->written;
	if (n > room) {
		if (atomic)
			n = 0;
		else
			n = room;
		o->stopped = true;
	}
	memcpy(o->buf + o->written, s, n);
	o->written += n;
	o->buf[o->written] = '\0';
}

static bool is_ascii_alnum(ucs4_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

size_t pinyin_name(const char *name, char *buf, size_t size)
{
	struct out o = { .buf = buf, .size = size };
	if (size)
		buf[0] = '\0';
	if (!name)
		return 0;

	ucs4_t first[2] = { 0, 0 };
	size_t nfirst = 0;
	const uint8_t *s = (const uint8_t *)name;
	while (nfirst < 2 && *s) {
		int l = u8_strmbtouc(&first[nfirst], s);
		if (l <= 0)
			break;
		s += l;
		nfirst++;
	}
	const struct pinyin_surname *sn = surname_of(first, nfirst);

	bool need_space = false, in_run = false;
	size_t idx = 0;
	s = (const uint8_t *)name;
	while (*s) {
		ucs4_t cp;
		int l = u8_strmbtouc(&cp, s);
		if (l <= 0) {   /* invalid byte: dropped */
			s++;
			idx++;
			in_run = false;
			continue;
		}
		const char *piece = NULL;
		if (sn && idx < 2 && sn->cp[idx ? 1 : 0] == cp && (idx == 0 || sn->cp[1]))
			piece = sn->readings[idx];
		else if (!is_ascii_alnum(cp))
			piece = pinyin_readings(cp);

		if (cp == ' ' || cp == '\t' || cp == 0x3000) {
			in_run = false;
		} else if (is_ascii_alnum(cp)) {
			if (!in_run && need_space)
				out_put(&o, " ", 1, true);
			char ch = (char)cp;
			out_put(&o, &ch, 1, true);
			in_run = need_space = true;
		} else {
			if (need_space)
				out_put(&o, " ", 1, true);
			if (piece)
				out_put(&o, piece, strcspn(piece, ","), false);
			else
				out_put(&o, (const char *)s, (size_t)l, true);
			in_run = false;
			need_space = true;
		}
		s += l;
		idx++;
	}
	return o.len;
}
