/* test_edit.c — the edit model with Chinese text: inserting, deleting and
 * moving by characters (never half a Han character), the cursor's display
 * column, multi-line moves that keep the column, the maximum length, and
 * the horizontal scroll of a narrow field; soft wrapping of a multi-line
 * text at a width (a Han character that does not fit goes whole to the
 * next visual line; up and down by visual line; the vertical scroll by
 * visual line); keys through the keymap (the shipped line-editor keys,
 * and rebound ones). */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/edit.h"
#include "ui/layout.h"

static void text_is(const edit *e, const char *want)
{
	char *s = edit_get(e);
	cr_assert_str_eq(s, want);
	free(s);
}

Test(edit, insert_and_utf8)
{
	edit e;
	edit_init(&e, 0, false);
	cr_assert(edit_empty(&e));
	edit_insert(&e, L'义');
	edit_insert(&e, L'勇');
	edit_insert(&e, L'军');
	text_is(&e, "义勇军");
	cr_assert_eq(e.len, 3u);
	cr_assert_eq(edit_col(&e), 6);
	cr_assert(e.changed);
	edit_set(&e, "𠮷祥 ok");
	cr_assert_not(e.changed);
	cr_assert_eq(e.len, 5u);
	cr_assert_eq(e.cur, 5u);
	cr_assert_eq(edit_col(&e), 7);
	text_is(&e, "𠮷祥 ok");
	edit_free(&e);
}

Test(edit, backspace_delete_move)
{
	edit e;
	edit_init(&e, 0, false);
	edit_set(&e, "义勇军");
	cr_assert(edit_left(&e));
	cr_assert_eq(edit_col(&e), 4);
	cr_assert(edit_backspace(&e));            /* removes 勇, a whole character */
	text_is(&e, "义军");
	cr_assert_eq(edit_col(&e), 2);
	cr_assert(edit_home(&e));
	cr_assert_not(edit_left(&e));
	cr_assert_not(edit_backspace(&e));
	cr_assert(edit_delete(&e));
	text_is(&e, "军");
	cr_assert(edit_end(&e));
	cr_assert_not(edit_delete(&e));
	cr_assert_not(edit_right(&e));
	edit_insert_str(&e, "歌a");
	text_is(&e, "军歌a");
	edit_home(&e);
	edit_right(&e);
	edit_insert(&e, L'x');
	text_is(&e, "军x歌a");
	cr_assert_eq(edit_col(&e), 3);
	edit_free(&e);
}

Test(edit, max_length)
{
	edit e;
	edit_init(&e, 4, false);
	edit_set(&e, "义勇军进行曲");            /* cut at 4 characters */
	text_is(&e, "义勇军进");
	cr_assert_not(edit_insert(&e, L'行'));
	edit_backspace(&e);
	cr_assert(edit_insert(&e, L'a'));
	text_is(&e, "义勇军a");
	edit_free(&e);
}

Test(edit, single_line_refuses_newlines_and_controls)
{
	edit e;
	edit_init(&e, 0, false);
	cr_assert_not(edit_newline(&e));
	cr_assert_not(edit_insert(&e, 7));
	edit_set(&e, "a\nb");
	text_is(&e, "ab");
	edit_free(&e);
}

Test(edit, words)
{
	edit e;
	edit_init(&e, 0, false);
	edit_set(&e, "hello 义勇 world");
	edit_word_left(&e);
	cr_assert_eq(e.cur, 9u);                 /* before "world" */
	edit_word_left(&e);
	cr_assert_eq(e.cur, 7u);                 /* each Han character is a word */
	edit_word_left(&e);
	cr_assert_eq(e.cur, 6u);
	edit_word_left(&e);
	cr_assert_eq(e.cur, 0u);
	edit_word_right(&e);
	cr_assert_eq(e.cur, 6u);
	edit_free(&e);
}

