/* store.h — the LMDB layer's public face.
 *
 * The store knows LMDB, keys, value encoding, ids, schema versions, the audit
 * log and backups; it knows nothing of students. Callers name their databases
 * at open time and address them by index afterwards.
 *
 * Every write runs as a function handed to store_write(): on MDB_MAP_FULL (at
 * put or at commit) the transaction is aborted, the map grown and the function
 * run again, so a write function must be safe to re-run: it may only touch
 * its ctx in ways it resets at its own start. No transaction is ever held
 * across user input: the callers' functions run to completion.
 */
#ifndef BANGFU_STORE_H
#define BANGFU_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <signal.h>

#include "util/date.h"
#include "util/err.h"
#include "util/record.h"

typedef struct store store;
typedef struct store_txn store_txn;
typedef struct store_cursor store_cursor;

/* Value layout (format 2):
 *   byte 0      format (2)
 *   byte 1      flags
 *   bytes 2-5   rev, big-endian
 *   bytes 6-13  updated_at, big-endian
 *   bytes 14-17 CRC-32 (zlib's) of every other byte of the value, big-endian:
 *               a value changed on disk is found on read (E_DB, "damaged")
 *   then a CBOR map: 0 => updated_by (text), field no => value, in field
 *   number order; fields equal to their zero value are left out.
 * Format 1 was the same without the checksum (14-byte header); it is still
 * read, and schema version 6 rewrites every value as format 2
 * (rec_value_upgrade). Unknown field numbers are ignored and missing ones
 * take zero values, so a field can be added without a migration. This codec
 * is the one seam where encryption at rest will be added. */
enum { VALUE_FORMAT = 2, VALUE_HEADER = 18, VALUE_FORMAT1 = 1, VALUE_HEADER1 = 14 };

/* Where the CBOR map of an encoded value begins (0: not a value of a format
 * this program knows, too short, or its checksum does not match). */
size_t rec_value_body(const void *buf, size_t len);
/* Writes the checksum of a format-2 value buf of len bytes (len >=
 * VALUE_HEADER): for tests and fuzzers that build values by hand. */
void rec_value_seal(uint8_t *buf, size_t len);
/* A format-1 value as format 2, malloc'd; false if buf is not format 1. */
bool rec_value_upgrade(const void *buf, size_t len, uint8_t **out, size_t *outlen);

/* Encodes rec into a malloc'd buffer. */
void rec_encode(const record_desc *d, const void *rec, uint8_t **out, size_t *outlen);
/* Decodes into rec (which is zeroed first; the id is not part of the value and
 * is left to the caller). Returns 0, or E_DB with a message on corrupt data.
 * Never crashes on any input (fuzzed). */
int rec_decode(const record_desc *d, const void *buf, size_t len, void *rec, err *e);
/* The text of field number `no` in an encoded value, borrowed from buf
 * (not NUL-terminated), without decoding the rest: for scans that test one
 * field of many records (find by name). 0 found, E_NOTFOUND absent (or not text),
 * E_DB if the value is corrupt. The header's flags (REC_DELETED) are the
 * caller's to check: byte 1 of the value. (Added by the bench engineer.) */
int rec_peek_text(const void *buf, size_t len, unsigned no, bytes *out, err *e);

/* ---- opening --------------------------------------------------------- */

/* Opens (creating with mode 0700, files 0600) the database folder `dir`,
 * with the named sub-databases `dbs[0..ndbs)` all opened at once in one write
 * transaction. Runs mdb_reader_check. Only one store per process. */
int store_open(store **out, const char *dir, const char *const *dbs, int ndbs, err *e);
/* The schema version a file must be below for store_open to add the
 * databases it lacks (a migration's); a file at it or above that lacks one
 * is damaged and refused before anything is written. 0: no limit. */
void store_expect_schema(uint32_t v);
void store_close(store *s);
/* True if the folder could not be written and the store was opened
 * read-only without a lock file (every write is refused, E_DB). */
bool store_readonly(const store *s);
/* What the open did that the user should be told (the folder made
 * private, opened read-only), lines without a final newline; NULL if
 * nothing. A full disk is E_DB "disk full" naming the folder, and a new
 * database that could not be made leaves no files. */
