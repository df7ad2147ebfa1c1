/* overview.c — bangfu report overview [--semester S] [--format csv|xlsx|md]
 *              [-o FILE]
 * The university overview: one row per college and a total row
 * (report/overview.c); report.c hands `report overview` here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/report.h"
#include "util/i18n.h"
#include "util/paths.h"

struct overview_args {
	const char *semester;
	roster_doc doc;
};

static int overview_read(model_txn *t, void *ctx, err *e)
{
	struct overview_args *a = ctx;
	roster_doc_free(&a->doc);
	return overview_build(t, a->semester, date_today(), &a->doc, e);
}

int cli_report_overview(struct cli_ctx *c, const struct cli_cmd *cmd, const char *sem_code,
			const char *format, const char *out)
{
	roster_format fmt = ROSTER_CSV;
	if (format ? !roster_format_parse(format, &fmt) : false) {
		char buf[256];
		snprintf(buf, sizeof buf, _("unknown format: %s (csv, xlsx or md)"), format);
		return cli_usage(cmd, buf);
	}
	if (!format && out) {
		const char *dot = strrchr(out, '.');
		if (dot)
			roster_format_parse(dot + 1, &fmt);
	}
	if (out && !*out)
		return cli_usage(cmd, _("-o needs a file name"));
	bool to_stdout = !out || strcmp(out, "-") == 0;
	if (fmt == ROSTER_XLSX && to_stdout)
		return cli_usage(cmd, _("an XLSX file needs -o FILE"));
	struct overview_args a = { sem_code, { 0 } };
	static char current[SEMESTER_CODE_MAX];
	int rc;
	if (!a.semester || !*a.semester) {
		if ((rc = cli_current_semester(c, current, sizeof current)) != 0)
			return rc;
		a.semester = current;
	}
	if ((rc = cli_open(c, false)) != 0)
		return rc;
	err e = { 0 };
	if ((rc = model_read(c->st, overview_read, &a, &e)) != 0) {
		roster_doc_free(&a.doc);
		return cli_fail(&e);
	}
	struct cli_out o;
	if ((rc = cli_out_open(&o, out)) != 0) {
		roster_doc_free(&a.doc);
		return rc;
	}
	rc = cli_doc_write(&o, &a.doc, fmt, overview_write_xlsx);
	int crc = cli_out_close(&o, rc == 0);
	rc = rc ? rc : crc;
	if (!rc && !to_stdout) {
		char *abs = paths_absolute(out);
		size_t n = a.doc.nrows ? a.doc.nrows - 1 : 0;
		printf(ngettext("Wrote %s (%zu college and the total).\n",
				"Wrote %s (%zu colleges and the total).\n", n), abs, n);
		free(abs);
	}
	roster_doc_free(&a.doc);
	return rc;
}
