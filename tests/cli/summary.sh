#!/bin/sh
# bangfu report summary: the semester summary's draft. Its numbers are read
# back out of the text and compared with counts made here, independently,
# from `bangfu export dump` (awk over the JSON lines); no assisted student's
# full name, number or phone appears; no talk about 心理 is quoted; no ASCII
# quote and no sentence on a figure of 0; the counts (字数 and 汉字) are
# stated beside the text, never in it, and what is missing under 1000; a past
# semester is counted at its end. Then save and final (refused under 1000 字).
. "$top_srcdir/tests/lib.sh"
BANGFU_FORMS="$top_srcdir/forms"
export BANGFU_FORMS
SEM=2025-2026-2

# num PATTERN — the number in the draft ($T/draft) where PATTERN has N.
num() {
	pat=$(printf '%s' "$1" | sed 's/N/\\([0-9.]*\\)/')
	sed -n "s/.*$pat.*/\\1/p" "$T/draft" | head -n 1
}

# oracle COLLEGE — counts from the dump, as key=value lines.
oracle() {
	"$BANGFU" --db "$DB" export dump >"$T/dump"
	awk -v COL="$1" -v SEM="$SEM" -v TODAY="$BANGFU_TODAY" '
	function f(name,   m) {
		if (!match($0, "\"" name "\":(\"[^\"]*\"|-?[0-9]+)")) return ""
		m = substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 3)
		gsub(/"/, "", m)
		return m
	}
	function day(s,   y, m, d) {   # days from civil (Howard Hinnant)
		y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
		if (m <= 2) y--
		era = int(y / 400); yoe = y - era * 400
		doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
		doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
		return era * 146097 + doe
	}
	{ t = f("type") }
	t == "college" { cname[f("id")] = f("name"); if (f("name") == COL) { cid = f("id"); od = f("overdue_days") + 0 } }
	t == "semester" && f("code") == SEM { sid = f("id"); s0 = f("start"); s1 = f("end") }
	t == "student" { scol[f("id")] = f("college_id") }
	t == "target" { kinds[f("student_id")] = f("kinds") + 0 }
	t == "pairing" { pc[f("id")] = f("college_id"); ps[f("id")] = f("semester_id")
		pm[f("id")] = f("member_id"); pt[f("id")] = f("target_id")
		pstart[f("id")] = f("start"); pend[f("id")] = f("end") }
	t == "talk" { n++; tp[n] = f("pairing_id"); tt[n] = f("target_id"); tm[n] = f("member_id")
		tc[n] = f("counsellor_id"); td[n] = f("date"); tmin[n] = f("minutes") + 0
		tmode[n] = f("mode"); ttop[n] = f("topics") + 0 }
	t == "aid" { na++; ap[na] = f("pairing_id"); ad[na] = f("date"); ak[na] = f("kind"); aa[na] = f("amount_fen") + 0 }
	END {
		if (od == 0) od = 14
		# what is counted now is counted at the end of a past semester
		ASOF = TODAY > s1 ? s1 : TODAY
		# a pairing belongs to every semester whose days it overlaps
		for (p in pc) if (pc[p] == cid && pstart[p] <= s1 && (pend[p] == "" || pend[p] >= s0)) {
			in_set[p] = 1; pairings++
			if (!(pm[p] in mem)) { mem[pm[p]] = 1; members++ }
			if (!(pt[p] in tgt)) { tgt[pt[p]] = 1; targets++
				k = kinds[pt[p]]
				if (k % 2 == 1) acad++
				if (int(k / 2) % 2 == 1) fin++
				if (int(k / 4) % 2 == 1) psy++
			}
			if (scol[pt[p]] != cid) cross++
		}
		for (i = 1; i <= n; i++) {
			if (tp[i] in in_set && td[i] <= ASOF && (last[tp[i]] == "" || td[i] > last[tp[i]])) last[tp[i]] = td[i]
			if (td[i] < s0 || td[i] > s1) continue
			if (tp[i] in in_set && tm[i] != "") {
				talks++; minutes += tmin[i]; talked[tp[i]] = 1
				if (ttop[i] % 2 == 1) study++
				if (int(ttop[i] / 2) % 2 == 1) life++
				if (int(ttop[i] / 4) % 2 == 1) thought++
				if (int(ttop[i] / 8) % 2 == 1) psych++
				if (tmode[i] == "面谈") face++
				else if (tmode[i] == "电话") phone++
				else if (tmode[i] == "线上") online++
			}
			if (tc[i] != "" && tt[i] in tgt) { ctalks++; cmin += tmin[i] }
		}
		for (p in talked) ptalked++
		for (i = 1; i <= na; i++) if (ap[i] in in_set && ad[i] >= s0 && ad[i] <= s1) {
			aidn++; aidfen += aa[i]
		}
		for (p in in_set) {
			if (pstart[p] > ASOF || (pend[p] != "" && pend[p] <= ASOF)) continue
			since = day(ASOF) - day(last[p] != "" ? last[p] : pstart[p])
			if (since > od) overdue++
		}
		printf "pairings=%d\nmembers=%d\ntargets=%d\nacad=%d\nfin=%d\npsy=%d\ncross=%d\n", pairings, members, targets, acad, fin, psy, cross
		printf "talks=%d\nminutes=%d\nstudy=%d\nlife=%d\nthought=%d\npsych=%d\n", talks, minutes, study, life, thought, psych
		printf "face=%d\nphone=%d\nonline=%d\nctalks=%d\ncmin=%d\nptalked=%d\n", face, phone, online, ctalks, cmin, ptalked
		printf "aidn=%d\naid=%d.%02d\noverdue=%d\nod=%d\n", aidn, int(aidfen / 100), aidfen % 100, overdue, od
	}' "$T/dump" >"$T/oracle"
}
o() { sed -n "s/^$1=//p" "$T/oracle"; }

