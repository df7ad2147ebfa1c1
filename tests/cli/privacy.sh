#!/bin/sh
# Privacy (DOMAIN): the content of a talk about 心理 and the situation of
# a 心理困难 student leave bangfu only under --role counsellor. Any other
# role's `export dump` has the mask in their place, marks those records
# "redacted", says so on stderr, and such a dump cannot be restored.
. "$top_srcdir/tests/lib.sh"

bf init
bf semester start 2025-2026-2   # an import makes no semester
for k in students counsellors pairings talks; do
	bf import $k "$DATA/$k.csv"
	is "$rc" 0 "import $k"
done

# 单晓雯 (2023030106, 学业困难、心理困难) gets a situation text, through a
# counsellor's dump restored into a second database.
bf --role counsellor export dump
cp "$T/out" "$T/full0"
sid=$(grep '"type": *"student"' "$T/full0" | grep '"student_no": *"2023030106"' |
	sed 's/.*"id": *"\([0-9a-f]*\)".*/\1/')
ok "the psychological student is in the dump" test -n "$sid"
sed "/\"type\": *\"target\".*\"student_id\": *\"$sid\"/ s/}\$/,\"situation\":\"考试前失眠SIT-SECRET\"}/" \
	"$T/full0" >"$T/full1"
ok "the fixture now has a situation" grep -q 'SIT-SECRET' "$T/full1"
DB="$T/db2"
bf import dump "$T/full1"
is "$rc" 0 "the database with the situation is restored"

secret_talk='愿意主动说出自己的烦恼'    # 学习;心理, a member's talk
secret_counsellor='关注心理状态'         # 心理, a counsellor's talk
plain_talk='询问了宿舍生活'             # 生活、思想: not sensitive

# The default role is the secretary's.
bf --lang en export dump
is "$rc" 0 "a secretary's export dump exits 0"
cp "$T/out" "$T/sec.jsonl"
ok "no psychological talk content in the secretary's dump" sh -c "! grep -q '$secret_talk' '$T/sec.jsonl'"
ok "no counsellor's psychological note either" sh -c "! grep -q '$secret_counsellor' '$T/sec.jsonl'"
ok "no situation of a 心理困难 student" sh -c "! grep -q 'SIT-SECRET' '$T/sec.jsonl'"
ok "other talks keep their content" grep -q "$plain_talk" "$T/sec.jsonl"
is "$(grep -c '"redacted": *true' "$T/sec.jsonl")" 3 "the three masked records are marked redacted"
is "$(grep -c '\[counsellors only\]' "$T/sec.jsonl")" 3 "the mask stands in place of each text"
ok "the talks still show they happened (date, minutes, mode)" \
	sh -c "grep '\"redacted\"' '$T/sec.jsonl' | grep '\"type\": *\"talk\"' | grep -q '\"minutes\": *60'"
ok "stderr says what was left out" grep -q "3 psychological notes" "$T/err"
ok "and how to get everything" grep -q -- "--role counsellor" "$T/err"

bf --lang en --role member export dump
ok "a member's dump is redacted too" sh -c "! grep -q 'SIT-SECRET\\|$secret_talk' '$T/out'"
bf --lang en --role secretary export dump -o "$T/sec-o.jsonl"
ok "so is one written with -o" sh -c "! grep -q 'SIT-SECRET\\|$secret_talk' '$T/sec-o.jsonl'"

# A redacted dump is refused by import dump: nothing written.
rc=0; "$BANGFU" --lang en --db "$T/db3" import dump "$T/sec.jsonl" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 1 "import dump of a redacted dump exits 1"
ok "the refusal names the first redacted line" grep -qF "$T/sec.jsonl:" "$T/err"
ok "and says why" grep -q "redacted" "$T/err"
ok "nothing of the redacted dump was written (no database folder is left)" test ! -e "$T/db3"

# The counsellor's dump is whole and restorable.
bf --role counsellor export dump
cp "$T/out" "$T/full2"
ok "the counsellor's dump holds the talk content" grep -q "$secret_talk" "$T/full2"
ok "and the counsellor's own note" grep -q "$secret_counsellor" "$T/full2"
ok "and the situation" grep -q 'SIT-SECRET' "$T/full2"
ok "nothing in it is marked redacted" sh -c "! grep -q '\"redacted\"' '$T/full2'"
ok "no note on stderr" test ! -s "$T/err"
rc=0; "$BANGFU" --db "$T/db4" import dump "$T/full2" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 0 "the counsellor's dump restores"
rc=0; "$BANGFU" --db "$T/db4" --role counsellor export dump >"$T/full3" 2>&1 || rc=$?
ok "and round-trips byte for byte" cmp -s "$T/full2" "$T/full3"

# A database without sensitive notes: every role's dump is the same.
DB="$T/db5"
bf import students "$DATA/students.csv"
bf export dump
cp "$T/out" "$T/plain-sec"
bf --role counsellor export dump
ok "with nothing to hide the secretary's dump is the full dump" cmp -s "$T/plain-sec" "$T/out"

# Search shows numbers, names, colleges and classes: never a note.
DB="$T/db2"
bf find 单晓雯
is "$rc" 0 "find exits 0"
ok "find shows the student" grep -q 2023030106 "$T/out"
ok "find shows no situation" sh -c "! grep -q 'SIT-SECRET' '$T/out'"
bf find SIT-SECRET
ok "find does not search the situation" test ! -s "$T/out"
bf find "$secret_talk"
ok "nor talk contents" test ! -s "$T/out"

done_testing
