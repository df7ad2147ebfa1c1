#!/bin/sh
# bangfu export roster: the pairing name list (附件1) in every format,
# compared with golden files (tests/data/golden/) on the fixture data set:
# tests/data's good files plus golden/roster-*.csv (a member of an earlier
# class paired last, and a note with a comma and quotes).
. "$top_srcdir/tests/lib.sh"
BANGFU_FORMS="$top_srcdir/forms"
export BANGFU_FORMS
GOLD="$DATA/golden"
CS=计算机科学与技术学院
ME=机械工程学院
SEM=2025-2026-2

bf init --semester $SEM
for f in students counsellors pairings talks aid; do
	bf import $f "$DATA/$f.csv"
done
bf import students "$GOLD/roster-students.csv"
bf import pairings "$GOLD/roster-pairings.csv"
is "$rc" 0 "the fixtures import"

# ---- the school's name: an obvious placeholder until it is set
bf export roster --college $CS --semester $SEM --format md
ok "without a school name the title shows the placeholder" \
	grep -q '^# （学校名称）学生党员“一对一”结对帮扶名单$' "$T/out"
bf init --school 浙江示例大学
is "$rc" 0 "init --school sets the school's name"

# ---- CSV and Markdown, byte for byte
for c in cs me; do
	[ $c = cs ] && col=$CS || col=$ME
	bf export roster --college $col --semester $SEM --format csv -o "$T/$c.csv"
	is "$rc" 0 "$c: CSV written"
	ok "$c: CSV is the golden file" cmp "$T/$c.csv" "$GOLD/roster-$c.csv"
	bf export roster --college $col --semester $SEM --format md
	is "$rc" 0 "$c: Markdown written to stdout"
	ok "$c: Markdown is the golden file" cmp "$T/out" "$GOLD/roster-$c.md"
done

ok "CSV starts with a UTF-8 BOM" sh -c "head -c 3 '$T/cs.csv' | od -An -tx1 | grep -q 'ef bb bf'"
ok "CSV lines end in CRLF" sh -c "[ \$(grep -c \$(printf '\\r\$') '$T/cs.csv') -eq \$(wc -l <'$T/cs.csv') ]"
ok "the title line names the school" grep -q '浙江示例大学学生党员“一对一”结对帮扶名单' "$T/cs.csv"
ok "the college line" grep -q "^院(部):$CS" "$T/cs.csv"
# As official attachments are: 附件1 at the top left, above the title, and a
# line to fill in by hand below the table, dated today (BANGFU_TODAY).
FOOT='填表人：          联系电话：          填表日期：2026年5月20日'
for f in cs.csv me.csv; do
	is "$(head -n 1 "$T/$f" | tr -d '\r')" "$(printf '\357\273\277')附件1" "$f: the first line is 附件1 (after the BOM)"
	is "$(sed -n 2p "$T/$f" | tr -d '\r')" '浙江示例大学学生党员“一对一”结对帮扶名单' "$f: the title below it"
	is "$(tail -n 1 "$T/$f" | tr -d '\r')" "$FOOT" "$f: the last line is 填表人… 填表日期：2026年5月20日"
done
is "$(sed -n 5p "$T/cs.csv" | cut -d, -f1-2)" "1,赵敏" \
	"rows are ordered by the member's class (计科2101 first, though paired last)"
is "$(sed -n 7p "$T/cs.csv" | cut -d, -f1-2)" "3,李娜" "numbered from 1 in that order"
is "$(sed -n 8p "$T/cs.csv" | tr -d '\r')" "$FOOT" "the 填表人 line follows the last row"
ok "a note with a comma and quotes is quoted as Excel reads it" \
	grep -q '"周二晚自习,每周一次；""错题本"""' "$T/cs.csv"
ok "预备党员 shows as 预备" grep -q ',李娜,2022030102,计科2201,预备,' "$T/cs.csv"
ok "a cross-college pairing gives its reason in 备注" grep -q '跨院结对：计算机学院党员人数不足' "$T/me.csv"
is "$(stat -c %a "$T/cs.csv")" 600 "the file is readable by its owner only"
ok "no temporary file is left" sh -c "! ls '$T' | grep -q '\\.tmp\$'"

