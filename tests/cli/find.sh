#!/bin/sh
# find: by student number prefix, name substring, pinyin (full or initials);
# one line per student: number, name, college, class, separated by tabs.
. "$top_srcdir/tests/lib.sh"

cat >"$T/students.csv" <<'CSV'
学号,姓名,性别,学院,班级,政治面貌
2023010101,单雄信,男,计算机学院,计科2301班,共青团员
2023010102,张三丰,男,计算机学院,计科2301班,中共党员
2023010203,李小龙,男,计算机学院,软件2302班,共青团员
2024020101,王单单,女,外国语学院,英语2401班,群众
2024020102,曾子墨,女,外国语学院,英语2401班,中共预备党员
2022030101,欧阳娜娜,女,数学学院,数学2201班,共青团员
2025040101,𠮷祥,男,数学学院,数学2501班,群众
2025040102,冯军祥,男,数学学院,数学2501班,群众
CSV
bf import students "$T/students.csv"
is "$rc" 0 "the students are imported"

T1=$(printf '\t')
# finds TEXT EXPECTED DESCRIPTION: the numbers found, in order, space-joined.
finds() {
	bf find "$1"
	is "$rc" 0 "find $1 exits 0 ($3)"
	is "$(cut -f1 "$T/out" | tr '\n' ' ' | sed 's/ $//')" "$2" "find $1: $3"
}

finds 2023 "2023010101 2023010102 2023010203" "a number prefix, in number order"
finds 20230101 "2023010101 2023010102" "a longer number prefix"
finds 2023010203 "2023010203" "a whole number"
finds 雄信 "2023010101" "a name substring"
finds 张三丰 "2023010102" "a whole name"
finds 欧阳 "2022030101" "a two-character surname"
finds zhangsanfeng "2023010102" "full pinyin"
finds ZhangSanFeng "2023010102" "pinyin in any case"
finds zsf "2023010102" "pinyin initials"
finds shanxiongxin "2023010101" "单 as a surname reads shan"
finds sxx "2023010101" "单 as a surname, initials s"
finds zengzimo "2024020102" "曾 as a surname reads zeng"
finds ouyangnana "2022030101" "full pinyin of a four-character name"
finds 单 "2023010101 2024020101" "a character anywhere in the name"
# 𠮷 (U+20BB7, CJK extension B) has no reading of its own: it is read, and
# found, as 吉 (Unihan: a variant of it).
finds jixiang "2025040101" "a name with an extension B character, full pinyin"
finds jx "2025040101 2025040102" "initials find the extension B name too"
finds 吉祥 "2025040101" "吉 finds its variant 𠮷"
finds 𠮷祥 "2025040101" "the extension B character itself"
finds nobodyhere "" "no match prints nothing"
finds 1999 "" "no number match prints nothing"

bf find 2023010203
is "$(cat "$T/out")" "2023010203${T1}李小龙${T1}计算机学院${T1}软件2302班" \
	"the line is number, name, college and class separated by tabs"
is "$(wc -l <"$T/out" | tr -d ' ')" 1 "one line per student"
ok "a search prints nothing on stderr" test ! -s "$T/err"
bf find 王单单
is "$(awk -F '\t' '{ print NF }' "$T/out")" 4 "every line has four fields"

# The output is the same in either language.
bf --lang en find 2023
en=$(cat "$T/out")
bf --lang zh find 2023
is "$(cat "$T/out")" "$en" "find prints the same in Chinese and English"

done_testing
