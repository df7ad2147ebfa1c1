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
 * Up Down Left Right Home End PgUp PgDn Enter Esc Tab BTab Space Backspace
 * Delete Insert, C-a..C-z (control), M-x (Esc then x). A later line for an
 * action replaces that action's keys; "unbind KEY" removes a key. Unknown
 * actions or key names are reported as "FILE:LINE: what is wrong" — every
 * one of them, and then nothing of the file is used. Parsing is curses-free
 * (key codes are ncurses KEY_* values and characters). */
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
	ACT_GO_TALKS, ACT_GO_COUNSELLORS, ACT_REPORTS,
	ACT__COUNT
} action_t;

typedef struct action_info {
	action_t id;
	const char *name;      /* "quit" */
	const char *help;      /* N_("Leave bangfu") */
	const char *label;     /* N_("Quit"), for the key bar */
} action_info;

extern const action_info action_table[ACT__COUNT];
const action_info *action_by_name(const char *name);

/* A key: a character (code false) or an ncurses KEY_* code (code true). */
typedef struct keyspec {
	bool code;
	wint_t ch;
} keyspec;

/* "F10" -> keyspec; false if not a key name. */
bool key_parse(const char *name, keyspec *out);
/* The display name of a key ("F10", "j", "C-x") into buf. */
void key_name(keyspec k, char *buf, size_t n);

enum { KEYS_PER_ACTION = 6 };

typedef struct keymap {
	keyspec keys[ACT__COUNT][KEYS_PER_ACTION];
	size_t nkeys[ACT__COUNT];
} keymap;

/* Loads a keymap file into km (on top of what km holds). dir is where
 * "include NAME" looks. All problems go to errs as FILE:LINE: ...; returns
 * 0, or E_INPUT (km unchanged). */
int keymap_load(keymap *km, const char *path, const char *dir, errlist *errs);
/* The shipped map NAME ("default", "vi", "emacs") from dir, then the user's
 * override file if it exists. */
int keymap_setup(keymap *km, const char *dir, const char *name, const char *user_file,
		 errlist *errs);
/* The action bound to key k, or ACT_NONE. */
action_t keymap_action(const keymap *km, keyspec k);
/* "F10" — the first key of the action, for the key bar; "" if none. */
void keymap_first_key(const keymap *km, action_t a, char *buf, size_t n);

#endif
