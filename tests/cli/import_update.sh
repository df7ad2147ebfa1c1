#!/bin/sh
# import students --update: a corrected roster changes the columns it has,
# --dry-run lists every change and writes nothing, a rule break or a bad row
# is refused with FILE:LINE: field and writes nothing; and the pairings file
# as 附件1 has it (the cross-college reason in 备注).
. "$top_srcdir/tests/lib.sh"

dump() {
	bf export dump
	cp "$T/out" "$1"
}

bf init
bf import students "$DATA/students.csv"
is "$rc" 0 "students.csv imported"

# ---- without --update an existing number stays an error, naming --update
dump "$T/before.dump"
bf --lang en import students "$DATA/students-update.csv"
is "$rc" 1 "an existing student without --update: exit 1"
ok "the message says --update updates existing students" \
	grep -qF "$DATA/students-update.csv:2: student_no: student 2023030105 is already in the database (import only adds new students; --update updates existing ones)" "$T/err"
dump "$T/after.dump"
ok "nothing was written" cmp -s "$T/before.dump" "$T/after.dump"

# ---- --dry-run: every change, nothing written
bf import students "$DATA/students-update.csv" --update --dry-run
is "$rc" 0 "--update --dry-run exits 0"
ok "the class change is listed (Chinese header name)" grep -qxF '2023030105 班级: 计科2301 → 计科2302' "$T/out"
ok "the phone change is listed" grep -qxF '2023030105 联系电话: 13800000003 → 13800000099' "$T/out"
ok "the new student is listed" grep -q '^2025030107 .*周可' "$T/out"
ok "the row the same as stored lists nothing" sh -c "! grep -q '^2024010103' '$T/out'"
is "$(grep -c ' → ' "$T/out")" 2 "two changes in all"
dump "$T/after.dump"
ok "the dry run wrote nothing (export dump unchanged)" cmp -s "$T/before.dump" "$T/after.dump"

bf --lang en import students "$DATA/students-update.csv" --update --dry-run
ok "with --lang en the field is its English header name" \
	grep -qxF '2023030105 class: 计科2301 → 计科2302' "$T/out"
ok "the English counts say what would be updated" grep -Eq '^  students changed +1$' "$T/out"
ok "and what stays as it is" grep -Eq '^  students unchanged +1$' "$T/out"

# ---- the update itself
bf --lang en import students "$DATA/students-update.csv" --update
is "$rc" 0 "--update exits 0"
ok "it prints the students changed" grep -Eq '^  students changed +1$' "$T/out"
ok "it prints the students added" grep -Eq '^  students +1$' "$T/out"
bf find 2023030105
ok "the class is changed" grep -q '^2023030105	王磊	计算机科学与技术学院	计科2302$' "$T/out"
bf export dump
ok "the phone is changed" grep -q '"phone": *"13800000099"' "$T/out"
ok "nothing else of the student changed (still 共青团员)" \
	sh -c "grep '13800000099' '$T/out' | grep -q '共青团员'"
bf stats --json
ok "the new student is added, nobody deleted" grep -q '"students":10,' "$T/out"

dump "$T/before.dump"
bf import students "$DATA/students-update.csv" --update
is "$rc" 0 "the same roster again with --update exits 0"
dump "$T/after.dump"
ok "rows the same as stored write nothing" cmp -s "$T/before.dump" "$T/after.dump"

# ---- a rule break: a party member with an open pairing becomes 群众
bf import counsellors "$DATA/counsellors.csv"
bf semester start 2025-2026-2   # an import makes no semester
bf import pairings "$DATA/pairings.csv"
is "$rc" 0 "pairings imported"
dump "$T/before.dump"
bf --lang en import students "$DATA/bad-update-political.csv" --update
is "$rc" 1 "a member with an open pairing becoming 群众 is refused (exit 1)"
ok "the reason names FILE:LINE: political_status" \
	grep -qF "$DATA/bad-update-political.csv:2: political_status: 张伟 still helps in an open pairing; end it first" "$T/err"
bf import students "$DATA/bad-update-political.csv" --update --dry-run
is "$rc" 1 "the dry run refuses it too"
dump "$T/after.dump"
ok "nothing was written" cmp -s "$T/before.dump" "$T/after.dump"

# ---- a bad row names FILE:LINE: field
bf --lang en import students "$DATA/bad-update-row.csv" --update
is "$rc" 1 "a bad row: exit 1"
ok "it names FILE:LINE: field" grep -qF "$DATA/bad-update-row.csv:3: gender: unknown value \"未知\"" "$T/err"
bf find 2023030106
ok "the good row 2 is not kept either" grep -q '	计科2301$' "$T/out"
dump "$T/after.dump"
ok "nothing was written" cmp -s "$T/before.dump" "$T/after.dump"

# ---- --update is for students only
bf import talks "$DATA/talks.csv" --update
is "$rc" 2 "--update with another kind is a usage error"

# ---- the pairings file as 附件1 has it: the reason in 备注
rc=0
"$BANGFU" --db "$T/b" import students "$DATA/students.csv" >/dev/null 2>&1 || rc=$?
"$BANGFU" --db "$T/b" semester start 2025-2026-2 >/dev/null 2>&1 || rc=$?
"$BANGFU" --lang en --db "$T/b" import pairings "$DATA/pairings-note-reason.csv" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 0 "a cross-college pairing with its reason only in 备注 is imported"
ok "both pairings are created" grep -Eq '^  pairings +2$' "$T/out"
"$BANGFU" --db "$T/b" export dump >"$T/out"
ok "its reason is the 备注 text" \
	grep -q '"reason": *"计算机学院党员人数不足，由相近专业党员帮扶"' "$T/out"
ok "a same-college 备注 stays a note" grep -q '"note": *"每两周谈心一次"' "$T/out"
rc=0
"$BANGFU" --db "$T/c" import students "$DATA/students.csv" >/dev/null 2>&1 || rc=$?
"$BANGFU" --db "$T/c" semester start 2025-2026-2 >/dev/null 2>&1 || rc=$?
"$BANGFU" --lang en --db "$T/c" import pairings "$DATA/bad-rule-cross-college.csv" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 1 "with a 跨院原因 column, an empty reason is still refused"
ok "the message names the reason column" grep -q 'bad-rule-cross-college.csv:2: reason: ' "$T/err"

done_testing
