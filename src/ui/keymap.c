#include "config.h"
/* keymap.c — the action table, key names and keymap files (see keymap.h). */
#include "ui/keymap.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/paths.h"

#define A(id, name, help, label, global) [id] = { id, name, help, label, global, AU_SCREEN }
#define T(id, name, help, label) [id] = { id, name, help, label, false, AU_TEXT }
#define D(id, name, help, label) [id] = { id, name, help, label, false, AU_DIALOG }

const action_info action_table[ACT__COUNT] = {
	A(ACT_NONE, "none", N_("Nothing"), "", false),
	A(ACT_QUIT, "quit", N_("Leave bangfu (asks first when a form has unsaved changes)"),
	  N_("Quit"), true),
	A(ACT_HELP, "help", N_("Show the keys of this screen"), N_("Help"), true),
	A(ACT_NEW, "new", N_("Add a new record"), N_("New"), false),
	A(ACT_SEARCH, "search", N_("Filter the list: number, name, pinyin, class or kind"),
	  N_("Search"), false),
	A(ACT_EDIT, "edit", N_("Edit the selected record"), N_("Edit"), false),
	A(ACT_LOG_TALK, "log_talk", N_("Log a talk for the selected pairing or student"),
	  N_("Talk"), false),
	A(ACT_SAVE, "save", N_("Save the form"), N_("Save"), false),
	A(ACT_BACK, "back", N_("Go back to the previous screen"), N_("Back"), true),
	A(ACT_OPEN, "open", N_("Open the selected row, or choose"), N_("Open"), false),
	A(ACT_UP, "up", N_("Move up"), N_("Up"), false),
	A(ACT_DOWN, "down", N_("Move down"), N_("Down"), false),
	A(ACT_LEFT, "left", N_("Move left"), N_("Left"), false),
	A(ACT_RIGHT, "right", N_("Move right"), N_("Right"), false),
	A(ACT_PAGE_UP, "page_up", N_("Up one page"), N_("PgUp"), false),
	A(ACT_PAGE_DOWN, "page_down", N_("Down one page"), N_("PgDn"), false),
	A(ACT_HOME, "home", N_("Go to the first row"), N_("First"), false),
	A(ACT_END, "end", N_("Go to the last row"), N_("Last"), false),
	A(ACT_NEXT_FIELD, "next_field", N_("Next field"), N_("Next"), false),
	A(ACT_PREV_FIELD, "prev_field", N_("Previous field"), N_("Prev"), false),
	A(ACT_TOGGLE, "toggle", N_("Tick or untick a choice"), N_("Toggle"), false),
	A(ACT_SORT, "sort", N_("Sort by the next column"), N_("Sort"), false),
	A(ACT_AID, "aid", N_("Record aid given to the student"), N_("Aid"), false),
	A(ACT_DELETE, "delete", N_("Delete the selected record (asks first)"), N_("Delete"),
	  false),
	A(ACT_REFRESH, "refresh", N_("Redraw the screen and reload the data"), N_("Redraw"),
	  true),
	A(ACT_GO_DASHBOARD, "go_dashboard", N_("Go to the dashboard"), N_("Home"), true),
	A(ACT_GO_STUDENTS, "go_students", N_("Go to the assisted students"), N_("Students"),
	  true),
	A(ACT_GO_MEMBERS, "go_members", N_("Go to the party members"), N_("Members"), true),
	A(ACT_GO_PAIRINGS, "go_pairings", N_("Go to the pairings"), N_("Pairings"), true),
	A(ACT_GO_TALKS, "go_talks", N_("Go to the talks"), N_("Talks"), true),
	A(ACT_GO_COUNSELLORS, "go_counsellors", N_("Go to the counsellors"),
	  N_("Counsellors"), true),
	A(ACT_REPORTS, "reports", N_("Name lists and semester summaries"), N_("Reports"),
	  true),
	A(ACT_IMPORT, "import", N_("Import data from a CSV file: students, counsellors, "
				   "pairings, talks, aid"), N_("Import"), true),
	A(ACT_UNDO, "undo", N_("Undo the last delete (until the next change)"), N_("Undo"), true),
	A(ACT_CLEAR_FIELD, "clear_field", N_("Clear the chosen value of an optional field"),
	  N_("Clear"), false),
	A(ACT_GO_ROSTER, "go_roster", N_("Go to all students (the roster)"), N_("Roster"), true),
	A(ACT_MAKE_MEMBER, "make_member",
	  N_("Make the selected student a party member (edit the political status)"),
	  N_("Make member"), false),
	A(ACT_MAKE_TARGET, "make_target",
	  N_("Make the selected student an assisted student (a new profile)"), N_("Make assisted"),
	  false),
	A(ACT_FILTER_SEMESTER, "filter_semester",
	  N_("Pairings of another semester, or of every semester"), N_("Semester"), false),
	A(ACT_FILTER_STATE, "filter_state", N_("Running, ended or all pairings"), N_("State"),
	  false),
	A(ACT_END_PAIRING, "end_pairing",
	  N_("End the selected pairing: its end date, outcome and the student's state"),
	  N_("Finish"), false),
	A(ACT_END_ALL, "end_all", N_("Semester review: one outcome for every pairing marked to end"),
	  N_("Outcome"), false),
	A(ACT_CHOOSE_COLLEGE, "choose_college",
	  N_("Show one college or all (the choice is remembered)"), N_("College"), false),
	A(ACT_GO_COLLEGE, "go_college", N_("Go to the college settings and its counsellors"),
	  N_("Settings"), true),
	/* the line editor: fields, filters, prompts, the summary editor */
	T(ACT_LINE_START, "line_start", N_("Text: to the start of the line"), N_("Line start")),
	T(ACT_LINE_END, "line_end", N_("Text: to the end of the line"), N_("Line end")),
	T(ACT_CHAR_LEFT, "char_left", N_("Text: one character left"), N_("Left")),
	T(ACT_CHAR_RIGHT, "char_right", N_("Text: one character right"), N_("Right")),
	T(ACT_WORD_LEFT, "word_left", N_("Text: one word left"), N_("Word left")),
	T(ACT_WORD_RIGHT, "word_right", N_("Text: one word right"), N_("Word right")),
	T(ACT_DELETE_BEFORE, "delete_before", N_("Text: delete the character before the cursor"),
	  N_("Rub out")),
	T(ACT_DELETE_CHAR, "delete_char", N_("Text: delete the character under the cursor"),
	  N_("Del char")),
	T(ACT_KILL_TO_END, "kill_to_end", N_("Text: delete to the end of the line"),
	  N_("Kill end")),
	T(ACT_KILL_TO_START, "kill_to_start", N_("Text: delete to the start of the line"),
	  N_("Kill start")),
	T(ACT_KILL_WORD, "kill_word", N_("Text: delete the word before the cursor"),
	  N_("Kill word")),
	T(ACT_LINE_UP, "line_up", N_("Text of several lines: up a line"), N_("Line up")),
	T(ACT_LINE_DOWN, "line_down", N_("Text of several lines: down a line"),
	  N_("Line down")),
	T(ACT_NEWLINE, "newline", N_("Text of several lines: start a new line"),
	  N_("Newline")),
	/* dialogs */
	D(ACT_YES, "yes", N_("Dialog: answer yes"), N_("Yes")),
	D(ACT_NO, "no", N_("Dialog: answer no"), N_("No")),
	D(ACT_ACCEPT, "accept", N_("Dialog: take the text typed or the row chosen"), N_("OK")),
	D(ACT_CANCEL, "cancel", N_("Dialog: close without an answer"), N_("Cancel")),
	D(ACT_DISMISS, "dismiss", N_("Dialog: close a message"), N_("Close")),
};

