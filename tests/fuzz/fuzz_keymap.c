/* fuzz_keymap.c — the keymap file parser on arbitrary bytes: never crashes,
 * and a file it rejects leaves the keymap exactly as it was. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/keymap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[4096];
	if (!path[0]) {
		snprintf(path, sizeof path, "%s/bangfu-fuzz-keymap.%d",
			 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);

	keymap *km = calloc(1, sizeof *km);
	keymap *before = calloc(1, sizeof *before);
	errlist errs = { 0 };
	int rc = keymap_load(km, path, "/nonexistent", &errs);
	if (rc != 0) {
		if (memcmp(km, before, sizeof *km) != 0)
			abort();          /* a rejected file must change nothing */
		if (errs.n == 0)
			abort();          /* and must say why */
	}
	errlist_free(&errs);
	free(km);
	free(before);
	return 0;
}
