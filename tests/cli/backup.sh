#!/bin/sh
# backup FILE: a consistent compact copy, even while another process writes.
. "$top_srcdir/tests/lib.sh"

CW="$top_builddir/tests/tools/crashwriter"

# A demo writing in another process while the backups are taken.
"$BANGFU" --db "$DB" demo --students 8000 --talks 60000 --seed 5 >"$T/demo.out" 2>&1 &
demo_pid=$!
# Wait until the database exists, then back up a few times while it grows.
i=0
while [ ! -f "$DB/data.mdb" ] && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
for k in 1 2 3; do
	rc=0; "$BANGFU" --db "$DB" backup "$T/during$k.mdb" >"$T/out" 2>"$T/err" || rc=$?
	is "$rc" 0 "backup $k while the demo writes exits 0"
	sleep 0.15
done
rc=0; wait "$demo_pid" || rc=$?
is "$rc" 0 "the demo in the other process finishes"

# Each copy opens as a database of its own and is sound.
for k in 1 2 3; do
	[ -f "$T/during$k.mdb" ] || continue
	is "$(stat -c %a "$T/during$k.mdb")" 600 "backup $k is mode 0600"
	mkdir -m 700 "$T/restored$k"
	cp "$T/during$k.mdb" "$T/restored$k/data.mdb"
	rc=0; "$BANGFU" --db "$T/restored$k" check >"$T/out" 2>&1 || rc=$?
	is "$rc" 0 "backup $k, copied as data.mdb, passes check"
	rc=0; "$BANGFU" --db "$T/restored$k" stats --json >"$T/out" 2>&1 || rc=$?
	is "$rc" 0 "backup $k opens for stats"
	echo "# backup $k holds $(cat "$T/out")"
done

# A backup of the finished database holds exactly what the database holds.
bf backup "$T/after.mdb"
is "$rc" 0 "backup after the demo exits 0"
ok "backup says where it wrote" grep -qF "$T/after.mdb" "$T/out"
mkdir -m 700 "$T/after"
cp "$T/after.mdb" "$T/after/data.mdb"
bf --role counsellor export dump
cp "$T/out" "$T/dump-live"
rc=0; "$BANGFU" --db "$T/after" --role counsellor export dump >"$T/dump-copy" 2>&1 || rc=$?
is "$rc" 0 "the copy exports"
ok "the copy's dump is byte-identical to the database's" cmp -s "$T/dump-live" "$T/dump-copy"
ok "the copy is compact: not larger than the database" \
	test "$(stat -c %s "$T/after.mdb")" -le "$(stat -c %s "$DB/data.mdb")"

# While many small transactions commit (the crash writer), too.
"$CW" "$DB" 20970 >"$T/cw.out" 2>"$T/cw.err" &
cw_pid=$!
sleep 0.3
rc=0; "$BANGFU" --db "$DB" backup "$T/cw.mdb" >"$T/out" 2>"$T/err" || rc=$?
sleep 0.2
kill "$cw_pid" 2>/dev/null
wait "$cw_pid" 2>/dev/null
is "$rc" 0 "backup while small transactions commit exits 0"
mkdir -m 700 "$T/cw"
cp "$T/cw.mdb" "$T/cw/data.mdb"
rc=0; "$BANGFU" --db "$T/cw" check >"$T/out" 2>&1 || rc=$?
is "$rc" 0 "that backup passes check"

# Refusals.
bf backup "$T/after.mdb"
is "$rc" 1 "backup onto an existing file exits 1"
ok "it names the file" grep -qF "$T/after.mdb" "$T/err"
bf backup "$T/no/such/dir/x.mdb"
ok "backup into a missing folder fails" test "$rc" -ne 0
ok "and says so with 'bangfu: '" grep -q '^bangfu: ' "$T/err"

# ---- messages name a written file by its full path, so it can be found
mkdir -p "$T/here"
rc=0
(cd "$T/here" && "$BANGFU" --db "$DB" backup rel.mdb >"$T/out" 2>"$T/err") || rc=$?
is "$rc" 0 "a backup to a relative path"
ok "the message names the backup by its full path" grep -q "$T/here/rel.mdb" "$T/out"
ok "and the database folder by its full path" grep -q "$DB " "$T/out"
rc=0
(cd "$T/here" && "$BANGFU" --db "$DB" export dump -o d.jsonl >/dev/null 2>&1) || rc=$?
C=$(cd "$T/here" && "$BANGFU" --db "$DB" list colleges | sed -n 2p | cut -f2)
if [ -n "$C" ]; then
	(cd "$T/here" && "$BANGFU" --db "$DB" export roster --college "$C" -o r.csv >"$T/out" 2>&1)
	ok "export roster names the file by its full path" grep -q "$T/here/r.csv" "$T/out"
	(cd "$T/here" && "$BANGFU" --db "$DB" report summary --college "$C" -o s.txt >"$T/out" 2>&1)
	ok "report summary names the file by its full path" grep -q "$T/here/s.txt" "$T/out"
fi

done_testing
