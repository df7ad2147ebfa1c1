#!/bin/sh
# A full disk: every command that cannot write says "磁盘已满" (disk full),
# names the folder and exits 3, never by a signal, and leaves nothing half
# written. On a small tmpfs (root only; skipped where it cannot be mounted).
. "$top_srcdir/tests/lib.sh"

M="$T/disk"
mkdir -p "$M"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=600k tmpfs "$M" 2>/dev/null; then
	echo "1..0 # SKIP cannot mount a small tmpfs here (needs root)"
	exit 0
fi
trap 'umount "$M" 2>/dev/null; rm -rf "$T"' EXIT

# fill KB — fills the tmpfs so that about KB kilobytes stay free.
fill() {
	rm -f "$M/fill"
	avail=$(df -k "$M" | awk 'NR == 2 { print $4 }')
	[ "$avail" -gt "$1" ] && dd if=/dev/zero of="$M/fill" bs=1k count=$((avail - $1)) 2>/dev/null
	sync
}

# ---- init on a full disk ----------------------------------------------------
for kb in 0 4 12; do
	rm -rf "$M/db"
	fill "$kb"
	rc=0; "$BANGFU" --db "$M/db" init >"$T/out" 2>"$T/err" || rc=$?
	is "$rc" 3 "init with ${kb} KB free exits 3 (no signal)"
	ok "init with ${kb} KB free says 磁盘已满" grep -q '磁盘已满' "$T/err"
	ok "init with ${kb} KB free names the folder" grep -qF "$M/db" "$T/err"
	ok "init with ${kb} KB free leaves nothing half written" test ! -e "$M/db"
done
rm -rf "$M/db"
fill 0
rc=0; "$BANGFU" --lang en --db "$M/db" init >"$T/out" 2>"$T/err" || rc=$?
ok "in English: disk full" grep -q 'disk full' "$T/err"

# ---- a write into a database on a full disk ---------------------------------
rm -f "$M/fill"
"$BANGFU" --db "$M/db" init >/dev/null 2>&1
fill 4
rc=0; "$BANGFU" --db "$M/db" demo --students 300 --talks 1000 >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 3 "a demo on a full disk exits 3"
ok "it says 磁盘已满" grep -q '磁盘已满' "$T/err"
rm -f "$M/fill"
rc=0; "$BANGFU" --db "$M/db" check >"$T/out" 2>&1 || rc=$?
is "$rc" 0 "the database is sound afterwards"
n=$("$BANGFU" --db "$M/db" stats --json | sed -n 's/.*"students":\([0-9]*\).*/\1/p')
is "$n" 0 "and holds nothing of the demo"

# ---- files written onto a full disk -----------------------------------------
"$BANGFU" --db "$DB" demo --students 300 --talks 1000 >/dev/null 2>&1
col=$("$BANGFU" --db "$DB" list colleges | sed -n 2p | cut -f2)
rm -rf "$M/db"
fill 2
rc=0; "$BANGFU" --db "$DB" export roster --college "$col" --format xlsx -o "$M/r.xlsx" \
	>"$T/out" 2>"$T/err" || rc=$?
is "$rc" 3 "an XLSX name list on a full disk exits 3"
ok "without libxlsxwriter's English [ERROR] lines" sh -c "! grep -q 'ERROR' '$T/err'"
is "$(wc -l <"$T/err" | tr -d ' ')" 1 "one message"
ok "that says 磁盘已满" grep -q '磁盘已满' "$T/err"
ok "and names the folder" grep -qF "$M" "$T/err"
ok "no file is left of it" sh -c "! ls '$M' | grep -q xlsx"
rc=0; "$BANGFU" --lang en --db "$DB" export roster --college "$col" --format xlsx -o "$M/r.xlsx" \
	>"$T/out" 2>"$T/err" || rc=$?
ok "in English too: disk full" grep -q '^bangfu: disk full' "$T/err"
rc=0; "$BANGFU" --db "$DB" backup "$M/b.mdb" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 3 "a backup onto a full disk exits 3"
ok "it says 磁盘已满" grep -q '磁盘已满' "$T/err"
ok "and leaves no file" sh -c "! ls '$M' | grep -q 'b\.mdb'"
rc=0; "$BANGFU" --db "$DB" export dump -o "$M/d.jsonl" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 3 "a dump onto a full disk exits 3"
ok "it says 磁盘已满" grep -q '磁盘已满' "$T/err"
ok "and leaves no file" sh -c "! ls '$M' | grep -q jsonl"

done_testing
