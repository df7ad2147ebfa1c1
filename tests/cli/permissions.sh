#!/bin/sh
# The database folder's permissions, and a database on a read-only medium.
# A folder others could read is made private (0700, files 0600) and the user
# told once; a folder others may write and that is not the user's is
# refused; a folder that cannot be written is read read-only, without a
# lock file, with a warning (write commands are refused).
. "$top_srcdir/tests/lib.sh"

umask 022

# ---- tightened, said once ----------------------------------------------------
mkdir -m 777 "$T/open"
chmod 777 "$T/open"
rc=0; "$BANGFU" --db "$T/open" init >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 0 "init in a 0777 folder exits 0"
is "$(stat -c %a "$T/open")" 700 "the folder becomes 0700"
is "$(stat -c %a "$T/open/data.mdb")" 600 "data.mdb is 0600"
ok "init says it made the folder private" grep -q '设为私有' "$T/err"
is "$(grep -c '设为私有' "$T/err")" 1 "and says so once"
rc=0; "$BANGFU" --db "$T/open" stats >"$T/out" 2>"$T/err" || rc=$?
ok "the next command says nothing of it" test ! -s "$T/err"

"$BANGFU" --db "$DB" demo --students 100 --talks 200 >/dev/null 2>&1
chmod 755 "$DB"
chmod 644 "$DB/data.mdb" "$DB/lock.mdb"
rc=0; "$BANGFU" --db "$DB" stats >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 0 "a 0755 folder with a 0644 data.mdb still opens"
is "$(stat -c %a "$DB")" 700 "its folder becomes 0700"
is "$(stat -c %a "$DB/data.mdb")" 600 "its data.mdb becomes 0600"
is "$(stat -c %a "$DB/lock.mdb")" 600 "its lock.mdb becomes 0600"
ok "the user is told, naming the folder" grep -qF "$DB" "$T/err"
rc=0; "$BANGFU" --lang en --db "$T/open" stats >/dev/null 2>&1 || rc=$?
chmod 750 "$T/open"
rc=0; "$BANGFU" --lang en --db "$T/open" stats >"$T/out" 2>"$T/err" || rc=$?
ok "in English: made private" grep -q 'private' "$T/err"

# ---- another user's folder that anyone may write -----------------------------
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	mkdir "$T/theirs"
	cp "$DB/data.mdb" "$T/theirs/"
	chown -R nobody "$T/theirs"
	chmod 777 "$T/theirs"
	rc=0; "$BANGFU" --db "$T/theirs" stats >"$T/out" 2>"$T/err" || rc=$?
	is "$rc" 1 "a folder of another user's that others may write is refused (exit 1)"
	ok "the message names it and says why" sh -c "grep -qF '$T/theirs' '$T/err' && grep -q '不属于你' '$T/err'"
	is "$(stat -c %a "$T/theirs")" 777 "and it is left as it was"
	ok "no lock file is made in it" test ! -e "$T/theirs/lock.mdb"
fi

# ---- read-only media ---------------------------------------------------------
# readers DIR: every command that only reads works on DIR.
readers() {
	for cmd in "stats" "check" "find 张" "list colleges" "list students" \
		"export dump -o -" "report overdue --college $col" "status"; do
		if [ "$cmd" = status ]; then
			rc=0; $RUN "$BANGFU" --db "$1" </dev/null >"$T/out" 2>"$T/err" || rc=$?
		else
			# shellcheck disable=SC2086
			rc=0; $RUN "$BANGFU" --db "$1" $cmd >"$T/out" 2>"$T/err" || rc=$?
		fi
		is "$rc" 0 "$2: $cmd exits 0"
		ok "$2: $cmd warns that nobody may write meanwhile" grep -q '只读' "$T/err"
	done
	rc=0; $RUN "$BANGFU" --db "$1" init --college 新学院 >"$T/out" 2>"$T/err" || rc=$?
	is "$rc" 3 "$2: a write is refused (exit 3)"
	ok "$2: saying the folder cannot be written" grep -q '无法写入' "$T/err"
	ok "$2: no lock file is made" test ! -e "$1/lock.mdb"
}
col=$("$BANGFU" --db "$DB" list colleges | sed -n 2p | cut -f2)
RUN=
if [ "$(id -u)" = 0 ] && mkdir "$T/ro" && mount -t tmpfs -o size=4m tmpfs "$T/ro" 2>/dev/null; then
	trap 'umount "$T/ro" 2>/dev/null; rm -rf "$T"' EXIT
	mkdir "$T/ro/db"
	cp "$DB/data.mdb" "$T/ro/db/"
	chmod 700 "$T/ro/db"
	mount -o remount,ro "$T/ro"
	readers "$T/ro/db" "a read-only mount"
	umount "$T/ro"
else
	echo "# skipped: a read-only mount needs root"
fi
# A write-protected copy read by a user who is not root (root ignores the
# modes): folder 0555, file 0444.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	P="$T/pub"
	mkdir -m 755 "$P" "$P/home" && chown nobody "$P/home" && chmod 755 "$T"
	mkdir "$P/db"
	cp "$DB/data.mdb" "$P/db/"
	chmod 444 "$P/db/data.mdb"
	chmod 555 "$P/db"
	RUN="setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=$P/home XDG_DATA_HOME=$P/home"
	if $RUN true 2>/dev/null; then
		readers "$P/db" "a 0555 folder"
	else
		echo "# skipped: cannot run as nobody"
	fi
	RUN=
else
	echo "# skipped: running as another user needs root and setpriv"
fi

done_testing
