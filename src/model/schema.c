#include "config.h"
/* schema.c — the databases, the entity table, opening and migrations. */
#include "model/internal.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/i18n.h"

const char *const model_db_names[DB__COUNT] = {
	[DB_META] = "meta",
	[DB_AUDIT] = "audit",
	[DB_COLLEGE] = "college",
	[DB_SEMESTER] = "semester",
	[DB_STUDENT] = "student",
	[DB_COUNSELLOR] = "counsellor",
	[DB_MEMBER] = "member",
	[DB_TARGET] = "target",
	[DB_PAIRING] = "pairing",
	[DB_TALK] = "talk",
	[DB_AID] = "aid",
	[DB_SUMMARY] = "summary",
	[DB_TALK_DAY] = "talk_day",
	[DB_PAIRING_LAST] = "pairing_last",
	[IX_COLLEGE_NAME] = "ix_college_name",
	[IX_SEMESTER_CODE] = "ix_semester_code",
	[IX_STUDENT_NO] = "ix_student_no",
	[IX_STUDENT_COLLEGE] = "ix_student_college",
	[IX_STAFF_NO] = "ix_staff_no",
	[IX_MEMBER_STUDENT] = "ix_member_student",
	[IX_TARGET_STUDENT] = "ix_target_student",
	[IX_PAIRING_MEMBER] = "ix_pairing_member",
	[IX_PAIRING_TARGET] = "ix_pairing_target",
	[IX_PAIRING_COLLEGE] = "ix_pairing_college",
	[IX_TALK_PAIRING] = "ix_talk_pairing",
	[IX_TALK_TARGET] = "ix_talk_target",
	[IX_AID_PAIRING] = "ix_aid_pairing",
	[IX_TALK_DATE] = "ix_talk_date",
	[IX_TALK_FOLLOW] = "ix_talk_follow",
};

/* The entities in dump order: the one list, from which both the table of
 * entity_ops (model_entities, for src/model/) and the public
 * model_descs come. */
#define MODEL_ENTITY_LIST(X)                                                  \
	X(college) X(semester) X(student) X(counsellor) X(member) X(target)   \
	X(pairing) X(talk) X(aid) X(summary)

#define OPS_OF(name) &name##_ops,
#define DESC_OF(name) &name##_desc,
const entity_ops *const model_entities[] = { MODEL_ENTITY_LIST(OPS_OF) };
const size_t model_nentities = sizeof model_entities / sizeof *model_entities;
const record_desc *const model_descs[] = { MODEL_ENTITY_LIST(DESC_OF) NULL };
#undef OPS_OF
#undef DESC_OF

/* ---- migrations ------------------------------------------------------ */

struct mig_ctx {
	store_txn *t;
	err *e;
};

/* 1 -> 2, step a: IX_STUDENT_COLLEGE from the students. */
static int mig2_student_college(const void *rec, void *ctx)
{
	struct mig_ctx *m = ctx;
	const student *s = rec;
	keybuf k;
	key_init(&k);
	key_id(&k, &s->college_id);
	key_id(&k, &s->m.id);
	return st_put(m->t, IX_STUDENT_COLLEGE, key_bytes(&k), (bytes){ "", 0 }, m->e);
}

/* 1 -> 2, step b: a member profile for every party member lacking one. */
static int mig2_member(const void *rec, void *ctx)
{
	struct mig_ctx *m = ctx;
	const student *s = rec;
	member mb;
	if (!political_is_member(s->political))
		return 0;
	int rc = member_of_student(m->t, &s->m.id, &mb, m->e);
	if (rc == 0) {
		rec_free(&member_desc, &mb);
		return 0;
	}
	if (rc != E_NOTFOUND)
		return rc;
	memset(&mb, 0, sizeof mb);
	mb.student_id = s->m.id;
	return model_put(m->t, &member_ops, &mb, NULL, m->e);
}

static int migrate_1_to_2(store_txn *t, err *e)
{
	struct mig_ctx m = { t, e };
	int rc = st_rec_each(t, DB_STUDENT, &student_desc, mig2_student_college, &m, e);
	if (!rc)
		rc = st_rec_each(t, DB_STUDENT, &student_desc, mig2_member, &m, e);
	return rc;
}

/* 2 -> 3: IX_TALK_DATE (talks by date, for the dashboard's counts by week
 * and month without reading every talk). */
static int mig3_talk_date(const void *rec, void *ctx)
{
	struct mig_ctx *m = ctx;
	const talk *k = rec;
	keybuf key;
	key_init(&key);
	key_i32(&key, k->date);
	key_id(&key, &k->m.id);
	return st_put(m->t, IX_TALK_DATE, key_bytes(&key), (bytes){ "", 0 }, m->e);
}

