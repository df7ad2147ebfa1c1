#!/bin/sh
# Privacy on the screens: with the secretary's role (the default) the
# content of a talk about 心理 and the situation of a 心理困难 student never
# appear — not in the talks list, not in the record view, not in the edit
# form, and the list filters do not search them; the talks are still seen
# to have happened. With --role counsellor they are shown.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bf init
bf semester start 2025-2026-2   # an import makes no semester
for k in students counsellors pairings talks; do
	bf import $k "$DATA/$k.csv"
done
# 单晓雯 (2023030106, 学业困难、心理困难) gets a situation text through a
# counsellor's dump restored into the database the screens use.
bf --role counsellor export dump
sid=$(grep '"type": *"student"' "$T/out" | grep '"student_no": *"2023030106"' |
	sed 's/.*"id": *"\([0-9a-f]*\)".*/\1/')
sed "/\"type\": *\"target\".*\"student_id\": *\"$sid\"/ s/}\$/,\"situation\":\"考试前失眠SIT-SECRET\"}/" \
	"$T/out" >"$T/full"
DB="$T/db2"
bf import dump "$T/full"
is "$rc" 0 "a database with a 心理 talk and a 心理困难 student's situation"

# The sensitive texts (from tests/data/talks.csv and the line above).
leaks=0
leak_check() {
	screen >"$T/scr"
	for s in 'SIT-SECRET' '考试前失眠' '她情绪比上次稳定' '愿意主动说出' '辅导员约谈' '关注心理状态'; do
		if grep -qF "$s" "$T/scr"; then
			echo "# LEAK on $1: $s"
			sed 's/^/#   /' "$T/scr"
			leaks=$((leaks + 1))
		fi
	done
}

# has_line A B: a line of the screen holds A and then B.
has_line() {
	screen | grep -F "$1" | grep -qF "$2"
}

tui_start --lang en
ok "the dashboard comes up" wait_for "Dashboard"
leak_check dashboard

keys 5
ok "the talks list opens" wait_for "newest first, 5 talks"
ok "a 心理 talk shows the mask in place of its content" wait_for "[counsellors only]"
is "$(screen | grep -c '\[counsellors only\]')" 2 "both 心理 talks are masked"
ok "the talk is still seen to have happened (date, minutes, mode)" has_line 2026-04-02 "60 面谈"
ok "other talks show their content" wait_for "询问了宿舍生活"
leak_check "talks list"
keys F3
keys -l 2023030106
ok "the talks of one student (filter)" wait_for "2 talks with 1 students"
leak_check "talks list, filtered"
keys Escape

keys 2
ok "the assisted students list" wait_for "4 rows"
keys F3
keys -l SIT
ok "the filter does not search situations" wait_for "0 of 4 rows"
keys C-u
keys -l 烦恼
ok "nor talk contents" wait_for "0 of 4 rows"
keys C-u
keys -l 2023030106
ok "the student is found by number" wait_for "1 of 4 rows"
leak_check "students list"
keys Enter Enter
ok "Enter opens the record view" wait_for "Student record"
ok "the situation is masked" wait_for "Situation: [counsellors only]"
ok "the selected 心理 talk's content is masked" wait_for "Content: [counsellors only]"
ok "the talks are listed" wait_for "Talks: 2 (newest first)"
leak_check "record view"
keys Down
sleep 0.3
leak_check "record view, second talk"
keys F4
ok "F4 opens the student's form" wait_for "Situation"
sleep 0.3
leak_check "student form"
keys Escape
ok "back to the record" wait_for "Student record"
keys F10
ok "F10 quits" wait_gone
is "$leaks" 0 "no sensitive text on any screen of the secretary"

# The counsellor sees them.
tui_start --lang en --role counsellor
ok "the counsellor's dashboard" wait_for "Dashboard"
keys 5
ok "the counsellor's talks list shows 心理 content" wait_for "她情绪比上次稳定"
keys 2
ok "the students list" wait_for "4 rows"
keys F3
keys -l 2023030106
ok "filtered" wait_for "1 of 4 rows"
keys Enter Enter
ok "the counsellor's record view shows the situation" wait_for "考试前失眠SIT-SECRET"
ok "and the counsellor's own note" wait_for "关注心理状态"
keys F10
ok "F10 quits" wait_gone

done_testing