# check_numbers COLLEGE — every number of the draft against the oracle.
check_numbers() {
	c=$1
	oracle "$c"
	is "$(num '共组织结对帮扶N对')" "$(o pairings)" "$c: pairings"
	is "$(num '参与结对的学生党员N名')" "$(o members)" "$c: party members"
	is "$(num '帮扶对象N名')" "$(o targets)" "$c: assisted students"
	# a figure of 0 makes no sentence: an absent one is 0
	v=$(num '学习成绩较差的学生N名'); is "${v:-0}" "$(o acad)" "$c: academic difficulty"
	v=$(num '家庭经济困难的学生N名'); is "${v:-0}" "$(o fin)" "$c: financial hardship"
	v=$(num '心理困难及其他问题的学生N名'); is "${v:-0}" "$(o psy)" "$c: psychological difficulty"
	cross=$(num '跨学院结对的有N对')
	is "${cross:-0}" "$(o cross)" "$c: cross-college pairings"
	is "$(num '共开展谈心谈话N次')" "$(o talks)" "$c: members' talks"
	is "$(num '累计N分钟（约')" "$(o minutes)" "$c: minutes"
	v=$(num '涉及学习的N次'); is "${v:-0}" "$(o study)" "$c: talks about study"
	v=$(num '涉及生活的N次'); is "${v:-0}" "$(o life)" "$c: talks about life"
	v=$(num '涉及思想的N次'); is "${v:-0}" "$(o thought)" "$c: talks about thinking"
	v=$(num '涉及心理的N次'); is "${v:-0}" "$(o psych)" "$c: talks about 心理 (counted, never quoted)"
	v=$(num '当面谈心N次'); is "${v:-0}" "$(o face)" "$c: face to face"
	v=$(num '电话沟通N次'); is "${v:-0}" "$(o phone)" "$c: by phone"
	v=$(num '线上交流N次'); is "${v:-0}" "$(o online)" "$c: online"
	v=$(num '另与帮扶对象开展谈心谈话N次'); is "${v:-0}" "$(o ctalks)" "$c: counsellors' talks, counted apart"
	v=$(num '次、累计N分钟，这部分'); is "${v:-0}" "$(o cmin)" "$c: counsellors' minutes"
	is "$(num '对结对中有N对开展了谈心谈话')" "$(o ptalked)" "$c: pairings with a talk"
	aidn=$(num '提供物质帮助N次')
	is "${aidn:-0}" "$(o aidn)" "$c: aid given"
	if [ "$(o aidn)" -gt 0 ]; then
		is "$(num '合计N元')" "$(o aid)" "$c: aid in yuan"
	fi
	over=$(num '仍有N对结对超过')
	is "${over:-0}" "$(o overdue)" "$c: overdue pairings"
	v=$(num '超过N天未'); [ -n "$v" ] || v=$(num 'N天内')
	is "$v" "$(o od)" "$c: the college's overdue setting"
	check_typography "$c"
}

