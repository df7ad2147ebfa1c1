#!/bin/sh
# bangfu report overdue: pairings with no talk for more than N days (the
# college's setting by default), most overdue first, with the member, the
# student and the last talk's date; then the semester's documents, overdue
# ones marked in stats and the status. Today is 2026-05-20 (tests/lib.sh).
#   计算机: 张伟-王磊 last talk 03-22 (59 days), 李娜-单晓雯 04-02 (48)
#   机械:   孟凡-曾浩然 no talk since the start 03-10 (71),
#           欧阳思远-区一诺 05-10 (10)
. "$top_srcdir/tests/lib.sh"
CS=计算机科学与技术学院
ME=机械工程学院

bf init --semester 2025-2026-2
for f in students counsellors pairings talks aid; do
	bf import $f "$DATA/$f.csv"
done
is "$rc" 0 "the fixtures import"

rows() { grep -E '^[0-9]+ ' "$T/out" | awk '{ print $1 "," $2 "," $3 "," $5 }' | tr '\n' ' '; }

bf --lang en report overdue --college $CS
is "$rc" 0 "overdue pairings of a college"
is "$(rows)" "59,2026-03-22,2022030101,2023030105 48,2026-04-02,2022030102,2023030106 " \
	"by the default of 14 days, most overdue first, with the last talk's date"
ok "the member and the student are named" sh -c "grep -q '张伟' '$T/out' && grep -q '王磊' '$T/out'"
ok "the heading names the days and today" grep -q 'more than 14 days (today 2026-05-20)' "$T/out"

bf --lang en report overdue --college $CS --days 50
is "$(rows)" "59,2026-03-22,2022030101,2023030105 " "--days 50 leaves the 48-day pairing out"

bf --lang en report overdue --college $CS --days 60
is "$rc" 0 "none overdue is not an error"
ok "and says so" grep -q 'no pairing without a talk for more than 60 days' "$T/out"

bf --lang en report overdue --college $ME
is "$(rows)" "71,none,2021010201,2024030201 " \
	"a pairing with no talk counts from its start; a talk 10 days ago is on time"
bf --lang en report overdue --college $ME --days 5
is "$(rows)" "71,none,2021010201,2024030201 10,2026-05-10,2022010101,2023010102 " \
	"--days 5 lists both, most overdue first"

# A long name never runs into the next column: the member column is as wide
# as its widest name, by display width.
bf edit student 2021010201 姓名=阿卜杜热合曼·买买提江
is "$rc" 0 "a member with a long name"
bf --lang en report overdue --college $ME --days 5
ok "no name runs into the student number after it" sh -c "! grep -E '[^ 0-9][0-9]{10}' '$T/out'"
is "$(rows)" "71,none,2021010201,2024030201 10,2026-05-10,2022010101,2023010102 " "the columns still read"
bf edit student 2021010201 姓名=孟凡

# Days are counted to today.
BANGFU_TODAY=2026-05-21 bf --lang en report overdue --college $ME --days 70
is "$(rows)" "72,none,2021010201,2024030201 " "a day later the count moves on"

# ---- overdue documents: stats and the status mark them with "!"
bf --lang en stats
ok "stats shows the name list's due date, days ago and OVERDUE" \
	grep -q '^! pairing name list due *2026-04-11 (39 days ago)  OVERDUE$' "$T/out"
ok "and the summary's, days left, not marked" \
	grep -q '^  semester summary due *2026-07-11 (in 52 days)  final for 0 of 2 colleges$' "$T/out"
ok "stats --json is unchanged (no dates)" sh -c "'$BANGFU' --db '$DB' stats --json | grep -qx '{\"colleges\":2,\"students\":9,\"members\":4,\"targets\":4,\"counsellors\":3,\"pairings\":4,\"talks\":5,\"aid\":3}'"
BANGFU_TODAY=2026-07-12 bf --lang en stats
ok "after the summary's date it is marked too" \
	grep -q '^! semester summary due *2026-07-11 (1 day ago)  OVERDUE  final for 0 of 2 colleges$' "$T/out"
bf --lang en init --semester 2025-2026-2 --roster-due 2026-05-25 --summary-due 2026-07-20
is "$rc" 0 "init sets the semester's due dates"
bf --lang en
ok "the status shows the new name-list date, 5 days left, not marked" \
	grep -q '^  pairing name list due *2026-05-25 (in 5 days)$' "$T/out"
ok "and the new summary date" grep -q '2026-07-20 (in 61 days)' "$T/out"
bf init --semester 2025-2026-2 --roster-due 2026-02-30
is "$rc" 1 "a bad date is bad input"
bf init --roster-due 2026-05-25
is "$rc" 2 "a due date needs --semester"

bf report overdue --college 不存在学院
is "$rc" 1 "an unknown college is bad input"
bf report overdue --college $CS --days abc
is "$rc" 2 "--days must be a number"
bf report overdue --college $CS --days 0
is "$rc" 2 "--days must be 1 or more"
bf report overdue
is "$rc" 2 "--college is required"

done_testing
