#!/bin/sh
# list, show and edit: a header and one tab-separated line per record, REF
# first; FIELD<TAB>VALUE; edits by CSV column name through the rules. Bad
# input is exit 1 with export dump unchanged, a stale rev exit 3; the
# psychological notes are masked for every role but the counsellor's.
. "$top_srcdir/tests/lib.sh"

bf init
bf semester start 2025-2026-2   # an import makes no semester
for k in students counsellors pairings talks aid; do
	bf import $k "$DATA/$k.csv"
	is "$rc" 0 "import $k"
done
TAB=$(printf '\t')

# dump FILE: the whole database (the counsellor's dump hides nothing).
dump() {
	"$BANGFU" --db "$DB" --role counsellor export dump >"$1" 2>/dev/null
}
# refused DESCRIPTION STATUS ARGS...: bangfu ARGS exits STATUS and export
# dump is byte-identical before and after.
refused() {
	desc=$1 want=$2
	shift 2
	dump "$T/before"
	bf "$@"
	is "$rc" "$want" "$desc: exit $want"
	dump "$T/after"
	ok "$desc: export dump is unchanged" cmp -s "$T/before" "$T/after"
	ok "$desc: nothing on stdout" test ! -s "$T/out"
}

# ---- list
bf list students
is "$rc" 0 "list students exits 0"
is "$(head -n 1 "$T/out")" "REF${TAB}学号${TAB}姓名${TAB}性别${TAB}学院${TAB}班级${TAB}政治面貌${TAB}联系电话" \
	"the header: REF, then the CSV import's Chinese headers"
is "$(tail -n +2 "$T/out" | wc -l)" 9 "one line per student"
ok "a student's REF is the number" grep -q "^2023030105${TAB}2023030105${TAB}王磊${TAB}男" "$T/out"
bf --lang en list students
is "$(head -n 1 "$T/out")" "REF${TAB}student_no${TAB}name${TAB}gender${TAB}college${TAB}class${TAB}political_status${TAB}phone" \
	"with --lang en, the English headers"
bf list students --college 机械工程学院
is "$(tail -n +2 "$T/out" | wc -l)" 4 "--college keeps that college's students"
bf list members
is "$(tail -n +2 "$T/out" | cut -f1 | sort | tr '\n' ' ')" "2021010201 2022010101 2022030101 2022030102 " \
	"members: the REF is the student's number"
bf list targets --college 计算机科学与技术学院
is "$(tail -n +2 "$T/out" | cut -f1 | tr '\n' ' ')" "2023030105 2023030106 2024030201 " \
	"targets of a college, by their students' numbers"
bf list counsellors
ok "counsellors by staff number" grep -q "^20080301${TAB}20080301${TAB}陈静" "$T/out"
bf list aid
is "$(tail -n +2 "$T/out" | wc -l)" 3 "list aid: three records"
ok "money in yuan" grep -q "${TAB}85.50${TAB}" "$T/out"

bf list pairings
is "$rc" 0 "list pairings exits 0"
is "$(tail -n +2 "$T/out" | wc -l)" 4 "four pairings"
tail -n +2 "$T/out" | cut -f1 >"$T/refs"
is "$(sort -u "$T/refs" | wc -l)" 4 "every pairing has its own REF"
ok "a REF is hex, at least 12 digits" sh -c "! grep -qv '^[0-9a-f]\{12,32\}\$' '$T/refs'"
p1=$(sed -n 1p "$T/refs")
p4=$(grep "${TAB}2021010201${TAB}2024030201${TAB}" "$T/out" | cut -f1)
ok "the pairing's line: member, student, college, semester, start" \
	grep -q "^$p1${TAB}2022030101${TAB}2023030105${TAB}计算机科学与技术学院${TAB}2025-2026-2${TAB}2026-03-01" "$T/out"
bf list pairings --semester 2025-2026-2
is "$(tail -n +2 "$T/out" | wc -l)" 4 "--semester: the four pairings of 2025-2026-2"
bf list pairings --college 机械工程学院
is "$(tail -n +2 "$T/out" | wc -l)" 2 "--college: the member's college's pairings"
bf list pairings --semester 2030-2031-1
is "$rc" 1 "an unknown semester is exit 1"
ok "it is named" grep -q "2030-2031-1" "$T/err"
bf list students --semester 2025-2026-2
is "$rc" 2 "--semester with students is a usage error"
bf list pairings --college 不存在学院
is "$rc" 1 "an unknown college is exit 1"
bf list schools
is "$rc" 2 "an unknown kind is a usage error"
bf list students --deleted
is "$rc" 0 "list --deleted exits 0"
is "$(wc -l <"$T/out")" 1 "no tombstones yet: the header alone"

