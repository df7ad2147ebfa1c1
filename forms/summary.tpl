{{! summary.tpl — the semester summary (结对帮扶情况总结) drafted by
    `bangfu report summary` and the reports screen. Edit the wording freely;
    every number comes from the database through these names:
    college semester semester_name today asof past
    pairings members members_full members_prob by_branch targets
    kind_academic kind_financial kind_psych kind_list kinds_any tier_list
    cross_college ended active status all_ended all_active
    on_time on_time_percent all_on_time classes by_class by_class_more
    talks minutes hours talks_per_pair minutes_per_talk by_month
    topic_study topic_life topic_thought topic_psych topic_list
    mode_face mode_phone mode_online mode_list
    pairings_talked talked_percent all_talked not_talked
    counsellor_talks counsellor_minutes
    aid_count aid_total aid_fen aid_by_kind aid_money_count aid_money_yuan
    aid_daily_count aid_daily_yuan aid_study_count aid_study_yuan
    overdue overdue_days overdue_list
    case1 case1_student case1_kinds case1_since case1_talks case1_minutes
    case1_record (and the same for case2)
    asof is "学期末（2026年7月31日）" for a past semester, today's date
    for the current one: what is counted "now" (ended, active, overdue) is
    counted at that day. A figure of 0 makes no sentence: wrap it in its
    section. Chinese typography: “” quotes, full-width punctuation.
    A section opened with a hash and a name and closed with a slash and the
    name keeps its text when the name is not empty or 0; one opened with a
    caret, when it is. Lines starting with # are headings (kept in
    Markdown, their marks dropped in text). }}
# {{college}}{{semester_name}}学生党员“一对一”结对帮扶工作总结

## 一、基本情况

