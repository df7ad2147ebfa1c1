#!/bin/sh
# Keys are data: F1 shows the current screen's actions with their keys
# (generated from the action table and the keymap); F10 quits; the user's
# keys file changes single bindings; a broken keymap stops start-up with
# FILE:LINE; the vi and emacs maps' two-key quits; NO_COLOR works; the line
# editor's keys and the dialogs' answers are bindings too (rebound in the
# user's file, listed by F1).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

# has_line A B: a line of the screen holds A and then B.
has_line() {
	screen | grep -F "$1" | grep -qF "$2"
}

bf demo --students 200 --talks 500
is "$rc" 0 "a demo database"

# ---- help and quit with the default map
tui_start --lang en
ok "started" wait_for "F10Quit"
keys F1
ok "F1 shows the help screen" wait_for "Help"
ok "help lists quit with its keys" wait_for "F10, Ctrl+Q"
ok "help lists help itself with F1 and ?" wait_for "F1, ?"
ok "help gives each action's text" wait_for "Go back to the previous screen"
keys Escape
ok "Esc leaves the help screen" wait_not "Go back to the previous screen"
keys '?'
ok "? shows help too" wait_for "Show the keys of this screen"
keys Escape
ok "back again" wait_not "Show the keys of this screen"
keys F10
ok "F10 quits" wait_gone
is "${tui_rc-}" 0 "with status 0"

# ---- the user's keys file overrides one binding
XDG_CONFIG_HOME="$T/config"
export XDG_CONFIG_HOME
mkdir -p "$XDG_CONFIG_HOME/bangfu"
printf '# my keys\nquit F12\n' >"$XDG_CONFIG_HOME/bangfu/keys"
tui_start --lang en
ok "with the user's file the bar shows F12 for quit" wait_for "F12Quit"
keys F10
sleep 0.3
ok "F10 no longer quits" alive
keys F1
ok "other bindings are untouched (F1 still helps)" wait_for "F12"
keys Escape
keys F12
ok "F12 quits" wait_gone

# ---- a broken user file stops start-up before the screen
printf 'quit F12\nhelp Hyperspace\n' >"$XDG_CONFIG_HOME/bangfu/keys"
tui_start --lang en
ok "a broken user keys file ends bangfu" wait_gone
is "${tui_rc-}" 1 "with exit status 1"
ok "naming FILE:LINE and the bad key" \
	grep -qF "$XDG_CONFIG_HOME/bangfu/keys:2: unknown key \"Hyperspace\"" "$T/tui-stderr"
rm -f "$XDG_CONFIG_HOME/bangfu/keys"

# ---- a broken map given with --keymap
printf 'include default\nfly F2\ndown j\nup Upp\n' >"$T/broken"
tui_start --lang en --keymap "$T/broken"
ok "a broken --keymap file ends bangfu" wait_gone
is "${tui_rc-}" 1 "with exit status 1"
ok "the unknown action is reported with FILE:LINE" \
	grep -qF "$T/broken:2: unknown action \"fly\"" "$T/tui-stderr"
ok "every bad line is reported" grep -qF "$T/broken:4: unknown key \"Upp\"" "$T/tui-stderr"

# ---- vi: ":q" quits; emacs: "C-x C-c" quits
tui_start --lang en --keymap vi
ok "the vi map starts" wait_for "F10Quit"
keys ':'
keys q
ok "vi :q quits" wait_gone

tui_start --lang en --keymap emacs
ok "the emacs map starts" wait_for "F10Quit"
keys C-x
ok "C-x waits for the next key (the status line says so)" wait_for "Ctrl+X, then the next key"
keys C-c
ok "emacs C-x C-c quits" wait_gone
is "${tui_rc-}" 0 "by the binding, not by a signal (status 0)"

tui_start --lang en
ok "the default map starts" wait_for "F10Quit"
keys C-c
ok "C-c quits too" wait_gone
is "${tui_rc-}" 0 "with status 0, not killed by SIGINT"

# ---- the config file chooses the map
printf '[ui]\nkeymap = vi\n' >"$XDG_CONFIG_HOME/bangfu/config"
tui_start --lang en
ok "[ui] keymap = vi in the config" wait_for "F10Quit"
keys F1
ok "help shows vi's keys" wait_for ":q"
keys Escape
keys ':'
keys q
ok "and :q quits" wait_gone
rm -f "$XDG_CONFIG_HOME/bangfu/config"

