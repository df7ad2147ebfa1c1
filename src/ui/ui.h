/* ui.h — the curses front end's shared face (src/ui/).
 *
 * Layers inside ui/:
 *   edit.[ch]    curses-free line/multi-line edit model (wchar_t buffer and
 *                cursor); unit-tested with CJK text
 *   layout.[ch]  curses-free display-width layout: cells cut at a character
 *                boundary with "…", padded columns, column widths; tested
 *   keymap.[ch]  the one action table and the keymap file parser (data in
 *                keymaps/); curses-free parsing; tested
 *   form.[ch]    the form-file parser (data in forms/) and the form screen
 *   term.c       curses start/stop, colours, SIGWINCH flag, get_wch, mouse
 *   ui.c         the main loop, the screen stack, key bar, status line,
 *                help screen, dialogs, "terminal too small"
 *   scr_*.c      one screen per file: firstrun, dashboard, the lists,
 *                record view, ...
 *
 * A screen asks model/ for data inside a short model_read() and hands user
 * input back to model/ (the *_validate and *_save functions) inside a
 * model_write(); it holds no business rule, and never holds a transaction
 * while waiting for a key. */
#ifndef BANGFU_UI_H
#define BANGFU_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include <stdio.h>

#include "model/model.h"
#include "ui/edit.h"
#include "ui/keymap.h"

typedef struct ui ui;
typedef struct screen screen;

/* Options chosen on the command line or in the config file. */
typedef struct ui_opts {
	const char *keymap;    /* "default", "vi", "emacs" or a path; NULL = default */
	const char *user_keys; /* the user's override file; NULL = the XDG path */
	const char *forms_dir; /* NULL = the installed forms (or $BANGFU_FORMS) */
	role_t role;           /* model.h */
} ui_opts;

/* Runs the front end on an open store until the user quits. Returns an exit
 * status (0, or E_INPUT when a keymap or form file is broken: the message
 * "FILE:LINE: what is wrong" has then been printed to stderr before curses
 * started). */
int ui_run(model_store *s, const ui_opts *o);
/* The same on a given terminal (newterm on in/out; TERM from the
 * environment): for benchmarks driving a pty. */
int ui_run_on(model_store *s, const ui_opts *o, FILE *in, FILE *out);
/* Called after every doupdate with the frame's number (1 = the first
 * frame); returning non-zero leaves ui_run at once (no questions asked).
 * For benchmarks and tests; NULL = none. */
typedef int (*ui_frame_hook)(void *arg, unsigned long frame);
void ui_set_frame_hook(ui_frame_hook fn, void *arg);

/* ---- events --------------------------------------------------------- */

typedef enum ui_ev_type {
	EV_KEY,       /* a key: ch is a character (is_code false) or KEY_* code */
	EV_MOUSE,     /* a click or wheel: y, x, button (1 left, 4 wheel up, 5 down) */
	EV_RESIZE,    /* the terminal changed size (already reflowed) */
	EV_TICK,      /* no key for a while: a chance to notice others' changes */
} ui_ev_type;

typedef struct ui_event {
	ui_ev_type type;
	action_t action;      /* the bound action for this key in the current
	                         screen's context, or ACT_NONE */
	wint_t ch;
	bool is_code;
	bool meta;            /* Alt-x / Esc x */
	int y, x, button;
} ui_event;

/* ---- screens -------------------------------------------------------- */

enum {
	SCREEN_STAY = 0,      /* handled or ignored; keep this screen */
	SCREEN_CLOSE = 1,     /* pop this screen */
	SCREEN_QUIT = 2,      /* leave the program (after asking if unsaved) */
	SCREEN_PASS = 3,      /* not handled: the front end does its default
	                         (ACT_BACK pops the screen) */
};

