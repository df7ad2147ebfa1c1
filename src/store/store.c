/* store.c — the LMDB environment, transactions, raw access and records.
 *
 * One environment per process (NOTES.md: opening one twice and closing one
 * drops the locks). Writes run as functions: on MDB_MAP_FULL, from a put or
 * from the commit, the transaction is aborted, the map doubled and the
 * function run again. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <zlib.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "util/i18n.h"
#include "util/paths.h"

/* A rev change made by st_rec_put, kept so that a write function re-run after
 * MAP_FULL may pass the same record (whose rev the aborted run bumped). */
typedef struct rev_step {
	int db;
	unsigned attempt;
	rid id;
	uint32_t from, to;
} rev_step;

struct store {
	MDB_env *env;
	char *path;
	int ndbs;
	char **names;
	MDB_dbi *dbi;
	int meta_db;
	char actor[64];
	bool readonly;         /* opened MDB_RDONLY | MDB_NOLOCK: the folder is not writable */
	char notice[1024];     /* what the open did that the user should know */
	int readers;           /* open read transactions of this process */
	bool writing;          /* a write transaction is open */
};

struct store_cursor {
	store_txn *t;
	MDB_cursor *c;
	store_cursor *next;
};

struct store_txn {
	store *s;
	MDB_txn *txn;
	bool writable;
	bool map_full;         /* a put hit MDB_MAP_FULL: grow and re-run */
	store_cursor *cursors; /* still open, closed when the txn ends */
	unsigned attempt;
	rev_step *steps;       /* all attempts' steps, shared across re-runs */
	size_t nsteps, capsteps;
	size_t first_step;     /* where this attempt's steps begin */
};

static size_t store_initial_mapsize = (size_t)1 << 30;
static bool store_is_open;

void store_set_initial_mapsize(size_t size)
{
	store_initial_mapsize = size;
}

static int64_t store_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static MDB_dbi store_dbi(store_txn *t, int db)
{
	if (db < 0 || db >= t->s->ndbs)
		die("store: no database number %d", db);
	return t->s->dbi[db];
}

static const char *store_dbname(store_txn *t, int db)
{
	return db >= 0 && db < t->s->ndbs ? t->s->names[db] : "?";
}

/* A write that failed for want of space: ENOSPC or EDQUOT, or a short
 * write (LMDB says EIO) on a file system with almost nothing left. */
static bool store_full(const char *dir, int rc)
{
	struct statvfs vf;
	if (rc == ENOSPC || rc == EDQUOT)
		return true;
	if (rc != EIO || statvfs(dir, &vf) != 0)
		return false;
	return (unsigned long long)vf.f_bavail * vf.f_frsize < (1ULL << 20);
}

static int store_full_err(err *e, const char *dir)
{
	return err_set(e, E_DB, _("disk full: there is no room left for %s; nothing was "
				  "saved. Free some space and try again"), dir);
}

enum { OP_READ, OP_WRITE, OP_DELETE };

/* Reports an LMDB failure; MAP_FULL is remembered so store_write re-runs. */
static int store_fail(store_txn *t, int db, int op, int rc, err *e)
{
	const char *name = store_dbname(t, db), *path = t->s->path, *why = mdb_strerror(rc);
	if (rc == MDB_MAP_FULL)
		t->map_full = true;
	else if (store_full(path, rc))
		return store_full_err(e, path);
	switch (op) {
	case OP_WRITE:
		return err_set(e, E_DB, _("cannot write to %s in %s: %s"), name, path, why);
	case OP_DELETE:
		return err_set(e, E_DB, _("cannot delete from %s in %s: %s"), name, path, why);
	default:
		return err_set(e, E_DB, _("cannot read %s in %s: %s"), name, path, why);
	}
}

/* ---- opening --------------------------------------------------------- */

static int store_mkdirs(const char *dir, err *e)
{
	char *p = xstrdup(dir);
	struct stat st;

	for (char *q = p + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			int rc = err_set(e, E_DB, _("cannot create the folder %s: %s"), p, strerror(errno));
			free(p);
			return rc;
		}
		*q = '/';
	}
	free(p);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return err_set(e, E_DB, _("cannot create the folder %s: %s"), dir, strerror(errno));
	if (stat(dir, &st) != 0)
		return err_set(e, E_DB, _("cannot open the database %s: %s"), dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return err_set(e, E_DB, _("cannot open the database %s: %s"), dir, strerror(ENOTDIR));
	return 0;
}

static void store_default_actor(store *s)
{
	const char *user = getenv("USER");
	char host[256] = "";
	struct passwd *pw;

	if (!user || !*user) {
		pw = getpwuid(getuid());
		user = pw && pw->pw_name ? pw->pw_name : "unknown";
	}
	if (gethostname(host, sizeof host - 1) != 0 || !host[0])
		strcpy(host, "localhost");
	host[sizeof host - 1] = '\0';
	snprintf(s->actor, sizeof s->actor, "%.31s@%.31s", user, host);
}

/* LMDB's reads, marked for fault.c: a fault inside one of them comes from
 * the pages of the file (a damaged page can send LMDB anywhere), so it is
 * the database's damage, not a bug of ours. */
static int lmdb_cursor_get(MDB_cursor *mc, MDB_val *k, MDB_val *v, MDB_cursor_op op)
{
	store_in_lmdb++;
	store_lmdb_calls++;
	int rc = mdb_cursor_get(mc, k, v, op);
	store_in_lmdb--;
	return rc;
}

/* Opening a database searches the main one: a read of the file too. */
static int lmdb_dbi_open(MDB_txn *txn, const char *name, unsigned flags, MDB_dbi *dbi)
{
	store_in_lmdb++;
	store_lmdb_calls++;
	int rc = mdb_dbi_open(txn, name, flags, dbi);
	store_in_lmdb--;
	return rc;
}

/* A put or a delete first searches the tree as a read does. */
static int lmdb_put(MDB_txn *txn, MDB_dbi dbi, MDB_val *k, MDB_val *v, unsigned flags)
{
	store_in_lmdb++;
	store_lmdb_calls++;
	int rc = mdb_put(txn, dbi, k, v, flags);
	store_in_lmdb--;
	return rc;
}

