#!/bin/sh
# messages.sh — messages a secretary never has to fight (Chinese, 80x24):
# a rule's message is beside its field, whole (wrapped onto the next line,
# never cut), and not on the status line; a wrong due date is asked again
# and its error is gone once a right one is saved; 已保存 belongs to the
# save and does not follow the user onto the next screen; the import-done
# page says its counts once; a long status message wraps rather than being
# cut at the right edge.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

# line N — the screen's line N (1-based).
line() {
	screen | sed -n "${1}p"
}

# status — the status lines (the one to three lines above the key bar, at
# 24 rows lines 21-23), joined.
status() {
	screen | sed -n '21,23p' | paste -sd ' '
}

# label_line LABEL — the number of the first line holding LABEL.
label_line() {
	screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1
}

# ---- an empty database: the first-run page's due dates
tui_start -x 80 -y 24
ok "an empty database opens on the first-run page" wait_for "修改本学期的截止日期"
# An error belongs to the action that made it: the next one clears it.
keys 1
ok "1 asks for the college's name" wait_for "学院名称"
keys Enter
ok "no name: the status line says a college needs one" wait_line 23 "学院需要名称。"
keys 2
ok "2 asks for the name list's due date" wait_for "结对帮扶名单截止日期："
keys Enter
ok "and the summary's" wait_for "学期总结截止日期："
keys Enter
ok "the due dates are saved" wait_for "截止日期已保存。"
ok "the college's error went when the next step began" absent "学院需要名称。"

# A wrong date is asked again; its error goes once a right one is saved.
keys 2
ok "2 asks for the name list's due date" wait_for "结对帮扶名单截止日期："
keys C-u
keys -l 2026-13-40
keys Enter
ok "a wrong date says why" wait_for "不是日期（应为 YYYY-MM-DD）：2026-13-40"
ok "... and is asked again, with what was typed" wait_for "│ 2026-13-40"
ok "... in the same dialog" wait_for "结对帮扶名单截止日期："
keys C-u
keys -l 2026-04-20
keys Enter
ok "a right one goes on to the summary's" wait_for "学期总结截止日期："
keys Enter
ok "the page shows the new date" wait_for "名单截止 2026-04-20"
ok "the wrong date's error is gone once a right one is saved" \
	absent "不是日期（应为 YYYY-MM-DD）"
keys F10
wait_gone >/dev/null

# ---- a database with people
bf import students "$DATA/students.csv"
bf import counsellors "$DATA/counsellors.csv"
bf import pairings "$DATA/pairings.csv"
is "$rc" 0 "the roster, counsellors and pairings are there"
# the files to import, in the folder bangfu runs in (a path long enough
# for its message not to fit on one line)
mkdir -p "$T/files/一个名字很长的文件夹用来看状态栏的换行"
long="$T/files/一个名字很长的文件夹用来看状态栏的换行/talks.csv"
cp "$DATA/talks.csv" "$T/files/talks.csv"
cp "$DATA/talks.csv" "$long"
cd "$T/files" || exit 1

tui_start -x 80 -y 24
ok "the dashboard opens" wait_for "bangfu · 首页"
keys 4
ok "the pairings list opens" wait_for "bangfu · 结对 ·"
keys F2
ok "F2 opens the pairing form" wait_for "帮扶人(党员)*"
# 李娜 is at her college's limit; 王磊 is paired with 张伟 since 2026-03-01:
# a message too long for the room beside the field.
keys -l 2022030102
keys Enter
ok "the helper's rule is shown" wait_for "李娜 已有 1 个正在进行的结对"
keys -l 2023030105
keys Enter
ok "the student's rule is shown" wait_for "王磊 已有正在进行的结对"
n=$(label_line "帮扶对象*")
ok "... under the student's field" sh -c "echo '$(line $((n + 1)))' | grep -qF '王磊 已有正在进行的结对（与 2022030101 张伟，'"
ok "... whole: its end wraps onto the next line, not cut" \
	sh -c "echo '$(line $((n + 2)))' | grep -qF '2026-03-01 起）'"
