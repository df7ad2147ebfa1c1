/* backups.c — the automatic daily backup and restore (model.h). Where and
 * how the files are kept is the store's (store/backups.c); this file decides
 * when one is made and looks at a backup before it is put back. */
#include "config.h"

#include "model/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/i18n.h"

static void (*warn_hook)(const char *msg);
static date_t checked;   /* the day whose backup this process saw made */
static bool warned;

void model_on_backup_warning(void (*fn)(const char *msg))
{
	warn_hook = fn;
}

static int empty_read(store_txn *t, void *ctx, err *e)
{
	bool *empty = ctx;
	(void)e;
	*empty = true;
	for (size_t i = 0; i < model_nentities; i++)
		if (st_count(t, model_entities[i]->db))
			*empty = false;
	return 0;
}

/* Called by model_write before each write: once a day, a database that
 * holds records is copied (unless today's copy is there already). */
void model_backup_today(model_store *s)
{
	date_t today = date_today();
	if (checked == today)
		return;
	err e = { 0 };
	bool empty = true, made;
	if (store_read(s, empty_read, &empty, &e) != 0 || empty)
		return;   /* nothing to keep yet: looked at again at the next write */
	checked = today;
	if (store_backup_daily(s, today, &made, &e) != 0 && !warned) {
		warned = true;
		char msg[1200];
		snprintf(msg, sizeof msg, _("warning: today's automatic backup was not made (%s)"),
			 e.msg);
		if (warn_hook)
			warn_hook(msg);
	}
}

static void copy_info(model_backup_info *to, const store_backup_info *from)
{
	to->path = from->path;
	snprintf(to->name, sizeof to->name, "%s", from->name);
	to->date = from->date;
	to->made = from->made;
	to->size = from->size;
	to->kind = from->kind == BACKUP_WEEKLY	 ? MODEL_BACKUP_WEEKLY
		   : from->kind == BACKUP_RESTORE ? MODEL_BACKUP_RESTORE
						  : MODEL_BACKUP_DAILY;
}

int model_backups_list(const char *dir, model_backup_info **out, size_t *n, err *e)
{
	store_backup_info *v;
	int rc = store_backups_list(dir, &v, n, e);
	*out = NULL;
	if (rc)
		return rc;
	*out = xcalloc(*n + 1, sizeof **out);
	for (size_t i = 0; i < *n; i++)
		copy_info(&(*out)[i], &v[i]);
	free(v);   /* the paths moved to *out */
	return 0;
}

void model_backups_free(model_backup_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

void model_backup_hint(const char *dir, char *buf, size_t n)
{
	store_backup_hint(dir, buf, n);
}

/* ---- restore ------------------------------------------------------------ */

struct look {
	int verdict;
	uint32_t schema;
	model_stats stats;
	size_t problems;
	char why[1024];
};

static int look_read(store_txn *t, void *ctx, err *e)
{
	struct look *l = ctx;
	errlist probs = { 0 };
	int rc = model_stats_get(t, &l->stats, e);
	if (rc)
		return rc;
	rc = model_check(t, &probs, e);
	l->problems = probs.n;
	if (probs.n)
		snprintf(l->why, sizeof l->why, "%s", probs.msg[0]);
	else if (rc)
		snprintf(l->why, sizeof l->why, "%s", e->msg);
	errlist_free(&probs);
	return 0;
}

static int version_read(store_txn *t, void *ctx, err *e)
{
	uint32_t *v = ctx;
	int rc = st_meta_get_u32(t, "schema_version", v, e);
	if (rc == E_NOTFOUND) {
		*v = 0;
		return 0;
	}
	return rc;
}

/* In the child: open the copy, migrate it, count, check. */
_Noreturn static void look_child(const char *tmpdir, int fd)
{
	struct look l = { .verdict = RESTORE_DAMAGED };
	model_store *s = NULL;
	err e = { 0 };
	int null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
	}
	store_fault_hook(NULL);
	store_forget_open();
	if (store_open(&s, tmpdir, model_db_names, DB__COUNT, &e) != 0) {
		snprintf(l.why, sizeof l.why, "%s", e.msg);
		goto out;
	}
	if (store_read(s, version_read, &l.schema, &e) != 0) {
		snprintf(l.why, sizeof l.why, "%s", e.msg);
		goto out;
	}
	if (l.schema == 0) {
		l.verdict = RESTORE_NOT_BANGFU;
		goto out;
	}
	store_close(s);
	s = NULL;
	if (model_open(&s, tmpdir, &e) != 0) {
		snprintf(l.why, sizeof l.why, "%s", e.msg);
		if (l.schema > SCHEMA_VERSION)
			l.verdict = RESTORE_NOT_BANGFU;
		goto out;
	}
	err_clear(&e);
	if (store_read(s, look_read, &l, &e) != 0) {
		snprintf(l.why, sizeof l.why, "%s", e.msg);
		goto out;
	}
	l.verdict = l.problems || l.why[0] ? RESTORE_DAMAGED : RESTORE_SOUND;
out:
	if (s)
		store_close(s);
	ssize_t w = write(fd, &l, sizeof l);
	(void)w;
	_exit(0);
}

