#!/bin/sh
# long_text.sh — a long 谈话内容 at 80x24 and 120x40 in Chinese: the text
# is wrapped at the field's right edge (a Han character that would not fit
# goes whole to the next row; nothing scrolls sideways, so its beginning
# stays in view), the field is wider on a wider screen, and Up moves to the
# visual row above inside the text (leaving the field only from its first
# row). Display columns are counted from the bytes of the captured screen
# (as in cjk.sh: a 3- or 4-byte UTF-8 character is two columns).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

"$BANGFU" --db "$DB" import students "$DATA/students.csv" >/dev/null
"$BANGFU" --db "$DB" import counsellors "$DATA/counsellors.csv" >/dev/null
"$BANGFU" --db "$DB" semester start 2025-2026-2 >/dev/null   # an import makes no semester
"$BANGFU" --db "$DB" import pairings "$DATA/pairings.csv" >/dev/null

# 251 columns of Chinese with ASCII, no blanks; at 80 and at 120 columns
# some rows end one column short (a Han character went to the next row),
# and no row would start with a closing mark or inside a number (those
# breaks come earlier: tests/unit/test_edit.c).
TEXT='开头ABC第一次谈话，王磊说期中考试高等数学只得了52分，心情很低落。我们一起看了错题，约定每周三晚上7点在图书馆一起复习2小时，先做CH3的习题再讲概念。他说室友也愿意参加，下周再谈一次看看进展如何，若有困难及时联系辅导员李老师，电话13800001111转2号。结尾END'

# width STRING — its display columns.
width() {
	printf '%s' "$1" | od -An -v -tu1 | awk '
		{ for (i = 1; i <= NF; i++) b[n++] = $i }
		END {
			for (i = 0; i < n; i++) {
				if (b[i] < 128) w += 1
				else if (b[i] >= 224) w += 2
				else if (b[i] >= 192) w += 1
			}
			print w + 0
		}'
}

# first_width STRING — the display columns of its first character.
first_width() {
	printf '%s' "$1" | od -An -v -tu1 | awk '
		NR == 1 { print ($1 < 128 ? 1 : ($1 >= 224 ? 2 : 1)) }'
}

# The cursor's row (0-based) in the pane.
cursor_y() {
	tmx display-message -p -t t '#{cursor_y}'
}

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

# rows — the content field's rows as shown, one a line in $T/rows (the
# label cut off; up to the first blank row); $x gets the column the text
# starts at, $top the field's first row (0-based, as cursor_y).
rows() {
	screen >"$T/screen"
	_l=$(grep -n '谈话内容' "$T/screen" | head -n 1 | cut -d: -f1)
	: >"$T/rows"
	x=""
	[ -n "$_l" ] || return 1
	top=$((_l - 1))
	_first=$(sed -n "${_l}p" "$T/screen")
	_after=${_first#*谈话内容}
	_text=$(printf '%s' "$_after" | sed 's/^ *//; s/ *$//')
	x=$(width "${_first%"$_text"*}")
	printf '%s\n' "$_text" >>"$T/rows"
	_row=$((_l + 1))
	while :; do
		_r=$(sed -n "${_row}p" "$T/screen" | sed 's/^ *//; s/ *$//')
		[ -n "$_r" ] || break
		case $_r in 跟进日期*) break ;; esac
		printf '%s\n' "$_r" >>"$T/rows"
		_row=$((_row + 1))
	done
}

first_width=""
for size in "80 24" "120 40"; do
	set -- $size
	cols=$1
	tui_start -x "$1" -y "$2"
	keys 4
	wait_for "开始日期" >/dev/null
	keys F5
	ok "$cols: F5 opens the talk form" wait_for "谈话内容"
	keys -l 45
	keys Tab Down Down
	ok "$cols: on the content" wait_focus "谈话内容"
	keys -l "$TEXT"
	ok "$cols: the end of the text is shown" wait_for "结尾END"
	rows
	sed 's/^/# /' "$T/rows"
	ok "$cols: the beginning of the text stays in view" \
		grep -q '^开头ABC第一次谈话' "$T/rows"
	n=$(wc -l <"$T/rows")
	ok "$cols: the text takes more than two rows ($n)" test "$n" -gt 2
	ok "$cols: every character is shown once, in order" \
		test "$(tr -d '\n' <"$T/rows")" = "$TEXT"
	# Each row ends at the field's edge (the screen's right margin): the
	# next row's first character would not have fit after it.
	room=$((cols - x - 1))
	edge=0
	i=1
	while [ "$i" -lt "$n" ]; do
		row=$(sed -n "${i}p" "$T/rows")
		next=$(sed -n "$((i + 1))p" "$T/rows")
		w=$(width "$row")
		c=$(first_width "$next")
		echo "# row $i: $w columns (room $room), next starts with $c"
		if [ "$w" -gt "$room" ] || [ $((w + c)) -le "$room" ]; then
			edge=1
		fi
		i=$((i + 1))
	done
	ok "$cols: rows are wrapped at the field's edge, no character split" test "$edge" = 0
	w=$(width "$(sed -n 1p "$T/rows")")
	if [ -z "$first_width" ]; then
		first_width=$w
	else
		ok "the field is wider at 120 columns ($w, at 80: $first_width)" \
			test "$w" -gt $((first_width + 30))
	fi

	# Up: the visual row above, inside the text; a character typed there
	# lands on that row.
	y0=$(cursor_y)
	keys Up
	sleep 0.3
	ok "$cols: Up stays in the text" focused "谈话内容"
	ok "$cols: Up moves the cursor one row up" test "$(cursor_y)" -eq $((y0 - 1))
	keys -l '＃'
	sleep 0.3
	rows
	: >"$T/above"
	[ "$n" -lt 2 ] || sed -n "$((n - 1))p" "$T/rows" >"$T/above"
	ok "$cols: what is typed after Up lands on the row above the last" \
		grep -q '＃' "$T/above"
	# From the first row Up leaves the field, as from any first line.
	i=2
	while [ "$i" -lt "$n" ]; do
		keys Up
		i=$((i + 1))
	done
	sleep 0.3
	ok "$cols: on the first row, still in the text" focused "谈话内容"
	ok "$cols: ... the cursor on it" test "$(cursor_y)" -eq "$top"
	keys Up
	ok "$cols: Up on the first row leaves the text" wait_focus "主题"
	keys Escape
	wait_for "放弃" >/dev/null
	keys y
	wait_not "谈话内容" >/dev/null
	keys F10
	wait_gone >/dev/null
done

done_testing
