#!/bin/sh
# 备份与恢复 at 80x24 in Chinese: the reports page opens the list of the
# automatic backups (date, kind, size); Enter on one shows what it holds
# and asks; yes puts it back (the database it replaced kept as a backup).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

BANGFU_TODAY=2026-05-18 bf import students "$DATA/students.csv"
BANGFU_TODAY=2026-05-18 bf semester start 2025-2026-2   # an import makes no semester
BANGFU_TODAY=2026-05-18 bf import counsellors "$DATA/counsellors.csv"
BANGFU_TODAY=2026-05-18 bf import pairings "$DATA/pairings.csv"
is "$rc" 0 "the data is imported"
bf --lang en stats
pairings=$(awk '$1 == "pairings" { print $2 }' "$T/out")
# 05-19: the first write of the day keeps the state with the pairings.
BANGFU_TODAY=2026-05-19 bf init --school 测试大学
# 05-20 (today): the talks come in; the backup holds no talk.
bf import talks "$DATA/talks.csv"
is "$rc" 0 "talks imported"
ok "two backups were kept" test -f "$DB/backups/bangfu-2026-05-19.mdb" -a -f "$DB/backups/bangfu-2026-05-20.mdb"

# wait_re ERE — wait_for with an extended regular expression.
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
ok "the reports page offers backups and restore" wait_for "备份与恢复…"
keys End Enter
ok "the backups page" wait_for "备份与恢复"
ok "its explanation wraps onto a second line instead of being cut" wait_for "4 份每周备份）"
ok "its header" wait_re "日期 +种类 +大小"
ok "today's backup, daily" wait_re "2026-05-20 +每日"
ok "yesterday's" wait_re "2026-05-19 +每日"
ok "the page fits 80 columns: the file names are shown" wait_for "bangfu-2026-05-19.mdb"
keys Down Enter
ok "Enter shows what it holds" wait_for "结对 $pairings 个"
ok "no talks in it" wait_for "谈心谈话 0 次"
ok "and that check finds it sound" wait_for "检查结果：完好"
ok "and asks" wait_for "替换当前数据库吗"
keys n
ok "no: nothing changed" wait_for "未作任何改动"
keys Enter
ok "asked again" wait_for "替换当前数据库吗"
keys y
ok "yes: restored, the replaced one named" wait_for "已恢复 bangfu-2026-05-19.mdb"
ok "the replaced database is listed, kind 恢复前" wait_re "2026-05-20 +恢复前"
keys F10
ok "quits" wait_gone
bf --lang en stats
ok "the database holds no talks now" grep -Eq "^talks +0$" "$T/out"
bf check
is "$rc" 0 "the restored database is sound"
kept=$(ls "$DB/backups" | grep -E '^bangfu-2026-05-20-[0-9]{6}\.mdb$')
ok "the replaced database is kept ($kept)" test -n "$kept"
ok "nothing was written on stderr" test ! -s "$T/tui-stderr"

done_testing