static void rm_tmpdir(const char *tmpdir)
{
	const char *names[] = { "data.mdb", "lock.mdb" };
	for (size_t i = 0; i < 2; i++) {
		char *p = xasprintf("%s/%s", tmpdir, names[i]);
		unlink(p);
		free(p);
	}
	rmdir(tmpdir);
}

int model_restore_prepare(const char *dir, const char *file, model_restore_plan *p, err *e)
{
	memset(p, 0, sizeof *p);
	struct stat sb;
	if (stat(file, &sb) != 0)
		return err_set(e, E_INPUT, _("cannot read %s: %s"), file, strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return err_set(e, E_INPUT, _("%s is not a file"), file);
	p->made = sb.st_mtime;
	p->size = sb.st_size;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return err_set(e, E_DB, _("cannot create the folder %s: %s"), dir, strerror(errno));
	p->dir = xstrdup(dir);
	p->tmpdir = xasprintf("%s/.restore-XXXXXX", dir);
	if (!mkdtemp(p->tmpdir)) {
		int rc = err_set(e, E_DB, _("cannot create the folder %s: %s"), p->tmpdir,
				 strerror(errno));
		free(p->tmpdir);
		p->tmpdir = NULL;
		return rc;
	}
	char *copy = xasprintf("%s/data.mdb", p->tmpdir);
	int rc = store_copy_file(file, copy, e);
	free(copy);
	if (rc)
		return rc;
	p->verdict = RESTORE_DAMAGED;
	int state = store_file_state(file);
	if (state != FILE_WHOLE) {
		p->verdict = state == FILE_SHORT ? RESTORE_DAMAGED : RESTORE_NOT_BANGFU;
		snprintf(p->why, sizeof p->why, "%s",
			 state == FILE_SHORT ? _("the file is shorter than its own pages say: it was cut off")
					     : _("it is not a database file"));
		return 0;
	}
	int fds[2];
	if (pipe(fds) != 0)
		return err_set(e, E_DB, _("cannot look at %s: %s"), file, strerror(errno));
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return err_set(e, E_DB, _("cannot look at %s: %s"), file, strerror(errno));
	}
	if (pid == 0) {
		close(fds[0]);
		look_child(p->tmpdir, fds[1]);
	}
	close(fds[1]);
	struct look l;
	size_t got = 0;
	while (got < sizeof l) {
		ssize_t r = read(fds[0], (char *)&l + got, sizeof l - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fds[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (got == sizeof l) {
		p->verdict = l.verdict;
		p->schema = l.schema;
		p->stats = l.stats;
		p->problems = l.problems;
		snprintf(p->why, sizeof p->why, "%s", l.why);
	} else {
		p->verdict = RESTORE_DAMAGED;
		snprintf(p->why, sizeof p->why, "%s",
			 _("a page of the file cannot be read"));
	}
	if (p->verdict == RESTORE_NOT_BANGFU && !p->why[0])
		snprintf(p->why, sizeof p->why, "%s", _("it holds no bangfu database"));
	return 0;
}

int model_restore_commit(model_restore_plan *p, char **kept, err *e)
{
	*kept = NULL;
	if (p->verdict != RESTORE_SOUND)
		die("model_restore_commit of a file that is not sound");
	int fd;
	int rc = store_lock_alone(p->dir, &fd, e);
	if (rc)
		return rc;
	/* the child's lock file goes; LMDB's next open sets up the folder's */
	char *lock = xasprintf("%s/lock.mdb", p->tmpdir);
	unlink(lock);
	free(lock);
	char *copy = xasprintf("%s/data.mdb", p->tmpdir);
	rc = store_restore_file(p->dir, copy, kept, date_today(), e);
	free(copy);
	if (fd >= 0)
		close(fd);
	return rc;
}

void model_restore_done(model_restore_plan *p)
{
	if (p->tmpdir)
		rm_tmpdir(p->tmpdir);
	free(p->tmpdir);
	free(p->dir);
	p->tmpdir = p->dir = NULL;
}
