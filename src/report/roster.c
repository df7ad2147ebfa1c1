#include "config.h"
/* roster.c — the pairing name list (附件1): its layout from forms/roster.tpl,
 * its rows from the pairings of a college and semester, and its writers
 * (CSV with a BOM, Markdown, XLSX through libxlsxwriter). */
#include "report/report.h"

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "util/i18n.h"
#include "util/safeout.h"
#include "util/text.h"

/* ---- the fields a column may show ------------------------------------ */

enum roster_field {
	RF_SEQ,
	RF_M_NAME, RF_M_NO, RF_M_CLASS, RF_M_CATEGORY, RF_M_POLITICAL, RF_M_PHONE,
	RF_M_GENDER, RF_M_BRANCH,
	RF_T_NAME, RF_T_NO, RF_T_CLASS, RF_T_KINDS, RF_T_TIER, RF_T_PHONE, RF_T_GENDER,
	RF_T_COLLEGE,
	RF_P_START, RF_P_END, RF_P_NOTE, RF_P_REASON, RF_P_REMARK,
	RF__COUNT
};

const char *const roster_field_names[RF__COUNT + 1] = {
	[RF_SEQ] = "seq",
	[RF_M_NAME] = "member.name",
	[RF_M_NO] = "member.student_no",
	[RF_M_CLASS] = "member.class",
	[RF_M_CATEGORY] = "member.category",
	[RF_M_POLITICAL] = "member.political",
	[RF_M_PHONE] = "member.phone",
	[RF_M_GENDER] = "member.gender",
	[RF_M_BRANCH] = "member.branch",
	[RF_T_NAME] = "target.name",
	[RF_T_NO] = "target.student_no",
	[RF_T_CLASS] = "target.class",
	[RF_T_KINDS] = "target.kinds",
	[RF_T_TIER] = "target.tier",
	[RF_T_PHONE] = "target.phone",
	[RF_T_GENDER] = "target.gender",
	[RF_T_COLLEGE] = "target.college",
	[RF_P_START] = "pairing.start",
	[RF_P_END] = "pairing.end",
	[RF_P_NOTE] = "pairing.note",
	[RF_P_REASON] = "pairing.reason",
	[RF_P_REMARK] = "pairing.remark",
	[RF__COUNT] = NULL,
};

bool roster_format_parse(const char *s, roster_format *out)
{
	if (strcmp(s, "csv") == 0)
		*out = ROSTER_CSV;
	else if (strcmp(s, "xlsx") == 0)
		*out = ROSTER_XLSX;
	else if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		*out = ROSTER_MD;
	else
		return false;
	return true;
}

/* ---- the layout file ------------------------------------------------- */

struct layout_ctx {
	roster_layout *l;
	char msg[512];
	bool failed;
};

static int layout_fail(struct layout_ctx *c, const char *fmt, const char *arg)
{
	if (!c->failed) {
		snprintf(c->msg, sizeof c->msg, fmt, arg);
		c->failed = true;
	}
	return 0;
}

static int layout_line(void *user, const char *section, const char *name, const char *value)
{
	struct layout_ctx *c = user;
	roster_layout *l = c->l;
	if (strcmp(section, "document") == 0) {
		char **slot = strcmp(name, "title") == 0 ? &l->title
			    : strcmp(name, "college") == 0 ? &l->subtitle
			    : strcmp(name, "attachment") == 0 ? &l->attachment
			    : strcmp(name, "footer") == 0 ? &l->footer : NULL;
		if (!slot)
			return layout_fail(c, _("unknown setting '%s' (title, college, attachment or footer)"), name);
		free(*slot);
		*slot = xstrdup(value);
		return 1;
	}
	if (strcmp(section, "columns") == 0) {
		int f = -1;
		for (int i = 0; i < RF__COUNT; i++)
			if (strcmp(roster_field_names[i], value) == 0)
				f = i;
		if (f < 0)
			return layout_fail(c, _("unknown field '%s'"), value);
		if (!*name)
			return layout_fail(c, "%s", _("a column needs a header"));
		l->cols = xrealloc(l->cols, (l->ncols + 1) * sizeof *l->cols);
		l->cols[l->ncols].header = xstrdup(name);
		l->cols[l->ncols].field = f;
		l->ncols++;
		return 1;
	}
	return layout_fail(c, _("unknown section [%s] (document or columns)"), section);
}

