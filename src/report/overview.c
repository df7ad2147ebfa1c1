#include "config.h"
/* overview.c — the university overview (各学院结对帮扶工作情况汇总): one row
 * per college and a total row, from the model's figures
 * (model_overview_get), as a table document written by roster.c's CSV and
 * Markdown writers or as XLSX (numbers as numbers). No private text. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "util/i18n.h"

static const char *const headers[OVERVIEW_NCOLS] = {
	"学院", "进行中结对", "已结束结对", "结对党员", "帮扶对象", "学业困难",
	"经济困难", "心理困难", "谈心谈话次数", "谈话分钟", "逾期未谈结对",
	"物质帮扶金额（元）", "名单", "总结", "总结字数",
};

char *overview_money(long long fen)
{
	return xasprintf("%s%lld.%02lld", fen < 0 ? "-" : "", llabs(fen) / 100, llabs(fen) % 100);
}

char *overview_roster_text(const due_status *d)
{
	char day[11];
	if (d->due)
		date_format(d->due, day);
	switch (d->state) {
	case DUE_LEFT: return xasprintf("%s截止", day);
	case DUE_TODAY: return xstrdup("今日截止");
	case DUE_OVERDUE: return xasprintf("%s截止，已过", day);
	case DUE_DONE: return xstrdup("已报送");
	case DUE_NONE: break;
	}
	return xstrdup("无截止日期");
}

const char *overview_summary_text(overview_summary s)
{
	switch (s) {
	case OVS_DRAFT: return "仅草稿";
	case OVS_SAVED: return "已保存";
	case OVS_FINAL: return "已定稿";
	case OVS_NONE: break;
	}
	return "无";
}

static void row_cells(const overview_row *r, bool total, char **c)
{
	c[0] = xstrdup(total ? "合计" : r->college);
	c[1] = xasprintf("%zu", r->running);
	c[2] = xasprintf("%zu", r->ended);
	c[3] = xasprintf("%zu", r->members);
	c[4] = xasprintf("%zu", r->targets);
	c[5] = xasprintf("%zu", r->academic);
	c[6] = xasprintf("%zu", r->financial);
	c[7] = xasprintf("%zu", r->psych);
	c[8] = xasprintf("%zu", r->talks);
	c[9] = xasprintf("%lld", r->minutes);
	c[10] = xasprintf("%zu", r->overdue);
	c[11] = overview_money(r->aid_fen);
	c[12] = overview_roster_text(&r->roster);
	c[13] = total ? xasprintf("定稿%zu个", r->finals) : xstrdup(overview_summary_text(r->summary));
	c[14] = total || r->summary >= OVS_SAVED ? xasprintf("%zu", r->zishu) : xstrdup("");
}

int overview_build(model_txn *t, const char *semester_code, date_t today, roster_doc *out,
		   err *e)
{
	overview_row *rows, total;
	size_t n;
	char *school = NULL;
	memset(out, 0, sizeof *out);
	int rc = model_overview_get(t, semester_code, today, &rows, &n, &total, e);
	if (!rc)
		rc = model_school_get(t, &school, e);
	if (!rc) {
		char longname[64], day[11];
		semester_long_name(semester_code, longname);
		date_format(today, day);
		out->title = xasprintf("%s%s学生党员“一对一”结对帮扶工作各学院情况汇总",
				       school && *school ? school : "（学校名称）", longname);
		out->subtitle = xasprintf("学期：%s　统计日期：%.4s年%d月%d日", semester_code, day,
					  atoi(day + 5), atoi(day + 8));
		out->ncols = OVERVIEW_NCOLS;
		out->nrows = n + 1;
		out->headers = xcalloc(OVERVIEW_NCOLS, sizeof *out->headers);
		for (size_t j = 0; j < OVERVIEW_NCOLS; j++)
			out->headers[j] = xstrdup(headers[j]);
		out->cells = xcalloc((n + 1) * OVERVIEW_NCOLS + 1, sizeof *out->cells);
		for (size_t i = 0; i < n; i++)
			row_cells(&rows[i], false, out->cells + i * OVERVIEW_NCOLS);
		row_cells(&total, true, out->cells + n * OVERVIEW_NCOLS);
	}
	free(school);
	overview_rows_free(rows, n);
	return rc;
}

static double col_width(const roster_doc *d, size_t j)
{
	int w = report_width(d->headers[j]);
	for (size_t i = 0; i < d->nrows; i++) {
		int x = report_width(d->cells[i * d->ncols + j]);
		if (x > w)
			w = x;
	}
	return (w > 30 ? 30 : w) + 3;
}

/* A cell of digits (and one point) is a number. */
static bool numeric(const char *s)
{
	if (!*s || strlen(s) > 15)
		return false;
	int dots = 0;
	for (const char *p = s; *p; p++)
		if (*p == '.')
			dots++;
		else if (*p < '0' || *p > '9')
			return false;
	return dots <= 1;
}

int overview_write_xlsx(const roster_doc *d, const char *path, err *e)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return err_set(e, E_INPUT, _("cannot write %s"), path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "各学院情况汇总");
	lxw_format *title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 16);
	format_set_align(title, LXW_ALIGN_CENTER);
	format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
	lxw_format *sub = workbook_add_format(wb);
	format_set_align(sub, LXW_ALIGN_LEFT);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(head);
	lxw_format *cell = workbook_add_format(wb);
	format_set_border(cell, LXW_BORDER_THIN);
	format_set_align(cell, LXW_ALIGN_VERTICAL_CENTER);
	lxw_format *num = workbook_add_format(wb);
	format_set_border(num, LXW_BORDER_THIN);
	format_set_align(num, LXW_ALIGN_RIGHT);
	lxw_format *money = workbook_add_format(wb);
	format_set_border(money, LXW_BORDER_THIN);
	format_set_num_format(money, "0.00");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_border(bold, LXW_BORDER_THIN);

	lxw_col_t last = (lxw_col_t)(d->ncols - 1);
	enum { ROW_TITLE = 0, ROW_SUB = 1, ROW_HEAD = 2, ROW_DATA = 3 };
	worksheet_set_row(ws, ROW_TITLE, 30, NULL);
	worksheet_merge_range(ws, ROW_TITLE, 0, ROW_TITLE, last, d->title, title);
	worksheet_merge_range(ws, ROW_SUB, 0, ROW_SUB, last, d->subtitle, sub);
	for (size_t j = 0; j < d->ncols; j++) {
		worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, col_width(d, j), NULL);
		worksheet_write_string(ws, ROW_HEAD, (lxw_col_t)j, d->headers[j], head);
	}
	for (size_t i = 0; i < d->nrows; i++)
		for (size_t j = 0; j < d->ncols; j++) {
			const char *s = d->cells[i * d->ncols + j];
			lxw_row_t r = (lxw_row_t)(ROW_DATA + i);
			if (j == 0 && i + 1 == d->nrows)
				worksheet_write_string(ws, r, 0, s, bold);
			else if (j > 0 && numeric(s))
				worksheet_write_number(ws, r, (lxw_col_t)j, atof(s),
						       strchr(s, '.') ? money : num);
			else
				worksheet_write_string(ws, r, (lxw_col_t)j, s, cell);
		}
	worksheet_set_paper(ws, 9);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, ROW_HEAD, ROW_HEAD);
	worksheet_center_horizontally(ws);
	worksheet_freeze_panes(ws, ROW_DATA, 1);
	lxw_error x = workbook_close(wb);
	if (x != LXW_NO_ERROR)
		return err_set(e, E_INPUT, _("cannot write %s: %s"), path, lxw_strerror(x));
	return 0;
}
