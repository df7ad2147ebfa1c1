#!/bin/sh
# The dashboard lists at most 500 overdue pairings: when there are more,
# its line says how many there are and that only the most overdue are
# listed (it said "超期结对：1490" above a list ending "共 500 行"), and the
# list's own count says it holds the first 500 of them all (it said
# "共 500 行", as if that were all).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bf demo --students 8000 --talks 10
is "$rc" 0 "a large college with hardly a talk"
tui_start -x 80 -y 24
ok "the line names all and says the list stops" wait_for "下面列出最久未谈的 500 对"
n=$(screen | sed -n 's/.*超期结对：\([0-9]*\) 对.*/\1/p')
ok "more than 500 are overdue ($n)" test "${n:-0}" -gt 500
ok "the list's count says it shows the first 500 of the $n" wait_for "显示前 500 行，共 $n 行"
keys F10
ok "F10 quits" wait_gone
done_testing
