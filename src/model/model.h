/* model.h — the programme's data and rules; the public face of src/model/.
 *
 * One file per entity (college.c, semester.c, student.c, counsellor.c,
 * member.c, target.c, pairing.c, talk.c, aid.c), each with its record_desc,
 * its validation and its queries; schema.c names the databases and runs the
 * migrations. Every rule of the programme lives here, once. ui/ and cli/
 * never touch LMDB directly: they call these functions, inside
 * model_read()/model_write() so that a whole import is one transaction.
 * Nothing here names a database, an index or a key: that is
 * model/internal.h's, for the files of src/model/ alone.
 *
 * Validation functions report through `err` with code E_INPUT and a message
 * "field: what is wrong" (the field's English name from the record_desc, the
 * text translated), the field also in e->field (err_text: the message
 * without it); callers prefix FILE:LINE. */
#ifndef BANGFU_MODEL_H
#define BANGFU_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "util/date.h"
#include "util/err.h"
#include "util/record.h"

/* ---- the database and its transactions ------------------------------ */

/* An open database and a transaction on it. Both are opaque: what is stored
 * where (databases, indexes, keys) is the model's business alone
 * (model/internal.h). */
typedef struct store model_store;
typedef struct store_txn model_txn;

/* A unit of work run inside one transaction. */
typedef int (*model_fn)(model_txn *t, void *ctx, err *e);
/* Runs fn in a read transaction; returns fn's result. */
int model_read(model_store *s, model_fn fn, void *ctx, err *e);
/* Runs fn in a write transaction and commits if it returns 0. fn returning
 * MODEL_ROLLBACK aborts and model_write returns 0 (a dry run). Any other
 * non-zero result aborts and is returned. fn may be run more than once (the
 * map grows and the work is redone): it must reset its own context at its
 * start. No transaction is ever held while waiting for the user. */
enum { MODEL_ROLLBACK = -1 };
int model_write(model_store *s, model_fn fn, void *ctx, err *e);
void model_close(model_store *s);
/* The database folder. */
const char *model_path(const model_store *s);
/* The id of the last committed transaction (by any process): cheap to
 * compare, so a screen notices that someone else wrote since it read. */
uint64_t model_last_txn(model_store *s);
/* Who the audit log names for writes (default "$USER@host"). */
void model_set_actor(model_store *s, const char *who);
/* Consistent compact copy of the database to the file path (mode 0600). */
int model_backup(model_store *s, const char *path, err *e);
/* Live records of each kind (model_stats_get). */
typedef struct model_stats {
	size_t colleges, students, members, targets, counsellors, pairings, talks, aid;
} model_stats;

/* ---- automatic backups and restore (backups.c) ----------------------
 * The first write of each day (model_write, by date_today: $BANGFU_TODAY
 * moves it) keeps a compact copy of a database that holds records in the
 * folder's backups/ as bangfu-YYYY-MM-DD.mdb (0600, the folder 0700): the 7
 * newest days and the newest of each of the 4 ISO weeks before them are
 * kept. A failed backup never stops the write: the warning hook gets its
 * message once (the command line prints it, the screens show it). */
void model_on_backup_warning(void (*fn)(const char *msg));
enum { MODEL_BACKUP_DAILY, MODEL_BACKUP_WEEKLY, MODEL_BACKUP_RESTORE };
typedef struct model_backup_info {
	char *path;            /* DIR/backups/NAME */
	char name[64];
	date_t date;           /* the day it was made for */
	long long made;        /* when it was written (time_t) */
	long long size;        /* bytes */
	int kind;              /* MODEL_BACKUP_*; _RESTORE: kept by a restore */
} model_backup_info;
/* The backups of the folder dir, newest first. */
int model_backups_list(const char *dir, model_backup_info **out, size_t *n, err *e);
void model_backups_free(model_backup_info *v, size_t n);
/* One sentence naming the newest sound backup of dir and the command that
 * restores it (or that there is none): for damage messages. */
void model_backup_hint(const char *dir, char *buf, size_t n);

/* Restore: a copy of FILE is looked at in a child process (a damaged file
 * cannot take the caller down): what it holds, whether check finds it
 * sound. Then model_restore_commit keeps the folder's database as a backup
 * (so a restore can be undone) and puts the copy in its place atomically;
 * no store may be open on dir then (the caller closes its own and opens
 * again), and nobody else may have it open. */
enum { RESTORE_SOUND, RESTORE_DAMAGED, RESTORE_NOT_BANGFU };
typedef struct model_restore_plan {
	char *dir;             /* the database folder */
	char *tmpdir;          /* dir/.restore-XXXXXX holding the copy */
	int verdict;           /* RESTORE_* */
	char why[1024];         /* what is wrong, when not sound */
	long long made;        /* FILE's modification time */
	long long size;
	uint32_t schema;       /* its schema version before migrating */
	model_stats stats;
	size_t problems;       /* check's problems */
} model_restore_plan;
/* 0 and the plan (also for a damaged file: see verdict), or an error. */
int model_restore_prepare(const char *dir, const char *file, model_restore_plan *p, err *e);
/* kept: the path the replaced database was kept as (NULL if there was none). */
int model_restore_commit(model_restore_plan *p, char **kept, err *e);
/* Removes the copy (after commit or instead of it). */
void model_restore_done(model_restore_plan *p);

/* The database a transaction belongs to. */
model_store *model_of(model_txn *t);
/* Lets go of the mapped pages of the file (they stay in the page cache):
 * for work that streams through the whole database. */
void model_release_pages(model_store *s);
/* The schema version stored in the database (0 if none yet). */
int model_schema_version(model_txn *t, uint32_t *out, err *e);

/* Schema versions: 1 was the first layout (no IX_STUDENT_COLLEGE, no member
 * profiles: party members were known by political status only); 2 adds both;
 * 3 adds IX_TALK_DATE; 4 DB_TALK_DAY; 5 DB_PAIRING_LAST; 6 a checksum in every
 * record value. model_open migrates older databases step by step. */
enum { SCHEMA_VERSION = 8 };

/* Opens the database folder, runs migrations (refusing a database newer than
 * this program with E_DB), and returns the store. */
int model_open(model_store **out, const char *dir, err *e);
/* What opening it did that the user should be told (the folder made
 * private; opened read-only because the folder cannot be written, when
 * every write is refused), lines; NULL if nothing. */
const char *model_open_notice(const model_store *s);
/* A damaged database file ends the process with exit status 3 and a message
 * (a read of it faulted, or LMDB found a broken page: the store's fault.c);
 * fn, if set, runs first and may only do async-signal-safe things (the
 * screens give the terminal back). */
void model_on_damage(void (*fn)(void));
/* Default folder: $BANGFU_DB, else $XDG_DATA_HOME/bangfu, else
 * ~/.local/share/bangfu. malloc'd. */
char *model_default_dir(void);

/* ---- value sets ------------------------------------------------------ */

