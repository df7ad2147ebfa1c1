/* keys.c — composite LMDB keys whose byte order is the wanted order. */
#include "config.h"

#include <string.h>

#include "store/store.h"

void key_init(keybuf *k)
{
	k->len = 0;
	k->overflow = false;
}

static void key_add(keybuf *k, const void *p, size_t n)
{
	if (k->overflow || n > sizeof k->b - k->len) {
		k->overflow = true;
		return;
	}
	memcpy(k->b + k->len, p, n);
	k->len += n;
}

void key_id(keybuf *k, const rid *r)
{
	key_add(k, r->b, 16);
}

void key_u32(keybuf *k, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
	key_add(k, b, 4);
}

void key_i32(keybuf *k, int32_t v)
{
	key_u32(k, (uint32_t)v ^ 0x80000000u);
}

void key_u64(keybuf *k, uint64_t v)
{
	uint8_t b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * (7 - i)));
	key_add(k, b, 8);
}

void key_str(keybuf *k, const char *s)
{
	if (!s)
		s = "";
	key_add(k, s, strlen(s) + 1);
}

bool key_take_id(bytes k, size_t *pos, rid *out)
{
	if (*pos > k.len || k.len - *pos < 16)
		return false;
	memcpy(out->b, (const uint8_t *)k.data + *pos, 16);
	*pos += 16;
	return true;
}

bool key_take_u32(bytes k, size_t *pos, uint32_t *out)
{
	const uint8_t *p;
	if (*pos > k.len || k.len - *pos < 4)
		return false;
	p = (const uint8_t *)k.data + *pos;
	*out = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	*pos += 4;
	return true;
}

bool key_take_i32(bytes k, size_t *pos, int32_t *out)
{
	uint32_t u;
	if (!key_take_u32(k, pos, &u))
		return false;
	*out = (int32_t)(u ^ 0x80000000u);
	return true;
}