static int lmdb_del(MDB_txn *txn, MDB_dbi dbi, MDB_val *k)
{
	store_in_lmdb++;
	store_lmdb_calls++;
	int rc = mdb_del(txn, dbi, k, NULL);
	store_in_lmdb--;
	return rc;
}

static int lmdb_get(MDB_txn *txn, MDB_dbi dbi, MDB_val *k, MDB_val *v)
{
	store_in_lmdb++;
	store_lmdb_calls++;
	int rc = mdb_get(txn, dbi, k, v);
	store_in_lmdb--;
	return rc;
}

/* A commit walks the pages it frees and writes: a damaged page can send it
 * anywhere too. */
static int lmdb_commit(MDB_txn *txn)
{
	store_in_commit++;
	int rc = mdb_txn_commit(txn);
	store_in_commit--;
	return rc;
}

/* The mapped file's range, for fault.c (again after the map moved). */
static void store_fault_track(store *s)
{
	mdb_filehandle_t fd;
	if (mdb_env_get_fd(s->env, &fd) == 0)
		store_fault_arm(s->path, fd);
}

static void store_assert(MDB_env *env, const char *msg)
{
	(void)env;
	store_fault_damaged(msg);
}

/* A file shorter than its last committed page: part of it was cut off (a
 * copy stopped early, a full disk, a truncate), and reading there would
 * fault. Checked at open, before anything is read through the map. */
static int store_check_size(store *s, err *e)
{
	MDB_envinfo info;
	MDB_stat st;
	mdb_filehandle_t fd;
	struct stat sb;
	if (mdb_env_info(s->env, &info) || mdb_env_stat(s->env, &st) ||
	    mdb_env_get_fd(s->env, &fd) || fstat(fd, &sb) != 0)
		return 0;
	unsigned long long need = ((unsigned long long)info.me_last_pgno + 1) * st.ms_psize;
	if ((unsigned long long)sb.st_size >= need)
		return 0;
	char hint[1024];
	store_backup_hint(s->path, hint, sizeof hint);
	return err_set(e, E_DB,
		       _("the database in %s is damaged: its file holds %llu bytes but "
			 "must hold at least %llu; restore it from a backup. %s"),
		       s->path, (unsigned long long)sb.st_size, need, hint);
}

/* LMDB's first meta page, as it reads it before anything else: after the
 * page header (pgno, pad, flags, lower, upper), the magic, the version, the
 * map's address and size, then the free-page database, whose first field
 * holds the page size. LMDB divides by that size without looking at it. */
enum {
	META_MAGIC = 0xBEEFC0DE,
	META_AT = 8 + 2 + 2 + 2 + 2,
	META_PSIZE_AT = META_AT + 4 + 4 + sizeof(void *) + sizeof(size_t),
};

static bool psize_ok(uint32_t psize)
{
	return psize >= 512 && psize <= 65536 && (psize & (psize - 1)) == 0;
}

/* The page size the meta page at off names: 0 and true when it names a
 * good one or is no meta page LMDB would take (LMDB says so itself), else
 * false with the size in *bad. *psize gets the size read (0 if none). */
static bool meta_ok(int fd, off_t off, uint32_t *psize, uint32_t *bad)
{
	unsigned char buf[META_PSIZE_AT + 4];
	uint32_t magic;
	*psize = 0;
	if (pread(fd, buf, sizeof buf, off) != (ssize_t)sizeof buf)
		return true;
	memcpy(&magic, buf + META_AT, sizeof magic);
	if (magic != META_MAGIC)
		return true;
	memcpy(psize, buf + META_PSIZE_AT, sizeof *psize);
	*bad = *psize;
	return psize_ok(*psize);
}

/* A data.mdb whose meta pages name an impossible page size (0, or one no
 * LMDB writes) would kill the process in mdb_env_open (SIGFPE): refused
 * before it. LMDB reads the second meta page where the first's size puts
 * it, and uses the newer. A file too short to hold a meta page, or without
 * LMDB's magic, is left to LMDB, which says so. */
static int store_check_meta(const char *dir, err *e)
{
	char *path = xasprintf("%s/data.mdb", dir);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return 0;
	uint32_t p0, p1, bad = 0;
	bool ok = meta_ok(fd, 0, &p0, &bad);
	if (ok && p0)
		ok = meta_ok(fd, p0, &p1, &bad);
	close(fd);
	if (ok)
		return 0;
	char hint[1024];
	store_backup_hint(dir, hint, sizeof hint);
	return err_set(e, E_DB,
		       _("the database in %s is damaged (a meta page names a page size of "
			 "%u bytes); restore it from a backup. %s"),
		       dir, (unsigned)bad, hint);
}

void store_abandon(void)
{
	store_fault_disarm();
	store_in_lmdb = 0;
	store_in_commit = 0;
	store_is_open = false;
}

static int store_grow(store *s, err *e)
{
	MDB_envinfo info;
	int rc;

	mdb_env_info(s->env, &info);
	if (info.me_mapsize >= (size_t)1 << 42)
		return err_set(e, E_DB, _("the database %s is full (%zu MiB)"), s->path,
			       info.me_mapsize >> 20);
	rc = mdb_env_set_mapsize(s->env, info.me_mapsize * 2);
	if (rc)
		return err_set(e, E_DB, _("cannot grow the database %s to %zu MiB: %s"), s->path,
			       (info.me_mapsize * 2) >> 20, mdb_strerror(rc));
	store_fault_track(s);
	return 0;
}

static int store_begin(store *s, unsigned flags, MDB_txn **out, err *e)
{
	for (int tries = 0;; tries++) {
		int rc = mdb_txn_begin(s->env, NULL, flags, out);
		if (rc == 0)
			return 0;
		if (rc == MDB_MAP_RESIZED && tries < 8 && !s->readers) {
			/* another process grew the map: adopt its size */
			mdb_env_set_mapsize(s->env, 0);
			store_fault_track(s);
			continue;
		}
		if (rc == MDB_READERS_FULL && tries < 8) {
			int dead = 0;
			mdb_reader_check(s->env, &dead);
			continue;
		}
		return err_set(e, E_DB, _("cannot begin a transaction in %s: %s"), s->path,
			       mdb_strerror(rc));
	}
}

