#!/bin/sh
# Automatic backups: the first write of a day keeps a compact copy in the
# data folder's backups/ (7 daily, 4 weekly, 0600 in 0700); restore FILE
# shows what it holds, asks, keeps the database it replaces; a damaged
# database's message names the newest backup.
. "$top_srcdir/tests/lib.sh"

B="$DB/backups"
count() { ls "$B" 2>/dev/null | grep -c '^bangfu-.*\.mdb$'; }

BANGFU_TODAY=2026-03-01 bf demo --students 60 --talks 200 --seed 3
is "$rc" 0 "demo fills the database"

# Day 1: the first write makes one, a second write does not.
export BANGFU_TODAY=2026-03-02
bf init --school 第一大学
is "$rc" 0 "a write on 2026-03-02 exits 0"
ok "the first write of the day kept bangfu-2026-03-02.mdb" test -f "$B/bangfu-2026-03-02.mdb"
is "$(stat -c %a "$B" 2>/dev/null)" 700 "the backups folder is 0700"
is "$(stat -c %a "$B/bangfu-2026-03-02.mdb" 2>/dev/null)" 600 "the backup is 0600"
ok "no temporary file is left" sh -c "! ls '$B' | grep -q 'mdb\.'"
bf --lang en stats
students=$(awk '$1 == "students" { print $2 }' "$T/out")
cp "$B/bangfu-2026-03-02.mdb" "$T/first.mdb"
bf init --school 第二大学
is "$rc" 0 "a second write the same day exits 0"
is "$(count)" 1 "a second write the same day makes no second backup"
ok "the day's backup is the one from before the first write" cmp -s "$B/bangfu-2026-03-02.mdb" "$T/first.mdb"
mkdir -m 700 "$T/copy" && cp "$B/bangfu-2026-03-02.mdb" "$T/copy/data.mdb"
rc=0; "$BANGFU" --db "$T/copy" check >"$T/out" 2>&1 || rc=$?
is "$rc" 0 "the backup, copied as data.mdb, passes check"
ok "the backup is compact: not larger than the database" \
	test "$(stat -c %s "$B/bangfu-2026-03-02.mdb")" -le "$(stat -c %s "$DB/data.mdb")"

# A read does not make one.
BANGFU_TODAY=2026-03-03 bf stats
ok "a read on a new day makes no backup" test ! -f "$B/bangfu-2026-03-03.mdb"

# 20 days of writes (Mon 2026-03-02 .. Sat 2026-03-21): the 7 newest days
# (03-15 .. 03-21) and the newest of each older ISO week (03-14 of the week
# of 03-09, 03-08 of the week of 03-02).
d=3
while [ "$d" -le 21 ]; do
	day=$(printf '2026-03-%02d' "$d")
	BANGFU_TODAY=$day bf init --school "大学$d"
	d=$((d + 1))
done
is "$(ls "$B" | tr '\n' ' ')" \
	"bangfu-2026-03-08.mdb bangfu-2026-03-14.mdb bangfu-2026-03-15.mdb bangfu-2026-03-16.mdb bangfu-2026-03-17.mdb bangfu-2026-03-18.mdb bangfu-2026-03-19.mdb bangfu-2026-03-20.mdb bangfu-2026-03-21.mdb " \
	"after 20 days: 7 daily and the newest of each older week"
# Then a write each Friday: still 7 daily, and the newest of each older ISO
# week for 4 weeks (03-21, 03-15 and 03-08 first; 03-08 goes when a fifth
# week comes).
for day in 2026-03-27 2026-04-03 2026-04-10 2026-04-17 2026-04-24 2026-05-01 2026-05-08; do
	BANGFU_TODAY=$day bf init --school 大学
done
is "$(ls "$B" | tr '\n' ' ')" \
	"bangfu-2026-03-08.mdb bangfu-2026-03-15.mdb bangfu-2026-03-21.mdb bangfu-2026-03-27.mdb bangfu-2026-04-03.mdb bangfu-2026-04-10.mdb bangfu-2026-04-17.mdb bangfu-2026-04-24.mdb bangfu-2026-05-01.mdb bangfu-2026-05-08.mdb " \
	"seven Fridays later: 7 daily and 3 weekly"
BANGFU_TODAY=2026-05-15 bf init --school 大学
is "$(count)" 11 "one more: 7 daily and 4 weekly"
BANGFU_TODAY=2026-05-22 bf init --school 大学
is "$(ls "$B" | tr '\n' ' ')" \
	"bangfu-2026-03-15.mdb bangfu-2026-03-21.mdb bangfu-2026-03-27.mdb bangfu-2026-04-03.mdb bangfu-2026-04-10.mdb bangfu-2026-04-17.mdb bangfu-2026-04-24.mdb bangfu-2026-05-01.mdb bangfu-2026-05-08.mdb bangfu-2026-05-15.mdb bangfu-2026-05-22.mdb " \
	"and no more than 4 weekly: the oldest week goes"