Test(edit, multiline_keeps_display_column)
{
	edit e;
	edit_init(&e, 0, true);
	edit_set(&e, "ab义勇军\n义勇军进行曲\nxy");
	cr_assert_eq(edit_lines(&e), 3u);
	cr_assert_eq(edit_line(&e), 2u);
	cr_assert_eq(edit_col(&e), 2);
	cr_assert(edit_up(&e));                   /* column 2: after 义 */
	cr_assert_eq(edit_line(&e), 1u);
	cr_assert_eq(edit_col(&e), 2);
	cr_assert(edit_end(&e));
	cr_assert_eq(edit_col(&e), 12);
	cr_assert(edit_up(&e));                   /* line 0 is 8 columns: its end */
	cr_assert_eq(edit_line(&e), 0u);
	cr_assert_eq(edit_col(&e), 8);
	cr_assert_not(edit_up(&e));
	cr_assert(edit_down(&e));                 /* the goal column 12 is kept */
	cr_assert_eq(edit_col(&e), 12);
	edit_home(&e);
	edit_right(&e);
	edit_up(&e);                              /* column 2 -> after "ab" */
	cr_assert_eq(edit_col(&e), 2);
	cr_assert_eq(e.cur, 2u);
	edit_right(&e);                           /* col 4; line 1 col 3 is inside 勇 */
	edit_down(&e);
	cr_assert_eq(edit_col(&e), 4);
	edit_left(&e);
	edit_right(&e);
	edit_right(&e);                           /* line 1, col 6 */
	edit_up(&e);
	edit_left(&e);                            /* line 0 col 4 -> col 2... */
	cr_assert_eq(edit_col(&e), 4);
	edit_right(&e);                           /* col 6: inside no char, after 勇 */
	cr_assert_eq(edit_col(&e), 6);
	edit_right(&e);                           /* col 8: the end */
	edit_down(&e);
	cr_assert_eq(edit_col(&e), 8);
	edit_free(&e);
}

Test(edit, multiline_down_lands_on_a_character_boundary)
{
	edit e;
	edit_init(&e, 0, true);
	edit_set(&e, "abc\n义勇军");
	edit_up(&e);          /* from line 1 col 6 to line 0's end (col 3) */
	cr_assert_eq(edit_col(&e), 3);
	edit_home(&e);
	edit_right(&e);       /* col 1 */
	edit_down(&e);        /* col 1 is the middle of 义: stay before it */
	cr_assert_eq(edit_col(&e), 0);
	edit_free(&e);
}

Test(edit, newline_backspace_joins_lines)
{
	edit e;
	edit_init(&e, 0, true);
	edit_set(&e, "义勇军");
	edit_left(&e);
	cr_assert(edit_newline(&e));
	text_is(&e, "义勇\n军");
	cr_assert_eq(edit_line(&e), 1u);
	cr_assert_eq(edit_col(&e), 0);
	size_t s, en;
	edit_line_span(&e, 1, &s, &en);
	cr_assert_eq(s, 3u);
	cr_assert_eq(en, 4u);
	cr_assert(edit_backspace(&e));
	text_is(&e, "义勇军");
	cr_assert_eq(edit_lines(&e), 1u);
	edit_free(&e);
}

Test(edit, kill_line)
{
	edit e;
	edit_init(&e, 0, true);
	edit_set(&e, "义勇军\n进行曲");
	edit_up(&e);
	edit_home(&e);
	edit_right(&e);
	edit_kill_line(&e);
	text_is(&e, "义\n进行曲");
	edit_kill_line(&e);                        /* at the end: joins */
	text_is(&e, "义进行曲");
	edit_free(&e);
}

/* What a field `w` columns wide shows. */
static char *shown(edit *e, int w, int *pad)
{
	edit_scroll(e, w);
	size_t a, b;
	edit_visible(e, w, &a, &b, pad);
	return lay_to_utf8(e->buf + a, b - a);
}

