#!/bin/sh
# Two imports into one database at the same moment: LMDB lets one writer in
# at a time, so both succeed and nothing of either is lost.
. "$top_srcdir/tests/lib.sh"

# students_csv FILE YEAR N COLLEGE: N students numbered YEAR000001...
students_csv() {
	awk -v year="$2" -v n="$3" -v college="$4" 'BEGIN {
		split("王 李 张 刘 陈 杨 黄 赵 吴 周", sur, " ")
		split("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛", giv, " ")
		print "学号,姓名,性别,学院,班级,政治面貌"
		for (i = 1; i <= n; i++) {
			name = sur[i % 10 + 1] giv[int(i / 10) % 15 + 1] giv[i % 15 + 1]
			pol = (i % 7 == 0) ? "中共党员" : "共青团员"
			printf "%s%06d,%s,%s,%s,%s%d班,%s\n", year, i, name, (i % 2 ? "男" : "女"), college, "软件", i % 4 + 1, pol
		}
	}' >"$1"
}
students_csv "$T/a.csv" 2024 800 计算机学院
students_csv "$T/b.csv" 2025 800 计算机学院
students_csv "$T/c.csv" 2023 500 外国语学院
students_csv "$T/d.csv" 2022 500 外国语学院

# run_both DB FILE1 FILE2: starts both imports together, waits for both.
run_both() {
	"$BANGFU" --db "$1" import students "$2" >"$T/out1" 2>"$T/err1" &
	p1=$!
	"$BANGFU" --db "$1" import students "$3" >"$T/out2" 2>"$T/err2" &
	p2=$!
	rc1=0; wait "$p1" || rc1=$?
	rc2=0; wait "$p2" || rc2=$?
}

# numbers DB: every student number in the database, sorted.
numbers() {
	"$BANGFU" --db "$1" export dump | grep -o '"student_no": *"[0-9]*"' |
		sed 's/.*"\([0-9]*\)"$/\1/' | sort
}
numbers_of() {
	tail -n +2 "$1" | cut -d, -f1
}

# ---- into an existing database
bf init
is "$rc" 0 "init exits 0"
run_both "$DB" "$T/a.csv" "$T/b.csv"
is "$rc1" 0 "the first import exits 0"
is "$rc2" 0 "the second import exits 0"
ok "neither import reports an error" sh -c "! test -s '$T/err1' && ! test -s '$T/err2'"
bf stats --json
ok "stats counts the students of both files (1600)" grep -q '"students":1600,' "$T/out"
ok "stats counts one college, made once" grep -q '"colleges":1,' "$T/out"
{ numbers_of "$T/a.csv"; numbers_of "$T/b.csv"; } | sort >"$T/want"
numbers "$DB" >"$T/have"
ok "every student of both files is there" cmp -s "$T/want" "$T/have"
bf check
is "$rc" 0 "check finds the database sound"

# ---- into a database that does not exist yet: both create it
run_both "$T/new" "$T/c.csv" "$T/d.csv"
is "$rc1" 0 "the first import into a new database exits 0"
is "$rc2" 0 "the second import into a new database exits 0"
if [ "$rc1" -ne 0 ] || [ "$rc2" -ne 0 ]; then cat "$T/err1" "$T/err2" | sed 's/^/# /'; fi
{ numbers_of "$T/c.csv"; numbers_of "$T/d.csv"; } | sort >"$T/want"
numbers "$T/new" >"$T/have"
ok "every student of both files is in the new database" cmp -s "$T/want" "$T/have"
rc=0; "$BANGFU" --db "$T/new" check >"$T/out" 2>&1 || rc=$?
is "$rc" 0 "check finds the new database sound"

# ---- the same student in both files: exactly one import wins
students_csv "$T/e.csv" 2021 300 数学学院
cp "$T/e.csv" "$T/f.csv"
run_both "$DB" "$T/e.csv" "$T/f.csv"
is "$((rc1 + rc2))" 1 "of two imports of the same students one succeeds and one exits 1"
bf stats --json
ok "the students are there once (1900)" grep -q '"students":1900,' "$T/out"

done_testing
