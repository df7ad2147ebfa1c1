#!/bin/sh
# 各学院情况汇总 at 80x24 in Chinese (and English): the reports page (F9)
# opens the overview of every college for the page's semester — one row
# per college, the total row (合计) below, the figures those of
# `bangfu report overview`; the college column gives way, the figures stay
# whole.
BANGFU_TODAY=2026-12-01
export BANGFU_TODAY
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bf demo --seed 1
is "$rc" 0 "demo data"
bf report overview
tr -d '\r' <"$T/out" | grep '^合计,' >"$T/total"
run=$(cut -d, -f2 "$T/total")
talks=$(cut -d, -f9 "$T/total")
mins=$(cut -d, -f10 "$T/total")
aid=$(cut -d, -f12 "$T/total")
tr -d '\r' <"$T/out" | sed -n 4p | cut -d, -f1,2 >"$T/first"
first_run=$(cut -d, -f2 "$T/first")

wait_re() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		screen | grep -qE -- "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	echo "# waited for: $1"
	screen | sed 's/^/#   /'
	return 1
}

tui_start -x 80 -y 24
ok "the dashboard" wait_for "· 全部学院"
keys F9
ok "the reports page offers the overview" wait_for "各学院情况汇总…"
keys End Up Up Enter
ok "the overview opens" wait_for "逾期"
ok "the header" wait_re "学院 +进行 +结束 +党员 +学业 +经济 +心理 +谈话 +分钟 +逾期 +金额 +总结 +字数"
ok "the total row with the CLI's figures" wait_re "合计 +$run .* $talks +$mins .* $aid +定稿0个"
ok "the first college (cut if it must be) with its running pairings" wait_re "^ ?机械.* $first_run "
ok "the name list's deadline" wait_for "名单截止日期"
screen >"$T/scr"
is "$(grep -cE ' 仅草稿 *$' "$T/scr")" 12 "12 college rows, each with its summary's state"
is "$(while IFS= read -r l; do printf '%s\n' "$l" | wc -L; done <"$T/scr" | awk '$1 > 80' | wc -l | tr -d ' ')" 0 "no line wider than 80 columns"
ok "no student number on the screen" sh -c "! grep -Eq '[0-9]{10}' '$T/scr'"
sed 's/^/# /' "$T/scr"
keys Escape
ok "Esc goes back to the reports page" wait_for "各学院情况汇总…"
keys F10
ok "quits" wait_gone

# ---- English at 80x24: the same columns, whole
tui_start -x 80 -y 24 --lang en
keys F9
ok "en: the reports page offers the overview" wait_for "Overview of every college …"
keys End Up Up Enter
ok "en: the header" wait_re "College +Run +Ended +Memb +Acad +Fin +Psy +Talks +Min +Late +Yuan +Summ +Chars"
ok "en: the total row" wait_re "Total +$run .* $talks +$mins .* $aid +0 final"
screen >"$T/scr"
is "$(grep -cE ' unsaved *$' "$T/scr")" 12 "en: 12 college rows"
sed 's/^/# /' "$T/scr"
keys F10
ok "en: quits" wait_gone
done_testing
