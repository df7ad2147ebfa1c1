#!/bin/sh
# The follow-up date (跟进日期) entered on a talk is shown again, at 80x24
# in Chinese: in the talk's row of the talks list, in the talk's row of the
# student's record view, and on the dashboard, which lists the follow-ups
# due from today to 7 days ahead with the student and the talk's date
# (a follow-up already past, or later than that, is not listed). Before,
# the date was stored and never shown.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bf import students "$DATA/students.csv"
bf import counsellors "$DATA/counsellors.csv"
bf semester start 2025-2026-2   # an import makes no semester
bf import pairings "$DATA/pairings.csv"
is "$rc" 0 "the sample data is imported"
# today is 2026-05-20: one follow-up in 3 days, one in 3 weeks, one past
cat >"$T/talks.csv" <<'CSV'
党员学号,帮扶对象学号,日期,时长,方式,主题,内容,辅导员工号
2022030101,2023030105,2026-05-16,45,面谈,学习,约定下周检查复习计划,
2022030102,2023030106,2026-05-18,30,电话,生活,聊了宿舍的事,
2022030101,2023030105,2026-04-01,30,电话,学习,上次的跟进,
CSV
bf import talks "$T/talks.csv"
is "$rc" 0 "three talks are imported"
# each talk's follow-up date, set by its REF (the first column of list)
bf list talks
awk -F'\t' 'NR > 1 { print $1, $5 }' "$T/out" >"$T/refs"
for pair in 2026-05-16=2026-05-23 2026-05-18=2026-06-10 2026-04-01=2026-04-08; do
	ref=$(awk -v d="${pair%=*}" '$2 == d { print $1 }' "$T/refs")
	bf edit talk "$ref" "跟进日期=${pair#*=}"
	is "$rc" 0 "the talk of ${pair%=*} follows up on ${pair#*=}"
done

# line_has A B: a line of the screen holds A and, after it, B.
line_has() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		screen | grep -F -- "$1" | grep -qF -- "$2" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	screen | sed 's/^/#   /'
	return 1
}

tui_start -x 80 -y 24
ok "the dashboard counts the follow-ups due this week" wait_for "今后 7 天内待跟进：1 次"
ok "and lists it: the date, the student, the talk's date, by whom" \
	line_has "2026-05-23 王磊" "2026-05-16 张伟"
ok "the one in three weeks is not listed" absent "2026-06-10"
ok "nor the one already past" absent "2026-04-08"

keys 5
ok "the talks list has a follow-up column" line_has "主题" "跟进"
ok "the talk's row shows its follow-up date" line_has "2026-05-16" "2026-05-23"
ok "the other talk's row shows its own" line_has "2026-05-18" "2026-06-10"

keys F3
keys -l 2023030105
keys Enter
ok "the talks of 王磊" wait_for "与 1 名学生谈话 2 次"
keys Enter
ok "his record view" wait_for "学生档案"
ok "the record's talk row shows the follow-up date" line_has "2026-05-16" "2026-05-23"
ok "and the older talk's" line_has "2026-04-01" "2026-04-08"
keys F10
ok "F10 quits" wait_gone
done_testing
