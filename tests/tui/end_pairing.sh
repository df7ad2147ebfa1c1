#!/bin/sh
# Ending a pairing on screen (e), at 80x24 in Chinese: from the pairings
# list the ending form asks the end date, the outcome, a note, the
# assessment and — only for a student of the kind 学业困难 — failed courses
# and GPA at the start and the end. Saved, the pairing is ended: dim in the
# list, no longer overdue, no longer counted against its member. The plain
# pairing form only shows the end date; the record view's e ends its
# student's pairing too.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bf import students "$DATA/students.csv"
bf import counsellors "$DATA/counsellors.csv"
bf semester start 2025-2026-2   # an import makes no semester
bf import pairings "$DATA/pairings.csv"
bf import talks "$DATA/talks.csv"
is "$rc" 0 "the data is imported"

# has_line A B: a line of the screen holds A and then B.
has_line() {
	screen | grep -F "$1" | grep -qE "$2"
}

tui_start -x 80 -y 24
ok "the dashboard comes up in Chinese" wait_for "首页"
keys 4
ok "the pairings list" wait_for "共 4 行"
ok "e ends a pairing: the bar says so" wait_for "e结束"
ok "王磊's pairing is overdue (59 days)" has_line "王磊" " 59 *$"

# A student of the kind 经济困难: no failed courses, no GPA.
keys F3
keys -l zenghaoran
keys Enter
ok "曾浩然's pairing is found" wait_for "1 / 4 行"
keys e
ok "e opens the ending form" wait_for "结束结对 — 编辑"
ok "it names the helper" wait_for "孟凡 2021010201"
ok "the end date defaults to today" wait_for "2026-05-20"
ok "the outcome is asked" wait_for "结束原因"
ok "no failed courses for 经济困难" absent "挂科门数"
ok "no GPA for 经济困难" absent "绩点"
keys Escape
ok "Esc goes back to the list" wait_for "e结束"
keys F3
keys C-u
keys -l wanglei
keys Enter
ok "王磊's pairing is found" wait_for "1 / 4 行"
keys e
ok "the ending form for 王磊 (学业困难)" wait_for "结束结对 — 编辑"
ok "failed courses at the start are asked" wait_for "开始时挂科门数"
ok "and at the end" wait_for "结束时挂科门数"
ok "GPA at the start" wait_for "开始时绩点"
ok "GPA at the end" wait_for "结束时绩点"
# the end date has the focus: yesterday, so that the pairing is over today
keys C-u
keys -l 2026-05-19
keys Tab Space
ok "the outcomes are the programme's" wait_for "休学或退学"
keys Down Enter
ok "毕业离校 chosen" wait_for "毕业离校"
keys Tab
keys -l "已毕业离校"
keys Tab Space
ok "the assessments are the programme's" wait_for "有所加重"
keys Down Enter
ok "明显好转 chosen (the first after none)" wait_for "明显好转"
keys Tab
keys -l 3
keys Tab
keys -l 0
keys Tab
keys -l 1.8
keys Tab
keys -l 3.2
keys F2
ok "saved: back to the list" wait_for "e结束"
ok "the ended pairing is no longer overdue" wait_for "王磊"
ok "it shows ended, its days without a talk gone" has_line "王磊" "已结束 *$"

bf export dump
p=$(grep '"type":"pairing"' "$T/out" | grep '"start":"2026-03-01"')
ok "the end date is stored" sh -c 'printf "%s" "$1" | grep -q "\"end\":\"2026-05-19\""' _ "$p"
ok "the outcome is stored" sh -c 'printf "%s" "$1" | grep -q "\"outcome\":\"毕业离校\""' _ "$p"
ok "the note is stored" sh -c 'printf "%s" "$1" | grep -q "\"end_note\":\"已毕业离校\""' _ "$p"
ok "the assessment is stored" sh -c 'printf "%s" "$1" | grep -q "\"assessment\":\"明显好转\""' _ "$p"
ok "the failed courses are stored" sh -c 'printf "%s" "$1" | grep -q "\"failed_start\":\"3\".*\"failed_end\":\"0\""' _ "$p"
ok "the GPA is stored" sh -c 'printf "%s" "$1" | grep -q "\"gpa_start\":\"1.8\".*\"gpa_end\":\"3.2\""' _ "$p"

# It no longer counts: 张伟 has no open pairing in the members list.
keys 3
ok "the members list" wait_for "党支部"
ok "张伟's pairing no longer counts" has_line 2022030101 " 0 *$"

# The plain form only shows the end date.
keys 4
ok "back in the pairings list" wait_for "e结束"
keys F4
ok "F4 opens the pairing form" wait_for "结对帮扶 — 编辑"
ok "its end date is set by ending the pairing" wait_for "结束日期(结束结对时填写)"
keys Escape
ok "Esc closes it" wait_for "e结束"

# The record view ends its student's pairing.
keys F3
keys C-u
keys -l shanxiaowen
keys Enter
keys Enter
ok "the record view of 单晓雯" wait_for "学生档案"
ok "its bar offers e" wait_for "e结束"
keys e
ok "e opens the ending form of her pairing" wait_for "李娜 2022030102"
keys Escape
keys F10
ok "quits" wait_gone

done_testing
