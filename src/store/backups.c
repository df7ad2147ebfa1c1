/* backups.c — the data folder's automatic backups (DIR/backups/).
 *
 * The first write of each day keeps a compact copy of the database
 * (store_backup: mdb_env_copyfd2 with MDB_CP_COMPACT, a temporary file and
 * a rename, 0600) as backups/bangfu-YYYY-MM-DD.mdb, in a 0700 folder. Kept:
 * the 7 newest days (daily) and, of the older ones, the newest of each ISO
 * week, for the 4 newest weeks (weekly); older ones are deleted. A restore
 * keeps the database it replaces as bangfu-YYYY-MM-DD-HHMMSS.mdb ("before
 * restore", the 4 newest kept). The names sort by date. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "util/i18n.h"
#include "util/paths.h"

enum { KEEP_DAILY = 7, KEEP_WEEKLY = 4, KEEP_RESTORE = 4 };

char *store_backups_dir(const char *dir)
{
	return xasprintf("%s/backups", dir);
}

/* 0700, created if missing (tightened if it is ours and looser). */
static int backups_mkdir(const char *bdir, err *e)
{
	struct stat sb;
	if (mkdir(bdir, 0700) != 0 && errno != EEXIST)
		return err_set(e, E_DB, _("cannot create the folder %s: %s"), bdir, strerror(errno));
	if (stat(bdir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return err_set(e, E_DB, _("cannot create the folder %s: %s"), bdir,
			       strerror(errno ? errno : ENOTDIR));
	if ((sb.st_mode & 07777) != 0700 && sb.st_uid == getuid())
		chmod(bdir, 0700);
	return 0;
}

/* bangfu-YYYY-MM-DD.mdb (daily/weekly) or bangfu-YYYY-MM-DD-HHMMSS[-N].mdb
 * (before a restore). 0 for any other name. */
static date_t backup_name_date(const char *name, bool *restore)
{
	char d[11];
	size_t n = strlen(name);
	*restore = false;
	if (n < 21 || strncmp(name, "bangfu-", 7) != 0 || strcmp(name + n - 4, ".mdb") != 0)
		return 0;
	memcpy(d, name + 7, 10);
	d[10] = '\0';
	date_t day;
	if (!date_parse(d, &day))
		return 0;
	if (n == 21)
		return day;
	if (name[17] != '-')
		return 0;
	for (size_t i = 18; i < n - 4; i++)
		if ((name[i] < '0' || name[i] > '9') && name[i] != '-')
			return 0;
	*restore = true;
	return day;
}

/* The Monday of d's ISO week (date_t 5 is Monday 1970-01-05). */
static date_t week_of(date_t d)
{
	return d - (((d - 5) % 7) + 7) % 7;
}

static int by_newest(const void *a, const void *b)
{
	const store_backup_info *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? 1 : -1;
	if (x->made != y->made)
		return x->made < y->made ? 1 : -1;
	return -strcmp(x->name, y->name);
}

/* Marks each what it is kept as (BACKUP_OLD: to delete); sorted newest
 * first. */
static void backups_classify(store_backup_info *v, size_t n)
{
	qsort(v, n, sizeof *v, by_newest);
	int daily = 0, weekly = 0, restore = 0;
	date_t last_week = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].kind == BACKUP_RESTORE) {
			if (++restore > KEEP_RESTORE)
				v[i].kind = BACKUP_OLD;
			continue;
		}
		if (daily < KEEP_DAILY) {
			daily++;
			v[i].kind = BACKUP_DAILY;
			continue;
		}
		date_t w = week_of(v[i].date);
		if (w != last_week && weekly < KEEP_WEEKLY) {
			weekly++;
			last_week = w;
			v[i].kind = BACKUP_WEEKLY;
		} else {
			v[i].kind = BACKUP_OLD;
		}
	}
}

static int backups_scan(const char *bdir, store_backup_info **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	DIR *d = opendir(bdir);
	if (!d)
		return errno == ENOENT ? 0 : -1;
	size_t n = 0, cap = 0;
	store_backup_info *v = NULL;
	struct dirent *de;
	while ((de = readdir(d))) {
		bool restore;
		date_t day = backup_name_date(de->d_name, &restore);
		if (!day)
			continue;
		char *path = xasprintf("%s/%s", bdir, de->d_name);
		struct stat sb;
		if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			free(path);
			continue;
		}
		if (n == cap)
			v = xrealloc(v, (cap = cap ? cap * 2 : 16) * sizeof *v);
		memset(&v[n], 0, sizeof v[n]);
		v[n].path = path;
		snprintf(v[n].name, sizeof v[n].name, "%s", de->d_name);
		v[n].date = day;
		v[n].made = sb.st_mtime;
		v[n].size = (long long)sb.st_size;
		v[n].kind = restore ? BACKUP_RESTORE : BACKUP_DAILY;
		n++;
	}
	closedir(d);
	backups_classify(v, n);
	*out = v;
	*count = n;
	return 0;
}

