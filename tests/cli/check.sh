#!/bin/sh
# check: a sound database exits 0; a broken one (broken here with lmdb-utils'
# mdb_dump/mdb_load, behind bangfu's back) lists each problem and exits 3.
. "$top_srcdir/tests/lib.sh"

bf init
bf semester start 2025-2026-2   # an import makes no semester
for f in students counsellors pairings talks aid; do
	bf import "$f" "$DATA/$f.csv"
done
bf stats --json
ok "the fixtures are imported" grep -q '"talks":5,' "$T/out"

bf --lang en check
is "$rc" 0 "check on a sound database exits 0"
ok "it says the database is sound" grep -qF "The database in $DB is sound." "$T/out"
ok "it prints nothing on stderr" test ! -s "$T/err"
bf check
ok "it says so in Chinese by default" grep -q '完好无误' "$T/out"

rc=0; "$BANGFU" --db "$T/demo" demo --students 300 --talks 1000 >/dev/null 2>&1 || rc=$?
rc=0; "$BANGFU" --db "$T/demo" check >"$T/out" 2>&1 || rc=$?
is "$rc" 0 "check on a demo database exits 0"

if ! command -v mdb_dump >/dev/null 2>&1 || ! command -v mdb_load >/dev/null 2>&1; then
	echo "# lmdb-utils is not installed: the broken databases are not tested"
	ok "lmdb-utils (mdb_dump, mdb_load) is installed" false
	done_testing
	exit
fi

mdb_dump -a "$DB" >"$T/all.txt"
ok "mdb_dump reads the database" grep -q '^database=ix_student_no$' "$T/all.txt"

# edit NAME DB MODE [HEX]: loads the dump into the new folder DB with the
# first entry of the sub-database NAME dropped (MODE drop) or its value
# replaced by HEX (MODE value).
edit() {
	awk -v name="$1" -v mode="$3" -v hex="${4:-}" '
		/^database=/ { cur = substr($0, 10); inhdr = 1 }
		/^HEADER=END/ { print; inhdr = 0; n = 0; next }
		inhdr || /^DATA=END/ || /^VERSION=/ { print; next }
		cur == name && !done {
			n++
			if (n == 1) { key = $0; if (mode == "value") print; next }
			if (n == 2) { done = 1; if (mode == "value") print " " hex; next }
		}
		{ print }
	' "$T/all.txt" >"$T/edited.txt"
	mkdir -p "$2"
	mdb_load -f "$T/edited.txt" "$2" 2>/dev/null
}

# The unchanged dump loads into a sound database (the method itself is sound).
edit none "$T/same" drop
rc=0; "$BANGFU" --db "$T/same" check >"$T/out" 2>&1 || rc=$?
is "$rc" 0 "the database reloaded unchanged passes check"

# broken DIR DESCRIPTION WORD: check exits 3, prints each problem on stdout
# (one naming WORD), and a summary on stderr.
broken() {
	rc=0
	"$BANGFU" --lang en --db "$1" check >"$T/out" 2>"$T/err" || rc=$?
	is "$rc" 3 "$2: check exits 3"
	ok "$2: a problem names $3" grep -q "$3" "$T/out"
	ok "$2: the summary says how many problems" grep -Eq '^bangfu: the database in .* has [1-9][0-9]* problem' "$T/err"
	ok "$2: it does not say the database is sound" sh -c "! grep -q 'is sound' '$T/out'"
	head -n 5 "$T/out" | sed 's/^/#   /'
}

# A student-number index entry missing: the student can no longer be found
# by number.
edit ix_student_no "$T/noindex" drop
broken "$T/noindex" "an index entry removed" ix_student_no

# A record removed behind the indexes' back: entries point to nothing.
edit student "$T/norecord" drop
broken "$T/norecord" "a student record removed" student

# A record whose value is garbage.
edit student "$T/garbage" value ff00ff00
broken "$T/garbage" "a student value overwritten with garbage" student

# An index entry that points to another record.
edit ix_student_no "$T/wrongindex" value 00000000000000000000000000000000
broken "$T/wrongindex" "an index entry pointing elsewhere" ix_student_no

# The schema version removed.
edit meta "$T/nometa" drop
rc=0; "$BANGFU" --lang en --db "$T/nometa" check >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 3 "a database without its schema version: exit 3"
ok "the error is explained" grep -q '^bangfu: ' "$T/err"

done_testing
