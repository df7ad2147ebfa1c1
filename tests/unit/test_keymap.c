/* test_keymap.c — the action table and keymap files: every shipped map
 * parses; a user file overrides single bindings; unknown actions and keys
 * are reported with FILE:LINE and nothing of a broken file is used;
 * include, unbind; two-key sequences; a key bound to several actions means
 * the one the screen offers. */
#include "config.h"

#include <criterion/criterion.h>
#include <curses.h>
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui/keymap.h"
#include "util/i18n.h"

static char *keymaps_dir(void)
{
	const char *top = getenv("top_srcdir");
	char buf[4096];
	snprintf(buf, sizeof buf, "%s/keymaps", top ? top : "..");
	return strdup(buf);
}

static char tmp[64];

static void setup(void)
{
	strcpy(tmp, "/tmp/bangfu-keymap.XXXXXX");
	cr_assert_not_null(mkdtemp(tmp));
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(p);
}

static void teardown(void)
{
	if (tmp[0])
		nftw(tmp, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

static char *write_file(const char *name, const char *text)
{
	char *p = NULL;
	cr_assert_neq(asprintf(&p, "%s/%s", tmp, name), -1);
	FILE *f = fopen(p, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

static keyspec K(const char *name)
{
	keyspec k;
	cr_assert(keyspec_parse(name, &k), "key %s", name);
	return k;
}

static action_t act1(const keymap *km, const char *key)
{
	keyspec k = K(key);
	action_t a;
	if (keymap_lookup(km, &k, 1, NULL, NULL, &a) != KM_MATCH)
		return ACT_NONE;
	return a;
}

static void dump(const errlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		fprintf(stderr, "%s\n", l->msg[i]);
}

Test(actions, table_is_complete)
{
	for (int a = 1; a < ACT__COUNT; a++) {
		cr_assert_eq(action_table[a].id, (action_t)a, "action %d", a);
		cr_assert_not_null(action_table[a].name, "action %d", a);
		cr_assert(action_table[a].help && *action_table[a].help, "%s", action_table[a].name);
		cr_assert(action_table[a].label && *action_table[a].label, "%s",
			  action_table[a].name);
		cr_assert_eq(action_by_name(action_table[a].name), &action_table[a]);
	}
	cr_assert_null(action_by_name("fly"));
}

Test(keys, names_round_trip)
{
	const char *names[] = { "F1", "F10", "F12", "j", "?", "/", "G", "Up", "PgDn", "Enter",
				"Esc", "Tab", "BTab", "Space", "Backspace", "Delete", "C-x",
				"M-v", "M-<", "义" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		keyspec k = K(names[i]);
		char buf[32];
		keyspec_display(k, buf, sizeof buf);
		cr_assert_str_eq(buf, names[i]);
	}
	cr_assert(K("F10").code);
	cr_assert_eq(K("F10").ch, (wint_t)KEY_F(10));
	cr_assert_eq(K("C-a").ch, 1u);
	cr_assert_not(K("j").code);
	keyspec k;
	cr_assert_not(keyspec_parse("F13", &k));
	cr_assert_not(keyspec_parse("Fx", &k));
	cr_assert_not(keyspec_parse("Shift", &k));
	cr_assert_not(keyspec_parse("C-1", &k));
	cr_assert_not(keyspec_parse("", &k));
}

Test(keys, sequences)
{
	keyseq s;
	cr_assert(keyseq_parse(":q", &s));
	cr_assert_eq(s.n, 2u);
	cr_assert_eq(s.k[0].ch, (wint_t)':');
	cr_assert_eq(s.k[1].ch, (wint_t)'q');
	cr_assert(keyseq_parse("C-xC-c", &s));
	cr_assert_eq(s.n, 2u);
	cr_assert_eq(s.k[0].ch, 24u);
	cr_assert_eq(s.k[1].ch, 3u);
	char buf[32];
	keyseq_name(&s, buf, sizeof buf);
	cr_assert_str_eq(buf, "C-x C-c");
	cr_assert(keyseq_parse("F10", &s));
	cr_assert_eq(s.n, 1u);
	cr_assert_not(keyseq_parse("abc", &s));
	cr_assert_not(keyseq_parse("Upx", &s));
	cr_assert_not(keyseq_parse("F99", &s));
	cr_assert(keyseq_parse("gg", &s));
}

Test(files, every_shipped_map_parses, .init = setup, .fini = teardown)
{
	char *dir = keymaps_dir();
	DIR *d = opendir(dir);
	cr_assert_not_null(d, "%s", dir);
	struct dirent *de;
	int maps = 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		keymap km;
		memset(&km, 0, sizeof km);
		errlist errs = { 0 };
		char *p = NULL;
		cr_assert_neq(asprintf(&p, "%s/%s", dir, de->d_name), -1);
		int rc = keymap_load(&km, p, dir, &errs);
		dump(&errs);
		cr_assert_eq(rc, 0, "%s", p);
		cr_assert_eq(errs.n, 0u);
		/* the bar's essentials are bound in every map */
		cr_assert_gt(km.nkeys[ACT_QUIT], 0u, "%s", p);
		cr_assert_gt(km.nkeys[ACT_HELP], 0u, "%s", p);
		cr_assert_gt(km.nkeys[ACT_BACK], 0u, "%s", p);
		free(p);
		errlist_free(&errs);
		maps++;
	}
	closedir(d);
	cr_assert_geq(maps, 3);
	free(dir);
}

Test(files, default_map_is_htop_like)
{
	char *dir = keymaps_dir();
	keymap km;
	errlist errs = { 0 };
	cr_assert_eq(keymap_setup(&km, dir, "default", "/nonexistent/keys-none", &errs),
		     E_INPUT);   /* an explicit user file that is missing is an error */
	errlist_free(&errs);
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	cr_assert_eq(keymap_setup(&km, dir, "default", NULL, &errs), 0);
	cr_assert_eq(act1(&km, "F1"), ACT_HELP);
	cr_assert_eq(act1(&km, "?"), ACT_HELP);
	cr_assert_eq(act1(&km, "F10"), ACT_QUIT);
	cr_assert_eq(act1(&km, "F3"), ACT_SEARCH);
	cr_assert_eq(act1(&km, "F4"), ACT_EDIT);
	cr_assert_eq(act1(&km, "F5"), ACT_LOG_TALK);
	cr_assert_eq(act1(&km, "Esc"), ACT_BACK);
	cr_assert_eq(act1(&km, "Enter"), ACT_OPEN);
	cr_assert_eq(act1(&km, "PgDn"), ACT_PAGE_DOWN);
	cr_assert_eq(act1(&km, "Tab"), ACT_NEXT_FIELD);
	char buf[32];
	keymap_first_key(&km, ACT_QUIT, buf, sizeof buf);
	cr_assert_str_eq(buf, "F10");
	free(dir);
}

Test(lookup, a_key_means_what_the_screen_offers)
{
	char *dir = keymaps_dir();
	keymap km;
	errlist errs = { 0 };
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	cr_assert_eq(keymap_setup(&km, dir, "default", NULL, &errs), 0);
	keyspec f2 = K("F2");
	const action_t list_bar[] = { ACT_NEW, ACT_SEARCH, ACT_NONE };
	const action_t form_bar[] = { ACT_SAVE, ACT_BACK, ACT_NONE };
	const action_t form_extra[] = { ACT_NEXT_FIELD, ACT_NONE };
	action_t a;
	cr_assert_eq(keymap_lookup(&km, &f2, 1, list_bar, NULL, &a), KM_MATCH);
	cr_assert_eq(a, ACT_NEW);
	cr_assert_eq(keymap_lookup(&km, &f2, 1, form_bar, form_extra, &a), KM_MATCH);
	cr_assert_eq(a, ACT_SAVE);
	/* the extra list counts too */
	const action_t other[] = { ACT_SEARCH, ACT_NONE }, extra[] = { ACT_SAVE, ACT_NONE };
	cr_assert_eq(keymap_lookup(&km, &f2, 1, other, extra, &a), KM_MATCH);
	cr_assert_eq(a, ACT_SAVE);
	/* a global action is found from any screen */
	keyspec f12 = K("F12");
	cr_assert_eq(keymap_lookup(&km, &f12, 1, list_bar, NULL, &a), KM_MATCH);
	cr_assert_eq(a, ACT_IMPORT);
	/* unbound */
	keyspec f11 = K("F11");
	cr_assert_eq(keymap_lookup(&km, &f11, 1, list_bar, NULL, &a), KM_NONE);
	cr_assert_eq(a, ACT_NONE);
	free(dir);
}

Test(files, vi_and_emacs_sequences)
{
	char *dir = keymaps_dir();
	keymap km;
	errlist errs = { 0 };
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	cr_assert_eq(keymap_setup(&km, dir, "vi", NULL, &errs), 0);
	dump(&errs);
	cr_assert_eq(act1(&km, "j"), ACT_DOWN);
	cr_assert_eq(act1(&km, "k"), ACT_UP);
	cr_assert_eq(act1(&km, "G"), ACT_END);
	keyspec gg[2] = { K("g"), K("g") };
	action_t h;
	cr_assert_eq(keymap_lookup(&km, gg, 2, NULL, NULL, &h), KM_MATCH);
	cr_assert_eq(h, ACT_HOME);
	cr_assert_eq(act1(&km, "/"), ACT_SEARCH);
	cr_assert_eq(act1(&km, "F10"), ACT_QUIT);      /* included from default */
	keyspec seq[2] = { K(":"), K("q") };
	action_t a;
	cr_assert_eq(keymap_lookup(&km, seq, 1, NULL, NULL, &a), KM_PREFIX);
	cr_assert_eq(keymap_lookup(&km, seq, 2, NULL, NULL, &a), KM_MATCH);
	cr_assert_eq(a, ACT_QUIT);

	cr_assert_eq(keymap_setup(&km, dir, "emacs", NULL, &errs), 0);
	dump(&errs);
	cr_assert_eq(act1(&km, "C-n"), ACT_DOWN);
	cr_assert_eq(act1(&km, "C-p"), ACT_UP);
	cr_assert_eq(act1(&km, "C-v"), ACT_PAGE_DOWN);
	cr_assert_eq(act1(&km, "M-v"), ACT_PAGE_UP);
	cr_assert_eq(act1(&km, "M-<"), ACT_HOME);
	cr_assert_eq(act1(&km, "M->"), ACT_END);
	cr_assert_eq(act1(&km, "C-s"), ACT_SEARCH);
	cr_assert_eq(act1(&km, "C-g"), ACT_BACK);
	keyspec cx[2] = { K("C-x"), K("C-c") };
	cr_assert_eq(keymap_lookup(&km, cx, 1, NULL, NULL, &a), KM_PREFIX);
	cr_assert_eq(keymap_lookup(&km, cx, 2, NULL, NULL, &a), KM_MATCH);
	cr_assert_eq(a, ACT_QUIT);
	keyspec cxq[2] = { K("C-x"), K("q") };
	cr_assert_eq(keymap_lookup(&km, cxq, 2, NULL, NULL, &a), KM_NONE);
	char buf[64];
	keymap_keys_text(&km, ACT_QUIT, buf, sizeof buf);
	cr_assert_str_eq(buf, "F10, Ctrl+X Ctrl+C");
	free(dir);
}

Test(files, user_file_overrides_single_bindings, .init = setup, .fini = teardown)
{
	char *dir = keymaps_dir();
	char *conf = NULL;
	cr_assert_neq(asprintf(&conf, "%s/bangfu", tmp), -1);
	cr_assert_eq(mkdir(conf, 0700), 0);
	char *user = write_file("bangfu/keys", "# mine\nquit F12\n");
	setenv("XDG_CONFIG_HOME", tmp, 1);
	keymap km;
	errlist errs = { 0 };
	cr_assert_eq(keymap_setup(&km, dir, "default", NULL, &errs), 0);
	dump(&errs);
	cr_assert_eq(act1(&km, "F12"), ACT_QUIT);
	cr_assert_eq(act1(&km, "F10"), ACT_NONE);       /* replaced */
	cr_assert_eq(act1(&km, "F1"), ACT_HELP);        /* the rest is untouched */
	cr_assert_eq(act1(&km, "F3"), ACT_SEARCH);
	free(user);
	free(conf);
	free(dir);
}

static void check_error(const char *text, const char *want)
{
	char *dir = keymaps_dir();
	char *p = write_file("broken", text);
	keymap km;
	memset(&km, 0, sizeof km);
	errlist errs = { 0 };
	km.nkeys[ACT_HELP] = 0;
	cr_assert_eq(keymap_load(&km, p, dir, &errs), E_INPUT);
	bool found = false;
	for (size_t i = 0; i < errs.n; i++)
		if (strstr(errs.msg[i], want))
			found = true;
	dump(&errs);
	cr_assert(found, "wanted \"%s\"", want);
	/* nothing of the broken file is used */
	for (int a = 0; a < ACT__COUNT; a++)
		cr_assert_eq(km.nkeys[a], 0u, "%s got keys", action_table[a].name);
	errlist_free(&errs);
	free(p);
	free(dir);
}

Test(errors, unknown_action_with_file_and_line, .init = setup, .fini = teardown)
{
	char want[128];
	snprintf(want, sizeof want, "%s/broken:3: unknown action \"fly\"", tmp);
	check_error("help F1\n\nfly F2\nquit F10\n", want);
}

Test(errors, unknown_key_with_file_and_line, .init = setup, .fini = teardown)
{
	char want[128];
	snprintf(want, sizeof want, "%s/broken:2: unknown key \"F99\"", tmp);
	check_error("help F1\nquit F99\n", want);
}

Test(errors, every_bad_line_reported, .init = setup, .fini = teardown)
{
	char *dir = keymaps_dir();
	char *p = write_file("broken", "fly F1\nhelp Hyper\nquit\ninclude\nsearch F3\n");
	keymap km;
	memset(&km, 0, sizeof km);
	errlist errs = { 0 };
	cr_assert_eq(keymap_load(&km, p, dir, &errs), E_INPUT);
	cr_assert_eq(errs.n, 4u);
	cr_assert(strstr(errs.msg[0], "broken:1:"));
	cr_assert(strstr(errs.msg[1], "broken:2:"));
	cr_assert(strstr(errs.msg[2], "broken:3:"));
	cr_assert(strstr(errs.msg[3], "broken:4:"));
	cr_assert_eq(km.nkeys[ACT_SEARCH], 0u);
	free(p);
	free(dir);
}

Test(errors, broken_user_file_stops_setup, .init = setup, .fini = teardown)
{
	char *dir = keymaps_dir();
	char *p = write_file("keys", "quit F10\nhelp Nope\n");
	keymap km;
	errlist errs = { 0 };
	cr_assert_eq(keymap_setup(&km, dir, "default", p, &errs), E_INPUT);
	cr_assert_eq(errs.n, 1u);
	cr_assert(strstr(errs.msg[0], "keys:2: unknown key \"Nope\""), "%s", errs.msg[0]);
	free(p);
	free(dir);
}

Test(files, include_and_unbind, .init = setup, .fini = teardown)
{
	char *base = write_file("base", "help F1 ?\nquit F10\n");
	char *top = write_file("top", "include base\nunbind ?\nsearch /\n# a comment\n"
				      "down j   # a comment after keys\n");
	keymap km;
	memset(&km, 0, sizeof km);
	errlist errs = { 0 };
	cr_assert_eq(keymap_load(&km, top, tmp, &errs), 0);
	dump(&errs);
	cr_assert_eq(act1(&km, "F1"), ACT_HELP);
	cr_assert_eq(act1(&km, "?"), ACT_NONE);
	cr_assert_eq(act1(&km, "F10"), ACT_QUIT);
	cr_assert_eq(act1(&km, "/"), ACT_SEARCH);
	cr_assert_eq(act1(&km, "j"), ACT_DOWN);
	/* a loop of includes is reported, not followed forever */
	char *loop = write_file("loop", "include loop\n");
	cr_assert_eq(keymap_load(&km, loop, tmp, &errs), E_INPUT);
	cr_assert_gt(errs.n, 0u);
	/* a missing include is an error of the including line's file */
	errlist e2 = { 0 };
	char *miss = write_file("miss", "include nothere\n");
	cr_assert_eq(keymap_load(&km, miss, tmp, &e2), E_INPUT);
	cr_assert(strstr(e2.msg[0], "nothere"));
	free(base);
	free(top);
	free(loop);
	free(miss);
}

Test(files, keymap_option_takes_a_file_too, .init = setup, .fini = teardown)
{
	char *dir = keymaps_dir();
	char *mine = write_file("mykeys", "include default\nquit F12\n");
	char *empty = write_file("empty", "# nothing\n");
	keymap km;
	errlist errs = { 0 };
	/* a path */
	cr_assert_eq(keymap_setup(&km, dir, mine, empty, &errs), 0);
	dump(&errs);
	cr_assert_eq(act1(&km, "F12"), ACT_QUIT);
	cr_assert_eq(act1(&km, "F1"), ACT_HELP);
	/* a file of the current folder that is no shipped map */
	char cwd[4096];
	cr_assert_not_null(getcwd(cwd, sizeof cwd));
	cr_assert_eq(chdir(tmp), 0);
	memset(&km, 0, sizeof km);
	cr_assert_eq(keymap_setup(&km, dir, "mykeys", empty, &errs), 0);
	cr_assert_eq(act1(&km, "F12"), ACT_QUIT);
	/* a name that is neither */
	cr_assert_eq(keymap_setup(&km, dir, "nosuchmap", empty, &errs), E_INPUT);
	cr_assert(strstr(errs.msg[errs.n - 1], "nosuchmap"));
	cr_assert_eq(chdir(cwd), 0);
	free(mine);
	free(empty);
	free(dir);
}

/* ---- the line editor's and the dialogs' keys are actions too ---------- */

static const struct {
	const char *name;
	action_t id;
	action_use use;
	const char *key;       /* one of its keys in keymaps/default */
} new_actions[] = {
	{ "line_start", ACT_LINE_START, AU_TEXT, "C-a" },
	{ "line_end", ACT_LINE_END, AU_TEXT, "C-e" },
	{ "char_left", ACT_CHAR_LEFT, AU_TEXT, "Left" },
	{ "char_right", ACT_CHAR_RIGHT, AU_TEXT, "Right" },
	{ "word_left", ACT_WORD_LEFT, AU_TEXT, "S-Left" },
	{ "word_right", ACT_WORD_RIGHT, AU_TEXT, "S-Right" },
	{ "delete_before", ACT_DELETE_BEFORE, AU_TEXT, "Backspace" },
	{ "delete_char", ACT_DELETE_CHAR, AU_TEXT, "Delete" },
	{ "kill_to_end", ACT_KILL_TO_END, AU_TEXT, "C-k" },
	{ "kill_to_start", ACT_KILL_TO_START, AU_TEXT, "C-u" },
	{ "kill_word", ACT_KILL_WORD, AU_TEXT, "C-w" },
	{ "line_up", ACT_LINE_UP, AU_TEXT, "Up" },
	{ "line_down", ACT_LINE_DOWN, AU_TEXT, "Down" },
	{ "newline", ACT_NEWLINE, AU_TEXT, "Enter" },
	{ "yes", ACT_YES, AU_DIALOG, "y" },
	{ "no", ACT_NO, AU_DIALOG, "n" },
	{ "accept", ACT_ACCEPT, AU_DIALOG, "Enter" },
	{ "cancel", ACT_CANCEL, AU_DIALOG, "Esc" },
	{ "dismiss", ACT_DISMISS, AU_DIALOG, "Space" },
};
enum { N_NEW = sizeof new_actions / sizeof new_actions[0] };

Test(actions, editor_and_dialog_actions_parse_and_have_default_keys)
{
	char *dir = keymaps_dir();
	keymap km;
	errlist errs = { 0 };
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	cr_assert_eq(keymap_setup(&km, dir, "default", NULL, &errs), 0);
	dump(&errs);
	for (size_t i = 0; i < N_NEW; i++) {
		const action_info *ai = action_by_name(new_actions[i].name);
		cr_assert_not_null(ai, "%s", new_actions[i].name);
		cr_assert_eq(ai->id, new_actions[i].id, "%s", new_actions[i].name);
		cr_assert_eq(ai->use, new_actions[i].use, "%s", new_actions[i].name);
		cr_assert_not(ai->global, "%s", new_actions[i].name);
		cr_assert_gt(km.nkeys[ai->id], 0u, "%s has no default key", ai->name);
		keyspec k = K(new_actions[i].key);
		cr_assert(keymap_bound(&km, ai->id, &k, 1), "%s not on %s", ai->name,
			  new_actions[i].key);
		cr_assert_eq(keymap_action_of(&km, k, ai->use) == ACT_NONE, false, "%s",
			     ai->name);
	}
	/* the keys of today: C-a C-e C-k C-u C-w in fields, y/n and Enter/Esc
	 * in a question */
	cr_assert_eq(keymap_action_of(&km, K("C-a"), AU_TEXT), ACT_LINE_START);
	cr_assert_eq(keymap_action_of(&km, K("Home"), AU_TEXT), ACT_LINE_START);
	cr_assert_eq(keymap_action_of(&km, K("End"), AU_TEXT), ACT_LINE_END);
	cr_assert_eq(keymap_action_of(&km, K("C-w"), AU_TEXT), ACT_KILL_WORD);
	const action_t yn[] = { ACT_YES, ACT_NO, ACT_NONE };
	cr_assert_eq(keymap_action_among(&km, K("Y"), yn), ACT_YES);
	cr_assert_eq(keymap_action_among(&km, K("Enter"), yn), ACT_YES);
	cr_assert_eq(keymap_action_among(&km, K("N"), yn), ACT_NO);
	cr_assert_eq(keymap_action_among(&km, K("Esc"), yn), ACT_NO);
	const action_t msg[] = { ACT_DISMISS, ACT_NONE };
	cr_assert_eq(keymap_action_among(&km, K("Enter"), msg), ACT_DISMISS);
	cr_assert_eq(keymap_action_among(&km, K("Esc"), msg), ACT_DISMISS);
	free(dir);
}

Test(actions, editor_and_dialog_actions_in_every_shipped_map)
{
	char *dir = keymaps_dir();
	const char *maps[] = { "default", "vi", "emacs" };
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	for (size_t m = 0; m < 3; m++) {
		keymap km;
		errlist errs = { 0 };
		cr_assert_eq(keymap_setup(&km, dir, maps[m], NULL, &errs), 0);
		for (size_t i = 0; i < N_NEW; i++)
			cr_assert_gt(km.nkeys[new_actions[i].id], 0u, "%s: %s", maps[m],
				     new_actions[i].name);
	}
	free(dir);
}

Test(actions, editor_and_dialog_actions_are_rebindable, .init = setup, .fini = teardown)
{
	char *dir = keymaps_dir();
	for (size_t i = 0; i < N_NEW; i++) {
		char text[128];
		snprintf(text, sizeof text, "# mine\n%s F12 M-z\n", new_actions[i].name);
		char *user = write_file("keys", text);
		keymap km;
		errlist errs = { 0 };
		cr_assert_eq(keymap_setup(&km, dir, "default", user, &errs), 0, "%s",
			     new_actions[i].name);
		dump(&errs);
		action_t id = new_actions[i].id;
		cr_assert_eq(km.nkeys[id], 2u, "%s", new_actions[i].name);
		cr_assert(keymap_bound(&km, id, (keyspec[]){ K("F12") }, 1));
		cr_assert(keymap_bound(&km, id, (keyspec[]){ K("M-z") }, 1));
		/* its old key is gone; the others' keys are not */
		cr_assert_not(keymap_bound(&km, id, (keyspec[]){ K(new_actions[i].key) }, 1),
			      "%s", new_actions[i].name);
		cr_assert_eq(act1(&km, "F1"), ACT_HELP);
		free(user);
	}
	free(dir);
}

Test(actions, editor_and_dialog_actions_take_single_keys, .init = setup, .fini = teardown)
{
	char want[128];
	snprintf(want, sizeof want, "%s/broken:1: kill_word takes single keys, not \"C-xw\"",
		 tmp);
	check_error("kill_word C-w C-xw\n", want);
	snprintf(want, sizeof want, "%s/broken:2: yes takes single keys, not \"yy\"", tmp);
	check_error("help F1\nyes yy\n", want);
}

Test(lookup, editor_and_dialog_keys_are_no_screen_action)
{
	char *dir = keymaps_dir();
	keymap km;
	errlist errs = { 0 };
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	cr_assert_eq(keymap_setup(&km, dir, "default", NULL, &errs), 0);
	/* a screen that offers nothing of them sees no action for these
	 * keys, as before they were in the table */
	cr_assert_eq(act1(&km, "C-a"), ACT_NONE);
	cr_assert_eq(act1(&km, "C-w"), ACT_NONE);
	cr_assert_eq(act1(&km, "y"), ACT_NONE);
	cr_assert_eq(act1(&km, "N"), ACT_NONE);
	cr_assert_eq(act1(&km, "Backspace"), ACT_NONE);
	/* and the keys they share keep their screen meaning */
	cr_assert_eq(act1(&km, "Enter"), ACT_OPEN);
	cr_assert_eq(act1(&km, "Esc"), ACT_BACK);
	cr_assert_eq(act1(&km, "Home"), ACT_HOME);
	cr_assert_eq(act1(&km, "Space"), ACT_TOGGLE);
	cr_assert_eq(act1(&km, "Delete"), ACT_DELETE);
	free(dir);
}

/* The screens name keys as a user reads them; the files keep their names. */
Test(keys, labels_a_user_reads)
{
	const char *pairs[][2] = {
		{ "C-s", "Ctrl+S" }, { "C-q", "Ctrl+Q" }, { "BTab", "Shift+Tab" },
		{ "PgDn", "Page Down" }, { "PgUp", "Page Up" }, { "M-v", "Alt+V" },
		{ "M-<", "Alt+<" }, { "M-V", "Alt+Shift+V" }, { "S-Left", "Shift+Left" },
		{ "Enter", "Enter" }, { "Space", "Space" }, { "Backspace", "Backspace" },
		{ "Delete", "Delete" }, { "Home", "Home" }, { "Esc", "Esc" }, { "Tab", "Tab" },
		{ "F10", "F10" }, { "j", "j" }, { "?", "?" }, { "义", "义" }, { "Up", "Up" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		char buf[64];
		keyspec_label(K(pairs[i][0]), buf, sizeof buf);
		cr_assert_str_eq(buf, pairs[i][1], "%s shows as %s, not %s", pairs[i][0],
				 pairs[i][1], buf);
		keyspec_display(K(pairs[i][0]), buf, sizeof buf);
		cr_assert_str_eq(buf, pairs[i][0], "the file name of %s stays", pairs[i][0]);
	}
	keyseq s;
	char buf[64];
	cr_assert(keyseq_parse("C-xC-c", &s));
	keyseq_label(&s, buf, sizeof buf);
	cr_assert_str_eq(buf, "Ctrl+X Ctrl+C");
	cr_assert(keyseq_parse(":q", &s));
	keyseq_label(&s, buf, sizeof buf);
	cr_assert_str_eq(buf, ":q");
}

Test(keys, shifted_arrows_round_trip)
{
	const char *names[] = { "S-Left", "S-Right" };
	for (size_t i = 0; i < 2; i++) {
		char buf[32];
		keyspec_display(K(names[i]), buf, sizeof buf);
		cr_assert_str_eq(buf, names[i]);
	}
	cr_assert_eq(K("S-Left").ch, (wint_t)KEY_SLEFT);
	cr_assert(K("S-Right").code);
}

Test(keys, which_keys_type_text)
{
	cr_assert(keyspec_is_text(K("y")));
	cr_assert(keyspec_is_text(K("Space")));
	cr_assert(keyspec_is_text(K("义")));
	cr_assert(keyspec_is_text(K("?")));
	cr_assert_not(keyspec_is_text(K("Enter")));
	cr_assert_not(keyspec_is_text(K("Esc")));
	cr_assert_not(keyspec_is_text(K("C-a")));
	cr_assert_not(keyspec_is_text(K("M-v")));
	cr_assert_not(keyspec_is_text(K("Backspace")));
	cr_assert_not(keyspec_is_text(K("F2")));
}

Test(actions, every_action_has_a_default_key)
{
	char *dir = keymaps_dir();
	keymap km;
	errlist errs = { 0 };
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	cr_assert_eq(keymap_setup(&km, dir, "default", NULL, &errs), 0);
	for (int a = 1; a < ACT__COUNT; a++)
		cr_assert_gt(km.nkeys[a], 0u, "%s has no key in keymaps/default",
			     action_table[a].name);
	free(dir);
}