Test(scroll, cursor_always_visible_wide_never_split)
{
	edit e;
	edit_init(&e, 0, false);
	edit_set(&e, "义勇军进行曲");              /* 12 columns, cursor at the end */
	int pad;
	char *s = shown(&e, 6, &pad);
	/* the cursor at the end needs one free column: the field starts at
	 * column 7, in the middle of 进, which is left out (one blank) */
	cr_assert_eq(e.hscroll, 7);
	cr_assert_eq(pad, 1);
	cr_assert_str_eq(s, "行曲");
	free(s);
	int cx = edit_col(&e) - e.hscroll;
	cr_assert(cx >= 0 && cx < 6, "cursor column %d", cx);
	edit_home(&e);
	s = shown(&e, 6, &pad);
	cr_assert_eq(e.hscroll, 0);
	cr_assert_eq(pad, 0);
	cr_assert_str_eq(s, "义勇军");
	free(s);
	/* moving right through the field keeps the cursor inside it */
	for (int i = 0; i < 6; i++) {
		edit_right(&e);
		s = shown(&e, 5, &pad);
		int col = edit_col(&e) - e.hscroll;
		cr_assert(col >= 0 && col < 5, "step %d: column %d", i, col);
		cr_assert_leq(lay_width(s) + pad, 5);
		free(s);
	}
	edit_free(&e);
}

Test(scroll, mixed_text_and_short_text)
{
	edit e;
	edit_init(&e, 0, false);
	edit_set(&e, "ab");
	int pad;
	char *s = shown(&e, 10, &pad);
	cr_assert_eq(e.hscroll, 0);
	cr_assert_str_eq(s, "ab");
	free(s);
	edit_set(&e, "2024级 computer 义勇军");
	s = shown(&e, 10, &pad);
	int col = edit_col(&e) - e.hscroll;
	cr_assert_eq(col, 9);                      /* at the right edge */
	cr_assert_str_eq(s, "er 义勇军");
	free(s);
	/* deleting back shrinks the scroll so text fills the field again */
	edit_clear(&e);
	s = shown(&e, 10, &pad);
	cr_assert_eq(e.hscroll, 0);
	free(s);
	edit_free(&e);
}

Test(scroll, vertical)
{
	edit e;
	edit_init(&e, 0, true);
	edit_set(&e, "1\n2\n3\n4\n5");
	cr_assert_eq(edit_vscroll(&e, 3), 2u);
	edit_up(&e); edit_up(&e); edit_up(&e); edit_up(&e);
	cr_assert_eq(edit_vscroll(&e, 3), 0u);
	edit_free(&e);
}

/* ---- soft wrapping ------------------------------------------------------ */

/* Visual line vl as UTF-8. */
static char *vline_text(const edit *e, size_t vl)
{
	size_t a, b;
	edit_vline_span(e, vl, &a, &b);
	return lay_to_utf8(e->buf + a, b - a);
}

static void vline_is(const edit *e, size_t vl, const char *want)
{
	char *s = vline_text(e, vl);
	cr_assert_str_eq(s, want, "visual line %zu", vl);
	free(s);
}

Test(wrap, lines_break_before_what_does_not_fit)
{
	edit e;
	edit_init(&e, 0, true);
	edit_set(&e, "abcd义勇军进行曲\n短");
	cr_assert_eq(edit_vlines(&e), 2u);         /* no wrapping yet */
	edit_set_wrap(&e, 9);
	/* abcd义勇 is 8 columns; 军 would take columns 9 and 10: it goes
	 * whole to the next line, never split */
	cr_assert_eq(edit_vlines(&e), 3u);
	vline_is(&e, 0, "abcd义勇");
	vline_is(&e, 1, "军进行曲");
	vline_is(&e, 2, "短");
	edit_set_wrap(&e, 10);                     /* 义勇军 now fits */
	vline_is(&e, 0, "abcd义勇军");
	vline_is(&e, 1, "进行曲");
	/* no line is wider than the width, at any width */
	edit_set(&e, "2024级computer 义勇军进行曲，起来！不愿做奴隶的人们ok");
	for (int w = 2; w <= 30; w++) {
		edit_set_wrap(&e, w);
		size_t n = edit_vlines(&e), total = 0;
		for (size_t vl = 0; vl < n; vl++) {
			size_t a, b;
			edit_vline_span(&e, vl, &a, &b);
			cr_assert_leq(lay_wswidth(e.buf + a, b - a), w, "width %d line %zu", w, vl);
			total += b - a;
		}
		cr_assert_eq(total, e.len, "width %d: every character shown once", w);
	}
	/* wrapping is display only */
	text_is(&e, "2024级computer 义勇军进行曲，起来！不愿做奴隶的人们ok");
	/* a single-line edit never wraps */
	edit f;
	edit_init(&f, 0, false);
	edit_set(&f, "义勇军进行曲");
	edit_set_wrap(&f, 4);
	cr_assert_eq(edit_vlines(&f), 1u);
	edit_free(&f);
	edit_free(&e);
}