enum kind_bits {            /* 帮扶类型 */
	KIND_ACADEMIC = 1,      /* 学业困难 */
	KIND_FINANCIAL = 2,     /* 经济困难 */
	KIND_PSYCH = 4,         /* 心理困难 */
};
enum topic_bits {           /* 谈话主题 */
	TOPIC_STUDY = 1,        /* 学习 */
	TOPIC_LIFE = 2,         /* 生活 */
	TOPIC_THOUGHT = 4,      /* 思想 */
	TOPIC_PSYCH = 8,        /* 心理 */
};

/* Parses a list joined by 、 ; ； , ， or spaces ("学业困难、心理困难"; the
 * short forms 学业/经济/心理 and the English academic/financial/
 * psychological are accepted too). False and the bad item in *bad (static
 * storage) if an item is unknown or the list is empty. */
bool kinds_parse(const char *s, uint32_t *out, const char **bad);
bool topics_parse(const char *s, uint32_t *out, const char **bad);
/* Canonical Chinese text, joined by 、 into buf. */
void kinds_format(uint32_t bits, char *buf, size_t n);
/* The short forms (学业、心理), as the lists show and filter them. */
void kinds_format_short(uint32_t bits, char *buf, size_t n);
void topics_format(uint32_t bits, char *buf, size_t n);

/* Fixed choices, canonical Chinese spelling (English accepted on input). */
extern const char *const political_values[];  /* 中共党员 中共预备党员 共青团员 群众, NULL */
extern const char *const gender_values[];     /* 男 女, NULL */
extern const char *const mode_values[];       /* 面谈 电话 线上, NULL */
extern const char *const aid_kind_values[];   /* 资金 生活用品 学习用品, NULL */
extern const char *const tier_values[];       /* 特别困难 比较困难 一般困难, NULL */
extern const char *const target_status_values[]; /* 帮扶中 已结束, NULL */
/* How a pairing ended: 目标达成 毕业离校 转出学院 休学或退学 调整结对 其他
 * (English: goal_reached graduated transferred suspended_or_left
 * repaired other). */
extern const char *const outcome_values[];
/* The assisted student's state at the end: 明显好转 有所好转 没有变化 有所加重
 * (English: much_better better unchanged worse). */
extern const char *const assessment_values[];
/* The kinds and topics in bit order (item i is bit 1 << i; kinds_format
 * and topics_format spell them so). NULL-terminated. */
extern const char *const kind_values[];       /* 学业困难 经济困难 心理困难 */
extern const char *const topic_values[];      /* 学习 生活 思想 心理 */
/* Returns the canonical value for s (or an accepted synonym), or NULL. */
const char *choice_canon(const char *const *values, const char *s);
/* The value sets by name, as form files name them: political gender mode
 * aid_kind tier kinds topics target_status outcome assessment; NULL for
 * another name. */
const char *const *value_set_named(const char *name);

/* Money: yuan with at most 2 decimals ("12", "12.5", "12.50", ".5", "12."), optionally
 * written with ¥ or ￥ before or 元 after, into fen. The one parser of
 * amounts (CSV imports and the aid form). False if s is not one. */
bool money_parse(const char *s, int64_t *fen);
/* The first year a date of the programme may lie in: every date field of
 * every record refuses an earlier one (model_prepare), "is before 2000",
 * rather than taking a typing slip (1900, 0202) for a date. */
#define MODEL_DATE_MIN_YEAR 2000
/* Whether text is a real day before MODEL_DATE_MIN_YEAR (1900-01-01,
 * 1999-12-31): a date, but not a plausible one. The readers of typed and
 * imported dates say so instead of "not a date". */
bool model_date_early(const char *text);
/* "12.50" (no currency sign) into buf. */
void money_format(int64_t fen, char *buf, size_t n);

bool political_is_member(const char *political); /* 中共党员 or 中共预备党员 */
/* A political status as the UI's language names it: 共青团员 in Chinese,
 * "Youth League member" in English (messages; the stored value
 * and the documents keep the Chinese). Other text as it is. */
const char *political_ui_name(const char *political);
/* A party member's category, from the political status: the one
 * definition the lists, the name list and the summary use. */
typedef enum member_category {
	MEMBER_NONE = 0,       /* not a party member */
	MEMBER_FULL,           /* 中共党员 (正式党员) */
	MEMBER_PROBATIONARY,   /* 中共预备党员 */
} member_category;
member_category member_category_of(const char *political);
/* "正式" / "预备" as the name list prints it; "" for MEMBER_NONE. */
const char *member_category_short(member_category c);

/* ---- entities -------------------------------------------------------- */

typedef struct college {
	rec_meta m;
	char *name;            /* unique */
	char *code;            /* optional */
	char *branches;        /* party branches, joined by 、 */
	int64_t pair_limit;    /* active pairings a member may have; 0 = default 1 */
	int64_t overdue_days;  /* no talk for more than this = overdue; 0 = default 14 */
} college;

typedef struct semester {
	rec_meta m;
	char *code;            /* "2025-2026-2", unique */
	date_t start, end;
	date_t roster_due;     /* 结对帮扶名单 due */
	date_t summary_due;    /* 总结 due */
} semester;

typedef struct student {
	rec_meta m;
	char *student_no;      /* unique */
	char *name;
	char *gender;          /* gender_values, or "" */
	rid college_id;
	char *class_name;
	char *political;       /* political_values */
	char *phone;
} student;

typedef struct counsellor {
	rec_meta m;
	char *staff_no;        /* unique */
	char *name;
	rid college_id;
	char *phone;
} counsellor;

/* Party-member profile: exists for every student whose political status is
 * 中共党员 or 中共预备党员 (kept in step by student_save). */
typedef struct member {
	rec_meta m;
	rid student_id;
	char *branch;          /* party branch, optional */
} member;

/* Assisted-student profile. */
typedef struct target {
	rec_meta m;
	rid student_id;
	uint32_t kinds;        /* kind_bits, at least one */
	char *tier;            /* tier_values, only with KIND_FINANCIAL; may be "" */
	char *situation;       /* free text; sensitive */
	char *status;          /* target_status_values */
} target;

typedef struct pairing {
	rec_meta m;
	rid member_id;         /* the helper's student id */
	rid target_id;         /* the assisted student's student id */
	rid college_id;        /* the member's college */
	rid semester_id;
	date_t start;
	date_t end;            /* 0 while active */
	char *reason;          /* why cross-college; required then */
	char *note;
	/* How it ended (pairing_end; all "" while it runs). The outcome
	 * figures are what the summary's 取得成效 counts. */
	char *outcome;         /* outcome_values; only with an end date */
	char *end_note;        /* a note on the ending */
	char *assessment;      /* assessment_values: the student's state at the end */
	char *failed_start;    /* 学业困难: failed courses (挂科门数) at the start, "0".."99" */
	char *failed_end;      /*          and at the end */
	char *gpa_start;       /* 学业困难: GPA (绩点) at the start, "0".."5" (2 decimals) */
	char *gpa_end;         /*          and at the end */
} pairing;

