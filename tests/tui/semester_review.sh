#!/bin/sh
# The semester review, at 80x24 in Chinese: when today is after the current
# semester's end, bangfu opens on the review page. It names the next
# semester with its dates, lists every running pairing that carries over
# (kept by default); one is kept, another is marked to end with an outcome.
# Confirming starts the semester (it is then current, in the title and for
# `bangfu export roster`) and ends the marked pairing: the kept pairing is
# in the new semester's name list, the ended one is not. From the reports
# page (F9) the same page is reached by "开始新学期".
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bf import students "$DATA/students.csv"
bf import counsellors "$DATA/counsellors.csv"
bf semester start 2025-2026-2   # an import makes no semester
bf import pairings "$DATA/pairings.csv"
is "$rc" 0 "the data is imported"
bf semester start 2025-2026-2
is "$rc" 0 "2025-2026-2 is the current semester"

# has_line A B: a line of the screen holds A and then B.
has_line() {
	screen | grep -F "$1" | grep -qE "$2"
}

# Before its end nothing is asked at start-up; F9 reaches the page.
tui_start -x 80 -y 24
ok "no review while the semester runs" wait_for "首页"
ok "the dashboard names the current semester" wait_for "学期 2025-2026-2"
keys F9
ok "the reports page" wait_for "开始新学期…"
keys End
keys Up Up Up Up Enter   # below it: 学院设置, 各学院情况汇总, 导入数据, 备份与恢复
ok "F9 → 开始新学期 opens the review" wait_for "当前学期为 2025-2026-2。"
ok "it names the next semester" wait_for "新学期 2026-2027-1"
keys Escape
ok "Esc leaves it without starting anything" wait_for "开始新学期…"
keys F10
ok "quits" wait_gone

# After the end (2026-07-31), the review comes up by itself.
BANGFU_TODAY=2026-08-05
tui_start -x 80 -y 24
ok "the review at start-up" wait_for "学期 2025-2026-2 已于 2026-07-31 结束，请开始新学期。"
ok "the next semester's start" wait_for "开始日期 2026-09-01"
ok "and end" wait_for "结束日期 2027-01-31"
ok "the due dates" wait_for "名单截止 2026-10-11"
ok "four pairings carry over, all kept" wait_for "延续到新学期的结对：4 对（保留 4 对，结束 0 对）"
ok "张伟's pairing is kept" has_line "保留" "张伟"
# the second row: 李娜 → 单晓雯
keys Down Space
ok "marking it asks for the outcome" wait_for "该结对的结束原因"
keys Down Down Down Enter
ok "休学或退学 for 李娜's pairing" wait_for "结束：休学或退学"
ok "three kept, one to end" wait_for "（保留 3 对，结束 1 对）"
ok "they end today (before the new semester)" wait_for "结束日期 2026-08-05"
keys F2
ok "confirming asks first" wait_for "开始学期 2026-2027-1，保留 3 对结对并结束 1 对？"
keys y
ok "back on the dashboard" wait_for "近 16 周"
ok "the new semester is current" wait_for "学期 2026-2027-1"
keys F10
ok "quits" wait_gone

tui_start -x 80 -y 24
ok "no review any more: the new semester runs" wait_for "近 16 周"
ok "still current after a restart" wait_for "学期 2026-2027-1"
keys F10
ok "quits" wait_gone

bf export dump
ended=$(grep '"type":"pairing"' "$T/out" | grep '"start":"2026-03-02"')
ok "李娜's pairing ended" sh -c 'printf "%s" "$1" | grep -q "\"end\":\"2026-08-05\""' _ "$ended"
ok "with its outcome" sh -c 'printf "%s" "$1" | grep -q "\"outcome\":\"休学或退学\""' _ "$ended"
kept=$(grep '"type":"pairing"' "$T/out" | grep '"start":"2026-03-01"')
ok "张伟's pairing runs on" sh -c '! printf "%s" "$1" | grep -q "\"end\""' _ "$kept"

bf export roster --college 计算机科学与技术学院 --semester 2026-2027-1 --format md
is "$rc" 0 "the new semester's name list"
ok "the kept pairing is in it (张伟)" grep -q "张伟" "$T/out"
ok "the ended one is not (李娜)" sh -c '! grep -q "李娜" "$1"' _ "$T/out"

done_testing
