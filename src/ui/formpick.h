/* formpick.h — choosing a form field's reference: students, counsellors,
 * colleges and semesters found by what was typed into the field (number,
 * name, pinyin; a semester's code may be new). */
#ifndef BANGFU_FORMPICK_H
#define BANGFU_FORMPICK_H

#include <stdbool.h>

#include "ui/formeng.h"
#include "ui/ui.h"

/* The candidates for a reference field of type ty: labels and ids (a zero
 * id: the current semester's code, which does not exist yet); exact: what
 * was typed is its number, code, whole name or the name's whole pinyin. */
typedef struct fp_list {
	char **items;
	rid *ids;
	bool *exact;
	size_t n, cap;
} fp_list;
/* Reads the candidates matching text (all but students for no text); 0 or
 * the read's error. */
int fp_candidates(model_store *st, form_type ty, const char *text, fp_list *out, err *e);
void fp_free(fp_list *l);

/* Lets the user pick the reference of field v by the text typed into it:
 * one exact match is taken at once, else the list of matches opens (a
 * chosen college, counsellor or semester: the whole list). True if the
 * value changed; else a word beside the field says why not. */
bool form_pick(ui *u, fe_form *f, fe_value *v);

#endif
