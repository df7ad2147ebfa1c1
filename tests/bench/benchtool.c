#include "config.h"
/* benchtool — the C half of `make bench` (tests/bench/run.sh drives it).
 *
 *   benchtool time RUNS WARMUP [--prepare SHELL-CMD] -- CMD ARGS...
 *       Runs CMD (no shell, stdout and stderr to /dev/null) WARMUP times
 *       untimed, then RUNS times (each after SHELL-CMD, untimed; exit
 *       status 0 or 1 — abook's "not found" — accepted), and prints one line:
 *       "MEDIAN_NS MIN_NS MAXRSS_KB ANON_KB" — wall-clock median and minimum,
 *       the largest peak resident set (wait4's ru_maxrss: private memory and
 *       the mapped file pages the process touched) and the largest private
 *       (RssAnon) size seen by polling /proc every millisecond.
 *   benchtool load DUMP SQLITE ABOOK CSV
 *       Reads a `bangfu export dump` (JSON Lines) and writes: the same
 *       records into a new SQLite database with the indexes a careful SQLite
 *       design would have (integer keys, the 16-byte ids kept in a unique
 *       column); an abook address book with every student (name, number as
 *       the e-mail's local part, pinyin initials as the nick); and a
 *       students CSV for `bangfu import students` (学号,姓名,... with 帮扶类型).
 *   benchtool sql BANGFU_DB SQLITE COLLEGE SEMESTER STUDENT_NO RUNS
 *       The same four questions asked in-process of bangfu's model and of
 *       SQLite's C API, each RUNS times (after one warm-up); prints per
 *       question "NAME BANGFU_MEDIAN_NS SQLITE_MEDIAN_NS BANGFU_ROWS
 *       SQLITE_ROWS SAME" (SAME is "same" when both gave the very same cells;
 *       the name list's columns are bangfu's layout, so only its row count
 *       can agree).
 *   benchtool tui BANGFU_DB KEYS
 *       The front end on a pty the bench makes: time to the first frame
 *       and keystroke-to-frame latencies in a list's filter (tui_main).
 *
 * Dates come from BANGFU_TODAY like bangfu's own (the script fixes it). */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pthread.h>
#include <pty.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/internal.h"
#include "report/report.h"
#include "ui/ui.h"
#include "util/date.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/pinyin.h"

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int64_t median(int64_t *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_i64);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void fatal(const char *fmt, const char *a)
{
	fprintf(stderr, "benchtool: ");
	fprintf(stderr, fmt, a ? a : "");
	fputc('\n', stderr);
	exit(1);
}

/* ---- time: whole processes ------------------------------------------- */

/* RssAnon of pid in kB, or -1. */
static long rss_anon(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "RssAnon:", 8) == 0) {
			kb = strtol(line + 8, NULL, 10);
			break;
		}
	fclose(f);
	return kb;
}

/* Samples a child's RssAnon every millisecond until told to stop. */
struct sampler {
	pid_t pid;
	volatile int stop;
	long peak;
};

static void *sample(void *arg)
{
	struct sampler *sm = arg;
	while (!sm->stop) {
		long a = rss_anon(sm->pid);
		if (a > sm->peak)
			sm->peak = a;
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	}
	return NULL;
}

/* Runs argv once; wall ns into *ns, peaks into *maxrss, *anon. The wait is
 * a blocking wait4, so the time is not rounded to the sampling period.
 * Exit status returned (non-zero exits are reported by the caller). */
static int run_once(char **argv, int64_t *ns, long *maxrss, long *anon)
{
	int64_t t0 = now_ns();
	pid_t pid = fork();
	if (pid < 0)
		fatal("fork: %s", strerror(errno));
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	struct sampler sm = { pid, 0, 0 };
	pthread_t th;
	bool sampling = pthread_create(&th, NULL, sample, &sm) == 0;
	int status = 0;
	struct rusage ru;
	pid_t w;
	while ((w = wait4(pid, &status, 0, &ru)) < 0 && errno == EINTR)
		;
	*ns = now_ns() - t0;
	if (w < 0)
		fatal("wait: %s", strerror(errno));
	sm.stop = 1;
	if (sampling)
		pthread_join(th, NULL);
	*maxrss = ru.ru_maxrss;
	*anon = sm.peak;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int time_main(int argc, char **argv)
{
	const char *prepare = NULL;
	int k = 3;
	if (argc > 5 && strcmp(argv[3], "--prepare") == 0) {
		prepare = argv[4];
		k = 5;
	}
	if (argc < k + 2 || strcmp(argv[k], "--") != 0)
		fatal("usage: benchtool time RUNS WARMUP [--prepare SHELL-CMD] -- CMD ...%s", NULL);
	int runs = atoi(argv[1]), warm = atoi(argv[2]);
	char **cmd = argv + k + 1;
	if (runs < 1)
		runs = 1;
	int64_t *v = calloc((size_t)runs, sizeof *v), ns;
	long maxrss = 0, anon = 0, m, a;
	for (int i = 0; i < warm + runs; i++) {
		if (prepare && system(prepare) != 0)
			fatal("prepare failed: %s", prepare);
		int rc = run_once(cmd, &ns, &m, &a);
		/* 1 is allowed: abook's "not found" */
		if (rc > 1) {
			fprintf(stderr, "benchtool: %s exited with %d\n", cmd[0], rc);
			return 1;
		}
		if (i < warm)
			continue;
		v[i - warm] = ns;
		if (m > maxrss)
			maxrss = m;
		if (a > anon)
			anon = a;
	}
	int64_t med = median(v, (size_t)runs);
	printf("%lld %lld %ld %ld\n", (long long)med, (long long)v[0], maxrss, anon);
	free(v);
	return 0;
}

/* ---- load: the dump into SQLite, abook and a students CSV ------------- */

/* Ids (16 bytes) -> small integers, open addressing. */
typedef struct idmap {
	uint8_t (*key)[16];
	int64_t *val;
	size_t cap, n;
} idmap;

static uint64_t id_hash(const uint8_t *k)
{
	uint64_t h;
	memcpy(&h, k + 8, 8);   /* the random half of a UUIDv7 */
	return h * 0x9e3779b97f4a7c15ULL;
}

static void idmap_put(idmap *m, const uint8_t *k, int64_t v);

static void idmap_grow(idmap *m)
{
	idmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 1 << 16;
	m->key = calloc(m->cap, 16);
	m->val = calloc(m->cap, sizeof *m->val);
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.val[i])
			idmap_put(m, old.key[i], old.val[i]);
	free(old.key);
	free(old.val);
}

