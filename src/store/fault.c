/* fault.c — a damaged database file ends a command cleanly.
 *
 * A file shorter than LMDB's meta pages say, or a page whose bytes were
 * changed, makes a read of the mapped file fault (SIGBUS past the end of
 * the file, SIGSEGV on a wild page number) or fail one of LMDB's own
 * assertions (which would abort). Either way the data cannot be trusted and
 * nothing can be saved from inside the process: the command stops with exit
 * status 3 and a message that the database is damaged, never by a signal.
 *
 * The handler acts only on a fault whose address lies inside the mapped
 * file, or one inside LMDB's reads (a broken page sends them anywhere);
 * any other fault is a bug, and the handler that was there before
 * (the default, or a sanitizer's) gets it. Its message is made (and
 * translated) beforehand, since a signal handler may not call gettext.
 *
 * A broken page can also send one of LMDB's reads round in circles for
 * ever. A timer of the process's own CPU time (ITIMER_VIRTUAL: it never
 * fires while the process waits, so it interrupts no read of the terminal)
 * ticks each second; a read of LMDB that is still the same read two ticks
 * later (a read takes microseconds) is the file's damage too. */
#include "config.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "store/store.h"
#include "util/i18n.h"

static volatile uintptr_t map_lo, map_hi;
volatile sig_atomic_t store_in_lmdb;
volatile sig_atomic_t store_in_commit;
static char fault_msg[2048];
static size_t fault_len;
static void (*volatile fault_hook)(void);
static struct sigaction old_bus, old_segv;
static bool armed;

void store_fault_hook(void (*fn)(void))
{
	fault_hook = fn;
}

_Noreturn static void say_and_exit(const char *extra, size_t n)
{
	void (*hook)(void) = fault_hook;
	if (hook)
		hook();
	ssize_t w = write(STDERR_FILENO, fault_msg, fault_len);
	if (extra && n)
		w = write(STDERR_FILENO, extra, n);
	(void)w;
	_exit(E_DB);
}

volatile unsigned store_lmdb_calls;   /* wraps: only compared for equality */

/* The same LMDB read, unfinished, after this many ticks: it never ends. */
enum { STUCK_TICKS = 2 };

static void on_tick(int sig)
{
	static unsigned last_call;
	static sig_atomic_t ticks;
	(void)sig;
	if (store_in_lmdb > 0 && map_hi && store_lmdb_calls == last_call) {
		if (++ticks >= STUCK_TICKS) {
			ticks = 0;
			say_and_exit(NULL, 0);
		}
		return;
	}
	last_call = store_lmdb_calls;
	ticks = 0;
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	uintptr_t a = (uintptr_t)si->si_addr;
	(void)uc;
	if ((a >= map_lo && a < map_hi) || ((store_in_lmdb > 0 || store_in_commit > 0) && map_hi))
		say_and_exit(NULL, 0);
	/* Not ours: put back what was there and let the fault happen again. */
	sigaction(sig, sig == SIGBUS ? &old_bus : &old_segv, NULL);
}

void store_fault_damaged(const char *why)
{
	char buf[512];
	int n = snprintf(buf, sizeof buf, "  (%s)\n", why ? why : "");
	say_and_exit(buf, n > 0 ? (size_t)(n < (int)sizeof buf ? n : (int)sizeof buf - 1) : 0);
}

/* Where the file open as fd is mapped (its mapping at offset 0, in
 * /proc/self/maps, matched by device and inode): LMDB does not say. */
static bool map_of_fd(int fd, uintptr_t *lo, uintptr_t *hi)
{
	struct stat sb;
	if (fstat(fd, &sb) != 0)
		return false;
	FILE *f = fopen("/proc/self/maps", "re");
	if (!f)
		return false;
	char line[4096];
	bool found = false;
	while (!found && fgets(line, sizeof line, f)) {
		unsigned long a, b, off, ino;
		unsigned maj, mnr;
		char perm[8];
		if (sscanf(line, "%lx-%lx %7s %lx %x:%x %lu", &a, &b, perm, &off, &maj, &mnr,
			   &ino) == 7 &&
		    off == 0 && ino == (unsigned long)sb.st_ino &&
		    makedev(maj, mnr) == sb.st_dev) {
			*lo = a;
			*hi = b;
			found = true;
		}
	}
	fclose(f);
	return found;
}

void store_fault_arm(const char *path, int fd)
{
	/* the hint for a folder is looked for once (the map moves as it grows) */
	static char hint[1024], hint_for[512];
	if (strcmp(hint_for, path) != 0) {
		store_backup_hint(path, hint, sizeof hint);
		snprintf(hint_for, sizeof hint_for, "%s", path);
	}
	int n = snprintf(fault_msg, sizeof fault_msg,
			 _("bangfu: the database in %s is damaged (a page of its file cannot "
			   "be read); nothing more was read or written. Restore it from a "
			   "backup. %s\n"),
			 path, hint);
	fault_len = n < 0 ? 0 : (size_t)n < sizeof fault_msg ? (size_t)n : sizeof fault_msg - 1;
	uintptr_t lo = 0, hi = 0;
	if (!map_of_fd(fd, &lo, &hi))
		lo = hi = 0;
	map_lo = lo;
	map_hi = hi;
	if (armed)
		return;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &old_bus);
	sigaction(SIGSEGV, &sa, &old_segv);
	struct sigaction tick;
	memset(&tick, 0, sizeof tick);
	tick.sa_handler = on_tick;
	tick.sa_flags = SA_RESTART | SA_NODEFER;
	sigemptyset(&tick.sa_mask);
	sigaction(SIGVTALRM, &tick, NULL);
	struct itimerval every = { { 1, 0 }, { 1, 0 } };
	setitimer(ITIMER_VIRTUAL, &every, NULL);
	armed = true;
}

void store_fault_disarm(void)
{
	map_lo = map_hi = 0;
}
