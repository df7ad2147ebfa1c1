#!/bin/sh
# Resizing at any moment reflows the screen: 200×60, a too-small 40×12 (a
# message instead of garbage), a tiny 10×3 (no crash), and back to 100×30
# with the normal screen (title line and key bar) back in place.
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

keys F10
ok "F10 quits" wait_gone
is "${tui_rc-}" 0 "with exit status 0"
done_testing
