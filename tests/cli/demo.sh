#!/bin/sh
# demo: deterministic, sound, with realistic student numbers.
. "$top_srcdir/tests/lib.sh"

# Run the same seed into two databases.
rc=0; "$BANGFU" --db "$T/a" demo --students 400 --talks 2000 --seed 7 >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 0 "demo exits 0"
ok "demo says what it made" grep -q '400' "$T/out"
ok "demo shows no progress when stderr is not a terminal" test ! -s "$T/err"
rc=0; "$BANGFU" --db "$T/b" demo --students 400 --talks 2000 --seed 7 >/dev/null 2>&1 || rc=$?
is "$rc" 0 "demo with the same seed again exits 0"

sa=$("$BANGFU" --db "$T/a" stats --json)
sb=$("$BANGFU" --db "$T/b" stats --json)
is "$sb" "$sa" "the same seed gives the same counts"
ok "demo makes the students asked for" sh -c "echo '$sa' | grep -q '\"students\":400,'"
ok "demo makes the talks asked for" sh -c "echo '$sa' | grep -q '\"talks\":2000,'"
for k in colleges members targets counsellors pairings aid; do
	ok "demo makes $k" sh -c "! echo '$sa' | grep -q '\"$k\":0[,}]'"
done

for q in 20 张 li wang 学 2; do
	"$BANGFU" --db "$T/a" find "$q" >"$T/fa" 2>&1
	"$BANGFU" --db "$T/b" find "$q" >"$T/fb" 2>&1
	ok "the same seed: find $q prints the same" cmp -s "$T/fa" "$T/fb"
done
ok "find 张 finds demo students" test -s "$T/fa"

rc=0; "$BANGFU" --db "$T/a" check >"$T/out" 2>&1 || rc=$?
is "$rc" 0 "the demo database passes check"
if [ "$rc" -ne 0 ]; then head -n 20 "$T/out" | sed 's/^/# /'; fi

# Student numbers: 10 digits starting with a year 20xx.
"$BANGFU" --db "$T/a" find 2 >"$T/all"
is "$(wc -l <"$T/all" | tr -d ' ')" 400 "every student's number starts with 2"
bad=$(cut -f1 "$T/all" | grep -Ecv '^20[0-9]{8}$')
is "$bad" 0 "every student number is 10 digits starting with 20xx"
ok "every student has a name, a college and a class" \
	sh -c "! awk -F '\t' 'NF != 4 || \$2 == \"\" || \$3 == \"\" || \$4 == \"\"' '$T/all' | grep -q ."

# A different seed gives different data.
rc=0; "$BANGFU" --db "$T/c" demo --students 400 --talks 2000 --seed 8 >/dev/null 2>&1 || rc=$?
is "$rc" 0 "demo with another seed exits 0"
"$BANGFU" --db "$T/c" find 2 >"$T/allc"
ok "another seed gives other students" sh -c "! cmp -s '$T/all' '$T/allc'"

# Only into an empty database.
rc=0; "$BANGFU" --db "$T/a" demo --students 10 --talks 10 >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 1 "demo into a database that is not empty exits 1"
ok "it says why" grep -q '^bangfu: ' "$T/err"
is "$("$BANGFU" --db "$T/a" stats --json)" "$sa" "the refused demo changed nothing"

# On a terminal the demo shows its progress, on stderr only: the terminal
# (what `script` records) shows it, the result on stdout has none of it.
if command -v script >/dev/null 2>&1; then
	script -qec "\"$BANGFU\" --lang en --db \"$T/tty\" demo --students 3000 --talks 6000 >\"$T/tty.stdout\"" /dev/null >"$T/tty.out" 2>&1
	ok "on a terminal the demo shows its progress" grep -Eq 'talks [0-9]+/6000' "$T/tty.out"
	ok "the progress is not in the result on stdout" sh -c "! grep -Eq '[0-9]+/[0-9]+' '$T/tty.stdout'"
	ok "the result is on stdout" grep -q 'talks' "$T/tty.stdout"
fi

# The defaults: 2000 students, 10000 talks.
bf demo
is "$rc" 0 "demo with the defaults exits 0"
bf stats --json
ok "the default demo has 2000 students" grep -q '"students":2000,' "$T/out"
ok "the default demo has 10000 talks" grep -q '"talks":10000,' "$T/out"

# On any day of the year the demo's records keep the programme's rules (a
# pairing starts inside its semester, not after today): one day a month,
# the first days of a term included.
for day in 2026-01-15 2026-02-20 2026-03-02 2026-04-10 2026-05-20 2026-06-30 \
	2026-07-25 2026-08-15 2026-09-03 2026-10-20 2026-11-11 2026-12-03; do
	rm -rf "$T/days"
	rc=0
	BANGFU_TODAY=$day "$BANGFU" --db "$T/days" demo --students 300 --talks 300 \
		>/dev/null 2>"$T/err" || rc=$?
	is "$rc" 0 "a demo made on $day keeps every rule"
done

done_testing
