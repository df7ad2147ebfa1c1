#!/bin/sh
# form_fields.sh — a form's fields at 80x24 in Chinese: the focused field is
# marked on every kind (a choice, toggles, a reference show no cursor) and
# Up/Down move between fields (a multi-line text's own lines first); every
# broken rule is shown at once, each beside its field; what was typed shows
# whole with its message; a field's message goes once it is corrected, and
# the form's "not saved" goes with the form (issue 10).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

"$BANGFU" --db "$DB" import students "$DATA/students.csv" >/dev/null
"$BANGFU" --db "$DB" import counsellors "$DATA/counsellors.csv" >/dev/null
"$BANGFU" --db "$DB" semester start 2025-2026-2 >/dev/null   # an import makes no semester
"$BANGFU" --db "$DB" import pairings "$DATA/pairings.csv" >/dev/null

# focused LABEL — the focus mark (">") is before LABEL, and on no other line.
focused() {
	screen >"$T/screen"
	grep -q "^>$1" "$T/screen" && [ "$(grep -c '^>' "$T/screen")" -eq 1 ]
}
wait_focus() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		focused "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	echo "# waited for the focus on: $1"
	sed 's/^/#   /' "$T/screen"
	return 1
}
# beside LABEL TEXT — TEXT on LABEL's line or the line below it.
beside() {
	screen >"$T/screen"
	_l=$(grep -nF -- "$1" "$T/screen" | head -n 1 | cut -d: -f1)
	[ -n "$_l" ] || return 1
	sed -n "${_l}p;$((_l + 1))p" "$T/screen" | grep -qF -- "$2"
}
wait_beside() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		beside "$1" "$2" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	echo "# waited for \"$2\" beside $1"
	sed 's/^/#   /' "$T/screen"
	return 1
}

tui_start -x 80 -y 24
keys 4
wait_for "开始日期" >/dev/null
keys F2
ok "F2 opens the pairing form" wait_for "帮扶人(党员)"
ok "the first field is marked" wait_focus "帮扶人(党员)"

# ---- 2. every broken rule at once --------------------------------------
# A helper at the college's limit and a student already paired (区一诺),
# then a helper who is not a party member (王磊): the student's message stays.
keys -l 2022010101
keys Enter
keys -l 2023010102
keys Enter
ok "the student's rule is shown" wait_beside "帮扶对象*" "已有正在进行的结对"
keys BTab BTab
ok "Shift-Tab goes back to the helper" wait_focus "帮扶人(党员)"
keys -l 2023030105
keys Enter
ok "the new helper's rule is shown" wait_beside "帮扶人(党员)*" "不是党员"
ok "... and the student's stays beside the student" beside "帮扶对象*" "已有正在进行的结对"

# ---- 1. the focus on a reference and a choice; Up/Down ----------------
keys Tab
ok "Tab reaches 学期 (a reference): it is marked" wait_focus "学期"
keys Down
ok "Down moves to the next field" wait_focus "开始日期"
keys Up
ok "Up moves back" wait_focus "学期"
keys Up
ok "Up again to the student" wait_focus "帮扶对象"
keys Escape
wait_for "放弃" >/dev/null
keys y
wait_not "帮扶人(党员)" >/dev/null

# A talk of the first pairing (张伟 → 王磊).
keys F5
ok "F5 opens the talk form" wait_for "谈话内容"
ok "the minutes are marked first" wait_focus "时长"
# bar_has TEXT — the key bar (last line) holds TEXT.
bar_has() {
	screen | tail -n 1 | grep -qF -- "$1"
}
ok "on a field that takes text the bar offers no 空格勾选" eval '! bar_has 空格勾选'

# ---- 3. what was typed shows whole --------------------------------------
keys -l '四十五'
keys Tab
whole() {
	screen | grep -F "时长" | grep -F "四十五" | grep -qF "不是整数"
}
ok "四十五 shows whole in 时长, its message beside it" whole
ok "方式 (a choice) is marked" wait_focus "方式"
keys Down
ok "主题 (toggles) is marked" wait_focus "主题"
ok "on the toggles the bar offers 空格勾选" bar_has 空格勾选
keys Down
ok "Down enters the content" wait_focus "谈话内容"
keys -l '第一行'
keys Enter
keys -l '第二行'
keys Up
sleep 0.3
ok "Up on the second line stays in the text" focused "谈话内容"
keys Up
ok "Up on its first line leaves it" wait_focus "主题"

# ---- 4. a message goes once its field is corrected ----------------------
keys Up Up
ok "back on 时长" wait_focus "时长"
keys C-u
keys -l 45
ok "the corrected minutes lose their message at once" wait_not "不是整数"
keys Down Down Down Tab
ok "on the follow-up date" wait_focus "跟进日期"
keys -l 2026-13-40
keys F2
ok "a bad date is not saved" wait_for "未保存"
ok "... its message beside it" beside "跟进日期" "不是日期"
keys C-u
keys -l 2026-05-27
ok "the corrected date loses its message" wait_not "不是日期"
keys Escape
wait_for "放弃" >/dev/null
keys y
ok "the form closes" wait_not "谈话内容"
ok "... and its \"not saved\" goes with it" wait_not "未保存"
keys F7
ok "F7 opens the aid form" wait_for "金额"
ok "类别 (a choice) is marked" wait_focus "类别"
keys F10
wait_gone >/dev/null

# A counsellor's talk: the counsellor is chosen from a list.
tui_start -x 80 -y 24 --role counsellor
keys 2
wait_for "帮扶类型" >/dev/null
keys F5
ok "a counsellor's talk form opens" wait_for "谈话内容"
ok "辅导员 (a reference) is marked" wait_focus "辅导员"
keys F10
wait_gone >/dev/null

done_testing
