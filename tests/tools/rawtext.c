/* rawtext — gives a student a name or class as an older version could have
 * stored it: past today's input rules (control codes, bidi controls), for
 * tests/cli/inject.sh to show that every output escapes them.
 *
 *   rawtext DIR STUDENT_NO name|class VALUE
 *
 * Rewrites the stored record with st_rec_put (the index entries stay those
 * of the clean value, as an old database's would be). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

struct job {
	const char *no, *field, *value;
};

static int put_raw(store_txn *t, void *ctx, err *e)
{
	struct job *j = ctx;
	student s;
	int rc = student_by_no(t, j->no, &s, e);
	if (rc)
		return rc;
	char **p = strcmp(j->field, "name") == 0 ? &s.name : &s.class_name;
	free(*p);
	*p = xstrdup(j->value);
	rc = st_rec_put(t, DB_STUDENT, &student_desc, &s, e);
	rec_free(&student_desc, &s);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 5 || (strcmp(argv[3], "name") != 0 && strcmp(argv[3], "class") != 0)) {
		fprintf(stderr, "usage: rawtext DIR STUDENT_NO name|class VALUE\n");
		return 2;
	}
	err e = { 0 };
	store *st = NULL;
	if (model_open(&st, argv[1], &e) != 0) {
		fprintf(stderr, "rawtext: %s\n", e.msg);
		return 1;
	}
	store_set_actor(st, "rawtext");
	struct job j = { argv[2], argv[3], argv[4] };
	int rc = store_write(st, put_raw, &j, &e);
	if (rc)
		fprintf(stderr, "rawtext: %s\n", e.msg);
	store_close(st);
	return rc ? 1 : 0;
}
