#!/bin/sh
# A dialog drawn over double-width text leaves it whole when it closes: the
# welcome page after the college's name is asked (the border sat on half of
# 入 and 往), without Ctrl-L.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

mkdir "$T/files"
cp "$DATA/students.csv" "$T/files/"
cd "$T/files" || exit 1
tui_start -x 80 -y 24
ok "an empty database opens on the first-run page" wait_for "数据库还是空的"
screen >"$T/before"
keys 1
ok "a dialog asks for the college's name" wait_for "学院名称"
keys -l "计算机科学与技术学院"
keys Enter
ok "the college is created" wait_for "已创建学院"
screen >"$T/after"
ok "item 3 is whole after the dialog" grep -q "3\. *导入学生名单（CSV 文件）" "$T/after"
ok "item 6 is whole after the dialog" grep -q "6\. *前往首页" "$T/after"
keys 3
ok "the file list's keys are whole, however narrow its rows" wait_for "回车：选择   Esc：取消"
keys Escape
ok "Esc closes the file list" wait_not "Esc：取消"

# The pairing form after the list of candidates for 帮扶人: its label whole.
DB="$T/demo"
bf demo
is "$rc" 0 "the demo data is loaded"
tui_start -x 80 -y 24
keys 4
ok "the pairings list opens" wait_for "结对"
keys F2
ok "F2 opens the pairing form" wait_for "帮扶人"
keys -l z
keys Enter
ok "z + Enter opens the list of members" wait_for "取消"
keys Escape
ok "Esc closes the list" wait_not "取消"
screen >"$T/form"
ok "the label is whole: 帮扶人(党员)" grep -q "帮扶人(党员)" "$T/form"
done_testing
