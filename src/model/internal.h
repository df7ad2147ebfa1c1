/* internal.h — shared by the files of src/model/ only; ui/, cli/ and
 * report/ use model.h. */
#ifndef BANGFU_MODEL_INTERNAL_H
#define BANGFU_MODEL_INTERNAL_H

#include "model/model.h"
#include "store/store.h"

/* ---- the databases (schema.c) ---------------------------------------- */

enum model_db {
	DB_META, DB_AUDIT,
	DB_COLLEGE, DB_SEMESTER, DB_STUDENT, DB_COUNSELLOR, DB_MEMBER,
	DB_TARGET, DB_PAIRING, DB_TALK, DB_AID,
	DB_SUMMARY,           /* semester summaries per college (report/) */
	DB_TALK_DAY,          /* date -> live talks that day, u32 big-endian: kept
	                         with IX_TALK_DATE, so the dashboard's counts read
	                         a row per day, not a key per talk (schema 4) */
	DB_PAIRING_LAST,      /* pairing id -> date of its last talk (key_i32 form),
	                         none without talks: kept with IX_TALK_PAIRING, so
	                         overdue reads one small row per pairing (schema 5) */
	/* secondary indexes: composite keys, changed with their records */
	IX_COLLEGE_NAME,      /* name\0 -> college id */
	IX_SEMESTER_CODE,     /* code\0 -> semester id */
	IX_STUDENT_NO,        /* student_no\0 -> student id */
	IX_STUDENT_COLLEGE,   /* college id | student id -> "" */
	IX_STAFF_NO,          /* staff_no\0 -> counsellor id */
	IX_MEMBER_STUDENT,    /* student id -> member id */
	IX_TARGET_STUDENT,    /* student id -> target id */
	IX_PAIRING_MEMBER,    /* member student id | pairing id -> "" */
	IX_PAIRING_TARGET,    /* target student id | pairing id -> "" */
	IX_PAIRING_COLLEGE,   /* college id | semester id | pairing id -> "" */
	IX_TALK_PAIRING,      /* pairing id | date | talk id -> "" */
	IX_TALK_TARGET,       /* target student id | date | talk id -> "" */
	IX_AID_PAIRING,       /* pairing id | date | aid id -> "" */
	IX_TALK_DATE,         /* date | talk id -> "" (schema 3) */
	IX_TALK_FOLLOW,       /* follow-up date | talk id -> "", talks with one
	                         (schema 7: the dashboard's follow-ups due) */
	DB__COUNT
};

extern const char *const model_db_names[DB__COUNT];

/* model_reindex: writes the secondary index entries of rec (a record of
 * ops's entity, as stored): used by model_restore, which writes records with
 * st_rec_restore and then rebuilds their indexes; called for live records
 * only (not for tombstones). 0 or E_DB. */
struct entity_ops;
int model_reindex(store_txn *t, const struct entity_ops *ops, const void *rec, err *e);

/* Index layout: string keys are key_str() with the record id (16 bytes) as
 * value; composite keys are key_id()/key_i32() (dates) parts with an empty
 * value. Only live records have index entries; a counsellor's talk (zero
 * pairing_id) has no IX_TALK_PAIRING entry. */
typedef struct ix_entry {
	int db;
	keybuf key;
	bool has_val;          /* value is val (16 bytes), else empty */
	rid val;
} ix_entry;
enum { IX_MAX_PER_RECORD = 4 };

/* Canonical spellings and derived fields of a record about to be
 * validated (work), with the stored version (old, NULL for a new record);
 * or what a save does after the write (keeping profiles in step). */
typedef int (*model_fix_fn)(store_txn *t, void *work, const void *old, err *e);

/* Everything the model knows of an entity: the one registry (model_entities)
 * that saving, checking, the dump, restore, check and the form engine (by
 * its record_desc, through model_save_rec/model_check_rec) walk. */