static void idmap_put(idmap *m, const uint8_t *k, int64_t v)
{
	if ((m->n + 1) * 2 > m->cap)
		idmap_grow(m);
	size_t i = id_hash(k) & (m->cap - 1);
	while (m->val[i] && memcmp(m->key[i], k, 16) != 0)
		i = (i + 1) & (m->cap - 1);
	if (!m->val[i])
		m->n++;
	memcpy(m->key[i], k, 16);
	m->val[i] = v;
}

static int64_t idmap_get(const idmap *m, const uint8_t *k)
{
	if (!m->cap)
		return 0;
	size_t i = id_hash(k) & (m->cap - 1);
	while (m->val[i]) {
		if (memcmp(m->key[i], k, 16) == 0)
			return m->val[i];
		i = (i + 1) & (m->cap - 1);
	}
	return 0;
}

static const char schema_sql[] =
	"PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;\n"
	"CREATE TABLE college(id INTEGER PRIMARY KEY, uid BLOB NOT NULL, name TEXT NOT NULL,"
	" code TEXT, branches TEXT, pair_limit INT, overdue_days INT);\n"
	"CREATE TABLE semester(id INTEGER PRIMARY KEY, uid BLOB NOT NULL, code TEXT NOT NULL,"
	" start TEXT, end TEXT, roster_due TEXT, summary_due TEXT);\n"
	"CREATE TABLE student(id INTEGER PRIMARY KEY, uid BLOB NOT NULL, student_no TEXT NOT NULL,"
	" name TEXT NOT NULL, gender TEXT, college_id INT, class_name TEXT, political TEXT,"
	" phone TEXT);\n"
	"CREATE TABLE counsellor(id INTEGER PRIMARY KEY, uid BLOB NOT NULL, staff_no TEXT NOT NULL,"
	" name TEXT, college_id INT, phone TEXT);\n"
	"CREATE TABLE member(id INTEGER PRIMARY KEY, uid BLOB NOT NULL, student_id INT NOT NULL,"
	" branch TEXT);\n"
	"CREATE TABLE target(id INTEGER PRIMARY KEY, uid BLOB NOT NULL, student_id INT NOT NULL,"
	" kinds INT, tier TEXT, situation TEXT, status TEXT);\n"
	"CREATE TABLE pairing(id INTEGER PRIMARY KEY, uid BLOB NOT NULL, member_id INT NOT NULL,"
	" target_id INT NOT NULL, college_id INT NOT NULL, semester_id INT NOT NULL,"
	" start TEXT NOT NULL, end TEXT, reason TEXT, note TEXT);\n"
	"CREATE TABLE talk(id INTEGER PRIMARY KEY, uid BLOB NOT NULL, pairing_id INT,"
	" target_id INT NOT NULL, member_id INT, counsellor_id INT, date TEXT NOT NULL,"
	" minutes INT, mode TEXT, topics INT, content TEXT, follow_up TEXT);\n"
	"CREATE TABLE aid(id INTEGER PRIMARY KEY, uid BLOB NOT NULL, pairing_id INT NOT NULL,"
	" date TEXT NOT NULL, kind TEXT, amount_fen INT, note TEXT);\n";

/* Built after the rows are in (as a bulk load would): each is what a query
 * below or a screen needs, the same questions bangfu's own indexes answer. */
static const char index_sql[] =
	"CREATE UNIQUE INDEX college_uid ON college(uid);"
	"CREATE UNIQUE INDEX college_name ON college(name);"
	"CREATE UNIQUE INDEX semester_uid ON semester(uid);"
	"CREATE UNIQUE INDEX semester_code ON semester(code);"
	"CREATE UNIQUE INDEX student_uid ON student(uid);"
	"CREATE UNIQUE INDEX student_no ON student(student_no);"
	"CREATE INDEX student_college ON student(college_id, student_no);"
	"CREATE INDEX student_name ON student(name);"
	"CREATE UNIQUE INDEX counsellor_uid ON counsellor(uid);"
	"CREATE UNIQUE INDEX counsellor_staff_no ON counsellor(staff_no);"
	"CREATE UNIQUE INDEX member_uid ON member(uid);"
	"CREATE UNIQUE INDEX member_student ON member(student_id);"
	"CREATE UNIQUE INDEX target_uid ON target(uid);"
	"CREATE UNIQUE INDEX target_student ON target(student_id);"
	"CREATE UNIQUE INDEX pairing_uid ON pairing(uid);"
	"CREATE INDEX pairing_college ON pairing(college_id, semester_id);"
	"CREATE INDEX pairing_member ON pairing(member_id);"
	"CREATE INDEX pairing_target ON pairing(target_id);"
	"CREATE UNIQUE INDEX talk_uid ON talk(uid);"
	"CREATE INDEX talk_pairing ON talk(pairing_id, date);"
	"CREATE INDEX talk_target ON talk(target_id, date);"
	"CREATE INDEX talk_date ON talk(date);"
	"CREATE UNIQUE INDEX aid_uid ON aid(uid);"
	"CREATE INDEX aid_pairing ON aid(pairing_id, date);"
	"ANALYZE;";