const action_info *action_by_name(const char *name)
{
	for (int i = 1; i < ACT__COUNT; i++)
		if (action_table[i].name && strcmp(action_table[i].name, name) == 0)
			return &action_table[i];
	return NULL;
}

/* ---- key names ------------------------------------------------------- */

static const struct {
	const char *name;
	bool code;
	wint_t ch;
} named[] = {
	{ "Up", true, KEY_UP }, { "Down", true, KEY_DOWN },
	{ "Left", true, KEY_LEFT }, { "Right", true, KEY_RIGHT },
	{ "S-Left", true, KEY_SLEFT }, { "S-Right", true, KEY_SRIGHT },
	{ "Home", true, KEY_HOME }, { "End", true, KEY_END },
	{ "PgUp", true, KEY_PPAGE }, { "PgDn", true, KEY_NPAGE },
	{ "Enter", false, L'\r' }, { "Esc", false, 27 }, { "Tab", false, L'\t' },
	{ "BTab", true, KEY_BTAB }, { "Space", false, L' ' },
	{ "Backspace", true, KEY_BACKSPACE }, { "Delete", true, KEY_DC },
	{ "Insert", true, KEY_IC },
};

bool keyspec_equal(keyspec a, keyspec b)
{
	return a.code == b.code && a.ch == b.ch && a.meta == b.meta;
}

