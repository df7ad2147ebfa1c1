/* fuzz_csv.c — libFuzzer harness for the CSV reader (util/csv.c).
 *
 * Built and run by tests/fuzz/run.sh with
 *   clang -fsanitize=fuzzer,address,undefined
 * Besides the sanitizers, it checks what csv.h promises about a table that
 * was read without errors. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csv_table t;
	errlist errs = { 0 };
	int rc = csv_read_mem("fuzz.csv", (const char *)data, size, &t, &errs);

	if (rc == 0) {
		CHECK(errs.n == 0);
		CHECK(t.encoding != NULL);
		CHECK(strcmp(t.encoding, "UTF-8") == 0 || strcmp(t.encoding, "GB18030") == 0);
		size_t prev = 0;
		for (size_t i = 0; i < t.nrows; i++) {
			const csv_row *r = &t.rows[i];
			CHECK(r->line > prev);   /* rows start on increasing lines */
			prev = r->line;
			CHECK(r->nfields > 0);
			for (size_t j = 0; j < r->nfields; j++) {
				size_t n = strlen(r->fields[j]);
				CHECK(n <= CSV_FIELD_MAX);
				CHECK(utf8_valid(r->fields[j], n));
			}
		}
	} else {
		CHECK(rc == E_INPUT);
		CHECK(errs.n > 0);
		CHECK(t.nrows == 0);
		for (size_t i = 0; i < errs.n; i++)
			CHECK(strncmp(errs.msg[i], "fuzz.csv:", 9) == 0);
	}
	csv_table_free(&t);
	errlist_free(&errs);
	return 0;
}
