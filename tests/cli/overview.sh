#!/bin/sh
# bangfu report overview: the university overview on demo data (seed 1):
# every college's figures parsed back and counted again from `bangfu list`,
# the total row the sum of the rows, CSV/Markdown/XLSX read back, and no
# private text (no talk's content, no phone number) in any of them.
# Today is in the next semester, so that the past one has ended pairings.
BANGFU_TODAY=2026-12-01
export BANGFU_TODAY
. "$top_srcdir/tests/lib.sh"

bf demo --seed 1
is "$rc" 0 "demo data"
SEM=2025-2026-2
FROM=2026-02-01
TO=2026-07-31

bf report overview --semester $SEM --format csv -o "$T/ov.csv"
is "$rc" 0 "CSV written"
ok "the message names the file by its full path" grep -q "$T/ov.csv" "$T/out"
is "$(stat -c %a "$T/ov.csv")" 600 "the CSV is readable by its owner only"
ok "CSV starts with a UTF-8 BOM" sh -c "head -c 3 '$T/ov.csv' | od -An -tx1 | grep -q 'ef bb bf'"
tr -d '\r' <"$T/ov.csv" | sed '1s/^\xEF\xBB\xBF//' >"$T/ov.txt"
ok "the title names the semester" sh -c "sed -n 1p '$T/ov.txt' | grep -q '2025-2026学年第二学期.*各学院情况汇总'"
is "$(sed -n 3p "$T/ov.txt")" "学院,进行中结对,已结束结对,结对党员,帮扶对象,学业困难,经济困难,心理困难,谈心谈话次数,谈话分钟,逾期未谈结对,物质帮扶金额（元）,名单,总结,总结字数" "the header row"
sed -n '4,$p' "$T/ov.txt" | grep -v '^合计,' >"$T/rows"
grep '^合计,' "$T/ov.txt" >"$T/total"
bf stats --json
ncol=$(sed 's/.*"colleges":\([0-9]*\).*/\1/' "$T/out")
is "$(wc -l <"$T/rows" | tr -d ' ')" "$ncol" "one row per college ($ncol, as bangfu stats)"
is "$(wc -l <"$T/total" | tr -d ' ')" 1 "one total row, the last"
is "$(tail -n 1 "$T/ov.txt" | cut -d, -f1)" 合计 "the total row comes last"

# ---- the total is the sum of the rows
sums=$(awk -F, '{ for (i = 2; i <= 12; i++) s[i] += $i } END { for (i = 2; i <= 12; i++) printf "%s%s", (i > 2 ? "," : ""), (i == 12 ? sprintf("%.2f", s[i]) : s[i]) }' "$T/rows")
is "$(cut -d, -f2-12 "$T/total")" "$sums" "the total row is the sum of the rows"

# ---- each college counted again from bangfu list
bf list targets
cp "$T/out" "$T/targets"
fails=0
checked=0
while IFS=, read -r col run ended mem tgt aca fin psy talks mins late aid rest <&3; do
	bf list pairings --college "$col" --semester $SEM
	sed 1d "$T/out" >"$T/p"
	# a past semester is counted as of its last day: a pairing ended later
	# was still running then
	want_ended=$(awk -F'\t' -v b=$TO '$7 != "" && $7 <= b' "$T/p" | wc -l | tr -d ' ')
	want_run=$(( $(wc -l <"$T/p") - want_ended ))
	want_mem=$(cut -f2 "$T/p" | sort -u | wc -l | tr -d ' ')
	cut -f3 "$T/p" | sort -u >"$T/tg"
	want_tgt=$(wc -l <"$T/tg" | tr -d ' ')
	kinds=$(awk -F'\t' 'NR == FNR { t[$1] = 1; next } ($2 in t) { a += index($5, "学业") > 0; f += index($5, "经济") > 0; p += index($5, "心理") > 0 } END { print a + 0 "," f + 0 "," p + 0 }' "$T/tg" "$T/targets")
	bf list talks --college "$col" --semester $SEM
	want_talks=$(awk -F'\t' -v a=$FROM -v b=$TO 'NR > 1 && $2 != "" && $5 >= a && $5 <= b { n++; m += $6 } END { print n + 0 "," m + 0 }' "$T/out")
	bf list aid --college "$col" --semester $SEM
	want_aid=$(awk -F'\t' -v a=$FROM -v b=$TO 'NR > 1 && $5 >= a && $5 <= b { s += $7 } END { printf "%.2f", s }' "$T/out")
	checked=$((checked + 1))
	got="$run,$ended,$mem,$tgt,$aca,$fin,$psy,$talks,$mins,$aid"
	want="$want_run,$want_ended,$want_mem,$want_tgt,$kinds,$want_talks,$want_aid"
	if [ "$got" != "$want" ]; then
		echo "# $col: overview $got, counted $want"
		fails=$((fails + 1))
	fi
	# overdue of a past semester is counted as of its last day (as the
	# summary does), among the pairings running then
	[ "$late" -le "$want_run" ] || { echo "# $col: $late overdue > $want_run running"; fails=$((fails + 1)); }
done 3<"$T/rows"
is "$checked" "$ncol" "every college checked"
is "$fails" 0 "every college's figures are those counted from bangfu list"
ok "a college has pairings ended in the past semester" sh -c "cut -d, -f3 '$T/rows' | grep -qv '^0\$'"