int roster_layout_load(const char *path, roster_layout *out, err *e)
{
	struct layout_ctx c = { out, "", false };
	memset(out, 0, sizeof *out);
	int rc = ini_parse(path, layout_line, &c);
	if (rc < 0) {
		roster_layout_free(out);
		return err_set(e, E_INPUT, _("%s: cannot read the file"), path);
	}
	if (rc > 0) {
		roster_layout_free(out);
		if (c.failed)
			return err_set(e, E_INPUT, "%s:%d: %s", path, rc, c.msg);
		return err_set(e, E_INPUT, _("%s:%d: not a valid line"), path, rc);
	}
	const char *missing = !out->title ? "title" : !out->subtitle ? "college" : NULL;
	if (missing) {
		roster_layout_free(out);
		return err_set(e, E_INPUT, _("%s: [document] needs '%s'"), path, missing);
	}
	if (!out->ncols) {
		roster_layout_free(out);
		return err_set(e, E_INPUT, _("%s: [columns] lists no column"), path);
	}
	return 0;
}

void roster_layout_free(roster_layout *l)
{
	for (size_t i = 0; i < l->ncols; i++)
		free(l->cols[i].header);
	free(l->cols);
	free(l->title);
	free(l->subtitle);
	free(l->attachment);
	free(l->footer);
	memset(l, 0, sizeof *l);
}

/* What an official attachment carries when the layout does not say: the
 * mark at the top left and the line to fill in by hand below the table. */
static const char default_attachment[] = "附件1";
static const char default_footer[] =
	"填表人：          联系电话：          填表日期：{{today}}";

/* ---- building the rows ----------------------------------------------- */

struct row {
	pairing p;
	student m, g;          /* member, target */
	member mp;
	target tp;
	char *target_college;
};

struct build_ctx {
	model_txn *t;
	rid college_id, semester_id;
	struct row *rows;
	size_t n, cap;
	err *e;
};

static int take_pairing(const pairing *p, void *ctx)
{
	struct build_ctx *b = ctx;
	int rc;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 32;
		b->rows = xrealloc(b->rows, b->cap * sizeof *b->rows);
	}
	struct row *r = &b->rows[b->n];
	memset(r, 0, sizeof *r);
	rec_copy(&pairing_desc, &r->p, p);
	b->n++;
	if ((rc = student_get(b->t, &r->p.member_id, &r->m, b->e)) != 0 && rc != E_NOTFOUND)
		return rc;
	if ((rc = student_get(b->t, &r->p.target_id, &r->g, b->e)) != 0 && rc != E_NOTFOUND)
		return rc;
	if ((rc = member_of_student(b->t, &r->p.member_id, &r->mp, b->e)) != 0 && rc != E_NOTFOUND)
		return rc;
	if ((rc = target_of_student(b->t, &r->p.target_id, &r->tp, b->e)) != 0 && rc != E_NOTFOUND)
		return rc;
	if (rid_cmp(&r->g.college_id, &r->p.college_id) != 0) {
		college c;
		if ((rc = college_get(b->t, &r->g.college_id, &c, b->e)) != 0 && rc != E_NOTFOUND)
			return rc;
		if (rc == 0) {
			r->target_college = xstrdup(c.name ? c.name : "");
			rec_free(&college_desc, &c);
		}
	}
	return 0;
}