Test(wrap, latin_words_go_whole_to_the_next_line)
{
	edit e;
	edit_init(&e, 0, true);
	edit_set(&e, "abc defghij");
	edit_set_wrap(&e, 6);
	vline_is(&e, 0, "abc ");                   /* not "abc de" */
	vline_is(&e, 1, "defghi");                 /* a word wider than the line */
	vline_is(&e, 2, "j");
	edit_set(&e, "义勇abc");
	vline_is(&e, 0, "义勇");
	vline_is(&e, 1, "abc");
	edit_set(&e, "We went home");
	edit_set_wrap(&e, 8);
	vline_is(&e, 0, "We went ");
	vline_is(&e, 1, "home");
	edit_set(&e, "得了52分");                   /* 8 columns: 52 moves with no room */
	edit_set_wrap(&e, 5);
	vline_is(&e, 0, "得了");
	vline_is(&e, 1, "52分");
	edit_free(&e);
}

Test(wrap, no_line_starts_with_a_closing_mark)
{
	edit e;
	edit_init(&e, 0, true);
	edit_set(&e, "帮扶与经济资助，已申请");       /* ， would start line 1 */
	edit_set_wrap(&e, 14);
	vline_is(&e, 0, "帮扶与经济资");
	vline_is(&e, 1, "助，已申请");
	edit_set(&e, "他说：“好。”然后");
	edit_set_wrap(&e, 10);                     /* 。” would start line 1 */
	vline_is(&e, 0, "他说：“");
	vline_is(&e, 1, "好。”然后");
	edit_set(&e, "was low. We");               /* the word goes with its mark */
	edit_set_wrap(&e, 7);
	vline_is(&e, 0, "was ");
	vline_is(&e, 1, "low. We");
	edit_free(&e);
}

Test(wrap, cursor_visual_line_and_column)
{
	edit e;
	edit_init(&e, 0, true);
	edit_set(&e, "abcd义勇军进行曲");
	edit_set_wrap(&e, 9);
	cr_assert_eq(edit_vline(&e), 1u);          /* at the end */
	cr_assert_eq(edit_vcol(&e), 8);
	edit_home(&e);                             /* home: the text line's start */
	cr_assert_eq(edit_vline(&e), 0u);
	for (int i = 0; i < 6; i++)
		edit_right(&e);
	/* the position at a soft break is the next line's start */
	cr_assert_eq(e.cur, 6u);
	cr_assert_eq(edit_vline(&e), 1u);
	cr_assert_eq(edit_vcol(&e), 0);
	/* a line that fills the width exactly: the cursor after it needs a
	 * cell, on a visual line of its own */
	edit_set(&e, "义勇军");
	edit_set_wrap(&e, 6);
	cr_assert_eq(edit_vlines(&e), 2u);
	vline_is(&e, 0, "义勇军");
	vline_is(&e, 1, "");
	cr_assert_eq(edit_vline(&e), 1u);
	cr_assert_eq(edit_vcol(&e), 0);
	edit_left(&e);
	cr_assert_eq(edit_vline(&e), 0u);
	cr_assert_eq(edit_vcol(&e), 4);
	edit_free(&e);
}

