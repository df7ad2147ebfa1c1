#!/bin/sh
# Corrections on the screens (issue 9), at 80x24 in Chinese:
#  - F4 in the talks list edits the talk in its form, and the list shows
#    the change;
#  - F8 asks, naming the talk, and deletes it; the status line offers
#    undo, and u brings it back;
#  - a delete the model refuses (a student with pairings) shows the reason
#    and deletes nothing;
#  - the roster (7) opens a student who is neither member nor assisted,
#    edits them, and makes them an assisted student;
#  - ended pairings show 已结束, dim, and the pairings list filters by
#    state (t) and semester (s), the current semester by default.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bf import students "$DATA/students.csv"
bf import counsellors "$DATA/counsellors.csv"
bf semester start 2025-2026-2   # an import makes no semester
bf import pairings "$DATA/pairings.csv"
bf import talks "$DATA/talks.csv"
is "$rc" 0 "the sample data is imported"

# screen_has RE: a line of the screen matches RE (waits as wait_for does).
screen_has() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		screen | grep -qE -- "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	screen | sed 's/^/#   /'
	return 1
}

# row TEXT: the screen's line holding TEXT.
row() {
	screen | grep -F -- "$1"
}

tui_start -x 80 -y 24
ok "the dashboard comes up" wait_for "首页"

# ---- edit a talk from the talks list -----------------------------------
keys 5
ok "the talks list" wait_for "最新的在前，共 5 次谈话"
ok "the key bar offers edit and delete" wait_for "F4编辑"
ok "... and delete" wait_for "F8删除"
ok "the newest talk is selected" wait_for ">2026-05-10 欧阳思远"
keys F4
ok "F4 opens the talk's form" wait_for "谈心谈话记录 — 编辑"
ok "with its content" wait_for "询问了宿舍生活"
keys Tab
keys C-u
keys -l 55
keys F2
ok "saved, back in the talks list" wait_for "最新的在前，共 5 次谈话"
ok "the list shows the new minutes" screen_has "区一诺 +55 "
ok "and not the old ones" absent "区一诺      40"

# ---- delete it, and undo -----------------------------------------------
keys F8
ok "F8 asks, naming the talk" wait_for "删除谈话记录：2026-05-10 欧阳思远 → 区一诺？"
keys n
ok "no: nothing is deleted" wait_for "最新的在前，共 5 次谈话"
ok "the question is gone" wait_not "删除谈话记录"
keys F8
ok "asked again" wait_for "删除谈话记录：2026-05-10 欧阳思远 → 区一诺？"
keys y
ok "yes: the talk is gone" wait_for "最新的在前，共 4 次谈话"
ok "its row is gone" absent "欧阳思远  区一诺"
ok "the next talk takes its place" wait_for ">2026-04-15 陈静"
ok "the status line offers undo" wait_for "已删除谈话记录：2026-05-10 欧阳思远 → 区一诺。按 u 撤销。"
keys Down
ok "the offer stays while nothing else changes" wait_for "按 u 撤销。"
keys u
ok "u brings it back" wait_for "最新的在前，共 5 次谈话"
ok "restored, as edited" screen_has "区一诺 +55 "
ok "the status line says so" wait_for "已恢复谈话记录：2026-05-10 欧阳思远 → 区一诺。"
ok "the talk brought back is selected" wait_for ">2026-05-10 欧阳思远"
keys u
ok "nothing more to undo" wait_for "没有可撤销的删除。"
keys F1
ok "the help lists delete" wait_for "删除选中的记录（会先询问）"
keys End
ok "and undo, with its key" screen_has "^ u  *撤销刚才的删除"
keys Escape
ok "back from the help" wait_for "最新的在前，共 5 次谈话"

# ---- a refused delete shows the reason ----------------------------------
keys 7
ok "7 opens the roster" wait_for "全部学生"
ok "every student, 9 rows" wait_for "共 9 行"
ok "what each is: a member" row 2022030101 | grep -q "中共党员 *党员"
ok "an assisted student" row 2023030105 | grep -q "帮扶对象"
keys F3
keys -l 2023030105
keys Enter
ok "filtered to 王磊" wait_for "1 / 9 行"
keys F8
ok "F8 asks, naming the student" wait_for "删除学生：2023030105 王磊？"
keys y
ok "the model refuses: the dialog says so" wait_for "不能删除"
ok "with the model's reason: 王磊 is in a pairing" wait_for "该学生是结对中的帮扶对象"
keys Enter
ok "the student is still there" wait_for "2023030105 王磊"
ok "still 9 students" wait_for "1 / 9 行"
ok "no undo offered" absent "按 u 撤销"

# ---- the roster: a plain student opens, is edited, becomes assisted -------
keys Escape
keys F3
keys -l 2024010103
keys Enter
ok "𠮷田: neither member nor assisted" wait_for "1 / 9 行"
ok "nothing in the 身份 column" row 2024010103 | grep -q "共青团员 *$"
keys Enter
ok "Enter opens the student's record" wait_for "学生档案"
ok "the record shows them" wait_for "2024010103  𠮷田"
ok "not an assisted student" wait_for "不是帮扶对象"
keys F4
ok "F4 opens the student form" wait_for "学生信息 — 编辑"
keys Tab Tab Tab Tab
keys C-u
keys -l 机制2402
keys F2
ok "saved: back on the record" wait_for "学生档案"
ok "the record shows the new class" wait_for "机制2402"
keys Escape
ok "back in the roster, with the new class" wait_for "机制2402"
keys F7
ok "F7 opens the assisted-student profile for them" wait_for "帮扶对象档案 — 新建"
ok "with the student chosen" wait_for "𠮷田 2024010103"
keys Tab
keys Space
keys F2
ok "saved: the roster marks them assisted" wait_for "帮扶对象"
ok "their row says so" row 2024010103 | grep -q "帮扶对象"
keys Escape
keys 2
ok "the assisted students list has them" wait_for "2024010103"
keys F10
ok "F10 quits" wait_gone
is "$tui_rc" 0 "bangfu exits 0"

# ---- ended pairings ------------------------------------------------------
ref=$("$BANGFU" --db "$DB" list pairings | awk -F '\t' '$2 == "2022030101" { print $1 }')
bf pairing end "$ref" --date 2026-05-01 --outcome 目标达成
is "$rc" 0 "张伟 → 王磊 ended on 2026-05-01"
tui_start -x 80 -y 24
ok "the dashboard" wait_for "首页"
keys 4
ok "the pairings list shows the current semester, every state" \
	wait_for "学期：2025-2026-2   状态：全部"
ok "the bar shows the filter keys" wait_for "s学期"
ok "both of them" wait_for "t状态"
ok "the ended pairing says 已结束" row "张伟" | grep -q "已结束"
ok "a running one says 进行中" row "李娜" | grep -q "进行中"
keys t
ok "t: running only" wait_for "状态：进行中"
ok "the ended one is not shown" wait_not "已结束"
ok "3 running" wait_for "共 3 行"
keys t
ok "t: ended only" wait_for "状态：已结束"
ok "1 ended" wait_for "共 1 行"
ok "张伟's" row "张伟" | grep -q "已结束"
keys t
ok "t: all again" wait_for "状态：全部"
ok "4 in all" wait_for "共 4 行"
keys s
ok "s: choose a semester" wait_for "结对的学期"
ok "every semester is a choice" wait_for "全部学期"
keys Down
keys Enter
ok "every semester" wait_for "学期：全部学期"
ok "still 4" wait_for "共 4 行"
keys F10
ok "F10 quits" wait_gone

done_testing