static int str_cmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int row_order(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	int c = str_cmp(a->m.class_name, b->m.class_name);
	if (!c)
		c = str_cmp(a->m.student_no, b->m.student_no);
	if (!c && a->p.start != b->p.start)
		c = a->p.start < b->p.start ? -1 : 1;
	if (!c)
		c = rid_cmp(&a->p.m.id, &b->p.m.id);
	return c;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

static char *cell_text(const struct row *r, int field, size_t seq)
{
	char buf[256];
	switch (field) {
	case RF_SEQ:
		return xasprintf("%zu", seq);
	case RF_M_NAME: return xstrdup(nz(r->m.name));
	case RF_M_NO: return xstrdup(nz(r->m.student_no));
	case RF_M_CLASS: return xstrdup(nz(r->m.class_name));
	case RF_M_CATEGORY:
		return xstrdup(member_category_short(member_category_of(r->m.political)));
	case RF_M_POLITICAL: return xstrdup(nz(r->m.political));
	case RF_M_PHONE: return xstrdup(nz(r->m.phone));
	case RF_M_GENDER: return xstrdup(nz(r->m.gender));
	case RF_M_BRANCH: return xstrdup(nz(r->mp.branch));
	case RF_T_NAME: return xstrdup(nz(r->g.name));
	case RF_T_NO: return xstrdup(nz(r->g.student_no));
	case RF_T_CLASS: return xstrdup(nz(r->g.class_name));
	case RF_T_KINDS:
		kinds_format(r->tp.kinds, buf, sizeof buf);
		return xstrdup(buf);
	case RF_T_TIER: return xstrdup(nz(r->tp.tier));
	case RF_T_PHONE: return xstrdup(nz(r->g.phone));
	case RF_T_GENDER: return xstrdup(nz(r->g.gender));
	case RF_T_COLLEGE: return xstrdup(nz(r->target_college));
	case RF_P_START:
		date_format(r->p.start, buf);
		return xstrdup(r->p.start ? buf : "");
	case RF_P_END:
		date_format(r->p.end, buf);
		return xstrdup(r->p.end ? buf : "");
	case RF_P_NOTE: return xstrdup(nz(r->p.note));
	case RF_P_REASON: return xstrdup(nz(r->p.reason));
	case RF_P_REMARK: {
		/* The note, then why a cross-college pairing, then its end. */
		char d[11];
		const char *parts[3];
		char *endtxt = NULL, *why = NULL;
		size_t n = 0;
		if (r->p.note && *r->p.note)
			parts[n++] = r->p.note;
		if (r->p.reason && *r->p.reason)
			parts[n++] = why = xasprintf("跨院结对：%s", r->p.reason);
		if (r->p.end) {
			date_format(r->p.end, d);
			parts[n++] = endtxt = xasprintf("%s结束", d);
		}
		char *s = xstrdup("");
		for (size_t i = 0; i < n; i++) {
			char *t = xasprintf("%s%s%s", s, i ? "；" : "", parts[i]);
			free(s);
			s = t;
		}
		free(why);
		free(endtxt);
		return s;
	}
	}
	return xstrdup("");
}

static void row_free(struct row *r)
{
	rec_free(&pairing_desc, &r->p);
	rec_free(&student_desc, &r->m);
	rec_free(&student_desc, &r->g);
	rec_free(&member_desc, &r->mp);
	rec_free(&target_desc, &r->tp);
	free(r->target_college);
}

int roster_build(model_txn *t, const roster_layout *l, const char *college_name,
		 const char *semester_code, roster_doc *out, err *e)
{
	college c;
	semester s;
	int rc;
	char *school = NULL;
	memset(out, 0, sizeof *out);
	if ((rc = college_by_name(t, college_name, &c, e)) != 0)
		return rc == E_NOTFOUND ? err_set(e, E_INPUT, _("no college called %s"), college_name)
					: rc;
	if ((rc = semester_by_code(t, semester_code, &s, e)) != 0) {
		rec_free(&college_desc, &c);
		return rc == E_NOTFOUND ? err_set(e, E_INPUT, _("no semester %s"), semester_code) : rc;
	}
	struct build_ctx b = { t, c.m.id, s.m.id, NULL, 0, 0, e };
	rc = pairings_of_college(t, &c.m.id, &s.m.id, take_pairing, &b, e);
	if (!rc)
		rc = model_school_get(t, &school, e);
	if (!rc) {
		tpl_vars *v = tpl_vars_new();
		char longname[64], today[32];
		int ty, tm, td;
		semester_long_name(s.code, longname);
		date_ymd(date_today(), &ty, &tm, &td);
		snprintf(today, sizeof today, "%d年%d月%d日", ty, tm, td);
		/* An unset school name shows as an obvious placeholder. */
		tpl_set(v, "school", school && *school ? school : "（学校名称）");
		tpl_set(v, "college", c.name);
		tpl_set(v, "semester", s.code);
		tpl_set(v, "semester_name", longname);
		tpl_set(v, "today", today);
		rc = tpl_expand(l->title, "roster.tpl [document] title", v, &out->title, e);
		if (!rc)
			rc = tpl_expand(l->subtitle, "roster.tpl [document] college", v,
					&out->subtitle, e);
		if (!rc)
			rc = tpl_expand(l->attachment ? l->attachment : default_attachment,
					"roster.tpl [document] attachment", v, &out->attachment, e);
		if (!rc)
			rc = tpl_expand(l->footer ? l->footer : default_footer,
					"roster.tpl [document] footer", v, &out->footer, e);
		tpl_vars_free(v);
	}
	if (!rc) {
		qsort(b.rows, b.n, sizeof *b.rows, row_order);
		out->ncols = l->ncols;
		out->nrows = b.n;
		out->headers = xcalloc(l->ncols, sizeof *out->headers);
		for (size_t j = 0; j < l->ncols; j++)
			out->headers[j] = xstrdup(l->cols[j].header);
		out->cells = xcalloc(b.n * l->ncols + 1, sizeof *out->cells);
		for (size_t i = 0; i < b.n; i++)
			for (size_t j = 0; j < l->ncols; j++)
				out->cells[i * l->ncols + j] = cell_text(&b.rows[i], l->cols[j].field, i + 1);
	}
	for (size_t i = 0; i < b.n; i++)
		row_free(&b.rows[i]);
	free(b.rows);
	free(school);
	rec_free(&college_desc, &c);
	rec_free(&semester_desc, &s);
	if (rc)
		roster_doc_free(out);
	return rc;
}

void roster_doc_free(roster_doc *d)
{
	if (d->headers)
		for (size_t j = 0; j < d->ncols; j++)
			free(d->headers[j]);
	if (d->cells)
		for (size_t i = 0; i < d->nrows * d->ncols; i++)
			free(d->cells[i]);
	free(d->headers);
	free(d->cells);
	free(d->title);
	free(d->subtitle);
	free(d->attachment);
	free(d->footer);
	memset(d, 0, sizeof *d);
}

/* ---- CSV ------------------------------------------------------------- */

static void csv_cell(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void csv_row(FILE *f, char *const *cells, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		if (j)
			fputc(',', f);
		csv_cell(f, cells[j]);
	}
	fputs("\r\n", f);
}

int roster_write_csv(const roster_doc *d, FILE *f)
{
	fputs("\xEF\xBB\xBF", f);
	if (d->attachment && *d->attachment) {
		csv_cell(f, d->attachment);
		fputs("\r\n", f);
	}
	csv_cell(f, d->title);
	fputs("\r\n", f);
	csv_cell(f, d->subtitle);
	fputs("\r\n", f);
	csv_row(f, d->headers, d->ncols);
	for (size_t i = 0; i < d->nrows; i++)
		csv_row(f, d->cells + i * d->ncols, d->ncols);
	if (d->footer && *d->footer) {
		csv_cell(f, d->footer);
		fputs("\r\n", f);
	}
	return ferror(f) ? E_INPUT : 0;
}

/* ---- Markdown -------------------------------------------------------- */

/* A cell with | escaped and line ends as <br>. malloc'd. */
static char *md_cell(const char *s)
{
	size_t n = 0;
	char *o = xmalloc(strlen(s) * 4 + 1);
	for (; *s; s++) {
		if (*s == '|') {
			o[n++] = '\\';
			o[n++] = '|';
		} else if (*s == '\r') {
			continue;
		} else if (*s == '\n') {
			memcpy(o + n, "<br>", 4);
			n += 4;
		} else {
			o[n++] = *s;
		}
	}
	o[n] = 0;
	return o;
}

static void md_pad(FILE *f, const char *s, int width)
{
	fputs(s, f);
	for (int w = report_width(s); w < width; w++)
		fputc(' ', f);
}

int roster_write_md(const roster_doc *d, FILE *f)
{
	size_t nc = d->ncols, nr = d->nrows;
	char **h = xcalloc(nc, sizeof *h), **c = xcalloc(nr * nc + 1, sizeof *c);
	int *w = xcalloc(nc, sizeof *w);
	for (size_t j = 0; j < nc; j++) {
		h[j] = md_cell(d->headers[j]);
		w[j] = report_width(h[j]);
		if (w[j] < 3)
			w[j] = 3;
	}
	for (size_t i = 0; i < nr; i++)
		for (size_t j = 0; j < nc; j++) {
			c[i * nc + j] = md_cell(d->cells[i * nc + j]);
			int x = report_width(c[i * nc + j]);
			if (x > w[j])
				w[j] = x;
		}
	if (d->attachment && *d->attachment)
		fprintf(f, "%s\n\n", d->attachment);
	fprintf(f, "# %s\n\n%s\n\n", d->title, d->subtitle);
	fputc('|', f);
	for (size_t j = 0; j < nc; j++) {
		fputc(' ', f);
		md_pad(f, h[j], w[j]);
		fputs(" |", f);
	}
	fputs("\n|", f);
	for (size_t j = 0; j < nc; j++) {
		fputc(' ', f);
		for (int x = 0; x < w[j]; x++)
			fputc('-', f);
		fputs(" |", f);
	}
	fputc('\n', f);
	for (size_t i = 0; i < nr; i++) {
		fputc('|', f);
		for (size_t j = 0; j < nc; j++) {
			fputc(' ', f);
			md_pad(f, c[i * nc + j], w[j]);
			fputs(" |", f);
		}
		fputc('\n', f);
	}
	if (d->footer && *d->footer)
		fprintf(f, "\n%s\n", d->footer);
	for (size_t j = 0; j < nc; j++)
		free(h[j]);
	for (size_t i = 0; i < nr * nc; i++)
		free(c[i]);
	free(h);
	free(c);
	free(w);
	return ferror(f) ? E_INPUT : 0;
}

/* ---- XLSX ------------------------------------------------------------ */

/* Column width in Excel's units (about one Latin character): the widest
 * cell's display columns (a Han character is two) and a margin. */
static double xlsx_width(const roster_doc *d, size_t j)
{
	int w = report_width(d->headers[j]);
	for (size_t i = 0; i < d->nrows; i++) {
		int x = report_width(d->cells[i * d->ncols + j]);
		if (x > w)
			w = x;
	}
	if (w > 40)
		w = 40;
	return w + 3;
}

int roster_write_xlsx(const roster_doc *d, const char *path, err *e)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return err_set(e, E_INPUT, _("cannot write %s"), path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "结对帮扶名单");
	lxw_format *title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 16);
	format_set_align(title, LXW_ALIGN_CENTER);
	format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
	lxw_format *sub = workbook_add_format(wb);
	format_set_align(sub, LXW_ALIGN_LEFT);
	format_set_align(sub, LXW_ALIGN_VERTICAL_CENTER);
	lxw_format *att = workbook_add_format(wb);
	format_set_bold(att);
	format_set_align(att, LXW_ALIGN_LEFT);
	format_set_align(att, LXW_ALIGN_VERTICAL_CENTER);
	lxw_format *foot = workbook_add_format(wb);
	format_set_align(foot, LXW_ALIGN_LEFT);
	format_set_align(foot, LXW_ALIGN_VERTICAL_CENTER);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(head);
	lxw_format *cell = workbook_add_format(wb);
	format_set_border(cell, LXW_BORDER_THIN);
	format_set_align(cell, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(cell);
	lxw_format *num = workbook_add_format(wb);
	format_set_border(num, LXW_BORDER_THIN);
	format_set_align(num, LXW_ALIGN_CENTER);
	format_set_align(num, LXW_ALIGN_VERTICAL_CENTER);

	lxw_col_t last = (lxw_col_t)(d->ncols ? d->ncols - 1 : 0);
	/* 附件1 alone in A1, then the title and college lines merged across
	 * the table, the header row, the rows, and the 填表人 line. */
	bool has_att = d->attachment && *d->attachment;
	bool has_foot = d->footer && *d->footer;
	const lxw_row_t ROW_TITLE = has_att ? 1 : 0, ROW_SUB = ROW_TITLE + 1,
			ROW_HEAD = ROW_SUB + 1, ROW_DATA = ROW_HEAD + 1,
			ROW_FOOT = ROW_DATA + (lxw_row_t)d->nrows;
	if (has_att) {
		worksheet_set_row(ws, 0, 20, NULL);
		worksheet_write_string(ws, 0, 0, d->attachment, att);
	}
	worksheet_set_row(ws, ROW_TITLE, 30, NULL);
	worksheet_set_row(ws, ROW_SUB, 20, NULL);
	if (last > 0) {
		worksheet_merge_range(ws, ROW_TITLE, 0, ROW_TITLE, last, d->title, title);
		worksheet_merge_range(ws, ROW_SUB, 0, ROW_SUB, last, d->subtitle, sub);
	} else {
		worksheet_write_string(ws, ROW_TITLE, 0, d->title, title);
		worksheet_write_string(ws, ROW_SUB, 0, d->subtitle, sub);
	}
	for (size_t j = 0; j < d->ncols; j++) {
		worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, xlsx_width(d, j), NULL);
		worksheet_write_string(ws, ROW_HEAD, (lxw_col_t)j, d->headers[j], head);
	}
	for (size_t i = 0; i < d->nrows; i++)
		for (size_t j = 0; j < d->ncols; j++) {
			const char *s = d->cells[i * d->ncols + j];
			lxw_row_t r = (lxw_row_t)(ROW_DATA + i);
			/* 序号 as a number; every other cell as text (student
			 * numbers and phones keep their digits). */
			if (j == 0 && *s && strspn(s, "0123456789") == strlen(s) && strlen(s) < 10)
				worksheet_write_number(ws, r, (lxw_col_t)j, atof(s), num);
			else
				worksheet_write_string(ws, r, (lxw_col_t)j, s, cell);
		}
	if (has_foot) {
		worksheet_set_row(ws, ROW_FOOT, 24, NULL);
		if (last > 0)
			worksheet_merge_range(ws, ROW_FOOT, 0, ROW_FOOT, last, d->footer, foot);
		else
			worksheet_write_string(ws, ROW_FOOT, 0, d->footer, foot);
	}
	/* Printed as it is: A4 landscape, one page wide, the header row on
	 * every page, centred; the print area from 附件1 to the 填表人 line. */
	worksheet_set_paper(ws, 9);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, ROW_HEAD, ROW_HEAD);
	worksheet_print_area(ws, 0, 0, has_foot ? ROW_FOOT : ROW_FOOT - 1, last);
	worksheet_center_horizontally(ws);
	worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
	worksheet_freeze_panes(ws, ROW_DATA, 0);
	lxw_error x = workbook_close(wb);
	if (x != LXW_NO_ERROR)
		return err_set(e, E_INPUT, _("cannot write %s: %s"), path, lxw_strerror(x));
	return 0;
}

