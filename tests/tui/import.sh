#!/bin/sh
# Data in at any time, on the screens (Chinese, 80x24): the import menu from
# the reports page (F9) and by its own key (F12); a talks file with an
# error shows its rows and the error and writes nothing; a good one shows
# its rows, imports on Enter, shows the counts, and the talks list has the
# talks; a corrected roster shows every change before it is written.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bf init
bf import students "$DATA/students.csv"
bf import counsellors "$DATA/counsellors.csv"
bf semester start 2025-2026-2   # an import makes no semester
bf import pairings "$DATA/pairings.csv"
is "$rc" 0 "the roster, counsellors and pairings are there"
mkdir "$T/files"
cp "$DATA/talks.csv" "$DATA/bad-future-talk.csv" "$DATA/students-update.csv" "$T/files/"
cd "$T/files" || exit 1
bf export dump
cp "$T/out" "$T/before.dump"

tui_start -x 80 -y 24
ok "bangfu opens on the dashboard" wait_for "bangfu · 首页"

# ---- through the reports page
keys F9
ok "F9 opens the reports page" wait_for "导出结对帮扶名单"
ok "it offers the import menu" wait_for "导入数据：学生、辅导员、结对、谈话、物质帮扶…"
keys End Up Enter
ok "the import menu opens" wait_for "导入 CSV 文件：先选择文件的内容"
ok "its first kind is the students' roster" wait_for "> 1. 学生名单：添加新学生，更新已有学生的信息"
ok "and the other kinds, the last aid" wait_for "5. 物质帮扶"
keys Down Down Down
ok "Down chooses talks" wait_for "> 4. 谈话"
ok "the talks' columns are shown" wait_for "日期* 时长* 方式* 主题*"

# ---- a talks file with an error: rows and the error, nothing written
keys Enter
ok "Enter offers the CSV files of the folder" wait_for "要导入的 CSV 文件"
ok "the bad file is among them" wait_for "bad-future-talk.csv"
keys Down
keys Enter
ok "the preview says nothing will be written" wait_for "导入预览：不会写入任何数据"
ok "it shows the file's header" wait_for "党员学号   帮扶对象学号 日期"
ok "and its row" wait_for "2022030101 2023030105   2026-06-01 30"
ok "and the error with FILE:LINE: field (the column as the file names it)" \
	wait_for "bad-future-talk.csv:2: 日期: 2026-06-01 是将来的日期"
ok "and how many errors" wait_for "有 1 个错误，不会写入任何数据"
keys Enter
bf export dump
ok "nothing is written, even after Enter" cmp -s "$T/before.dump" "$T/out"
keys Escape
ok "Esc goes back to the kinds" wait_for "> 4. 谈话"

# ---- a good talks file, its path typed
keys Enter
ok "the file list again" wait_for "输入路径…"
keys Enter
ok "the first choice asks for a path" wait_for "CSV 文件路径"
keys -l "$T/files/talks.csv"
keys Enter
ok "the preview comes first" wait_for "导入预览：尚未写入任何数据"
ok "it shows the first rows" wait_for "2022030101 2023030105   2026-03-08 45"
ok "a counsellor's talk too" wait_for "2026-04-15 30   面谈 心理"
ok "no errors, and what the import will create" wait_for "没有错误。导入这 5 行将新建：谈心谈话 5。"
bf stats --json
ok "nothing written before Enter" grep -q '"talks":0,' "$T/out"
keys Enter
ok "Enter imports and shows the counts" wait_for "已从 $T/files/talks.csv 导入 5 行。新建：谈心谈话 5。"
bf stats --json
ok "the talks are in the database" grep -q '"talks":5,' "$T/out"
keys 5
ok "the talks list shows them" wait_for "共 5 次谈话"
ok "the imported talk of 欧阳思远 is listed" wait_for "2026-05-10 欧阳思远"

# ---- its own key, from any screen; a roster update shows every change
keys F12
ok "F12 opens the import menu from the talks list" wait_for "导入 CSV 文件：先选择文件的内容"
keys Enter
ok "the students' file list" wait_for "students-update.csv"
keys Down Down
keys Enter
ok "the roster's preview" wait_for "导入预览：尚未写入任何数据"
ok "it says what changes in the students already there" \
	wait_for "已有的学生：1 名将更新，1 名没有改动。"
ok "and the new student" wait_for "学生 1"
ok "the class change, old → new" wait_for "2023030105 班级: 计科2301 → 计科2302"
ok "the phone change" wait_for "2023030105 联系电话: 13800000003 → 13800000099"
bf export dump
cp "$T/out" "$T/before.dump"
keys Escape
ok "Esc goes back without writing" wait_for "> 1. 学生名单"
bf export dump
ok "the roster's preview wrote nothing" cmp -s "$T/before.dump" "$T/out"
keys F1
ok "the help lists the import key" wait_for "从 CSV 文件导入数据"
keys Escape
keys F10
ok "F10 quits" wait_gone

done_testing