typedef struct table_def {
	const char *type;          /* the dump's "type" */
	const char *table;
	const char *fields[12];    /* dump names in column order after id, uid */
	const char *ids;           /* which fields are ids (1 = FT_ID), by position */
	const char *ints;          /* which are integers */
} table_def;

static const table_def tables[] = {
	{ "college", "college", { "name", "code", "branches", "pair_limit", "overdue_days" },
	  "00000", "00011" },
	{ "semester", "semester", { "code", "start", "end", "roster_due", "summary_due" },
	  "00000", "00000" },
	{ "student", "student",
	  { "student_no", "name", "gender", "college_id", "class_name", "political", "phone" },
	  "0001000", "0000000" },
	{ "counsellor", "counsellor", { "staff_no", "name", "college_id", "phone" }, "0010",
	  "0000" },
	{ "member", "member", { "student_id", "branch" }, "10", "00" },
	{ "target", "target", { "student_id", "kinds", "tier", "situation", "status" }, "10000",
	  "01000" },
	{ "pairing", "pairing",
	  { "member_id", "target_id", "college_id", "semester_id", "start", "end", "reason",
	    "note" },
	  "11110000", "00000000" },
	{ "talk", "talk",
	  { "pairing_id", "target_id", "member_id", "counsellor_id", "date", "minutes", "mode",
	    "topics", "content", "follow_up" },
	  "1111000000", "0000010100" },
	{ "aid", "aid", { "pairing_id", "date", "kind", "amount_fen", "note" }, "10000", "00010" },
};
enum { NTABLES = sizeof tables / sizeof tables[0] };

typedef struct csv_student {
	char *no, *name, *gender, *class_name, *political, *phone;
	int64_t college;           /* index into college names */
	uint8_t id[16];
	uint32_t kinds;
} csv_student;

static bool hex_id(const char *s, uint8_t out[16])
{
	rid r;
	if (!s || !rid_parse(&r, s))
		return false;
	memcpy(out, r.b, 16);
	return true;
}

static const char *jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *xdup(const char *s)
{
	return strdup(s ? s : "");
}

/* A CSV field, quoted when it needs to be. */
static void csv_field(FILE *f, const char *s, bool last)
{
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputc(last ? '\n' : ',', f);
}

/* Pinyin initials of a name's usual reading ("王伟" -> "ww"). */
static void initials(const char *name, char *buf, size_t n)
{
	char py[256];
	size_t o = 0;
	pinyin_name(name, py, sizeof py);
	for (const char *p = py; *p && o + 1 < n;) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			buf[o++] = *p;
		while (*p && *p != ' ')
			p++;
		while (*p == ' ')
			p++;
	}
	buf[o] = 0;
}

