/* pairing.c — bangfu pairing end REF --date D --outcome OUTCOME [--note
 * TEXT] [--assessment A] [--failed-start N --failed-end N] [--gpa-start G
 * --gpa-end G] [--rev N]: ends a pairing with its outcome (pairing_end). */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/model.h"
#include "util/i18n.h"

struct pairing_args {
	const char *ref, *date;
	long rev;              /* -1: any */
	pairing_ending x;
	char refnow[MODEL_REF_MAX];
	char title[512];
};

static int pairing_opt(int ch, const char *arg, void *ctx)
{
	struct pairing_args *a = ctx;
	switch (ch) {
	case 'd': a->date = arg; break;
	case 'o': a->x.outcome = arg; break;
	case 'n': a->x.note = arg; break;
	case 'a': a->x.assessment = arg; break;
	case 'f': a->x.failed_start = arg; break;
	case 'F': a->x.failed_end = arg; break;
	case 'g': a->x.gpa_start = arg; break;
	case 'G': a->x.gpa_end = arg; break;
	case 'r':
		if (!cli_parse_count(arg, &a->rev))
			return cli_usage(&cli_cmd_pairing, _("--rev needs a revision number"));
		break;
	}
	return 0;
}

static int pairing_write(model_txn *t, void *ctx, err *e)
{
	struct pairing_args *a = ctx;
	rid id;
	int rc = model_ref_find(t, &pairing_desc, a->ref, false, &id, e);
	if (rc)
		return rc;
	pairing p = { 0 };
	rc = pairing_end(t, &id, a->rev >= 0 ? (uint32_t)a->rev : 0, &a->x, &p, e);
	if (rc == E_NOTFOUND)
		return err_set(e, E_INPUT, _("no %s with REF \"%s\""), model_desc_title(&pairing_desc),
			       a->ref);
	if (rc) {
		if (rc == E_INPUT)
			model_field_err(&pairing_desc, e);
		return rc;
	}
	cli_ref(t, &pairing_desc, &p, a->refnow, sizeof a->refnow);
	model_label_text(t, &pairing_desc, &p, a->title, sizeof a->title);
	rec_free(&pairing_desc, &p);
	return 0;
}

/* A choice given by its Chinese name or an English synonym: canonical,
 * else as given (the model names what is wrong). */
static const char *canon(const char *const *values, const char *s)
{
	const char *c = s && *s ? choice_canon(values, s) : NULL;
	return c ? c : s;
}

static int pairing_run(struct cli_ctx *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "outcome", required_argument, NULL, 'o' },
		{ "note", required_argument, NULL, 'n' },
		{ "assessment", required_argument, NULL, 'a' },
		{ "failed-start", required_argument, NULL, 'f' },
		{ "failed-end", required_argument, NULL, 'F' },
		{ "gpa-start", required_argument, NULL, 'g' },
		{ "gpa-end", required_argument, NULL, 'G' },
		{ "rev", required_argument, NULL, 'r' },
		{ 0 },
	};
	struct pairing_args a = { .rev = -1 };
	int first;
	bool done;
	int rc = cli_getopt(&cli_cmd_pairing, argc, argv, "", lo, pairing_opt, &a, &first, &done);
	if (rc || done)
		return rc;
	if (first >= argc || strcmp(argv[first], "end") != 0)
		return cli_usage(&cli_cmd_pairing, _("pairing needs what to do: end"));
	if (argc - first != 2)
		return cli_usage(&cli_cmd_pairing, _("pairing end needs the pairing's REF"));
	if (!a.date || !a.x.outcome)
		return cli_usage(&cli_cmd_pairing, _("pairing end needs --date and --outcome"));
	a.ref = argv[first + 1];
	if (!date_parse(a.date, &a.x.date)) {
		cli_error(_("--date: not a date (YYYY-MM-DD): \"%s\""), a.date);
		return E_INPUT;
	}
	a.x.outcome = canon(outcome_values, a.x.outcome);
	a.x.assessment = canon(assessment_values, a.x.assessment);
	if ((rc = cli_open(c, false)) != 0)
		return rc;
	err e = { 0 };
	if ((rc = model_write(c->st, pairing_write, &a, &e)))
		return cli_fail(&e);
	printf(_("ended %s (REF %s) on %s: %s\n"), a.title, a.refnow, a.date, a.x.outcome);
	return 0;
}

const struct cli_cmd cli_cmd_pairing = {
	"pairing",
	N_("end REF --date D --outcome OUTCOME [--note TEXT] [--assessment A] [--failed-start N] [--failed-end N] [--gpa-start G] [--gpa-end G]"),
	N_("End a pairing on a date with its outcome (目标达成 毕业离校 转出学院 休学或退学 调整结对 其他) and, where the kind has them, the student's figures at the start and the end."),
	pairing_run,
};
