#!/bin/sh
# A damaged database file never kills bangfu by a signal: on copies of a
# demo database that were cut short, had pages zeroed or bits flipped, every
# command exits 0 or 3 (3 with "已损坏", the database damaged); `check`
# finds every record value whose bytes changed, by database and id, and a
# command that meets such a value stops with 3 instead of using it.
. "$top_srcdir/tests/lib.sh"

bf demo --seed 7
is "$rc" 0 "a demo database to damage"
SRC="$T/src"
cp -r "$DB" "$SRC"
size=$(wc -c <"$SRC/data.mdb")
C=计算机科学与技术学院

# fresh: a new copy of the sound database in $DB
fresh() {
	rm -rf "$DB"
	cp -r "$SRC" "$DB"
}

# flip OFFSET BIT: flips one bit of data.mdb in place.
flip() {
	b=$(od -An -tu1 -j "$1" -N1 "$DB/data.mdb" | tr -d ' ')
	b=$((b ^ (1 << $2)))
	printf "\\$(printf %o "$b")" | dd of="$DB/data.mdb" bs=1 seek="$1" conv=notrunc 2>/dev/null
}

# Every command on the damaged copy: exit 0 or 3; 3 says why. Counts runs
# and deaths by a signal in $runs and $killed.
runs=0
killed=0
bad=""
try_all() {
	for cmd in "check" "" "find 王" "list students" "export dump -o $T/out.jsonl" \
		"report overdue --college $C"; do
		# shellcheck disable=SC2086
		rc=0
		"$BANGFU" --db "$DB" $cmd >/dev/null 2>"$T/err" || rc=$?
		runs=$((runs + 1))
		case $rc in
		0) ;;
		3) grep -q '已损坏\|无法读取\|损坏\|corrupt\|不一致\|问题' "$T/err" ||
			bad="$bad [$1: $cmd: exit 3 without saying why: $(head -c 200 "$T/err")]" ;;
		*) killed=$((killed + 1)); bad="$bad [$1: $cmd: exit $rc]" ;;
		esac
	done
}

# ---- cut short: refused at open, exit 3, naming the damage
for cut in 8192 200000 $((size / 2)) $((size - 4096)); do
	fresh
	truncate -s "$cut" "$DB/data.mdb"
	for cmd in check stats "find 王"; do
		rc=0
		# shellcheck disable=SC2086
		"$BANGFU" --db "$DB" $cmd >/dev/null 2>"$T/err" || rc=$?
		is "$rc" 3 "cut to $cut bytes: $cmd exits 3"
	done
	ok "cut to $cut bytes: the message says the database is damaged and to restore it" \
		grep -q '已损坏.*备份' "$T/err"
done

# ---- zeroed pages and flipped bits at pseudo-random places (a fixed seed)
x=12345
# rnd N: a number in [0, N) in $r (not in a subshell: x must move on)
rnd() { x=$(((x * 1103515245 + 12345) % 2147483648)); r=$(((x / 65536) % $1)); }
pages=$((size / 4096))
for i in 1 2 3 4 5 6 7 8 9 10; do
	fresh
	rnd $((pages - 2))
	pg=$((r + 2))
	dd if=/dev/zero of="$DB/data.mdb" bs=4096 seek="$pg" count=1 conv=notrunc 2>/dev/null
	try_all "page $pg zeroed"
done
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	fresh
	for j in 1 2 3; do
		rnd $((size - 8192))
		off=$((r + 8192))
		rnd 8
		flip "$off" "$r"
	done
	try_all "round $i: 3 bits flipped"
done
is "$killed" 0 "no run of $runs on damaged copies died by a signal"
is "$bad" "" "every exit 3 says what is wrong"

# ---- a changed value is found: a bit of a student's name flipped
fresh
bf list students
name=$(sed -n 2p "$T/out" | cut -f3)
ok "a student to damage ($name)" test -n "$name"
off=$(grep -obaF "$name" "$DB/data.mdb" | head -n 1 | cut -d: -f1)
ok "the name is in the file" test -n "$off"
flip "$((off + 1))" 0
bf check
is "$rc" 3 "check finds the changed value"
ok "check names the student record by database and id, and the checksum" \
	grep -q '^student [0-9a-f]\{32\}: .*校验' "$T/out"
bf export dump -o "$T/dump.jsonl"
is "$rc" 3 "export dump stops at the damaged value instead of writing it"
bf list students
is "$rc" 3 "list students stops too"

# A file whose open has to create a database and commit over a damaged
# page (found by tests/fuzz/fuzz_db): a fault in the commit is the file's
# damage too, exit 3 and not SIGSEGV.
rm -rf "$DB"
mkdir -m 700 "$DB"
for f in damaged-commit damaged-tables damaged-missing; do
	gzip -dc "$DATA/$f.mdb.gz" >"$DB/data.mdb"
	for cmd in check "list students" "find 王"; do
		# shellcheck disable=SC2086
		bf $cmd
		is "$rc" 3 "$cmd on the fuzzer's $f: exit 3, not a signal"
	done
	ok "$f: it says damaged, before writing anything" grep -q "已损坏" "$T/err"
	gzip -dc "$DATA/$f.mdb.gz" | cmp -s - "$DB/data.mdb"
	is "$?" 0 "$f: the file is as it was"
done

# An audit entry whose bytes changed ("root@vm" became "rootDvm", as a
# flipped bit does): its checksum says so, check names it, exit 3.
rm -rf "$DB"
bf init
bf import students "$DATA/students.csv"
is "$rc" 0 "a database with audit entries"
mdb_dump -s audit "$DB" >"$T/audit.dump"
awk '/^HEADER=END$/ { print; h = 1; next }
	!h { print; next }
	n < 2 { if (n == 1) sub(/7440766d/, "7444766d"); print; n++ }
	END { print "DATA=END" }' "$T/audit.dump" >"$T/audit1.dump"
ok "one entry's who is changed" grep -q 7444766d "$T/audit1.dump"
mdb_load -s audit -f "$T/audit1.dump" "$DB"
is "$?" 0 "written back into the file"
bf check
is "$rc" 3 "check finds the changed audit entry"
ok "and names it" grep -q "审计记录：条目 [0-9a-f]* 已损坏" "$T/out" "$T/err"
bf export dump
is "$rc" 3 "export dump stops at it instead of writing rootDvm"

done_testing