bf export roster --college $CS --semester $SEM --format md
is "$(head -n 1 "$T/out")" "附件1" "Markdown: the first line is 附件1"
is "$(sed -n 3p "$T/out")" '# 浙江示例大学学生党员“一对一”结对帮扶名单' "Markdown: the title below it"
is "$(tail -n 1 "$T/out")" "$FOOT" "Markdown: the last line is 填表人… 填表日期：2026年5月20日"
is "$(tail -n 3 "$T/out" | head -n 1 | cut -c1-8)" "| 3    |" "Markdown: after the table's last row and a blank line"
BANGFU_TODAY=2027-01-09 bf export roster --college $CS --semester $SEM --format md
is "$(tail -n 1 "$T/out")" "填表人：          联系电话：          填表日期：2027年1月9日" \
	"the date is today's (2027年1月9日, no leading zeros)"

# The format follows the file name when --format is not given.
bf export roster --college $CS --semester $SEM -o "$T/by-name.md"
ok "-o x.md writes Markdown" cmp "$T/by-name.md" "$GOLD/roster-cs.md"

# ---- XLSX: read the sheet's XML, not the library's word
bf export roster --college $CS --semester $SEM --format xlsx -o "$T/cs.xlsx"
is "$rc" 0 "XLSX written"
is "$(stat -c %a "$T/cs.xlsx")" 600 "the XLSX is readable by its owner only"
mkdir "$T/x"
(cd "$T/x" && unzip -q ../cs.xlsx)
is "$?" 0 "the XLSX is a zip file"
SHEET="$T/x/xl/worksheets/sheet1.xml"
STR="$T/x/xl/sharedStrings.xml"
WB="$T/x/xl/workbook.xml"
ok "the title is a shared string" grep -q '浙江示例大学学生党员“一对一”结对帮扶名单' "$STR"
ok "the college line is a shared string" grep -q "院(部):$CS" "$STR"
# the n-th shared string (from 0), and the string in a cell of the sheet
sst() { tr -d '\n' <"$STR" | sed 's|</si>|</si>\n|g' | sed -n "$(($1 + 1))p" | sed 's/<[^>]*>//g'; }
cellstr() { _i=$(grep -o "<c r=\"$1\"[^>]*t=\"s\"[^>]*><v>[0-9]*</v>" "$SHEET" | sed 's/.*<v>//; s/<.*//'); [ -n "$_i" ] && sst "$_i"; }
is "$(cellstr A1)" "附件1" "A1 holds 附件1"
ok "A1 is not merged (附件1 at the top left)" sh -c "! grep -q '<mergeCell ref=\"A1:' '$SHEET'"
is "$(cellstr A2)" '浙江示例大学学生党员“一对一”结对帮扶名单' "the title is in A2, below 附件1"
ok "the title is merged across the 12 columns" grep -q '<mergeCell ref="A2:L2"/>' "$SHEET"
ok "the college line is merged too" grep -q '<mergeCell ref="A3:L3"/>' "$SHEET"
is "$(cellstr A8)" "$FOOT" "A8, after the last row, holds 填表人… 填表日期：2026年5月20日"
ok "the 填表人 line is merged across the columns" grep -q '<mergeCell ref="A8:L8"/>' "$SHEET"
ok "and is the sheet's last row" sh -c "! grep -q '<row r=\"9\"' '$SHEET'"
for h in 序号 党员姓名 '党员类别(正式/预备)' 帮扶对象姓名 帮扶类型 备注; do
	ok "header $h" grep -q "<t>$h</t>" "$STR"
done
ok "header row 4 holds 12 cells" sh -c "grep -o '<row r=\"4\"[^>]*>.*</row>' '$SHEET' | sed 's|</row>.*||' | grep -o '<c r=\"[A-L]4\"' | wc -l | grep -qx 12"
is "$(cellstr B4)" "党员姓名" "the header row is row 4"
ok "3 data rows (rows 5 to 7), row 8 the 填表人 line alone" sh -c "grep -q '<c r=\"L7\"' '$SHEET' && ! grep -q '<c r=\"B8\"[^/]*>' '$SHEET'"
for n in 赵敏 张伟 李娜 钱多多 王磊 单晓雯 2021030111 13800000012; do
	ok "cell $n" grep -q "<t>$n</t>" "$STR"