const char *store_notice(const store *s);
const char *store_path(const store *s);
/* The id of the last committed transaction (by any process): a cheap way
 * to notice that someone else wrote since. */
uint64_t store_last_txn(store *s);

/* The index of the database opened under `name`, or -1. */
int store_db_index(const store *s, const char *name);

/* Who the audit log names for writes (default "$USER@host"). */
void store_set_actor(store *s, const char *who);
const char *store_actor(const store *s);

/* Consistent compact hot copy to the file `path` (mode 0600). */
int store_backup(store *s, const char *path, err *e);

/* ---- transactions ---------------------------------------------------- */

typedef int (*store_fn)(store_txn *t, void *ctx, err *e);

/* Runs fn in a read transaction. Returns fn's result. */
int store_read(store *s, store_fn fn, void *ctx, err *e);

/* Runs fn in a write transaction and commits if it returns 0. If fn returns
 * STORE_ROLLBACK the transaction is aborted and store_write returns 0 (used by
 * --dry-run). Any other non-zero result aborts and is returned. MDB_MAP_FULL
 * grows the map and runs fn again. */
enum { STORE_ROLLBACK = -1 };
int store_write(store *s, store_fn fn, void *ctx, err *e);

store *store_of(store_txn *t);
bool store_txn_writable(store_txn *t);

/* ---- raw access (db is an index into the names given at open) -------- */

/* 0 found, E_NOTFOUND not found, E_DB on error. */
int st_get(store_txn *t, int db, bytes key, bytes *val, err *e);
int st_put(store_txn *t, int db, bytes key, bytes val, err *e);
/* 0 deleted, E_NOTFOUND not there, E_DB on error. */
int st_del(store_txn *t, int db, bytes key, err *e);
/* Number of entries. */
size_t st_count(store_txn *t, int db);

int st_cursor_open(store_txn *t, int db, store_cursor **out, err *e);
void st_cursor_close(store_cursor *c);
/* A cursor step's answer past the last (or before the first) entry: not an
 * error; a cursor's own value, distinct from E_NOTFOUND and never passed on
 * as a function's result. */
enum { ST_END = 1 };
/* Each returns 0 with key/val set, ST_END at the end, E_DB on error. */
int st_first(store_cursor *c, bytes *key, bytes *val);
int st_last(store_cursor *c, bytes *key, bytes *val);
int st_next(store_cursor *c, bytes *key, bytes *val);
int st_prev(store_cursor *c, bytes *key, bytes *val);
int st_seek(store_cursor *c, bytes want, bytes *key, bytes *val); /* first key >= want */
/* The last entry whose key starts with prefix: 0 found, ST_END none. */
int st_last_prefix(store_cursor *c, bytes prefix, bytes *key, bytes *val);

/* Calls fn for every entry whose key starts with prefix, in key order, until
 * fn returns non-zero (which is then returned). */
typedef int (*st_scan_fn)(bytes key, bytes val, void *ctx);
int st_scan(store_txn *t, int db, bytes prefix, st_scan_fn fn, void *ctx, err *e);

/* ---- composite keys -------------------------------------------------- */

/* A key under construction. Keys are at most 511 bytes (LMDB). */
typedef struct keybuf {
	uint8_t b[511];
	size_t len;
	bool overflow;
} keybuf;

void key_init(keybuf *k);
void key_id(keybuf *k, const rid *r);
void key_u32(keybuf *k, uint32_t v);   /* big-endian */
void key_i32(keybuf *k, int32_t v);    /* sign-flipped big-endian: sorts */
void key_u64(keybuf *k, uint64_t v);
void key_str(keybuf *k, const char *s); /* bytes then a NUL */
static inline bytes key_bytes(const keybuf *k) { return (bytes){ k->b, k->len }; }
/* Reads back from a key at *pos; false if short. */
bool key_take_id(bytes k, size_t *pos, rid *out);
bool key_take_u32(bytes k, size_t *pos, uint32_t *out);
bool key_take_i32(bytes k, size_t *pos, int32_t *out);

/* ---- records --------------------------------------------------------- */

/* Reads the record with id into rec (of type d). 0, E_NOTFOUND (none, or a
 * tombstone), E_DB. rec must be rec_free'd by the caller when 0. */
