#!/bin/sh
# summary_saved.sh — the saved (or final) summary is the document: bangfu
# report summary --saved writes the text the secretary edited and saved,
# as it is or as Markdown, to stdout or a file (0600, its full path named);
# without a saved text it says so and exits 1.
. "$top_srcdir/tests/lib.sh"
C=计算机科学与技术学院
SEM=2025-2026-2

bf init --semester $SEM
bf import students "$DATA/students.csv"
bf import pairings "$DATA/pairings.csv"
is "$rc" 0 "the fixtures import"

bf report summary --college $C --semester $SEM --saved
is "$rc" 1 "--saved without a saved summary: exit 1"
ok "it says none is saved and how to save one" grep -q "还没有保存的总结.*report save" "$T/err"

bf report summary --college $C --semester $SEM -o "$T/draft.txt"
is "$rc" 0 "a draft"
# The secretary's edit: a sentence of their own in the middle.
awk 'NR == 4 { print "本学期我院还组织了一次结对经验交流会，由三名党员介绍了帮扶心得。" } { print }' \
	"$T/draft.txt" >"$T/edited.txt"
bf report save --college $C --semester $SEM "$T/edited.txt"
is "$rc" 0 "the edited text is saved"

bf report summary --college $C --semester $SEM --saved
is "$rc" 0 "--saved writes the saved text"
ok "with the edit" grep -q "结对经验交流会" "$T/out"
bf report summary --college $C --semester $SEM
ok "a fresh draft does not have it" sh -c "! grep -q 结对经验交流会 '$T/out'"

bf report summary --college $C --semester $SEM --saved -o "$T/总结.md"
is "$rc" 0 "--saved to a Markdown file"
ok "its message names the file by its full path" grep -q "已写入 $T/总结.md：已保存的总结草稿" "$T/out"
ok "the title is the heading" sh -c "head -n 1 '$T/总结.md' | grep -q '^# .*结对帮扶工作总结'"
ok "the parts are headings" grep -q "^## 一、基本情况" "$T/总结.md"
ok "the edit is in it" grep -q "结对经验交流会" "$T/总结.md"
is "$(stat -c %a "$T/总结.md")" 600 "readable by its owner only"

bf report summary --college $C --semester $SEM --saved --format txt -o "$T/总结.txt"
is "$rc" 0 "--saved as text"
ok "no Markdown marks in the text" sh -c "! grep -q '^#' '$T/总结.txt'"
bf report summary --college 不存在 --semester $SEM --saved
is "$rc" 1 "an unknown college: exit 1"
done_testing