typedef struct talk {
	rec_meta m;
	rid pairing_id;        /* zero for a counsellor's talk */
	rid target_id;         /* assisted student's student id */
	rid member_id;         /* helper's student id, zero for a counsellor's */
	rid counsellor_id;     /* zero for a member's talk */
	date_t date;
	int64_t minutes;
	char *mode;            /* mode_values */
	uint32_t topics;       /* topic_bits, at least one */
	char *content;
	date_t follow_up;      /* 0 = none */
} talk;

typedef struct aid {
	rec_meta m;
	rid pairing_id;
	date_t date;
	char *kind;            /* aid_kind_values */
	int64_t amount_fen;
	char *note;
} aid;

extern const record_desc college_desc, semester_desc, student_desc,
	counsellor_desc, member_desc, target_desc, pairing_desc, talk_desc,
	aid_desc;

/* The entities in dump order (college, semester, student, counsellor,
 * member, target, pairing, talk, aid, summary): the one registry that the
 * dump, restore, check and the form engine walk. NULL-terminated. */
extern const record_desc *const model_descs[];
/* The entity called name ("student" ...), or NULL. */
const record_desc *model_desc_named(const char *name);
/* Saving and checking any entity by its record_desc (the form engine's
 * way): the entity's *_save and *_check (below). */
int model_save_rec(model_txn *t, const record_desc *d, void *rec, err *e);
int model_check_rec(model_txn *t, const record_desc *d, const void *in, void *fixed, err *e);
/* Every broken rule of a record whose check failed with first (a rule's
 * E_INPUT; NULL or code 0: none): first, then each rule of another field
 * that fails as well (a pairing's helper, its student and the reason, a
 * talk's date, minutes, topics and follow-up), one error per field, at most
 * max into out. rec is the check's fixed copy. Returns the count. */
size_t model_check_all(model_txn *t, const record_desc *d, const void *rec, const err *first,
		       err *out, size_t max);

/* Any record by its entity and id: 0, E_NOTFOUND (none, or deleted), E_DB.
 * rec_free the result. */
int model_get(model_txn *t, const record_desc *d, const rid *id, void *rec, err *e);
/* Calls fn for every live record of the entity, in id order, until fn
 * returns non-zero (returned). The record is freed after fn returns. */
typedef int (*model_rec_fn)(const void *rec, void *ctx);
int model_each(model_txn *t, const record_desc *d, model_rec_fn fn, void *ctx, err *e);

/* ---- per-entity operations (inside a transaction) --------------------- */
/* *_validate: the rules alone, on a record as it would be stored (text
 * already clean); used by *_save and by model_check. */
/* *_save: validate (all rules), then insert (zero id) or update; keeps the
 * indexes in step; E_INPUT with "field: message" on a broken rule (e->field
 * names the field).
 * *_check: what *_save would say of in, writing nothing: the same cleaning,
 * canonical spellings and derived fields (the pairing's college, a talk's
 * pairing, a semester's dates ...) and the same rules, on a copy. fixed
 * (if not NULL) receives that copy as the save would write it, also when a
 * rule fails; rec_free it. A form calls it as the user types.
 * *_get, *_by_name, *_by_code, *_by_no, *_of_student: 0, E_NOTFOUND (no
 * such record: no message is set), E_DB. Results are rec_free'd by the
 * caller. */

int college_save(model_txn *t, college *c, err *e);
int college_check(model_txn *t, const college *in, college *fixed, err *e);
int college_get(model_txn *t, const rid *id, college *out, err *e);
int college_by_name(model_txn *t, const char *name, college *out, err *e);
/* Finds or creates the college called name; its id into *id. */
int college_ensure(model_txn *t, const char *name, rid *id, err *e);
int64_t college_pair_limit(const college *c);     /* default applied */
int64_t college_overdue_days(const college *c);   /* default applied */
/* The overdue limit of the college with this id (the default when there is
 * no such college): 0 or E_DB. */
int college_overdue_days_of(model_txn *t, const rid *id, int64_t *out, err *e);
int college_validate(model_txn *t, const college *c, err *e);

int semester_save(model_txn *t, semester *s, err *e);
int semester_check(model_txn *t, const semester *in, semester *fixed, err *e);
int semester_get(model_txn *t, const rid *id, semester *out, err *e);
int semester_by_code(model_txn *t, const char *code, semester *out, err *e);
/* Finds or creates (with dates from the code and default due dates:
 * term 2 — roster 04-11, summary 07-11; term 1 — roster 10-11,
 * summary 01-11 of the next year). */
int semester_ensure(model_txn *t, const char *code, rid *id, err *e);
/* The dates semester_ensure gives the semester called code (start, end and
 * the usual due dates), into s (zeroed; s->code is left NULL). All zero if
 * code is not a semester. */
void semester_defaults(const char *code, semester *s);
int semester_validate(model_txn *t, const semester *s, err *e);
/* Whether semester_ensure(code) would succeed: 0 if such a semester exists
 * or the one it would create passes semester_check; else its error. */
int semester_check_code(model_txn *t, const char *code, err *e);

int student_save(model_txn *t, student *s, err *e);
int student_check(model_txn *t, const student *in, student *fixed, err *e);
int student_get(model_txn *t, const rid *id, student *out, err *e);
int student_by_no(model_txn *t, const char *no, student *out, err *e);
int student_validate(model_txn *t, const student *s, err *e);

int counsellor_save(model_txn *t, counsellor *c, err *e);
int counsellor_check(model_txn *t, const counsellor *in, counsellor *fixed, err *e);
int counsellor_get(model_txn *t, const rid *id, counsellor *out, err *e);
int counsellor_by_no(model_txn *t, const char *no, counsellor *out, err *e);
int counsellor_validate(model_txn *t, const counsellor *c, err *e);

int member_get(model_txn *t, const rid *id, member *out, err *e);
int member_of_student(model_txn *t, const rid *student_id, member *out, err *e);
int member_save(model_txn *t, member *m, err *e);
int member_check(model_txn *t, const member *in, member *fixed, err *e);
int member_validate(model_txn *t, const member *m, err *e);

int target_get(model_txn *t, const rid *id, target *out, err *e);
int target_of_student(model_txn *t, const rid *student_id, target *out, err *e);
/* Rule: kinds non-empty; tier only with KIND_FINANCIAL. */
int target_save(model_txn *t, target *g, err *e);
int target_check(model_txn *t, const target *in, target *fixed, err *e);
int target_validate(model_txn *t, const target *g, err *e);
/* target_check for the profile of a student created in the same save (its
 * student_id still zero): every rule but those about its student. */
int target_check_new_student(model_txn *t, const target *in, target *fixed, err *e);

/* Rules checked by pairing_save:
 *  - the member is a party member; the target has a target profile with at
 *    least one kind and is not the member;
 *  - the target has no other active pairing;
 *  - the member has fewer than the college's limit of active pairings;
 *  - the pairing's college is the member's college;
 *  - a target from another college needs a non-empty reason;
 *  - end, if set, is not before start. */