Test(wrap, up_and_down_by_visual_line)
{
	edit e;
	edit_init(&e, 0, true);
	/* visual lines: "abcd义勇" "军进行曲" | "xy" */
	edit_set(&e, "abcd义勇军进行曲\nxy");
	edit_set_wrap(&e, 9);
	cr_assert_eq(edit_vline(&e), 2u);
	cr_assert_eq(edit_vcol(&e), 2);
	cr_assert_not(edit_down(&e));              /* the last visual line */
	cr_assert(edit_up(&e));                    /* column 2: after 军 */
	cr_assert_eq(edit_vline(&e), 1u);
	cr_assert_eq(edit_vcol(&e), 2);
	cr_assert_eq(e.cur, 7u);
	cr_assert(edit_up(&e));                    /* still in the same text line */
	cr_assert_eq(edit_line(&e), 0u);
	cr_assert_eq(edit_vline(&e), 0u);
	cr_assert_eq(edit_vcol(&e), 2);
	cr_assert_eq(e.cur, 2u);
	cr_assert_not(edit_up(&e));                /* the first visual line */
	cr_assert_eq(e.cur, 2u);
	/* column 3 is the middle of 军: the cursor stays before it */
	edit_right(&e);
	cr_assert(edit_down(&e));
	cr_assert_eq(edit_vcol(&e), 2);
	/* from column 8 of line 1 up: line 0's last place before the break is
	 * column 6 (before 勇; after it is line 1's start), and the goal
	 * column comes back on the way down */
	edit_end(&e);
	cr_assert_eq(edit_vcol(&e), 8);
	cr_assert(edit_up(&e));
	cr_assert_eq(edit_vline(&e), 0u);
	cr_assert_eq(edit_vcol(&e), 6);
	cr_assert(edit_down(&e));
	cr_assert_eq(edit_vline(&e), 1u);
	cr_assert_eq(edit_vcol(&e), 8);
	cr_assert(edit_down(&e));                  /* "xy" is 2 columns: its end */
	cr_assert_eq(edit_vline(&e), 2u);
	cr_assert_eq(e.cur, e.len);
	/* keys: line_up / line_down do the same */
	cr_assert(edit_apply(&e, ACT_LINE_UP));
	cr_assert_eq(edit_vline(&e), 1u);
	text_is(&e, "abcd义勇军进行曲\nxy");
	edit_free(&e);
}

Test(wrap, vertical_scroll_by_visual_line)
{
	edit e;
	edit_init(&e, 0, true);
	edit_set(&e, "第一行很长很长很长很长\n二");     /* 22 columns, then 2 */
	edit_set_wrap(&e, 8);
	cr_assert_eq(edit_vlines(&e), 4u);         /* 8+8+6 | 2 */
	cr_assert_eq(edit_vscroll(&e, 2), 2u);     /* the cursor's line is the last shown */
	edit_up(&e); edit_up(&e); edit_up(&e);
	cr_assert_eq(edit_vline(&e), 0u);
	cr_assert_eq(edit_vscroll(&e, 2), 0u);
	/* after a delete the box shows text again, not a blank row */
	edit_set(&e, "第一行很长很长很长很长\n二");
	cr_assert_eq(edit_vscroll(&e, 2), 2u);
	edit_backspace(&e);
	edit_backspace(&e);                        /* 二 and the newline */
	cr_assert_eq(edit_vlines(&e), 3u);
	cr_assert_eq(edit_vscroll(&e, 2), 1u);
	edit_set(&e, "短");
	cr_assert_eq(edit_vscroll(&e, 2), 0u);
	edit_free(&e);
}

/* ---- keys through the keymap (edit_key) --------------------------------- */

static keyspec key(const char *name)
{
	keyspec k;
	cr_assert(keyspec_parse(name, &k), "key %s", name);
	return k;
}

static void default_keys(keymap *km, const char *user_text)
{
	const char *top = getenv("top_srcdir");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/keymaps", top ? top : "..");
	char user[] = "/tmp/bangfu-editkeys.XXXXXX";
	int fd = mkstemp(user);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, user_text, strlen(user_text)), (ssize_t)strlen(user_text));
	close(fd);
	errlist errs = { 0 };
	int rc = keymap_setup(km, dir, "default", user, &errs);
	for (size_t i = 0; i < errs.n; i++)
		fprintf(stderr, "%s\n", errs.msg[i]);
	cr_assert_eq(rc, 0);
	errlist_free(&errs);
	unlink(user);
}

