#!/bin/sh
# The reports screen (F9): choose a college, draft the semester summary and
# edit it with the live 字数 in the status line, save it, and mark it final
# — refused under 1000 字 (a thin college from the fixtures), accepted for a
# demo college. Also: the name list exported from the screen, the semester's
# due dates opened in the semester form, and Esc asking about unsaved text.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"
SEM=2025-2026-2
CS=计算机科学与技术学院

bf init --semester $SEM
for f in students counsellors pairings talks aid; do
	bf import $f "$DATA/$f.csv"
done
is "$rc" 0 "the fixtures import"
bf report summary --college $CS --semester $SEM
n=$(sed -n 's/^字数 \([0-9]*\)，汉字 [0-9]*.*/\1/p' "$T/err")
ok "the command line says the draft has $n 字 (its message, not the text)" test -n "$n"
ok "the draft itself holds no count" sh -c "! grep -q '字数\|本稿正文共' '$T/out'"

# status_has TEXT — the status line (above the key bar, one to three lines) holds TEXT.
status_has() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		# the status line: up to three lines above the key bar (a long
		# message wraps)
		screen | tail -n 4 | head -n 3 | paste -sd ' ' | grep -qF -- "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	echo "# status line without: $1"
	screen | sed 's/^/#   /'
	return 1
}

tui_start --lang en
ok "the dashboard" wait_for "Dashboard"
keys F9
ok "F9 opens the reports screen" wait_for "Draft the semester summary"
# Colleges in name order: 机械工程学院, then 计算机科学与技术学院.
keys Enter
ok "choosing a college" wait_for "计算机科学与技术学院"
keys Down Enter
ok "the college is chosen" wait_for "College: $CS"

# ---- the name list from the screen
keys Down Down Enter
ok "the format is asked" wait_for "XLSX"
keys Down Enter
ok "then the file" wait_for "Write the name list to the file"
keys C-u
keys -l "$T/名单.csv"
keys Enter
ok "the name list is written" wait_for "Wrote $T/名单.csv (2 pairings)"
ok "it is the CSV the command line writes" sh -c "
	'$BANGFU' --db '$DB' export roster --college $CS --semester $SEM -o '$T/cli.csv' >/dev/null &&
	cmp '$T/名单.csv' '$T/cli.csv'"
is "$(stat -c %a "$T/名单.csv" 2>/dev/null)" 600 "readable by its owner only"

# ---- the draft in the editor, with the live count
keys Down Enter
ok "the draft opens in the editor" wait_for "一、基本情况"
ok "the draft's parts are there" wait_for "二、主要做法"
ok "the status line shows the draft's 字数 ($n) and its Han characters" status_has "字数 $n · Han "
ok "and how many are missing" status_has "$((1000 - n)) more for a final summary"
keys -l "补充一句话"
ok "typing Chinese counts each character (+5)" status_has "字数 $((n + 5)) "
keys -l "GPA 3.5"
ok "an ASCII word and a number count one each (+2)" status_has "字数 $((n + 7)) "
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace
ok "Backspace takes them away again (+5)" status_has "字数 $((n + 5)) "
ok "the text is marked not saved" status_has "not saved"

# Esc with unsaved text asks first.
keys Escape
ok "leaving with unsaved text asks" wait_for "unsaved changes"
keys n
ok "answering no stays in the editor" status_has "字数 $((n + 5)) "

keys F2
ok "F2 saves the summary" status_has "Saved ($((n + 5)) characters)"
bf --role counsellor export dump
ok "the stored text is the edited one" grep -q '"type":"summary".*补充一句话' "$T/out"

# ---- final is refused under 1000 字
keys Escape
ok "back in the menu" wait_for "Edit the stored summary (draft, $((n + 5)) characters)"
keys Down Down Enter
ok "marking it final is refused under 1000 字" \
	status_has "a summary needs at least 1000 characters"
ok "the refusal says how many are missing" status_has "$((995 - n)) missing"
bf --role counsellor export dump
ok "nothing final was stored" sh -c "! grep -q '\"type\":\"summary\".*\"final\":1' '$T/out'"

