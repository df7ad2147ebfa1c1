/* test_roster.c — the name list's layout file (forms/roster.tpl and broken
 * ones: FILE:LINE), and the CSV and Markdown writers on a document built by
 * hand. The rows from a database are checked by tests/cli/roster.sh against
 * golden files. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"

static char *write_tmp(const char *text)
{
	char *path = strdup("/tmp/bangfu-roster.XXXXXX");
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void load_fails(const char *text, const char *want)
{
	char *p = write_tmp(text);
	roster_layout l;
	err e = { 0 };
	cr_assert_eq(roster_layout_load(p, &l, &e), E_INPUT, "must fail: %s", text);
	char prefix[512];
	snprintf(prefix, sizeof prefix, "%s%s", p, want);
	cr_assert(strstr(e.msg, prefix), "message '%s' lacks '%s'", e.msg, prefix);
	unlink(p);
	free(p);
}

Test(layout, the_shipped_file)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof path, "%s/forms/roster.tpl", top ? top : ".");
	roster_layout l;
	err e = { 0 };
	cr_assert_eq(roster_layout_load(path, &l, &e), 0, "%s", e.msg);
	/* DOMAIN's columns, in its order. */
	static const char *const want[] = {
		"序号", "党员姓名", "学号", "班级", "党员类别(正式/预备)", "联系电话",
		"帮扶对象姓名", "学号", "班级", "帮扶类型", "联系电话", "备注",
	};
	cr_assert_eq(l.ncols, 12);
	for (size_t i = 0; i < 12; i++)
		cr_assert_str_eq(l.cols[i].header, want[i]);
	cr_assert_str_eq(roster_field_names[l.cols[0].field], "seq");
	cr_assert_str_eq(roster_field_names[l.cols[4].field], "member.category");
	cr_assert_str_eq(roster_field_names[l.cols[9].field], "target.kinds");
	cr_assert(strstr(l.title, "{{school}}") && strstr(l.title, "结对帮扶名单"));
	cr_assert(strstr(l.subtitle, "院(部):{{college}}"));
	cr_assert_str_eq(l.attachment, "附件1");
	cr_assert_str_eq(l.footer, "填表人：          联系电话：          填表日期：{{today}}");
	roster_layout_free(&l);
}

Test(layout, broken_files_say_file_and_line)
{
	load_fails("[document]\ntitle = t\ncollege = c\n[columns]\n序号 = seq\n宿舍 = student.dorm\n",
		   ":6: unknown field 'student.dorm'");
	load_fails("[document]\ntitle = t\nlogo = x\n", ":3: unknown setting 'logo'");
	load_fails("[page]\nsize = A4\n", ":2: unknown section [page]");
	load_fails("[document]\ntitle = t\ncollege = c\n[columns]\n这一行没有等号\n", ":5:");
	load_fails("[document]\ncollege = c\n[columns]\n序号 = seq\n", ": [document] needs 'title'");
	load_fails("[document]\ntitle = t\ncollege = c\n", ": [columns] lists no column");
}

Test(layout, columns_in_file_order_with_repeats)
{
	char *p = write_tmp("[document]\ntitle = {{school}}\ncollege = {{college}}\n"
			    "[columns]\n学号 = target.student_no\n姓名 = target.name\n学号 = member.student_no\n");
	roster_layout l;
	err e = { 0 };
	cr_assert_eq(roster_layout_load(p, &l, &e), 0, "%s", e.msg);
	cr_assert_eq(l.ncols, 3);
	cr_assert_str_eq(l.cols[0].header, "学号");
	cr_assert_str_eq(roster_field_names[l.cols[0].field], "target.student_no");
	cr_assert_str_eq(roster_field_names[l.cols[2].field], "member.student_no");
	roster_layout_free(&l);
	unlink(p);
	free(p);
}

static roster_doc sample(void)
{
	static char *headers[] = { "序号", "姓名", "备注" };
	static char *cells[] = {
		"1", "张伟", "每周一次,周二",
		"2", "单晓雯", "他说\"好\"",
		"3", "区一诺", "a|b\n第二行",
	};
	roster_doc d = { "示例大学名单", "院(部):计算机学院", 3, 3, headers, cells };
	return d;
}

Test(writers, csv_bom_crlf_quotes)
{
	roster_doc d = sample();
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	cr_assert_eq(roster_write_csv(&d, f), 0);
	fclose(f);
	const char *want = "\xEF\xBB\xBF" "示例大学名单\r\n院(部):计算机学院\r\n序号,姓名,备注\r\n"
			   "1,张伟,\"每周一次,周二\"\r\n"
			   "2,单晓雯,\"他说\"\"好\"\"\"\r\n"
			   "3,区一诺,\"a|b\n第二行\"\r\n";
	cr_assert_str_eq(buf, want);
	free(buf);
}

Test(writers, markdown_escapes_and_pads_by_display_width)
{
	roster_doc d = sample();
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	cr_assert_eq(roster_write_md(&d, f), 0);
	fclose(f);
	cr_assert(strstr(buf, "# 示例大学名单\n\n院(部):计算机学院\n\n"), "%s", buf);
	/* 单晓雯 is 6 columns wide: 张伟 (4) is padded with 2 spaces more. */
	cr_assert(strstr(buf, "| 1    | 张伟   |"), "%s", buf);
	cr_assert(strstr(buf, "| 2    | 单晓雯 |"), "%s", buf);
	cr_assert(strstr(buf, "a\\|b<br>第二行"), "| escaped, line end as <br>: %s", buf);
	free(buf);
}

/* 附件1 above the title and the 填表人 line below the table, when set. */
Test(writers, attachment_and_footer)
{
	roster_doc d = sample();
	d.attachment = "附件1";
	d.footer = "填表人：  填表日期：2026年5月20日";
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	cr_assert_eq(roster_write_csv(&d, f), 0);
	fclose(f);
	cr_assert(strncmp(buf, "\xEF\xBB\xBF附件1\r\n示例大学名单\r\n", strlen("\xEF\xBB\xBF附件1\r\n示例大学名单\r\n")) == 0,
		  "%s", buf);
	const char *tail = "第二行\"\r\n填表人：  填表日期：2026年5月20日\r\n";
	cr_assert(n > strlen(tail) && strcmp(buf + n - strlen(tail), tail) == 0, "%s", buf);
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &n);
	cr_assert_eq(roster_write_md(&d, f), 0);
	fclose(f);
	cr_assert(strncmp(buf, "附件1\n\n# 示例大学名单\n", strlen("附件1\n\n# 示例大学名单\n")) == 0, "%s", buf);
	tail = "第二行 |\n\n填表人：  填表日期：2026年5月20日\n";
	cr_assert(n > strlen(tail) && strcmp(buf + n - strlen(tail), tail) == 0, "%s", buf);
	free(buf);
}

Test(formats, names)
{
	roster_format r;
	summary_format s;
	cr_assert(roster_format_parse("csv", &r) && r == ROSTER_CSV);
	cr_assert(roster_format_parse("xlsx", &r) && r == ROSTER_XLSX);
	cr_assert(roster_format_parse("md", &r) && r == ROSTER_MD);
	cr_assert(!roster_format_parse("pdf", &r));
	cr_assert(summary_format_parse("txt", &s) && s == SUMMARY_TXT);
	cr_assert(summary_format_parse("md", &s) && s == SUMMARY_MD);
	cr_assert(!summary_format_parse("docx", &s));
}
