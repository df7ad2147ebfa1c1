#include "config.h"
/* summary.c — the semester summary (结对帮扶情况总结) of a college, rendered:
 * the facts the model counts (model/facts.h: every number, and the typical
 * cases already anonymised and scrubbed) become template variables, and
 * forms/summary.tpl is expanded with them. Nothing here counts or decides
 * what may be shown: it only words what it is given. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "util/i18n.h"
#include "util/text.h"

bool summary_format_parse(const char *s, summary_format *out)
{
	if (strcmp(s, "txt") == 0 || strcmp(s, "text") == 0)
		*out = SUMMARY_TXT;
	else if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		*out = SUMMARY_MD;
	else
		return false;
	return true;
}

/* ---- small helpers ---------------------------------------------------- */

static char *yuan(long long fen)
{
	return xasprintf("%lld.%02lld", fen / 100, fen % 100);
}

/* "2026年7月31日". malloc'd. */
static char *cn_date(date_t d)
{
	int y, m, day;
	date_ymd(d, &y, &m, &day);
	return xasprintf("%d年%d月%d日", y, m, day);
}

static int pct(size_t a, size_t b)
{
	return b ? (int)((a * 100 + b / 2) / b) : 0;
}

/* A growing string. */
struct sb {
	char *s;
	size_t n, cap;
};