Test(keys, default_keys_edit_as_before)
{
	keymap km;
	default_keys(&km, "# nothing\n");
	edit e;
	edit_init(&e, 0, false);
	edit_set(&e, "学号 2022 abc");
	cr_assert(edit_key(&e, &km, key("C-a")));
	cr_assert_eq(e.cur, 0u);
	cr_assert(edit_key(&e, &km, key("C-e")));
	cr_assert_eq(e.cur, e.len);
	cr_assert(edit_key(&e, &km, key("C-w")));      /* the word before */
	text_is(&e, "学号 2022 ");
	cr_assert(edit_key(&e, &km, key("Home")));
	cr_assert(edit_key(&e, &km, key("Right")));
	cr_assert(edit_key(&e, &km, key("C-k")));      /* to the end */
	text_is(&e, "学");
	cr_assert(edit_key(&e, &km, key("C-u")));      /* to the start */
	text_is(&e, "");
	edit_set(&e, "ab");
	cr_assert(edit_key(&e, &km, key("Backspace")));
	cr_assert(edit_key(&e, &km, key("Left")));
	cr_assert(edit_key(&e, &km, key("Delete")));
	text_is(&e, "");
	/* a single line takes neither Enter nor Up */
	cr_assert_not(edit_key(&e, &km, key("Enter")));
	cr_assert_not(edit_key(&e, &km, key("Up")));
	cr_assert_not(edit_key(&e, &km, key("F2")));
	cr_assert_not(edit_key(&e, &km, key("M-b")));
	/* characters type themselves, even ones bound to something */
	cr_assert(edit_key(&e, &km, key("y")));
	cr_assert(edit_key(&e, &km, key("Space")));
	cr_assert(edit_key(&e, &km, key("?")));
	cr_assert(edit_key(&e, &km, key("义")));
	text_is(&e, "y ?义");
	edit_free(&e);

	edit_init(&e, 0, true);
	edit_set(&e, "一二");
	cr_assert(edit_key(&e, &km, key("Enter")));
	cr_assert(edit_key(&e, &km, key("Up")));
	cr_assert_eq(edit_line(&e), 0u);
	cr_assert(edit_key(&e, &km, key("Down")));
	cr_assert_eq(edit_line(&e), 1u);
	text_is(&e, "一二\n");
	edit_free(&e);
}

Test(keys, rebound_keys_edit)
{
	keymap km;
	default_keys(&km, "line_start C-b\nkill_word M-BTab\nnewline C-j\nunbind C-e\n");
	edit e;
	edit_init(&e, 0, true);
	edit_set(&e, "zhang san");
	cr_assert(edit_key(&e, &km, key("C-b")));
	cr_assert_eq(e.cur, 0u);
	cr_assert_not(edit_key(&e, &km, key("C-a")));  /* replaced */
	cr_assert_eq(e.cur, 0u);
	cr_assert_not(edit_key(&e, &km, key("C-e")));  /* unbound */
	cr_assert(edit_key(&e, &km, key("End")));      /* line_end still has End */
	cr_assert(edit_key(&e, &km, key("M-BTab")));
	text_is(&e, "zhang ");
	cr_assert_not(edit_key(&e, &km, key("Enter")));
	cr_assert(edit_key(&e, &km, key("C-j")));
	text_is(&e, "zhang \n");
	/* without a keymap only characters */
	cr_assert_not(edit_key(&e, NULL, key("C-b")));
	cr_assert(edit_key(&e, NULL, key("x")));
	edit_free(&e);
}

Test(edit, kill_to_start_and_kill_word)
{
	edit e;
	edit_init(&e, 0, true);
	edit_set(&e, "第一行\n张三 li si");
	cr_assert(edit_kill_word(&e));
	text_is(&e, "第一行\n张三 li ");
	cr_assert(edit_kill_word(&e));
	text_is(&e, "第一行\n张三 ");
	cr_assert(edit_kill_word(&e));                  /* one Han character a word */
	text_is(&e, "第一行\n张");
	cr_assert(edit_kill_to_start(&e));              /* only this line */
	text_is(&e, "第一行\n");
	cr_assert_not(edit_kill_to_start(&e));
	cr_assert(e.changed);
	edit_free(&e);
}
