# roster.tpl — the pairing name list (结对帮扶名单, 附件1) that
# `bangfu export roster` and the reports screen write.
#
# [document]: the lines around the table. title and college are the two
# lines above it; attachment the mark at the top left above the title, and
# footer the line below the last row (either left out: these official ones;
# set empty: no such line). {{school}} is the school's name (bangfu init
# --school), {{college}} the college, {{semester}} the code (2025-2026-2),
# {{semester_name}} its long name and {{today}} today's date (2026年5月20日).
#
# [columns]: one line per column, in order: HEADER = FIELD. Reorder, rename
# or delete lines to change the table; a header may repeat. Fields:
#   seq (序号: 1, 2, ...)
#   member.name member.student_no member.class member.category (正式/预备)
#   member.political member.phone member.gender member.branch
#   target.name target.student_no target.class target.kinds (帮扶类型)
#   target.tier target.phone target.gender target.college (if another college)
#   pairing.start pairing.end pairing.note pairing.reason
#   pairing.remark (the note, a cross-college pairing's reason, its end)
# Rows are the pairings of the college and semester, ordered by the member's
# class and student number.

[document]
title = {{school}}学生党员“一对一”结对帮扶名单
college = 院(部):{{college}}
attachment = 附件1
footer = 填表人：          联系电话：          填表日期：{{today}}

[columns]
序号 = seq
党员姓名 = member.name
学号 = member.student_no
班级 = member.class
党员类别(正式/预备) = member.category
联系电话 = member.phone
帮扶对象姓名 = target.name
学号 = target.student_no
班级 = target.class
帮扶类型 = target.kinds
联系电话 = target.phone
备注 = pairing.remark
