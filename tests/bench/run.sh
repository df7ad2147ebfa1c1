#!/bin/sh
# run.sh — `make bench`: bangfu at university scale, side by side with the
# tools people would use instead (abook, sqlite3). Reports; asserts nothing.
#
#   make bench                      50,000 students, 1,000,000 talks
#   make bench BENCH_FLAGS=--small  5,000 students, 100,000 talks
#
# Environment: BANGFU, BENCHTOOL (set by make), BENCH_WORK (scratch folder,
# default ./bench-work: about 2 GB at full size, removed at the end unless
# --keep), BENCH_RESULTS (default tests/bench/results beside this script),
# BENCH_RUNS (timed runs per figure, default 20; the median is reported).
# Needs sqlite3 and abook (apt-get install sqlite3 abook); /usr/bin/time is
# not needed (benchtool measures peak memory itself).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
small=false
keep=false
for a in "$@"; do
	case $a in
	--small) small=true ;;
	--keep) keep=true ;;
	-h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "run.sh: unknown option $a" >&2; exit 2 ;;
	esac
done

BANGFU=${BANGFU:-$PWD/src/bangfu}
BENCHTOOL=${BENCHTOOL:-$PWD/tests/bench/benchtool}
work=${BENCH_WORK:-$PWD/bench-work}
results=${BENCH_RESULTS:-$here/results}
runs=${BENCH_RUNS:-20}
if $small; then
	students=5000 talks=100000 size=small
else
	students=50000 talks=1000000 size=full
fi

for tool in sqlite3 abook; do
	command -v $tool >/dev/null 2>&1 || {
		echo "run.sh: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done
for f in "$BANGFU" "$BENCHTOOL"; do
	[ -x "$f" ] || { echo "run.sh: $f is not built (make bench builds it)" >&2; exit 1; }
done

# A fixed day, so that every run sees the same overdue pairings; the
# address book's abook needs a HOME of its own.
BANGFU_TODAY=2026-05-20
LANG=C.UTF-8
LC_ALL=C.UTF-8
export BANGFU_TODAY LANG LC_ALL
rm -rf "$work"
mkdir -p "$work/home" "$results"
HOME=$work/home
export HOME
db=$work/db
rows=$work/rows
: >"$rows"

say() { printf '%s\n' "$*" >&2; }

# row KEY LABEL UNIT BANGFU PEER TARGET — one figure; the ratio is computed
# when there is a peer.
row() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" >>"$rows"
}
ms() { awk -v n="$1" 'BEGIN { printf "%.2f", n / 1e6 }'; }
mib() { awk -v n="$1" 'BEGIN { printf "%.1f", n / 1024 }'; }

# timed NAME RUNS WARMUP [--prepare CMD] -- CMD...: sets NAME_ns, NAME_rss,
# NAME_anon (median ns, peak RSS kB, peak private kB).
timed() {
	name=$1
	shift
	out=$("$BENCHTOOL" time "$@") || { say "bench: failed: $*"; exit 1; }
	set -- $out
	eval "${name}_ns=$1 ${name}_rss=$3 ${name}_anon=$4"
}

# ---- 5a. demo: throughput --------------------------------------------------
say "bench: demo, $students students, $talks talks (3 runs)"
demo_cmd="$BANGFU --db $db demo --students $students --talks $talks"
timed demo 3 0 --prepare "rm -rf '$db'" -- $demo_cmd
"$BANGFU" --db "$db" stats --json >"$work/stats.json"
pairings=$(sed -n 's/.*"pairings":\([0-9]*\).*/\1/p' "$work/stats.json")
row demo_rate "demo: talks written per second" "talks/s" \
	"$(awk -v t="$talks" -v ns="$demo_ns" 'BEGIN { printf "%.0f", t / (ns / 1e9) }')" "" ""

# ---- 5b. sizes ---------------------------------------------------------------
say "bench: export dump"
# the full dump: a counsellor sees every text (the SQLite copy must hold
# what bangfu holds)
timed dump 1 0 -- "$BANGFU" --db "$db" --role counsellor export dump -o "$work/dump.jsonl"
dbsize=$(wc -c <"$db/data.mdb")
dumpsize=$(wc -c <"$work/dump.jsonl")
"$BANGFU" --db "$db" backup "$work/compact.mdb" >/dev/null
compact=$(wc -c <"$work/compact.mdb")
rm -f "$work/compact.mdb"
row size_db "database (data.mdb) vs JSON Lines dump" MiB \
	"$(mib $((dbsize / 1024)))" "$(mib $((dumpsize / 1024)))" ""
