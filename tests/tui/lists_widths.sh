#!/bin/sh
# List columns are as wide as what they hold, at 80x24 in Chinese (the
# demo's data): a column's title and its cells are cut only when the row
# has no room for them, the shrinkable column (the college, a talk's
# content) giving way first. Before, the columns had fixed shares:
#  - the assisted students' list cut its title 帮扶类型 to "帮扶…" and two
#    kinds to "学业…" while other columns had room to spare;
#  - the pairings list cut its title 帮扶对象 to "帮扶对…";
#  - the record view cut a counsellor's talk to "刘晓燕（辅…";
#  - at 120 columns the assisted students' list still cut cells.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bf demo
is "$rc" 0 "the demo database"

# screen_has RE: a line of the screen matches RE (waits as wait_for does).
screen_has() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		screen | grep -qE -- "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	echo "# no line matches: $1"
	screen | sed 's/^/#   /'
	return 1
}
# no_line RE [FROM TO]: no line of the screen (FROM to TO) matches RE.
no_line() {
	_hit=$(screen | sed -n "${2:-1},${3:-\$}p" | grep -E -- "$1")
	[ -z "$_hit" ] && return 0
	printf '%s\n' "$_hit" | sed 's/^/#   /'
	return 1
}

tui_start -x 80 -y 24
ok "the dashboard" wait_for "超期结对"
keys 2
ok "the assisted students' list" wait_for "学号▲"
ok "its titles are whole" screen_has "^ 学号▲ +姓名 +学院 +班级 +帮扶类型 +困难等级 +结对党员 +最近谈话 *$"
ok "no title is cut" no_line "…" 2 2
ok "two kinds are shown whole" screen_has "(学业|经济|心理)、(学业|经济|心理) "
ok "no student's kinds cut to one and …" no_line " (学业|经济|心理)…"
ok "names are whole" no_line "^.[0-9]{10} [^ ]*…"

keys 4
ok "the pairings list" wait_for "超期▼"
ok "its titles are whole" screen_has "^ 党员 +帮扶对象 +学院 +学期 +开始日期 +最近谈话 +状态 +超期▼ *$"

# A counsellor's talk in a student's record view: the name and its mark.
# The student: one whose newest talk was a counsellor's (at the top).
bf list talks
set -- $(awk -F'\t' 'NR > 1 { if (!($4 in d) || $5 > d[$4]) { d[$4] = $5; by[$4] = $3 } }
	END { for (s in d) if (by[s] != "") print by[s], s }' "$T/out" | sort -k2 | head -n 1)
staff=$1 student=$2
bf list counsellors
cname=$(awk -F'\t' -v s="$staff" '$2 == s { print $3 }' "$T/out")
ok "a counsellor's talk in the demo ($cname with $student)" test -n "$cname"
keys 5
ok "the talks list" wait_for "最新的在前"
keys F3
keys -l "$student"
keys Enter
ok "the student's talks" wait_for "与 1 名学生谈话"
keys Enter
ok "the record view" wait_for "学生档案"
ok "the counsellor's talk names $cname（辅导员） whole" wait_for "$cname（辅导员）"
ok "no counsellor's name in the list is cut" no_line "（辅导…|（辅…"
bf show student "$student"
phone=$(sed -n 's/^联系电话[[:space:]]*//p' "$T/out" | head -n 1)
if [ -n "$phone" ]; then
	ok "the record's head shows the phone $phone whole (wrapped, not cut)" wait_for "$phone"
else
	ok "the record's head is not cut" no_line "^ [0-9]{10} .*…$"
fi
keys F10
ok "F10 quits" wait_gone

# With room to spare nothing is cut.
tui_start -x 120 -y 30
ok "120 columns: the dashboard" wait_for "超期结对"
keys 2
ok "120 columns: the assisted students' list" wait_for "学号▲"
ok "120 columns: no cell is cut" no_line "…"
keys F10
ok "F10 quits" wait_gone
done_testing
