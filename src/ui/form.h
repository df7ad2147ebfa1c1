/* form.h — form files (the .form files in forms/): what a form screen shows, as data.
 *
 * A form file is INI text read through inih:
 *
 *     [form]
 *     title_zh = 结对
 *     title_en = Pairing
 *
 *     [pairing.member_id]          ; ENTITY.FIELD: the record field edited
 *     label_zh = 帮扶人
 *     label_en = Helper
 *     type = student               ; see form_type below
 *     width = 30                   ; input columns (1..200)
 *     required = yes
 *
 * Field keys: label_zh, label_en (both required), type (required), width,
 * lines (height of a multiline box; the form screen makes such a box
 * as wide as the screen allows, wrapped there, and taller where rows are
 * free: width and lines are its least size), required, hidden, readonly (yes/no),
 * choices (a named set — political gender mode aid_kind tier kinds topics
 * target_status — or an explicit list joined by | ), default ("today" for
 * dates, "current" for a semester, or a literal), show_if / hide_if (the
 * name of a preset: the field is shown only when / unless the form was
 * opened with that preset, e.g. a talk opened from a pairing), show_if_kinds
 * (kinds joined by 、: the field is shown only when the form's assisted
 * student has one of them — the student its record's target_id names, or
 * the kinds ticked on the form's target.kinds; the ending form's GPA for
 * 学业困难), default_on_edit (yes: the default also fills the field when an
 * existing record has it empty — the ending form's end date).
 *
 * Fields appear in file order. Every problem is reported as
 * "FILE:LINE: what is wrong", all of them, and a broken file loads nothing.
 * Parsing is curses-free (tested in tests/unit/test_form.c). */
#ifndef BANGFU_FORM_H
#define BANGFU_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/record.h"
#include "util/err.h"

typedef enum form_type {
	FORM_TEXT,        /* one line of text */
	FORM_MULTILINE,   /* several lines; Enter is a newline */
	FORM_DATE,        /* YYYY-MM-DD */
	FORM_INT,         /* an integer */
	FORM_MONEY,       /* yuan with up to 2 decimals, stored in fen */
	FORM_CHOICE,      /* one of choices */
	FORM_MULTI,       /* any of choices, shown as toggles */
	FORM_STUDENT,     /* a student, picked by searching */
	FORM_COUNSELLOR,  /* a counsellor, picked from a list */
	FORM_COLLEGE,     /* a college, picked from a list */
	FORM_SEMESTER,    /* a semester, picked from a list (new codes allowed) */
	FORM_PAIRING,     /* a pairing: only preset, shown read-only */
} form_type;

typedef struct form_field {
	char *entity;             /* "pairing" */
	char *name;               /* "member_id" (the record field) */
	const record_desc *desc;  /* pairing_desc */
	const field_desc *fd;     /* the record field */
	char *label_zh, *label_en;
	form_type type;
	int width;                /* input columns */
	int lines;                /* rows of a multiline box */
	bool required, hidden, readonly;
	char *choice_set;         /* the named set, or NULL */
	const char *const *choices; /* NULL-terminated (named or own), or NULL */
	char **own_choices;       /* an explicit list (owned) */
	char *def;                /* default, or NULL */
	char *show_if, *hide_if;  /* preset names, or NULL */
	uint32_t show_kinds;      /* kind_bits: shown only for these kinds; 0 = always */
	bool default_on_edit;     /* the default fills an existing record's empty value */
	int line;                 /* where its section starts */
} form_field;

typedef struct form_def {
	char *name;               /* "pairing": the file name without .form */
	char *path;
	char *title_zh, *title_en;
	form_field *fields;
	size_t nfields;
} form_def;

typedef struct form_set {
	form_def *forms;
	size_t n;
} form_set;

/* Parses one form file. 0, or E_INPUT with every problem in errs as
 * "FILE:LINE: ..." (out is then empty). */
int form_load_file(const char *path, form_def *out, errlist *errs);
/* Parses every .form file of dir (in name order). 0, or E_INPUT (all the
 * problems of all the files in errs; out empty). A missing or unreadable
 * folder is an error too. */
int form_load_all(const char *dir, form_set *out, errlist *errs);
const form_def *form_find(const form_set *s, const char *name);
void form_def_free(form_def *f);
void form_set_free(form_set *s);

/* Where the forms are: $BANGFU_FORMS, else FORMSDIR if it exists, else the
 * forms/ folder next to an uninstalled binary's source tree. malloc'd. */
char *form_default_dir(void);

/* The title and a field's label in the UI language (i18n_lang()). */
const char *form_title(const form_def *f);
const char *form_label(const form_field *f);
const char *form_type_name(form_type t);

/* The record_desc of an entity name ("student", "target", ...), or NULL:
 * the model's registry (model_desc_named). */
const record_desc *form_entity_desc(const char *entity);
/* A named choice set (NULL-terminated), or NULL: the model's value sets
 * (value_set_named). For "kinds" and "topics" item i stands for bit 1 << i. */
const char *const *form_choice_set(const char *name);

#endif