row size_compact "compact backup vs JSON Lines dump" MiB \
	"$(mib $((compact / 1024)))" "$(mib $((dumpsize / 1024)))" ""

# ---- the peers' data, from the dump -------------------------------------------
say "bench: SQLite database, address book and students CSV from the dump"
"$BENCHTOOL" load "$work/dump.jsonl" "$work/sql.db" "$work/addressbook" \
	"$work/students.csv" 2>/dev/null
row size_sqlite "SQLite database (no audit log) vs dump" MiB \
	"$(mib $(($(wc -c <"$work/sql.db") / 1024)))" "$(mib $((dumpsize / 1024)))" ""
rm -f "$work/dump.jsonl"

# ---- 1. find vs abook --mutt-query ---------------------------------------------
# A student in the middle of the CSV: a name, its pinyin initials, a number.
line=$(sed -n "$((students / 2 + 1))p" "$work/students.csv")
q_no=$(printf '%s' "$line" | cut -d, -f1)
q_name=$(printf '%s' "$line" | cut -d, -f2)
q_ini=$(awk -v no="$q_no" '/^email=/ { e = $0 } /^nick=/ && index(e, "=" no "@") { sub(/^nick=/, ""); print; exit }' "$work/addressbook")
for q in name:"$q_name" initials:"$q_ini" number:"$q_no"; do
	k=${q%%:*}
	v=${q#*:}
	say "bench: find by $k ($v) vs abook"
	timed bf $runs 3 -- "$BANGFU" --db "$db" find "$v"
	timed ab $runs 3 -- abook --datafile "$work/addressbook" --mutt-query "$v"
	row "find_$k" "find by $k (whole process)" ms "$(ms $bf_ns)" "$(ms $ab_ns)" "0.2"
	eval "find_${k}_rss=\$bf_rss find_${k}_anon=\$bf_anon"
	ab_rss_last=$ab_rss
done

# ---- 2. the same questions: bangfu's model vs SQLite, in-process --------------
semester=$(sqlite3 "$work/sql.db" "SELECT code FROM semester WHERE start <= '$BANGFU_TODAY' AND end >= '$BANGFU_TODAY'")
college=$(sqlite3 "$work/sql.db" "SELECT c.name FROM pairing p JOIN college c ON c.id = p.college_id JOIN semester s ON s.id = p.semester_id WHERE s.code = '$semester' GROUP BY c.id ORDER BY count(*) DESC, c.name LIMIT 1")
busiest=$(sqlite3 "$work/sql.db" "SELECT s.student_no || ' ' || count(*) FROM talk t JOIN student s ON s.id = t.target_id GROUP BY t.target_id ORDER BY count(*) DESC, s.student_no LIMIT 1")
student=${busiest% *}
say "bench: model vs SQLite on $college, $semester, student $student (${busiest#* } talks)"
"$BENCHTOOL" sql "$db" "$work/sql.db" "$college" "$semester" "$student" $runs >"$work/sql.out"
while read -r q b s nb ns same; do
	if [ "$b" = - ]; then
		say "bench: skipped in-process $q: bangfu cannot answer it here"
		continue
	fi
	note=""
	if [ "$nb" != "$ns" ]; then
		note=" [ROWS DIFFER: $nb vs $ns]"
	elif [ "$same" != same ] && [ "$q" != roster_college ]; then
		note=" [ANSWERS DIFFER]"
	fi
	row "inproc_$q" "in-process: $q ($nb rows)$note" ms "$(ms $b)" "$(ms $s)" "1.0"
done <"$work/sql.out"

# The same as whole processes, where bangfu has a command for it: the
# command against the sqlite3 tool running the same SQL.
cli_pair() {   # KEY QUESTION BANGFU-ARGS...
	key=$1 qn=$2
	shift 2
	if ! "$BANGFU" --db "$db" "$@" >/dev/null 2>&1; then
		say "bench: skipped $key: bangfu $* does not work here"
		return 0
	fi
	"$BENCHTOOL" sqltext "$qn" "$college" "$semester" "$student" >"$work/q.sql"
	timed bf $runs 3 -- "$BANGFU" --db "$db" "$@"
	timed sq $runs 3 -- sqlite3 -init "$work/q.sql" -batch "$work/sql.db" .quit
	row "cli_$key" "bangfu $1 $2 (whole process)" ms "$(ms $bf_ns)" "$(ms $sq_ns)" "1.0"
	eval "cli_${key}_rss=\$bf_rss cli_${key}_anon=\$bf_anon"
}
cli_pair overdue overdue_college report overdue --college "$college"
cli_pair summary summary_facts report summary --college "$college" --semester "$semester"
cli_pair roster roster_college export roster --college "$college" --semester "$semester" -o "$work/roster.csv"

# ---- 3. import of a students CSV ------------------------------------------------
say "bench: import $students students vs sqlite3 .import"
imp=$work/imp
timed bi 5 1 --prepare "rm -rf '$imp' && '$BANGFU' --db '$imp' init >/dev/null" -- \
	"$BANGFU" --db "$imp" import students "$work/students.csv"
cat >"$work/imp.sql" <<'EOF'
CREATE TABLE student(student_no TEXT NOT NULL, name TEXT NOT NULL, gender TEXT,
  college TEXT NOT NULL, class_name TEXT, political TEXT, phone TEXT, kinds TEXT);
CREATE UNIQUE INDEX student_no ON student(student_no);
CREATE INDEX student_college ON student(college, student_no);
CREATE INDEX student_name ON student(name);
EOF
timed si 5 1 --prepare "rm -f '$work/imp.db' && sqlite3 '$work/imp.db' <'$work/imp.sql'" -- \
	sqlite3 "$work/imp.db" ".import --csv --skip 1 $work/students.csv student"
[ "$(sqlite3 "$work/imp.db" 'SELECT count(*) FROM student')" = "$students" ] ||
	say "bench: sqlite3 .import did not load every row"
row import "import $students students (CSV)" ms "$(ms $bi_ns)" "$(ms $si_ns)" "1.0"
rm -rf "$imp" "$work/imp.db"

# ---- 4. the screens ---------------------------------------------------------------
# The peer column here is the same database with a tenth of the talks:
# a ratio near 1 means the screen does not grow with the number of talks.
if "$BENCHTOOL" tui --probe >/dev/null 2>&1; then
	say "bench: TUI first screen and list filter keystrokes"
	"$BANGFU" --db "$work/db10" demo --students $students --talks $((talks / 10)) >/dev/null
	tui() {   # DB PREFIX: median of 3 first screens, keys from the last run
		for i in 1 2 3; do
			"$BENCHTOOL" tui "$1" 1000 >"$work/tui.$i" 2>>"$work/tui.err"
		done
		eval "$2_first=$(cat "$work"/tui.[123] | awk '$1 == "first" { print $2 }' | sort -n | sed -n 2p)"
		eval "$2_key50=$(awk '$1 == "key50" { print $2 }' "$work/tui.3")"
		eval "$2_key99=$(awk '$1 == "key99" { print $2 }' "$work/tui.3")"
		eval "$2_keys=\"$(awk '$1 == "keys"' "$work/tui.3")\""
	}
	tui "$db" big
	tui "$work/db10" tenth
	rm -rf "$work/db10"
	row tui_first "TUI: start to first drawn screen (vs 1/10 the talks)" ms \
		"$(ms $big_first)" "$(ms $tenth_first)" "30 ms"
	row tui_key50 "TUI: filter keystroke to redraw, p50 (vs 1/10 talks)" ms \
		"$(ms $big_key50)" "$(ms $tenth_key50)" ""
	row tui_key99 "TUI: filter keystroke to redraw, p99 (vs 1/10 talks)" ms \
		"$(ms $big_key99)" "$(ms $tenth_key99)" "5 ms"
	say "bench: TUI $big_keys (full), $tenth_keys (a tenth of the talks)"
else
	say "bench: skipped the TUI figures (benchtool tui is not available)"
fi

# ---- 5c. peak memory of each command --------------------------------------------
rssrow() {   # KEY LABEL RSS_KB ANON_KB
	[ -n "$3" ] || return 0
	row "rss_$1" "peak RSS: $2 (private part ${4:-?} kB)" MiB "$(mib "$3")" "" "32 MiB"
}
rssrow demo "bangfu demo" "$demo_rss" "$demo_anon"
rssrow dump "bangfu export dump" "$dump_rss" "$dump_anon"
rssrow find_name "bangfu find NAME" "$find_name_rss" "$find_name_anon"
rssrow find_initials "bangfu find INITIALS" "$find_initials_rss" "$find_initials_anon"
rssrow find_number "bangfu find NUMBER" "$find_number_rss" "$find_number_anon"
rssrow import "bangfu import students" "$bi_rss" "$bi_anon"
rssrow overdue "bangfu report overdue" "${cli_overdue_rss:-}" "${cli_overdue_anon:-}"
rssrow summary "bangfu report summary" "${cli_summary_rss:-}" "${cli_summary_anon:-}"
rssrow roster "bangfu export roster" "${cli_roster_rss:-}" "${cli_roster_anon:-}"
row rss_abook "peak RSS: abook --mutt-query (peer)" MiB "$(mib "$ab_rss_last")" "" ""

# ---- the table and the JSON -------------------------------------------------------
stamp=$(date -u +%Y%m%dT%H%M%SZ)
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
json=$results/bench-$size-$stamp.json
awk -F '\t' -v size="$size" -v students="$students" -v talks="$talks" \
	-v pairings="$pairings" -v runs="$runs" -v stamp="$stamp" -v json="$json" \
	-v rev="$(cd "$here" && git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
	-v load="$load" -v machine="$(nproc 2>/dev/null || echo ?) CPUs, $(uname -sr)" \
	-v params_find="name $q_name, initials $q_ini, number $q_no; abook has no pinyin: it finds nothing for the initials, at the same cost" \
	-v params_sql="college $college, semester $semester, today $BANGFU_TODAY, student $student (${busiest#* } talks, the most of anyone)" '
function q(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
function num(s) { return s == "" ? "null" : s }
{
	ratio = ""
	if ($5 != "" && $5 + 0 > 0)
		ratio = sprintf("%.2f", $4 / $5)
	key[NR] = $1; label[NR] = $2; unit[NR] = $3; b[NR] = $4; p[NR] = $5
	r[NR] = ratio; target[NR] = $6
}
END {
	printf "bangfu bench (%s: %s students, %s pairings, %s talks; median of %s runs; %s, commit %s)\n",
		size, students, pairings, talks, runs, stamp, rev
	printf "machine: %s; load average at the end %s\n", machine, load
	printf "find: %s\nquestions: %s\n\n", params_find, params_sql
	printf "%-62s %6s %12s %12s %7s %8s\n", "figure", "unit", "bangfu", "peer", "ratio", "target"
	for (i = 1; i <= NR; i++)
		printf "%-62s %6s %12s %12s %7s %8s\n", label[i], unit[i], b[i], p[i], r[i], target[i]
	printf "{\n  \"size\": %s, \"students\": %s, \"pairings\": %s, \"talks\": %s,\n", q(size), students, pairings, talks > json
	printf "  \"runs\": %s, \"time\": %s, \"commit\": %s,\n", runs, q(stamp), q(rev) > json
	printf "  \"machine\": %s, \"load\": %s,\n", q(machine), q(load) > json
	printf "  \"find\": %s,\n  \"questions\": %s,\n  \"figures\": [\n", q(params_find), q(params_sql) > json
	for (i = 1; i <= NR; i++)
		printf "    {\"key\": %s, \"figure\": %s, \"unit\": %s, \"bangfu\": %s, \"peer\": %s, \"ratio\": %s, \"target\": %s}%s\n",
			q(key[i]), q(label[i]), q(unit[i]), num(b[i]), num(p[i]), num(r[i]), q(target[i]),
			i < NR ? "," : "" > json
	printf "  ]\n}\n" > json
}' "$rows" | tee "$work/table.txt"
echo
echo "written: $json"
cp "$work/table.txt" "$results/bench-$size-$stamp.txt"
$keep || rm -rf "$work"
