#!/bin/sh
# Dates and amounts that make no sense (DOMAIN): refused on import (exit 1,
# FILE:LINE: column: why) and on edit (exit 1, the field and why), and the
# database is unchanged (export dump byte-identical). An import never makes
# a semester: it says which to start, and with which command.
. "$top_srcdir/tests/lib.sh"

dump() {
	"$BANGFU" --db "$DB" --role counsellor export dump >"$1" 2>/dev/null
}
# refused DESCRIPTION ARGS...: bangfu --lang en ARGS exits 1, prints nothing
# on stdout, and export dump is byte-identical before and after.
refused() {
	desc=$1
	shift
	dump "$T/before"
	bf --lang en "$@"
	is "$rc" 1 "$desc: exit 1"
	dump "$T/after"
	ok "$desc: export dump is unchanged" cmp -s "$T/before" "$T/after"
	ok "$desc: nothing on stdout" test ! -s "$T/out"
}
says() {
	ok "$1" grep -qF -- "$2" "$T/err"
}

bf init
bf import students "$DATA/students.csv"
is "$rc" 0 "students imported"

# ---- an import makes no semester
f=$DATA/pairings.csv
refused "pairings in a semester not started" import pairings "$f"
says "it names FILE:LINE: semester and the command that starts it" \
	"$f:2: semester: there is no semester 2025-2026-2; start it first: bangfu semester start 2025-2026-2"
bf list semesters
is "$(wc -l <"$T/out")" 1 "no semester was made (the header alone)"
f=$DATA/bad-semester-unknown.csv
refused "a pairing in 2090-2091-1" import pairings "$f"
says "it says to start 2090-2091-1" "$f:2: semester: there is no semester 2090-2091-1; start it first: bangfu semester start 2090-2091-1"
says "a code that is no semester is named so" "$f:3: semester: \"2025-2026-9\" is not a semester"
bf list semesters
is "$(wc -l <"$T/out")" 1 "still no semester"

bf semester start 2025-2026-1
bf semester start 2025-2026-2
is "$rc" 0 "the two semesters are started"

# ---- dates that make no sense
f=$DATA/bad-dates-implausible.csv
refused "implausible start dates" import pairings "$f"
says "a start after its semester ended" \
	"$f:2: start_date: 2026-04-01 is outside the semester 2025-2026-1 (2025-09-01 to 2026-01-31)"
says "1900-01-01 is a date, before 2000" "$f:3: start_date: 1900-01-01 is before 2000: not a plausible date"
says "so is 1999-12-31" "$f:4: start_date: 1999-12-31 is before 2000: not a plausible date"
says "a start more than 30 days ahead" "$f:5: start_date: 2026-07-01 is more than 30 days ahead of today"
ok "1900-01-01 is not called 'not a date'" sh -c "! grep -q 'not a date' '$T/err'"
rc=0; "$BANGFU" --db "$DB" import pairings "$f" >/dev/null 2>"$T/err" || rc=$?
says "the same in Chinese, naming the column as the file does" "$f:3: 开始日期: 1900-01-01 早于 2000 年，不是可信的日期"
printf '党员学号,帮扶对象学号,学期,开始日期\n2022030101,2023030105,2099-2100-1,2099-09-01\n' >"$T/2099.csv"
"$BANGFU" --db "$DB" semester start 2099-2100-1 >/dev/null 2>&1
"$BANGFU" --db "$DB" semester start 2025-2026-2 >/dev/null 2>&1
refused "a pairing in 2099" import pairings "$T/2099.csv"
says "it is too far ahead" "$T/2099.csv:2: start_date: 2099-09-01 is more than 30 days ahead of today"

# ---- the good file, then edits
bf import pairings "$DATA/pairings.csv"
is "$rc" 0 "pairings.csv imports into its started semester"
bf import aid "$DATA/aid.csv"
is "$rc" 0 "aid.csv imports"
bf list pairings
p=$(sed -n 2p "$T/out" | cut -f1)
refused "edit a start to 1900-01-01" edit pairing "$p" 开始日期=1900-01-01
says "the edit names the field and says before 2000" "start_date: 1900-01-01 is before 2000: not a plausible date"
refused "edit a start after its semester" edit pairing "$p" 开始日期=2026-01-20
says "the edit says it is outside the semester" "start_date: 2026-01-20 is outside the semester 2025-2026-2 (2026-02-01 to 2026-07-31)"
refused "edit a start 40 days ahead" edit pairing "$p" 开始日期=2026-06-29
says "the edit says it is too far ahead" "start_date: 2026-06-29 is more than 30 days ahead of today"

# ---- amounts
f=$DATA/bad-aid-amount.csv
refused "aid of 100000 yuan" import aid "$f"
says "the import says it is over the limit" \
	"$f:2: amount: 100000.00 yuan is more than one record of aid holds (at most 10000 yuan): check the amount"
ok "not 'must be more than 0'" sh -c "! grep -q 'more than 0' '$T/err'"
bf list aid
a=$(sed -n 2p "$T/out" | cut -f1)
refused "edit an amount to 20000 yuan" edit aid "$a" 金额=20000
says "the edit says so" "amount: 20000.00 yuan is more than one record of aid holds (at most 10000 yuan)"
bf edit aid "$a" 金额=10000
is "$rc" 0 "10000 yuan is still accepted"

done_testing