static void sb_puts(struct sb *b, const char *s)
{
	size_t l = strlen(s);
	if (b->n + l + 1 > b->cap) {
		b->cap = (b->n + l + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, l + 1);
	b->n += l;
}

/* Appends a malloc'd piece and frees it. */
static void sb_take_in(struct sb *b, char *piece)
{
	sb_puts(b, piece);
	free(piece);
}

static char *sb_take(struct sb *b)
{
	return b->s ? b->s : xstrdup("");
}

/* Sets name to the string built in b, and frees it. */
static void tpl_set_sb(tpl_vars *v, const char *name, struct sb *b)
{
	char *s = sb_take(b);
	tpl_set(v, name, s);
	free(s);
}

/* ---- the variables ---------------------------------------------------- */

/* asof: "学期末（2026年7月31日）" for a past semester, else today's date
 * ("截至{{asof}}"); today: today's date. */
static void vars_heading(tpl_vars *v, const summary_facts *f, const summary_detail *d)
{
	char longname[64];
	semester_long_name(d->semester, longname);
	tpl_set(v, "college", d->college);
	tpl_set(v, "semester", d->semester);
	tpl_set(v, "semester_name", longname);
	char *today = cn_date(date_today()), *asof = cn_date(f->asof);
	tpl_set(v, "today", today);
	if (f->past)
		tpl_setf(v, "asof", "学期末（%s）", asof);
	else
		tpl_set(v, "asof", asof);
	tpl_set_num(v, "past", f->past);
	free(today);
	free(asof);
}

static void vars_counts(tpl_vars *v, const summary_facts *f)
{
	tpl_set_num(v, "pairings", (long long)f->pairings);
	tpl_set_num(v, "members", (long long)f->members);
	tpl_set_num(v, "targets", (long long)f->targets);
	tpl_set_num(v, "kind_academic", (long long)f->kind_academic);
	tpl_set_num(v, "kind_financial", (long long)f->kind_financial);
	tpl_set_num(v, "kind_psych", (long long)f->kind_psych);
	tpl_set_num(v, "cross_college", (long long)f->cross_college);
	tpl_set_num(v, "ended", (long long)f->ended);
	tpl_set_num(v, "members_full", (long long)f->members_full);
	tpl_set_num(v, "members_prob", (long long)f->members_prob);
	/* Ended and running pairings, told once: "已有3对结对结束帮扶，9对仍在帮扶中". */
	size_t upcoming = f->pairings - f->ended - f->active;
	char *st;
	if (!f->pairings)
		st = xstrdup("");
	else if (f->ended == f->pairings)
		st = xasprintf("%zu对结对均已结束帮扶", f->pairings);
	else if (f->active == f->pairings)
		st = xasprintf("%zu对结对均在帮扶中", f->pairings);
	else if (f->ended && f->active)
		st = xasprintf("已有%zu对结对结束帮扶，%zu对仍在帮扶中", f->ended, f->active);
	else if (f->ended)
		st = xasprintf("已有%zu对结对结束帮扶", f->ended);
	else if (f->active)
		st = xasprintf("%zu对结对正在帮扶中", f->active);
	else
		st = xstrdup("结对均尚未开始");
	if (upcoming && (f->ended || f->active)) {
		char *more = xasprintf("%s，另有%zu对尚未开始", st, upcoming);
		free(st);
		st = more;
	}
	tpl_set(v, "status", st);
	free(st);
	tpl_set_num(v, "all_ended", f->pairings && f->ended == f->pairings);
	tpl_set_num(v, "all_active", f->pairings && f->active == f->pairings);
	tpl_set_num(v, "kinds_any", f->kind_academic || f->kind_financial || f->kind_psych);
}

static void vars_talks(tpl_vars *v, const summary_facts *f)
{
	tpl_set_num(v, "talks", (long long)f->talks);
	tpl_set_num(v, "minutes", f->minutes);
	tpl_set_num(v, "hours", (f->minutes + 30) / 60);
	/* "0.0" is no figure: left empty, so that its sentence goes. */
	char per[32];
	snprintf(per, sizeof per, "%.1f", f->pairings ? (double)f->talks / f->pairings : 0.0);
	tpl_set(v, "talks_per_pair", strcmp(per, "0.0") == 0 ? "" : per);
	tpl_set_num(v, "minutes_per_talk",
		    f->talks ? (f->minutes + (long long)f->talks / 2) / (long long)f->talks : 0);
	tpl_set_num(v, "topic_study", (long long)f->topic_study);
	tpl_set_num(v, "topic_life", (long long)f->topic_life);
	tpl_set_num(v, "topic_thought", (long long)f->topic_thought);
	tpl_set_num(v, "topic_psych", (long long)f->topic_psych);
	tpl_set_num(v, "mode_face", (long long)f->mode_face);
	tpl_set_num(v, "mode_phone", (long long)f->mode_phone);
	tpl_set_num(v, "mode_online", (long long)f->mode_online);
	tpl_set_num(v, "pairings_talked", (long long)f->pairings_talked);
	tpl_set_num(v, "all_talked", f->pairings && f->pairings_talked == f->pairings);
	tpl_set_num(v, "talked_percent", pct(f->pairings_talked, f->pairings));
	tpl_set_num(v, "not_talked", (long long)(f->pairings - f->pairings_talked));
	tpl_set_num(v, "counsellor_talks", (long long)f->counsellor_talks);
	tpl_set_num(v, "counsellor_minutes", f->counsellor_minutes);
	/* The topics and modes that occurred, as "涉及学习的12次，涉及生活的3次". */
	static const char *const topic_words[] = { "学习", "生活", "思想", "心理" };
	size_t topics[] = { f->topic_study, f->topic_life, f->topic_thought, f->topic_psych };
	struct sb tl = { 0 }, ml = { 0 };
	for (int k = 0; k < 4; k++)
		if (topics[k])
			sb_take_in(&tl, xasprintf("%s涉及%s的%zu次", tl.n ? "，" : "", topic_words[k],
						  topics[k]));
	tpl_set_sb(v, "topic_list", &tl);
	static const char *const mode_words[] = { "当面谈心", "电话沟通", "线上交流" };
	size_t modes[] = { f->mode_face, f->mode_phone, f->mode_online };
	for (int k = 0; k < 3; k++)
		if (modes[k])
			sb_take_in(&ml, xasprintf("%s%s%zu次", ml.n ? "，" : "", mode_words[k], modes[k]));
	tpl_set_sb(v, "mode_list", &ml);
}

static void vars_aid(tpl_vars *v, const summary_facts *f)
{
	static const char *const aid_names[] = { "aid_money", "aid_daily", "aid_study" };
	char buf[64];
	size_t aid_n = f->aid_count[0] + f->aid_count[1] + f->aid_count[2];
	tpl_set_num(v, "aid_count", (long long)aid_n);
	char *y = yuan(f->aid_total_fen);
	tpl_set(v, "aid_total", y);
	tpl_set_num(v, "aid_fen", f->aid_total_fen);
	free(y);
	struct sb kinds = { 0 };
	for (int j = 0; j < 3; j++) {
		char *yy = yuan(f->aid_fen[j]);
		snprintf(buf, sizeof buf, "%s_count", aid_names[j]);
		tpl_set_num(v, buf, (long long)f->aid_count[j]);
		snprintf(buf, sizeof buf, "%s_yuan", aid_names[j]);
		tpl_set(v, buf, yy);
		if (f->aid_count[j] && f->aid_fen[j])
			sb_take_in(&kinds, xasprintf("%s%s%zu次、计%s元", kinds.n ? "，" : "",
						     aid_kind_values[j], f->aid_count[j], yy));
		else if (f->aid_count[j])
			sb_take_in(&kinds, xasprintf("%s%s%zu次", kinds.n ? "，" : "",
						     aid_kind_values[j], f->aid_count[j]));
		free(yy);
	}
	tpl_set_sb(v, "aid_by_kind", &kinds);
}

enum { OVERDUE_LISTED = 10 };

/* Active pairings on time; overdue ones, most overdue first. */
static void vars_overdue(tpl_vars *v, const summary_facts *f, const summary_detail *d)
{
	tpl_set_num(v, "active", (long long)f->active);
	tpl_set_num(v, "all_on_time", f->active && !f->overdue);
	tpl_set_num(v, "on_time", (long long)(f->active - f->overdue));
	tpl_set_num(v, "on_time_percent", pct(f->active - f->overdue, f->active));
	tpl_set_num(v, "overdue", (long long)f->overdue);
	tpl_set_num(v, "overdue_days", f->overdue_days);
	struct sb ol = { 0 };
	for (size_t i = 0; i < d->nlate && i < OVERDUE_LISTED; i++)
		sb_take_in(&ol, xasprintf("%s%s%d天", i ? "、" : "", d->late[i].student,
					  d->late[i].days));
	if (d->nlate > OVERDUE_LISTED)
		sb_puts(&ol, "等");
	tpl_set_sb(v, "overdue_list", &ol);
}

enum { CLASSES_LISTED = 3 };

static int tally_by_n(const void *x, const void *y)
{
	const summary_tally *const *a = x, *const *b = y;
	if ((*a)->n != (*b)->n)
		return (*a)->n > (*b)->n ? -1 : 1;
	return strcmp((*a)->name, (*b)->name);
}

/* Members by branch; financially struggling students by tier; pairings
 * by the member's class (only when there are several classes; over
 * CLASSES_LISTED, only the largest, with by_class_more set). */
static void vars_groups(tpl_vars *v, const summary_facts *f, const summary_detail *d)
{
	struct sb brl = { 0 }, tl = { 0 }, cl = { 0 };
	for (size_t k = 0; k < d->nbranches; k++)
		sb_take_in(&brl, xasprintf("%s%s%zu名", k ? "、" : "", d->branches[k].name,
					   d->branches[k].n));
	tpl_set_sb(v, "by_branch", &brl);
	for (int k = 0; k < 3; k++)
		if (f->tiers[k])
			sb_take_in(&tl, xasprintf("%s%s%zu名", tl.n ? "、" : "", tier_values[k],
						  f->tiers[k]));
	char *tiers = xstrdup(tl.s ? tl.s : "");
	tpl_set_sb(v, "tier_list", &tl);
	/* The kinds that occur, the tiers after 家庭经济困难. */
	struct sb kl = { 0 };
	if (f->kind_academic)
		sb_take_in(&kl, xasprintf("学习成绩较差的学生%zu名", f->kind_academic));
	if (f->kind_financial)
		sb_take_in(&kl, xasprintf("%s家庭经济困难的学生%zu名%s%s%s", kl.n ? "，" : "",
					  f->kind_financial, *tiers ? "（其中" : "", tiers,
					  *tiers ? "）" : ""));
	if (f->kind_psych)
		sb_take_in(&kl, xasprintf("%s心理困难及其他问题的学生%zu名", kl.n ? "，" : "",
					  f->kind_psych));
	free(tiers);
	tpl_set_sb(v, "kind_list", &kl);
	const summary_tally **order = xcalloc(d->nclasses + 1, sizeof *order);
	for (size_t i = 0; i < d->nclasses; i++)
		order[i] = &d->classes[i];
	bool condensed = d->nclasses > CLASSES_LISTED;
	if (condensed)
		qsort(order, d->nclasses, sizeof *order, tally_by_n);
	size_t shown = condensed ? CLASSES_LISTED : d->nclasses;
	for (size_t i = 0; i < shown; i++) {
		const char *cn = *order[i]->name ? order[i]->name : "未填班级";
		size_t len = strlen(cn);
		bool has_ban = len >= 3 && strcmp(cn + len - 3, "班") == 0;
		sb_take_in(&cl, xasprintf("%s%s%s%zu对", i ? "、" : "", cn, has_ban ? "" : "班",
					  order[i]->n));
	}
	free(order);
	char *cls = sb_take(&cl);
	tpl_set(v, "by_class", d->nclasses > 1 ? cls : "");
	tpl_set_num(v, "by_class_more", condensed);
	tpl_set_num(v, "classes", (long long)d->nclasses);
	free(cls);
}

/* Talks by month, in the semester's order (only when there are several
 * months). */
static void vars_months(tpl_vars *v, const summary_detail *d)
{
	struct sb ml = { 0 };
	for (size_t i = 0; i < d->nmonths; i++)
		sb_take_in(&ml, xasprintf("%s%d月%zu次", i ? "、" : "", d->months[i].month,
					  d->months[i].talks));
	char *mls = sb_take(&ml);
	tpl_set(v, "by_month", d->nmonths > 1 ? mls : "");
	free(mls);
}

/* ---- typical cases ----------------------------------------------------- */

enum { QUOTE_MAX_CHARS = 90 };

/* Chinese typography in quoted text: ASCII double quotes become “ and ”
 * in turn, ASCII , ; : ? ! ( ) their full-width forms (a , or : between two
 * digits, as in 1,000 or 10:30, stays). malloc'd. */
static char *full_width(const char *s)
{
	struct sb b = { 0 };
	bool open = false;
	sb_puts(&b, "");
	for (const char *p = s; *p; p++) {
		bool digits = p > s && p[-1] >= '0' && p[-1] <= '9' && p[1] >= '0' && p[1] <= '9';
		const char *w = NULL;
		switch (*p) {
		case '"': w = open ? "”" : "“"; open = !open; break;
		case ',': w = digits ? NULL : "，"; break;
		case ':': w = digits ? NULL : "："; break;
		case ';': w = "；"; break;
		case '?': w = "？"; break;
		case '!': w = "！"; break;
		case '(': w = "（"; break;
		case ')': w = "）"; break;
		}
		if (w) {
			sb_puts(&b, w);
		} else {
			char c[2] = { *p, 0 };
			sb_puts(&b, c);
		}
	}
	return sb_take(&b);
}

/* A quote (already scrubbed by the model) made fit for a sentence: one
 * line, at most QUOTE_MAX_CHARS characters, full-width punctuation, no
 * final full stop. malloc'd. */
static char *quote_line(const char *text)
{
	static const char *const joins[][2] = {
		{ "\r\n", "，" }, { "\n", "，" }, { "\r", "，" },
		{ ",，", "，" }, { "，，", "，" }, { "。，", "，" },
	};
	char *s = full_width(text);
	for (size_t i = 0; i < sizeof joins / sizeof *joins; i++)
		text_replace(&s, joins[i][0], joins[i][1]);
	/* Cut at a character boundary. */
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	for (size_t chars = 0; p < end && chars < QUOTE_MAX_CHARS; chars++) {
		ucs4_t c;
		p += u8_mbtouc(&c, p, (size_t)(end - p));
	}
	if (p < end) {
		size_t at = (size_t)(p - (const uint8_t *)s);
		s = xrealloc(s, at + sizeof "……");
		strcpy(s + at, "……");
	}
	size_t l = strlen(s);
	while (l >= 3 && (strcmp(s + l - 3, "。") == 0 || strcmp(s + l - 3, "；") == 0 ||
			  strcmp(s + l - 3, "，") == 0)) {
		l -= 3;
		s[l] = 0;
	}
	while (l && (s[l - 1] == '.' || s[l - 1] == ' '))
		s[--l] = 0;
	return s;
}

/* "2026年3月2日，……；2026年4月9日，……。": the case's quotes in order.
 * malloc'd. */
static char *case_record(const summary_case *c)
{
	struct sb b = { 0 };
	for (size_t i = 0; i < c->nquotes; i++) {
		char *md = cn_date(c->quotes[i].date);
		char *qt = quote_line(c->quotes[i].text);
		sb_take_in(&b, xasprintf("%s%s，%s", i ? "；" : "", md, qt));
		free(md);
		free(qt);
	}
	if (c->nquotes)
		sb_puts(&b, "。");
	return sb_take(&b);
}

static void set_case_var(tpl_vars *v, size_t i, const char *part, const char *value)
{
	char key[32];
	snprintf(key, sizeof key, "case%zu_%s", i + 1, part);
	tpl_set(v, key, value);
}

/* caseN and its parts; an unused case is set empty, so that the template
 * may mention its names. */
static void vars_cases(tpl_vars *v, const summary_detail *d)
{
	static const char *const parts[] = { "student", "kinds", "since", "talks",
					     "minutes", "record" };
	for (size_t i = 0; i < SUMMARY_CASES; i++) {
		char key[32];
		snprintf(key, sizeof key, "case%zu", i + 1);
		if (i >= d->ncases) {
			tpl_set(v, key, "");
			for (size_t j = 0; j < sizeof parts / sizeof *parts; j++)
				set_case_var(v, i, parts[j], "");
			continue;
		}
		const summary_case *c = &d->cases[i];
		char kb[128], num[32];
		char *since = cn_date(c->since), *record = case_record(c);
		kinds_format(c->kinds, kb, sizeof kb);
		tpl_set(v, key, "1");
		set_case_var(v, i, "student", c->student);
		set_case_var(v, i, "kinds", kb);
		set_case_var(v, i, "since", since);
		snprintf(num, sizeof num, "%zu", c->talks);
		set_case_var(v, i, "talks", num);
		snprintf(num, sizeof num, "%lld", c->minutes);
		set_case_var(v, i, "minutes", num);
		set_case_var(v, i, "record", record);
		free(since);
		free(record);
	}
}

static void draft_vars(const summary_facts *f, const summary_detail *d, tpl_vars *v)
{
	vars_heading(v, f, d);
	vars_counts(v, f);
	vars_talks(v, f);
	vars_aid(v, f);
	vars_overdue(v, f, d);
	vars_groups(v, f, d);
	vars_months(v, d);
	vars_cases(v, d);
}

/* Markdown keeps the template's "#" headings; text drops the marks. */
static char *to_text(const char *md)
{
	struct sb b = { 0 };
	const char *p = md;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);
		const char *q = p;
		if (*q == '#') {
			while (*q == '#')
				q++;
			if (*q == ' ')
				q++;
			else
				q = p;
		}
		char *line = xmalloc(len + 1);
		memcpy(line, q, len - (size_t)(q - p));
		line[len - (size_t)(q - p)] = 0;
		sb_puts(&b, line);
		free(line);
		p += len;
	}
	return sb_take(&b);
}