typedef struct entity_ops {
	const record_desc *desc;
	int db;
	/* The index entries rec implies (its id must be set). */
	size_t (*keys)(const void *rec, ix_entry out[IX_MAX_PER_RECORD]);
	int (*validate)(store_txn *t, const void *rec, err *e);
	/* A short human name for problem lines ("student 2023001 张三"). */
	void (*label)(store_txn *t, const void *rec, char *buf, size_t n);
	model_fix_fn fix;      /* before validate, or NULL */
	model_fix_fn after;    /* after the write, or NULL */
	/* The rules of single fields that hold whatever the other fields
	 * say, each checked on its own: up to max errors of E_INPUT into
	 * out, the count (model_check_all); NULL: validate's one error. */
	size_t (*more)(store_txn *t, const void *rec, err *out, size_t max);
} entity_ops;
extern const entity_ops college_ops, semester_ops, student_ops, counsellor_ops,
	member_ops, target_ops, pairing_ops, talk_ops, aid_ops, summary_ops;
/* In dump order (model_descs is the same list, by record_desc);
 * model_nentities of them. */
extern const entity_ops *const model_entities[];
extern const size_t model_nentities;
/* The entity of a record_desc (dies for a desc that is no entity's). */
const entity_ops *model_ops_of(const record_desc *d);