void store_backups_free(store_backup_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

int store_backups_list(const char *dir, store_backup_info **out, size_t *n, err *e)
{
	char *bdir = store_backups_dir(dir);
	int rc = 0;
	if (backups_scan(bdir, out, n) != 0)
		rc = err_set(e, E_DB, _("cannot read the folder %s: %s"), bdir, strerror(errno));
	free(bdir);
	if (rc)
		return rc;
	/* the ones to delete are not listed */
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		if ((*out)[i].kind == BACKUP_OLD)
			free((*out)[i].path);
		else
			(*out)[k++] = (*out)[i];
	}
	*n = k;
	return 0;
}

/* Deletes what is no longer kept, and temporaries of ours (NAME.mdb.XXXXXX)
 * left by a copy that was killed more than an hour ago. */
static void backups_prune(const char *bdir)
{
	store_backup_info *v;
	size_t n;
	if (backups_scan(bdir, &v, &n) != 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (v[i].kind == BACKUP_OLD)
			unlink(v[i].path);
	store_backups_free(v, n);
	DIR *d = opendir(bdir);
	if (!d)
		return;
	struct dirent *de;
	time_t now = time(NULL);
	while ((de = readdir(d))) {
		const char *dot = strstr(de->d_name, ".mdb.");
		if (strncmp(de->d_name, "bangfu-", 7) != 0 || !dot || strlen(dot) != 11)
			continue;
		char *path = xasprintf("%s/%s", bdir, de->d_name);
		struct stat sb;
		if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && now - sb.st_mtime > 3600)
			unlink(path);
		free(path);
	}
	closedir(d);
}

int store_backup_daily(store *s, date_t today, bool *made, err *e)
{
	char day[11];
	int rc;
	*made = false;
	date_format(today, day);
	char *bdir = store_backups_dir(store_path(s));
	char *path = xasprintf("%s/bangfu-%s.mdb", bdir, day);
	struct stat sb;
	if (stat(path, &sb) == 0) {
		rc = 0;
		goto done;
	}
	if ((rc = backups_mkdir(bdir, e)) != 0)
		goto done;
	if ((rc = store_backup(s, path, e)) != 0)
		goto done;
	*made = true;
	backups_prune(bdir);
done:
	free(path);
	free(bdir);
	return rc;
}

/* ---- looking at a file ------------------------------------------------ */

static uint64_t get_u64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

static uint32_t get_u32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

/* LMDB's meta page (64-bit layout): after a 16-byte page header, magic,
 * version, address, map size, two MDB_db of 48 bytes (the first's md_pad is
 * the page size), the last page number and the transaction id. */
enum { META_AT = 16, M_MAGIC = 0, M_VERSION = 4, M_PSIZE = 24, M_LASTPG = 120, M_TXNID = 128,
       META_END = 136 };

static bool read_meta(int fd, off_t at, uint32_t *psize, uint64_t *last, uint64_t *txnid)
{
	unsigned char b[META_AT + META_END];
	if (pread(fd, b, sizeof b, at) != (ssize_t)sizeof b)
		return false;
	const unsigned char *m = b + META_AT;
	if (get_u32(m + M_MAGIC) != 0xBEEFC0DEu || get_u32(m + M_VERSION) != 1)
		return false;
	*psize = get_u32(m + M_PSIZE);
	*last = get_u64(m + M_LASTPG);
	*txnid = get_u64(m + M_TXNID);
	return *psize >= 512 && *psize <= 65536 && (*psize & (*psize - 1)) == 0;
}

int store_file_state(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return FILE_NOT_LMDB;
	struct stat sb;
	uint32_t ps0, ps1;
	uint64_t last0, last1, tx0, tx1;
	int st = FILE_NOT_LMDB;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && read_meta(fd, 0, &ps0, &last0, &tx0)) {
		bool ok1 = read_meta(fd, ps0, &ps1, &last1, &tx1) && ps1 == ps0;
		uint64_t last = ok1 && tx1 > tx0 ? last1 : last0;
		st = (unsigned long long)sb.st_size >= (last + 1) * (unsigned long long)ps0
			     ? FILE_WHOLE
			     : FILE_SHORT;
	}
	close(fd);
	return st;
}

