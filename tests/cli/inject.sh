#!/bin/sh
# inject.sh — text that could take over a terminal. Every input refuses
# control codes, bidi controls, zero-width characters and a BOM inside a
# value (FILE:LINE: column, exit 1, the database as before), and a line
# break outside a field of several lines; a no-break space is a space, so
# 石油化工学院 + NBSP is not a second college. Every output escapes such
# characters anyway (a database of an older version may hold them): find,
# list, show, export roster (csv and md, stdout and file), report summary,
# report overdue and an import's error message.
. "$top_srcdir/tests/lib.sh"
RAW="$top_builddir/tests/tools/rawtext"

# raw FILE — true when FILE holds a raw control or invisible character
# (C0 but LF, tab and the CR of CR LF; DEL; C1; bidi controls; zero-width;
# a BOM after the file's first bytes).
raw() {
	LC_ALL=C perl -0777 -ne '
		s/\A\xEF\xBB\xBF//; s/\r\n/\n/g;
		exit 0 if /[\x00-\x08\x0B-\x1F\x7F]|\xC2[\x80-\x9F]|\xE2\x80[\x8B-\x8F\xAA-\xAE]|\xE2\x81[\xA0-\xA4\xA6-\xA9]|\xEF\xBB\xBF|\xD8\x9C/;
		exit 1' "$1"
}
snapshot() {
	bf export dump
	cp "$T/out" "$1"
}

bf init --semester 2025-2026-2
bf import students "$DATA/students.csv"
is "$rc" 0 "the fixtures import"
snapshot "$T/before"

# ---- input: each bad character refused with its place -------------------
ESC=$(printf '\033')
BEL=$(printf '\007')
C1=$(printf '\302\233')         # U+009B CSI
RLO=$(printf '\342\200\256')    # U+202E RIGHT-TO-LEFT OVERRIDE
LRI=$(printf '\342\201\246')    # U+2066 LEFT-TO-RIGHT ISOLATE
ZW=$(printf '\342\200\213')     # U+200B ZERO WIDTH SPACE
BOM=$(printf '\357\273\277')    # U+FEFF
DEL=$(printf '\177')
TAB=$(printf '\t')
for c in ESC BEL C1 RLO LRI ZW BOM DEL TAB; do
	eval "v=\$$c"
	printf '学号,姓名,学院,班级\n2026990001,张%s三,石油化工学院,化工2601\n' "$v" >"$T/$c.csv"
	bf import students "$T/$c.csv"
	is "$rc" 1 "$c inside a name is refused"
	ok "$c: the message names the file, line and column" grep -q "$c.csv:2: 姓名:.*U+" "$T/err"
	ok "$c: the message itself holds no raw character" eval "! raw \"\$T/err\""
done
printf '学号,姓名,学院,班级\n2026990002,"李\n四",石油化工学院,化工2601\n' >"$T/nl.csv"
bf import students "$T/nl.csv"
is "$rc" 1 "a line break in a name is refused"
ok "it says a name is one line" grep -q "nl.csv:2: 姓名: 只能填一行" "$T/err"
snapshot "$T/after"
ok "the database is as before every refusal" cmp -s "$T/before" "$T/after"

bf edit student 2022030101 "姓名=王${RLO}五"
is "$rc" 1 "bangfu edit refuses a bidi override"
ok "and names the field" grep -q "姓名.*U+202E" "$T/err"

# A no-break space (and its kin) is a space: trimmed, never a new college.
NBSP=$(printf '\302\240')
printf '学号,姓名,学院,班级\n2026990003,周%s七,计算机科学与技术学院%s,计科2601\n' "$NBSP" "$NBSP" >"$T/nbsp.csv"
bf list colleges
n_before=$(wc -l <"$T/out")
bf import students "$T/nbsp.csv"
is "$rc" 0 "a name and a college with no-break spaces import"
bf list colleges
is "$(wc -l <"$T/out")" "$n_before" "the trailing NBSP made no second college"
bf find 2026990003
ok "the inner NBSP is a plain space" grep -q "周 七" "$T/out"

# ---- output: an older database's raw bytes are shown escaped ------------
printf '党员学号,帮扶对象学号,学期,开始日期\n2022030101,2023030105,2025-2026-2,2026-03-02\n' >"$T/p.csv"
bf import pairings "$T/p.csv"
is "$rc" 0 "a pairing to show"
"$RAW" "$DB" 2022030101 name "张${ESC}]0;pwned${BEL}伟"
is "$?" 0 "a member's stored name holds an OSC title sequence"
"$RAW" "$DB" 2023030105 class "计科${C1}2${RLO}301"
is "$?" 0 "an assisted student's class holds C1 and a bidi override"
try() {   # try NAME ARGS... — runs bf ARGS, checks stdout and stderr
	_what=$1
	shift
	bf "$@"
	ok "$_what: exit 0" test "$rc" = 0
	ok "$_what: no raw control character on stdout" sh -c "! LC_ALL=C grep -q \"\$(printf '\\033')\" '$T/out'" && ! raw "$T/out"
	ok "$_what: none on stderr" eval '! raw "$T/err"'
}
try "find" find 2022030101
ok "find shows the sequence as an escape" grep -qF 'pwned\x07' "$T/out"
try "list" list students
try "show" show student 2022030101
try "export roster csv" export roster --college 计算机科学与技术学院 --semester 2025-2026-2
ok "the name list escapes the class" grep -qF '\x9B2\u202E301' "$T/out"
try "export roster md" export roster --college 计算机科学与技术学院 --semester 2025-2026-2 --format md
try "export roster csv to a file" export roster --college 计算机科学与技术学院 --semester 2025-2026-2 -o "$T/r.csv"
ok "the file: no raw character" eval '! raw "$T/r.csv"'
ok "the file keeps its BOM for Excel" sh -c "head -c 3 '$T/r.csv' | od -An -tx1 | grep -q 'ef bb bf'"
try "export roster md to a file" export roster --college 计算机科学与技术学院 --semester 2025-2026-2 --format md -o "$T/r.md"
ok "the Markdown file: no raw character" eval '! raw "$T/r.md"'
try "report summary" report summary --college 计算机科学与技术学院 --semester 2025-2026-2 -o "$T/s.txt"
ok "the summary file: no raw character" eval '! raw "$T/s.txt"'
try "report overdue" report overdue --college 计算机科学与技术学院 --days 1
ok "overdue lists the member, escaped" grep -qF 'pwned' "$T/out"
printf '党员学号,帮扶对象学号,学期,开始日期\n2022030101%s]0;x%s,2023030105,2025-2026-2,2026-03-02\n' "$ESC" "$BEL" >"$T/bad.csv"
bf import pairings "$T/bad.csv"
is "$rc" 1 "an import quoting a bad value fails"
ok "its message holds no raw character" eval '! raw "$T/err"'
done_testing