# check_typography COLLEGE — Chinese quotes and no sentence on a figure of 0.
check_typography() {
	ok "$1: no ASCII quote in the draft" sh -c "! grep -q '\"' '$T/draft'"
	zero=$(grep -oE '(^|[^0-9.])0(次|对|名|分钟|%|元)' "$T/draft" | head -n 3 | tr '\n' ' ')
	is "$zero" "" "$1: no sentence stands on a figure of 0"
	ok "$1: the title quotes “一对一”" grep -q '学生党员“一对一”结对帮扶工作总结$' "$T/draft"
	ok "$1: no count inside the text" sh -c "! grep -q '本稿正文共' '$T/draft'"
}

# ---- the fixtures: a thin college --------------------------------------
CS=计算机科学与技术学院
bf init --semester $SEM
for f in students counsellors pairings talks aid; do
	bf import $f "$DATA/$f.csv"
done
# A talk that names the student, his number and phone, and her given name;
# a talk about 心理 with a student who is not of the kind 心理困难.
cat >"$T/talk.csv" <<'EOF'
党员学号,帮扶对象学号,日期,时长,方式,主题,内容,辅导员工号
2022030101,2023030105,2026-05-01,50,面谈,学习,王磊说电话13800000003不常用，学号2023030105，晓雯也在,
2022030101,2023030105,2026-04-10,30,面谈,心理,约好了心理咨询预约的细节,
EOF
bf import talks "$T/talk.csv"
is "$rc" 0 "the fixtures import"

bf report summary --college $CS --semester $SEM
is "$rc" 0 "the draft of a thin college is written"
cp "$T/out" "$T/draft"
check_numbers $CS
for part in 一、基本情况 二、主要做法 三、取得成效 四、典型事例 五、存在问题 六、下一步打算; do
	ok "part $part" grep -q "^$part\$" "$T/draft"
done
ok "the case names the student as 王同学" grep -q '事例一：王同学（学业困难）' "$T/draft"
ok "quoted content keeps its words" grep -q '一起制定了高等数学的复习计划' "$T/draft"
ok "quoted content has the name, number and phone scrubbed" \
	grep -q '王同学说电话\*\*不常用，学号\*\*，单同学也在' "$T/draft"
for s in 王磊 单晓雯 曾浩然 区一诺 2023030105 2023030106 2024030201 2023010102 \
	13800000003 13800000004 13800000005 13900000002 晓雯; do
	ok "no assisted student's name, number or phone: $s" sh -c "! grep -q '$s' '$T/draft'"
done
ok "a talk about 心理 is never quoted (学习;心理 talk)" sh -c "! grep -q '情绪比上次稳定' '$T/draft'"
ok "a talk about 心理 of a 学业困难 student is never quoted" sh -c "! grep -q '心理咨询' '$T/draft'"
ok "a counsellor's 心理 talk is never quoted" sh -c "! grep -q '关注心理状态' '$T/draft'"
n=$(sed -n 's/^字数 \([0-9]*\)，汉字 \([0-9]*\).*/\1/p' "$T/err")
han=$(sed -n 's/^字数 \([0-9]*\)，汉字 \([0-9]*\).*/\2/p' "$T/err")
ok "the message (stderr) states the 字数 ($n)" test -n "$n"
ok "and the Han characters alone ($han)" test -n "$han"
hz=$(grep -oP '[\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}]' "$T/draft" | wc -l)
is "$han" "$hz" "汉字 counts the Han characters of the draft"
ok "a thin college's draft is under 1000 字" test "${n:-1000}" -lt 1000
miss=$(sed -n 's/.*还差 \([0-9]*\) 字.*/\1/p' "$T/err")
is "$miss" "$((1000 - ${n:-0}))" "it says how many 字 are missing"
ok "the draft ends with the last part, not a count" sh -c "tail -n 1 '$T/draft' | grep -q '^一是'"

# Markdown: headings kept; the same count.
bf report summary --college $CS --semester $SEM --format md -o "$T/s.md"
is "$rc" 0 "Markdown written to a file"
ok "Markdown title heading" grep -q "^# ${CS}2025-2026学年第二学期学生党员“一对一”结对帮扶工作总结\$" "$T/s.md"
ok "Markdown part headings" grep -q '^## 四、典型事例$' "$T/s.md"
ok "the message names the file with the same counts" grep -q "已写入 .*s.md（字数 ${n}，汉字 ${han}" "$T/out"
ok "Markdown holds no count" sh -c "! grep -q '字数\|本稿正文共' '$T/s.md'"
is "$(stat -c %a "$T/s.md")" 600 "the file is readable by its owner only"