/* One side of a pairing on its own, as pairing_validate checks it (a form
 * shows these as soon as that side is chosen), for a pairing that is still
 * open; p's own id (zero for a new one) is left out of the counts.
 *  member: a party member, under the college's limit of active pairings;
 *  target: a target profile with at least one kind, no other active pairing. */
int pairing_check_member(model_txn *t, const pairing *p, err *e);
int pairing_check_target(model_txn *t, const pairing *p, err *e);
int pairing_save(model_txn *t, pairing *p, err *e);
/* pairing_check for a pairing in a semester that the same save creates
 * (semester_ensure of code; in's semester_id is ignored): the code's own
 * rules, then every pairing rule but the semester's existence. */
int pairing_check_new_semester(model_txn *t, const pairing *in, const char *code,
			       pairing *fixed, err *e);
int pairing_check(model_txn *t, const pairing *in, pairing *fixed, err *e);
int pairing_get(model_txn *t, const rid *id, pairing *out, err *e);
/* The rules above, for a pairing as stored (college already the member's).
 * Membership and the target profile are only required of a pairing that has
 * not ended before today. */
int pairing_validate(model_txn *t, const pairing *p, err *e);
bool pairing_active_on(const pairing *p, date_t d);
/* The active pairing of a target student (today); 0, E_NOTFOUND none. */
int pairing_active_of_target(model_txn *t, const rid *target_student, pairing *out, err *e);
/* A pairing of member and target active on date d; 0, E_NOTFOUND none. */
int pairing_find(model_txn *t, const rid *member_student, const rid *target_student,
		 date_t d, pairing *out, err *e);
/* Calls fn for each pairing of a student as helper (pairings_of_member) or
 * as assisted student (pairings_of_target), in id order, until fn returns
 * non-zero (returned). */
typedef int (*pairing_fn)(const pairing *p, void *ctx);
int pairings_of_member(model_txn *t, const rid *student_id, pairing_fn fn, void *ctx, err *e);
int pairings_of_target(model_txn *t, const rid *student_id, pairing_fn fn, void *ctx, err *e);
/* Calls fn for each pairing of a college that belongs to a semester
 * (pairing_in_semester: the name list's, the summary's and every count
 * "for semester S"), in id order. */
int pairings_of_college(model_txn *t, const rid *college_id, const rid *semester_id,
			pairing_fn fn, void *ctx, err *e);
/* Last talk date of a pairing (0 if none). */
int pairing_last_talk(model_txn *t, const rid *pairing_id, date_t *out, err *e);

/* ---- the life of a pairing and of a semester (lifecycle.c) ----------- */

/* The one definition of a semester's pairings: a pairing belongs to every
 * semester whose dates (start..end) it overlaps, running from its start
 * until its end date (or open). Its semester_id is only the semester it
 * was made in (its first). */
bool pairing_in_semester(const pairing *p, const semester *s);

/* Ending a pairing: the end date and outcome are required; the rest may be
 * NULL or "" (not recorded). Goes through pairing_save's rules (end not
 * before the start; outcome and assessment known; the figures well formed;
 * failed courses and GPA only for an assisted student of the kind 学业困难).
 * An ended pairing frees its student and member for a new pairing from the
 * day after the end date. rev: the revision the caller showed (0: any);
 * a stale one is E_DB "changed by someone else". *out (if not NULL) gets
 * the pairing as saved. 0, E_NOTFOUND, E_INPUT, E_DB. */
typedef struct pairing_ending {
	date_t date;
	const char *outcome, *note, *assessment;
	const char *failed_start, *failed_end, *gpa_start, *gpa_end;
} pairing_ending;
int pairing_end(model_txn *t, const rid *id, uint32_t rev, const pairing_ending *x,
		pairing *out, err *e);

/* The current semester: the one made current by semester_start (a setting
 * kept in the database), else the one today falls in (semester_of). code
 * into buf (at least 24 bytes). Every "current semester" of the screens
 * and commands is this one. */
enum { SEMESTER_CODE_MAX = 24 };
int model_semester_current(model_txn *t, char *buf, size_t n, err *e);
int model_semester_set_current(model_txn *t, const char *code, err *e);
/* The code of the semester after code ("2025-2026-2" -> "2026-2027-1"), ""
 * if code is not a semester. */
void semester_next_code(const char *code, char *buf, size_t n);
/* Starting a semester: creates it (with the given dates where non-zero,
 * the others semester_defaults) or, if it exists, changes the dates given
 * (non-zero ones); makes it the current semester. *out (if not NULL) gets
 * the semester as saved. 0, E_INPUT (a bad code or dates), E_DB. */
int semester_start(model_txn *t, const char *code, const semester *dates, semester *out,
		   err *e);
/* The day a running pairing ends when it is not carried over into s (the
 * semester review): the day before s begins, never after today nor
 * before the pairing began. */
date_t semester_leave_day(const semester *s, date_t pairing_start, date_t today);
/* The pairings that carry over into s: begun before s starts and not ended
 * before it (they run on into s), of one college (NULL: all), in id order. */
int pairings_carried_into(model_txn *t, const semester *s, const rid *college_id,
			  pairing_fn fn, void *ctx, err *e);
/* Whether the screens should offer the semester review: today is after
 * the current semester's end. *next gets the code of the semester to
 * start (semester_next_code of the current one). */
int model_semester_review_due(model_txn *t, date_t today, bool *due, char *next, size_t n,
			      err *e);

/* ---- corrections: delete and undelete (lifecycle.c) ------------------
 * Delete is a tombstone: the record keeps its id and rev (bumped), is
 * marked deleted and audited, and disappears from lists, reports, find,
 * stats and the rules; the dump carries it and undelete brings it back.
 * A delete that would leave others dangling is refused (E_INPUT, the
 * reason in e): a student with pairings, talks or aid; a pairing with
 * talks or aid (end it instead); a college with students or counsellors;
 * a semester with pairings or summaries; a counsellor with talks; an
 * assisted-student profile with pairings or talks. A member profile is
 * never deleted alone (it follows the political status). A student's
 * profiles go (and come back) with the student. rev: the revision the
 * caller showed (0: any; a stale one is E_DB). 0, E_NOTFOUND (no such
 * live record / no such tombstone), E_INPUT, E_DB. */
int model_delete(model_txn *t, const record_desc *d, const rid *id, uint32_t rev, err *e);
/* What model_delete would say, writing nothing: 0 (may be deleted) or the
 * refusal. */
int model_delete_check(model_txn *t, const record_desc *d, const rid *id, err *e);
/* Brings a tombstone back, through the entity's rules as a save would
 * (a student number taken meanwhile, a pairing that would break the
 * one-to-one rule: E_INPUT with the reason). */
