#!/bin/sh
# All or nothing: a demo or a backup killed midway, a dump that fails and a
# CSV with a header and no rows leave nothing behind.
. "$top_srcdir/tests/lib.sh"

# ---- demo killed midway: nothing is left, and the next demo runs -----------
killed=0; partial=0
for d in 0.15 0.3 0.45 0.6 0.75; do
	rm -rf "$DB"
	"$BANGFU" --db "$DB" demo --students 8000 --talks 60000 >/dev/null 2>&1 &
	pid=$!
	sleep "$d"
	if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
	wait "$pid" 2>/dev/null
	if [ -f "$DB/data.mdb" ]; then
		n=$("$BANGFU" --db "$DB" stats --json 2>/dev/null | sed -n 's/.*"students":\([0-9]*\).*/\1/p')
		[ "${n:-0}" = 0 ] || partial=$((partial + 1))
	fi
done
ok "a demo was killed midway at least once ($killed times)" test "$killed" -gt 0
is "$partial" 0 "a killed demo leaves no students behind"
bf demo --students 200 --talks 500
is "$rc" 0 "a demo after a killed one runs"
ok "and fills the database" grep -q 200 "$T/out"

# ---- backup killed midway: its temporary file goes at the next backup ------
rm -rf "$DB"
"$BANGFU" --db "$DB" demo --students 8000 --talks 60000 >/dev/null 2>&1
left=0
for d in 0.005 0.01 0.02 0.03 0.05 0.08 0.12; do
	rm -f "$T"/copy.mdb*
	"$BANGFU" --db "$DB" backup "$T/copy.mdb" >/dev/null 2>&1 &
	pid=$!
	sleep "$d"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if ls "$T" | grep -q '^copy\.mdb.'; then left=1; break; fi
done
ok "a killed backup left a temporary file (the case to clean)" test "$left" = 1
rm -f "$T/copy.mdb"
bf backup "$T/copy.mdb"
is "$rc" 0 "the next backup exits 0"
is "$(ls "$T" | grep '^copy\.mdb' | tr '\n' ' ')" "copy.mdb " \
	"the next backup removes the temporary file the killed one left"
# One left by another backup's kill is bangfu's too; a file of the user's
# that merely looks alike stays.
: >"$T/other.mdb.bangfu-tmp.Ab12Cd"
: >"$T/notes.txt.123456"
bf backup "$T/copy2.mdb"
ok "a stale temporary of another backup is removed" test ! -e "$T/other.mdb.bangfu-tmp.Ab12Cd"
ok "a user's file that is no temporary of bangfu stays" test -e "$T/notes.txt.123456"

# ---- a failed dump restore leaves no folder --------------------------------
printf '{"x":1}\n' >"$T/bad.jsonl"
rc=0; "$BANGFU" --db "$T/new/db" import dump "$T/bad.jsonl" >/dev/null 2>&1 || rc=$?
is "$rc" 1 "a bad dump is refused"
ok "a refused dump leaves no database folder" test ! -e "$T/new"
rc=0; "$BANGFU" --db "$T/new2" import dump "$T/none.jsonl" >/dev/null 2>&1 || rc=$?
ok "a dump that is not there is refused" test "$rc" -ne 0
ok "and leaves no database folder" test ! -e "$T/new2"
mkdir -m 700 "$T/empty"
rc=0; "$BANGFU" --db "$T/empty" import dump "$T/bad.jsonl" >/dev/null 2>&1 || rc=$?
is "$(ls -A "$T/empty")" "" "a refused dump into an empty folder leaves it empty"
ok "the folder the user made stays" test -d "$T/empty"

# ---- a CSV with a header and no rows ---------------------------------------
head -n 1 "$DATA/students.csv" >"$T/header.csv"
rm -rf "$DB"
rc=0; "$BANGFU" --db "$DB" import students "$T/header.csv" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 1 "a header-only CSV is refused (exit 1)"
ok "the message names the file" grep -q 'header.csv' "$T/err"
ok "the message says there are no rows" grep -q '没有数据行' "$T/err"
ok "nothing claims to be imported" test ! -s "$T/out"
ok "and no database folder is made for it" test ! -e "$DB"
"$BANGFU" --db "$DB" init >/dev/null 2>&1
before=$("$BANGFU" --db "$DB" stats --json)
rc=0; "$BANGFU" --db "$DB" --lang en import students "$T/header.csv" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 1 "a header-only CSV into a database: exit 1"
ok "in English it says there are no rows" grep -q 'no rows' "$T/err"
is "$("$BANGFU" --db "$DB" stats --json)" "$before" "the database is unchanged"

done_testing
