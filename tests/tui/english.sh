#!/bin/sh
# The English UI speaks English: a semester's name, the name list's
# appendix number, "1 error" (not "1 errors") and a political status in a
# message ("not a party member (Youth League member)", not
# 共青团员) are English there, and
# the Chinese UI keeps its Chinese names. Data (names, colleges) stays as is.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bf import students "$DATA/students.csv"
is "$rc" 0 "a roster to look at"

tui_start -x 80 -y 24 --lang en
ok "the dashboard names the semester in English" \
	wait_for "academic year 2025-2026, second semester"
screen >"$T/s"
ok "no 学年 on the English dashboard" sh -c "! grep -q '学年' '$T/s'"
keys F9
ok "the reports page offers the name list as Appendix 1" wait_for "(Appendix 1)"
screen >"$T/s"
ok "no 附件 or 学年 on the English reports page" sh -c "! grep -q '附件\|学年' '$T/s'"

# one bad row: "1 error", in the import preview
printf '学号,姓名,学院\n2025999999,,计算机科学与技术学院\n' >"$T/one.csv"
keys F12
ok "the import menu" wait_for "Students"
keys Enter
ok "it asks for the file" wait_for "CSV"
keys -l "$T/one.csv"
keys Enter
ok "one error is '1 error'" wait_for "1 error; nothing will be written"

keys Escape
ok "back from the preview" wait_not "1 error; nothing will be written"

# a helper who is no party member: the political status in English
bf import counsellors "$DATA/counsellors.csv"
keys 4
ok "the pairings" wait_for "bangfu · Pairings"
keys F2
ok "a new pairing's form" wait_for "Pairing — new"
keys -l 2023030105
keys Enter
ok "a Youth League member is no party member, said in English" \
	wait_for "王磊 is not a party member (Youth League member)"
ok "no 共青团员 on the English form" absent "共青团员"
keys Escape
ok "leaving the form asks" wait_for "Discard"
keys y
keys F10
ok "quit" wait_gone

tui_start -x 80 -y 24
ok "the Chinese UI" wait_for "bangfu · 首页"
keys 4
ok "结对" wait_for "bangfu · 结对"
keys F2
ok "新建结对" wait_for "新建"
keys -l 2023030105
keys Enter
ok "in Chinese the status is 共青团员" wait_for "王磊 不是党员（共青团员）"
keys Escape
ok "leaving the form asks" wait_for "放弃"
keys y
keys F10
ok "quit" wait_gone

bf --lang en
ok "the status names the semester in English" grep -q "academic year 2025-2026, second semester" "$T/out"
bf
ok "the Chinese status keeps 2025-2026学年第二学期" grep -q "2025-2026学年第二学期" "$T/out"

done_testing
