#!/bin/sh
# The first-run page at 80x24 in Chinese: its hint wraps onto a second line
# instead of being cut, the menu's numbers choose its items (6 goes to the
# dashboard, not to the counsellors), and a step's message goes when the
# next step starts.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_start -x 80 -y 24
ok "an empty database opens on the first-run page" wait_for "数据库还是空的"
ok "the hint is whole: it ends with its last column and full stop" wait_for "帮扶类型）。"
screen >"$T/s"
ok "no line of the hint is cut with …" sh -c "! grep -q '…' '$T/s'"

keys 1
ok "typing 1 does item 1: it asks for the college's name" wait_for "学院名称"
keys -l "计算机科学与技术学院"
keys Enter
ok "the college is created" wait_for "已创建学院“计算机科学与技术学院”"
keys 2
ok "typing 2 asks for the due date" wait_for "结对帮扶名单"
keys Escape
ok "cancelled: back on the page" wait_for "> 2. 修改本学期的截止日期"
screen >"$T/s"
ok "the first step's message went when the second began" sh -c "! grep -q '已创建学院' '$T/s'"
keys 6
ok "typing 6 goes to the dashboard (item 6), not to the counsellors" wait_for "首页"
screen >"$T/s"
ok "the counsellors list did not open" sh -c "! grep -q '工号' '$T/s'"

done_testing
