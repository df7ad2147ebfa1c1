#!/bin/sh
# The dashboard's weekly talk figures are never cut: with more than 999
# talks a week each bar is as wide as its largest figure; at 80 columns the
# most recent weeks that fit are shown, and the title says how many and
# sums just those.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bf demo --students 4000 --talks 60000 --seed 3
is "$rc" 0 "a demo database with over a thousand talks a week"

# check_chart COLS ROWS: the figures row of the chart, whole, summing to the title's total
check_chart() {
	tui_start -x "$1" -y "$2"
	ok "$1 columns: the dashboard is up" wait_for "每周谈话次数"
	screen >"$T/s"
	title=$(grep '每周谈话次数' "$T/s")
	weeks=$(printf '%s' "$title" | sed 's/.*近 \([0-9]*\) 周.*/\1/')
	total=$(printf '%s' "$title" | sed 's/.*共 \([0-9]*\) 次.*/\1/')
	# the figures row: the line below the bars, digits and spaces only
	row=$(grep -E '^ +[0-9]+( +[0-9]+)+ *$' "$T/s" | head -n 1)
	ok "$1 columns: no figure is cut with …" sh -c "! grep -q '[0-9]…' '$T/s'"
	n=$(printf '%s\n' $row | grep -c .)
	is "$n" "$weeks" "$1 columns: one whole figure per week the title names ($weeks)"
	sum=0
	for v in $row; do sum=$((sum + v)); done
	is "$sum" "$total" "$1 columns: the figures add up to the title's total"
	ok "$1 columns: four-digit figures are shown" sh -c "printf '%s' '$row' | grep -q '[0-9][0-9][0-9][0-9]'"
}
check_chart 120 40
is "$weeks" 16 "at 120 columns all 16 weeks fit"
check_chart 80 24
ok "at 80 columns fewer weeks, whole, rather than 16 cut ($weeks)" test "$weeks" -lt 16 -a "$weeks" -ge 12

done_testing
