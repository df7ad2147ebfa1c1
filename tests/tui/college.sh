#!/bin/sh
# The college settings and the dashboard's college, at 80x24 in Chinese:
#  - 8 opens a college's settings (name, code, the pairing limit, the
#    overdue days) with its counsellors; F6 shows another college, F4 edits
#    the settings in the college form, F2 adds a counsellor to it;
#  - more overdue days there change what the dashboard calls overdue;
#  - the dashboard shows one college or all (F6), every figure for that
#    choice, and remembers it after a restart (the user's file).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

bf import students "$DATA/students.csv"
bf import counsellors "$DATA/counsellors.csv"
bf semester start 2025-2026-2   # an import makes no semester
bf import pairings "$DATA/pairings.csv"
bf import talks "$DATA/talks.csv"
is "$rc" 0 "the data is imported"

tui_start -x 80 -y 24
ok "the dashboard, all colleges" wait_for "· 全部学院"
ok "three pairings are overdue" wait_for "超期结对：3 个"
keys F9
ok "the reports page offers the settings" wait_for "学院设置和辅导员…"
keys 8
ok "8 opens the college settings" wait_for "学院：机械工程学院"
ok "its counsellor" wait_for "本学院辅导员：1 名"
ok "孙丽 is listed" wait_for "孙丽"
keys F6
ok "F6 chooses another college" wait_for "计算机科学与技术学院"
keys Down Enter
ok "计算机科学与技术学院's settings" wait_for "学院：计算机科学与技术学院"
ok "the defaults as the rules apply them" wait_for "每名党员结对上限：1   超过 14 天未谈话即为超期"
ok "its two counsellors" wait_for "本学院辅导员：2 名"
keys F2
ok "F2 adds a counsellor" wait_for "辅导员 — 新建"
ok "to this college" wait_for "计算机科学与技术学院"
keys Escape
ok "back to the settings" wait_for "本学院辅导员：2 名"
keys F4
ok "F4 opens the college form" wait_for "学院 — 编辑"
keys Tab Tab Tab Tab
keys C-u
keys -l 60
keys F2
ok "saved: 60 days" wait_for "超过 60 天未谈话即为超期"
bf export dump
ok "the college keeps 60 days" sh -c 'grep "\"type\":\"college\"" "$1" | grep "计算机科学与技术学院" | grep -q "\"overdue_days\":60"' _ "$T/out"
keys 1
ok "on the dashboard only 孟凡's pairing (机械, 14 days) is overdue" wait_for "超期结对：1 个"

# One college on the dashboard, remembered.
keys F6
ok "F6 on the dashboard: all or one college" wait_for "全部学院"
keys Down Enter
ok "机械工程学院 is shown" wait_for "· 机械工程学院"
ok "its pairings only" wait_for "结对：2   党员：2   辅导员：1"
ok "its assisted students only" wait_for "帮扶对象：1"
keys F10
ok "quits" wait_gone
ok "the choice is in the user's file" grep -q "college = 机械工程学院" "$HOME/.config/bangfu/dashboard"
tui_start -x 80 -y 24
ok "after a restart the dashboard shows 机械工程学院" wait_for "· 机械工程学院"
ok "with its figures" wait_for "结对：2   党员：2   辅导员：1"
keys F6
keys Enter
ok "all colleges again" wait_for "· 全部学院"
ok "every pairing" wait_for "结对：4   党员：4   辅导员：3"
keys F10
ok "quits" wait_gone
ok "all colleges is remembered too" sh -c '! grep -q "^college" "$1"' _ "$HOME/.config/bangfu/dashboard"

done_testing