/* One UTF-8 character making up all of s: its code point, else -1. */
static long single_char(const char *s)
{
	size_t n = strlen(s);
	if (n == 0)
		return -1;
	/* decode by hand: the locale may not be UTF-8 yet */
	const unsigned char *u = (const unsigned char *)s;
	long c;
	size_t len;
	if (u[0] < 0x80)
		c = u[0], len = 1;
	else if ((u[0] & 0xe0) == 0xc0)
		c = u[0] & 0x1f, len = 2;
	else if ((u[0] & 0xf0) == 0xe0)
		c = u[0] & 0x0f, len = 3;
	else if ((u[0] & 0xf8) == 0xf0)
		c = u[0] & 0x07, len = 4;
	else
		return -1;
	if (len != n)
		return -1;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (u[i] & 0x3f);
	}
	return c;
}

bool keyspec_parse(const char *name, keyspec *out)
{
	keyspec k = { false, 0, false };
	if (strncmp(name, "M-", 2) == 0 && name[2]) {
		if (!keyspec_parse(name + 2, &k) || k.meta)
			return false;
		k.meta = true;
		*out = k;
		return true;
	}
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcmp(name, named[i].name) == 0) {
			k.code = named[i].code;
			k.ch = named[i].ch;
			*out = k;
			return true;
		}
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		char *end;
		long f = strtol(name + 1, &end, 10);
		if (*end == '\0' && f >= 1 && f <= 12) {
			k.code = true;
			k.ch = (wint_t)KEY_F(f);
			*out = k;
			return true;
		}
		if (*end == '\0')
			return false;
	}
	if (name[0] == 'C' && name[1] == '-' && name[2] && !name[3]) {
		char c = name[2];
		if (c >= 'a' && c <= 'z') {
			k.ch = (wint_t)(c - 'a' + 1);
			*out = k;
			return true;
		}
		return false;
	}
	long c = single_char(name);
	if (c > 0x20 && c != 0x7f) {
		k.ch = (wint_t)c;
		*out = k;
		return true;
	}
	return false;
}

bool keyseq_parse(const char *name, keyseq *out)
{
	memset(out, 0, sizeof *out);
	if (keyspec_parse(name, &out->k[0])) {
		out->n = 1;
		return true;
	}
	/* two keys written together: try every split */
	size_t len = strlen(name);
	char buf[64];
	if (len >= sizeof buf)
		return false;
	for (size_t i = 1; i < len; i++) {
		memcpy(buf, name, i);
		buf[i] = '\0';
		/* a prefix is a character or a control/meta key ("F99" is not
		 * F9 then 9, "Upx" not Up then x) */
		if (!(single_char(buf) > 0x20 || strncmp(buf, "C-", 2) == 0 ||
		      strncmp(buf, "M-", 2) == 0))
			continue;
		if (keyspec_parse(buf, &out->k[0]) && keyspec_parse(name + i, &out->k[1])) {
			out->n = 2;
			return true;
		}
	}
	return false;
}