static int migrate_2_to_3(store_txn *t, err *e)
{
	struct mig_ctx m = { t, e };
	return st_rec_each(t, DB_TALK, &talk_desc, mig3_talk_date, &m, e);
}

/* 3 -> 4: DB_TALK_DAY, the number of talks of each day, counted from
 * IX_TALK_DATE (whatever counts were there are replaced: safe to re-run). */
static int migrate_3_to_4(store_txn *t, err *e)
{
	return model_talk_days_rebuild(t, e);
}

/* 4 -> 5: DB_PAIRING_LAST, each pairing's last talk, from IX_TALK_PAIRING
 * (rebuilt whole: safe to re-run). */
static int migrate_4_to_5(store_txn *t, err *e)
{
	return model_pairing_lasts_rebuild(t, e);
}

/* 5 -> 6: every record value gets its checksum (store.h, format 2). */
static int migrate_5_to_6(store_txn *t, err *e)
{
	int rc = 0;
	for (size_t i = 0; i < model_nentities && !rc; i++)
		rc = st_values_upgrade(t, model_entities[i]->db, e);
	return rc;
}

/* 6 -> 7: IX_TALK_FOLLOW, the talks by their follow-up date (st_put of
 * the same entry again is harmless: safe to re-run). */
static int mig7_talk_follow(const void *rec, void *ctx)
{
	struct mig_ctx *m = ctx;
	const talk *k = rec;
	if (!k->follow_up || (k->m.flags & REC_DELETED))
		return 0;
	keybuf key;
	key_init(&key);
	key_i32(&key, k->follow_up);
	key_id(&key, &k->m.id);
	return st_put(m->t, IX_TALK_FOLLOW, key_bytes(&key), (bytes){ "", 0 }, m->e);
}

static int migrate_6_to_7(store_txn *t, err *e)
{
	struct mig_ctx m = { t, e };
	return st_rec_each(t, DB_TALK, &talk_desc, mig7_talk_follow, &m, e);
}

/* 7 -> 8: every audit entry gets its checksum (store.h). */
static int migrate_7_to_8(store_txn *t, err *e)
{
	return st_audit_upgrade(t, e);
}

/* Step i takes a database from version i to i + 1. */
static int (*const migrations[])(store_txn *, err *) = {
	[1] = migrate_1_to_2,
	[2] = migrate_2_to_3,
	[3] = migrate_3_to_4,
	[4] = migrate_4_to_5,
	[5] = migrate_5_to_6,
	[6] = migrate_6_to_7,
	[7] = migrate_7_to_8,
};

static int read_version(store_txn *t, void *ctx, err *e)
{
	uint32_t *v = ctx;
	int rc = st_meta_get_u32(t, "schema_version", v, e);
	if (rc == E_NOTFOUND) {
		*v = 0;
		return 0;
	}
	return rc;
}

static bool db_empty(store_txn *t)
{
	for (size_t i = 0; i < model_nentities; i++)
		if (st_count(t, model_entities[i]->db))
			return false;
	return true;
}

static int migrate(store_txn *t, void *ctx, err *e)
{
	uint32_t v;
	int rc = read_version(t, &v, e);
	(void)ctx;
	if (rc)
		return rc;
	if (v == 0) {
		if (!db_empty(t))
			return err_set(e, E_DB, "%s",
				       _("database holds records but no schema version"));
		return st_meta_put_u32(t, "schema_version", SCHEMA_VERSION, e);
	}
	if (v > SCHEMA_VERSION)
		return err_set(e, E_DB, _("database schema %u is newer than this program (%d)"),
			       (unsigned)v, (int)SCHEMA_VERSION);
	for (; v < SCHEMA_VERSION; v++)
		if (migrations[v] && (rc = migrations[v](t, e)))
			return rc;
	return st_meta_put_u32(t, "schema_version", SCHEMA_VERSION, e);
}

void model_on_damage(void (*fn)(void))
{
	store_fault_hook(fn);
}