ok "every backup is 0600" sh -c "test -z \"\$(find '$B' -type f ! -perm 600)\""

# A backup that cannot be written never stops the write: one warning.
export BANGFU_TODAY=2026-05-23
chmod 500 "$B"
if [ "$(id -u)" = 0 ]; then rm -rf "$B"; echo x >"$B"; fi
bf --lang en init --school 不停大学
is "$rc" 0 "a failed automatic backup does not stop the write"
is "$(grep -c 'automatic backup' "$T/err")" 1 "it is said once on stderr"
bf --lang en show college "$(awk 'NR == 2 { print $1 }' "$T/out")" 2>/dev/null
bf export dump
ok "the write went through" grep -q 不停大学 "$T/out"
chmod 700 "$B" 2>/dev/null; rm -f "$B" 2>/dev/null
mkdir -p "$B" && chmod 700 "$B"
cp "$T/first.mdb" "$B/bangfu-2026-05-22.mdb"

# restore: shows what it holds, asks; "no" changes nothing.
cp "$DB/data.mdb" "$T/before.mdb"
rc=0; echo n | "$BANGFU" --db "$DB" --lang en restore "$B/bangfu-2026-05-22.mdb" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 1 "restore answered no exits 1"
ok "restore shows the backup's students ($students)" grep -Eq "students +$students\$" "$T/out"
ok "restore shows colleges, pairings and talks" sh -c "grep -q colleges '$T/out' && grep -q pairings '$T/out' && grep -q talks '$T/out'"
ok "restore says whether check finds it sound" grep -Eq "check +sound" "$T/out"
ok "restore asks" grep -q '\[y/N\]' "$T/out"
ok "no: the database is unchanged" cmp -s "$DB/data.mdb" "$T/before.mdb"
# yes: put back, the replaced database kept.
rc=0; echo y | "$BANGFU" --db "$DB" --lang en restore "$B/bangfu-2026-05-22.mdb" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 0 "restore answered y exits 0"
cp "$T/out" "$T/restore-out"
bf export dump
cp "$T/out" "$T/dump-restored"
rc=0; "$BANGFU" --db "$T/copy" export dump >"$T/dump-backup" 2>/dev/null || rc=$?
ok "the restored database holds what the backup holds" cmp -s "$T/dump-restored" "$T/dump-backup"
ok "the replaced one is gone from the database" sh -c "! grep -q 不停大学 '$T/out'"
kept=$(ls "$B" | grep -E '^bangfu-2026-05-23-[0-9]{6}\.mdb$' | head -n 1)
ok "the replaced database is kept as a backup ($kept)" test -n "$kept"
ok "restore names it" grep -qF "$kept" "$T/restore-out"
bf check
is "$rc" 0 "the restored database passes check"
# undo with --yes
bf restore --yes "$B/$kept"
is "$rc" 0 "restore --yes of the kept one exits 0 (undo)"
bf export dump
ok "undone: the database holds what it held before" grep -q 不停大学 "$T/out"

# Damaged or foreign files are refused; the database unchanged.
cp "$DB/data.mdb" "$T/before.mdb"
head -c 40000 "$B/bangfu-2026-05-22.mdb" >"$T/cut.mdb"
bf restore --yes "$T/cut.mdb"
is "$rc" 3 "restore of a cut-off backup exits 3"
ok "it says the file is damaged" grep -q "cut.mdb" "$T/err"
ok "the database is unchanged" cmp -s "$DB/data.mdb" "$T/before.mdb"
echo "not a database" >"$T/text.mdb"
bf restore --yes "$T/text.mdb"
is "$rc" 1 "restore of a file that is no database exits 1"
ok "the database is unchanged" cmp -s "$DB/data.mdb" "$T/before.mdb"
ok "no temporary folder is left" sh -c "! ls -a '$DB' | grep -q restore"

# A damaged database: the message names the newest backup and the command.
newest=$(ls "$B" | grep -v -- '-[0-9]\{6\}\.mdb$' | tail -n 1)
cp "$DB/data.mdb" "$T/keep.mdb"
truncate -s 100000 "$DB/data.mdb"
bf check
is "$rc" 3 "check of a cut-off database exits 3"
ok "its message names the newest backup ($newest)" grep -q "backups/bangfu-2026-05-23-[0-9]*\.mdb\|$newest" "$T/err"
ok "and the restore command" grep -q "bangfu --db .* restore .*backups/" "$T/err"
bf list colleges
is "$rc" 3 "list of a cut-off database exits 3"
ok "its message names a backup too" grep -q "restore .*backups/bangfu-" "$T/err"

done_testing