void keyspec_display(keyspec k, char *buf, size_t n)
{
	char base[32] = "";
	if (k.code && k.ch >= (wint_t)KEY_F(1) && k.ch <= (wint_t)KEY_F(12)) {
		snprintf(base, sizeof base, "F%d", (int)(k.ch - KEY_F0));
	} else {
		for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
			if (named[i].code == k.code && named[i].ch == k.ch) {
				snprintf(base, sizeof base, "%s", named[i].name);
				break;
			}
		if (!base[0]) {
			if (k.code)
				snprintf(base, sizeof base, "<%u>", (unsigned)k.ch);
			else if (k.ch >= 1 && k.ch <= 26)
				snprintf(base, sizeof base, "C-%c", (char)('a' + k.ch - 1));
			else {
				wchar_t w[2] = { (wchar_t)k.ch, 0 };
				/* encode UTF-8 by hand (locale-independent) */
				unsigned long c = (unsigned long)w[0];
				unsigned char *b = (unsigned char *)base;
				if (c < 0x80) {
					b[0] = (unsigned char)c, b[1] = 0;
				} else if (c < 0x800) {
					b[0] = (unsigned char)(0xc0 | (c >> 6));
					b[1] = (unsigned char)(0x80 | (c & 0x3f)), b[2] = 0;
				} else if (c < 0x10000) {
					b[0] = (unsigned char)(0xe0 | (c >> 12));
					b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
					b[2] = (unsigned char)(0x80 | (c & 0x3f)), b[3] = 0;
				} else {
					b[0] = (unsigned char)(0xf0 | (c >> 18));
					b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
					b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
					b[3] = (unsigned char)(0x80 | (c & 0x3f)), b[4] = 0;
				}
			}
		}
	}
	snprintf(buf, n, "%s%s", k.meta ? "M-" : "", base);
}

static bool printable_single(keyspec k);

/* ---- key names as the screens show them -------------------------------- */

/* The names a user reads, not the file syntax: "Ctrl+S", "Shift+Tab",
 * "Page Down" (下翻页). A msgid "key|Up" keeps a key's name apart from the
 * action label "Up"; without a translation the part after '|' is shown. */
static const struct {
	bool code;
	wint_t ch;
	const char *label;
} shown[] = {
	{ true, KEY_UP, N_("key|Up") }, { true, KEY_DOWN, N_("key|Down") },
	{ true, KEY_LEFT, N_("key|Left") }, { true, KEY_RIGHT, N_("key|Right") },
	{ true, KEY_SLEFT, N_("key|Shift+Left") }, { true, KEY_SRIGHT, N_("key|Shift+Right") },
	{ true, KEY_HOME, "Home" }, { true, KEY_END, "End" },
	{ true, KEY_PPAGE, N_("key|Page Up") }, { true, KEY_NPAGE, N_("key|Page Down") },
	{ false, L'\r', N_("key|Enter") }, { false, 27, "Esc" }, { false, L'\t', "Tab" },
	{ true, KEY_BTAB, "Shift+Tab" }, { false, L' ', N_("key|Space") },
	{ true, KEY_BACKSPACE, N_("key|Backspace") }, { true, KEY_DC, "Delete" },
	{ true, KEY_IC, "Insert" },
};

static const char *key_word(const char *id)
{
	const char *bar = strchr(id, '|');
	if (!bar)
		return id;
	const char *t = _(id);
	return t == id || strcmp(t, id) == 0 ? bar + 1 : t;
}

void keyspec_label(keyspec k, char *buf, size_t n)
{
	char base[64] = "";
	bool shift = false;
	if (k.code && k.ch >= (wint_t)KEY_F(1) && k.ch <= (wint_t)KEY_F(12)) {
		snprintf(base, sizeof base, "F%d", (int)(k.ch - KEY_F0));
	} else if (!k.code && k.ch >= 1 && k.ch <= 26 && k.ch != L'\t' && k.ch != L'\r') {
		snprintf(base, sizeof base, "Ctrl+%c", (char)('A' + k.ch - 1));
	} else {
		for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
			if (shown[i].code == k.code && shown[i].ch == k.ch) {
				snprintf(base, sizeof base, "%s", key_word(shown[i].label));
				break;
			}
		if (!base[0]) {
			keyspec plain = k;
			plain.meta = false;
			keyspec_display(plain, base, sizeof base);
			/* Alt+V as the key is labelled; Alt+Shift+V for Alt-V */
			if (k.meta && !k.code && k.ch < 0x80 && base[1] == '\0') {
				if (base[0] >= 'a' && base[0] <= 'z')
					base[0] = (char)(base[0] - 'a' + 'A');
				else if (base[0] >= 'A' && base[0] <= 'Z')
					shift = true;
			}
		}
	}
	snprintf(buf, n, "%s%s%s", k.meta ? "Alt+" : "", shift ? "Shift+" : "", base);
}