screen >"$T/s"
ok "no message is cut with …" sh -c "! grep -q '…' '$T/s'"
keys F2
ok "F2 refuses to save and points at the fields" wait_for "未保存：请查看字段旁的提示。"
ok "the rule's message is not on the status line" sh -c "! echo '$(status)' | grep -q '已有'"
ok "... it stays beside its field" wait_for "2026-03-01 起）"
keys Escape
ok "Esc asks before dropping the changes" wait_for "放弃"
keys y
ok "the form closes" wait_not "帮扶人(党员)*"

# ---- 已保存 belongs to the save
keys 2
ok "the assisted students open" wait_for "帮扶对象"
keys F4
ok "F4 opens the selected record's form" wait_for "保存"
keys F2
ok "F2 saves it: 已保存 on the list" wait_for "已保存"
keys 6
ok "another screen opens" wait_for "工号"
ok "已保存 does not follow the user onto it" wait_not "已保存"

# ---- the import-done page says its counts once
keys F12
ok "F12 opens the import menu" wait_for "导入 CSV 文件：先选择文件的内容"
keys Down Down Down
ok "Down chooses talks" wait_for "> 4. 谈话"
keys Enter
ok "the file list" wait_for "输入路径…"
keys Enter
ok "the first choice asks for a path" wait_for "CSV 文件路径"
keys -l "$T/files/talks.csv"
keys Enter
ok "the preview comes first" wait_for "导入预览：尚未写入任何数据"
keys Enter
ok "Enter imports and the page shows the counts" wait_for "导入 5 行。新建：谈心谈话 5。"
is "$(screen | grep -c '导入 5 行')" 1 "the counts are said once, not again on the status line"

# ---- a long status message wraps: the file goes bad between the
# preview and Enter (someone saved it meanwhile)
keys Enter
ok "Enter goes back to the kinds" wait_for "> 4. 谈话"
keys Enter
ok "the file list again" wait_for "输入路径…"
keys Enter
ok "a path is asked" wait_for "CSV 文件路径"
keys C-u
keys -l "$long"
keys Enter
ok "the long path's preview" wait_for "导入预览：尚未写入任何数据"
cp "$DATA/bad-future-talk.csv" "$long"
keys Enter
want="$long:2: 日期: 2026-06-01 是将来的日期"
ok "the import refuses the changed file" wait_for "是将来的日期"
s=$(screen | sed -n '21,23p' | tr -d ' \n')
ok "the status line shows the message whole, on more than one line" \
	sh -c "echo '$s' | grep -qF '$(echo "$want" | tr -d ' ')'"
ok "... its start on the first of them" sh -c "echo '$(line 22)' | grep -qF '$T/files/'"
ok "... its end on the last, above the key bar" sh -c "echo '$(line 23)' | grep -qF '是将来的日期'"
bf stats --json
ok "nothing of the bad file is written" grep -q '"talks":5,' "$T/out"
keys F10
ok "F10 quits" wait_gone

# ---- in English too: the rule's message whole, under its field
tui_start -x 80 -y 24 --lang en
ok "the English dashboard opens" wait_for "Dashboard"
keys 4
keys F2
ok "the pairing form" wait_for "Assisted student*"
keys -l 2022030102
keys Enter
ok "the helper's rule is shown" wait_for "李娜 already has 1 active pairing"
keys -l 2023030105
keys Enter
ok "the student's rule is shown" wait_for "王磊 already has an active pairing"
n=$(label_line "Assisted student*")
ok "... under the student's field, its end on the next line" \
	sh -c "echo '$(line $((n + 1)))$(line $((n + 2)))' | grep -qF '2026-03-01)'"
keys Escape
ok "Esc asks before dropping the changes" wait_for "Discard the changes"
keys y
ok "the form closes" wait_not "Assisted student*"
keys F10
ok "F10 quits" wait_gone

done_testing
