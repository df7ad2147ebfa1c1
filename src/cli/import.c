/* import.c — bangfu import students|counsellors|pairings|talks|aid FILE
 * [--dry-run], import students FILE --update [--dry-run] (a dry run then
 * prints every change), and bangfu import dump FILE. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/dump.h"
#include "model/import.h"
#include "util/i18n.h"

struct import_args {
	bool dry_run;
	bool update;
};

static int import_opt(int ch, const char *arg, void *ctx)
{
	struct import_args *a = ctx;
	if (ch == 'n')
		a->dry_run = true;
	else if (ch == 'u')
		a->update = true;
	return 0;
}

static void import_progress(size_t done, size_t total, void *ctx)
{
	cli_progress(_("importing"), done, total);
}

/* Prints every problem ("FILE:LINE: field: what is wrong"), then the
 * summary, and returns the exit status. */
static int import_report(const errlist *errs, const err *e, int rc)
{
	fflush(stdout);
	for (size_t i = 0; i < errs->n; i++)
		fprintf(stderr, "%s\n", errs->msg[i]);
	if (e->msg[0] || !errs->n) {
		err copy = *e;
		copy.code = rc;
		return cli_fail(&copy);
	}
	if (rc == E_INPUT)
		cli_error(_("nothing was imported"));
	return rc;
}

static void import_line(const char *label, size_t n)
{
	if (n)
		cli_count_row("  ", label, n);
}

static int import_dump(struct cli_ctx *c, const char *path)
{
	int rc;
	char *made = cli_open_fresh(c, &rc);
	if (rc) {
		cli_discard_fresh(c, made);
		return rc;
	}
	errlist errs = { 0 };
	err e = { 0 };
	if (strcmp(path, "-") == 0)
		rc = model_restore_file(c->st, stdin, "-", &errs, &e);
	else
		rc = model_restore(c->st, path, &errs, &e);
	if (rc) {
		cli_discard_fresh(c, made);   /* a failed restore leaves nothing */
		rc = import_report(&errs, &e, rc);
		errlist_free(&errs);
		return rc;
	}
	free(made);
	errlist_free(&errs);
	printf(_("Restored %s into %s.\n"), path, c->db_dir);
	return 0;
}

static int import_run(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "update", no_argument, NULL, 'u' },
		{ 0 },
	};
	struct import_args a = { 0 };
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_import, argc, argv, "nu", lo, import_opt, &a, &first, &done);
	if (rc || done)
		return rc;
	if (argc - first < 2)
		return cli_usage(&cli_cmd_import, _("import needs a kind and a file"));
	if (argc - first > 2)
		return cli_usage(&cli_cmd_import, _("too many arguments"));
	const char *kind = argv[first], *path = argv[first + 1];

	if (strcmp(kind, "dump") == 0) {
		if (a.dry_run)
			return cli_usage(&cli_cmd_import, _("--dry-run does not apply to a dump"));
		if (a.update)
			return cli_usage(&cli_cmd_import, _("--update applies to students only"));
		return import_dump(c, path);
	}
	bool known = false;
	for (size_t i = 0; import_kinds[i]; i++)
		if (strcmp(import_kinds[i], kind) == 0)
			known = true;
	if (!known) {
		char buf[256];
		snprintf(buf, sizeof buf, _("unknown kind of import: %s"), kind);
		return cli_usage(&cli_cmd_import, buf);
	}
	if (a.update && strcmp(kind, "students") != 0)
		return cli_usage(&cli_cmd_import, _("--update applies to students only"));

	char *made = cli_open_fresh(c, &rc);
	if (rc) {
		cli_discard_fresh(c, made);
		return rc;
	}
	errlist changes = { 0 };
	import_opts o = {
		.kind = kind, .path = path, .dry_run = a.dry_run, .update = a.update,
		.changes = a.update && a.dry_run ? &changes : NULL, .list_new = true,
		.progress = cli_progress_on() ? import_progress : NULL,
	};
	import_result res = { 0 };
	errlist errs = { 0 };
	err e = { 0 };
	rc = model_import_ex(c->st, &o, &res, &errs, &e);
	cli_progress_end();
	if (rc || a.dry_run)
		cli_discard_fresh(c, made);   /* nothing imported: no new folder */
	else
		free(made);
	if (rc) {
		rc = import_report(&errs, &e, rc);
		errlist_free(&errs);
		errlist_free(&changes);
		return rc;
	}
	errlist_free(&errs);
	for (size_t i = 0; i < changes.n; i++)
		printf("%s\n", changes.msg[i]);
	errlist_free(&changes);

	if (a.dry_run)
		printf(ngettext("%s: %zu row (%s) is valid; nothing was written (dry run). The import would create:\n",
				"%s: %zu rows (%s) are valid; nothing was written (dry run). The import would create:\n",
				res.rows), path, res.rows, res.encoding);
	else
		printf(ngettext("%s: imported %zu row (%s). Created:\n",
				"%s: imported %zu rows (%s). Created:\n", res.rows),
		       path, res.rows, res.encoding);
	import_line(_("colleges"), res.colleges);
	import_line(_("semesters"), res.semesters);
	import_line(_("students"), res.students);
	import_line(_("party members"), res.members);
	import_line(_("assisted students"), res.targets);
	import_line(_("counsellors"), res.counsellors);
	import_line(_("pairings"), res.pairings);
	import_line(_("talks"), res.talks);
	import_line(_("aid records"), res.aid);
	if (a.update) {
		if (a.dry_run)
			printf("%s\n", _("and would update:"));
		else
			printf("%s\n", _("Updated:"));
		cli_count_row("  ", _("students changed"), res.updated);
		cli_count_row("  ", _("students unchanged"), res.unchanged);
	}
	return 0;
}

const struct cli_cmd cli_cmd_import = {
	"import",
	N_("students|counsellors|pairings|talks|aid FILE [--dry-run] | students FILE --update "
	   "[--dry-run] | dump FILE"),
	N_("Import a CSV file (all rows or none; --update changes the students already "
	   "there), or restore a dump into an empty database."),
	import_run,
};