static int load_main(int argc, char **argv)
{
	if (argc != 5)
		fatal("usage: benchtool load DUMP SQLITE ABOOK CSV%s", NULL);
	FILE *in = fopen(argv[1], "r");
	if (!in)
		fatal("cannot read %s", argv[1]);
	unlink(argv[2]);
	sqlite3 *db;
	if (sqlite3_open(argv[2], &db) != SQLITE_OK)
		fatal("cannot create %s", argv[2]);
	char *msg = NULL;
	if (sqlite3_exec(db, schema_sql, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN", NULL, NULL, &msg) != SQLITE_OK)
		fatal("schema: %s", msg);
	sqlite3_stmt *ins[NTABLES];
	int64_t next[NTABLES];
	size_t nf[NTABLES];
	for (size_t i = 0; i < NTABLES; i++) {
		char sql[512];
		size_t o = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s VALUES(?,?",
					    tables[i].table);
		for (nf[i] = 0; nf[i] < 12 && tables[i].fields[nf[i]]; nf[i]++)
			o += (size_t)snprintf(sql + o, sizeof sql - o, ",?");
		snprintf(sql + o, sizeof sql - o, ")");
		if (sqlite3_prepare_v2(db, sql, -1, &ins[i], NULL) != SQLITE_OK)
			fatal("prepare: %s", sqlite3_errmsg(db));
		next[i] = 1;
	}
	idmap ids = { 0 };
	csv_student *st = NULL;
	size_t nst = 0, capst = 0;
	char **colleges = NULL;
	uint8_t (*college_ids)[16] = NULL;
	size_t ncol = 0;
	idmap stix = { 0 };        /* student id -> index + 1 */

	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	size_t lineno = 0;
	while ((len = getline(&line, &cap, in)) > 0) {
		lineno++;
		if (strncmp(line, "{\"type\":\"audit\"", 15) == 0)
			continue;
		json_error_t je;
		json_t *o = json_loadb(line, (size_t)len, 0, &je);
		if (!o)
			fatal("dump line: %s", je.text);
		const char *type = jstr(o, "type");
		size_t ti = 0;
		while (ti < NTABLES && strcmp(tables[ti].type, type ? type : "") != 0)
			ti++;
		if (ti == NTABLES || json_is_true(json_object_get(o, "deleted"))) {
			json_decref(o);
			continue;
		}
		const table_def *td = &tables[ti];
		uint8_t id[16];
		if (!hex_id(jstr(o, "id"), id))
			fatal("dump: a record without an id%s", NULL);
		int64_t rowid = next[ti]++;
		idmap_put(&ids, id, rowid);
		sqlite3_stmt *s = ins[ti];
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, rowid);
		sqlite3_bind_blob(s, 2, id, 16, SQLITE_TRANSIENT);
		for (size_t f = 0; f < nf[ti]; f++) {
			json_t *v = json_object_get(o, td->fields[f]);
			int col = (int)f + 3;
			if (!v) {
				sqlite3_bind_null(s, col);
			} else if (td->ids[f] == '1') {
				uint8_t ref[16];
				int64_t r = hex_id(json_string_value(v), ref) ? idmap_get(&ids, ref) : 0;
				if (r)
					sqlite3_bind_int64(s, col, r);
				else
					sqlite3_bind_null(s, col);
			} else if (json_is_integer(v)) {
				sqlite3_bind_int64(s, col, json_integer_value(v));
			} else {
				sqlite3_bind_text(s, col, json_string_value(v), -1, SQLITE_TRANSIENT);
			}
		}
		if (sqlite3_step(s) != SQLITE_DONE)
			fatal("insert: %s", sqlite3_errmsg(db));
		/* what the CSV and the address book need */
		if (strcmp(type, "college") == 0) {
			colleges = realloc(colleges, (ncol + 1) * sizeof *colleges);
			college_ids = realloc(college_ids, (ncol + 1) * sizeof *college_ids);
			colleges[ncol] = xdup(jstr(o, "name"));
			memcpy(college_ids[ncol++], id, 16);
		} else if (strcmp(type, "student") == 0) {
			if (nst == capst) {
				capst = capst ? capst * 2 : 1024;
				st = realloc(st, capst * sizeof *st);
			}
			csv_student *c = &st[nst++];
			memset(c, 0, sizeof *c);
			memcpy(c->id, id, 16);
			c->no = xdup(jstr(o, "student_no"));
			c->name = xdup(jstr(o, "name"));
			c->gender = xdup(jstr(o, "gender"));
			c->class_name = xdup(jstr(o, "class_name"));
			c->political = xdup(jstr(o, "political"));
			c->phone = xdup(jstr(o, "phone"));
			uint8_t cid[16];
			c->college = -1;
			if (hex_id(jstr(o, "college_id"), cid))
				for (size_t k = 0; k < ncol; k++)
					if (memcmp(college_ids[k], cid, 16) == 0)
						c->college = (int64_t)k;
			idmap_put(&stix, id, (int64_t)nst);
		} else if (strcmp(type, "target") == 0) {
			uint8_t sid[16];
			int64_t k = hex_id(jstr(o, "student_id"), sid) ? idmap_get(&stix, sid) : 0;
			if (k)
				st[k - 1].kinds =
					(uint32_t)json_integer_value(json_object_get(o, "kinds"));
		}
		json_decref(o);
	}
	free(line);
	fclose(in);
	for (size_t i = 0; i < NTABLES; i++)
		sqlite3_finalize(ins[i]);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(db, index_sql, NULL, NULL, &msg) != SQLITE_OK)
		fatal("indexes: %s", msg);
	sqlite3_close(db);

	FILE *ab = fopen(argv[3], "w"), *csv = fopen(argv[4], "w");
	if (!ab || !csv)
		fatal("cannot write %s", !ab ? argv[3] : argv[4]);
	fprintf(ab, "# abook addressbook file\n\n[format]\nprogram=abook\nversion=0.6.1\n\n");
	fprintf(csv, "学号,姓名,性别,学院,班级,政治面貌,联系电话,帮扶类型\n");
	for (size_t i = 0; i < nst; i++) {
		csv_student *c = &st[i];
		char ini[64], kinds[128] = "";
		initials(c->name, ini, sizeof ini);
		fprintf(ab, "[%zu]\nname=%s\nemail=%s@stu.example.edu.cn\nnick=%s\nmobile=%s\n\n",
			i, c->name, c->no, ini, c->phone);
		if (c->kinds)
			kinds_format(c->kinds, kinds, sizeof kinds);
		csv_field(csv, c->no, false);
		csv_field(csv, c->name, false);
		csv_field(csv, c->gender, false);
		csv_field(csv, c->college >= 0 ? colleges[c->college] : "", false);
		csv_field(csv, c->class_name, false);
		csv_field(csv, c->political, false);
		csv_field(csv, c->phone, false);
		csv_field(csv, kinds, true);
	}
	if (fclose(ab) || fclose(csv))
		fatal("write error%s", NULL);
	fprintf(stderr, "benchtool: %zu records into SQLite, %zu students into the address book\n",
		(size_t)ids.n, nst);
	return 0;
}

/* ---- sql: the same questions of the model and of SQLite --------------- */

/* Every answer is copied out of the database into a result like this (what
 * a screen or a report would hold), then thrown away. */
typedef struct rows {
	char **cell;
	size_t n, cap, nrows;
} rows;

static void rows_add(rows *r, const char *s)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->cell = realloc(r->cell, r->cap * sizeof *r->cell);
	}
	r->cell[r->n++] = strdup(s ? s : "");
}

static void rows_addi(rows *r, long long v)
{
	char b[32];
	snprintf(b, sizeof b, "%lld", v);
	rows_add(r, b);
}

static void rows_free(rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->cell[i]);
	free(r->cell);
	memset(r, 0, sizeof *r);
}