void keyseq_label(const keyseq *s, char *buf, size_t n)
{
	char a[80], b[80];
	keyspec_label(s->k[0], a, sizeof a);
	if (s->n < 2) {
		snprintf(buf, n, "%s", a);
		return;
	}
	keyspec_label(s->k[1], b, sizeof b);
	if (printable_single(s->k[0]) && printable_single(s->k[1]))
		snprintf(buf, n, "%s%s", a, b);
	else
		snprintf(buf, n, "%s %s", a, b);
}

bool keyspec_is_text(keyspec k)
{
	return !k.code && !k.meta && k.ch >= 0x20 && k.ch != 0x7f;
}

static bool printable_single(keyspec k)
{
	return !k.code && !k.meta && k.ch > 0x20 && k.ch != 0x7f;
}

void keyseq_name(const keyseq *s, char *buf, size_t n)
{
	char a[40], b[40];
	keyspec_display(s->k[0], a, sizeof a);
	if (s->n < 2) {
		snprintf(buf, n, "%s", a);
		return;
	}
	keyspec_display(s->k[1], b, sizeof b);
	if (printable_single(s->k[0]) && printable_single(s->k[1]))
		snprintf(buf, n, "%s%s", a, b);
	else
		snprintf(buf, n, "%s %s", a, b);
}

/* ---- files ----------------------------------------------------------- */

enum { MAX_INCLUDE = 8 };

static bool seq_eq(const keyseq *a, const keyseq *b)
{
	if (a->n != b->n)
		return false;
	for (unsigned i = 0; i < a->n; i++)
		if (!keyspec_equal(a->k[i], b->k[i]))
			return false;
	return true;
}

