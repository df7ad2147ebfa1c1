#!/bin/sh
# A writer killed with SIGKILL at random moments loses nothing it reported
# as committed, and leaves a sound database.
. "$top_srcdir/tests/lib.sh"

CW="$top_builddir/tests/tools/crashwriter"
ok "the crash writer is built" test -x "$CW"

bf init
is "$rc" 0 "init exits 0"

: >"$T/all"
rounds=5
r=1
while [ "$r" -le "$rounds" ]; do
	# A random moment between 0.2 and 0.8 seconds.
	ms=$(awk -v s="$$$r" 'BEGIN { srand(s + 0); printf "%d", 200 + rand() * 600 }')
	"$CW" "$DB" "209$r" >"$T/round$r" 2>"$T/cwerr$r" &
	pid=$!
	sleep "$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	n=$(grep -Ec '^[0-9]{10}$' "$T/round$r")
	ok "round $r: the writer committed students before it was killed after ${ms} ms ($n)" test "$n" -gt 0
	ok "round $r: the writer reported no error" test ! -s "$T/cwerr$r"
	grep -E '^[0-9]{10}$' "$T/round$r" >>"$T/all"
	# The last number reported is the one most at risk.
	last=$(grep -E '^[0-9]{10}$' "$T/round$r" | tail -n 1)
	if [ -n "$last" ]; then
		bf find "$last"
		ok "round $r: the last reported student $last is found" grep -q "^$last	" "$T/out"
	fi
	r=$((r + 1))
done

total=$(wc -l <"$T/all")
ok "the writers reported students ($total)" test "$total" -gt 0

# Every reported number is in the database.
bf export dump
is "$rc" 0 "export dump exits 0 after the kills"
grep -o '"student_no": *"[0-9]*"' "$T/out" | sed 's/.*"\([0-9]*\)"$/\1/' | sort -u >"$T/stored"
sort -u "$T/all" >"$T/reported"
comm -23 "$T/reported" "$T/stored" >"$T/lost"
is "$(wc -l <"$T/lost" | tr -d ' ')" 0 "no reported student is lost"
ok "the lost ones, if any: $(head -n 5 "$T/lost" | tr '\n' ' ')" true

bf check
is "$rc" 0 "check finds the database sound after the kills"
if [ "$rc" -ne 0 ]; then head -n 20 "$T/out" "$T/err" | sed 's/^/# /'; fi

# A fresh writer can go on writing.
"$CW" "$DB" 2098 10 >"$T/after" 2>"$T/cwerr"
is "$?" 0 "a new writer runs to completion after the kills"
is "$(grep -Ec '^[0-9]{10}$' "$T/after")" 10 "it commits all its students"
bf find 2098000009
ok "its last student is found" grep -q '^2098000009	测试九	崩溃测试学院	崩溃测试1班$' "$T/out"

done_testing