/* ---- a file, written whole or not at all ----------------------------- */

int report_file_save(const char *path, bool text,
		     int (*write)(FILE *txt, const char *tmp, void *ctx, err *e), void *ctx, err *e)
{
	char *tmp = xasprintf("%s.tmp", path);
	int rc = 0;
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!out) {
		rc = err_set(e, E_INPUT, _("cannot write %s: %s"), tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		free(tmp);
		return rc;
	}
	/* text: a control code in a stored value is written escaped */
	FILE *txt = text ? safeout_open(out) : NULL;
	rc = write(txt, tmp, ctx, e);
	if (txt && ((fflush(txt) != 0 || ferror(txt)) | (fclose(txt) != 0)) && !rc)
		rc = err_set(e, E_INPUT, _("cannot write %s: %s"), tmp, strerror(errno));
	if (rc && !e->msg[0])
		err_set(e, E_INPUT, _("cannot write %s: %s"), tmp, strerror(errno));
	if (!rc && (fflush(out) != 0 || ferror(out) || fsync(fileno(out)) != 0))
		rc = err_set(e, E_INPUT, _("cannot write %s: %s"), tmp, strerror(errno));
	if (fclose(out) != 0 && !rc)
		rc = err_set(e, E_INPUT, _("cannot write %s: %s"), tmp, strerror(errno));
	if (!rc && rename(tmp, path) != 0)
		rc = err_set(e, E_INPUT, _("cannot write %s: %s"), path, strerror(errno));
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

struct roster_out {
	const roster_doc *d;
	roster_format f;
};

static int roster_out_write(FILE *txt, const char *tmp, void *ctx, err *e)
{
	const struct roster_out *o = ctx;
	if (o->f == ROSTER_XLSX)
		return roster_write_xlsx(o->d, tmp, e);
	return o->f == ROSTER_MD ? roster_write_md(o->d, txt) : roster_write_csv(o->d, txt);
}

int roster_save(const roster_doc *d, roster_format f, const char *path, err *e)
{
	struct roster_out o = { d, f };
	return report_file_save(path, f != ROSTER_XLSX, roster_out_write, &o, e);
}