# ---- privacy in list and show
secret_talk='愿意主动说出自己的烦恼'
bf list talks
ok "a secretary's list has no psychological talk content" sh -c "! grep -q '$secret_talk' '$T/out'"
is "$(grep -c '\[仅辅导员可见\]' "$T/out")" 2 "the mask stands in the two psychological talks"
ok "other talks keep their content" grep -q '询问了宿舍生活' "$T/out"
ok "a multi-line content stays on its line" grep -q '错题本.*他说会试着用起来' "$T/out"
psych=$(grep "$(printf '学习、心理\t')" "$T/out" | cut -f1)
ok "the psychological talk has a REF" test -n "$psych"
bf --role member list talks
ok "a member's list is masked too" sh -c "! grep -q '$secret_talk' '$T/out'"
bf --role counsellor list talks
ok "a counsellor's list has the content" grep -q "$secret_talk" "$T/out"
bf show talk "$psych"
is "$rc" 0 "show talk exits 0"
is "$(grep "^内容$TAB" "$T/out")" "内容${TAB}[仅辅导员可见]" "show masks the content for a secretary"
is "$(grep "^主题$TAB" "$T/out")" "主题${TAB}学习、心理" "the topics still show"
bf --role counsellor --lang en show talk "$psych"
ok "a counsellor's show has it, in English field names" grep -q "^content$TAB.*$secret_talk" "$T/out"
refused "a secretary may not overwrite a psychological note" 1 edit talk "$psych" 内容=改写
bf --role counsellor edit target 2023030106 困难情况=考试前失眠SIT
is "$rc" 0 "a counsellor records a 心理困难 student's situation"
bf show target 2023030106
is "$(grep "^困难情况$TAB" "$T/out" | cut -f2)" "[仅辅导员可见]" "a secretary's show masks the situation"
bf list targets
ok "so does her list" sh -c "! grep -q SIT '$T/out'"
bf --role counsellor show target 2023030106
is "$(grep "^困难情况$TAB" "$T/out" | cut -f2)" "考试前失眠SIT" "a counsellor's show has it"

# ---- show
bf show student 2023030105
is "$rc" 0 "show student exits 0"
is "$(head -n 2 "$T/out" | tr '\t\n' ':;')" "学号:2023030105;姓名:王磊;" "FIELD<TAB>VALUE lines"
bf --lang en show pairing "$p4"
is "$(grep "^reason$TAB" "$T/out" | cut -f2)" "计算机学院党员人数不足，由相近专业党员帮扶" "show pairing: the reason"
is "$(grep "^member_no$TAB" "$T/out" | cut -f2)" "2021010201" "the member by number"
short=$(echo "$p4" | cut -c1-20)
bf show pairing "$short"
is "$rc" 0 "a longer unique prefix is a REF too"
upper=$(echo "$p4" | tr a-f A-F)
bf show pairing "$upper"
is "$rc" 0 "in capitals too"
bf show college 机械工程学院
is "$(grep "^名称$TAB" "$T/out" | cut -f2)" "机械工程学院" "a college by its name"
bf show semester 2025-2026-2
is "$(grep "^开始日期$TAB" "$T/out" | cut -f2)" "2026-02-01" "a semester by its code"
bf show students 2023030105
is "$rc" 0 "the plural kind is accepted"

prefix8=$(echo "$p1" | cut -c1-8)
bf --lang en show pairing "$prefix8"
is "$rc" 1 "an ambiguous REF is exit 1 (pairings made together share their first digits)"
ok "it says ambiguous" grep -q "ambiguous" "$T/err"
ok "it names the REF" grep -q "$prefix8" "$T/err"
bf --lang en show pairing 01a2
is "$rc" 1 "a REF of fewer than 8 digits is exit 1"
ok "it says too short" grep -q "too short" "$T/err"
bf --lang en show student 2099999999
is "$rc" 1 "an unknown REF is exit 1"
ok "it names it" grep -q 2099999999 "$T/err"
bf show student
is "$rc" 2 "show without a REF is a usage error"