# The machine-building college: one pairing across colleges.
ME=机械工程学院
bf report summary --college $ME --semester $SEM
cp "$T/out" "$T/draft"
check_numbers $ME
ok "a student with the kind 心理困难 is not made a case (区一诺)" sh -c "! grep -q '区同学' '$T/draft'"

# ---- save and final ---------------------------------------------------
bf report save --college $CS --semester $SEM "$T/draft"
is "$rc" 0 "the (edited) draft is stored"
bf report final --college $CS --semester $SEM
is "$rc" 1 "marking a summary under 1000 字 final is refused"
ok "the refusal says 1000 and how many are missing" grep -q '1000.*missing\|1000.*缺\|1000.*差' "$T/err"
bf --lang en stats
ok "stats: no summary is final" grep -q 'final for 0 of 2 colleges' "$T/out"

# ---- what does not exist: bad input (exit 1), with a message ------------
# (a lookup that finds nothing is never an exit status of its own)
bf --lang en report summary --college 不存在 --semester $SEM
is "$rc" 1 "the summary of an unknown college is bad input"
ok "it says there is no college called 不存在" grep -q 'no college called 不存在' "$T/err"
bf --lang en report summary --college $CS --semester 2030-2031-1
is "$rc" 1 "the summary of an unknown semester is bad input"
ok "it names the semester" grep -q 'no semester 2030-2031-1' "$T/err"
bf --lang en report save --college 不存在 --semester $SEM "$T/draft"
is "$rc" 1 "saving the summary of an unknown college is bad input"
ok "saving says there is no college called 不存在" grep -q 'no college called 不存在' "$T/err"
bf --lang en report final --college $ME --semester $SEM
is "$rc" 1 "marking final a summary never saved is bad input"
ok "it says none is stored yet" grep -q "no summary stored for $ME $SEM yet" "$T/err"
bf --lang en report overdue --college 不存在
is "$rc" 1 "the overdue pairings of an unknown college: bad input"
ok "overdue says there is no college called 不存在" grep -q 'no college called 不存在' "$T/err"

# ---- a real college: the demo ------------------------------------------
DB="$T/demo"
bf demo --students 2000 --talks 10000
is "$rc" 0 "demo data"
cols=$("$BANGFU" --db "$DB" export dump | sed -n 's/^{"type":"college".*"name":"\([^"]*\)".*/\1/p')
reached=0
total=0
for c in $cols; do
	total=$((total + 1))
	"$BANGFU" --db "$DB" report summary --college "$c" --semester $SEM >"$T/d" 2>"$T/e" &&
	z=$(sed -n 's/^字数 \([0-9]*\)，汉字 [0-9]*$/\1/p' "$T/e") &&
	[ -n "$z" ] && [ "$z" -ge 1000 ] && reached=$((reached + 1))
done
is "$reached" "$total" "every demo college's draft reaches 1000 字 ($reached of $total)"
c=$(echo "$cols" | head -n 1)
bf report summary --college "$c" --semester $SEM
cp "$T/out" "$T/draft"
cp "$T/err" "$T/draft.err"
check_numbers "$c"
ok "$c: a typical case" grep -q '^事例一：' "$T/draft"
today_cn=$(date -d "$BANGFU_TODAY" +%Y年%-m月%-d日)
ok "$c: the current semester is counted at today ($today_cn)" grep -q "截至$today_cn" "$T/draft"