/* E_INPUT "field: message" (fmt is already translated). */
int model_bad(err *e, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Deep-copies in into work and cleans its text fields (valid UTF-8, NFC,
 * trimmed). On error work is freed. */
int model_prepare(const record_desc *d, void *work, const void *in, err *e);
/* After a save: copies the meta and every non-text field of work back to in
 * (ids, rev, fields the save filled in). */
void model_return(const record_desc *d, void *in, const void *work);
/* Writes work (st_rec_put) and moves the index entries from those of old
 * (NULL for a new record) to work's. */
int model_put(store_txn *t, const entity_ops *ops, void *work, const void *old, err *e);
/* The common save and check (values.c). Both take in the same road:
 * model_prepare, the stored version (if in has an id and it exists),
 * ops->fix, ops->validate — so a check and a save never disagree.
 * model_save then writes (model_put), runs ops->after and copies back
 * (model_return). model_try writes nothing: fixed (if not NULL) receives
 * the record as fixed, also when a rule fails (rec_free it). */
int model_save(store_txn *t, const entity_ops *ops, void *in, err *e);
int model_try(store_txn *t, const entity_ops *ops, const void *in, void *fixed, err *e);
/* DB_TALK_DAY (query.c): the number of live talks of each day, kept in step
 * with IX_TALK_DATE by model_put and model_reindex (through model_ix_count).
 * Adds delta to the count of day d; recounts everything from IX_TALK_DATE
 * (migration 3 -> 4); compares the two (model_check). */
int model_talk_day_add(store_txn *t, date_t d, int delta, err *e);
int model_talk_days_rebuild(store_txn *t, err *e);
int model_talk_days_check(store_txn *t, errlist *probs, err *e);
/* Keeps the counts kept for an index entry (x) that was added (delta 1)
 * or removed (delta -1); 0 for indexes nothing counts. (values.c) */
int model_ix_count(store_txn *t, const ix_entry *x, int delta, err *e);
/* After an index entry x was written or removed: refreshes what is kept
 * from its index (a pairing's last talk for IX_TALK_PAIRING). (values.c) */
int model_ix_refresh(store_txn *t, const ix_entry *x, err *e);
/* DB_PAIRING_LAST (pairing.c): recomputes one pairing's last talk from
 * IX_TALK_PAIRING; rebuilds them all (migration 4 -> 5); compares the two
 * (model_check). */
int model_pairing_last_update(store_txn *t, const rid *pairing_id, err *e);
int model_pairing_lasts_rebuild(store_txn *t, err *e);
int model_pairing_lasts_check(store_txn *t, errlist *probs, err *e);
/* Looks up a string-keyed index entry: 0 found (*out), E_NOTFOUND, E_DB. */
int model_ix_get(store_txn *t, int db, const keybuf *k, rid *out, err *e);
/* A lookup key typed by a user, cleaned like saved text: malloc'd. */
char *model_key_text(const char *s);
/* Length (in characters) and presence of a text field. */
int model_text(err *e, const char *field, const char *s, size_t max_chars, bool required);
/* s must be one of values (or "" when !required). */
int model_choice_ok(err *e, const char *field, const char *const *values, const char *s,
		    bool required);
/* Replaces *s by its canonical spelling when it is a known synonym. */
void model_canon(const char *const *values, char **s);
/* Digits, with an optional leading + and - or spaces between groups. */
int model_phone(err *e, const char *field, const char *s);
/* "2023001 张三" for a student id (its hex if there is no such student). */
void model_student_label(store_txn *t, const rid *id, char *buf, size_t n);
/* Whether a record with this id exists (live) in db: 0, E_NOTFOUND, E_DB. */
int model_exists(store_txn *t, int db, const rid *id, err *e);

/* The id under a unique text key (a student number, a college's name) typed
 * by a user: cleaned like saved text, then looked up. 0, E_NOTFOUND, E_DB. */
int model_ix_lookup(store_txn *t, int db, const char *text, rid *out, err *e);
/* Letters and digits only (student and staff numbers). */
bool model_is_code(const char *s);
/* The date in the last key of db that starts with the id prefix (keys are
 * id | date | ...): a pairing's or a student's last talk. 0 if none. */
int model_last_date(store_txn *t, int db, const rid *prefix, date_t *out, err *e);

/* Calls fn for each pairing listed under a student in db: IX_PAIRING_MEMBER
 * (as helper) or IX_PAIRING_TARGET (as assisted student), in id order,
 * until fn returns non-zero (returned). */
int pairings_of(store_txn *t, int db, const rid *student_id, pairing_fn fn, void *ctx,
		err *e);

/* Calls fn for every live pairing of a college, whatever its semesters
 * (IX_PAIRING_COLLEGE), in id order, until fn returns non-zero. (pairing.c) */
int pairings_in_college(store_txn *t, const rid *college_id, pairing_fn fn, void *ctx, err *e);

/* Calls fn with every live student's id and name, the name read out of the
 * stored value without decoding the rest (find by name, the names a
 * summary scrubs); val is the stored value, for a caller that decodes a
 * match. fn returning non-zero stops (returned). (find.c) */
typedef int (*model_name_fn)(const rid *id, const char *name, bytes val, void *ctx);
int model_student_names(store_txn *t, model_name_fn fn, void *ctx, err *e);

/* The text of field number `no` of the stored record id in db, live or a
 * tombstone, into buf ("" when there is no such record or text): a
 * student's number (1) or name (2), a college's name, a semester's code,
 * a counsellor's staff number (all 1). 0 or E_DB. (ref.c) */
int model_stored_text(store_txn *t, int db, const rid *id, unsigned no, char *buf, size_t n,
		      err *e);

/* ---- CSV column names (fields.c) -------------------------------------
 * The one place the column headers live: the imports' header rows
 * (import.c) and the command line's fields (fields.c) both use them.
 * n[0] is the Chinese header, n[1] the English one (used in messages),
 * the rest accepted synonyms; NULL ends the list. */
enum { CSV_NAMES_MAX = 6 };
typedef struct csv_names {
	const char *n[CSV_NAMES_MAX];
} csv_names;
extern const csv_names csv_student_no, csv_name, csv_gender, csv_college, csv_class,
	csv_political, csv_phone, csv_kinds, csv_tier, csv_staff_no, csv_member_no,
	csv_target_no, csv_semester, csv_start_date, csv_pairing_note, csv_reason, csv_date,
	csv_minutes, csv_mode, csv_topics, csv_content, csv_counsellor_no, csv_aid_kind,
	csv_amount, csv_aid_note;
/* The current semester as set by semester_start (no fallback): 0,
 * E_NOTFOUND (never set), E_DB. (lifecycle.c) */
int model_current_setting_get(store_txn *t, char *buf, size_t n, err *e);

/* Before a write (model_write): today's automatic backup unless made
 * already (backups.c). */
void model_backup_today(model_store *s);

#endif