static void unbind(keymap *km, const keyseq *s)
{
	for (int a = 0; a < ACT__COUNT; a++)
		for (size_t i = 0; i < km->nkeys[a];) {
			if (seq_eq(&km->keys[a][i], s)) {
				memmove(&km->keys[a][i], &km->keys[a][i + 1],
					(km->nkeys[a] - i - 1) * sizeof km->keys[a][0]);
				km->nkeys[a]--;
			} else {
				i++;
			}
		}
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
			 s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

static int load(keymap *km, const char *path, const char *dir, errlist *errs, int depth);

static char *join_path(const char *dir, const char *name)
{
	if (strchr(name, '/') || !dir)
		return xstrdup(name);
	return xasprintf("%s/%s", dir, name);
}

/* One file being read: where problems are reported. */
struct kline {
	const char *path;
	unsigned lineno;
	errlist *errs;
};

/* "include NAME": reads another map of dir first. */
static void line_include(keymap *km, const struct kline *l, const char *dir, int depth,
			 char **save)
{
	char *name = strtok_r(NULL, " \t", save);
	if (!name || strtok_r(NULL, " \t", save)) {
		errlist_add(l->errs, _("%s:%u: include takes one keymap name"), l->path, l->lineno);
		return;
	}
	if (depth >= MAX_INCLUDE) {
		errlist_add(l->errs, _("%s:%u: includes nested too deeply (a loop?)"), l->path,
			    l->lineno);
		return;
	}
	char *p = join_path(dir, name);
	load(km, p, dir, l->errs, depth + 1);
	free(p);
}

/* "unbind KEY...": takes the keys from every action. */
static void line_unbind(keymap *km, const struct kline *l, char **save)
{
	char *k;
	bool any = false;
	while ((k = strtok_r(NULL, " \t", save))) {
		keyseq ks;
		any = true;
		if (!keyseq_parse(k, &ks))
			errlist_add(l->errs, _("%s:%u: unknown key \"%s\""), l->path, l->lineno, k);
		else
			unbind(km, &ks);
	}
	if (!any)
		errlist_add(l->errs, _("%s:%u: unbind needs a key"), l->path, l->lineno);
}

/* "ACTION KEY...": the action's keys from now on. */
static void line_bind(keymap *km, const struct kline *l, const char *word, char **save)
{
	const action_info *ai = action_by_name(word);
	if (!ai) {
		errlist_add(l->errs, _("%s:%u: unknown action \"%s\""), l->path, l->lineno, word);
		return;
	}
	keyseq ks[KEYS_PER_ACTION];
	size_t n = 0;
	bool bad = false;
	char *k;
	while ((k = strtok_r(NULL, " \t", save))) {
		keyseq one;
		if (!keyseq_parse(k, &one)) {
			errlist_add(l->errs, _("%s:%u: unknown key \"%s\""), l->path, l->lineno, k);
			bad = true;
			continue;
		}
		if (one.n > 1 && ai->use != AU_SCREEN) {
			/* the line editor and the dialogs read one key at a time */
			errlist_add(l->errs, _("%s:%u: %s takes single keys, not \"%s\""), l->path,
				    l->lineno, word, k);
			bad = true;
			continue;
		}
		if (n == KEYS_PER_ACTION) {
			errlist_add(l->errs, _("%s:%u: at most %d keys per action"), l->path,
				    l->lineno, (int)KEYS_PER_ACTION);
			bad = true;
			break;
		}
		ks[n++] = one;
	}
	if (n == 0 && !bad) {
		errlist_add(l->errs, _("%s:%u: no key for \"%s\" (use unbind to remove keys)"),
			    l->path, l->lineno, word);
		return;
	}
	if (bad)
		return;
	memcpy(km->keys[ai->id], ks, n * sizeof ks[0]);
	km->nkeys[ai->id] = n;
}

/* '#' at the start of a word starts a comment. */
static void cut_comment(char *line)
{
	for (char *h = line; *h; h++)
		if (*h == '#' && (h == line || h[-1] == ' ' || h[-1] == '\t')) {
			*h = '\0';
			return;
		}
}

static int load(keymap *km, const char *path, const char *dir, errlist *errs, int depth)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		errlist_add(errs, _("%s: cannot read the keymap: %s"), path, strerror(errno));
		return E_INPUT;
	}
	size_t before = errs->n;
	struct kline l = { path, 0, errs };
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, f) != -1) {
		l.lineno++;
		cut_comment(line);
		char *s = trim(line);
		if (!*s)
			continue;
		char *save = NULL;
		char *word = strtok_r(s, " \t", &save);
		if (strcmp(word, "include") == 0)
			line_include(km, &l, dir, depth, &save);
		else if (strcmp(word, "unbind") == 0)
			line_unbind(km, &l, &save);
		else
			line_bind(km, &l, word, &save);
	}
	free(line);
	if (ferror(f))
		errlist_add(errs, _("%s: cannot read the keymap: %s"), path, strerror(errno));
	fclose(f);
	return errs->n > before ? E_INPUT : 0;
}

int keymap_load(keymap *km, const char *path, const char *dir, errlist *errs)
{
	keymap tmp = *km;
	size_t before = errs->n;
	load(&tmp, path, dir, errs, 0);
	if (errs->n > before)
		return E_INPUT;
	*km = tmp;
	return 0;
}

char *keymap_user_file(void)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	if (x && *x == '/')
		return xasprintf("%s/bangfu/keys", x);
	const char *h = getenv("HOME");
	if (h && *h)
		return xasprintf("%s/.config/bangfu/keys", h);
	return NULL;
}

const char *keymap_dir(void)
{
	static char *dir;
	if (!dir)
		dir = paths_data_dir("BANGFU_KEYMAPS", KEYMAPSDIR, "keymaps", "default");
	return dir;
}