# A past semester: today in the next one; counted at the semester's end.
cp "$T/draft" "$T/draft-current"
cp "$T/draft.err" "$T/draft-current.err"
save_today=$BANGFU_TODAY
BANGFU_TODAY=2026-09-20; export BANGFU_TODAY
bf report summary --college "$c" --semester $SEM
cp "$T/out" "$T/draft"
check_numbers "$c"
ok "$c, past: counted at the semester's end" grep -q '截至学期末（2026年7月31日）' "$T/draft"
ok "$c, past: no date of today" sh -c "! grep -q '2026年9月20日' '$T/draft'"
ok "$c, past: never counted at today" sh -c "! grep -qE '截至2026年(9|5)月' '$T/draft'"
BANGFU_TODAY=$save_today; export BANGFU_TODAY
cp "$T/draft-current" "$T/draft"
cp "$T/draft-current.err" "$T/draft.err"
# No assisted student of the college by full name, number or phone.
awk -v COL="$c" '
	/"type":"college"/ && index($0, "\"name\":\"" COL "\"") { match($0, /"id":"[0-9a-f]*"/); cid = substr($0, RSTART + 6, 32) }
	/"type":"target"/ { match($0, /"student_id":"[0-9a-f]*"/); tg[substr($0, RSTART + 14, 32)] = 1 }
	/"type":"student"/ { match($0, /"id":"[0-9a-f]*"/); id = substr($0, RSTART + 6, 32)
		line[id] = $0 }
	END { for (id in tg) { s = line[id]
		for (k = 1; k <= 3; k++) { key = k == 1 ? "name" : k == 2 ? "student_no" : "phone"
			if (match(s, "\"" key "\":\"[^\"]*\"")) print substr(s, RSTART + length(key) + 4, RLENGTH - length(key) - 5) } } }
' "$T/dump" | sort -u >"$T/secrets"
leaks=$(grep -F -f "$T/secrets" -o "$T/draft" | head -n 3 | tr '\n' ' ')
is "$leaks" "" "$c: no assisted student's full name, number or phone ($(wc -l <"$T/secrets") checked)"
# Phrases only talks about 心理 contain never appear.
awk '/"type":"talk"/ { match($0, /"topics":[0-9]+/); t = substr($0, RSTART + 9, RLENGTH - 9) + 0
	if (!match($0, /"content":"[^"]*"/)) next
	s = substr($0, RSTART + 11, RLENGTH - 12); n = split(s, p, /；|。|，/)
	for (i = 1; i <= n; i++) if (length(p[i]) > 12) { if (int(t / 8) % 2) psy[p[i]] = 1; else other[p[i]] = 1 } }
	END { for (x in psy) if (!(x in other)) print x }' "$T/dump" >"$T/psych"
ok "some phrases belong to 心理 talks only ($(wc -l <"$T/psych"))" test -s "$T/psych"
leaks=$(grep -F -f "$T/psych" -o "$T/draft" | head -n 3 | tr '\n' ' ')
is "$leaks" "" "$c: no phrase of a talk about 心理 is quoted"

bf --lang en report save --college "$c" --semester $SEM "$T/draft"
is "$rc" 0 "a demo college's draft is stored"
n=$(sed -n 's/^字数 \([0-9]*\)，.*/\1/p' "$T/draft.err")
ok "the stored text is the draft as it is ($n 字)" grep -q "Saved the summary of $c $SEM ($n characters)" "$T/out"
# An old draft that still ends with its count line is taken without it.
{ cat "$T/draft"; echo; echo "（本稿正文共${n}字）"; } >"$T/old-draft"
bf --lang en report save --college "$c" --semester $SEM "$T/old-draft"
ok "an old draft's count line is left out ($n 字)" grep -q "Saved the summary of $c $SEM ($n characters)" "$T/out"
bf report final --college "$c" --semester $SEM
is "$rc" 0 "and, at 1000 字 or more, marked final"
ok "the message says final" grep -q "final\|定稿" "$T/out"
bf export dump; cp "$T/out" "$T/before-final-save"
bf report save --college "$c" --semester $SEM "$T/talk.csv"
is "$rc" 1 "a final summary's text cannot be replaced"
ok "the message says it is final and how to reopen it" grep -q "定稿.*重新打开" "$T/err"
bf export dump; cp "$T/out" "$T/after-final-save"
ok "the database is as before" cmp -s "$T/before-final-save" "$T/after-final-save"
bf report reopen --college "$c" --semester $SEM
is "$rc" 0 "a final summary can be reopened"
ok "the message says it is open again" grep -q "重新打开\|再次" "$T/out"
bf report reopen --college "$c" --semester $SEM
is "$rc" 1 "reopening a draft is refused: there is nothing to reopen"
bf report save --college "$c" --semester $SEM "$T/talk.csv"
is "$rc" 0 "a reopened summary takes a new text"
bf report final --college "$c" --semester $SEM
is "$rc" 1 "a short text saved over it cannot be final"

done_testing