typedef struct qargs {
	const char *college, *semester, *student_no;
	date_t today;
	char today_s[11];
	rows *out;
} qargs;

/* -- a student's talk history: newest first, with the helper's name -- */

struct hist_ctx {
	store_txn *t;
	qargs *q;
	rid last;
	char name[64];
	err *e;
};

static int hist_one(const talk *k, void *ctx)
{
	struct hist_ctx *h = ctx;
	const rid *who = rid_is_zero(&k->member_id) ? &k->counsellor_id : &k->member_id;
	if (rid_cmp(who, &h->last) != 0) {
		h->last = *who;
		h->name[0] = 0;
		if (!rid_is_zero(&k->member_id)) {
			student m;
			if (student_get(h->t, who, &m, h->e) == 0) {
				snprintf(h->name, sizeof h->name, "%s", m.name ? m.name : "");
				rec_free(&student_desc, &m);
			}
		} else {
			counsellor c;
			if (counsellor_get(h->t, who, &c, h->e) == 0) {
				snprintf(h->name, sizeof h->name, "%s", c.name ? c.name : "");
				rec_free(&counsellor_desc, &c);
			}
		}
	}
	char d[11];
	date_format(k->date, d);
	rows *out = h->q->out;
	rows_add(out, d);
	rows_addi(out, k->minutes);
	rows_add(out, k->mode);
	rows_addi(out, k->topics);
	rows_add(out, k->content);
	rows_add(out, h->name);
	out->nrows++;
	return 0;
}

static int b_history(store_txn *t, void *ctx, err *e)
{
	qargs *q = ctx;
	student s;
	int rc = student_by_no(t, q->student_no, &s, e);
	if (rc)
		return rc == E_NOTFOUND ? err_set(e, E_INPUT, "no student %s", q->student_no) : rc;
	struct hist_ctx h = { t, q, { { 0 } }, "", e };
	rc = model_talks_of_target(t, &s.m.id, hist_one, &h, e);
	rec_free(&student_desc, &s);
	return rc;
}

static const char s_history[] =
	"SELECT t.date, t.minutes, t.mode, t.topics, t.content, coalesce(m.name, c.name)"
	" FROM student x JOIN talk t ON t.target_id = x.id"
	" LEFT JOIN student m ON m.id = t.member_id"
	" LEFT JOIN counsellor c ON c.id = t.counsellor_id"
	" WHERE x.student_no = ?1 ORDER BY t.date DESC, t.id DESC";

/* -- a college's overdue pairings, with both names -- */

static int b_overdue(store_txn *t, void *ctx, err *e)
{
	qargs *q = ctx;
	college c;
	int rc = college_by_name(t, q->college, &c, e);
	if (rc)
		return rc == E_NOTFOUND ? err_set(e, E_INPUT, "no college %s", q->college) : rc;
	overdue_row *r;
	size_t n;
	rc = model_overdue(t, &c.m.id, 0, q->today, &r, &n, e);
	rec_free(&college_desc, &c);
	for (size_t i = 0; !rc && i < n; i++) {
		student m, g;
		char d[11] = "";
		if ((rc = student_get(t, &r[i].member_id, &m, e)) != 0)
			break;
		if ((rc = student_get(t, &r[i].target_id, &g, e)) != 0) {
			rec_free(&student_desc, &m);
			break;
		}
		if (r[i].last_talk)
			date_format(r[i].last_talk, d);
		rows_add(q->out, m.name);
		rows_add(q->out, g.name);
		rows_add(q->out, d);
		rows_addi(q->out, r[i].days);
		q->out->nrows++;
		rec_free(&student_desc, &m);
		rec_free(&student_desc, &g);
	}
	free(r);
	return rc;
}

static const char s_overdue[] =
	"WITH c AS (SELECT id, coalesce(nullif(overdue_days, 0), 14) AS lim"
	"           FROM college WHERE name = ?2),"
	" p AS (SELECT p.id, p.member_id, p.target_id, p.start,"
	"        (SELECT max(t.date) FROM talk t WHERE t.pairing_id = p.id) AS last"
	"       FROM pairing p JOIN c ON p.college_id = c.id"
	"       WHERE p.start <= ?4 AND (p.end IS NULL OR p.end >= ?4))"
	" SELECT m.name, g.name, coalesce(p.last, ''),"
	"  CAST(julianday(?4) - julianday(coalesce(p.last, p.start)) AS INT) AS days"
	" FROM p JOIN student m ON m.id = p.member_id JOIN student g ON g.id = p.target_id"
	" WHERE days > (SELECT lim FROM c) ORDER BY days DESC, p.id";

/* -- the summary's numbers for a college and semester -- */

static int b_summary(store_txn *t, void *ctx, err *e)
{
	qargs *q = ctx;
	summary_facts f;
	int rc = summary_facts_get(t, q->college, q->semester, &f, e);
	if (rc)
		return rc;
	long long v[] = { (long long)f.pairings, (long long)f.members, (long long)f.targets,
			  (long long)f.talks, f.minutes, (long long)f.topic_study,
			  (long long)f.topic_life, (long long)f.topic_thought,
			  (long long)f.topic_psych, (long long)f.mode_face, (long long)f.mode_phone,
			  (long long)f.mode_online, (long long)f.counsellor_talks,
			  f.counsellor_minutes, f.aid_total_fen, (long long)f.overdue };
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		rows_addi(q->out, v[i]);
	q->out->nrows++;
	return 0;
}

/* The same numbers as summary_facts_get (model/facts.c): the pairings of
 * the college and semester, their members and targets (distinct), the
 * members' talks of those pairings within the semester's dates (by topic and
 * mode), the counsellors' talks with those targets in the semester, the aid
 * in the semester and the pairings overdue today. */