# ---- the documents' state: a saved and a final summary show with 字数
col1=$(sed -n 1p "$T/rows" | cut -d, -f1)
awk 'BEGIN { for (i = 0; i < 120; i++) printf "本学期结对帮扶工作稳步推进。"; print "" }' >"$T/sum.txt"
bf report save "$T/sum.txt" --college "$col1" --semester $SEM
is "$rc" 0 "a summary saved"
bf report overview --semester $SEM
ok "the saved summary shows as 已保存 with its 字数" grep -q "^$col1,.*,已保存,1680" "$T/out"
bf report final --college "$col1" --semester $SEM
bf report overview --semester $SEM
ok "a final summary shows as 已定稿" grep -q "^$col1,.*,已定稿,1680" "$T/out"
ok "the total counts one final" grep -q '^合计,.*,定稿1个,1680' "$T/out"
ok "the others have only a draft" grep -q ',仅草稿,.$' "$T/out"

# ---- Markdown
bf report overview --semester $SEM --format md
is "$rc" 0 "Markdown to stdout"
ok "a Markdown title" grep -q '^# .*各学院情况汇总$' "$T/out"
ok "a Markdown table with a header and a rule" sh -c "grep -q '^| 学院 ' '$T/out' && grep -q '^| ---' '$T/out'"
is "$(grep -c '^| ' "$T/out")" "$((ncol + 3))" "Markdown: header, rule, $ncol colleges and the total"
ok "Markdown total row" grep -q '^| 合计 ' "$T/out"
cp "$T/out" "$T/ov.md"

# ---- XLSX: the sheet's XML read back
bf report overview --semester $SEM -o "$T/ov.xlsx"
is "$rc" 0 "XLSX written (format from the name)"
is "$(stat -c %a "$T/ov.xlsx")" 600 "the XLSX is readable by its owner only"
unzip -p "$T/ov.xlsx" xl/sharedStrings.xml >"$T/str.xml"
unzip -p "$T/ov.xlsx" xl/worksheets/sheet1.xml >"$T/sheet.xml"
# the sheet's cells as "REF value" lines, shared strings resolved
grep -o '<si>.*</si>' "$T/str.xml" | sed 's|</si>|\n|g' | sed 's/<[^>]*>//g' >"$T/strings"
grep -o '<c r="[A-Z]*[0-9]*"[^>]*>.*</c>' "$T/sheet.xml" | sed 's|</c>|</c>\n|g' | grep '<c ' |
	awk 'NR == FNR { s[NR - 1] = $0; next } {
		r = $0; sub(/.*<c r="/, "", r); sub(/".*/, "", r)
		v = $0; sub(/.*<v>/, "", v); sub(/<\/v>.*/, "", v)
		if ($0 ~ /t="s"/) v = s[v]
		print r, v }' "$T/strings" - >"$T/cells"
tot=$((ncol + 4))
is "$(grep "^A$tot " "$T/cells" | cut -d' ' -f2)" 合计 "XLSX: the total row is row $tot"
is "$(grep "^B$tot " "$T/cells" | cut -d' ' -f2),$(grep "^I$tot " "$T/cells" | cut -d' ' -f2)" \
	"$(cut -d, -f2 "$T/total"),$(cut -d, -f9 "$T/total")" "XLSX: the total's running pairings and talks are the CSV's"
ok "XLSX: the figures are numbers" grep -q "<c r=\"B$tot\" s=\"[0-9]*\"><v>" "$T/sheet.xml"
xsum=$(awk -v last=$tot '{ r = $1; sub(/^[A-Z]+/, "", r); c = $1; sub(/[0-9]+$/, "", c) } c == "I" && r + 0 >= 4 && r + 0 < last { s += $2 } END { print s + 0 }' "$T/cells")
is "$xsum" "$(grep "^I$tot " "$T/cells" | cut -d' ' -f2)" "XLSX: the talks of the rows add up to the total"
ok "XLSX: the first college is in A4" grep -q "^A4 $(sed -n 1p "$T/rows" | cut -d, -f1)\$" "$T/cells"

# ---- no private text
bf list talks
cut -f9 "$T/out" | sed 1d | awk 'length($0) > 12' | head -50 | cut -c1-24 >"$T/contents"
bf list students
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "电话" || $i == "手机号" || $i == "联系电话") p = i; next } p && $p != "" { print $p }' "$T/out" | head -200 >"$T/phones"
ok "there are talk contents and phones to look for" sh -c "[ -s '$T/contents' ] && [ -s '$T/phones' ]"
leaks=0
for f in "$T/ov.txt" "$T/ov.md" "$T/strings"; do
	grep -F -f "$T/contents" "$f" >/dev/null && leaks=$((leaks + 1))
	grep -F -f "$T/phones" "$f" >/dev/null && leaks=$((leaks + 1))
done
is "$leaks" 0 "no talk's content and no phone number in the CSV, Markdown or XLSX"
ok "no student number either" sh -c "! grep -Eq '[0-9]{10}' '$T/ov.txt' '$T/ov.md' '$T/strings'"

# ---- the current semester without --semester; refusals
bf report overview
is "$rc" 0 "without --semester: the current semester"
ok "the current semester is in the title" grep -q '2026-2027学年第一学期' "$T/out"
bf report overview --semester 1999-2000-1
is "$rc" 1 "an unknown semester is refused"
bf report overview --format xlsx
is "$rc" 2 "an XLSX needs -o FILE"
bf report overview --college x
is "$rc" 2 "the overview takes no --college"
done_testing
