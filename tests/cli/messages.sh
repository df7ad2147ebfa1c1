#!/bin/sh
# messages.sh — a message names the field as the user knows it: under the
# Chinese UI the CSV column's Chinese name (学号, 姓名, 帮扶类型, 跨院原因),
# under --lang en its English one; the shape FILE:LINE: field: what is
# wrong stays. An import's rows and a record edited by its fields alike.
. "$top_srcdir/tests/lib.sh"

# Three databases (as import_bad.sh has them): empty; with students.csv;
# with students.csv and pairings.csv.
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

# named FILE KIND DB LANG "LINE|FIELD|TEXT ..." — with --lang LANG each
# problem line reads FILE:LINE: FIELD: ...TEXT... (+ for a space), and no
# problem line names a field by an English key in Chinese.
named() {
	file=$1 kind=$2 db=$3 lang=$4 want=$5
	f="$DATA/$file"
	rc=0
	"$BANGFU" --lang "$lang" --db "$T/$db" import "$kind" "$f" >"$T/out" 2>"$T/err" || rc=$?
	is "$rc" 1 "$file ($lang): import $kind exits 1"
	for w in $want; do
		w=$(echo "$w" | tr + " ")
		line=${w%%|*}
		rest=${w#*|}
		field=${rest%%|*}
		text=${rest#*|}
		ok "$file ($lang): line $line names $field: $text" \
			sh -c "grep -F '$f:$line: $field: ' '$T/err' | grep -qF '$text'"
	done
	if [ "$lang" = zh ]; then
		ok "$file (zh): no English field name in a Chinese message" \
			sh -c "! grep -Eq '^$f:[0-9]+: [A-Za-z_]+: ' '$T/err'"
	fi
}

named bad-three-rows.csv students empty zh \
	"2|姓名|必填 4|性别|未知的值“未知” 5|政治面貌|少先队员"
named bad-kind.csv students empty zh "3|帮扶类型|未知的帮扶类型“学霸”"
named bad-duplicate-in-file.csv students empty zh "3|学号|在本文件中出现了两次"
named bad-duplicate-db.csv students students zh "3|学号|2022030101"
named bad-rule-cross-college.csv pairings students zh "2|跨院原因|请填写跨院原因"
named bad-rule-not-member.csv pairings students zh "2|党员学号|不是党员"
named bad-rule-second-pairing.csv pairings students zh "3|帮扶对象学号|已有正在进行的结对"
named bad-date.csv pairings students zh "2|开始日期|不是日期"
named bad-future-talk.csv talks pairings zh "2|日期|是将来的日期"

# In English, the English names.
named bad-three-rows.csv students empty en \
	"2|name|is+required 4|gender|unknown+value 5|political_status|少先队员"
named bad-kind.csv students empty en "3|kinds|学霸"
named bad-rule-cross-college.csv pairings students en "2|reason|give+a+reason"
named bad-future-talk.csv talks pairings en "2|date|2026-06-01"

# A record's field set from the command line: the rule names the field as
# its column does.
"$BANGFU" --db "$T/pairings" list pairings >"$T/out" 2>/dev/null
ref=$(sed -n 2p "$T/out" | cut -f1)
ok "a pairing to edit" test -n "$ref"
rc=0; "$BANGFU" --db "$T/pairings" edit pairing "$ref" 结束日期=2020-01-01 >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 1 "an end before the start is refused (exit 1)"
ok "the message names 结束日期, in Chinese" grep -qF 'bangfu: 结束日期: 早于开始日期' "$T/err"
rc=0; "$BANGFU" --lang en --db "$T/pairings" edit pairing "$ref" end_date=2020-01-01 >"$T/out" 2>"$T/err" || rc=$?
ok "in English it names end_date" grep -qF 'bangfu: end_date: is before the start' "$T/err"
rc=0; "$BANGFU" --db "$T/pairings" edit student 2023030105 姓名= >"$T/out" 2>"$T/err" || rc=$?
ok "an empty name names 姓名" grep -qF 'bangfu: 姓名: 必填' "$T/err"

done_testing
