#!/bin/sh
# The whole first day, on the screens: an empty database -> the first-run
# screen -> create a college -> import the sample roster (a preview with
# nothing written until confirmed) -> the dashboard -> pair two students ->
# log a talk from the pairings list with F5 -> quit with F10 -> the talk is
# in `bangfu export dump`.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_start --lang en
ok "an empty database opens on the first-run screen" wait_for "This database is empty"
ok "the first step offered is creating a college" wait_for "> 1. Create a college"

keys Enter
ok "Enter asks for the college's name" wait_for "Name of the college"
keys -l "计算机科学与技术学院"
keys Enter
ok "the college is created" wait_for "College 计算机科学与技术学院 created"
ok "with the current semester and its default due dates" \
	wait_for "Semester 2025-2026-2: name list due 2026-04-11, summary due 2026-07-11"

# The semester's due dates can be changed.
keys Down
ok "the second step changes the due dates" wait_for "> 2. Change the semester's due dates"
keys Enter
ok "it asks for the name list's due date, the default filled in" wait_for "2026-04-11"
keys C-u
keys -l 2026-04-20
keys Enter
ok "then for the summary's" wait_for "2026-07-11"
keys Enter
ok "the new date is saved" wait_for "name list due 2026-04-20, summary due 2026-07-11"

keys Down
ok "the roster import is the third step" wait_for "> 3. Import the roster"

# A file with errors: the preview lists every one of them, nothing is
# written, Esc goes back.
cp "$DATA/bad-three-rows.csv" "$T/bad.csv"
keys Enter
ok "it asks for the CSV file" wait_for "Path of the CSV file"
keys -l "$T/bad.csv"
keys Enter
ok "a file with errors: the preview says nothing will be written" \
	wait_for "3 errors; nothing will be written"
ok "the first error, with its line" wait_for "bad.csv:2: name: is required"
ok "the second" wait_for "bad.csv:4: gender:"
ok "the third" wait_for "bad.csv:5: political_status:"
keys Enter
bf stats --json
ok "nothing of the bad file is written, even after Enter" grep -q '"students":0,' "$T/out"
keys Escape
ok "Esc goes back to the steps" wait_for "> 3. Import the roster"

keys Enter
ok "it asks for the CSV file again" wait_for "Path of the CSV file"
keys -l "$DATA/students.csv"
keys Enter
ok "a preview comes first" wait_for "Import preview: nothing has been written yet"
ok "it shows the file's first rows" wait_for "2022030101 张伟   男   计算机科学与技术学"
ok "and that the file has no errors" wait_for "No errors. Importing 9 rows will create:"
ok "with what it will create" wait_for "students 9, party members 4, assisted"
bf stats --json
ok "nothing is written before the user confirms" grep -q '"students":0,' "$T/out"
keys Enter
ok "Enter imports and shows the counts" wait_for "Imported 9 rows from $DATA/students.csv."
bf stats --json
ok "the roster is in the database" grep -q '"students":9,' "$T/out"
keys Escape
ok "Esc goes back to the steps" wait_for "> 3. Import the roster"

keys Down Down Down
ok "the last step goes to the dashboard" wait_for "> 6. Go to the dashboard"
keys Enter
ok "the dashboard shows the semester" wait_for "Semester 2025-2026-2"
ok "and the counts from the roster" wait_for "Party members: 4"
ok "and the talks per week" wait_for "Talks per week, last 16 weeks (0 in all)"
ok "and the name list's changed due date, overdue" wait_for "Name list due 2026-04-20: OVERDUE by 30 days"

keys 4
ok "4 opens the pairings list, empty so far" wait_for "0 rows"
keys F2
ok "F2 opens a new pairing" wait_for "Helper (party member)"
keys -l 2022030101
keys Enter
ok "the helper is picked by student number" wait_for "张伟 2022030101"
keys -l 2023030105
keys Enter
ok "the assisted student too" wait_for "王磊 2023030105"
keys F2
ok "F2 saves: back in the list with one pairing" wait_for "1 row"
ok "the row shows member and student" wait_for "张伟"
screen | grep -q "王磊.*2025-2026-2 2026-05-20" && r=0 || r=1
ok "member, student, semester and start on one row" test "$r" = 0

