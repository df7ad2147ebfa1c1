/* formeng.h — the form engine: a form file's fields (form.h) filled in,
 * turned into records and back, checked and saved through the model.
 * Curses-free (tests/unit/test_formeng.c drives it without a terminal);
 * ui/scr_form.c draws it and takes keys, ui/formpick.c chooses references.
 *
 * A form edits one record of the entity its first field names, and up to
 * FE_MAX_SLOTS - 1 more that belong to it (the student form's assisted-
 * student profile): one slot per entity, in the order the fields first name
 * them. As the user types, fe_check builds each slot's record from the
 * fields and asks the model's check (model_check_rec, *_check: the same
 * fix and rules as the save, writing nothing); the message goes beside the
 * field the error names (err.field). fe_save writes every changed record in
 * one write, unless someone else changed one since it was read. */
#ifndef BANGFU_FORMENG_H
#define BANGFU_FORMENG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "ui/edit.h"
#include "ui/form.h"

enum { FE_MAX_SLOTS = 4 };

typedef struct fe_slot {
	const record_desc *desc;
	void *orig;          /* as read (NULL: a new record) */
	void *work;          /* built from the fields (fe_build) */
	void *fixed;         /* as the model's check fixed work (fe_check), or NULL */
	bool skip;           /* not saved (an optional profile left empty) */
} fe_slot;

typedef struct fe_value {
	const form_field *fl;
	int slot;
	edit ed;             /* text, multiline, date, int, money, student search;
	                        the label of other references */
	char *val;           /* choice: the value; NULL = none */
	uint32_t bits;       /* multi: item i chosen = bit i */
	int item;            /* multi: the toggle under the cursor */
	rid ref;             /* references */
	bool has_ref;
	char *new_code;      /* semester: a code that does not exist yet */
	bool visible, locked, masked, touched;
	char *msg;           /* a rule's message shown beside the field */
	int y, h;            /* where the screen drew it (rows), for the mouse */
	int rows;            /* multiline: the rows the screen gives its box */
} fe_value;

typedef struct fe_form {
	model_store *st;
	role_t role;
	form_def def;
	fe_value *v;
	size_t n;
	fe_slot slots[FE_MAX_SLOTS];
	size_t nslots;
	char **presets;      /* name, value, ..., NULL (copies) */
	char *top_msg;       /* a message no field claims */
	bool editing;        /* an existing record (else a new one) */
	bool loaded;         /* the form file was read (def holds it) */
} fe_form;

/* Loads the form file path and reads the record id (NULL: a new one) with
 * presets (name, value pairs, NULL-terminated; NULL for none) inside one
 * read. 0; E_INPUT with the file's problems in errs (and the first in e,
 * loaded false); or the read's error in e. fe_free f whatever the
 * result. */
int fe_open(fe_form *f, model_store *st, role_t role, const char *path, const rid *id,
	    const char *const *presets, errlist *errs, err *e);
void fe_free(fe_form *f);
/* Reads the records again (after taking someone else's version). */
int fe_reload(fe_form *f, err *e);

/* Checks the form as it stands: each field's text, required fields, then
 * the model's rules (messages into the fields' msg and top_msg; with !all
 * a rule about an empty field the user has not reached yet is not shown).
 * True if it could be saved. */
bool fe_check(fe_form *f, bool all);

/* Someone else's changes met by a save. */
typedef struct fe_conflict {
	bool slot[FE_MAX_SLOTS];     /* each slot someone else changed */
	void *theirs[FE_MAX_SLOTS];  /* their version, NULL if deleted */
} fe_conflict;
typedef enum fe_result { FE_SAVED, FE_INVALID, FE_CONFLICT } fe_result;
/* Checks everything (fe_check(f, true)), then writes the changed records
 * in one write. FE_CONFLICT fills c (fe_conflict_free it). */
fe_result fe_save(fe_form *f, fe_conflict *c);
/* "Label: yours "..." / theirs "..."" lines for the fields that differ;
 * malloc'd. */
char *fe_conflict_text(fe_form *f, const fe_conflict *c);
/* Makes their versions the records the form edits (c's are taken). */
void fe_take_theirs(fe_form *f, fe_conflict *c);
void fe_conflict_free(fe_form *f, fe_conflict *c);

/* ---- fields ------------------------------------------------------------ */

/* Types edited as text (the edit buffer), and references to records. */
bool fe_is_edit(form_type t);
bool fe_is_ref(form_type t);
/* A reference found by typing into the field (students, counsellors,
 * colleges, semesters): edited as text until one is chosen. */
bool fe_is_search(form_type t);
/* Shown, and the user may change it. */
bool fe_focusable(const fe_value *v);
bool fe_empty(const fe_value *v);
fe_value *fe_field(fe_form *f, const char *entity, const char *name);
void fe_set_msg(fe_value *v, const char *m);
/* Sets a text field's text (typing, tests). */
void fe_set_text(fe_value *v, const char *text);
/* A reference chosen (label shown), or cleared; a new semester code. */
void fe_set_ref(fe_value *v, const rid *id, const char *label);
void fe_clear_ref(fe_value *v);
void fe_set_new_code(fe_value *v, const char *code);
/* A choice field: the next or previous value; a value (NULL = none). */
void fe_cycle(fe_value *v, int dir);
void fe_set_choice(fe_value *v, const char *value);
/* How a reference is shown ("张三 2023001", a college's name, a semester's
 * code, "helper → student"); "" for none. Inside a read. */
void fe_ref_label(model_txn *t, form_type ty, const rid *id, char *buf, size_t n);
/* A field's value in a record as text (references as labels). */
void fe_value_text(model_txn *t, const form_field *fl, const void *rec, char *buf, size_t n);
/* Puts e (an error of slot's record, -1 for none) beside the field it names
 * (e->field: the record field, or the field without its _id / _fen), else
 * into top_msg. */
void fe_place_error(fe_form *f, int slot, const err *e);

#endif
