#!/bin/sh
# The command line itself: help, version, usage errors, exit codes, the
# status shown without a command, and the database folder's permissions.
. "$top_srcdir/tests/lib.sh"

# ---- help and version
rc=0; "$BANGFU" --lang en --help >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 0 "--help exits 0"
ok "--help starts with the usage line" grep -q '^usage: bangfu \[--db DIR\]' "$T/out"
for c in init import export find stats check backup demo; do
	ok "--help lists 'bangfu $c'" grep -q "^  bangfu $c" "$T/out"
done
ok "--help names the exit codes" grep -q '3 database error' "$T/out"
ok "--help writes nothing to stderr" test ! -s "$T/err"

rc=0; "$BANGFU" --version >"$T/out" 2>&1 || rc=$?
is "$rc" 0 "--version exits 0"
ok "--version prints 'bangfu VERSION'" grep -Eq '^bangfu [0-9]+\.[0-9]+\.[0-9]+$' "$T/out"

bf --lang en import --help
is "$rc" 0 "a command's --help exits 0"
ok "a command's --help shows its usage" grep -q '^usage: bangfu import students|counsellors|pairings|talks|aid FILE' "$T/out"

# ---- usage errors exit 2, with a "bangfu: " message on stderr
usage_error() {
	desc=$1
	shift
	bf --lang en "$@"
	is "$rc" 2 "usage error exits 2: $desc"
	ok "usage error says what is wrong, prefixed 'bangfu: ': $desc" grep -q '^bangfu: ' "$T/err"
	ok "usage error prints nothing on stdout: $desc" test ! -s "$T/out"
}
usage_error "unknown command" frobnicate
ok "the unknown command is named" grep -q 'unknown command: frobnicate' "$T/err"
usage_error "unknown global option" --frobnicate
usage_error "--lang without a value" --lang
usage_error "--lang fr" --lang fr stats
usage_error "find without text" find
usage_error "find with two texts" find a b
usage_error "import without a file" import students
usage_error "import of an unknown kind" import things "$T/x.csv"
usage_error "import --dry-run of a dump" import dump "$T/x" --dry-run
usage_error "unknown option of a command" stats --bogus
usage_error "export of an unknown format" export pdf
usage_error "export -o without a file" export dump -o
usage_error "demo --students not a number" demo --students many
usage_error "backup without a file" backup
usage_error "check with an argument" check now
"$BANGFU" --db >"$T/out" 2>"$T/err"; rc=$?
is "$rc" 2 "--db without a folder exits 2"

# Nothing above created the database.
ok "usage errors create no database" test ! -e "$DB"

# ---- no command, no database yet
bf --lang en
is "$rc" 0 "no command on a missing database exits 0"
ok "the status names the folder" grep -qF "$DB" "$T/out"
ok "the status says there is no database yet" grep -q 'No database' "$T/out"
ok "the status does not create the database" test ! -e "$DB"

# Read-only commands refuse a missing database (exit 3) and create nothing.
for c in "stats" "find x" "check" "export dump" "backup $T/b.mdb"; do
	# shellcheck disable=SC2086
	bf --lang en $c
	is "$rc" 3 "'$c' on a missing database exits 3"
	ok "'$c' on a missing database says so" grep -q '^bangfu: no database in' "$T/err"
done
ok "read-only commands create no database" test ! -e "$DB"

# ---- init: the folder is private
bf --lang en init
is "$rc" 0 "init exits 0"
ok "init says it created the database" grep -q 'Created the database' "$T/out"
is "$(stat -c %a "$DB")" 700 "the database folder is mode 0700"
for f in "$DB"/*; do
	is "$(stat -c %a "$f")" 600 "$(basename "$f") is mode 0600"
done
ok "the database folder holds data.mdb" test -f "$DB/data.mdb"

bf --lang en init
is "$rc" 0 "init on an existing database exits 0"
ok "init on an existing database says so" grep -q 'already exists' "$T/out"

# The default folder: $BANGFU_DB, else $XDG_DATA_HOME/bangfu.
rc=0; BANGFU_DB="$T/envdb" "$BANGFU" init >/dev/null 2>&1 || rc=$?
is "$rc" 0 "init into \$BANGFU_DB exits 0"
ok "\$BANGFU_DB chooses the folder" test -f "$T/envdb/data.mdb"
rc=0; "$BANGFU" init >/dev/null 2>&1 || rc=$?
ok "without --db or \$BANGFU_DB the database is in \$XDG_DATA_HOME/bangfu" \
	test -f "$XDG_DATA_HOME/bangfu/data.mdb"
is "$(stat -c %a "$XDG_DATA_HOME/bangfu")" 700 "the default folder is mode 0700"

# ---- status of an empty database
bf --lang en
is "$rc" 0 "no command on an empty database exits 0"
ok "the status names the folder" grep -qF "Database: $DB" "$T/out"
ok "the status shows the schema version" grep -Eq '^Schema version: [0-9]+' "$T/out"
ok "the status counts students (none)" grep -Eq '^  students +0$' "$T/out"
ok "the status names the current semester (BANGFU_TODAY 2026-05-20)" \
	grep -q '^Current semester: 2025-2026-2' "$T/out"
ok "the status says the semester is not set up" grep -q 'not set up yet' "$T/out"

# ---- init with a college and a semester; the status shows the due dates
bf --lang en init --college 计算机学院 --semester 2025-2026-2
is "$rc" 0 "init --college --semester exits 0"
ok "init names the new college" grep -q 'Created the college 计算机学院' "$T/out"
ok "init shows the name-list due date" grep -q '2026-04-11' "$T/out"
ok "init shows the summary due date" grep -q '2026-07-11' "$T/out"
bf stats --json
is "$(cat "$T/out")" '{"colleges":1,"students":0,"members":0,"targets":0,"counsellors":0,"pairings":0,"talks":0,"aid":0}' \
	"stats --json counts the new college"
bf --lang en init --college 计算机学院
ok "init with an existing college says it exists" grep -q 'The college 计算机学院 already exists' "$T/out"
bf stats --json
ok "init does not make a college twice" grep -q '"colleges":1,' "$T/out"

bf --lang en
ok "the status shows the semester with its long name, in English" \
	grep -q '^Current semester: 2025-2026-2 (academic year 2025-2026, second semester)' "$T/out"
ok "the status counts the days to the summary (52)" grep -q '2026-07-11 (in 52 days)' "$T/out"
ok "the status counts the days since the name list was due (39)" grep -q '2026-04-11 (39 days ago)' "$T/out"

bf --lang en init --semester 2025-13
is "$rc" 1 "init with a bad semester code exits 1"
ok "the bad semester code is named" grep -q "2025-13" "$T/err"

# ---- output that cannot be written is an error, not silence
if [ -w /dev/full ]; then
	rc=0; "$BANGFU" --lang en --db "$DB" stats >/dev/full 2>"$T/err" || rc=$?
	is "$rc" 1 "stats into a full disk exits 1"
	ok "it says the output could not be written" grep -q '^bangfu: cannot write the output' "$T/err"
fi

# ---- a command's exit code passes through
bf check
is "$rc" 0 "check on a new database exits 0"

done_testing
