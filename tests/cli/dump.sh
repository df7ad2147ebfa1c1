#!/bin/sh
# export dump -> import dump into a new database -> export dump gives the
# same bytes; a dump only goes into an empty database.
# The full dump is a counsellor's (--role counsellor): any other role's is
# redacted and cannot be restored (tests/cli/privacy.sh).
. "$top_srcdir/tests/lib.sh"

bf demo --students 300 --talks 1500 --seed 3
is "$rc" 0 "demo exits 0"

bf --role counsellor export dump
is "$rc" 0 "export dump exits 0"
cp "$T/out" "$T/dump1"
ok "the dump is not empty" test -s "$T/dump1"
ok "the dump is JSON Lines: one object per line" sh -c "! grep -qv '^{.*}\$' '$T/dump1'"
ok "the dump holds the students" grep -q '"type": *"student"' "$T/dump1"
ok "the dump holds the talks" grep -q '"type": *"talk"' "$T/dump1"
ok "the dump holds the audit log" grep -q '"type": *"audit"' "$T/dump1"
ok "Chinese text is written as UTF-8, not \\u escapes" sh -c "! grep -q '\\\\u[0-9a-fA-F]\\{4\\}' '$T/dump1'"
bf --role counsellor export dump
ok "two dumps of the same database are identical" cmp -s "$T/dump1" "$T/out"

# -o FILE: the same bytes, mode 0600, no temporary file left behind.
bf --role counsellor export dump -o "$T/dump-o.jsonl"
is "$rc" 0 "export dump -o FILE exits 0"
ok "export dump -o prints nothing on stdout" test ! -s "$T/out"
ok "export dump -o FILE writes the same bytes as to stdout" cmp -s "$T/dump1" "$T/dump-o.jsonl"
is "$(stat -c %a "$T/dump-o.jsonl")" 600 "the dump file is mode 0600 (it holds private data)"
ok "no temporary file is left" test ! -e "$T/dump-o.jsonl.tmp"
umask 022
echo old >"$T/dump-old.jsonl"
chmod 644 "$T/dump-old.jsonl"
bf --role counsellor export dump --output "$T/dump-old.jsonl"
ok "export dump -o replaces an existing file" cmp -s "$T/dump1" "$T/dump-old.jsonl"
is "$(stat -c %a "$T/dump-old.jsonl")" 600 "the replaced file is mode 0600 too"
bf --role counsellor export dump -o "$T/no/such/folder/dump.jsonl"
is "$rc" 1 "export dump -o into a missing folder exits 1"
ok "the error names the file" grep -q "no/such/folder/dump.jsonl" "$T/err"

# Round trip.
rc=0; "$BANGFU" --db "$T/db2" import dump "$T/dump1" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 0 "import dump into a new database exits 0"
rc=0; "$BANGFU" --db "$T/db2" --role counsellor export dump >"$T/dump2" 2>"$T/err" || rc=$?
is "$rc" 0 "export dump of the restored database exits 0"
ok "dump -> import dump -> dump is byte-identical" cmp -s "$T/dump1" "$T/dump2"
bf stats --json
s1=$(cat "$T/out")
rc=0; "$BANGFU" --db "$T/db2" stats --json >"$T/out" 2>&1 || rc=$?
is "$(cat "$T/out")" "$s1" "the restored database has the same counts"
rc=0; "$BANGFU" --db "$T/db2" check >"$T/out" 2>&1 || rc=$?
is "$rc" 0 "the restored database passes check"
bf find 张
f1=$(cat "$T/out")
rc=0; "$BANGFU" --db "$T/db2" find 张 >"$T/out" 2>&1 || rc=$?
is "$(cat "$T/out")" "$f1" "the restored database's indexes find the same students"

# From standard input.
rc=0; "$BANGFU" --db "$T/db3" import dump - <"$T/dump1" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 0 "import dump - reads standard input"
rc=0; "$BANGFU" --db "$T/db3" --role counsellor export dump >"$T/dump3" 2>"$T/err" || rc=$?
ok "the dump read from standard input round-trips too" cmp -s "$T/dump1" "$T/dump3"

# Into a database that is not empty: refused, nothing changes.
bf import dump "$T/dump1"
is "$rc" 1 "import dump into a non-empty database exits 1"
ok "the refusal is explained" grep -q '^bangfu: ' "$T/err"
bf --role counsellor export dump
ok "the refused import changed nothing" cmp -s "$T/dump1" "$T/out"

# A broken dump: the line is named, nothing is written.
head -n 20 "$T/dump1" >"$T/broken.jsonl"
echo '{"type":"student","id":"zz"' >>"$T/broken.jsonl"
rc=0; "$BANGFU" --lang en --db "$T/db4" import dump "$T/broken.jsonl" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 1 "import dump of a broken file exits 1"
ok "the bad line is named FILE:LINE" grep -qF "$T/broken.jsonl:21:" "$T/err"
ok "nothing of the broken dump was written (no database folder is left)" test ! -e "$T/db4"

rc=0; "$BANGFU" --db "$T/db5" import dump "$T/none.jsonl" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 1 "import dump of a missing file exits 1"
ok "the missing file is named" grep -qF "$T/none.jsonl" "$T/err"

done_testing
