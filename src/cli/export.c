/* export.c — bangfu export dump [-o FILE] */
#include "config.h"

#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "model/dump.h"
#include "util/i18n.h"

struct export_args {
	const char *out;
};

static int export_opt(int ch, const char *arg, void *ctx)
{
	struct export_args *a = ctx;
	if (ch == 'o')
		a->out = arg;
	return 0;
}

static int export_run(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "output", required_argument, NULL, 'o' },
		{ 0 },
	};
	struct export_args a = { 0 };
	int first;
	bool done;
	/* The name list has options of its own (roster.c). */
	if (argc > 1 && strcmp(argv[1], "roster") == 0)
		return cli_export_roster(c, argc - 1, argv + 1);
	int rc = cli_getopt(&cli_cmd_export, argc, argv, "o:", lo, export_opt, &a, &first, &done);
	if (rc || done)
		return rc;
	if (first >= argc)
		return cli_usage(&cli_cmd_export, _("export needs a format (dump)"));
	if (argc - first > 1)
		return cli_usage(&cli_cmd_export, _("too many arguments"));
	if (strcmp(argv[first], "dump") != 0) {
		char buf[256];
		snprintf(buf, sizeof buf, _("unknown export format: %s"), argv[first]);
		return cli_usage(&cli_cmd_export, buf);
	}
	if (a.out && !*a.out)
		return cli_usage(&cli_cmd_export, _("-o needs a file name"));

	if ((rc = cli_open(c, false)) != 0)
		return rc;
	struct cli_out o;
	if ((rc = cli_out_open(&o, a.out)) != 0)
		return rc;
	err e = { 0 };
	size_t masked = 0;
	/* Privacy (DOMAIN): only a counsellor's dump holds the
	 * psychological notes; any other role's is redacted, says so on
	 * stderr, and cannot be restored. */
	rc = model_dump_as(c->st, o.f, c->role, &masked, &e);
	int crc = cli_out_close(&o, rc == 0);
	if (rc && a.out && strcmp(a.out, "-") != 0 && cli_disk_full(a.out, 0))
		return cli_disk_full_error(a.out);
	if (rc)
		return cli_fail(&e);
	if (masked)
		cli_error(_("%zu psychological notes were left out (shown as %s): this dump cannot be restored; only --role counsellor exports everything"),
			  masked, privacy_mask());
	return crc;
}

const struct cli_cmd cli_cmd_export = {
	"export",
	N_("dump [-o FILE] | roster --college NAME --semester CODE [--format csv|xlsx|md] [-o FILE]"),
	N_("Write the whole database as JSON Lines, or the pairing name list (Appendix 1) of a college as CSV, XLSX or Markdown (private data: files are made readable by you only)."),
	export_run,
};
