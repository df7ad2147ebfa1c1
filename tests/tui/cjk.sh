#!/bin/sh
# CJK names line up in a list (and the list keeps its place and notices
# another terminal's changes): the column after the name starts at the
# same display column on every row, whatever the name (a character outside
# the BMP 𠮷, a middle dot ·, a four-character name); a name too long for
# its column is cut at a character boundary with "…". Display columns are
# counted from the bytes of the captured screen (sh, od and awk: a Han or
# other 3- and 4-byte UTF-8 character is two columns, a 2-byte one such as
# · is one, and so is …).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

cat >"$T/names.csv" <<'EOF'
学号,姓名,学院,班级,政治面貌,帮扶类型
2025000001,𠮷祥,计算机科学与技术学院,计科2501,共青团员,学业困难
2025000002,阿卜杜·热合曼,计算机科学与技术学院,计科2501,共青团员,学业困难
2025000003,欧阳娜娜,计算机科学与技术学院,计科2501,共青团员,学业困难
2025000004,张三,计算机科学与技术学院,计科2501,共青团员,学业困难
2025000005,欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜,计算机科学与技术学院,计科2501,共青团员,学业困难
2025000006,Li Lei,计算机科学与技术学院,计科2501,共青团员,学业困难
EOF
bf import students "$T/names.csv"
is "$rc" 0 "the names are imported"

# Display columns of the text before the first occurrence of $2 in $1;
# empty when $2 is not there.
col_of() {
	case $1 in
	*"$2"*) ;;
	*) return 0 ;;
	esac
	printf '%s' "${1%%"$2"*}" | od -An -v -tu1 | awk '
		{ for (i = 1; i <= NF; i++) b[n++] = $i }
		END {
			for (i = 0; i < n; i++) {
				if (b[i] < 128) w += 1
				else if (b[i] == 226 && b[i + 1] == 128 && b[i + 2] == 166) w += 1  # …
				else if (b[i] >= 224) w += 2
				else if (b[i] >= 192) w += 1
			}
			print w + 0
		}'
}

tui_start --lang en
ok "the dashboard comes up" wait_for "Dashboard"
keys 2
ok "2 opens the assisted students" wait_for "6 rows"
screen >"$T/screen"

for no in 2025000001 2025000002 2025000003 2025000004 2025000005 2025000006; do
	grep "$no" "$T/screen" >"$T/row.$no" || true
	ok "row $no is on screen" test -s "$T/row.$no"
done

college_at=""
class_at=""
aligned=0
class_aligned=0
for no in 2025000001 2025000002 2025000003 2025000004 2025000005 2025000006; do
	line=$(cat "$T/row.$no")
	c=$(col_of "$line" "计算机科学")
	k=$(col_of "$line" "计科2501")
	echo "# $no: college at column $c, class at $k"
	[ -n "$college_at" ] || college_at=$c
	[ -n "$class_at" ] || class_at=$k
	[ "$c" = "$college_at" ] && [ -n "$c" ] || aligned=1
	[ "$k" = "$class_at" ] && [ -n "$k" ] || class_aligned=1
done
ok "the column after the name starts at the same column on every row" test "$aligned" = 0
ok "so does the next one (class)" test "$class_aligned" = 0

ok "𠮷祥 is shown whole" grep -q "𠮷祥" "$T/row.2025000001"
ok "阿卜杜·热合曼 is shown whole" grep -q "阿卜杜·热合曼" "$T/row.2025000002"
ok "the long name is cut with …" grep -q "欧阳娜娜欧阳.*…" "$T/row.2025000005"
ok "and not in the middle of a character (valid UTF-8)" \
	sh -c "iconv -f UTF-8 -t UTF-8 '$T/row.2025000005' >/dev/null 2>&1 || ! command -v iconv >/dev/null"

# The filter finds CJK names by pinyin and keeps the alignment.
keys F3
keys -l ouyang
ok "pinyin ouyang finds the two 欧阳 names" wait_for "2 of 6 rows"
keys Enter
screen >"$T/screen2"
c3=$(col_of "$(grep 2025000003 "$T/screen2")" "计算机科学")
c5=$(col_of "$(grep 2025000005 "$T/screen2")" "计算机科学")
is "$c3" "$college_at" "filtered rows keep the column"
is "$c5" "$college_at" "the cut name too"

# Wider and narrower terminals: still aligned.
for size in "140 40" "80 24"; do
	set -- $size
	resize "$1" "$2"
	keys C-l
	sleep 0.3
	wait_for "2 of 6 rows" >/dev/null
	screen >"$T/screen3"
	c3=$(col_of "$(grep 2025000003 "$T/screen3")" "计算机")
	c5=$(col_of "$(grep 2025000005 "$T/screen3")" "计算机")
	ok "at $1x$2 the two rows still line up" test -n "$c3" -a "$c3" = "$c5"
done

# The list keeps its place: filter, sort and selected row survive a trip
# to the dashboard and back.
sel_has() {
	screen | grep '^>' | grep -qF "$1"
}
wait_sel() {    # polls like wait_for
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		sel_has "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	screen | sed 's/^/#   /'
	return 1
}
line_has() {    # line_has N TEXT: screen line N holds TEXT
	screen | sed -n "$1p" | grep -qF "$2"
}
keys Down
sleep 0.3
ok "Down selects the second 欧阳 row" sel_has 2025000005
keys 1
ok "1 goes to the dashboard" wait_for "Talks per week"
keys 2
ok "2 comes back to the list with its filter" wait_for "2 of 6 rows"
ok "and the same row selected" sel_has 2025000005

# A change made from another terminal shows up without a key pressed.
cat >"$T/more.csv" <<'EOF'
学号,姓名,学院,班级,政治面貌,帮扶类型
2025000007,欧阳新,计算机科学与技术学院,计科2501,共青团员,经济困难
EOF
bf import students "$T/more.csv"
is "$rc" 0 "another terminal imports one more student"
ok "the list notices the change by itself" wait_for "3 of 7 rows"
ok "the new student is listed" wait_for "欧阳新"
ok "the selection stays on its row" sel_has 2025000005

# The mouse (SGR mouse reports, as xterm sends them): a click selects a
# row, the wheel scrolls, a click on a column's title sorts by it.
click() {       # click COL ROW (1-based)
	keys -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$1" "$2" "$1" "$2")"
}
keys Escape
ok "Esc clears the filter" wait_not "of 7 rows"
y=$(screen | grep -n 2025000004 | cut -d: -f1)
click 5 "$y"
ok "a click selects the row under it" wait_sel 2025000004
keys -l "$(printf '\033[<65;5;%dM' "$y")"
ok "the wheel moves the selection down" wait_sel 2025000007
x=$(col_of "$(screen | sed -n 2p)" "Name")
click $((x + 2)) 2
ok "a click on Name sorts by name" wait_for "Name▲"
ok "in pinyin order: 阿 first" line_has 3 "阿卜杜"
ok "then 𠮷祥, read ji as 吉" line_has 4 "𠮷祥"
ok "then Li Lei, before 欧阳" line_has 5 "Li Lei"

keys F10
ok "F10 quits" wait_gone
done_testing