int st_rec_get(store_txn *t, int db, const record_desc *d, const rid *id, void *rec, err *e);

/* Writes rec. If rec's id is zero a new id is made (and written back). The
 * stored rev must equal rec's rev (0 for a new record) or the write is
 * refused with E_DB "changed by someone else" (rec untouched). On success
 * rev is bumped, updated_at/updated_by set, and an audit entry appended
 * naming the fields that changed. A write function that store_write re-runs
 * after MAP_FULL may pass the same struct again (its id and rev as the
 * aborted run left them): that is recognised and not a conflict. After a
 * failed or rolled-back store_write the struct keeps the id and rev the
 * aborted run gave it: reload it before saving it again. */
int st_rec_put(store_txn *t, int db, const record_desc *d, void *rec, err *e);

/* Writes rec exactly as given (id, rev, updated_* kept): restoring a dump.
 * No audit entry. Refuses if the id exists. */
int st_rec_restore(store_txn *t, int db, const record_desc *d, const void *rec, err *e);

/* st_rec_get that also returns a tombstone (its flags say REC_DELETED). */
int st_rec_get_any(store_txn *t, int db, const record_desc *d, const rid *id, void *rec, err *e);

/* Iterates over all live records of a db in id order; fn gets a decoded
 * record it must not keep (freed after fn returns). */
typedef int (*st_rec_fn)(const void *rec, void *ctx);
int st_rec_each(store_txn *t, int db, const record_desc *d, st_rec_fn fn, void *ctx, err *e);
/* Rewrites every format-1 value of db as format 2 (with its checksum),
 * tombstones included; values already format 2 are left alone. */
int st_values_upgrade(store_txn *t, int db, err *e);
/* The same over the tombstones alone. */
int st_rec_each_deleted(store_txn *t, int db, const record_desc *d, st_rec_fn fn, void *ctx,
			err *e);

/* ---- meta and audit -------------------------------------------------- */

/* The meta database is the one named "meta" at open. */
/* 0, E_NOTFOUND if unset, E_DB. */
int st_meta_get_u32(store_txn *t, const char *name, uint32_t *out, err *e);
int st_meta_put_u32(store_txn *t, const char *name, uint32_t v, err *e);

/* The audit database is the one named "audit" at open: key = a fresh rid
 * (time-ordered), value = CBOR [who, at_ms, db name, record id, op, changed
 * field bits, CRC-32 of the key and the six before] (entries of older versions have no
 * CRC until st_audit_upgrade). Append-only: nothing ever deletes from it. */
typedef struct audit_entry {
	rid key;
	char who[64];
	int64_t at;
	char db[32];
	rid record;
	char op;               /* 'c' create, 'u' update, 'd' delete */
	uint64_t fields;
} audit_entry;
/* The audit value's CBOR (codec.c): audit_decode fills everything but key,
 * which it keeps; E_DB on corrupt bytes. */
void audit_encode(const audit_entry *a, uint8_t **out, size_t *outlen);
int audit_decode(const void *buf, size_t len, audit_entry *a, err *e);
int st_audit_add(store_txn *t, const char *db, const rid *record, char op, uint64_t fields, err *e);
typedef int (*st_audit_fn)(const audit_entry *a, void *ctx);
int st_audit_each(store_txn *t, st_audit_fn fn, void *ctx, err *e);
int st_audit_restore(store_txn *t, const audit_entry *a, err *e);
/* Every entry written again in today's format (with its CRC): the schema's
 * upgrade. */
int st_audit_upgrade(store_txn *t, err *e);
/* Each audit entry that cannot be read (a changed byte, a broken page) as a
 * line in probs ("audit: entry ID is damaged"); 0, or E_DB when the walk
 * itself cannot go on (also added to probs). */
int st_audit_check(store_txn *t, errlist *probs, err *e);

/* Lets go of the pages of the database file mapped into this process
 * (they stay in the page cache): for a command that streams through the
 * whole file, whose resident set would otherwise grow to the file's size.
 * Safe inside a read transaction: what it reads next is mapped again.
 * (Added by the bench engineer.) */
void store_release_pages(store *s);

