#!/bin/sh
# The screens show the model's one definition of each view (issue 8):
#  - a party member's pairings in the members list are the pairings the
#    limit rule counts: one active today and one starting next week show 2
#    (the list said 1 while the rule refused a third with "already has 2");
#  - the summary's deadline is "done" on the dashboard and the reports
#    screen once every college's summary is final, as `bangfu` says (the
#    screens said OVERDUE);
#  - the talks list filters with the list's filter line.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bf import students "$DATA/students.csv"
bf import counsellors "$DATA/counsellors.csv"
cat >"$T/more.csv" <<'EOF'
学号,姓名,性别,学院,班级,政治面貌,联系电话,帮扶类型
2023030199,钱多多,女,计算机科学与技术学院,计科2301,共青团员,13800000099,经济困难
EOF
bf import students "$T/more.csv"
is "$rc" 0 "students imported"
# The college allows two pairings a member (a dump restored with the limit).
bf export dump
sed '/"type":"college".*"name":"计算机科学与技术学院"/ s/}$/,"pair_limit":2}/' "$T/out" >"$T/full"
DB="$T/db2"
bf import dump "$T/full"
is "$rc" 0 "a college allowing 2 pairings a member"
bf semester start 2025-2026-2   # an import makes no semester
bf import pairings "$DATA/pairings.csv"
is "$rc" 0 "pairings imported"
bf import talks "$DATA/talks.csv"
is "$rc" 0 "talks imported"
cat >"$T/next.csv" <<'EOF'
党员学号,帮扶对象学号,学期,开始日期,备注,跨院原因
2022030101,2023030199,2025-2026-2,2026-05-27,下周开始,
EOF
bf import pairings "$T/next.csv"
is "$rc" 0 "张伟's second pairing starts next week"
cat >"$T/third.csv" <<'EOF'
党员学号,帮扶对象学号,学期,开始日期,备注,跨院原因
2022030101,2023030106,2025-2026-2,2026-05-20,,
EOF
bf --lang en import pairings "$T/third.csv"
ok "a third is refused: the rule counts 2" grep -q "already has 2" "$T/err"

# has_line A B: a line of the screen holds A and then B.
has_line() {
	screen | grep -F "$1" | grep -qE "$2"
}

tui_start --lang en
ok "the dashboard comes up" wait_for "Dashboard"
keys 3
ok "the members list" wait_for "Branch"
ok "张伟 shows the 2 pairings the rule counts" has_line 2022030101 " 2 *$"
ok "李娜 shows 1" has_line 2022030102 " 1 *$"

# The talks list's filter is the list's filter line, named for students.
keys 5
ok "the talks list" wait_for "newest first, 5 talks"
ok "its filter line asks for a student" wait_for "Student: "
keys F3
keys -l 2023030106
ok "the talks of one student" wait_for "2 talks with 1 students"
keys Escape
ok "Esc clears it" wait_for "newest first, 5 talks"
keys F10
ok "F10 quits" wait_gone

# ---- deadlines: done once every summary is final ------------------------
han() {   # N Han characters
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "帮"; print "" }'
}
han 1200 >"$T/summary.txt"
BANGFU_TODAY=2026-07-12
export BANGFU_TODAY
tui_start --lang en
ok "after the summary's date, before any is final" \
	wait_for "Summary due 2026-07-11: OVERDUE by 1 days"
keys F10
ok "F10 quits" wait_gone
for c in 计算机科学与技术学院 机械工程学院; do
	bf report save --college "$c" --semester 2025-2026-2 "$T/summary.txt"
	bf report final --college "$c" --semester 2025-2026-2
	is "$rc" 0 "$c: the summary is final"
done
bf --lang en
ok "bangfu: the summary is done, as on the screens, not overdue" \
	grep -q '^  semester summary due *2026-07-11 (done)  final for 2 of 2 colleges$' "$T/out"
tui_start --lang en
ok "the dashboard says done" wait_for "Summary due 2026-07-11: done"
ok "and not overdue" absent "Summary due 2026-07-11: OVERDUE"
ok "the name list is still overdue (it is not stored)" wait_for "Name list due 2026-04-11: OVERDUE"
keys F9
ok "the reports screen" wait_for "Reports"
ok "the reports screen says done too" wait_for "Summary due 2026-07-11: done"
keys F10
ok "F10 quits" wait_gone

done_testing
