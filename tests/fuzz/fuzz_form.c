/* fuzz_form.c — the form file parser on arbitrary bytes: never crashes or
 * leaks, and a file it rejects yields an empty form and a reason. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[4096];
	if (!path[0])
		snprintf(path, sizeof path, "%s/bangfu-fuzz-form.%d.form",
			 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);

	form_def def;
	memset(&def, 0, sizeof def);
	errlist errs = { 0 };
	int rc = form_load_file(path, &def, &errs);
	if (rc != 0 && (def.nfields != 0 || errs.n == 0))
		abort();
	form_def_free(&def);
	errlist_free(&errs);
	return 0;
}