/* Opens every named database in a read transaction: true when all exist.
 * This is the common case, and it does not wait for another process's
 * write (an import running in another terminal). Handles opened in a read
 * transaction stay valid after it commits. */
/* Opens every database without writing: true when all are there. *named:
 * the main database holds names (the file has data); *meta: "meta" is
 * among them. */
static bool store_open_dbs_read(store *s, bool *named, bool *meta)
{
	MDB_txn *txn;
	MDB_stat st;
	*named = *meta = false;
	if (mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn) != 0)
		return false;
	*named = mdb_stat(txn, 0, &st) == 0 && st.ms_entries > 0;
	bool all = true;
	for (int i = 0; i < s->ndbs; i++) {
		if (lmdb_dbi_open(txn, s->names[i], 0, &s->dbi[i]) != 0)
			all = false;
		else if (i == s->meta_db)
			*meta = true;
	}
	if (!all) {
		mdb_txn_abort(txn);
		return false;
	}
	return lmdb_commit(txn) == 0;
}

/* The schema version a file must be below for its open to add databases
 * (a migration's new ones); 0: no such limit. */
static uint32_t expect_schema;

void store_expect_schema(uint32_t v)
{
	expect_schema = v;
}

static uint32_t meta_crc(const char *name, const uint8_t *b);

/* A file that names its schema as today's (or names it with a bad
 * checksum) yet lacks one of today's databases is damaged: nothing may be
 * added to it. True when it is so; *newer: it names a later schema than
 * this program's (*schema), which is not for this program to change. */
static bool store_missing_is_damage(store *s, bool *newer, uint32_t *schema)
{
	*newer = false;
	if (!expect_schema || s->meta_db < 0)
		return false;
	MDB_txn *txn;
	MDB_dbi dbi;
	bool damaged = false;
	if (mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn) != 0)
		return false;
	if (lmdb_dbi_open(txn, s->names[s->meta_db], 0, &dbi) == 0) {
		MDB_val k = { strlen("schema_version"), (void *)"schema_version" }, v;
		if (lmdb_get(txn, dbi, &k, &v) == 0) {
			const uint8_t *p = v.mv_data;
			uint32_t n = v.mv_size >= 4 ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
							      (uint32_t)p[2] << 8 | p[3] : 0;
			bool sound = v.mv_size == 4;
			if (v.mv_size == 8) {
				uint32_t c = (uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 |
					     (uint32_t)p[6] << 8 | p[7];
				sound = c == meta_crc("schema_version", p);
			}
			*schema = n;
			*newer = sound && n > expect_schema;
			damaged = !sound || n == expect_schema;
		}
	}
	mdb_txn_abort(txn);
	return damaged;
}

static int store_open_dbs(store *s, err *e)
{
	bool named, meta;
	if (store_open_dbs_read(s, &named, &meta))
		return 0;
	/* A file with databases but without "meta" (which every version has
	 * had) is not one to write new databases into: its main page is
	 * damaged, and a commit over damaged pages can go anywhere. */
	bool newer = false;
	uint32_t schema = 0;
	bool damaged = named && meta && store_missing_is_damage(s, &newer, &schema);
	if (newer)
		return err_set(e, E_DB, _("database schema %u is newer than this program (%d)"),
			       (unsigned)schema, (int)expect_schema);
	if (damaged || (named && !meta && s->meta_db >= 0)) {
		char hint[1024];
		store_backup_hint(s->path, hint, sizeof hint);
		return err_set(e, E_DB,
			       _("the database in %s is damaged: its list of tables is broken; "
				 "restore it from a backup. %s"),
			       s->path, hint);
	}
	for (;;) {
		MDB_txn *txn;
		int rc = 0, i;

		if (store_begin(s, 0, &txn, e))
			return E_DB;
		for (i = 0; i < s->ndbs; i++) {
			rc = lmdb_dbi_open(txn, s->names[i], MDB_CREATE, &s->dbi[i]);
			if (rc)
				break;
		}
		if (rc) {
			mdb_txn_abort(txn);
			if (rc == MDB_MAP_FULL) {
				if (store_grow(s, e))
					return E_DB;
				continue;
			}
			return err_set(e, E_DB, _("cannot open the database %s in %s: %s"), s->names[i],
				       s->path, mdb_strerror(rc));
		}
		rc = lmdb_commit(txn);
		if (rc == MDB_MAP_FULL) {
			if (store_grow(s, e))
				return E_DB;
			continue;
		}
		if (rc && store_full(s->path, rc))
			return store_full_err(e, s->path);
		if (rc)
			return err_set(e, E_DB, _("cannot open the databases in %s: %s"), s->path,
				       mdb_strerror(rc));
		return 0;
	}
}

static bool store_has(const char *dir, const char *name)
{
	char *f = xasprintf("%s/%s", dir, name);
	struct stat sb;
	bool yes = lstat(f, &sb) == 0;
	free(f);
	return yes;
}

