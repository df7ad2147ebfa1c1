#include "config.h"
/* deadlines.c — the current semester's due dates as stats and the status
 * print them: the state of each is the model's due_status (the same the
 * screens draw); an overdue document's line starts with "!". */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/i18n.h"
#include "util/safeout.h"

struct due_info {
	char code[SEMESTER_CODE_MAX];
	model_deadlines d;
};

static int due_read(model_txn *t, void *ctx, err *e)
{
	struct due_info *d = ctx;
	int rc = model_semester_current(t, d->code, sizeof d->code, e);
	if (rc)
		return rc;
	return model_deadlines_get(t, d->code, NULL, date_today(), &d->d, e);
}

/* One due line: the date, the days left, and — standing out with "!" at
 * the start of the line (and bold on a terminal) — when it is overdue
 * (due_status_of: not once it is done). */
/* The program's own terminal attribute (bold), past the escaping of
 * stdout (safeout.h). */
static void term_attr(const char *seq)
{
	fflush(stdout);
	FILE *raw = safeout_raw_stdout();
	fputs(seq, raw);
	fflush(raw);
}

static void due_line(const char *indent, const char *label, const due_status *st,
		     const char *extra)
{
	char d[11], when[128];
	int days = st->days;
	bool late = st->state == DUE_OVERDUE;
	bool bold = late && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	date_format(st->due, d);
	if (st->state == DUE_DONE)
		/* handed in: the days left no longer matter (the screens say the same) */
		snprintf(when, sizeof when, "%s", _("done"));
	else if (days > 0)
		snprintf(when, sizeof when, ngettext("in %d day", "in %d days", days), days);
	else if (days == 0)
		snprintf(when, sizeof when, "%s", _("today"));
	else
		snprintf(when, sizeof when, ngettext("%d day ago", "%d days ago", -days), -days);
	fputs(late ? "! " : "  ", stdout);
	fputs(indent, stdout);
	if (bold)
		term_attr("\033[1m");
	cli_label(label, 24);
	printf("%s (%s)", d, when);
	if (late)
		printf("  %s", _("OVERDUE"));
	if (extra)
		printf("  %s", extra);
	if (bold)
		term_attr("\033[0m");
	putchar('\n');
}

int cli_deadlines(struct cli_ctx *c, const char *indent)
{
	struct due_info d = { 0 };
	err e = { 0 };
	int rc = model_read(c->st, due_read, &d, &e);
	if (rc)
		return cli_fail(&e);
	char name[64];
	semester_ui_name(d.code, name);
	if (!d.d.have_semester) {
		printf(_("Current semester: %s (%s), not set up yet (bangfu init --semester %s)\n"),
		       d.code, name, d.code);
		return 0;
	}
	printf(_("Current semester: %s (%s)\n"), d.code, name);
	if (d.d.roster.state != DUE_NONE)
		due_line(indent, _("pairing name list due"), &d.d.roster, NULL);
	if (d.d.summary.state != DUE_NONE) {
		char extra[128];
		snprintf(extra, sizeof extra, _("final for %zu of %zu colleges"), d.d.finals,
			 d.d.colleges);
		due_line(indent, _("semester summary due"), &d.d.summary, extra);
	}
	return 0;
}