int model_undelete(model_txn *t, const record_desc *d, const rid *id, err *e);
/* A record by id whether live or a tombstone (rec->m.flags says): 0,
 * E_NOTFOUND, E_DB. */
int model_get_any(model_txn *t, const record_desc *d, const rid *id, void *rec, err *e);
/* Calls fn for every tombstone of the entity, in id order. */
int model_each_deleted(model_txn *t, const record_desc *d, model_rec_fn fn, void *ctx,
		       err *e);

/* Rules: minutes > 0; date not after today; topics non-empty; mode known;
 * either a member's talk (member_id set, and an active pairing between the
 * member and target on the date — pairing_id is filled in) or a
 * counsellor's (counsellor_id set, counsellor of the target's college, no
 * pairing needed), never both. */
int talk_save(model_txn *t, talk *k, err *e);
int talk_check(model_txn *t, const talk *in, talk *fixed, err *e);
int talk_get(model_txn *t, const rid *id, talk *out, err *e);
int talk_validate(model_txn *t, const talk *k, err *e);

/* Rules: an active pairing on the date; amount > 0; kind known; date not
 * after today. */
int aid_save(model_txn *t, aid *a, err *e);
int aid_check(model_txn *t, const aid *in, aid *fixed, err *e);
int aid_get(model_txn *t, const rid *id, aid *out, err *e);
int aid_validate(model_txn *t, const aid *a, err *e);

/* ---- semester summaries (report/ drafts them) ------------------------ */

/* The semester summary (结对帮扶情况总结) of a college: the text as the
 * secretary edited it, one per college and semester (summary.c). */
typedef struct summary {
	rec_meta m;
	rid college_id;
	rid semester_id;
	char *text;
	int64_t final;         /* 1 = marked final (handed in) */
} summary;
extern const record_desc summary_desc;

/* A summary must have at least this many 字 (text_zishu) to be final. */
enum { SUMMARY_MIN_ZISHU = 1000 };

/* Rules: the college and the semester exist; one summary per college and
 * semester; final is 0 or 1, and 1 only with at least SUMMARY_MIN_ZISHU 字.
 * (No index: a database holds a few summaries, found by scanning.) */
int summary_save(model_txn *t, summary *s, err *e);
int summary_check(model_txn *t, const summary *in, summary *fixed, err *e);
int summary_get(model_txn *t, const rid *id, summary *out, err *e);
/* The summary of a college and semester: 0, E_NOTFOUND none, E_DB. */
int summary_find(model_txn *t, const rid *college_id, const rid *semester_id,
		 summary *out, err *e);
/* The summary of the college named college_name in semester semester_code:
 * 0; E_NOTFOUND when none is stored yet (*out is then a new one for them,
 * ids set); E_INPUT when there is no such college or semester; E_DB. */
int summary_of(model_txn *t, const char *college_name, const char *semester_code,
	       summary *out, err *e);
int summary_validate(model_txn *t, const summary *s, err *e);

/* The school's name for the documents' titles: a setting kept in the
 * database (bangfu init --school). *out is malloc'd, "" when unset. */
int model_school_get(model_txn *t, char **out, err *e);
int model_school_set(model_txn *t, const char *name, err *e);

/* ---- roles and privacy ---------------------------------------------- */

/* Who runs bangfu (--role; real users and log-in come later). */
typedef enum role_t {
	ROLE_SECRETARY = 0,    /* default */
	ROLE_COUNSELLOR,
	ROLE_MEMBER,
} role_t;
bool role_parse(const char *s, role_t *out);   /* "secretary" "counsellor" "member" */
const char *role_name(role_t r);

/* Rule (DOMAIN, privacy): the content of a talk whose topics include 心理
 * and the situation text of an assisted student of the kind 心理困难 are
 * shown to counsellors only — in lists, record views, search and exports.
 * Everyone else sees that the talk happened and privacy_mask() in place of
 * the text. */
bool talk_content_visible(role_t r, const talk *k);
bool target_situation_visible(role_t r, const target *g);
const char *privacy_mask(void);                /* "[仅辅导员可见]" */

/* Rules for what the documents may show (DOMAIN, privacy), applied by
 * the summary's facts (facts.c) before report/ sees a text:
 *  - a talk's content is quoted only if the talk is not about 心理 (and has
 *    a content): talk_quotable;
 *  - an assisted student of the kind 心理困难 is never a typical case:
 *    target_may_be_case;
 *  - a student is named by the surname (one character, or a compound
 *    surname such as 欧阳) and 同学, "张同学"; "某同学" without a name:
 *    privacy_anon_name (malloc'd);
 *  - a quoted text loses the full name of every student, the given name
 *    (two 字 or more) of the students it is about, each for its
 *    anonymised form, and every run of 7 or more digits (student numbers,
 *    phones) for "**": privacy_scrub (malloc'd). */
bool talk_quotable(const talk *k);
bool target_may_be_case(uint32_t kinds);
char *privacy_anon_name(const char *name);
/* The names privacy_scrub takes out. privacy_names_load: every student's
 * name in the database, and the given names of the students in own (n ids,
 * any order). A name of fewer than two 字 is left alone. */
typedef struct privacy_names privacy_names;
privacy_names *privacy_names_new(void);
void privacy_names_add(privacy_names *ns, const char *name, bool own);
int privacy_names_load(model_txn *t, const rid *own, size_t n, privacy_names **out, err *e);
void privacy_names_free(privacy_names *ns);
char *privacy_scrub(const privacy_names *ns, const char *text);

/* ---- queries --------------------------------------------------------- */

/* Overdue pairings: active pairings (of college, or of every college if
 * college is NULL) whose last talk (or start, if none) is more than `days`
 * days before `today` (days <= 0: the college's setting). Most overdue
 * first. */
typedef struct overdue_row {
	rid pairing_id;
	rid member_id, target_id, college_id;
	date_t last_talk;      /* 0 if none yet */
	int days;              /* days since last talk (or since start) */
} overdue_row;
int model_overdue(model_txn *t, const rid *college, int days, date_t today,
		  overdue_row **rows, size_t *n, err *e);

int model_stats_get(model_txn *t, model_stats *out, err *e);

/* Talks dated from..to (both included), counted on the date index
 * (IX_TALK_DATE) without reading a talk. */
int model_talk_count_between(model_txn *t, date_t from, date_t to, size_t *n, err *e);
/* Talks per week in one range scan of the date index: counts[i] = talks
 * dated start + 7i .. start + 7i + 6, for i < weeks. */
int model_talks_by_week(model_txn *t, date_t start, int weeks, size_t *counts, err *e);

/* The programme at a glance (dashboard): pairings active today, party
 * members, counsellors, talks, assisted students and how many of each kind
 * (a student of several kinds counts once in each). */