struct screen_ops {
	const char *name;                 /* "dashboard", "students", ... */
	/* The title drawn on the top line (translated). */
	const char *(*title)(screen *sc);
	/* Actions shown in the key bar, in order, ending with ACT_NONE. */
	const action_t *bar;
	/* True for an action of bar that does nothing where the screen is now
	 * (a form's Space toggles only on a field of choices): left out of
	 * the bar. NULL: every one is shown. */
	bool (*bar_idle)(screen *sc, action_t a);
	/* True while the screen takes typed text (a field or filter is being
	 * edited): printable characters then go to handle() as EV_KEY with
	 * action ACT_NONE unless the key is a function/control key. */
	bool (*typing)(screen *sc);
	/* Draw into the body: rows [top, top+rows) of stdscr, all columns.
	 * Fetch data with model_read(); keep only copies. */
	void (*draw)(screen *sc, ui *u, int top, int rows, int cols);
	/* Where the hardware cursor goes (for input methods): false = hide. */
	bool (*cursor)(screen *sc, int *y, int *x);
	int (*handle)(screen *sc, ui *u, const ui_event *ev);
	/* True when closing would lose typed changes (F10 then asks). */
	bool (*unsaved)(screen *sc);
	void (*destroy)(screen *sc);
	/* Other actions the screen handles besides its bar (ending with
	 * ACT_NONE, or NULL): the help screen lists bar + extra + the global
	 * actions, and a key bound to several actions means the one this
	 * screen offers (F2: new in a list, save in a form). */
	const action_t *extra;
};

struct screen {
	const struct screen_ops *ops;
	void *state;
};

void ui_push(ui *u, screen *sc);     /* takes ownership */
model_store *ui_store(ui *u);
role_t ui_role(ui *u);
const keymap *ui_keymap(ui *u);
const char *ui_forms_dir(ui *u);
/* The current semester (model_semester_current: the one semester_start
 * made current, else the one today falls in), read again when the database
 * changed: every "current semester" on the screens is this one. */
void ui_semester_current(ui *u, char code[SEMESTER_CODE_MAX]);
/* A message in the status line (translated), for what the current key
 * did: the next key clears it (another action, or another screen). One
 * that is wider than the screen wraps onto up to three lines, the body
 * giving up the rows. */