keys F5
ok "F5 logs a talk for the selected pairing" wait_for "Minutes"
ok "the pairing is filled in" wait_for "张伟 2022030101 → 王磊 2023030105"
ok "the date defaults to today" wait_for "2026-05-20"
keys -l 30
keys Tab
# On the mode (a choice) a stray digit must stay in the form: 3 is also the
# key for the members list.
keys -l 3
sleep 0.3
ok "a digit typed on a choice field does not leave the form" wait_for "Minutes"
absent "Party members ·" && r=0 || r=1
ok "the members list did not open" test "$r" = 0
keys Tab Space Tab
keys -l "TALK-MARK 一起复习高等数学"
keys F2
ok "saved: back in the list" wait_for "1 row"
ok "the pairing's last talk is today" wait_for "2026-05-20 2026-05-20"

keys F10
ok "F10 quits" wait_gone
is "${tui_rc-}" 0 "bangfu exits 0"

bf --role counsellor export dump
is "$rc" 0 "export dump after the session exits 0"
ok "the dump holds the pairing" grep -q '"type": *"pairing"' "$T/out"
ok "the dump holds the talk with its content" grep -q '"content": *"TALK-MARK 一起复习高等数学"' "$T/out"
ok "the talk lasted 30 minutes and was about study" \
	sh -c "grep 'TALK-MARK' '$T/out' | grep '\"minutes\": *30' | grep -q '\"topics\": *1'"
bf check
is "$rc" 0 "the database passes check"

# Back on the screens: the dashboard counts the day's work.
tui_start --lang en
ok "with a college, bangfu opens on the dashboard" wait_for "Talks per week, last 16 weeks (1 in all)"
ok "one pairing, four party members, one talk this month" \
	wait_for "Pairings: 1   Party members: 4   Counsellors: 0   Talks this month: 1"
ok "four assisted students, by kind" \
	wait_for "Assisted students: 4   academic: 2   financial: 2   psychological: 2"
ok "the new pairing is not overdue" wait_for "Overdue pairings: none"
keys F10
ok "F10 quits again" wait_gone

# Another empty database: demonstration data in two keys.
DB="$T/demo-db"
tui_start --lang en
ok "a second empty database: the first-run screen" wait_for "This database is empty"
keys Down Down Down Down
ok "the fifth step loads demonstration data" wait_for "> 5. Load demonstration data"
keys Enter
ok "it asks first" wait_for "made-up students"
keys y
ok "then shows the dashboard" wait_for "Talks per week"
sleep 0.3
screen | grep -q "Pairings: [1-9][0-9]*   Party members: [1-9]" && r=0 || r=1
ok "the demo's pairings and members are counted" test "$r" = 0

# The talks list pages through the date index, newest first.
keys 5
ok "5 opens the talks, newest first" wait_for "newest first,"
sleep 0.3
screen | sed -n '3,20p' | cut -c2-11 | grep '^20' >"$T/p1"
screen | sed -n '3,20p' | cut -c2- >"$T/p1-rows"
ok "a page of talks is shown" test "$(wc -l <"$T/p1")" -gt 10
ok "in date order, newest first" sort -r -c "$T/p1"
for i in 1 2 3 4 5 6 7 8; do keys PPage; done
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do keys NPage; done
sleep 0.5
screen | sed -n '3,20p' | cut -c2-11 | grep '^20' >"$T/p2"
ok "twenty pages on, still newest first" sort -r -c "$T/p2"
ok "and older than the first page" test "$(head -n 1 "$T/p2")" \< "$(tail -n 1 "$T/p1")" -o \
	"$(head -n 1 "$T/p2")" = "$(tail -n 1 "$T/p1")"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do keys PPage; done
sleep 0.5
screen | sed -n '3,20p' | cut -c2-11 | grep '^20' >"$T/p3"
screen | sed -n '3,20p' | cut -c2- >"$T/p3-rows"
ok "twenty pages back: the first page again, row for row" cmp -s "$T/p1-rows" "$T/p3-rows"
keys F10
ok "F10 quits" wait_gone
bf check
is "$rc" 0 "the demonstration database passes check"

done_testing
