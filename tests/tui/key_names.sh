#!/bin/sh
# Keys are named as a secretary reads them, in the key bar, the help and
# the hints: Ctrl+S, Shift+Tab, Page Down; in Chinese 回车, 空格, 退格,
# 上翻页 and 下翻页 (the keymap files keep writing C-s, BTab, PgDn). The help
# of a screen lists only keys that act there: in a form or the summary
# editor a digit is text, not "1 go to the dashboard", and Up in the
# editor is a line of the text. At 80 columns the dashboard's bar keeps F9
# (the reports) in English and in Chinese, leaving out go-to keys instead.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

# has_line A B: a line of the screen holds A and then B.
has_line() {
	screen | grep -F "$1" | grep -qF "$2"
}

# no_jargon: none of the keymap files' names on the screen.
no_jargon() {
	! screen | grep -qE 'C-[a-z]|M-[a-z<>]|BTab|PgDn|PgUp|S-Left|S-Right'
}

# help_all: every page of the help screen shown, into $T/help (Page Down
# through it, then back to the top).
help_all() {
	: >"$T/help"
	for _p in 1 2 3 4; do
		screen >>"$T/help"
		keys NPage
		sleep 0.2
	done
	keys Home
}

# in_help TEXT: TEXT is on a page of the help ($T/help).
in_help() {
	grep -qF -- "$1" "$T/help"
}

bf init --semester 2025-2026-2
for f in students counsellors pairings talks aid; do
	bf import $f "$DATA/$f.csv"
done
is "$rc" 0 "a database to look at"

# ---- English, 80×24
tui_start -x 80 -y 24 --lang en
ok "the dashboard" wait_for "bangfu · Dashboard"
ok "its bar keeps F9 Reports at 80 columns" wait_line 24 "F9Reports"
ok "and ends with F10Quit" wait_line 24 "F10Quit"
ok "with F5 and F6, the dashboard's own keys" has_line "F5Talk" "F6College"
keys F1
ok "the dashboard's help" wait_for "Show the keys of this screen"
ok "quit is F10, Ctrl+Q, Ctrl+C" has_line "F10, Ctrl+Q, Ctrl+C" "Leave bangfu"
ok "the page keys are Page Up and Page Down" has_line "Page Down" "Down one page"
ok "redraw is Ctrl+L" has_line "Ctrl+L" "Redraw the screen"
ok "no C-q, PgDn or BTab on the help screen" no_jargon
ok "on the dashboard 1 goes to the dashboard" has_line "1 " "Go to the dashboard"
keys Escape
ok "back" wait_not "Show the keys of this screen"

keys 2
ok "the students list" wait_for "bangfu · Assisted students"
keys F2
ok "a new student's form" wait_for "Student — new"
keys F1
ok "the form's help" wait_for "Save the form"
ok "save is F2, Ctrl+S" has_line "F2, Ctrl+S" "Save the form"
ok "the previous field is Shift+Tab" has_line "Shift+Tab" "Previous field"
ok "Space ticks a choice" has_line "Space" "Tick or untick"
ok "no C-s or BTab in the form's help" no_jargon
help_all
ok "the whole help read" in_help "Dialog: close a message"
ok "1 types 1 in a form: no 'Go to the dashboard'" sh -c "! grep -q 'Go to the dashboard' '$T/help'"
ok "nor any other go-to key" sh -c "! grep -q 'Go to the party members' '$T/help'"
ok "help is F1 alone (? types ?)" has_line "F1 " "Show the keys of this screen"
ok "u types u: no undo" sh -c "! grep -q 'Undo the last delete' '$T/help'"
keys End
ok "the line editor's keys, named" has_line "Ctrl+K" "Text: delete to the end of the line"
ok "the dialogs' keys are still listed (a dialog is no field)" \
	has_line "y, Y, Enter" "Dialog: answer yes"
ok "still no jargon at the end of the list" no_jargon
keys Escape
ok "back to the form" wait_not "Save the form"
keys Escape
keys F10
ok "quit" wait_gone

# ---- the summary editor, in Chinese (the default)
tui_start -x 80 -y 24
ok "首页" wait_for "bangfu · 首页"
ok "the Chinese bar keeps F9 报表 too" wait_line 24 "F9报表"
ok "and F10 退出" wait_line 24 "F10退出"
keys F1
ok "首页的帮助" wait_for "显示本界面的按键"
ok "PgDn is 下翻页" has_line "下翻页" "下一页"
ok "PgUp is 上翻页" has_line "上翻页" "上一页"
ok "Enter is 回车" has_line "回车" "打开选中的行"
ok "no PgDn, C-q or BTab in the Chinese help" no_jargon
keys Escape
ok "back" wait_not "显示本界面的按键"
keys F9
ok "the reports" wait_for "生成学期总结初稿"
keys Enter
ok "the colleges" wait_for "计算机科学与技术学院"
keys Down Enter
ok "a college chosen" wait_for "学院：计算机科学与技术学院"
keys Down Down Down Enter
ok "the draft in the editor" wait_for "一、基本情况"
keys F1
ok "the editor's help" wait_for "显示本界面的按键"
help_all
ok "the whole help read" in_help "对话框"
ok "no 前往首页 in the editor (1 types 1)" sh -c "! grep -q '前往首页' '$T/help'"
ok "no go-to key at all" sh -c "! grep -q '前往' '$T/help'"
ok "Up is a line of the text, not 上移 a row" sh -c "! grep -q ' 上移$' '$T/help'"
ok "上箭头 moves a line up" has_line "上箭头" "多行文字：上移一行"
ok "Backspace is 退格" has_line "退格" "删除光标前的一个字"
ok "Enter starts a new line: 回车" has_line "回车" "多行文字：换行"
ok "still no jargon" no_jargon
keys Escape
ok "back to the editor" wait_for "一、基本情况"
keys -l "1"
ok "1 typed there is text: the draft is changed" wait_for "未保存"
ok "and the editor stays (no jump to 首页)" wait_for "一、基本情况"
keys Escape
ok "leaving asks" wait_for "未保存的修改"
keys y
keys F10
ok "quit" wait_gone

# ---- the emacs map's two keys, named while the first waits
tui_start --lang en --keymap emacs
ok "the emacs map" wait_for "F10Quit"
keys C-x
ok "the status line names Ctrl+X" wait_for "Ctrl+X, then the next key"
keys q
ok "an unbound pair is named as keys too" wait_for "Ctrl+X q is not bound to anything"
keys F1
ok "help" wait_for "Show the keys of this screen"
ok "emacs' quit is Ctrl+X Ctrl+C" has_line "F10, Ctrl+X Ctrl+C" "Leave bangfu"
ok "its page up Alt+V" has_line "Page Up, Alt+V" "Up one page"
ok "no C-x or M-v" no_jargon
keys Escape
keys F10
ok "quit" wait_gone

# ---- the files keep their own names
printf 'include default\nsave C-o BTab\nnext_field PgDn\n' >"$T/mine"
tui_start --lang en --keymap "$T/mine"
ok "a map written with C-o, BTab and PgDn still loads" wait_for "F10Quit"
keys 2
ok "the students" wait_for "bangfu · Assisted students"
keys F2
ok "a form" wait_for "Student — new"
ok "its bar shows save as Ctrl+O" wait_line 30 "Ctrl+OSave"
keys F10
ok "quit" wait_gone
done_testing