static const char s_summary[] =
	"WITH c AS (SELECT id, coalesce(nullif(overdue_days, 0), 14) AS lim"
	"           FROM college WHERE name = ?2),"
	" s AS (SELECT id, start, end FROM semester WHERE code = ?3),"
	" p AS MATERIALIZED (SELECT p.id, p.member_id, p.target_id, p.start, p.end"
	"       FROM pairing p WHERE p.college_id = (SELECT id FROM c)"
	"       AND p.semester_id = (SELECT id FROM s)),"
	" k AS MATERIALIZED (SELECT count(*) AS n, coalesce(sum(t.minutes), 0) AS mins,"
	"       coalesce(sum(t.topics & 1 != 0), 0) AS study,"
	"       coalesce(sum(t.topics & 2 != 0), 0) AS life,"
	"       coalesce(sum(t.topics & 4 != 0), 0) AS thought,"
	"       coalesce(sum(t.topics & 8 != 0), 0) AS psych,"
	"       coalesce(sum(t.mode = '面谈'), 0) AS face, coalesce(sum(t.mode = '电话'), 0) AS phone,"
	"       coalesce(sum(t.mode = '线上'), 0) AS online"
	"       FROM p JOIN talk t ON t.pairing_id = p.id"
	"       WHERE t.date BETWEEN (SELECT start FROM s) AND (SELECT end FROM s)"
	"       AND t.member_id IS NOT NULL),"
	" ck AS MATERIALIZED (SELECT count(*) AS n, coalesce(sum(t.minutes), 0) AS mins"
	"       FROM (SELECT DISTINCT target_id FROM p) x"
	"       JOIN talk t ON t.target_id = x.target_id"
	"       WHERE t.date BETWEEN (SELECT start FROM s) AND (SELECT end FROM s)"
	"       AND t.counsellor_id IS NOT NULL)"
	" SELECT (SELECT count(*) FROM p), (SELECT count(DISTINCT member_id) FROM p),"
	"  (SELECT count(DISTINCT target_id) FROM p),"
	"  k.n, k.mins, k.study, k.life, k.thought, k.psych, k.face, k.phone, k.online,"
	"  ck.n, ck.mins,"
	"  (SELECT coalesce(sum(a.amount_fen), 0) FROM p JOIN aid a ON a.pairing_id = p.id"
	"    WHERE a.date BETWEEN (SELECT start FROM s) AND (SELECT end FROM s)),"
	"  (SELECT count(*) FROM p WHERE p.start <= ?4 AND (p.end IS NULL OR p.end >= ?4)"
	"    AND julianday(?4) - julianday(coalesce((SELECT max(date) FROM talk t"
	"      WHERE t.pairing_id = p.id), p.start)) > (SELECT lim FROM c))"
	" FROM k, ck";

/* -- the name list (附件1) of a college and semester -- */

static int b_roster(store_txn *t, void *ctx, err *e)
{
	qargs *q = ctx;
#ifdef BENCH_NO_REPORTS
	return err_set(e, E_INPUT, "no roster yet");
#endif
	static roster_layout lay;
	static bool loaded;
	if (!loaded) {
		char *p = report_forms_path("roster.tpl");
		int rc = roster_layout_load(p, &lay, e);
		free(p);
		if (rc)
			return rc;
		loaded = true;
	}
	roster_doc d;
	int rc = roster_build(t, &lay, q->college, q->semester, &d, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < d.nrows * d.ncols; i++)
		rows_add(q->out, d.cells[i]);
	q->out->nrows += d.nrows;
	roster_doc_free(&d);
	return 0;
}

/* The usual columns (DOMAIN): member's name, number, class, kind of
 * membership, phone; the target's name, number, class, kinds, phone. */
static const char s_roster[] =
	"SELECT m.name, m.student_no, m.class_name, m.political, m.phone,"
	"  g.name, g.student_no, g.class_name, tg.kinds, g.phone, p.note"
	" FROM pairing p JOIN student m ON m.id = p.member_id"
	" JOIN student g ON g.id = p.target_id LEFT JOIN target tg ON tg.student_id = g.id"
	" WHERE p.college_id = (SELECT id FROM college WHERE name = ?2)"
	"  AND p.semester_id = (SELECT id FROM semester WHERE code = ?3)"
	" ORDER BY m.class_name, m.student_no, p.id";

typedef struct question {
	const char *name;
	store_fn bangfu;
	const char *sql;
} question;

static const question questions[] = {
	{ "talk_history", b_history, s_history },
	{ "overdue_college", b_overdue, s_overdue },
	{ "summary_facts", b_summary, s_summary },
	{ "roster_college", b_roster, s_roster },
};

static int sqlite_ask(sqlite3 *db, sqlite3_stmt *st, const qargs *q)
{
	sqlite3_reset(st);
	int np = sqlite3_bind_parameter_count(st);
	if (np >= 1)
		sqlite3_bind_text(st, 1, q->student_no, -1, SQLITE_STATIC);
	if (np >= 2)
		sqlite3_bind_text(st, 2, q->college, -1, SQLITE_STATIC);
	if (np >= 3)
		sqlite3_bind_text(st, 3, q->semester, -1, SQLITE_STATIC);
	if (np >= 4)
		sqlite3_bind_text(st, 4, q->today_s, -1, SQLITE_STATIC);
	int rc, ncol = sqlite3_column_count(st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < ncol; i++)
			rows_add(q->out, (const char *)sqlite3_column_text(st, i));
		q->out->nrows++;
	}
	if (rc != SQLITE_DONE)
		fatal("sqlite: %s", sqlite3_errmsg(db));
	return 0;
}