# ---- edit
dump "$T/d0"
bf edit student 2023030105 姓名=王雷 class=计科2302
is "$rc" 0 "edit by Chinese and English names exits 0"
ok "it says what changed" grep -q "姓名: 王磊 → 王雷" "$T/out"
bf show student 2023030105
is "$(grep "^姓名$TAB\|^班级$TAB" "$T/out" | cut -f2 | tr '\n' ' ')" "王雷 计科2302 " "show has the new values"
dump "$T/d1"
is "$(diff "$T/d0" "$T/d1" | grep '^>' | grep -vc '"type": *"audit"')" 1 "the one record changed in the dump"
ok "and the change is audited" sh -c "diff '$T/d0' '$T/d1' | grep '^>' | grep -q '\"op\": *\"u\"'"
bf edit student 2023030105 性别=female
bf show student 2023030105
is "$(grep "^性别$TAB" "$T/out" | cut -f2)" "女" "a value's English synonym is stored in Chinese"
bf edit aid "$(bf list aid; sed -n 2p "$T/out" | cut -f1)" 金额=￥90.5
is "$rc" 0 "money as a CSV cell has it"
bf list aid
ok "the amount is changed" grep -q "${TAB}90.50${TAB}" "$T/out"
bf edit target 2023030105 帮扶类型=学业、经济 困难等级=特困
is "$rc" 0 "kinds joined by 、 and a tier by a synonym"
bf show target 2023030105
is "$(grep "^帮扶类型$TAB\|^困难等级$TAB" "$T/out" | cut -f2 | tr '\n' ' ')" "学业困难、经济困难 特别困难 " "stored canonical"
bf edit member 2022030101 党支部=计算机学院第一党支部
is "$rc" 0 "a member's branch"
bf edit student 2023030105 姓名=王雷
is "$rc" 0 "an edit that changes nothing exits 0"
dump "$T/d2"
bf edit student 2023030105 姓名=王雷
dump "$T/d3"
ok "and writes nothing" cmp -s "$T/d2" "$T/d3"

refused "an unknown field" 1 --lang en edit student 2023030105 宿舍=12号楼
ok "the message names the field" grep -q "宿舍" "$T/err"
ok "and lists the fields" grep -q "student_no, name, gender" "$T/err"
refused "a bad date" 1 edit pairing "$p1" 结束日期=2026-02-30
ok "the message names the field" grep -q "结束日期" "$T/err"
refused "a bad choice" 1 edit student 2023030105 政治面貌=少先队员
ok "the message names the field and the choices" grep -q "政治面貌.*中共党员" "$T/err"
refused "a broken rule: the end before the start" 1 edit pairing "$p1" 结束日期=2026-01-01
ok "the reason names the field as the CSV does" grep -q "结束日期" "$T/err"
refused "a broken rule: the member is no party member" 1 edit pairing "$p1" 党员学号=2024010103
refused "a student number taken by another" 1 edit student 2023030105 学号=2022030101
refused "an unknown student number as a value" 1 edit pairing "$p1" 党员学号=2099999999
refused "a field that follows from others" 1 edit target 2023030105 学号=2022030101
refused "a bad amount" 1 edit aid "$(bf list aid; sed -n 2p "$T/out" | cut -f1)" 金额=12.345
refused "an ambiguous REF" 1 edit pairing "$prefix8" 备注=x
refused "an unknown REF" 1 edit student 2099999999 姓名=某
refused "FIELD=VALUE missing its =" 2 edit student 2023030105 姓名
refused "two bad fields: the first stops it, neither is written" 1 edit student 2023030105 姓名=王五 性别=中

# a stale revision: someone changed the record since the one shown
rev=$(grep '"student_no": *"2023030105"' "$T/d3" | sed 's/.*"rev": *\([0-9]*\).*/\1/')
ok "the student's revision is in the dump" test -n "$rev"
refused "an edit from a stale revision" 3 edit student 2023030105 --rev $((rev - 1)) 姓名=王五
ok "it says someone else changed it" grep -q "他人修改" "$T/err"
bf edit student 2023030105 --rev "$rev" 姓名=王五
is "$rc" 0 "an edit from the current revision goes through"
refused "the same revision again is stale now" 3 edit student 2023030105 --rev "$rev" 姓名=王六

bf check
is "$rc" 0 "the database is sound after the edits"

done_testing