int model_open(store **out, const char *dir, err *e)
{
	store *s = NULL;
	uint32_t v = 0;
	store_expect_schema(SCHEMA_VERSION);
	int rc = store_open(&s, dir, model_db_names, DB__COUNT, e);
	if (rc)
		return rc;
	rc = store_read(s, read_version, &v, e);
	if (!rc && v != SCHEMA_VERSION)
		rc = store_write(s, migrate, NULL, e);
	if (rc) {
		store_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

char *model_default_dir(void)
{
	const char *v = getenv("BANGFU_DB");
	if (v && *v)
		return xstrdup(v);
	v = getenv("XDG_DATA_HOME");
	if (v && *v == '/')
		return xasprintf("%s/bangfu", v);
	v = getenv("HOME");
	if (!v || !*v) {
		struct passwd *pw = getpwuid(getuid());
		v = pw && pw->pw_dir ? pw->pw_dir : "/";
	}
	return xasprintf("%s/.local/share/bangfu", v);
}

int model_reindex(store_txn *t, const entity_ops *ops, const void *rec, err *e)
{
	const rec_meta *m = rec;
	ix_entry *xs;
	int rc = 0;
	if (m->flags & REC_DELETED)
		return 0;
	xs = xcalloc(IX_MAX_PER_RECORD, sizeof *xs);
	size_t n = ops->keys(rec, xs);
	for (size_t i = 0; i < n && !rc; i++) {
		bytes v;
		rc = xs[i].db == IX_TALK_DATE ? st_get(t, xs[i].db, key_bytes(&xs[i].key), &v, e) : 0;
		if (rc == E_NOTFOUND)   /* a new entry of a counted index */
			rc = model_ix_count(t, &xs[i], 1, e);
		if (!rc)
			rc = st_put(t, xs[i].db, key_bytes(&xs[i].key),
				    xs[i].has_val ? (bytes){ xs[i].val.b, sizeof xs[i].val.b }
						  : (bytes){ "", 0 },
				    e);
	}
	for (size_t i = 0; i < n && !rc; i++)
		rc = model_ix_refresh(t, &xs[i], e);
	free(xs);
	return rc;
}

/* ---- the face: transactions and records by entity -------------------- */

int model_read(model_store *s, model_fn fn, void *ctx, err *e)
{
	return store_read(s, fn, ctx, e);
}

int model_write(model_store *s, model_fn fn, void *ctx, err *e)
{
	_Static_assert((int)MODEL_ROLLBACK == (int)STORE_ROLLBACK, "rollback codes agree");
	model_backup_today(s);   /* the first write of the day keeps a copy */
	return store_write(s, fn, ctx, e);
}

void model_close(model_store *s) { store_close(s); }
const char *model_open_notice(const model_store *s) { return store_notice(s); }
const char *model_path(const model_store *s) { return store_path(s); }
uint64_t model_last_txn(model_store *s) { return store_last_txn(s); }
void model_set_actor(model_store *s, const char *who) { store_set_actor(s, who); }
int model_backup(model_store *s, const char *path, err *e) { return store_backup(s, path, e); }
model_store *model_of(model_txn *t) { return store_of(t); }
void model_release_pages(model_store *s) { store_release_pages(s); }

int model_schema_version(model_txn *t, uint32_t *out, err *e)
{
	return read_version(t, out, e);
}

const record_desc *model_desc_named(const char *name)
{
	for (size_t i = 0; model_descs[i]; i++)
		if (strcmp(model_descs[i]->name, name) == 0)
			return model_descs[i];
	return NULL;
}

const entity_ops *model_ops_of(const record_desc *d)
{
	for (size_t i = 0; i < model_nentities; i++)
		if (model_entities[i]->desc == d)
			return model_entities[i];
	die("no entity has the record type %s", d ? d->name : "(null)");
}

int model_save_rec(model_txn *t, const record_desc *d, void *rec, err *e)
{
	return model_save(t, model_ops_of(d), rec, e);
}

int model_check_rec(model_txn *t, const record_desc *d, const void *in, void *fixed, err *e)
{
	return model_try(t, model_ops_of(d), in, fixed, e);
}

static bool listed(const err *out, size_t n, const err *e)
{
	for (size_t i = 0; i < n; i++)
		if (*e->field ? !strcmp(out[i].field, e->field) : !strcmp(out[i].msg, e->msg))
			return true;
	return false;
}

size_t model_check_all(model_txn *t, const record_desc *d, const void *rec, const err *first,
		       err *out, size_t max)
{
	enum { MORE_MAX = 8 };
	const entity_ops *ops = model_ops_of(d);
	size_t n = 0;
	if (first && first->code && n < max)
		out[n++] = *first;
	if (!ops->more)
		return n;
	err more[MORE_MAX];
	memset(more, 0, sizeof more);
	size_t m = ops->more(t, rec, more, MORE_MAX);
	for (size_t i = 0; i < m && n < max; i++)
		if (more[i].code == E_INPUT && !listed(out, n, &more[i])) {
			model_field_err(d, &more[i]);
			out[n++] = more[i];
		}
	return n;
}

int model_get(model_txn *t, const record_desc *d, const rid *id, void *rec, err *e)
{
	return st_rec_get(t, model_ops_of(d)->db, d, id, rec, e);
}

int model_each(model_txn *t, const record_desc *d, model_rec_fn fn, void *ctx, err *e)
{
	return st_rec_each(t, model_ops_of(d)->db, d, fn, ctx, e);
}