static int sql_main(int argc, char **argv)
{
	if (argc < 7)
		fatal("usage: benchtool sql BANGFU_DB SQLITE COLLEGE SEMESTER STUDENT_NO RUNS [NAME]%s",
		      NULL);
	store *s;
	err e = { 0 };
	if (model_open(&s, argv[1], &e))
		fatal("%s", e.msg);
	sqlite3 *db;
	if (sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		fatal("cannot open %s", argv[2]);
	int runs = atoi(argv[6]);
	if (runs < 1)
		runs = 1;
	qargs q = { argv[3], argv[4], argv[5], date_today(), "", NULL };
	date_format(q.today, q.today_s);
	int64_t *vb = calloc((size_t)runs, sizeof *vb), *vs = calloc((size_t)runs, sizeof *vs);
	for (size_t i = 0; i < sizeof questions / sizeof *questions; i++) {
		const question *x = &questions[i];
		if (argc > 7 && strcmp(argv[7], x->name) != 0)
			continue;
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, x->sql, -1, &st, NULL) != SQLITE_OK)
			fatal("prepare: %s", sqlite3_errmsg(db));
		rows rb = { 0 }, rs = { 0 };
		size_t nb = 0, ns = 0;
		/* one warm-up each, then alternate so both see the same cache */
		bool failed = false;
		for (int r = -1; r < runs && !failed; r++) {
			rows_free(&rb);
			rows_free(&rs);
			q.out = &rb;
			int64_t t0 = now_ns();
			if (store_read(s, x->bangfu, &q, &e)) {
				fprintf(stderr, "benchtool: %s: %s\n", x->name, e.msg);
				memset(&e, 0, sizeof e);
				failed = true;
				break;
			}
			int64_t t1 = now_ns();
			q.out = &rs;
			sqlite_ask(db, st, &q);
			int64_t t2 = now_ns();
			if (r >= 0) {
				vb[r] = t1 - t0;
				vs[r] = t2 - t1;
			}
			nb = rb.nrows;
			ns = rs.nrows;
		}
		bool same = rb.n == rs.n;
		for (size_t j = 0; same && j < rb.n; j++) {
			same = strcmp(rb.cell[j], rs.cell[j]) == 0;
			if (!same && getenv("BENCH_DEBUG"))
				fprintf(stderr, "%s: cell %zu: bangfu \"%s\", sqlite \"%s\"\n",
					x->name, j, rb.cell[j], rs.cell[j]);
		}
		rows_free(&rb);
		rows_free(&rs);
		sqlite3_finalize(st);
		if (failed) {
			printf("%s - - - - -\n", x->name);
			continue;
		}
		printf("%s %lld %lld %zu %zu %s\n", x->name, (long long)median(vb, (size_t)runs),
		       (long long)median(vs, (size_t)runs), nb, ns, same ? "same" : "differ");
		fflush(stdout);
	}
	free(vb);
	free(vs);
	sqlite3_close(db);
	store_close(s);
	return 0;
}

/* ---- tui: the screens on a terminal the bench makes ------------------ */

/* benchtool tui DB KEYS: opens DB and runs the front end on a fresh pty
 * (100x30, TERM xterm-256color) with a frame hook. Prints "first NS" (from
 * before the database is opened to the end of the first doupdate), then
 * goes to the assisted students' list (2), opens its filter (/) and types
 * KEYS keys — pinyin, a Chinese name, a student number, and Backspace —
 * each time waiting for the next frame: "key50 NS", "key99 NS", and "keys N
 * frames M timeouts T" (a key that drew no frame within 2 s is a timeout).
 * benchtool tui --probe exits 0: the front end is there. */
struct tui_bench {
	int master;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	unsigned long frames;
	int64_t frame_ns, first_ns;
	bool quit, ended;
	int nkeys;
	int64_t *lat;
	int timeouts;
};

static int tui_hook(void *arg, unsigned long frame)
{
	struct tui_bench *b = arg;
	int64_t now = now_ns();
	pthread_mutex_lock(&b->mu);
	b->frames = frame;
	b->frame_ns = now;
	if (frame == 1)
		b->first_ns = now;
	bool q = b->quit;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
	return q;
}

static void *tui_drain(void *arg)
{
	struct tui_bench *b = arg;
	char buf[65536];
	while (read(b->master, buf, sizeof buf) > 0)
		;
	return NULL;
}

/* Sends key and waits for the frame after it: its latency in ns, or -1. */
static int64_t tui_key(struct tui_bench *b, const char *key)
{
	pthread_mutex_lock(&b->mu);
	unsigned long f0 = b->frames;
	int64_t t = now_ns();
	if (write(b->master, key, strlen(key)) < 0)
		fatal("write to the pty: %s", strerror(errno));
	struct timespec dl;
	clock_gettime(CLOCK_REALTIME, &dl);
	dl.tv_sec += 2;
	int rc = 0;
	while (b->frames == f0 && rc == 0 && !b->ended)
		rc = pthread_cond_timedwait(&b->cv, &b->mu, &dl);
	int64_t lat = b->frames != f0 ? b->frame_ns - t : -1;
	pthread_mutex_unlock(&b->mu);
	return lat;
}