# ---- roles on the title line, and a bad role
tui_start --lang en --role counsellor
ok "--role counsellor shows on the title line" wait_for "Counsellor"
keys F10
ok "quit" wait_gone
bf --role dean
is "$rc" 2 "an unknown --role is a usage error"

# ---- going to the main screens: digits and F9, from anywhere
tui_start --lang en
ok "started on the dashboard" wait_for "bangfu · Dashboard"
keys 4
ok "4 goes to the pairings" wait_for "bangfu · Pairings"
keys 3
ok "3 goes to the party members" wait_for "bangfu · Party members"
keys F9
ok "F9 goes to the reports" wait_for "bangfu · Reports"
keys 1
ok "1 goes back to the dashboard" wait_for "bangfu · Dashboard"
keys F10
ok "quit" wait_gone

# ---- at 80 columns a full bar leaves cells out but always shows F10Quit
tui_start -x 80 -y 24 --lang en
ok "80×24 starts" wait_for "bangfu · Dashboard"
ok "the dashboard's bar ends with F10Quit" wait_line 24 "F10Quit"
keys 2
ok "the students list" wait_for "bangfu · Assisted students"
ok "its bar ends with F10Quit too" wait_line 24 "F10Quit"
keys F10
ok "quit" wait_gone

# ---- the mouse: the key bar is clickable
tui_start --lang en
ok "started for the mouse" wait_for "F10Quit"
click 2 30
ok "a click on F1Help in the bar shows help" wait_for "Show the keys of this screen"
click 2 5 65
ok "the wheel does not upset the help screen" alive
keys Escape
ok "back" wait_not "Help: "
bar=$(screen | tail -n 1)
prefix=${bar%%F10Quit*}
click $((${#prefix} + 2)) 30
ok "a click on F10Quit quits" wait_gone

# ---- F10 asks first when a form holds unsaved changes
tui_start --lang en
ok "started for the form" wait_for "F10Quit"
keys 2
ok "2 goes to the assisted students" wait_for "Assisted students"
keys F2
ok "F2 in a list opens a new form (F2 means new there)" wait_for "Save"
keys -l 'abc'
keys F10
ok "F10 with unsaved changes asks first" wait_for "unsaved changes"
keys n
ok "answering n keeps bangfu running" wait_not "unsaved changes"
ok "alive" alive
keys F10
ok "asked again" wait_for "unsaved changes"
keys y
ok "answering y quits" wait_gone

# ---- a broken form file stops start-up too
mkdir -p "$T/forms"
cp "$top_srcdir"/forms/* "$T/forms/"
printf '[talk.nosuchfield]\nlabel_en = X\n' >>"$T/forms/talk.form"
tui_start -e BANGFU_FORMS="$T/forms" --lang en
ok "a broken form file ends bangfu" wait_gone
is "${tui_rc-}" 1 "with exit status 1"
ok "naming the form file and line" grep -qF "$T/forms/talk.form:" "$T/tui-stderr"

# ---- no colours
tui_start -e NO_COLOR=1 --lang en
ok "NO_COLOR=1 runs fine" wait_for "F10Quit"
keys F1
ok "and shows help" wait_for "F1, ?"
keys F10
ok "and quits" wait_gone
is "${tui_rc-}" 0 "with status 0"

# ---- the line editor's keys: C-a and C-e as shipped, then rebound
rm -f "$XDG_CONFIG_HOME/bangfu/keys" "$XDG_CONFIG_HOME/bangfu/config"
tui_start --lang en
ok "started for the line editor" wait_for "F10Quit"
keys 2
ok "the students list" wait_for "bangfu · Assisted students"
keys F3
keys -l 'abc'
ok "the filter takes text" wait_for "Filter: abc"
keys C-a
keys -l 'X'
ok "C-a goes to the start of the filter (shipped line_start)" wait_for "Filter: Xabc"
keys C-e
keys -l 'Y'
ok "C-e to its end (line_end)" wait_for "Filter: XabcY"
keys C-w
ok "C-w deletes the word before (kill_word)" wait_not "XabcY"
keys F10
ok "quit" wait_gone

printf 'line_start C-b\nyes j\n' >"$XDG_CONFIG_HOME/bangfu/keys"
tui_start --lang en
ok "a keys file may bind line_start and yes" wait_for "F10Quit"
keys 2
ok "the students list again" wait_for "bangfu · Assisted students"
keys F3
keys -l 'abc'
ok "the filter takes text" wait_for "Filter: abc"
keys C-b
keys -l 'X'
ok "C-b, bound to line_start, goes to the start of the filter" wait_for "Filter: Xabc"
keys C-a
keys -l 'Y'
ok "C-a no longer does (the user's line replaced its keys)" wait_for "Filter: XYabc"
keys Escape
ok "Esc leaves the filter" wait_not "XYabc"
keys F1
ok "F1 lists the line editor's actions" wait_for "Text: to the start of the line"
ok "with the user's key" has_line "Ctrl+B" "Text: to the start of the line"
keys End
ok "and the dialogs' answers" wait_for "Dialog: answer yes"
ok "kill_word with its shipped key" has_line "Ctrl+W" "Text: delete the word before the cursor"
ok "yes on the user's key" has_line "j" "Dialog: answer yes"
ok "no on its shipped keys" has_line "n, N, Esc" "Dialog: answer no"
keys Escape
ok "back to the list" wait_not "Dialog: answer yes"
keys F2
ok "a new student's form" wait_for "Save"
keys -l 'abc'
keys F10
ok "the question names the user's key for yes" wait_for "j: yes   n: no"
keys y
sleep 0.3
ok "y no longer answers yes" alive
keys j
ok "j does" wait_gone
rm -f "$XDG_CONFIG_HOME/bangfu/keys"

# ---- a dashboard's help has no line editor (nothing there takes text)
tui_start --lang en
ok "started" wait_for "bangfu · Dashboard"
keys F1
ok "the dashboard's help" wait_for "Show the keys of this screen"
ok "without the line editor's actions" absent "Text: to the start of the line"
keys Escape
keys F10
ok "quit" wait_gone

# ---- the summary editor: Enter starts a new line (newline), rebindable
DB="$T/db-summary"
bf init --semester 2025-2026-2
for f in students counsellors pairings talks aid; do
	bf import $f "$DATA/$f.csv"
done
is "$rc" 0 "a database for the summary editor"
for step in shipped rebound; do
	if [ $step = rebound ]; then
		# C-o: C-j is the terminal's Enter
		printf 'newline C-o\n' >"$XDG_CONFIG_HOME/bangfu/keys"
	fi
	tui_start --lang en
	ok "$step: the dashboard" wait_for "Dashboard"
	keys F9
	ok "$step: the reports" wait_for "Draft the semester summary"
	keys Enter
	ok "$step: the colleges" wait_for "计算机科学与技术学院"
	keys Down Enter
	ok "$step: a college chosen" wait_for "College: 计算机科学与技术学院"
	keys Down Down Down Enter
	ok "$step: the draft in the editor" wait_for "一、基本情况"
	keys -l "甲乙丙"
	if [ $step = shipped ]; then
		keys Enter
	else
		keys Enter
		keys -l "庚"
		ok "$step: Enter no longer starts a line" wait_for "甲乙丙庚"
		keys C-o
	fi
	keys -l "丁戊己"
	ok "$step: the text typed" wait_for "丁戊己"
	ok "$step: on a line of its own" sh -c "'$TMUX_BIN' -L '$TUI_SOCK' -f /dev/null \
		capture-pane -t t -p | grep -q '^ *丁戊己'"
	ok "$step: after the line before" absent "丙丁戊己"
	keys Escape
	ok "$step: leaving asks" wait_for "unsaved changes"
	keys y
	keys F10
	ok "$step: quit" wait_gone
done
rm -f "$XDG_CONFIG_HOME/bangfu/keys"

# ---- a prompt's accept key, rebound (the hint says so)
printf 'accept C-o\n' >"$XDG_CONFIG_HOME/bangfu/keys"
tui_start --lang en
ok "prompt: the dashboard" wait_for "Dashboard"
keys F9
ok "prompt: the reports" wait_for "Draft the semester summary"
keys Enter
ok "prompt: the colleges" wait_for "计算机科学与技术学院"
keys Down Enter
ok "prompt: a college chosen (Enter is still open in a choice)" \
	wait_for "College: 计算机科学与技术学院"
keys Down Down Enter
ok "prompt: the format is asked" wait_for "XLSX"
keys Down Enter
ok "prompt: then the file" wait_for "Write the name list to the file"
ok "prompt: the hint names the user's key" wait_for "Ctrl+O: OK   Esc: cancel"
keys C-u
keys -l "$T/list.csv"
keys Enter
sleep 0.3
ok "prompt: Enter no longer takes the text" wait_for "Write the name list to the file"
keys C-o
ok "prompt: C-o does" wait_for "Wrote $T/list.csv"
keys F10
ok "prompt: quit" wait_gone
rm -f "$XDG_CONFIG_HOME/bangfu/keys"
done_testing