static void store_note(store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void store_note(store *s, const char *fmt, ...)
{
	size_t n = strlen(s->notice);
	va_list ap;
	if (n && n + 1 < sizeof s->notice)
		s->notice[n++] = '\n';
	va_start(ap, fmt);
	vsnprintf(s->notice + n, sizeof s->notice - n, fmt, ap);
	va_end(ap);
}

/* The folder's permissions: one that others may write and that is not the
 * user's is refused (they could swap the files); the user's own folder and
 * files are made private (0700, 0600) when they were not, and said so. */
static int store_check_perms(store *s, const char *dir, err *e)
{
	static const char *const files[] = { "data.mdb", "lock.mdb" };
	struct stat sb;
	bool tightened = false;
	if (stat(dir, &sb) != 0)
		return 0;
	if (sb.st_uid != geteuid()) {
		if (sb.st_mode & (S_IWGRP | S_IWOTH))
			return err_set(e, E_INPUT,
				       _("the database folder %s is not yours and other users may "
					 "write to it: refusing to use it (its owner can make it "
					 "private with: chmod 700 %s)"), dir, dir);
		return 0;
	}
	if ((sb.st_mode & 077) && chmod(dir, 0700) == 0)
		tightened = true;
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char *f = xasprintf("%s/%s", dir, files[i]);
		if (lstat(f, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == geteuid() &&
		    (sb.st_mode & 077) && chmod(f, 0600) == 0)
			tightened = true;
		free(f);
	}
	if (tightened)
		store_note(s, _("made the database folder %s private: other users could read it "
				"(now folder 0700, files 0600)"), dir);
	return 0;
}

/* LMDB sizes a new lock file with ftruncate and writes it through a map: on
 * a full disk that write is a SIGBUS. The file's blocks are taken first, so
 * a full disk is an error instead. 0 or an errno. */
static int store_prealloc_lock(const char *dir)
{
	char *f = xasprintf("%s/lock.mdb", dir);
	int fd = open(f, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600), rc = 0;
	if (fd < 0) {
		rc = errno == EEXIST ? 0 : errno;
	} else {
		/* 8 KiB: LMDB's lock file for its default 126 readers */
		if (fallocate(fd, 0, 0, 8192) != 0 && errno != EOPNOTSUPP && errno != ENOSYS)
			rc = errno;
		close(fd);
		if (rc)
			unlink(f);
	}
	free(f);
	return rc;
}

/* The files a failed open of a new database leaves: taken away. */
static void store_unmake(const char *dir)
{
	char *f = xasprintf("%s/data.mdb", dir);
	unlink(f);
	free(f);
	f = xasprintf("%s/lock.mdb", dir);
	unlink(f);
	free(f);
}

bool store_readonly(const store *s)
{
	return s->readonly;
}

const char *store_notice(const store *s)
{
	return s->notice[0] ? s->notice : NULL;
}

int store_open(store **out, const char *dir, const char *const *dbs, int ndbs, err *e)
{
	store *s;
	MDB_envinfo info;
	int rc, dead = 0;
	bool fresh = false;

	*out = NULL;
	if (store_is_open)
		return err_set(e, E_DB, _("a database is already open in this process"));
	if (store_mkdirs(dir, e))
		return E_DB;

	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(dir);
	s->ndbs = ndbs;
	s->names = xcalloc((size_t)ndbs + 1, sizeof *s->names);
	s->dbi = xcalloc((size_t)ndbs + 1, sizeof *s->dbi);
	s->meta_db = -1;
	for (int i = 0; i < ndbs; i++) {
		s->names[i] = xstrdup(dbs[i]);
		if (strcmp(dbs[i], "meta") == 0)
			s->meta_db = i;
	}
	store_default_actor(s);

	fresh = !store_has(dir, "data.mdb");
	if (store_check_perms(s, dir, e))
		goto fail;
	/* A folder that cannot be written (a write-protected stick, a folder
	 * of someone else's): read-only, without a lock file. */
	s->readonly = !fresh && access(dir, W_OK) != 0;
	if (store_check_meta(dir, e))
		goto fail;
	for (;;) {
		if (!s->readonly && (rc = store_prealloc_lock(dir)) != 0) {
			if (store_full(dir, rc))
				store_full_err(e, dir);
			else
				err_set(e, E_DB, _("cannot open the database %s: %s"), dir, strerror(rc));
			goto fail;
		}
		rc = mdb_env_create(&s->env);
		if (rc) {
			err_set(e, E_DB, _("cannot open the database %s: %s"), dir, mdb_strerror(rc));
			goto fail;
		}
		mdb_env_set_maxdbs(s->env, (MDB_dbi)ndbs + 2);
		mdb_env_set_assert(s->env, store_assert);
		rc = mdb_env_open(s->env, dir,
				  MDB_NOTLS | (s->readonly ? MDB_RDONLY | MDB_NOLOCK : 0), 0600);
		if (rc && !fresh && !s->readonly && (rc == EACCES || rc == EROFS)) {
			/* the files are read-only though the folder is not */
			mdb_env_close(s->env);
			s->env = NULL;
			s->readonly = true;
			continue;
		}
		break;
	}
	if (rc) {
		if (store_full(dir, rc))
			store_full_err(e, dir);
		else
			err_set(e, E_DB, _("cannot open the database %s: %s"), dir, mdb_strerror(rc));
		goto fail;
	}
	if (s->readonly)
		store_note(s, _("%s cannot be written: opened read-only, without a lock; make "
				"sure nobody writes to this database meanwhile"), dir);
	if (store_check_size(s, e))
		goto fail;
	store_fault_track(s);
	/* Only ever raise the map: a smaller size would shrink it. */
	mdb_env_info(s->env, &info);
	if (info.me_mapsize < store_initial_mapsize) {
		rc = mdb_env_set_mapsize(s->env, store_initial_mapsize);
		if (rc) {
			err_set(e, E_DB, _("cannot map the database %s: %s"), dir, mdb_strerror(rc));
			goto fail;
		}
		store_fault_track(s);
	}
	mdb_reader_check(s->env, &dead);
	if (store_open_dbs(s, e))
		goto fail;
	store_is_open = true;
	*out = s;
	return 0;
fail:
	store_fault_disarm();
	if (s->env)
		mdb_env_close(s->env);
	s->env = NULL;
	if (fresh)
		store_unmake(dir);
	for (int i = 0; i < ndbs; i++)
		free(s->names[i]);
	free(s->names);
	free(s->dbi);
	free(s->path);
	free(s);
	return E_DB;
}

void store_forget_open(void)
{
	store_is_open = false;
}

void store_close(store *s)
{
	if (!s)
		return;
	if (s->readers || s->writing)
		die("store_close inside a transaction");
	store_fault_disarm();
	mdb_env_close(s->env);
	for (int i = 0; i < s->ndbs; i++)
		free(s->names[i]);
	free(s->names);
	free(s->dbi);
	free(s->path);
	free(s);
	store_is_open = false;
}

uint64_t store_last_txn(store *s)
{
	MDB_envinfo info;
	if (mdb_env_info(s->env, &info) != 0)
		return 0;
	return (uint64_t)info.me_last_txnid;
}

const char *store_path(const store *s)
{
	return s->path;
}

void store_set_actor(store *s, const char *who)
{
	snprintf(s->actor, sizeof s->actor, "%s", who ? who : "");
}

const char *store_actor(const store *s)
{
	return s->actor;
}

void store_release_pages(store *s)
{
	/* LMDB does not tell where it mapped the file (mdb_env_info's
	 * me_mapaddr is only set with MDB_FIXEDMAP): the mapping of data.mdb
	 * is found by its inode in /proc/self/maps. The map is read-only and
	 * shared (no MDB_WRITEMAP), so dropping its pages from this process
	 * only unmaps them; the next read maps them again from the page
	 * cache. */
	char *file = xasprintf("%s/data.mdb", s->path);
	struct stat st;
	FILE *maps = NULL;
	if (stat(file, &st) != 0 || !(maps = fopen("/proc/self/maps", "r"))) {
		free(file);
		return;
	}
	char line[512];
	while (fgets(line, sizeof line, maps)) {
		unsigned long lo, hi, ino;
		unsigned maj, min;
		if (sscanf(line, "%lx-%lx %*s %*x %x:%x %lu", &lo, &hi, &maj, &min, &ino) == 5 &&
		    ino == (unsigned long)st.st_ino && hi > lo)
			madvise((void *)lo, hi - lo, MADV_DONTNEED);
	}
	fclose(maps);
	free(file);
}

size_t store_mapsize(store *s)
{
	MDB_envinfo info;
	mdb_env_info(s->env, &info);
	return info.me_mapsize;
}

/* A backup is written to FILE.bangfu-tmp.XXXXXX, locked (flock) while it
 * is written, and renamed to FILE when complete. One that is there and not
 * locked was left by a backup that was killed: removed by the next. */
#define BACKUP_TMP ".bangfu-tmp."

static void store_backup_sweep(const char *path)
{
	char *dir = paths_dir(path);
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		const char *m = strstr(de->d_name, BACKUP_TMP);
		if (!m || m == de->d_name || strlen(m) != strlen(BACKUP_TMP) + 6)
			continue;
		char *f = xasprintf("%s/%s", dir, de->d_name);
		struct stat sb;
		int fd = open(f, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_uid == geteuid() && flock(fd, LOCK_EX | LOCK_NB) == 0)
			unlink(f);
		if (fd >= 0)
			close(fd);
		free(f);
	}
	if (d)
		closedir(d);
	free(dir);
}