static void *tui_driver(void *arg)
{
	struct tui_bench *b = arg;
	static const char *const pattern[] = {
		"w", "a", "n", "g", "\x7f", "\x7f", "\x7f", "\x7f",
		"王", "\x7f", "2", "0", "2", "4", "\x7f", "\x7f", "\x7f", "\x7f",
		"z", "h", "\x7f", "\x7f",
	};
	enum { NP = sizeof pattern / sizeof *pattern };
	pthread_mutex_lock(&b->mu);
	while (b->frames == 0)
		pthread_cond_wait(&b->cv, &b->mu);
	pthread_mutex_unlock(&b->mu);
	tui_key(b, "2");
	tui_key(b, "/");
	/* let anything the list started settle */
	nanosleep(&(struct timespec){ 0, 200000000 }, NULL);
	for (int i = 0; i < b->nkeys && !b->ended; i++) {
		int64_t l = tui_key(b, pattern[i % NP]);
		if (l < 0)
			b->timeouts++;
		b->lat[i] = l < 0 ? 2000000000 : l;
		if (getenv("BENCH_DEBUG"))
			fprintf(stderr, "key %d %s: %lld ns\n", i, pattern[i % NP], (long long)l);
		/* a second frame for the same key would be taken for the
		 * next key's: give it a moment to come */
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	}
	pthread_mutex_lock(&b->mu);
	b->quit = true;
	pthread_mutex_unlock(&b->mu);
	/* any key: the frame it draws makes the hook leave the front end */
	for (int i = 0; i < 10 && tui_key(b, "x") < 0; i++)
		;
	return NULL;
}

static int tui_main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--probe") == 0)
		return 0;
	if (argc != 3)
		fatal("usage: benchtool tui DB KEYS%s", NULL);
	struct tui_bench b = { .nkeys = atoi(argv[2]) };
	if (b.nkeys < 1)
		b.nkeys = 1;
	b.lat = calloc((size_t)b.nkeys, sizeof *b.lat);
	pthread_mutex_init(&b.mu, NULL);
	pthread_cond_init(&b.cv, NULL);
	int slave;
	struct winsize ws = { .ws_row = 30, .ws_col = 100 };
	if (openpty(&b.master, &slave, NULL, NULL, &ws) != 0)
		fatal("openpty: %s", strerror(errno));
	setenv("TERM", "xterm-256color", 1);
	i18n_init(NULL);    /* the locale and language, as bangfu sets them */
	FILE *in = fdopen(slave, "r"), *out = fdopen(dup(slave), "w");
	if (!in || !out)
		fatal("fdopen: %s", strerror(errno));
	pthread_t drain, driver;
	pthread_create(&drain, NULL, tui_drain, &b);
	int64_t t0 = now_ns();
	store *s;
	err e = { 0 };
	if (model_open(&s, argv[1], &e))
		fatal("%s", e.msg);
	ui_set_frame_hook(tui_hook, &b);
	pthread_create(&driver, NULL, tui_driver, &b);
	ui_opts o = { 0 };
	int rc = ui_run_on(s, &o, in, out);
	pthread_mutex_lock(&b.mu);
	b.ended = true;
	bool drew = b.frames > 0;
	pthread_cond_broadcast(&b.cv);
	pthread_mutex_unlock(&b.mu);
	if (!drew) {
		fprintf(stderr, "benchtool: the front end drew nothing (exit status %d)\n", rc);
		exit(1);
	}
	pthread_join(driver, NULL);
	store_close(s);
	fclose(in);
	fclose(out);
	close(b.master);
	pthread_join(drain, NULL);
	if (rc)
		fatal("the front end exited with an error%s", NULL);
	printf("first %lld\n", (long long)(b.first_ns - t0));
	int64_t *v = b.lat;
	qsort(v, (size_t)b.nkeys, sizeof *v, cmp_i64);
	size_t n = (size_t)b.nkeys;
	printf("key50 %lld\n", (long long)v[(n - 1) / 2]);
	printf("key99 %lld\n", (long long)v[(n * 99 + 99) / 100 - 1]);
	printf("keymax %lld\n", (long long)v[n - 1]);
	printf("keys %d frames %lu timeouts %d\n", b.nkeys, b.frames, b.timeouts);
	free(b.lat);
	return 0;
}

/* The SQL of a question with its parameters written in, for the sqlite3
 * command-line tool: sqltext NAME COLLEGE SEMESTER STUDENT_NO. */
static int sqltext_main(int argc, char **argv)
{
	if (argc != 5)
		fatal("usage: benchtool sqltext NAME COLLEGE SEMESTER STUDENT_NO%s", NULL);
	const question *x = NULL;
	for (size_t i = 0; i < sizeof questions / sizeof *questions; i++)
		if (strcmp(questions[i].name, argv[1]) == 0)
			x = &questions[i];
	if (!x)
		fatal("no question %s", argv[1]);
	char today[11];
	date_format(date_today(), today);
	const char *val[5] = { NULL, argv[4], argv[2], argv[3], today };
	for (const char *p = x->sql; *p; p++) {
		if (*p == '?' && p[1] >= '1' && p[1] <= '4') {
			putchar('\'');
			for (const char *v = val[p[1] - '0']; *v; v++) {
				if (*v == '\'')
					putchar('\'');
				putchar(*v);
			}
			putchar('\'');
			p++;
		} else {
			putchar(*p);
		}
	}
	puts(";");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		fatal("usage: benchtool time|load|sql|tui ...%s", NULL);
	if (strcmp(argv[1], "time") == 0)
		return time_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "load") == 0)
		return load_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "sql") == 0)
		return sql_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "sqltext") == 0)
		return sqltext_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "tui") == 0)
		return tui_main(argc - 1, argv + 1);
	fatal("unknown command %s", argv[1]);
	return 2;
}
