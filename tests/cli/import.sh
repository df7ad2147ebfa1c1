#!/bin/sh
# import: each good fixture (tests/data/README), what it prints, the counts it
# leaves (stats --json), GB18030 like UTF-8, --dry-run writes nothing.
. "$top_srcdir/tests/lib.sh"

json() {
	bf stats --json
	cat "$T/out"
}
dump() {
	bf export dump
	cp "$T/out" "$1"
}

bf init
is "$rc" 0 "init exits 0"

# ---- dry runs first: they check everything and write nothing
dump "$T/empty.dump"
bf --lang en import students "$DATA/students.csv" --dry-run
is "$rc" 0 "import students --dry-run of a good file exits 0"
ok "the dry run says nothing was written" grep -q 'nothing was written (dry run)' "$T/out"
ok "the dry run says what it would create" grep -Eq '^  students +9$' "$T/out"
dump "$T/after-dry.dump"
ok "the dry run wrote nothing (export dump unchanged)" cmp -s "$T/empty.dump" "$T/after-dry.dump"
is "$(json)" '{"colleges":0,"students":0,"members":0,"targets":0,"counsellors":0,"pairings":0,"talks":0,"aid":0}' \
	"the dry run left every count at 0"
bf import -n students "$DATA/students.csv"
is "$rc" 0 "-n is --dry-run"
dump "$T/after-dry.dump"
ok "-n wrote nothing either" cmp -s "$T/empty.dump" "$T/after-dry.dump"

# ---- the good files in order
bf --lang en import students "$DATA/students.csv"
is "$rc" 0 "import students exits 0"
ok "it names the file and the rows" grep -qF "$DATA/students.csv: imported 9 rows (UTF-8)" "$T/out"
ok "it prints the students created" grep -Eq '^  students +9$' "$T/out"
ok "it prints the colleges created" grep -Eq '^  colleges +2$' "$T/out"
ok "it prints the party members created" grep -Eq '^  party members +4$' "$T/out"
ok "it prints the assisted students created" grep -Eq '^  assisted students +4$' "$T/out"
ok "nothing on stderr (no progress when stderr is not a terminal)" test ! -s "$T/err"
is "$(json)" '{"colleges":2,"students":9,"members":4,"targets":4,"counsellors":0,"pairings":0,"talks":0,"aid":0}' \
	"stats after students.csv"

bf --lang en import counsellors "$DATA/counsellors.csv"
is "$rc" 0 "import counsellors exits 0 (English header, columns reordered)"
ok "it prints the counsellors created" grep -Eq '^  counsellors +3$' "$T/out"
is "$(json)" '{"colleges":2,"students":9,"members":4,"targets":4,"counsellors":3,"pairings":0,"talks":0,"aid":0}' \
	"stats after counsellors.csv"

# A dry run on a database with data: checks against it, writes nothing.
# An import makes no semester: the file's 学期 must be started first.
dump "$T/before.dump"
bf --lang en import pairings "$DATA/pairings.csv" --dry-run
is "$rc" 1 "import pairings before its semester is started exits 1"
ok "it says how to start the semester" \
	grep -qF "$DATA/pairings.csv:2: semester: there is no semester 2025-2026-2; start it first: bangfu semester start 2025-2026-2" "$T/err"
bf semester start 2025-2026-2
is "$rc" 0 "semester start 2025-2026-2"
dump "$T/before.dump"
bf --lang en import pairings "$DATA/pairings.csv" --dry-run
is "$rc" 0 "import pairings --dry-run exits 0"
ok "the dry run would create 4 pairings" grep -Eq '^  pairings +4$' "$T/out"
dump "$T/after.dump"
ok "the dry run of pairings wrote nothing" cmp -s "$T/before.dump" "$T/after.dump"

bf --lang en import pairings "$DATA/pairings.csv"
is "$rc" 0 "import pairings exits 0"
ok "it prints the pairings created" grep -Eq '^  pairings +4$' "$T/out"
ok "it creates no semester" sh -c "! grep -q semesters '$T/out'"
is "$(json)" '{"colleges":2,"students":9,"members":4,"targets":4,"counsellors":3,"pairings":4,"talks":0,"aid":0}' \
	"stats after pairings.csv"

bf --lang en import talks "$DATA/talks.csv"
is "$rc" 0 "import talks exits 0 (a multi-line field, a counsellor's talk)"
ok "it prints the talks created" grep -Eq '^  talks +5$' "$T/out"
bf --lang en import aid "$DATA/aid.csv"
is "$rc" 0 "import aid exits 0"
ok "it prints the aid records created" grep -Eq '^  aid records +3$' "$T/out"
is "$(json)" '{"colleges":2,"students":9,"members":4,"targets":4,"counsellors":3,"pairings":4,"talks":5,"aid":3}' \
	"stats after every good file"

bf check
is "$rc" 0 "the imported database passes check"

# The rows are really there.
bf find 2022030101
ok "an imported student is found by number" grep -q '^2022030101	张伟	计算机科学与技术学院	计科2201$' "$T/out"
bf export dump
ok "an amount of 85.5 yuan is kept in fen (8550)" grep -q '"amount_fen": *8550' "$T/out"
ok "the multi-line talk content is kept whole" grep -q '错题本' "$T/out"

# In Chinese by default.
bf import students "$DATA/students.csv" --dry-run
is "$rc" 1 "importing the same students again is refused (exit 1)"
ok "the refusal is in Chinese by default" grep -q '已在数据库中' "$T/err"

# ---- GB18030 imports exactly like UTF-8
rc=0; "$BANGFU" --lang en --db "$T/gb" import students "$DATA/students-gb18030.csv" >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 0 "import of the GB18030 file exits 0"
ok "it says the file was GB18030" grep -q '(GB18030)' "$T/out"
"$BANGFU" --db "$T/gb" find 2 >"$T/gb.find"
bf find 2
ok "the GB18030 file gives the same students, names and colleges" cmp -s "$T/out" "$T/gb.find"
ok "the GB18030 students include 单 and 𠮷" sh -c "grep -q '单' '$T/gb.find' && grep -q '𠮷' '$T/gb.find'"

# ---- a missing file
bf import students "$T/none.csv"
is "$rc" 1 "importing a missing file exits 1"
ok "the missing file is named" grep -qF "$T/none.csv" "$T/err"

# ---- a long import shows progress only on a terminal: with stderr a file,
# nothing but the result is printed (checked above); with `script` giving a
# terminal, the progress goes to it.
if command -v script >/dev/null 2>&1; then
	awk 'BEGIN {
		print "学号,姓名,学院,政治面貌"
		for (i = 1; i <= 3000; i++) printf "2020%06d,王%s,测试学院,群众\n", i, (i % 2 ? "一" : "二")
	}' >"$T/many.csv"
	script -qec "\"$BANGFU\" --lang en --db \"$T/tty\" import students \"$T/many.csv\"" /dev/null >"$T/tty.out" 2>&1
	ok "on a terminal the import shows its progress" grep -q 'importing' "$T/tty.out"
	rc=0; "$BANGFU" --db "$T/tty" stats --json >"$T/out" 2>&1 || rc=$?
	ok "the import on a terminal imported every row" grep -q '"students":3000,' "$T/out"
fi

done_testing