/* Blank lines: at most one in a row, none at the start or end. */
static char *tidy(const char *s)
{
	struct sb b = { 0 };
	int blank = 2;
	const char *p = s;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		bool empty = true;
		for (size_t i = 0; i < len; i++)
			if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
				empty = false;
		if (empty) {
			blank++;
		} else {
			if (blank == 1 || (blank > 1 && b.n))
				sb_puts(&b, "\n");
			char *line = xmalloc(len + 2);
			memcpy(line, p, len);
			line[len] = '\n';
			line[len + 1] = 0;
			sb_puts(&b, line);
			free(line);
			blank = 0;
		}
		p += len + (nl ? 1 : 0);
	}
	return sb_take(&b);
}

int summary_draft(model_txn *t, const char *tpl_path, const char *college_name,
		  const char *semester_code, summary_format fmt, char **out, err *e)
{
	char *src = NULL, *md = NULL;
	summary_facts f;
	summary_detail d;
	int rc = report_read_file(tpl_path, &src, e);
	if (rc)
		return rc;
	rc = summary_detail_get(t, college_name, semester_code, &f, &d, e);
	if (!rc) {
		tpl_vars *v = tpl_vars_new();
		draft_vars(&f, &d, v);
		rc = tpl_expand(src, tpl_path, v, &md, e);
		tpl_vars_free(v);
	}
	summary_detail_free(&d);
	free(src);
	if (rc)
		return rc;
	char *shaped = fmt == SUMMARY_MD ? xstrdup(md) : to_text(md);
	free(md);
	*out = tidy(shaped);
	free(shaped);
	return 0;
}

/* "字数 1234，汉字 1102" or, under SUMMARY_MIN_ZISHU 字, also how many are
 * missing: a message beside the text, never inside it. malloc'd. */
char *summary_note(const char *text)
{
	size_t zishu = text_zishu(text), han = text_hanzi(text);
	if (zishu >= SUMMARY_MIN_ZISHU)
		return xasprintf(_("字数 %zu, Han characters %zu"), zishu, han);
	return xasprintf(_("字数 %zu, Han characters %zu: %zu short of %d for a final summary (the data are thin: add what was done, not filler)"),
			 zishu, han, (size_t)SUMMARY_MIN_ZISHU - zishu, (int)SUMMARY_MIN_ZISHU);
}