typedef struct model_programme {
	size_t active_pairings, members, counsellors, talks;
	size_t targets, academic, financial, psych;
} model_programme;
int model_programme_get(model_txn *t, date_t today, model_programme *out, err *e);
/* The dashboard's figures for one college (dashboard.c; college_id NULL:
 * every college, as model_programme_get, model_talk_count_between and
 * model_talks_by_week): its pairings (the member's college) active today,
 * the party members, assisted students (by kind) and counsellors who
 * belong to it, and the talks with its students (the assisted student's
 * college), counted on the index keys without reading a talk. */
int model_programme_of(model_txn *t, const rid *college_id, date_t today, model_programme *out,
		       err *e);
int model_talk_count_of(model_txn *t, const rid *college_id, date_t from, date_t to, size_t *n,
			err *e);
int model_talks_by_week_of(model_txn *t, const rid *college_id, date_t start, int weeks,
			   size_t *counts, err *e);

/* Talks for the screens, reading only the talks shown. A talk's place in
 * the date index (IX_TALK_DATE) is its date and id. model_talk_walk calls
 * fn for up to n talks from `from` (NULL: the newest when older, else the
 * oldest), going to older (older true) or newer talks; `from` itself is
 * included only if include. model_talks_of_target: every talk with the
 * student, newest first (IX_TALK_TARGET). fn returning non-zero stops
 * (returned). */
typedef struct talk_pos {
	date_t date;
	rid id;
} talk_pos;
typedef int (*talk_fn)(const talk *k, void *ctx);
int model_talk_walk(model_txn *t, const talk_pos *from, bool older, bool include,
		    size_t n, talk_fn fn, void *ctx, err *e);
int model_talks_of_target(model_txn *t, const rid *student_id, talk_fn fn, void *ctx, err *e);
/* The aid given within a pairing, newest first (IX_AID_PAIRING). */
typedef int (*aid_fn)(const aid *a, void *ctx);
int model_aid_of_pairing(model_txn *t, const rid *pairing_id, aid_fn fn, void *ctx, err *e);
/* The date of the student's last talk (a member's or a counsellor's), 0 if
 * none. */
int model_target_last_talk(model_txn *t, const rid *student_id, date_t *out, err *e);

/* ---- views: one definition of what the screens and commands show -------
 * (views.c; the rule-counting part in pairing.c) */

/* A pairing's status on a day (and, if sem is given, within a semester). */
typedef struct pairing_status {
	bool active;           /* pairing_active_on(day) */
	bool ended;            /* its end date is before the day */
	bool upcoming;         /* it starts after the day */
	bool in_semester;      /* made in sem (its semester_id) */
	bool runs_in_semester; /* active on some day of sem's start..end */
	date_t since;          /* its start */
	date_t last_talk;      /* 0 if none yet */
	int days;              /* days without a talk: since the last talk, or
	                          since the start if none */
	int64_t overdue_days;  /* the limit it was judged by */
	bool overdue;          /* active and days > overdue_days */
} pairing_status;
/* The one definition: from the pairing, its last talk and the limit. */
void pairing_status_on(const pairing *p, date_t day, date_t last_talk, int64_t overdue_days,
		       const semester *sem, pairing_status *out);
/* The same, reading the pairing's last talk and its college's limit
 * (college_overdue_days). sem may be NULL. */
int pairing_status_get(model_txn *t, const pairing *p, date_t day, const semester *sem,
		       pairing_status *out, err *e);

/* Whether a pairing counts against the pairing limits on `today`: until its
 * end date has passed (one that starts later already counts). */
bool pairing_counts_open(const pairing *p, date_t today);
/* A member's open pairings (pairing_counts_open), leaving out the pairing
 * `except` (NULL: none): the count the limit rule (pairing_check_member)
 * and the members list both use. */
int member_open_pairings(model_txn *t, const rid *student_id, const rid *except, date_t today,
			 size_t *n, err *e);
/* A party member at a glance: the category and the open pairings. */
typedef struct member_status {
	member_category category;
	size_t open_pairings;
} member_status;
int member_status_get(model_txn *t, const student *s, date_t today, member_status *out,
		      err *e);

/* A document's deadline: none (no date), days left, today, overdue, or done
 * (handed in: for the summary, final). Done wins over the date. */
typedef enum due_state {
	DUE_NONE = 0, DUE_LEFT, DUE_TODAY, DUE_OVERDUE, DUE_DONE,
} due_state;
enum { DUE_SOON_DAYS = 14 };   /* "soon": this many days left or fewer */
typedef struct due_status {
	due_state state;
	date_t due;            /* 0 when none */
	int days;              /* due - today (negative once past), whatever the state */
	bool soon;             /* DUE_LEFT with DUE_SOON_DAYS or fewer left */
} due_status;
due_status due_status_of(date_t due, date_t today, bool done);
/* A semester's deadlines (by its code): the name list (never "done": it is
 * not stored) and the summary, done when the summaries are final — of
 * every college (college_id NULL: colleges > 0 and finals >= colleges), or
 * of the given college. have_semester false: no such semester (the rest 0). */
typedef struct model_deadlines {
	bool have_semester;
	rid semester_id;
	size_t colleges, finals;
	due_status roster, summary;
} model_deadlines;
int model_deadlines_get(model_txn *t, const char *code, const rid *college_id, date_t today,
			model_deadlines *out, err *e);

/* ---- the university overview (overview.c) ----------------------------
 * One row per college for a semester, for the leadership office: numbers
 * and the state of the two documents, no private text. The figures are the
 * summary's (facts.h, summary_facts_get: pairings of the semester, members
 * and assisted students each once, members' talks and minutes within the
 * semester, overdue today, aid), so the overview and each college's
 * summary never disagree. */
typedef enum overview_summary {
	OVS_NONE = 0,          /* nothing stored and no pairing to draft from */
	OVS_DRAFT,             /* nothing stored: only the draft from the data */
	OVS_SAVED,             /* an edited text stored, not final */
	OVS_FINAL,             /* marked final (handed in) */
} overview_summary;
typedef struct overview_row {
	char *college;         /* the college's name; NULL in the total row */
	size_t running, ended; /* the semester's pairings: not ended, ended */
	size_t members, targets, academic, financial, psych;
	size_t talks;          /* members' talks within the semester */
	long long minutes;
	size_t overdue;        /* running pairings overdue today */
	long long aid_fen;     /* material aid in the semester, in fen */
	due_status roster;     /* the name list's deadline */
	overview_summary summary;
	size_t zishu;          /* the stored text's 字数 (0 when none) */
	size_t finals;         /* total row: colleges whose summary is final */
} overview_row;
/* The rows of every college (by code, then name) and their total (each
 * figure the sum of the rows'). E_INPUT if the semester does not exist.
 * overview_rows_free the rows (also after an error). */
int model_overview_get(model_txn *t, const char *semester_code, date_t today,
		       overview_row **rows, size_t *n, overview_row *total, err *e);
void overview_rows_free(overview_row *rows, size_t n);

