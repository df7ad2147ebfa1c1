#!/bin/sh
# input_pick.sh — a reference field is found by typing into it, and the
# picker lets the user choose whenever the typing could mean more than one
# record or is not exact (zhangw: only 张伟, but not all of it): jx matches 冯军祥 and 𠮷祥 (𠮷, CJK extension B,
# read as 吉), so Enter opens the list; a whole student number fills the
# field at once. The 学院 field of a new student takes typing (石油) and
# offers the colleges that match.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

cat >"$T/students.csv" <<'CSV'
学号,姓名,性别,学院,班级,政治面貌
2024010101,张伟,男,石油工程学院,石工2401班,中共党员
2025010101,𠮷祥,男,石油工程学院,石工2501班,群众
2025010102,冯军祥,男,石油工程学院,石工2501班,群众
2025020101,李娜,女,石油化工学院,化工2501班,群众
2025030101,王芳,女,外国语学院,英语2501班,群众
CSV
bf import students "$T/students.csv"
is "$rc" 0 "the students are imported"

# wait_on LABEL TEXT — polls until a line holding LABEL also holds TEXT.
wait_on() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		screen | grep -F -- "$1" | grep -qF -- "$2" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	screen | sed 's/^/#   /'
	return 1
}

tui_start -x 100 -y 30
keys 4
ok "the pairings list opens" wait_for "结对"
keys F2
ok "F2 opens the pairing form" wait_for "帮扶人"
keys -l zhangw
keys Enter
ok "one match that is not exact (zhangw) is offered, not taken" wait_for "张伟  2024010101"
keys Escape
ok "Esc leaves the field as typed" wait_on "帮扶人" "zhangw"
keys C-u
keys -l 2024010101
keys Enter
ok "a whole student number fills the helper at once" wait_for "张伟 2024010101"
keys -l jx
keys Enter
ok "jx opens the picker" wait_for "冯军祥  2025010102"
ok "... which offers 𠮷祥 too" wait_for "𠮷祥  2025010101"
keys Enter
ok "the one chosen fills the field" wait_for "𠮷祥 2025010101"

# The 学院 of a new student (a fresh start).
tui_start -x 100 -y 30
ok "the dashboard comes up" wait_for "首页"
keys 2
ok "the assisted students open" wait_for "帮扶对象"
keys F2
ok "F2 opens the student form" wait_for "学号"
keys -l 2025990001
keys Tab
keys -l 测试
keys Tab Tab
keys -l 石油
ok "typing into 学院 shows what was typed" wait_on "学院" "石油"
keys Enter
ok "石油 offers both colleges whose name has it" wait_for "石油化工学院"
ok "... and the other" wait_for "石油工程学院"
screen >"$T/s"
ok "... and not the one without it" sh -c "! grep -q '外国语学院' '$T/s'"
keys Enter
ok "the one chosen is the student's college" wait_on "学院*" "石油工程学院"
keys F2
ok "the student is saved" wait_for "已保存"
bf find 2025990001
is "$(cut -f3 "$T/out")" "石油工程学院" "... in that college"

keys F10
done_testing
