#!/bin/sh
# delete, undelete, pairing end and semester start from the command line:
# exit 0 done (naming the record), 1 refused with the reason and export
# dump unchanged; a tombstone leaves list for list --deleted; an ended
# pairing carries no more; one that runs on belongs to both semesters.
. "$top_srcdir/tests/lib.sh"

bf init
bf semester start 2025-2026-2   # an import makes no semester
for k in students counsellors pairings talks aid; do
	bf import $k "$DATA/$k.csv"
	is "$rc" 0 "import $k"
done
TAB=$(printf '\t')

dump() {
	"$BANGFU" --db "$DB" --role counsellor export dump >"$1" 2>/dev/null
}
refused() {
	desc=$1 want=$2
	shift 2
	dump "$T/before"
	bf "$@"
	is "$rc" "$want" "$desc: exit $want"
	dump "$T/after"
	ok "$desc: export dump is unchanged" cmp -s "$T/before" "$T/after"
}
# ref_of KIND PATTERN: the REF of the first line of list KIND matching PATTERN.
ref_of() {
	"$BANGFU" --db "$DB" --role counsellor list "$1" | grep -- "$2" | head -n 1 | cut -f1
}

# ---- delete and undelete
talk=$(ref_of talks '询问了宿舍生活')
ok "the talk to correct has a REF" test -n "$talk"
bf delete talk "$talk"
is "$rc" 0 "delete talk exits 0"
ok "it names what was deleted, and its REF" grep -q "区一诺.*$talk" "$T/out"
bf list talks
ok "the talk has left the list" sh -c "! grep -q '^$talk' '$T/out'"
bf list talks --deleted
ok "list --deleted has it" grep -q "^$talk$TAB" "$T/out"
is "$(tail -n +2 "$T/out" | wc -l)" 1 "and nothing else"
bf show talk "$talk"
is "$rc" 1 "show of a deleted record is exit 1"
refused "a deleted talk cannot be deleted again" 1 delete talk "$talk"
bf undelete talk "$talk"
is "$rc" 0 "undelete exits 0"
ok "it names what came back" grep -q "$talk" "$T/out"
bf list talks
ok "the talk is back in the list" grep -q "^$talk$TAB" "$T/out"
refused "undelete of a live record" 1 undelete talk "$talk"

refused "a student with pairings is not deleted" 1 delete student 2023030105
ok "the reason is given" test -s "$T/err"
p1=$(ref_of pairings "${TAB}2022030101${TAB}2023030105${TAB}")
refused "a pairing with talks is not deleted" 1 delete pairing "$p1"
refused "an ambiguous REF deletes nothing" 1 delete pairing "$(echo "$p1" | cut -c1-8)"
refused "an unknown REF deletes nothing" 1 delete student 2099999999
bf delete student 2024010103
is "$rc" 0 "a student without pairings, talks or aid is deleted"
bf list students
ok "the student has left the list" sh -c "! grep -q '^2024010103' '$T/out'"
bf list students --deleted
ok "a deleted student keeps the number as REF" grep -q "^2024010103$TAB" "$T/out"
bf undelete student 2024010103
is "$rc" 0 "undelete by the student's number"
bf delete 学生 2024010103
is "$rc" 2 "an unknown kind is a usage error"

# ---- pairing end
p2=$(ref_of pairings "${TAB}2022030102${TAB}2023030106${TAB}")
refused "pairing end without --outcome" 2 pairing end "$p2" --date 2026-05-15
refused "pairing end with a bad date" 1 pairing end "$p2" --date 2026-02-30 --outcome 目标达成
refused "pairing end with an unknown outcome" 1 pairing end "$p2" --date 2026-05-15 --outcome 成功了
refused "pairing end before the start" 1 pairing end "$p2" --date 2026-01-01 --outcome 目标达成
refused "pairing end of an unknown pairing" 1 pairing end 0123456789ab --date 2026-05-15 --outcome 目标达成
bf pairing end "$p2" --date 2026-05-15 --outcome goal_reached --note 成绩明显提高 --assessment better
is "$rc" 0 "pairing end exits 0 (outcome and assessment by English synonyms)"
ok "it names the pairing" grep -q "$p2" "$T/out"
bf show pairing "$p2"
is "$(grep "^结束日期$TAB\|^结束原因$TAB\|^结束说明$TAB\|^成效评价$TAB" "$T/out" | cut -f2 | tr '\n' ' ')" \
	"2026-05-15 目标达成 成绩明显提高 有所好转 " "the ending is recorded"

# ---- semester start and a pairing in two semesters
refused "semester start with a bad date" 1 semester start 2026-2027-1 --start 2026-09-31
refused "semester start of no semester" 1 semester start 2026-2027-9
bf semester start 2026-2027-1
is "$rc" 0 "semester start exits 0"
ok "it names the semester" grep -q "2026-2027-1" "$T/out"
ok "the pairing that runs on carries over" grep -q "^$p1$TAB.*2022030101.*2023030105" "$T/out"
ok "with its start" grep -q "^$p1$TAB.*${TAB}2026-03-01\$" "$T/out"
ok "the ended one does not" sh -c "! grep -q '^$p2' '$T/out'"
bf list pairings --semester 2026-2027-1
ok "the running pairing is in the new semester" grep -q "^$p1$TAB" "$T/out"
ok "the ended one is not" sh -c "! grep -q '^$p2' '$T/out'"
bf list pairings --semester 2025-2026-2
ok "the running pairing is in its first semester too" grep -q "^$p1$TAB" "$T/out"
ok "so is the ended one" grep -q "^$p2$TAB" "$T/out"
bf list talks --semester 2026-2027-1
ok "--semester keeps the talks of its pairings" grep -q "2022030101" "$T/out"
ok "not those of the ended pairing" sh -c "! grep -q '${TAB}2022030102${TAB}' '$T/out'"
bf semester start 2026-2027-1 --summary-due 2027-01-15
is "$rc" 0 "semester start again changes a date"
bf show semester 2026-2027-1
is "$(grep "^总结截止日期$TAB" "$T/out" | cut -f2)" "2027-01-15" "the new due date"

# once today is past the current semester's end, the status says what to start
(BANGFU_TODAY=2027-02-03; export BANGFU_TODAY; bf)
ok "the status offers the next semester" grep -q "semester start 2026-2027-2" "$T/out"
(BANGFU_TODAY=2026-12-01; export BANGFU_TODAY; bf)
ok "not within the semester" sh -c "! grep -q 'semester start' '$T/out'"

bf check
is "$rc" 0 "the database is sound"

done_testing
