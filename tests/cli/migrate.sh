#!/bin/sh
# A version-1 database (tests/data/schema1.dump) is migrated on open: the
# member profiles and the student-by-college index appear, check passes, and
# a second open changes nothing.
. "$top_srcdir/tests/lib.sh"

# The stored schema version: the value under the key "schema_version".
version() {
	# the number: its first 4 bytes (a checksum follows from schema 8 on)
	mdb_dump -s meta "$DB" | grep -A1 '^ 736368656d615f76657273696f6e$' | tail -n 1 | tr -d ' ' |
		cut -c1-8
}

mkdir -p "$DB"
ok "the version-1 dump loads with mdb_load" mdb_load -f "$DATA/schema1.dump" "$DB"
is "$(version)" "00000001" \
	"the fixture is at schema version 1"

bf stats --json
is "$rc" 0 "stats opens (and migrates) the old database"
json=$(cat "$T/out")
case $json in
*'"members":2'*) m=yes ;;
*) m=no ;;
esac
is "$m" yes "the two party members got member profiles ($json)"
case $json in
*'"students":6'*'"targets":1'*'"pairings":1'*'"talks":2'*) kept=yes ;;
*) kept=no ;;
esac
is "$kept" yes "students, target, pairing and talks are kept"

is "$(version)" "00000008" \
	"the schema version is now 8"
n=$(mdb_stat -s ix_student_college "$DB" | sed -n 's/^ *Entries: //p')
is "$n" 6 "every student is in the student-by-college index (step 1 to 2)"
n=$(mdb_stat -s ix_talk_date "$DB" | sed -n 's/^ *Entries: //p')
is "$n" 2 "every talk is in the talk-by-date index (step 2 to 3)"
sum=0
for v in $(mdb_dump -s talk_day "$DB" | sed -n '/^HEADER=END/,/^DATA=END/p' | grep '^ ' | sed -n 'n;p'); do
	sum=$((sum + 0x$v))
done
is "$sum" 2 "the talks are counted by day (step 3 to 4)"
n=$(mdb_stat -s pairing_last "$DB" | sed -n 's/^ *Entries: //p')
is "$n" 1 "the pairing's last talk is kept (step 4 to 5)"
# Step 5 to 6: every record value is format 2 (its first byte), with a
# checksum. The values are the second line of each key/value pair.
formats=$(for db in student talk pairing; do
	mdb_dump -s $db "$DB" | sed -n '/^HEADER=END/,/^DATA=END/p' | grep '^ ' | sed -n 'n;p' | cut -c2-3
done | sort -u | tr '\n' ' ')
is "$formats" "02 " "every student, pairing and talk value carries a checksum (step 5 to 6)"

bf check
is "$rc" 0 "check finds the migrated database sound"
[ "$rc" = 0 ] || sed 's/^/# /' "$T/out" "$T/err"

mdb_dump -a "$DB" >"$T/before"
bf stats --json
is "$rc" 0 "a second open works"
mdb_dump -a "$DB" >"$T/after"
ok "a second open is a no-op" cmp -s "$T/before" "$T/after"

bf find 王建国
is "$(cut -f1 "$T/out")" "2023010101" "the migrated students are found"

# Step 6 to 7: the talks by follow-up date (ix_talk_follow). A database
# of this program with follow-ups, its index emptied and its version set
# back to 6, as a version-6 program left it: the open builds the index.
DB="$T/db6"
bf demo --students 200 --talks 400
is "$rc" 0 "a demo database"
follows=$(mdb_stat -s ix_talk_follow "$DB" | sed -n 's/^ *Entries: //p')
ok "its talks have follow-ups ($follows)" test "${follows:-0}" -gt 0
mdb_dump -a "$DB" |
	awk '/^database=ix_talk_follow$/ { skip = 1 }
	     skip && /^DATA=END$/ { skip = 0; next }
	     !skip' |
	sed -e '/^db_pagesize=/d' -e '/^ 736368656d615f76657273696f6e$/{n;s/.*/ 00000006/}' >"$T/six"
DB="$T/db6b"
mkdir -p "$DB"
mdb_load -f "$T/six" "$DB"
is "$(version)" "00000006" "set back to version 6"
ok "without the follow-up index" sh -c "! mdb_stat -s ix_talk_follow '$DB' >/dev/null 2>&1"
bf check
is "$rc" 0 "the open migrates it and check finds it sound"
is "$(mdb_stat -s ix_talk_follow "$DB" | sed -n 's/^ *Entries: //p')" "$follows" \
	"every follow-up is in the follow-up index again (step 6 to 7)"
is "$(version)" "00000008" "at version 8"

# A database from a newer program is refused, untouched.
DB="$T/db3"
mkdir -p "$DB"
sed '/^ 736368656d615f76657273696f6e$/{n;s/.*/ 00000063/}' "$DATA/schema1.dump" |
	mdb_load "$DB"
bf --lang en stats --json
is "$rc" 3 "a database of schema 99 is refused with a database error"
ok "the message says it is newer than this program" grep -q "newer than this program" "$T/err"
is "$(version)" "00000063" "and it is left as it was"

done_testing