/* ---- rows for the lists (rows.c) -------------------------------------
 * Every list a screen shows comes from a row builder: one call per row
 * with its cells already text — names resolved, dates formatted, text the
 * reader's role may not read replaced by privacy_mask() — and only rows
 * passing the filter (a set of words, each matching a cell in the way its
 * column allows: row_view.match). The screens load the rows of a list once
 * (filter NULL) and filter them in memory with model_row_matches as the
 * user types, so typing reads nothing. */
enum row_match {
	ROW_MATCH_PREFIX = 1,  /* the cell starts with the word (numbers) */
	ROW_MATCH_SUBSTR = 2,  /* the cell contains the word (ASCII case folded) */
	ROW_MATCH_PINYIN = 4,  /* the word is the name's pinyin, full or initials */
};
enum row_flag {
	ROW_ALERT = 1,         /* stands out (overdue) */
	ROW_DIM = 2,           /* ended */
	ROW_MASKED = 4,        /* a cell shows privacy_mask() in place of the text */
};
typedef struct model_row {
	rid id;                /* the record shown */
	rid ref;               /* the student the row is about (zero if none) */
	unsigned flags;        /* ROW_* */
	date_t date;           /* talks: the talk's date (its place in a pager) */
	const char *const *cells;
} model_row;
typedef int (*model_row_fn)(const model_row *r, void *ctx);
/* What a reader asks of a list. */
typedef struct row_query {
	role_t role;
	date_t today;
	const char *filter;    /* NULL or "": every row */
} row_query;
/* A list's shape: its number of cells and how the filter matches each. */
typedef struct row_view {
	size_t ncols;
	const unsigned *match;
} row_view;
bool model_row_matches(const row_view *v, const char *const *cells, const char *filter);

/* Assisted students (target id, ref the student): number, name, college,
 * class, kinds (学业、心理), tier, paired with (today), last talk; dim when
 * the assistance has ended. */
enum { TROW_NUMBER, TROW_NAME, TROW_COLLEGE, TROW_CLASS, TROW_KINDS, TROW_TIER,
       TROW_HELPER, TROW_LAST, TROW__N };
extern const row_view target_rows_view;
int model_target_rows(model_txn *t, const row_query *q, model_row_fn fn, void *ctx, err *e);
/* Party members (member id, ref the student): number, name, college,
 * class, category (full / probationary), branch, open pairings
 * (member_open_pairings). */
enum { MROW_NUMBER, MROW_NAME, MROW_COLLEGE, MROW_CLASS, MROW_CATEGORY, MROW_BRANCH,
       MROW_PAIRINGS, MROW__N };
extern const row_view member_rows_view;
int model_member_rows(model_txn *t, const row_query *q, model_row_fn fn, void *ctx, err *e);
/* Pairings (pairing id, ref the assisted student): member, assisted
 * student, college, semester (its first), start, last talk, status today
 * (running / ended / not started, from pairing_status), days without a
 * talk when overdue; dim when not active, alert when overdue. */
enum { PROW_MEMBER, PROW_TARGET, PROW_COLLEGE, PROW_SEMESTER, PROW_START, PROW_LAST,
       PROW_STATUS, PROW_OVERDUE, PROW__N };
extern const row_view pairing_rows_view;
int model_pairing_rows(model_txn *t, const row_query *q, model_row_fn fn, void *ctx, err *e);
/* Which pairings: those belonging to the semester with this code
 * (pairing_in_semester; NULL or "": every semester; an unknown code: none)
 * in a state today (the status column): every one, the running ones
 * (active) or the ended ones. model_pairing_rows is every pairing. */
typedef enum pairing_state_filter {
	PAIRINGS_ALL = 0, PAIRINGS_RUNNING, PAIRINGS_ENDED,
} pairing_state_filter;
typedef struct pairing_filter {
	const char *semester;
	pairing_state_filter state;
} pairing_filter;
int model_pairing_rows_for(model_txn *t, const row_query *q, const pairing_filter *f,
			   model_row_fn fn, void *ctx, err *e);
/* Every student on the roster (student id, ref the student): number,
 * name, college, class, political status, and what the student is in the
 * programme (党员 or 预备党员 from the political status, 帮扶对象 with an
 * assisted-student profile, joined by 、; "" for neither). */
enum { SROW_NUMBER, SROW_NAME, SROW_COLLEGE, SROW_CLASS, SROW_POLITICAL, SROW_ROLES,
       SROW__N };
extern const row_view student_rows_view;
int model_student_rows(model_txn *t, const row_query *q, model_row_fn fn, void *ctx, err *e);
/* Counsellors (counsellor id): staff number, name, college, phone. */
enum { CROW_NUMBER, CROW_NAME, CROW_COLLEGE, CROW_PHONE, CROW__N };
extern const row_view counsellor_rows_view;
int model_counsellor_rows(model_txn *t, const row_query *q, model_row_fn fn, void *ctx,
			  err *e);
/* Talks (talk id, ref the assisted student, date): date, by, assisted
 * student, minutes, mode, topics, follow-up date ("" for none), content
 * (masked). Without a filter: up
 * to n talks from `from` towards older ones (`from` included; NULL: the
 * newest), read from the date index. With a filter: it names students
 * (model_find: number, name, pinyin; the first TALK_FIND_MAX of them), and
 * every talk of those students is a row, newest first; *nstudents says how
 * many students matched (may be NULL). */
enum { KROW_DATE, KROW_BY, KROW_TARGET, KROW_MINUTES, KROW_MODE, KROW_TOPICS,
       KROW_FOLLOW, KROW_CONTENT, KROW__N };
enum { TALK_FIND_MAX = 200 };
extern const row_view talk_rows_view;
int model_talk_rows(model_txn *t, const row_query *q, const talk_pos *from, size_t n,
		    size_t *nstudents, model_row_fn fn, void *ctx, err *e);
/* Overdue pairings as the dashboard lists them (pairing id, ref the
 * assisted student; alert), most overdue first, at most max rows (0: all);
 * *total is how many are overdue: days, member, assisted student, college,
 * last talk. */
enum { OROW_DAYS, OROW_MEMBER, OROW_TARGET, OROW_COLLEGE, OROW_LAST, OROW__N };
extern const row_view overdue_rows_view;
int model_overdue_rows(model_txn *t, const row_query *q, size_t max, size_t *total,
		       model_row_fn fn, void *ctx, err *e);
/* The same for the pairings of one college (NULL: all). */
int model_overdue_rows_of(model_txn *t, const row_query *q, const rid *college_id, size_t max,
			  size_t *total, model_row_fn fn, void *ctx, err *e);

/* Follow-ups due (talk id, ref the assisted student): the talks whose
 * follow-up date is from `from` to `to` (both included), soonest first,
 * of one college's students (NULL: all), at most max rows (0: all);
 * *total is how many there are: follow-up date, assisted student, the
 * talk's date, by (a counsellor's name marked as such). Read from the
 * follow-up index: only those talks are read. */
enum { FROW_DUE, FROW_TARGET, FROW_TALK, FROW_BY, FROW__N };
extern const row_view follow_rows_view;
int model_follow_up_rows_of(model_txn *t, const row_query *q, const rid *college_id,
			    date_t from, date_t to, size_t max, size_t *total, model_row_fn fn,
			    void *ctx, err *e);