{{#pairings}}本学期，{{college}}按照学校关于开展学生党员“一对一”结对帮扶工作的要求，共组织结对帮扶{{pairings}}对，参与结对的学生党员{{members}}名（{{#members_prob}}{{#members_full}}正式党员{{members_full}}名、预备党员{{members_prob}}名{{/members_full}}{{^members_full}}均为预备党员{{/members_full}}{{/members_prob}}{{^members_prob}}均为正式党员{{/members_prob}}{{#by_branch}}，分属{{by_branch}}{{/by_branch}}），帮扶对象{{targets}}名。{{#kind_list}}按帮扶类型统计（同一名学生可属多种类型），{{kind_list}}。{{/kind_list}}{{#cross_college}}结对原则上在本学院内进行，确因党员人数不足等原因跨学院结对的有{{cross_college}}对，均已写明原因。{{/cross_college}}截至{{asof}}，{{status}}。{{#by_class}}结对党员分布在{{classes}}个班级{{#by_class_more}}，结对较多的是{{by_class}}{{/by_class_more}}{{^by_class_more}}：{{by_class}}{{/by_class_more}}。{{/by_class}}{{/pairings}}{{^pairings}}本学期{{college}}尚未登记结对帮扶。{{/pairings}}

## 二、主要做法

{{#pairings}}（一）坚持经常性谈心谈话，掌握学习、生活和思想状况。{{#talks}}本学期结对党员与帮扶对象共开展谈心谈话{{talks}}次{{#minutes}}，累计{{minutes}}分钟{{#hours}}（约{{hours}}小时）{{/hours}}{{/minutes}}{{#talks_per_pair}}，平均每对{{talks_per_pair}}次{{/talks_per_pair}}{{#minutes_per_talk}}，每次平均{{minutes_per_talk}}分钟{{/minutes_per_talk}}。{{#topic_list}}按谈话内容统计（一次谈话可涉及多个方面），{{topic_list}}。{{/topic_list}}{{#mode_list}}按谈话方式统计，{{mode_list}}。{{/mode_list}}{{#by_month}}分月看，{{by_month}}。{{/by_month}}{{/talks}}{{^talks}}本学期结对党员尚未登记谈心谈话。{{/talks}}

（二）辅导员跟进指导。{{#counsellor_talks}}辅导员在党员帮扶之外另与帮扶对象开展谈心谈话{{counsellor_talks}}次{{#counsellor_minutes}}、累计{{counsellor_minutes}}分钟{{/counsellor_minutes}}，这部分谈话单独统计，未计入上述党员谈话次数。{{/counsellor_talks}}{{^counsellor_talks}}本学期辅导员未另行开展谈心谈话。{{/counsellor_talks}}

（三）在力所能及的范围内给予物质帮助。{{#aid_count}}结对党员为帮扶对象提供物质帮助{{aid_count}}次{{#aid_fen}}，合计{{aid_total}}元{{/aid_fen}}，其中{{aid_by_kind}}。{{/aid_count}}{{^aid_count}}本学期未登记物质帮助。{{/aid_count}}{{/pairings}}{{^pairings}}本学期尚无结对，未开展谈心谈话和物质帮助。{{/pairings}}

## 三、取得成效

{{#pairings_talked}}本学期{{pairings}}对结对中有{{pairings_talked}}对开展了谈心谈话{{#talked_percent}}，占{{talked_percent}}%{{/talked_percent}}。{{/pairings_talked}}{{^pairings_talked}}{{#pairings}}本学期各结对尚未登记谈心谈话。{{/pairings}}{{/pairings_talked}}{{#all_on_time}}截至{{asof}}，仍在帮扶中的{{active}}对结对均在{{overdue_days}}天内开展过谈心谈话，跟进及时。{{/all_on_time}}{{#overdue}}{{#on_time}}截至{{asof}}，仍在帮扶中的{{active}}对结对中有{{on_time}}对在{{overdue_days}}天内开展过谈话{{#on_time_percent}}，按时跟进的比例为{{on_time_percent}}%{{/on_time_percent}}。{{/on_time}}{{/overdue}}{{^pairings}}本学期尚无结对，暂无成效可述。{{/pairings}}

## 四、典型事例

{{#case1}}事例一：{{case1_student}}（{{case1_kinds}}）。自{{case1_since}}结对以来，结对党员与其谈心{{case1_talks}}次{{#case1_minutes}}、累计{{case1_minutes}}分钟{{/case1_minutes}}。谈话记录摘录如下：{{case1_record}}
{{/case1}}
{{#case2}}事例二：{{case2_student}}（{{case2_kinds}}）。自{{case2_since}}结对以来，结对党员与其谈心{{case2_talks}}次{{#case2_minutes}}、累计{{case2_minutes}}分钟{{/case2_minutes}}。谈话记录摘录如下：{{case2_record}}
{{/case2}}
{{^case1}}本学期尚无可以摘录的谈话记录。{{/case1}}

## 五、存在问题

{{#overdue}}截至{{asof}}，仍有{{overdue}}对结对超过{{overdue_days}}天未开展谈心谈话（{{overdue_list}}），谈话的经常性还不够。{{/overdue}}{{#pairings_talked}}{{#not_talked}}有{{not_talked}}对结对本学期还没有谈话记录。{{/not_talked}}{{/pairings_talked}}{{^pairings_talked}}{{#pairings}}本学期尚无谈话记录，结对帮扶还停留在组织结对阶段。{{/pairings}}{{/pairings_talked}}{{#pairings}}{{^overdue}}{{^not_talked}}截至{{asof}}，未发现超期未谈话的结对。{{/not_talked}}{{/overdue}}{{/pairings}}{{^pairings}}本学期尚未组织结对帮扶，工作还没有开展起来。{{/pairings}}

## 六、下一步打算

{{#overdue}}一是对超过{{overdue_days}}天未谈话的{{overdue}}对结对逐一提醒，督促结对党员尽快开展谈心谈话。{{/overdue}}{{^overdue}}一是保持每{{overdue_days}}天至少谈心一次的频率。{{/overdue}}二是继续关注{{#kind_academic}}{{kind_academic}}名学业困难学生的课程学习{{/kind_academic}}{{#kind_financial}}{{#kind_academic}}和{{/kind_academic}}{{kind_financial}}名家庭经济困难学生的生活情况{{/kind_financial}}{{^kind_academic}}{{^kind_financial}}每一名帮扶对象的学习和生活{{/kind_financial}}{{/kind_academic}}。三是辅导员定期查阅谈话记录，及时跟进帮扶对象反映的问题。
