/* keymap.h — the one action table and keymap files (the files in keymaps/).
 *
 * Every action has a name (used in keymap files), a help text and a short
 * key-bar label (both marked N_() and translated on display). Default keys
 * are NOT in C: keymaps/default is data, parsed by the same parser as the
 * user's file; a broken shipped file is reported like a user's.
 *
 * File format (one binding per line, '#' starts a comment):
 *
 *     # action    keys...
 *     quit        F10
 *     help        F1 ?
 *     down        Down C-n
 *     include     default        # another map in the same folder, first
 *
 * Keys: a printable character as itself ("j", "?", "/"), or one of F1..F12,
 * Up Down Left Right S-Left S-Right Home End PgUp PgDn Enter Esc Tab BTab
 * Space Backspace Delete Insert, C-a..C-z (control), M-x (Esc then x, or
 * Alt-x). Two keys
 * written together without a space make a sequence: ":q" (":" then "q"),
 * "C-xC-c" (C-x then C-c), "gg"; the first key of a sequence is a
 * character or a C-/M- key. Pressing it waits for the second key (the
 * status line shows "Ctrl+X, then the next key …"); it then means nothing
 * alone. A later line for an
 * action replaces that action's keys; "unbind KEY" removes a key. Unknown
 * actions or key names are reported as "FILE:LINE: what is wrong" — every
 * one of them, and then nothing of the file is used. Parsing is curses-free
 * (key codes are ncurses KEY_* values and characters).
 *
 * Three uses of actions (action_info.use):
 *   AU_SCREEN  what a key means on a screen (its bar and extra lists, or
 *              global): ui.c resolves every key to one of these;
 *   AU_TEXT    the line editor's keys (ACT_LINE_START ... ACT_NEWLINE),
 *              asked by edit_key() while a field, a filter or a prompt
 *              takes text. A printable character always types itself
 *              there, whatever it is bound to;
 *   AU_DIALOG  the dialogs' answers (ACT_YES ... ACT_DISMISS), asked by
 *              dialog.c (the dialogs also take up, down, page_up,
 *              page_down, home, end, open and back from AU_SCREEN).
 * AU_TEXT and AU_DIALOG actions take single keys (no sequences); a key may
 * be bound to one of them and to a screen action at once (Enter: open,
 * newline, yes, accept, dismiss) — each place asks only for its own. */
#ifndef BANGFU_KEYMAP_H
#define BANGFU_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "util/err.h"

typedef enum action {
	ACT_NONE = 0,
	ACT_QUIT, ACT_HELP, ACT_NEW, ACT_SEARCH, ACT_EDIT, ACT_LOG_TALK,
	ACT_SAVE, ACT_BACK, ACT_OPEN,
	ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_PAGE_UP, ACT_PAGE_DOWN,
	ACT_HOME, ACT_END, ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_TOGGLE,
	ACT_SORT, ACT_AID, ACT_DELETE, ACT_REFRESH,
	ACT_GO_DASHBOARD, ACT_GO_STUDENTS, ACT_GO_MEMBERS, ACT_GO_PAIRINGS,
	ACT_GO_TALKS, ACT_GO_COUNSELLORS, ACT_REPORTS, ACT_IMPORT,
	/* corrections, the roster, the pairings list's filters */
	ACT_UNDO, ACT_CLEAR_FIELD, ACT_GO_ROSTER, ACT_MAKE_MEMBER, ACT_MAKE_TARGET,
	ACT_FILTER_SEMESTER, ACT_FILTER_STATE,
	/* the life of a pairing and a semester, the college's settings */
	ACT_END_PAIRING, ACT_END_ALL, ACT_CHOOSE_COLLEGE, ACT_GO_COLLEGE,
	/* the line editor (AU_TEXT) */
	ACT_LINE_START, ACT_LINE_END, ACT_CHAR_LEFT, ACT_CHAR_RIGHT,
	ACT_WORD_LEFT, ACT_WORD_RIGHT, ACT_DELETE_BEFORE, ACT_DELETE_CHAR,
	ACT_KILL_TO_END, ACT_KILL_TO_START, ACT_KILL_WORD,
	ACT_LINE_UP, ACT_LINE_DOWN, ACT_NEWLINE,
	/* dialogs (AU_DIALOG) */
	ACT_YES, ACT_NO, ACT_ACCEPT, ACT_CANCEL, ACT_DISMISS,
	ACT__COUNT
} action_t;

typedef enum action_use { AU_SCREEN, AU_TEXT, AU_DIALOG } action_use;

typedef struct action_info {
	action_t id;
	const char *name;      /* "quit" */
	const char *help;      /* N_("Leave bangfu") */
	const char *label;     /* N_("Quit"), for the key bar */
	bool global;           /* offered on every screen (quit, help, go to ...) */
	action_use use;        /* where the action is asked for (see above) */
} action_info;