/* An assisted student's record (the record view). Text is ready to draw;
 * the situation is privacy_mask() when the role may not read it. */
typedef struct record_view {
	bool found;            /* false: no such student (the rest empty) */
	char *head;            /* number  name  gender · college · class · ... */
	char *kinds;           /* "Kinds: ...   Tier: ...   Status: ..." */
	char *situation;       /* or privacy_mask() */
	bool situation_masked;
	char *pairing;         /* the active pairing in a sentence, or "No active pairing." */
	bool has_pairing;
	rid pairing_id;
	pairing_status status; /* of the active pairing */
	char **aid;            /* one line per aid record, newest first */
	rid *aid_id;           /* ... and its id */
	size_t naid;
	int64_t aid_total;     /* fen */
} record_view;
/* The record and its talks: each_talk gets each talk as a row (talk id, the
 * talk's date): date, by (a counsellor's name marked as such), minutes,
 * mode, topics, follow-up date ("" for none), content (masked), newest
 * first. */
enum { RROW_DATE, RROW_BY, RROW_MINUTES, RROW_MODE, RROW_TOPICS, RROW_FOLLOW, RROW_CONTENT,
       RROW__N };
int model_record_view(model_txn *t, const rid *student_id, const row_query *q,
		      record_view *out, model_row_fn each_talk, void *ctx, err *e);
void record_view_free(record_view *v);

/* What a screen names a record by when it asks before deleting it,
 * translated ("谈话记录：2026-03-05 张伟 → 李娜", "学生：2023030105 王磊"),
 * into buf; *rev (if not NULL) gets the revision read, for model_delete.
 * 0, E_NOTFOUND (no such live record), E_DB. */
int model_record_label(model_txn *t, const record_desc *d, const rid *id, char *buf, size_t n,
		       uint32_t *rev, err *e);
/* The same for a record at hand (rec, of the entity d): what the screens'
 * questions, the commands' messages and a refused delete name it by. */
void model_label_text(model_txn *t, const record_desc *d, const void *rec, char *buf, size_t n);

/* find: a student number or its prefix, a name substring, or pinyin (full or
 * initials). Calls fn for each matching student in student-number order. */
typedef int (*student_fn)(const student *s, void *ctx);
int model_find(model_txn *t, const char *text, student_fn fn, void *ctx, err *e);

/* check: structure, every index against its records, every rule. Each
 * problem is added to probs; returns 0 if sound, E_DB if not. */
int model_check(model_txn *t, errlist *probs, err *e);

/* ---- records by REF, fields by their CSV names (ref.c, fields.c) -----
 * What the command line (list, show, edit, delete, undelete) shows of a
 * record and takes back: the names are the CSV import's column headers
 * (Chinese, or English), the values are written as in a CSV cell. */

/* A record's REF: a student's or a counsellor's number (a member's or an
 * assisted student's profile: its student's number), else the first
 * MODEL_REF_HEX hex digits of the record id — more when another record of
 * the entity (live or deleted) shares them (ids made in one millisecond
 * do), so that a REF printed is always unique. Into buf (at least
 * MODEL_REF_MAX bytes). 0 or E_DB. */
enum { MODEL_REF_HEX = 12, MODEL_REF_MIN = 8, MODEL_REF_MAX = 64 };
int model_ref_of(model_txn *t, const record_desc *d, const void *rec, char *buf, size_t n,
		 err *e);
/* The record of entity d that ref names: its number (student, counsellor;
 * member and assisted student by their student's), a college's name, a
 * semester's code, or a prefix of at least MODEL_REF_MIN hex digits of its
 * id that no other record of the entity shares. Live records, or with
 * deleted the tombstones alone (undelete). 0 (*id), E_INPUT (unknown,
 * ambiguous or too short a REF, with a message naming it), E_DB. */
int model_ref_find(model_txn *t, const record_desc *d, const char *ref, bool deleted, rid *id,
		   err *e);

/* The fields of an entity as the command line shows and edits them, in
 * their order (0 .. model_nfields(d) - 1; 0 for an entity without, the
 * summary). Names are the CSV columns' (model_field_name: the Chinese
 * header, or the English one); model_field_find takes either, or an
 * accepted synonym (ASCII case folded): the index, or -1. */
size_t model_nfields(const record_desc *d);
const char *model_field_name(const record_desc *d, size_t i, bool english);
int model_field_find(const record_desc *d, const char *name);
/* False for a field shown but not set here: a profile's student, name and
 * college (the student's), a pairing's college (its member's), a talk's
 * pairing and an aid record's member and student (its pairing's). */
bool model_field_editable(const record_desc *d, size_t i);
/* Field i of rec as CSV text (malloc'd into *out): dates ISO, kinds and
 * topics joined by 、, money in yuan, a student by number, a counsellor by
 * staff number, a college by name, a semester by code, a pairing by REF.
 * privacy_mask() in place of a text role may not read (talk_content_visible,
 * target_situation_visible), as the exports have it; *masked (if not NULL)
 * says so. 0 or E_DB. */
int model_field_text(model_txn *t, const record_desc *d, const void *rec, size_t i, role_t role,
		     char **out, bool *masked, err *e);
/* Sets field i of rec (rec_free'able) from CSV text as a CSV cell has it.
 * E_INPUT naming the field (its name in the UI language, i18n_lang) when
 * text is no value of it, when it cannot be set (model_field_editable), or
 * when role may not read it; nothing else is checked: the rules are the
 * save's. 0, E_INPUT, E_DB. */
int model_field_set(model_txn *t, const record_desc *d, void *rec, size_t i, const char *text,
		    role_t role, err *e);
/* A save's error about a record field (e->field: "start", "member" ...)
 * made to name the field as the user knows it: its CSV column in the UI's
 * language ("开始日期: ...", in English "start_date: ..."); e->field stays
 * the key; others unchanged. Every save and check (model_save, model_try,
 * model_check_all) does this already; calling it again changes nothing. */
void model_field_err(const record_desc *d, err *e);
/* The college a record belongs to (zero if none): a student's,
 * counsellor's and pairing's own; a profile's student's; a talk's and an
 * aid record's pairing's, a counsellor's talk the counsellor's; a college
 * itself. 0 or E_DB. */
int model_rec_college(model_txn *t, const record_desc *d, const void *rec, rid *out, err *e);
/* Whether a record belongs to semester s: a pairing by pairing_in_semester,
 * a talk or aid record by its pairing's, a counsellor's talk by its date
 * falling in s; a semester if it is s. Other entities: true. 0 or E_DB. */
int model_rec_in_semester(model_txn *t, const record_desc *d, const void *rec,
			  const semester *s, bool *out, err *e);
/* The entity's name in the UI language ("学生", "student"). */
const char *model_desc_title(const record_desc *d);

#endif
