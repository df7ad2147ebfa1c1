#!/bin/sh
# Resizing at any moment reflows the screen: 200×60, a too-small 40×12 (a
# message instead of garbage), a tiny 10×3 (no crash), and back to 100×30
# with the normal screen (title line and key bar) back in place. While the
# terminal is too small only F10 (its question shown there), Ctrl-L and
# resizing act: Esc then y must not discard a form nobody can see.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bf demo --students 200 --talks 500
is "$rc" 0 "a demo database to look at"

tui_start --lang en
ok "the screens start with the title line" wait_for "bangfu ·"
ok "the key bar shows F10 Quit" wait_for "F10Quit"

resize 200 60
ok "at 200×60 the key bar is on the last line" wait_line 60 "F10Quit"
title_w=$(screen | head -n 1 | sed 's/ *$//' | awk '{ print length($0) }')
ok "at 200×60 the title line spans the width (date at the right edge)" \
	test "$title_w" -gt 150

resize 40 12
ok "at 40×12 the screen says it needs more room" wait_for "needs at least 80×24 (now 40×12)"
ok "centred: on the middle line" wait_line 7 "needs at least"
ok "and draws nothing else" absent "F10Quit"

resize 10 3
ok "at 10×3 the message is cut, not wrapped into garbage" wait_for "bangfu ne…"
keys F1
ok "keys at 10×3 do not crash it" alive

resize 100 30
ok "back at 100×30 the title line is back" wait_for "bangfu ·"
ok "and the key bar" wait_for "F10Quit"
ok "the too-small message is gone" wait_not "needs at least"
lines=$(screen | wc -l)
is "$lines" 30 "the screen is 30 lines high"
ok "the process is alive" alive

# resizing in a burst (several SIGWINCH at once) is just as safe
for s in "120 40" "80 24" "79 24" "80 23" "90 30"; do
	# shellcheck disable=SC2086
	resize $s
done
ok "after a burst of resizes the normal screen is back" wait_for "F10Quit"
ok "still alive after the burst" alive

# ---- while the notice is up, keys do not act on the hidden screen
resize 40 12
ok "too small again" wait_for "needs at least 80×24"
keys 4
keys F1
keys F9
sleep 0.5
resize 100 30
ok "back at 100×30" wait_for "F10Quit"
ok "4, F1 and F9 did nothing unseen: still the dashboard" wait_for "bangfu · Dashboard"
ok "no help screen" absent "Help: "

keys 2
ok "the students list" wait_for "bangfu · Assisted students"
keys F2
ok "a new student's form" wait_for "Student — new"
keys -l 'abc'
ok "with something typed" wait_for "abc"
resize 40 12
ok "too small with the form open" wait_for "needs at least 80×24"
keys Escape
sleep 0.3
keys y
sleep 0.5
resize 100 30
ok "the form is back" wait_for "F10Quit"
ok "Esc then y did not discard it unseen" wait_for "Student — new"
ok "what was typed is still there" wait_for "abc"

resize 40 12
ok "too small once more" wait_for "needs at least 80×24"
keys C-l
ok "Ctrl-L redraws: the notice again" wait_for "needs at least 80×24"
keys F10
ok "F10 asks about the unsaved form, readable at 40×12" wait_for "unsaved changes"
ok "with its answers" wait_for "y: yes   n: no"
keys n
ok "n keeps bangfu running" wait_for "needs at least 80×24"
ok "alive" alive
resize 100 30
ok "the form is still there" wait_for "abc"
resize 40 12
ok "too small for the last time" wait_for "needs at least 80×24"
keys F10
ok "asked again" wait_for "unsaved changes"
keys y
ok "y quits" wait_gone
is "${tui_rc-}" 0 "with exit status 0"

tui_start --lang en
ok "started again" wait_for "F10Quit"
resize 40 12
ok "too small, nothing unsaved" wait_for "needs at least 80×24"
keys F10
ok "F10 quits" wait_gone
is "${tui_rc-}" 0 "with exit status 0"
done_testing