bool store_file_looks_sound(const char *path)
{
	return store_file_state(path) == FILE_WHOLE;
}

char *store_backup_newest_sound(const char *dir)
{
	char *bdir = store_backups_dir(dir), *found = NULL;
	store_backup_info *v;
	size_t n;
	if (backups_scan(bdir, &v, &n) == 0) {
		for (size_t i = 0; i < n && !found; i++)
			if (v[i].kind != BACKUP_OLD && store_file_looks_sound(v[i].path))
				found = paths_absolute(v[i].path);
		store_backups_free(v, n);
	}
	free(bdir);
	return found;
}

void store_backup_hint(const char *dir, char *buf, size_t n)
{
	char *b = store_backup_newest_sound(dir);
	if (!b) {
		snprintf(buf, n, "%s", _("There is no backup in its backups folder."));
		return;
	}
	char *d = paths_absolute(dir);
	snprintf(buf, n, _("The newest sound backup is %s; to put it back run: bangfu --db %s restore %s"),
		 b, d, b);
	free(d);
	free(b);
}

/* ---- putting one back ------------------------------------------------- */

static int copy_fd(int in, int out)
{
	char buf[1 << 16];
	for (;;) {
		ssize_t r = read(in, buf, sizeof buf);
		if (r == 0)
			return 0;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		for (ssize_t off = 0; off < r;) {
			ssize_t w = write(out, buf + off, (size_t)(r - off));
			if (w < 0) {
				if (errno == EINTR)
					continue;
				return -1;
			}
			off += w;
		}
	}
}

int store_copy_file(const char *from, const char *to, err *e)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return err_set(e, E_INPUT, _("cannot read %s: %s"), from, strerror(errno));
	struct stat sb;
	if (fstat(in, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(in);
		return err_set(e, E_INPUT, _("%s is not a file"), from);
	}
	int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (out < 0) {
		int rc = err_set(e, E_DB, _("cannot create %s: %s"), to, strerror(errno));
		close(in);
		return rc;
	}
	int bad = copy_fd(in, out) != 0 || fsync(out) != 0;
	int why = errno;
	bad |= close(out) != 0;
	close(in);
	if (bad) {
		unlink(to);
		return err_set(e, E_DB, _("cannot write %s: %s"), to, strerror(why));
	}
	return 0;
}

int store_lock_alone(const char *dir, int *fd, err *e)
{
	char *lock = xasprintf("%s/lock.mdb", dir);
	*fd = open(lock, O_RDWR | O_CLOEXEC);
	free(lock);
	if (*fd < 0)
		return 0;   /* never opened: nobody uses it */
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
	if (fcntl(*fd, F_SETLK, &fl) != 0) {
		close(*fd);
		*fd = -1;
		return err_set(e, E_DB,
			       _("the database in %s is open in another bangfu (a screen or a "
				 "command): close it first"),
			       dir);
	}
	return 0;
}

int store_restore_file(const char *dir, const char *file, char **kept, date_t today, err *e)
{
	*kept = NULL;
	char *data = xasprintf("%s/data.mdb", dir);
	struct stat sb;
	int rc = 0;
	if (stat(data, &sb) == 0) {
		char *bdir = store_backups_dir(dir);
		char day[11], stamp[16];
		date_format(today, day);
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(stamp, sizeof stamp, "%H%M%S", &tm);
		if ((rc = backups_mkdir(bdir, e)) != 0) {
			free(bdir);
			goto done;
		}
		char *keep = NULL;
		for (int i = 1; !keep || access(keep, F_OK) == 0; i++) {
			free(keep);
			keep = i == 1 ? xasprintf("%s/bangfu-%s-%s.mdb", bdir, day, stamp)
				      : xasprintf("%s/bangfu-%s-%s-%d.mdb", bdir, day, stamp, i);
		}
		/* the file itself, byte for byte (damaged or not): a link when the
		 * folder allows it, else a copy */
		if (link(data, keep) == 0)
			chmod(keep, 0600);
		else if ((rc = store_copy_file(data, keep, e)) != 0) {
			free(keep);
			free(bdir);
			goto done;
		}
		*kept = keep;
		backups_prune(bdir);
		free(bdir);
	}
	if (rename(file, data) != 0) {
		rc = err_set(e, E_DB, _("cannot write %s: %s"), data, strerror(errno));
		goto done;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
done:
	free(data);
	return rc;
}