done
ok "student numbers are text, not numbers" sh -c "! grep -q '<v>2021030111</v>' '$SHEET'"
ok "序号 1..3 are numbers in column A" sh -c "grep -q '<c r=\"A5\" s=\"[0-9]*\"><v>1</v>' '$SHEET' && grep -q '<c r=\"A7\" s=\"[0-9]*\"><v>3</v>' '$SHEET'"
ok "A4 landscape" sh -c "grep -o '<pageSetup [^>]*>' '$SHEET' | grep 'paperSize=\"9\"' | grep -q 'orientation=\"landscape\"'"
ok "fitted to one page wide" sh -c "grep -q '<pageSetUpPr fitToPage=\"1\"/>' '$SHEET' && grep -q 'fitToHeight=\"0\"' '$SHEET'"
ok "the header row repeats on every printed page" \
	grep -q "_xlnm.Print_Titles\" localSheetId=\"0\">'[^']*'!\\\$4:\\\$4<" "$WB"
ok "the print area runs from 附件1 to the 填表人 line" \
	grep -q "_xlnm.Print_Area\" localSheetId=\"0\">'[^']*'!\\\$A\\\$1:\\\$L\\\$8<" "$WB"
ok "the first rows stay in view when scrolling, down to the header row" \
	grep -q '<pane ySplit="4" topLeftCell="A5"' "$SHEET"
# xf CELL ATTR — the font (fontId) or border (borderId) element of a cell's
# style: sheet1.xml's s="N" is the N-th <xf> of styles.xml's cellXfs.
xf() {
	_s=$(grep -o "<c r=\"$1\" s=\"[0-9]*\"" "$SHEET" | sed 's/.*s="//; s/"//')
	_id=$(grep -o '<cellXfs.*</cellXfs>' "$T/x/xl/styles.xml" | grep -o '<xf [^>]*>' |
		sed -n "$((_s + 1))p" | sed "s/.*$2=\"\([0-9]*\)\".*/\1/")
	_el=${2%Id}
	grep -o "<${_el}s.*</${_el}s>" "$T/x/xl/styles.xml" | sed "s|</$_el>|</$_el>\n|g" | sed -n "$((_id + 1))p"
}
ok "the header cells are bold (B4: $(xf B4 fontId | grep -o '<b/>'))" sh -c "echo '$(xf B4 fontId)' | grep -q '<b/>'"
ok "data cells are not bold" sh -c "! echo '$(xf B5 fontId)' | grep -q '<b/>'"
ok "header cells have thin borders" sh -c "echo '$(xf L4 borderId)' | grep -q '<left style=\"thin\">'"
ok "data cells have thin borders" sh -c "echo '$(xf C7 borderId)' | grep -q '<bottom style=\"thin\">'"
ok "附件1 is bold" sh -c "echo '$(xf A1 fontId)' | grep -q '<b/>'"
# xfel CELL — the whole <xf> of a cell's style (its alignment)
xfel() {
	_s=$(grep -o "<c r=\"$1\" s=\"[0-9]*\"" "$SHEET" | sed 's/.*s="//; s/"//')
	grep -o '<cellXfs.*</cellXfs>' "$T/x/xl/styles.xml" | sed 's|<xf |\n<xf |g' | sed -n "$((_s + 2))p"
}
ok "附件1 is on the left ($(xfel A1 | grep -o 'horizontal="[a-z]*"'))" sh -c "echo '$(xfel A1)' | grep -q 'horizontal=\"left\"'"
ok "the 填表人 line is not bold" sh -c "! echo '$(xf A8 fontId)' | grep -q '<b/>'"
ok "the 填表人 line is on the left ($(xfel A8 | grep -o 'horizontal="[a-z]*"'))" sh -c "echo '$(xfel A8)' | grep -q 'horizontal=\"left\"'"
ok "the title is centred ($(xfel A2 | grep -o 'horizontal="[a-z]*"'))" sh -c "echo '$(xfel A2)' | grep -q 'horizontal=\"center\"'"
# Column widths follow the display width: 帮扶类型 (学业困难、心理困难, 18
# columns) is wider than 序号, the 学号 columns fit 10 digits.
w() { grep -o "<col min=\"$1\" max=\"$1\" width=\"[0-9.]*\"" "$SHEET" | sed 's/.*width="\([0-9]*\).*/\1/'; }
ok "column widths follow the text (类型 $(w 10) > 序号 $(w 1))" test "$(w 10)" -gt "$(w 1)"
ok "the 学号 column fits 10 digits ($(w 3))" test "$(w 3)" -ge 10
ok "the 帮扶类型 column fits 学业困难、心理困难 (18 columns; $(w 10))" test "$(w 10)" -ge 18