int store_backup(store *s, const char *path, err *e)
{
	store_backup_sweep(path);
	char *tmp = xasprintf("%s" BACKUP_TMP "XXXXXX", path);
	char *dir = paths_dir(path);
	int fd = mkstemp(tmp), rc;

	if (fd < 0) {
		if (store_full(dir, errno))
			rc = store_full_err(e, dir);
		else
			rc = err_set(e, E_DB, _("cannot create %s: %s"), path, strerror(errno));
		free(tmp);
		free(dir);
		return rc;
	}
	flock(fd, LOCK_EX);
	fchmod(fd, 0600);
	rc = mdb_env_copyfd2(s->env, fd, MDB_CP_COMPACT);
	if (rc && store_full(dir, rc)) {
		store_full_err(e, dir);
		goto fail;
	}
	if (rc) {
		err_set(e, E_DB, _("cannot copy the database %s to %s: %s"), s->path, path,
			mdb_strerror(rc));
		goto fail;
	}
	if (fsync(fd) != 0) {
		if (store_full(dir, errno))
			store_full_err(e, dir);
		else
			err_set(e, E_DB, _("cannot write %s: %s"), path, strerror(errno));
		goto fail;
	}
	if (close(fd) != 0) {
		fd = -1;
		if (store_full(dir, errno))
			store_full_err(e, dir);
		else
			err_set(e, E_DB, _("cannot write %s: %s"), path, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		err_set(e, E_DB, _("cannot write %s: %s"), path, strerror(errno));
		goto fail;
	}
	free(tmp);
	free(dir);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	free(dir);
	return E_DB;
}

/* ---- transactions ---------------------------------------------------- */

static void store_close_cursors(store_txn *t)
{
	while (t->cursors) {
		store_cursor *c = t->cursors;
		t->cursors = c->next;
		mdb_cursor_close(c->c);
		free(c);
	}
}

int store_read(store *s, store_fn fn, void *ctx, err *e)
{
	store_txn t = { .s = s };
	int r;

	if (s->writing)
		die("store_read inside store_write: use the write transaction");
	if (store_begin(s, MDB_RDONLY, &t.txn, e))
		return E_DB;
	s->readers++;
	r = fn(&t, ctx, e);
	s->readers--;
	store_close_cursors(&t);
	mdb_txn_abort(t.txn);
	return r == STORE_ROLLBACK ? 0 : r;
}

int store_write(store *s, store_fn fn, void *ctx, err *e)
{
	store_txn t = { .s = s, .writable = true };
	int r, rc;

	if (s->writing || s->readers)
		die("store_write inside another transaction");
	if (s->readonly)
		return err_set(e, E_DB, _("%s cannot be written (a read-only folder or medium): "
					  "nothing was saved"), s->path);
	for (;; t.attempt++) {
		t.map_full = false;
		t.first_step = t.nsteps;
		if (store_begin(s, 0, &t.txn, e)) {
			r = E_DB;
			break;
		}
		s->writing = true;
		r = fn(&t, ctx, e);
		s->writing = false;
		store_close_cursors(&t);
		if (t.map_full) {
			mdb_txn_abort(t.txn);
			if ((r = store_grow(s, e)) != 0)
				break;
			err_clear(e);
			continue;
		}
		if (r != 0) {
			mdb_txn_abort(t.txn);
			if (r == STORE_ROLLBACK)
				r = 0;
			break;
		}
		rc = lmdb_commit(t.txn);
		if (rc == MDB_MAP_FULL) {
			if ((r = store_grow(s, e)) != 0)
				break;
			continue;
		}
		if (rc && store_full(s->path, rc))
			r = store_full_err(e, s->path);
		else if (rc)
			r = err_set(e, E_DB, _("cannot save to %s: %s"), s->path, mdb_strerror(rc));
		break;
	}
	free(t.steps);
	return r;
}

store *store_of(store_txn *t)
{
	return t->s;
}

bool store_txn_writable(store_txn *t)
{
	return t->writable;
}

/* ---- raw access ------------------------------------------------------ */

int st_get(store_txn *t, int db, bytes key, bytes *val, err *e)
{
	MDB_val k = { key.len, (void *)key.data }, v;
	int rc = lmdb_get(t->txn, store_dbi(t, db), &k, &v);
	if (rc == MDB_NOTFOUND)
		return E_NOTFOUND;
	if (rc)
		return store_fail(t, db, OP_READ, rc, e);
	if (val)
		*val = (bytes){ v.mv_data, v.mv_size };
	return 0;
}

/* 0, PUT_EXISTS when MDB_NOOVERWRITE found the key there, E_DB. */
enum { PUT_EXISTS = 1 };
static int store_put_flags(store_txn *t, int db, bytes key, bytes val, unsigned flags, err *e)
{
	MDB_val k = { key.len, (void *)key.data }, v = { val.len, (void *)val.data };
	int rc;

	if (!t->writable)
		die("st_put on %s in a read transaction", store_dbname(t, db));
	rc = lmdb_put(t->txn, store_dbi(t, db), &k, &v, flags);
	if (rc == MDB_KEYEXIST)
		return PUT_EXISTS;
	if (rc)
		return store_fail(t, db, OP_WRITE, rc, e);
	return 0;
}

int st_put(store_txn *t, int db, bytes key, bytes val, err *e)
{
	return store_put_flags(t, db, key, val, 0, e);
}

int st_del(store_txn *t, int db, bytes key, err *e)
{
	MDB_val k = { key.len, (void *)key.data };
	int rc;

	if (!t->writable)
		die("st_del on %s in a read transaction", store_dbname(t, db));
	rc = lmdb_del(t->txn, store_dbi(t, db), &k);
	if (rc == MDB_NOTFOUND)
		return E_NOTFOUND;
	if (rc)
		return store_fail(t, db, OP_DELETE, rc, e);
	return 0;
}

size_t st_count(store_txn *t, int db)
{
	MDB_stat st;
	if (mdb_stat(t->txn, store_dbi(t, db), &st) != 0)
		return 0;
	return st.ms_entries;
}

int st_cursor_open(store_txn *t, int db, store_cursor **out, err *e)
{
	MDB_cursor *mc;
	int rc = mdb_cursor_open(t->txn, store_dbi(t, db), &mc);

	*out = NULL;
	if (rc)
		return store_fail(t, db, OP_READ, rc, e);
	store_cursor *c = xcalloc(1, sizeof *c);
	c->t = t;
	c->c = mc;
	c->next = t->cursors;
	t->cursors = c;
	*out = c;
	return 0;
}

void st_cursor_close(store_cursor *c)
{
	if (!c)
		return;
	for (store_cursor **p = &c->t->cursors; *p; p = &(*p)->next) {
		if (*p == c) {
			*p = c->next;
			break;
		}
	}
	mdb_cursor_close(c->c);
	free(c);
}

static int cursor_get(MDB_cursor *mc, MDB_val *k, MDB_val *v, MDB_cursor_op op,
		      bytes *key, bytes *val)
{
	int rc = lmdb_cursor_get(mc, k, v, op);
	if (rc == MDB_NOTFOUND)
		return ST_END;
	if (rc)
		return E_DB;
	if (key)
		*key = (bytes){ k->mv_data, k->mv_size };
	if (val)
		*val = (bytes){ v->mv_data, v->mv_size };
	return 0;
}

int st_first(store_cursor *c, bytes *key, bytes *val)
{
	MDB_val k, v;
	return cursor_get(c->c, &k, &v, MDB_FIRST, key, val);
}

int st_last(store_cursor *c, bytes *key, bytes *val)
{
	MDB_val k, v;
	return cursor_get(c->c, &k, &v, MDB_LAST, key, val);
}

int st_next(store_cursor *c, bytes *key, bytes *val)
{
	MDB_val k, v;
	return cursor_get(c->c, &k, &v, MDB_NEXT, key, val);
}

int st_prev(store_cursor *c, bytes *key, bytes *val)
{
	MDB_val k, v;
	return cursor_get(c->c, &k, &v, MDB_PREV, key, val);
}

int st_seek(store_cursor *c, bytes want, bytes *key, bytes *val)
{
	MDB_val k = { want.len, (void *)want.data }, v;
	if (want.len == 0)
		return cursor_get(c->c, &k, &v, MDB_FIRST, key, val);
	if (want.len > 511) {
		/* no key is that long: the first key >= want comes after its
		 * first 511 bytes, or is greater than them */
		int rc;
		k.mv_size = 511;
		rc = cursor_get(c->c, &k, &v, MDB_SET_RANGE, NULL, NULL);
		if (rc == 0 && k.mv_size == 511 && memcmp(k.mv_data, want.data, 511) == 0)
			rc = cursor_get(c->c, &k, &v, MDB_NEXT, NULL, NULL);
		if (rc == 0) {
			if (key)
				*key = (bytes){ k.mv_data, k.mv_size };
			if (val)
				*val = (bytes){ v.mv_data, v.mv_size };
		}
		return rc;
	}
	return cursor_get(c->c, &k, &v, MDB_SET_RANGE, key, val);
}

static bool has_prefix(const MDB_val *k, bytes prefix)
{
	return k->mv_size >= prefix.len &&
	       (prefix.len == 0 || memcmp(k->mv_data, prefix.data, prefix.len) == 0);
}

int st_last_prefix(store_cursor *c, bytes prefix, bytes *key, bytes *val)
{
	uint8_t next[511];
	size_t n = prefix.len;
	MDB_val k, v;
	int rc;

	if (n > sizeof next)
		return ST_END;
	/* The smallest key after every key with this prefix: the prefix with
	 * its last byte below 0xff raised by one and the rest cut off. */
	if (n)
		memcpy(next, prefix.data, n);
	while (n > 0 && next[n - 1] == 0xff)
		n--;
	if (n == 0) {
		rc = cursor_get(c->c, &k, &v, MDB_LAST, NULL, NULL);
	} else {
		next[n - 1]++;
		k = (MDB_val){ n, next };
		rc = cursor_get(c->c, &k, &v, MDB_SET_RANGE, NULL, NULL);
		if (rc == 0)
			rc = cursor_get(c->c, &k, &v, MDB_PREV, NULL, NULL);
		else if (rc == ST_END)
			rc = cursor_get(c->c, &k, &v, MDB_LAST, NULL, NULL);
	}
	if (rc)
		return rc;
	if (!has_prefix(&k, prefix))
		return ST_END;
	if (key)
		*key = (bytes){ k.mv_data, k.mv_size };
	if (val)
		*val = (bytes){ v.mv_data, v.mv_size };
	return 0;
}

int st_scan(store_txn *t, int db, bytes prefix, st_scan_fn fn, void *ctx, err *e)
{
	MDB_cursor *mc;
	MDB_val k = { prefix.len, (void *)prefix.data }, v;
	int rc, r = 0;

	if (prefix.len > 511)
		return 0;
	rc = mdb_cursor_open(t->txn, store_dbi(t, db), &mc);
	if (rc)
		return store_fail(t, db, OP_READ, rc, e);
	rc = lmdb_cursor_get(mc, &k, &v, prefix.len ? MDB_SET_RANGE : MDB_FIRST);
	while (rc == 0 && has_prefix(&k, prefix)) {
		r = fn((bytes){ k.mv_data, k.mv_size }, (bytes){ v.mv_data, v.mv_size }, ctx);
		if (r)
			break;
		rc = lmdb_cursor_get(mc, &k, &v, MDB_NEXT);
	}
	mdb_cursor_close(mc);
	if (r)
		return r;
	if (rc && rc != MDB_NOTFOUND)
		return store_fail(t, db, OP_READ, rc, e);
	return 0;
}

/* ---- records --------------------------------------------------------- */

int st_rec_get_any(store_txn *t, int db, const record_desc *d, const rid *id, void *rec, err *e)
{
	bytes val = { NULL, 0 };
	int rc = st_get(t, db, (bytes){ id->b, 16 }, &val, e);
	if (rc)
		return rc;
	((rec_meta *)rec)->id = *id;
	if (rec_decode(d, val.data, val.len, rec, e))
		return E_DB;
	return 0;
}

int st_rec_get(store_txn *t, int db, const record_desc *d, const rid *id, void *rec, err *e)
{
	int rc = st_rec_get_any(t, db, d, id, rec, e);
	if (rc)
		return rc;
	if (((rec_meta *)rec)->flags & REC_DELETED) {
		rec_free(d, rec);
		return E_NOTFOUND;
	}
	return 0;
}

/* True if rec's rev is the one an aborted run of this same store_write left
 * in it, starting from the stored rev: the write function is being re-run. */
static bool store_rerun_rev(store_txn *t, int db, const rid *id, uint32_t stored, uint32_t mine)
{
	size_t i = t->first_step;    /* the steps before it are aborted runs' */
	unsigned attempt;
	uint32_t from;

	for (;;) {                   /* the last aborted step on this record */
		if (i == 0)
			return false;
		i--;
		if (t->steps[i].db == db && rid_cmp(&t->steps[i].id, id) == 0)
			break;
	}
	if (t->steps[i].to != mine)
		return false;
	attempt = t->steps[i].attempt;
	from = t->steps[i].from;
	while (i > 0 && t->steps[i - 1].attempt == attempt) {
		i--;                 /* the first step on it in that run */
		if (t->steps[i].db == db && rid_cmp(&t->steps[i].id, id) == 0)
			from = t->steps[i].from;
	}
	return from == stored;
}

static void store_add_step(store_txn *t, int db, const rid *id, uint32_t from, uint32_t to)
{
	if (t->nsteps == t->capsteps) {
		t->capsteps = t->capsteps ? t->capsteps * 2 : 64;
		t->steps = xrealloc(t->steps, t->capsteps * sizeof *t->steps);
	}
	t->steps[t->nsteps++] = (rev_step){ db, t->attempt, *id, from, to };
}

int st_rec_put(store_txn *t, int db, const record_desc *d, void *rec, err *e)
{
	rec_meta *m = rec;
	rec_meta saved = *m;
	void *old = xcalloc(1, d->size);
	rec_meta *om = old;
	uint8_t *buf = NULL;
	size_t len;
	bytes val;
	bool found;
	char op;
	uint64_t bits;
	int rc;

	if (!t->writable)
		die("st_rec_put on %s in a read transaction", store_dbname(t, db));
	if (rid_is_zero(&m->id))
		rid_new(&m->id);
	rc = st_get(t, db, (bytes){ m->id.b, 16 }, &val, e);
	if (rc == E_DB)
		goto fail;
	found = rc == 0;
	if (found) {
		om->id = m->id;
		if ((rc = rec_decode(d, val.data, val.len, old, e)) != 0)
			goto fail;
	}
	if (om->rev != m->rev && !store_rerun_rev(t, db, &m->id, om->rev, m->rev)) {
		char hex[33];
		rid_hex(&m->id, hex);
		rc = err_set(e, E_DB,
			     _("%s %s was changed by someone else meanwhile (stored revision %u, "
			       "yours %u): reload it and try again"),
			     d->name, hex, (unsigned)om->rev, (unsigned)m->rev);
		goto fail;
	}
	if (!found)
		op = 'c';
	else if ((m->flags & REC_DELETED) && !(om->flags & REC_DELETED))
		op = 'd';
	else
		op = 'u';
	bits = rec_diff(d, old, rec);

	m->rev = om->rev + 1;
	m->updated_at = store_now_ms();
	snprintf(m->updated_by, sizeof m->updated_by, "%s", t->s->actor);
	rec_encode(d, rec, &buf, &len);
	rc = st_put(t, db, (bytes){ m->id.b, 16 }, (bytes){ buf, len }, e);
	free(buf);
	if (rc)
		goto fail;
	if ((rc = st_audit_add(t, store_dbname(t, db), &m->id, op, bits, e)) != 0)
		goto fail;
	store_add_step(t, db, &m->id, om->rev, m->rev);
	rec_free(d, old);
	free(old);
	return 0;
fail:
	*m = saved;
	rec_free(d, old);
	free(old);
	return rc;
}

int st_rec_restore(store_txn *t, int db, const record_desc *d, const void *rec, err *e)
{
	const rec_meta *m = rec;
	uint8_t *buf;
	size_t len;
	char hex[33];
	int rc;

	if (rid_is_zero(&m->id))
		return err_set(e, E_DB, _("cannot restore a %s record without an id"), d->name);
	rec_encode(d, rec, &buf, &len);
	rc = store_put_flags(t, db, (bytes){ m->id.b, 16 }, (bytes){ buf, len }, MDB_NOOVERWRITE, e);
	free(buf);
	if (rc == PUT_EXISTS) {
		rid_hex(&m->id, hex);
		return err_set(e, E_DB, _("%s %s already exists"), d->name, hex);
	}
	return rc;
}

static int rec_each(store_txn *t, int db, const record_desc *d, bool deleted, st_rec_fn fn,
		    void *ctx, err *e)
{
	MDB_cursor *mc;
	MDB_val k, v;
	void *rec;
	int rc, r = 0;

	rc = mdb_cursor_open(t->txn, store_dbi(t, db), &mc);
	if (rc)
		return store_fail(t, db, OP_READ, rc, e);
	rec = xcalloc(1, d->size);
	for (rc = lmdb_cursor_get(mc, &k, &v, MDB_FIRST); rc == 0;
	     rc = lmdb_cursor_get(mc, &k, &v, MDB_NEXT)) {
		rec_meta *m = rec;
		if (k.mv_size != 16) {
			r = err_set(e, E_DB, _("corrupt %s key in the database"), d->name);
			break;
		}
		memcpy(m->id.b, k.mv_data, 16);
		if ((r = rec_decode(d, v.mv_data, v.mv_size, rec, e)) != 0)
			break;
		if (!(m->flags & REC_DELETED) == !deleted)
			r = fn(rec, ctx);
		rec_free(d, rec);
		if (r)
			break;
	}
	mdb_cursor_close(mc);
	free(rec);
	if (r)
		return r;
	if (rc != MDB_NOTFOUND)
		return store_fail(t, db, OP_READ, rc, e);
	return 0;
}

int st_values_upgrade(store_txn *t, int db, err *e)
{
	MDB_cursor *mc;
	MDB_val k, v;
	int rc = mdb_cursor_open(t->txn, store_dbi(t, db), &mc);
	if (rc)
		return store_fail(t, db, OP_READ, rc, e);
	for (rc = lmdb_cursor_get(mc, &k, &v, MDB_FIRST); rc == 0;
	     rc = lmdb_cursor_get(mc, &k, &v, MDB_NEXT)) {
		uint8_t *nv;
		size_t nlen;
		if (!rec_value_upgrade(v.mv_data, v.mv_size, &nv, &nlen))
			continue;
		/* k points into the page the put rewrites: pass a copy */
		uint8_t kb[511];
		if (k.mv_size > sizeof kb)
			die("st_values_upgrade: a key of %zu bytes", k.mv_size);
		memcpy(kb, k.mv_data, k.mv_size);
		MDB_val kc = { k.mv_size, kb }, w = { nlen, nv };
		rc = mdb_cursor_put(mc, &kc, &w, MDB_CURRENT);
		free(nv);
		if (rc)
			break;
	}
	mdb_cursor_close(mc);
	if (rc != MDB_NOTFOUND)
		return store_fail(t, db, OP_WRITE, rc, e);
	return 0;
}

int st_rec_each(store_txn *t, int db, const record_desc *d, st_rec_fn fn, void *ctx, err *e)
{
	return rec_each(t, db, d, false, fn, ctx, e);
}

int st_rec_each_deleted(store_txn *t, int db, const record_desc *d, st_rec_fn fn, void *ctx,
			err *e)
{
	return rec_each(t, db, d, true, fn, ctx, e);
}

/* ---- meta ------------------------------------------------------------ */

static int store_meta_db(store_txn *t, err *e)
{
	if (t->s->meta_db < 0)
		die("store: no database named \"meta\" was opened");
	(void)e;
	return t->s->meta_db;
}

/* A number setting's value: 4 bytes big-endian, then zlib's CRC-32 of the
 * name and those 4 bytes (4 bytes alone: written by an older version). */
static uint32_t meta_crc(const char *name, const uint8_t *b)
{
	uLong c = crc32(0L, Z_NULL, 0);
	c = crc32(c, (const Bytef *)name, (uInt)strlen(name));
	return (uint32_t)crc32(c, b, 4);
}

int st_meta_get_u32(store_txn *t, const char *name, uint32_t *out, err *e)
{
	int db = store_meta_db(t, e);
	bytes v;
	int rc = st_get(t, db, (bytes){ name, strlen(name) }, &v, e);
	if (rc)
		return rc;
	const uint8_t *p = v.data;
	if (v.len != 4 && v.len != 8)
		return err_set(e, E_DB, _("corrupt meta value %s in %s"), name, t->s->path);
	if (v.len == 8) {
		uint32_t c = (uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 | (uint32_t)p[6] << 8 | p[7];
		if (c != meta_crc(name, p)) {
			char hint[1024];
			store_backup_hint(t->s->path, hint, sizeof hint);
			return err_set(e, E_DB,
				       _("the database in %s is damaged: its setting %s does not match "
					 "its checksum; restore it from a backup. %s"),
				       t->s->path, name, hint);
		}
	}
	*out = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return 0;
}

int st_meta_put_u32(store_txn *t, const char *name, uint32_t v, err *e)
{
	int db = store_meta_db(t, e);
	uint8_t b[8] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
	uint32_t c = meta_crc(name, b);
	b[4] = (uint8_t)(c >> 24), b[5] = (uint8_t)(c >> 16), b[6] = (uint8_t)(c >> 8), b[7] = (uint8_t)c;
	return st_put(t, db, (bytes){ name, strlen(name) }, (bytes){ b, 8 }, e);
}

/* ---- databases by name --------------------------------------------- */

int store_db_index(const store *s, const char *name)
{
	for (int i = 0; i < s->ndbs; i++)
		if (strcmp(s->names[i], name) == 0)
			return i;
	return -1;
}