# ---- the semester's due dates, in the semester form (past the export)
keys Down
ok "below 定稿: the export of the saved summary" wait_for ">  Export the saved summary"
keys Enter
ok "it asks the format" wait_for "Format of the summary"
keys Enter
ok "then the file" wait_for "Write the summary to the file"
keys C-u
keys -l "$T/exported.txt"
keys Enter
ok "the saved summary is written" wait_for "Wrote $T/exported.txt"
ok "the file holds the edit made on screen" grep -q "补充一句话" "$T/exported.txt"
ok "and no count line of the draft" sh -c "! grep -q '（本稿正文共' '$T/exported.txt'"
keys Down Enter
ok "the due dates open in the semester form" wait_for "Name list due"
keys Escape
ok "Esc comes back to the reports" wait_for "Draft the semester summary"

# ---- the school's name for the titles
ok "the school's name is not set yet" wait_for "not set (they show （学校名称）)"
keys Down Enter
ok "it is asked for" wait_for "The school's name"
keys -l "浙江示例大学"
keys Enter
ok "and shown" wait_for "School's name in the titles: 浙江示例大学"
bf export roster --college $CS --semester $SEM --format md
ok "the name list's title has it" grep -q '^# 浙江示例大学学生党员“一对一”结对帮扶名单$' "$T/out"
keys F10
ok "F10 quits" wait_gone

# ---- a real college: the demo reaches 1000 字 and may be final
DB="$T/demo"
bf demo --students 2000 --talks 10000
is "$rc" 0 "demo data"
tui_start --lang en
ok "the dashboard (demo)" wait_for "Dashboard"
keys F9
ok "the reports screen (demo)" wait_for "Draft the semester summary"
keys Enter
ok "the colleges are offered" wait_for "Enter: choose"
keys Enter
ok "the first college is chosen" wait_for "College: "
keys Down Down Down Enter
ok "the demo draft opens" wait_for "一、基本情况"
ok "the status line shows the count" status_has "字数 "
screen >"$T/scr"
ok "its count is 1000 or more (no 'more for a final summary')" \
	sh -c "! grep -q 'more for a final' '$T/scr'"
keys F2
ok "saved" status_has "Saved ("
keys Escape
keys Down Down Enter
ok "marking final asks first, saying a final summary is read-only" wait_for "handed in"
keys n
ok "n: nothing is marked" wait_not "handed in"
ok "the item still offers to mark it final" wait_for "Mark the stored summary final"
keys Enter
ok "asked again" wait_for "handed in"
keys y
ok "marking a 1000+ summary final works" status_has "is final"
ok "the final item now offers to reopen it" wait_for "Reopen the final summary for editing"
ok "the edit item says the final text is read-only" wait_for "View the final summary"
keys Up Enter
ok "the final summary opens read-only" wait_for "final, read-only"
screen >"$T/ro"
ok "its key bar offers no saving" sh -c "! tail -n 1 '$T/ro' | grep -q 'F2'"
keys -l "改"
ok "typing is refused, saying how to reopen it" status_has "final and read-only"
screen >"$T/ro2"
ok "the text is unchanged" sh -c "! grep -q '改一、基本情况' '$T/ro2'"
keys Escape
ok "Esc leaves without a question" wait_for "Reopen the final summary for editing"
bf --lang en stats
ok "stats counts one final summary" grep -q 'final for 1 of 12 colleges' "$T/out"
keys Down Enter
ok "reopening asks first" wait_for "becomes a draft"
keys y
ok "reopened: a draft again" status_has "a draft again"
ok "the item offers to mark it final again" wait_for "Mark the stored summary final"
keys Up Enter
ok "the reopened summary opens in the editor" wait_for "一、基本情况"
screen >"$T/rw"
ok "not read-only" sh -c "! grep -q 'read-only' '$T/rw'"
keys -l "改"
ok "it takes typing again" status_has "not saved"
keys F2
ok "and saves" status_has "Saved ("
keys F10
ok "F10 quits (demo)" wait_gone
bf --lang en stats
ok "stats: the reopened summary is not final" grep -q 'final for 0 of 12 colleges' "$T/out"
bf --lang en export dump
ok "the audit log keeps the final and the reopening" sh -c "grep -c '\"summary\"' '$T/out' >/dev/null"

done_testing