extern const action_info action_table[ACT__COUNT];
const action_info *action_by_name(const char *name);

/* A key: a character (code false) or an ncurses KEY_* code (code true). */
typedef struct keyspec {
	bool code;
	wint_t ch;
	bool meta;             /* M-x: Alt or Esc before the key */
} keyspec;

/* One binding: a key, or a sequence of two keys (a prefix then a key). */
typedef struct keyseq {
	keyspec k[2];
	unsigned n;            /* 1 or 2 */
} keyseq;

/* "F10" -> keyspec; false if not a key name. */
bool keyspec_parse(const char *name, keyspec *out);
/* "F10", ":q", "C-xC-c" -> keyseq; false if neither a key nor two. */
bool keyseq_parse(const char *name, keyseq *out);
/* The display name of a key ("F10", "j", "C-x") into buf. */
void keyspec_display(keyspec k, char *buf, size_t n);
/* "F10", ":q", "C-x C-c" */
void keyseq_name(const keyseq *s, char *buf, size_t n);
/* The name a user reads on the screens (key bar, help, hints), in the UI's
 * language: "Ctrl+S", "Shift+Tab", "Alt+V", "Enter" (回车), "Page Down"
 * (下翻页); F1..F12, Home, End, Esc, Tab and characters as they are. The
 * keymap files keep their own names (keyspec_display). */
void keyspec_label(keyspec k, char *buf, size_t n);
/* "F10", ":q", "Ctrl+X Ctrl+C" */
void keyseq_label(const keyseq *s, char *buf, size_t n);
bool keyspec_equal(keyspec a, keyspec b);
/* True if k types a character where text is taken (Space included; not
 * Alt-x, not a control key): such a key inserts itself in a field
 * whatever it is bound to. */
bool keyspec_is_text(keyspec k);

enum { KEYS_PER_ACTION = 8 };

typedef struct keymap {
	keyseq keys[ACT__COUNT][KEYS_PER_ACTION];
	size_t nkeys[ACT__COUNT];
} keymap;

/* Loads a keymap file into km (on top of what km holds). dir is where
 * "include NAME" looks. All problems go to errs as FILE:LINE: ...; returns
 * 0, or E_INPUT (km unchanged). */
int keymap_load(keymap *km, const char *path, const char *dir, errlist *errs);
/* The shipped map NAME ("default", "vi", "emacs") from dir (NULL =
 * keymap_dir()), or a file (a path with '/', or a name that is no shipped
 * map but a file in the current folder); then the user's override file:
 * user_file, or keymap_user_file() if that exists. */
int keymap_setup(keymap *km, const char *dir, const char *name, const char *user_file,
		 errlist *errs);
/* The action bound to key k alone, or ACT_NONE (the first in table order
 * when several are). */
action_t keymap_action(const keymap *km, keyspec k);
/* The first action of `use` bound to key k alone, or ACT_NONE. */
action_t keymap_action_of(const keymap *km, keyspec k, action_use use);
/* The first action of `among` (ending with ACT_NONE) bound to key k
 * alone, or ACT_NONE. */
action_t keymap_action_among(const keymap *km, keyspec k, const action_t *among);

/* Looks up the keys pressed so far (n = 1 or 2). A key may be bound to
 * several actions (F2: new in lists, save in forms): the one chosen is the
 * first bound action found in `prefer` (the screen's bar), then in `extra`
 * (the screen's other actions), then a global action, then any AU_SCREEN
 * action (both lists end with ACT_NONE and may be NULL; AU_TEXT and
 * AU_DIALOG actions are found only when a list names them). KM_PREFIX: seq[0] starts a two-key
 * sequence — wait for the next key. */
typedef enum km_match { KM_NONE, KM_MATCH, KM_PREFIX } km_match;
km_match keymap_lookup(const keymap *km, const keyspec *seq, size_t n,
		       const action_t *prefer, const action_t *extra, action_t *out);
/* True if action a is bound to seq (exactly). */
bool keymap_bound(const keymap *km, action_t a, const keyspec *seq, size_t n);
/* All keys of action a for the help screen ("F1, ?", "F10, Ctrl+Q"; the
 * names of keyseq_label) into buf. */
void keymap_keys_text(const keymap *km, action_t a, char *buf, size_t n);
/* The user's override file: $XDG_CONFIG_HOME/bangfu/keys, else
 * ~/.config/bangfu/keys (malloc'd; NULL without HOME). */
char *keymap_user_file(void);
/* The folder of the shipped maps: $BANGFU_KEYMAPS, else KEYMAPSDIR if it
 * holds "default", else "keymaps" next to the folder of the running program
 * (an uninstalled in-tree build). */
const char *keymap_dir(void);
/* "F10" — the first key of the action (keyseq_label), for the key bar and
 * the hints; "" if none. */
void keymap_first_key(const keymap *km, action_t a, char *buf, size_t n);

#endif
