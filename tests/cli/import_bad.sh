#!/bin/sh
# import of each bad fixture (tests/data/README): exit 1, every problem as
# FILE:LINE: field: what is wrong, and nothing written — export dump is
# byte-identical before and after.
. "$top_srcdir/tests/lib.sh"

# Three databases: empty; with students.csv; with students.csv and
# pairings.csv (for the talk that needs a pairing).
for d in empty students pairings; do
	"$BANGFU" --db "$T/$d" init >/dev/null 2>&1
done
for d in students pairings; do
	"$BANGFU" --db "$T/$d" import students "$DATA/students.csv" >/dev/null 2>&1
	# an import makes no semester
	"$BANGFU" --db "$T/$d" semester start 2025-2026-2 >/dev/null 2>&1
done
"$BANGFU" --db "$T/pairings" import pairings "$DATA/pairings.csv" >/dev/null 2>&1
rc=0; "$BANGFU" --db "$T/pairings" stats --json >"$T/out" 2>&1 || rc=$?
ok "the databases for the bad files are set up" grep -q '"pairings":4,' "$T/out"

# bad FILE KIND DB "LINE:WHAT ..." — WHAT is the field (or, for a file that
# is not valid CSV, the start of the message), with + for a space; each must
# appear on stderr as "FILE:LINE: WHAT", and no other problem lines.
bad() {
	file=$1 kind=$2 db=$3 want=$4
	f="$DATA/$file"
	"$BANGFU" --db "$T/$db" export dump >"$T/before" 2>/dev/null
	rc=0
	"$BANGFU" --lang en --db "$T/$db" import "$kind" "$f" >"$T/out" 2>"$T/err" || rc=$?
	is "$rc" 1 "$file: import $kind exits 1"
	ok "$file: nothing is printed on stdout" test ! -s "$T/out"
	n=0
	for lw in $want; do
		lw=$(echo "$lw" | tr + " ")
		line=${lw%%:*}
		what=${lw#*:}
		n=$((n + 1))
		ok "$file: the message names $file:$line and '$what'" \
			grep -qF "$f:$line: $what" "$T/err"
	done
	is "$(grep -c "^$f:[0-9]*: " "$T/err")" "$n" "$file: $n problem line(s), no more"
	ok "$file: the last line says nothing was imported" \
		sh -c "tail -n 1 '$T/err' | grep -q '^bangfu: .*nothing was imported'"
	"$BANGFU" --db "$T/$db" export dump >"$T/after" 2>/dev/null
	ok "$file: export dump is byte-identical before and after" cmp -s "$T/before" "$T/after"
	# The same with --dry-run: the same verdict.
	rc=0
	"$BANGFU" --lang en --db "$T/$db" import "$kind" "$f" --dry-run >"$T/out" 2>"$T/err2" || rc=$?
	is "$rc" 1 "$file: --dry-run finds it bad too (exit 1)"
	ok "$file: --dry-run reports the same problems" cmp -s "$T/err" "$T/err2"
}

bad bad-columns.csv            students empty    "1:unknown+column"
bad bad-duplicate-in-file.csv  students empty    "3:student_no"
bad bad-duplicate-db.csv       students students "3:student_no"
bad bad-rule-not-member.csv    pairings students "2:member"
bad bad-rule-second-pairing.csv pairings students "3:target"
bad bad-rule-cross-college.csv pairings students "2:reason"
bad bad-date.csv               pairings students "2:start_date"
bad bad-kind.csv               students empty    "3:kinds"
bad bad-bytes.csv              students empty    "2:byte+0xFF"
bad bad-quote.csv              students empty    "3:a+quoted+field+is+never+closed"
bad bad-nul.csv                students empty    "2:the+line+contains+a+NUL+byte"
bad bad-long-field.csv         students empty    "2:field+2+is+longer+than+4096+bytes"
bad bad-future-talk.csv        talks    pairings "2:date"
bad bad-three-rows.csv         students empty    "2:name 4:gender 5:political_status"

# The column problem names the unknown column and the missing one.
"$BANGFU" --lang en --db "$T/empty" import students "$DATA/bad-columns.csv" >"$T/out" 2>"$T/err"
ok "bad-columns.csv: the unknown column 宿舍 is named" grep -q '宿舍' "$T/err"
ok "bad-columns.csv: the missing column 学院 is named" grep -q 'missing column 学院' "$T/err"

# Messages in Chinese keep the FILE:LINE: field: form.
rc=0; "$BANGFU" --db "$T/empty" import students "$DATA/bad-three-rows.csv" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 1 "in Chinese too the import exits 1"
ok "in Chinese the line starts FILE:LINE: field: (the column's Chinese name)" \
	grep -qF "$DATA/bad-three-rows.csv:4: 性别: " "$T/err"
ok "in Chinese no English field name" sh -c "! grep -Eq ':[0-9]+: [a-z_]+: ' '$T/err'"
ok "in Chinese the message is Chinese" grep -q '未导入任何数据' "$T/err"

done_testing
