/* fuzz_db.c — damaged database files through bangfu's own open path.
 *
 * Each input is written as a database folder's data.mdb and opened the way
 * every command opens one (model_open: the store, the size check, the
 * schema and its migrations), then read whole the way `bangfu check` reads
 * it (model_check: every record of every database decoded, every index and
 * kept count compared). A damaged file must end in an error (E_DB, or
 * E_INPUT for a schema it does not know) or in fault.c's clean "damaged"
 * exit, never in a signal, an abort or undefined behaviour.
 *
 * fault.c ends the process with exit status 3; here its hook (model_on_damage)
 * jumps back instead, so that one run can try many files. What the jump
 * leaves behind (the store, LMDB's environment and its file descriptors)
 * cannot be closed safely: the store is forgotten (store_abandon), the
 * descriptors are closed by number, the rest is left (run.sh runs this
 * harness without leak detection).
 *
 * Seeded by run.sh with a small valid data.mdb made at run time (bangfu init
 * and an import of students.csv). */
#include "config.h"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/model.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sigjmp_buf back;
static volatile sig_atomic_t running;

static void on_damage(void)
{
	if (running)
		siglongjmp(back, 1);
}

static int check_fn(model_txn *t, void *ctx, err *e)
{
	return model_check(t, ctx, e);
}

static char dir[4096], file[4200], lock[4200];

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/bangfu-fuzz-db.%d", tmp && *tmp ? tmp : "/tmp",
		 (int)getpid());
	mkdir(dir, 0700);
	snprintf(file, sizeof file, "%s/data.mdb", dir);
	snprintf(lock, sizeof lock, "%s/lock.mdb", dir);
	model_on_damage(on_damage);
}

enum { FDS = 256 };

/* Which descriptors are open: those a jump left open are closed after it. */
static void fds_open(bool out[FDS])
{
	for (int i = 0; i < FDS; i++)
		out[i] = fcntl(i, F_GETFD) != -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0])
		setup();
	/* a new inode each time: a left-over map of the last file stays apart */
	unlink(file);
	unlink(lock);
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	close(fd);

	static bool before[FDS];
	static errlist probs;
	fds_open(before);
	memset(&probs, 0, sizeof probs);
	if (sigsetjmp(back, 1) == 0) {
		running = 1;
		err e = { 0 };
		model_store *st = NULL;
		int rc = model_open(&st, dir, &e);
		if (rc == 0) {
			rc = model_read(st, check_fn, &probs, &e);
			if (rc != 0 && rc != E_DB)
				abort();      /* a read of a file is E_DB or fine */
			model_close(st);
		} else if ((rc != E_DB && rc != E_INPUT) || !e.msg[0]) {
			abort();              /* refused: with a reason */
		}
		running = 0;
	} else {
		/* fault.c found the file damaged and jumped back here */
		running = 0;
		store_abandon();
		bool now[FDS];
		fds_open(now);
		for (int i = 0; i < FDS; i++)
			if (now[i] && !before[i])
				close(i);
	}
	errlist_free(&probs);
	return 0;
}
