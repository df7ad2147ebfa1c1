/* roster.c — bangfu export roster --college NAME --semester S
 *            [--format csv|xlsx|md] [-o FILE]
 * The pairing name list (Appendix 1); export.c hands `export roster` here. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "report/report.h"
#include "util/i18n.h"
#include "util/paths.h"

struct roster_args {
	const char *college, *semester, *format, *out, *layout;
	roster_format fmt;
	roster_layout l;
	roster_doc doc;
};

static int roster_opt(int ch, const char *arg, void *ctx)
{
	struct roster_args *a = ctx;
	switch (ch) {
	case 'c': a->college = arg; break;
	case 's': a->semester = arg; break;
	case 'f': a->format = arg; break;
	case 'o': a->out = arg; break;
	case 't': a->layout = arg; break;
	}
	return 0;
}

static int roster_read(model_txn *t, void *ctx, err *e)
{
	struct roster_args *a = ctx;
	roster_doc_free(&a->doc);
	return roster_build(t, &a->l, a->college, a->semester, &a->doc, e);
}

/* A table document (the name list, the overview) into o in format fmt;
 * an XLSX through xlsx into o's temporary file (renamed on close), with
 * libxlsxwriter's own English "[ERROR]" lines held back and one message of
 * ours said instead (disk full, or that the file cannot be written). */
int cli_doc_write(struct cli_out *o, const roster_doc *d, roster_format fmt,
		  int (*xlsx)(const roster_doc *, const char *, err *))
{
	if (fmt == ROSTER_MD)
		return roster_write_md(d, o->f);
	if (fmt != ROSTER_XLSX)
		return roster_write_csv(d, o->f);
	err e = { 0 };
	fflush(stderr);
	int saved = dup(STDERR_FILENO), nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (saved >= 0 && nul >= 0)
		dup2(nul, STDERR_FILENO);
	if (nul >= 0)
		close(nul);
	int rc = xlsx(d, o->tmp, &e);
	int werr = errno;
	fflush(stderr);
	if (saved >= 0) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	if (rc && cli_disk_full(o->tmp, werr == ENOSPC || werr == EDQUOT ? werr : 0))
		rc = cli_disk_full_error(o->tmp);
	else if (rc)
		cli_error(_("cannot write the XLSX file %s"), o->tmp);
	return rc;
}

const struct cli_cmd cli_cmd_export_roster;

/* The format from --format, else from the output file's extension, else CSV. */
static bool roster_pick_format(struct roster_args *a)
{
	if (a->format)
		return roster_format_parse(a->format, &a->fmt);
	a->fmt = ROSTER_CSV;
	const char *dot = a->out ? strrchr(a->out, '.') : NULL;
	if (dot)
		roster_format_parse(dot + 1, &a->fmt);
	return true;
}

int cli_export_roster(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "college", required_argument, NULL, 'c' },
		{ "semester", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "template", required_argument, NULL, 't' },
		{ 0 },
	};
	const struct cli_cmd *cmd = &cli_cmd_export_roster;
	struct roster_args a = { 0 };
	int first;
	bool done;
	int rc = cli_getopt(cmd, argc, argv, "o:", lo, roster_opt, &a, &first, &done);
	if (rc || done)
		return rc;
	if (first < argc)
		return cli_usage(cmd, _("too many arguments"));
	if (!a.college || !*a.college)
		return cli_usage(cmd, _("--college is required"));
	static char current[SEMESTER_CODE_MAX];
	if (!a.semester || !*a.semester) {
		if ((rc = cli_current_semester(c, current, sizeof current)) != 0)
			return rc;
		a.semester = current;
	}
	if (a.out && !*a.out)
		return cli_usage(cmd, _("-o needs a file name"));
	if (!roster_pick_format(&a)) {
		char buf[256];
		snprintf(buf, sizeof buf, _("unknown format: %s (csv, xlsx or md)"), a.format);
		return cli_usage(cmd, buf);
	}
	bool to_stdout = !a.out || strcmp(a.out, "-") == 0;
	if (a.fmt == ROSTER_XLSX && to_stdout)
		return cli_usage(cmd, _("an XLSX file needs -o FILE"));

	err e = { 0 };
	char *path = a.layout ? xstrdup(a.layout) : report_forms_path("roster.tpl");
	rc = roster_layout_load(path, &a.l, &e);
	free(path);
	if (rc)
		return cli_fail(&e);
	if ((rc = cli_open(c, false)) != 0)
		goto done;
	if ((rc = model_read(c->st, roster_read, &a, &e)) != 0) {
		rc = cli_fail(&e);
		goto done;
	}
	struct cli_out o;
	if ((rc = cli_out_open(&o, a.out)) != 0)
		goto done;
	rc = cli_doc_write(&o, &a.doc, a.fmt, roster_write_xlsx);
	int crc = cli_out_close(&o, rc == 0);
	rc = rc ? rc : crc;
	if (!rc && !to_stdout) {
		char *abs = paths_absolute(a.out);
		printf(ngettext("Wrote %s (%zu pairing).\n", "Wrote %s (%zu pairings).\n",
				a.doc.nrows), abs, a.doc.nrows);
		free(abs);
	}
done:
	roster_doc_free(&a.doc);
	roster_layout_free(&a.l);
	return rc;
}

const struct cli_cmd cli_cmd_export_roster = {
	"export roster",
	N_("--college NAME [--semester CODE] [--format csv|xlsx|md] [-o FILE] [--template FILE]"),
	N_("Write the pairing name list (Appendix 1) of a college and semester (default: the current one)."),
	cli_export_roster,
};