# ---- the columns come from the template, not from C
cat >"$T/two.tpl" <<'EOF'
[document]
title = {{school}}名单
college = {{college}}
[columns]
帮扶对象 = target.name
党员 = member.name
EOF
bf export roster --college $CS --semester $SEM --template "$T/two.tpl"
is "$(sed -n 4p "$T/out" | tr -d '\r')" "帮扶对象,党员" "a template with two columns reordered gives those headers"
is "$(sed -n 5p "$T/out" | tr -d '\r')" "钱多多,赵敏" "and those cells"
is "$(head -n 1 "$T/out" | tr -d '\r')" "$(printf '\357\273\277')附件1" "a template without attachment still gets 附件1"
is "$(tail -n 1 "$T/out" | tr -d '\r')" "$FOOT" "and the 填表人 line"
printf '[document]\ntitle = t\ncollege = c\nattachment =\nfooter = 制表：{{college}} {{today}}\n[columns]\n序号 = seq\n' >"$T/own.tpl"
bf export roster --college $CS --semester $SEM --template "$T/own.tpl"
is "$(head -n 1 "$T/out" | tr -d '\r')" "$(printf '\357\273\277')t" "an empty attachment leaves the line out"
is "$(tail -n 1 "$T/out" | tr -d '\r')" "制表：$CS 2026年5月20日" "a footer of the template's own, with {{today}}"
printf '[document]\ntitle = x\ncollege = y\n[columns]\n序号 = seq\n宿舍 = student.dorm\n' >"$T/bad.tpl"
bf export roster --college $CS --semester $SEM --template "$T/bad.tpl"
is "$rc" 1 "an unknown field in the template is bad input"
ok "reported as FILE:LINE: unknown field" grep -q "bad.tpl:6: .*student.dorm" "$T/err"
ok "the shipped forms/roster.tpl loads" sh -c "'$BANGFU' --db '$DB' export roster --college $CS --semester $SEM --template '$top_srcdir/forms/roster.tpl' >/dev/null"

# ---- the school's name survives a dump and its restore
bf --role counsellor export dump -o "$T/all.jsonl"
ok "the dump holds the school's name" grep -q '^{"type":"setting","name":"school","value":"浙江示例大学"}$' "$T/all.jsonl"
"$BANGFU" --db "$T/copy" import dump "$T/all.jsonl" >/dev/null 2>"$T/err"
is "$?" 0 "the dump restores into a new database"
"$BANGFU" --db "$T/copy" export roster --college $CS --semester $SEM -o "$T/copy.csv" >/dev/null
ok "whose name list is the same, school and all" cmp "$T/copy.csv" "$GOLD/roster-cs.csv"

# ---- errors
bf export roster --college 不存在学院 --semester $SEM
is "$rc" 1 "an unknown college is bad input"
bf export roster --college $CS --semester $SEM --format xlsx
is "$rc" 2 "XLSX needs -o FILE"
bf export roster --college $CS --semester $SEM --format pdf
is "$rc" 2 "an unknown format is a usage error"
bf export roster --semester $SEM
is "$rc" 2 "--college is required"

done_testing