int keymap_setup(keymap *km, const char *dir, const char *name, const char *user_file,
		 errlist *errs)
{
	keymap tmp;
	memset(&tmp, 0, sizeof tmp);
	if (!name || !*name)
		name = "default";
	if (!dir)
		dir = keymap_dir();
	char *path = join_path(dir, name);
	if (access(path, F_OK) != 0 && access(name, F_OK) == 0) {
		/* not a shipped map but a file here: --keymap mykeys */
		free(path);
		path = xstrdup(name);
	}
	int rc = keymap_load(&tmp, path, dir, errs);
	free(path);
	if (rc)
		return rc;
	char *uf = user_file ? xstrdup(user_file) : keymap_user_file();
	if (uf && (user_file || access(uf, F_OK) == 0)) {
		rc = keymap_load(&tmp, uf, dir, errs);
		if (rc) {
			free(uf);
			return rc;
		}
	}
	free(uf);
	*km = tmp;
	return 0;
}

/* ---- lookup ---------------------------------------------------------- */

bool keymap_bound(const keymap *km, action_t a, const keyspec *seq, size_t n)
{
	for (size_t i = 0; i < km->nkeys[a]; i++) {
		const keyseq *s = &km->keys[a][i];
		if (s->n != n)
			continue;
		bool eq = true;
		for (size_t j = 0; j < n; j++)
			eq = eq && keyspec_equal(s->k[j], seq[j]);
		if (eq)
			return true;
	}
	return false;
}

action_t keymap_action(const keymap *km, keyspec k)
{
	for (int a = 1; a < ACT__COUNT; a++)
		if (keymap_bound(km, (action_t)a, &k, 1))
			return (action_t)a;
	return ACT_NONE;
}

static action_t first_in(const keymap *km, const action_t *list, const keyspec *seq, size_t n)
{
	if (!list)
		return ACT_NONE;
	for (; *list != ACT_NONE; list++)
		if (keymap_bound(km, *list, seq, n))
			return *list;
	return ACT_NONE;
}

action_t keymap_action_of(const keymap *km, keyspec k, action_use use)
{
	for (int a = 1; a < ACT__COUNT; a++)
		if (action_table[a].use == use && keymap_bound(km, (action_t)a, &k, 1))
			return (action_t)a;
	return ACT_NONE;
}

action_t keymap_action_among(const keymap *km, keyspec k, const action_t *among)
{
	return first_in(km, among, &k, 1);
}

static bool is_prefix(const keymap *km, keyspec k)
{
	for (int a = 1; a < ACT__COUNT; a++)
		for (size_t i = 0; i < km->nkeys[a]; i++)
			if (km->keys[a][i].n == 2 && keyspec_equal(km->keys[a][i].k[0], k))
				return true;
	return false;
}

km_match keymap_lookup(const keymap *km, const keyspec *seq, size_t n,
		       const action_t *prefer, const action_t *extra, action_t *out)
{
	*out = ACT_NONE;
	if (n == 0 || n > 2)
		return KM_NONE;
	if (n == 1 && is_prefix(km, seq[0]))
		return KM_PREFIX;
	action_t a = first_in(km, prefer, seq, n);
	if (a == ACT_NONE)
		a = first_in(km, extra, seq, n);
	if (a == ACT_NONE)
		for (int i = 1; i < ACT__COUNT && a == ACT_NONE; i++)
			if (action_table[i].global && keymap_bound(km, (action_t)i, seq, n))
				a = (action_t)i;
	if (a == ACT_NONE)
		for (int i = 1; i < ACT__COUNT && a == ACT_NONE; i++)
			if (action_table[i].use == AU_SCREEN && keymap_bound(km, (action_t)i, seq, n))
				a = (action_t)i;
	*out = a;
	return a == ACT_NONE ? KM_NONE : KM_MATCH;
}

void keymap_first_key(const keymap *km, action_t a, char *buf, size_t n)
{
	if (n)
		buf[0] = '\0';
	if (a <= ACT_NONE || a >= ACT__COUNT || km->nkeys[a] == 0)
		return;
	keyseq_label(&km->keys[a][0], buf, n);
}

void keymap_keys_text(const keymap *km, action_t a, char *buf, size_t n)
{
	size_t used = 0;
	if (n)
		buf[0] = '\0';
	if (a <= ACT_NONE || a >= ACT__COUNT)
		return;
	for (size_t i = 0; i < km->nkeys[a]; i++) {
		char k[96];
		keyseq_label(&km->keys[a][i], k, sizeof k);
		int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "", k);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
}