void ui_status(ui *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_status_error(ui *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* True if another terminal (or this one) committed since `since`; updates it.
 * Lists call it on redraw to notice changes made elsewhere. */
bool ui_db_changed(ui *u, uint64_t *since);

/* Modal dialogs (they run their own small loop; resize-safe). */
bool ui_confirm(ui *u, const char *question);          /* y/n */
void ui_message(ui *u, const char *title, const char *text);
/* Asks for a line of text (CJK-capable); NULL when cancelled; malloc'd. */
char *ui_prompt(ui *u, const char *question, const char *initial);
/* Lets the user choose one of n strings; -1 when cancelled. */
int ui_choose(ui *u, const char *title, const char *const *items, size_t n);

/* ---- drawing helpers (stdscr; curses attributes chosen by style) ------
 * Colours follow the terminal's own (use_default_colors); with NO_COLOR
 * set or on a monochrome terminal every style is bold/reverse/normal. */
typedef enum ui_style {
	UI_NORMAL, UI_TITLE, UI_BAR_KEY, UI_BAR_LABEL, UI_SELECTED, UI_HEADER,
	UI_ERROR, UI_WARN, UI_OK, UI_DIM, UI_FIELD, UI_FIELD_FOCUS, UI_MASK,
	UI__STYLES
} ui_style;
/* The curses attribute (an attr_t with its colour pair) of a style. */
int ui_attr(ui_style st);
/* s at (y, x), cut with "…" and padded to exactly cols columns. */
void ui_text(int y, int x, int cols, const char *s, ui_style st);
/* The same, aligned right (numbers). */
void ui_text_right(int y, int x, int cols, const char *s, ui_style st);
/* Blanks cols columns at (y, x). */
void ui_fill(int y, int x, int cols, ui_style st);
/* A single-line field cols wide showing e scrolled so its cursor is
 * visible; cy and cx (if not NULL) get where the hardware cursor belongs. */
void ui_draw_edit(int y, int x, int cols, edit *e, ui_style st, int *cy, int *cx);
/* A multi-line box rows x cols: the text soft-wrapped at cols (edit.h:
 * edit_set_wrap; up and down then move by visual line), scrolled so the
 * cursor's visual line is visible. */
void ui_draw_edit_box(int y, int x, int rows, int cols, edit *e, ui_style st, int *cy,
		      int *cx);
/* Applies a key to e: a character is typed; another key does the line
 * editor's action the keymap binds it to (keymap.h, AU_TEXT: line_start,
 * kill_word ...; in a multi-line edit also line_up, line_down, newline).
 * True if e used the key (then the screen redraws). See edit_key. */
bool ui_edit_key(edit *e, const ui_event *ev);

/* ---- screens each scr_*.c file provides ------------------------------ */

screen *scr_firstrun(ui *u);
screen *scr_dashboard(ui *u);
screen *scr_students(ui *u);          /* assisted students */
screen *scr_members(ui *u);           /* party members */
screen *scr_pairings(ui *u);
screen *scr_talks(ui *u);
screen *scr_counsellors(ui *u);
screen *scr_roster(ui *u);            /* every student */
screen *scr_record(ui *u, const rid *student_id);   /* any student's record view */
/* Opens a form screen on top (scr_form.c): the form file's name
 * ("student", "pairing", "talk", "counsellor", "aid", "semester" ...), the
 * record to edit (NULL = new), and a preset value (the field's name and
 * its value, such as "pairing_id" and a hex id for the pairing a talk is
 * logged for; NULL for none). False, after telling the user why, if it
 * cannot be opened. The one way to open a form. */
bool push_form(ui *u, const char *form, const rid *id, const char *preset, const char *value);
/* An id as a preset value: its hex, in a buffer that lives as long as the
 * enclosing block (push_form(u, "aid", NULL, "pairing_id", UI_ID_TEXT(&p))). */
const char *ui_id_text(const rid *id, char buf[33]);
#define UI_ID_TEXT(id) ui_id_text((id), (char[33]){ 0 })
screen *scr_help(ui *u, const screen *of);

/* ---- corrections (correct.c; the undo offer is ui.c's) ----------------
 * Edit opens the form of the record (the student form for a student, an
 * assisted-student or a party-member profile; a talk's form with its
 * pairing). Delete asks first, naming the record (model_record_label),
 * and deletes it as it was read (model_delete with that revision); a
 * refusal is shown with the model's reason. True if it was deleted: the
 * status line then offers undo (ACT_UNDO: model_undelete) until the next
 * change to the database, here or elsewhere. */
bool ui_edit_record(ui *u, const record_desc *d, const rid *id);
bool ui_delete_record(ui *u, const record_desc *d, const rid *id);
void ui_offer_undo(ui *u, const record_desc *d, const rid *id, const char *label);
/* The record the last undo brought back, while nothing changed since:
 * true and its id (a list selects its row). */
bool ui_undone(ui *u, rid *id);
/* Data in at any time (scr_import.c): the import menu — choose the kind of
 * file and the file, see the preview (its first rows and, from a dry run,
 * every error or change) before anything is written, Enter imports, then
 * the counts. kind ("students" ... as import_kinds) opens it for that kind
 * alone (it closes when done); NULL lets the user choose. */
screen *scr_import(ui *u, const char *kind);
/* Asks for the file of an import of kind at once and pushes its preview
 * (the first-run page's import steps); false when the user cancelled. */
bool ui_import_kind(ui *u, const char *kind);
/* The reports screen (F9), in scr_reports.c: the name list, the semester
 * summary's draft and editor, the semester's due dates. */
screen *scr_reports(ui *u);
/* The semester review (scr_review.c): the new semester's code and dates,
 * and each pairing that carries over into it, kept or ended; confirming
 * starts the semester and ends the marked pairings in one write.
 * scr_review_if_due: the page when model_semester_review_due says so
 * (start-up), else NULL. */
screen *scr_review(ui *u);
screen *scr_review_if_due(ui *u);
/* The college settings (scr_college.c): name, code, the pairing limit,
 * the overdue days, and the college's counsellors. */
screen *scr_college(ui *u);
/* Backups and restore (scr_backups.c, from the reports page): the
 * automatic backups of the data folder, and putting one back after showing
 * what it holds and asking. */
screen *scr_backups(ui *u);
/* The overview of every college for a semester (scr_overview.c, from the
 * reports page): model_overview_get's rows and the total row. */
screen *scr_overview(ui *u, const char *semester_code);
/* Puts a prepared restore in place (model_restore_commit): the screens'
 * database is closed, replaced and opened again (ui_store changes). */
int ui_restore(ui *u, model_restore_plan *p, char **kept, err *e);
/* The database ui_run ended with (a restore opens a new one): the caller
 * closes this one. */
model_store *ui_final_store(void);
/* The college the user chose to see on the dashboard (remembered in
 * $XDG_CONFIG_HOME/bangfu/dashboard; scr_dashboard.c), or NULL for all.
 * malloc'd. The college settings open on it. */
char *ui_college_pref(void);
/* Ending a pairing (e): opens the ending form (forms/pairing_end.form) on
 * the pairing; false after telling the user why not. */
bool ui_end_pairing(ui *u, const rid *pairing_id);

#endif