/* ---- damaged files (fault.c) -----------------------------------------
 * A read of the mapped file that faults (SIGBUS, SIGSEGV inside the map) or
 * an assertion of LMDB's on a damaged page ends the process with exit
 * status 3 and "the database in DIR is damaged", never by a signal. The
 * store arms it at open and whenever the map moves. The hook, if set, runs
 * first (async-signal-safe code only: the screens put the terminal back). */
void store_fault_arm(const char *path, int fd);
/* Above zero while the store is inside one of LMDB's reads (store.c): a
 * fault there is the file's damage wherever its address. */
extern volatile sig_atomic_t store_in_lmdb;
/* Above zero inside a commit: a fault there is damage too, but a commit may
 * take long (it writes), so the "read that does not end" timer leaves it. */
extern volatile sig_atomic_t store_in_commit;
/* Counts LMDB's reads (store.c): a read that does not end is damage too. */
extern volatile unsigned store_lmdb_calls;
void store_fault_disarm(void);
void store_fault_hook(void (*fn)(void));
_Noreturn void store_fault_damaged(const char *why);
/* For a program that outlives fault.c's exit (tests/fuzz/fuzz_db.c, whose
 * hook jumps back): forgets the store that was open when the fault came,
 * unfreed (nothing of it can be trusted), so that another may be opened. */
void store_abandon(void);

/* ---- automatic backups (backups.c) -----------------------------------
 * DIR/backups/bangfu-YYYY-MM-DD.mdb: the first write of a day keeps a
 * compact copy (0600 files in a 0700 folder); 7 daily and 4 weekly (the
 * newest of each ISO week beyond the daily ones) are kept, older ones
 * deleted. A restore keeps the database it replaced as
 * bangfu-YYYY-MM-DD-HHMMSS.mdb (the 4 newest kept). */
enum { BACKUP_DAILY, BACKUP_WEEKLY, BACKUP_RESTORE, BACKUP_OLD };
typedef struct store_backup_info {
	char *path;            /* DIR/backups/NAME */
	char name[64];
	date_t date;           /* the day in its name */
	long long made;        /* its modification time (time_t) */
	long long size;        /* bytes */
	int kind;              /* BACKUP_* */
} store_backup_info;
char *store_backups_dir(const char *dir);
/* The kept backups of the folder dir, newest first. */
int store_backups_list(const char *dir, store_backup_info **out, size_t *n, err *e);
void store_backups_free(store_backup_info *v, size_t n);
/* Today's backup unless it exists (made says whether one was written);
 * prunes the old ones after writing. */
int store_backup_daily(store *s, date_t today, bool *made, err *e);
/* A file as LMDB's meta pages (read with pread, nothing mapped) say: not
 * an LMDB file, shorter than they say (cut off), or whole. */
enum { FILE_NOT_LMDB, FILE_SHORT, FILE_WHOLE };
int store_file_state(const char *path);
/* LMDB's meta pages are whole and the file as long as they say. */
bool store_file_looks_sound(const char *path);
/* The newest backup that looks sound (absolute path, malloc'd), or NULL. */
char *store_backup_newest_sound(const char *dir);
/* One sentence for a damage message: that backup and the restore command
 * that puts it back (or that there is none). Translated. */
void store_backup_hint(const char *dir, char *buf, size_t n);
/* Copies a file (0600, a new file: to must not exist). */
int store_copy_file(const char *from, const char *to, err *e);
/* Takes LMDB's exclusive lock of the folder dir (lock.mdb's first byte), so
 * that nobody opens it meanwhile: E_DB when another process has it open. *fd
 * is -1 when there is no lock file; close it when done. */
int store_lock_alone(const char *dir, int *fd, err *e);
/* Keeps DIR/data.mdb (if any) as a backup (*kept, malloc'd) and renames
 * file (in DIR) over it. The folder must be locked (store_lock_alone) and no
 * store open on it. */
int store_restore_file(const char *dir, const char *file, char **kept, date_t today, err *e);
/* In a child after fork(): the parent's open store is not this process's. */
void store_forget_open(void);

/* Map size in bytes (for tests of growth). */
size_t store_mapsize(store *s);
/* For tests: start with a small map so growth is exercised. */
void store_set_initial_mapsize(size_t bytes);

#endif
