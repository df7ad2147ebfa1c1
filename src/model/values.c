#include "config.h"
/* values.c — the fixed value sets (kinds, topics, choices) and the helpers
 * every entity file shares for validation and saving. */
#include "model/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/text.h"

/* ---- choices --------------------------------------------------------- */

const char *const political_values[] = { "中共党员", "中共预备党员", "共青团员", "群众", NULL };
const char *const gender_values[] = { "男", "女", NULL };
const char *const mode_values[] = { "面谈", "电话", "线上", NULL };
const char *const aid_kind_values[] = { "资金", "生活用品", "学习用品", NULL };
const char *const tier_values[] = { "特别困难", "比较困难", "一般困难", NULL };
const char *const target_status_values[] = { "帮扶中", "已结束", NULL };
const char *const outcome_values[] = { "目标达成", "毕业离校", "转出学院", "休学或退学",
				      "调整结对", "其他", NULL };
const char *const assessment_values[] = { "明显好转", "有所好转", "没有变化", "有所加重", NULL };

/* Accepted spellings besides the canonical ones. Compared after folding
 * ASCII case and dropping spaces, '-' and '_'. */
static const struct synonym {
	const char *canon, *syn;
} synonyms[] = {
	{ "中共党员", "党员" }, { "中共党员", "正式党员" }, { "中共党员", "中共正式党员" },
	{ "中共党员", "cpcmember" }, { "中共党员", "partymember" }, { "中共党员", "cpc" },
	{ "中共党员", "member" }, { "中共党员", "正式" },
	{ "中共预备党员", "预备党员" }, { "中共预备党员", "预备" },
	{ "中共预备党员", "probationary" }, { "中共预备党员", "probationarymember" },
	{ "中共预备党员", "probationarypartymember" }, { "中共预备党员", "probationarycpcmember" },
	{ "共青团员", "团员" }, { "共青团员", "共青团" }, { "共青团员", "cylmember" },
	{ "共青团员", "cyl" }, { "共青团员", "leaguemember" },
	{ "群众", "masses" }, { "群众", "themasses" }, { "群众", "none" }, { "群众", "无" },
	{ "群众", "nonparty" },
	{ "男", "male" }, { "男", "m" }, { "男", "man" }, { "男", "男性" },
	{ "女", "female" }, { "女", "f" }, { "女", "woman" }, { "女", "女性" },
	{ "面谈", "facetoface" }, { "面谈", "inperson" }, { "面谈", "当面" },
	{ "面谈", "面对面" }, { "面谈", "见面" }, { "面谈", "face" },
	{ "电话", "phone" }, { "电话", "telephone" }, { "电话", "call" }, { "电话", "打电话" },
	{ "电话", "手机" },
	{ "线上", "online" }, { "线上", "微信" }, { "线上", "wechat" }, { "线上", "qq" },
	{ "线上", "视频" }, { "线上", "video" }, { "线上", "网络" }, { "线上", "网上" },
	{ "资金", "money" }, { "资金", "cash" }, { "资金", "funds" }, { "资金", "现金" },
	{ "资金", "钱" },
	{ "生活用品", "dailynecessities" }, { "生活用品", "necessities" }, { "生活用品", "生活" },
	{ "生活用品", "日用品" },
	{ "学习用品", "studysupplies" }, { "学习用品", "supplies" }, { "学习用品", "学习" },
	{ "学习用品", "stationery" }, { "学习用品", "文具" },
	{ "特别困难", "特困" }, { "特别困难", "especiallydifficult" }, { "特别困难", "severe" },
	{ "比较困难", "较困难" }, { "比较困难", "fairlydifficult" }, { "比较困难", "moderate" },
	{ "一般困难", "一般" }, { "一般困难", "difficult" }, { "一般困难", "mild" },
	{ "帮扶中", "active" }, { "帮扶中", "ongoing" }, { "帮扶中", "进行中" },
	{ "已结束", "ended" }, { "已结束", "closed" }, { "已结束", "finished" },
	{ "已结束", "结束" },
	{ "目标达成", "goalreached" }, { "目标达成", "goal" }, { "目标达成", "达成" },
	{ "毕业离校", "graduated" }, { "毕业离校", "毕业" },
	{ "转出学院", "transferred" }, { "转出学院", "transfer" }, { "转出学院", "转出" },
	{ "休学或退学", "suspendedorleft" }, { "休学或退学", "suspended" }, { "休学或退学", "left" },
	{ "休学或退学", "休学" }, { "休学或退学", "退学" },
	{ "调整结对", "repaired" }, { "调整结对", "reassigned" }, { "调整结对", "调整" },
	{ "其他", "other" }, { "其他", "其它" },
	{ "明显好转", "muchbetter" }, { "有所好转", "better" }, { "有所好转", "好转" },
	{ "没有变化", "unchanged" }, { "没有变化", "无变化" }, { "有所加重", "worse" },
	{ "有所加重", "加重" },
};

/* Folds ASCII case and drops spaces, '-', '_' into buf; false if too long. */
static bool fold(const char *s, char *buf, size_t n)
{
	size_t j = 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '-' || c == '_' || c == '\t')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (j + 1 >= n)
			return false;
		buf[j++] = (char)c;
	}
	buf[j] = '\0';
	return true;
}

static const char *in_values(const char *const *values, const char *s)
{
	for (size_t i = 0; values[i]; i++)
		if (strcmp(values[i], s) == 0)
			return values[i];
	return NULL;
}

const char *choice_canon(const char *const *values, const char *s)
{
	char want[128];
	const char *v;
	if (!s)
		return NULL;
	if ((v = in_values(values, s)))
		return v;
	if (!fold(s, want, sizeof want) || !*want)
		return NULL;
	if ((v = in_values(values, want)))
		return v;
	for (size_t i = 0; i < sizeof synonyms / sizeof *synonyms; i++)
		if (strcmp(synonyms[i].syn, want) == 0 && (v = in_values(values, synonyms[i].canon)))
			return v;
	return NULL;
}

member_category member_category_of(const char *political)
{
	if (!political)
		return MEMBER_NONE;
	if (strcmp(political, "中共党员") == 0)
		return MEMBER_FULL;
	if (strcmp(political, "中共预备党员") == 0)
		return MEMBER_PROBATIONARY;
	return MEMBER_NONE;
}

const char *member_category_short(member_category c)
{
	switch (c) {
	case MEMBER_FULL: return "正式";
	case MEMBER_PROBATIONARY: return "预备";
	default: return "";
	}
}

const char *political_ui_name(const char *political)
{
	static const struct {
		const char *value, *en;
	} names[] = {
		{ "中共党员", N_("CPC member") },
		{ "中共预备党员", N_("probationary CPC member") },
		{ "共青团员", N_("Youth League member") },
		{ "群众", N_("no party affiliation") },
	};
	for (size_t i = 0; political && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(political, names[i].value) == 0)
			return _(names[i].en);
	return political ? political : "";
}

bool political_is_member(const char *political)
{
	return member_category_of(political) != MEMBER_NONE;
}

/* ---- bit sets -------------------------------------------------------- */

struct bitname {
	uint32_t bit;
	const char *name;
};

/* In bit order: item i is bit 1 << i (kind_bits, topic_bits). */
const char *const kind_values[] = { "学业困难", "经济困难", "心理困难", NULL };
const char *const topic_values[] = { "学习", "生活", "思想", "心理", NULL };
_Static_assert(KIND_ACADEMIC == 1 && KIND_FINANCIAL == 2 && KIND_PSYCH == 4, "kind bits");
_Static_assert(TOPIC_STUDY == 1 && TOPIC_LIFE == 2 && TOPIC_THOUGHT == 4 && TOPIC_PSYCH == 8,
	       "topic bits");

static const struct bitname kind_syns[] = {
	{ KIND_ACADEMIC, "学业" }, { KIND_ACADEMIC, "学习困难" }, { KIND_ACADEMIC, "学习" },
	{ KIND_ACADEMIC, "学习成绩较差" }, { KIND_ACADEMIC, "academic" },
	{ KIND_FINANCIAL, "经济" }, { KIND_FINANCIAL, "家庭经济困难" }, { KIND_FINANCIAL, "特困家庭" },
	{ KIND_FINANCIAL, "financial" }, { KIND_FINANCIAL, "hardship" },
	{ KIND_PSYCH, "心理" }, { KIND_PSYCH, "心理困难及其他" }, { KIND_PSYCH, "psychological" },
	{ KIND_PSYCH, "psych" },
	{ 0, NULL },
};
static const struct bitname topic_syns[] = {
	{ TOPIC_STUDY, "study" }, { TOPIC_STUDY, "学业" }, { TOPIC_LIFE, "life" },
	{ TOPIC_LIFE, "daily life" }, { TOPIC_THOUGHT, "thought" }, { TOPIC_THOUGHT, "thinking" },
	{ TOPIC_THOUGHT, "思想状况" }, { TOPIC_PSYCH, "psych" }, { TOPIC_PSYCH, "psychological" },
	{ TOPIC_PSYCH, "mental" }, { TOPIC_PSYCH, "mental health" }, { 0, NULL },
};

static uint32_t bit_of(const char *const *names, const struct bitname *syns, const char *item)
{
	char folded[128];
	for (size_t i = 0; names[i]; i++)
		if (strcmp(names[i], item) == 0)
			return 1u << i;
	if (!fold(item, folded, sizeof folded))
		return 0;
	for (size_t i = 0; syns[i].name; i++) {
		char s[128];
		fold(syns[i].name, s, sizeof s);
		if (strcmp(s, folded) == 0)
			return syns[i].bit;
	}
	return 0;
}

/* Length of a separator at p (、 ; ； , ， / space), or 0. */
static size_t sep_len(const char *p)
{
	static const char *const seps[] = { "、", "；", "，", "　", ";", ",", "/", " ", "\t", NULL };
	for (size_t i = 0; seps[i]; i++) {
		size_t n = strlen(seps[i]);
		if (strncmp(p, seps[i], n) == 0)
			return n;
	}
	return 0;
}

static bool bits_parse(const char *const *names, const struct bitname *syns,
		       const char *s, uint32_t *out, const char **bad)
{
	static char badbuf[128];
	uint32_t bits = 0;
	const char *p = s ? s : "";
	*out = 0;
	while (*p) {
		size_t n;
		while ((n = sep_len(p)))
			p += n;
		if (!*p)
			break;
		const char *start = p;
		while (*p && !sep_len(p))
			p++;
		size_t len = (size_t)(p - start);
		char item[128];
		snprintf(item, sizeof item, "%.*s", (int)len, start);
		uint32_t b = len < sizeof item ? bit_of(names, syns, item) : 0;
		if (!b) {
			snprintf(badbuf, sizeof badbuf, "%s", item);
			if (bad)
				*bad = badbuf;
			return false;
		}
		bits |= b;
	}
	if (!bits) {
		if (bad)
			*bad = "";
		return false;
	}
	*out = bits;
	return true;
}

bool kinds_parse(const char *s, uint32_t *out, const char **bad)
{
	return bits_parse(kind_values, kind_syns, s, out, bad);
}

bool topics_parse(const char *s, uint32_t *out, const char **bad)
{
	return bits_parse(topic_values, topic_syns, s, out, bad);
}

static void bits_format(const char *const *names, uint32_t bits, char *buf, size_t n)
{
	size_t used = 0;
	if (!n)
		return;
	buf[0] = '\0';
	for (size_t i = 0; names[i]; i++) {
		if (!(bits & (1u << i)))
			continue;
		int w = snprintf(buf + used, n - used, "%s%s", used ? "、" : "", names[i]);
		if (w < 0 || (size_t)w >= n - used) {
			buf[used] = '\0';
			return;
		}
		used += (size_t)w;
	}
}

void kinds_format(uint32_t bits, char *buf, size_t n)
{
	bits_format(kind_values, bits, buf, n);
}

/* The short forms, in bit order like kind_values: each is one of the
 * synonyms kinds_parse accepts. */
static const char *const kind_short_values[] = { "学业", "经济", "心理", NULL };

void kinds_format_short(uint32_t bits, char *buf, size_t n)
{
	bits_format(kind_short_values, bits, buf, n);
}

void topics_format(uint32_t bits, char *buf, size_t n)
{
	bits_format(topic_values, bits, buf, n);
}

const char *const *value_set_named(const char *name)
{
	static const struct {
		const char *name;
		const char *const *values;
	} sets[] = {
		{ "political", political_values }, { "gender", gender_values },
		{ "mode", mode_values }, { "aid_kind", aid_kind_values },
		{ "tier", tier_values }, { "kinds", kind_values },
		{ "topics", topic_values }, { "target_status", target_status_values },
		{ "outcome", outcome_values }, { "assessment", assessment_values },
	};
	for (size_t i = 0; name && i < sizeof sets / sizeof *sets; i++)
		if (strcmp(sets[i].name, name) == 0)
			return sets[i].values;
	return NULL;
}

/* ---- money ------------------------------------------------------------ */

bool money_parse(const char *s, int64_t *fen)
{
	static const char *const prefixes[] = { "¥", "￥", NULL };
	if (!s)
		return false;
	for (size_t i = 0; prefixes[i]; i++)
		if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0) {
			s += strlen(prefixes[i]);
			break;
		}
	int64_t yuan = 0;
	size_t nd = 0;
	for (; *s >= '0' && *s <= '9'; s++, nd++) {
		if (yuan > (INT64_MAX / 100 - 9) / 10)
			return false;
		yuan = yuan * 10 + (*s - '0');
	}
	int64_t cents = 0;
	int n = 0;
	if (*s == '.') {
		/* ".5" and "12." are amounts too, as people type them */
		s++;
		for (; *s >= '0' && *s <= '9'; s++, n++) {
			if (n == 2)
				return false;
			cents = cents * 10 + (*s - '0');
		}
		if (n == 1)
			cents *= 10;
	}
	if (!nd && !n)
		return false;
	if (strcmp(s, "元") == 0)
		s += strlen("元");
	if (*s)
		return false;
	*fen = yuan * 100 + cents;
	return true;
}

void money_format(int64_t fen, char *buf, size_t n)
{
	uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	snprintf(buf, n, "%s%llu.%02llu", fen < 0 ? "-" : "", (unsigned long long)(a / 100),
		 (unsigned long long)(a % 100));
}

/* ---- helpers shared by the entity files ------------------------------ */

int model_bad(err *e, const char *field, const char *fmt, ...)
{
	char msg[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return err_field(e, E_INPUT, field, "%s", msg);
}

static void *field_ptr(void *rec, const field_desc *f)
{
	return (char *)rec + f->off;
}

/* The text fields that hold several lines (the forms give them a box of
 * lines); every other text field is one line. */
static bool multiline(const record_desc *d, const char *field)
{
	static const char *const fields[][2] = {
		{ "pairing", "note" }, { "pairing", "end_note" }, { "target", "situation" },
		{ "talk", "content" }, { "summary", "text" },
	};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (strcmp(d->name, fields[i][0]) == 0 && strcmp(field, fields[i][1]) == 0)
			return true;
	return false;
}

/* Rule: no value holds a character that is not shown — control codes
 * (which can take over a terminal), bidi controls, zero-width characters,
 * a BOM — nor a line break outside a field of several lines. */
static int visible_text(const record_desc *d, const field_desc *f, const char *s, err *e)
{
	uint32_t cp;
	bool lines = multiline(d, f->name);
	if (text_forbidden(s, lines, &cp) < 0)
		return 0;
	if (cp == '\n')
		return model_bad(e, f->name, "%s", _("must be one line (no line breaks)"));
	return model_bad(e, f->name, _("holds an invisible or control character (U+%04X), which cannot be stored"),
			 (unsigned)cp);
}

bool model_date_early(const char *text)
{
	int y;
	return date_is_calendar(text, &y) && y < MODEL_DATE_MIN_YEAR;
}

/* No date of the programme lies before MODEL_DATE_MIN_YEAR (DOMAIN). */
static int plausible_date(const field_desc *f, const void *work, err *e)
{
	date_t d = *(const date_t *)((const char *)work + f->off);
	int y;
	date_ymd(d, &y, NULL, NULL);
	if (d <= 0 || y >= MODEL_DATE_MIN_YEAR)
		return 0;
	char day[11];
	date_format(d, day);
	return model_bad(e, f->name, _("%s is before 2000: not a plausible date"), day);
}

int model_prepare(const record_desc *d, void *work, const void *in, err *e)
{
	memset(work, 0, d->size);
	rec_copy(d, work, in);
	memcpy(work, in, sizeof(rec_meta));
	for (size_t i = 0; i < d->nfields; i++) {
		const field_desc *f = &d->fields[i];
		if (f->type == FT_DATE) {
			int rc = plausible_date(f, work, e);
			if (rc) {
				rec_free(d, work);
				return rc;
			}
			continue;
		}
		if (f->type != FT_STR)
			continue;
		char **p = field_ptr(work, f);
		if (!*p)
			continue;
		if (!utf8_valid(*p, strlen(*p))) {
			int rc = model_bad(e, f->name, "%s", _("not valid UTF-8 text"));
			rec_free(d, work);
			return rc;
		}
		char *c = text_clean(*p);
		free(*p);
		*p = c;
		int rc = visible_text(d, f, c, e);
		if (rc) {
			rec_free(d, work);
			return rc;
		}
	}
	return 0;
}

static size_t field_size(field_type t)
{
	switch (t) {
	case FT_INT: return sizeof(int64_t);
	case FT_ID: return sizeof(rid);
	case FT_DATE: return sizeof(date_t);
	case FT_BITS: return sizeof(uint32_t);
	case FT_STR: break;
	}
	return 0;
}

void model_return(const record_desc *d, void *in, const void *work)
{
	memcpy(in, work, sizeof(rec_meta));
	for (size_t i = 0; i < d->nfields; i++) {
		const field_desc *f = &d->fields[i];
		if (f->type == FT_STR)
			continue;
		memcpy((char *)in + f->off, (const char *)work + f->off, field_size(f->type));
	}
}

static bytes ix_val(const ix_entry *x)
{
	if (x->has_val)
		return (bytes){ x->val.b, sizeof x->val.b };
	return (bytes){ "", 0 };
}

static bool same_key(const ix_entry *a, const ix_entry *b)
{
	return a->db == b->db && a->key.len == b->key.len
	       && memcmp(a->key.b, b->key.b, a->key.len) == 0;
}

int model_ix_count(store_txn *t, const ix_entry *x, int delta, err *e)
{
	size_t pos = 0;
	int32_t d;
	if (x->db != IX_TALK_DATE || !key_take_i32(key_bytes(&x->key), &pos, &d))
		return 0;
	return model_talk_day_add(t, d, delta, e);
}

int model_ix_refresh(store_txn *t, const ix_entry *x, err *e)
{
	size_t pos = 0;
	rid pid;
	if (x->db != IX_TALK_PAIRING || !key_take_id(key_bytes(&x->key), &pos, &pid))
		return 0;
	return model_pairing_last_update(t, &pid, e);
}

int model_put(store_txn *t, const entity_ops *ops, void *work, const void *old, err *e)
{
	ix_entry *was = xcalloc(IX_MAX_PER_RECORD, sizeof *was);
	ix_entry *now = xcalloc(IX_MAX_PER_RECORD, sizeof *now);
	size_t nwas = old ? ops->keys(old, was) : 0;
	int rc = st_rec_put(t, ops->db, ops->desc, work, e);
	if (rc)
		goto out;
	const rec_meta *wm = work;
	size_t nnow = (wm->flags & REC_DELETED) ? 0 : ops->keys(work, now);
	for (size_t i = 0; i < nwas; i++) {
		bool kept = false;
		for (size_t j = 0; j < nnow; j++)
			kept = kept || same_key(&was[i], &now[j]);
		if (kept)
			continue;
		if ((rc = st_del(t, was[i].db, key_bytes(&was[i].key), e)) == E_DB)
			goto out;
		if (rc == 0 && (rc = model_ix_count(t, &was[i], -1, e)))
			goto out;
	}
	rc = 0;
	for (size_t j = 0; j < nnow; j++) {
		if (now[j].db == IX_TALK_DATE) {   /* counted: is the entry new? */
			bytes v;
			rc = st_get(t, now[j].db, key_bytes(&now[j].key), &v, e);
			if (rc == E_NOTFOUND)
				rc = model_ix_count(t, &now[j], 1, e);
			if (rc)
				goto out;
		}
		if ((rc = st_put(t, now[j].db, key_bytes(&now[j].key), ix_val(&now[j]), e)))
			goto out;
	}
	/* what is kept from the indexes, once they are in step */
	for (size_t i = 0; i < nwas && !rc; i++)
		rc = model_ix_refresh(t, &was[i], e);
	for (size_t j = 0; j < nnow && !rc; j++)
		rc = model_ix_refresh(t, &now[j], e);
out:
	free(was);
	free(now);
	return rc;
}

int model_ix_get(store_txn *t, int db, const keybuf *k, rid *out, err *e)
{
	bytes v;
	int rc = st_get(t, db, key_bytes(k), &v, e);
	if (rc)
		return rc;
	if (v.len != sizeof out->b)
		return err_set(e, E_DB, _("index %s: bad entry"), model_db_names[db]);
	memcpy(out->b, v.data, sizeof out->b);
	return 0;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

int model_text(err *e, const char *field, const char *s, size_t max_chars, bool required)
{
	if (!s || !*s) {
		if (required)
			return model_bad(e, field, "%s", _("required"));
		return 0;
	}
	if (utf8_chars(s) > max_chars)
		return model_bad(e, field, _("too long (at most %zu characters)"), max_chars);
	return 0;
}

int model_choice_ok(err *e, const char *field, const char *const *values, const char *s,
		    bool required)
{
	if (!s || !*s) {
		if (required)
			return model_bad(e, field, "%s", _("required"));
		return 0;
	}
	if (in_values(values, s))
		return 0;
	char list[256] = "";
	size_t used = 0;
	for (size_t i = 0; values[i]; i++) {
		int w = snprintf(list + used, sizeof list - used, "%s%s", i ? " " : "", values[i]);
		if (w < 0 || (size_t)w >= sizeof list - used)
			break;
		used += (size_t)w;
	}
	return model_bad(e, field, _("unknown value \"%s\" (one of: %s)"), s, list);
}

void model_canon(const char *const *values, char **s)
{
	if (!*s || !**s)
		return;
	const char *c = choice_canon(values, *s);
	if (c && strcmp(c, *s) != 0) {
		free(*s);
		*s = xstrdup(c);
	}
}

int model_phone(err *e, const char *field, const char *s)
{
	size_t digits = 0;
	if (!s || !*s)
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '+' && p == s)
			;
		else if ((*p == '-' || *p == ' ') && p != s && p[1])
			;
		else
			return model_bad(e, field, _("\"%s\" is not a phone number (digits only)"), s);
	}
	if (digits < 5 || digits > 20)
		return model_bad(e, field, _("\"%s\" is not a phone number (5 to 20 digits)"), s);
	return 0;
}

int model_exists(store_txn *t, int db, const rid *id, err *e)
{
	bytes v;
	int rc = st_get(t, db, (bytes){ id->b, sizeof id->b }, &v, e);
	if (rc)
		return rc;
	if (v.len >= 2 && (((const uint8_t *)v.data)[1] & REC_DELETED))
		return E_NOTFOUND;
	return 0;
}

static void rec_drop(const record_desc *d, void *rec)
{
	if (rec) {
		rec_free(d, rec);
		free(rec);
	}
}

/* A rule's message names its field as the user knows it (the CSV column,
 * in the UI's language: "帮扶对象学号: ..."); e->field stays the key. */
static void named(const record_desc *d, int rc, err *e)
{
	if (rc == E_INPUT && e)
		model_field_err(d, e);
}

/* The one road of a record to the database, up to the write: in cleaned
 * (model_prepare) into *work, the stored version (if in has an id and it
 * exists) into *old, ops->fix, ops->validate. Both *work and *old are
 * malloc'd (or NULL) whatever the result; rec_drop them. */
static int ready(store_txn *t, const entity_ops *ops, const void *in, void **work,
		 void **old, err *e)
{
	const record_desc *d = ops->desc;
	const rec_meta *m = in;
	*old = NULL;
	*work = xcalloc(1, d->size);
	int rc = model_prepare(d, *work, in, e);
	if (rc) {
		named(d, rc, e);
		free(*work);
		*work = NULL;
		return rc;
	}
	if (!rid_is_zero(&m->id)) {
		*old = xcalloc(1, d->size);
		rc = st_rec_get(t, ops->db, d, &m->id, *old, e);
		if (rc) {
			free(*old);
			*old = NULL;
			if (rc != E_NOTFOUND)
				return rc;
		}
	}
	if (!ops->fix || !(rc = ops->fix(t, *work, *old, e)))
		rc = ops->validate(t, *work, e);
	named(d, rc, e);
	return rc;
}

int model_try(store_txn *t, const entity_ops *ops, const void *in, void *fixed, err *e)
{
	void *work, *old;
	int rc = ready(t, ops, in, &work, &old, e);
	if (fixed) {
		memset(fixed, 0, ops->desc->size);
		if (work) {
			memcpy(fixed, work, ops->desc->size);   /* fixed owns its text now */
			free(work);
			work = NULL;
		}
	}
	rec_drop(ops->desc, work);
	rec_drop(ops->desc, old);
	return rc;
}

int model_save(store_txn *t, const entity_ops *ops, void *in, err *e)
{
	void *work, *old;
	int rc = ready(t, ops, in, &work, &old, e);
	if (!rc)
		rc = model_put(t, ops, work, old, e);
	if (!rc && ops->after)
		rc = ops->after(t, work, old, e);
	if (!rc)
		model_return(ops->desc, in, work);
	rec_drop(ops->desc, work);
	rec_drop(ops->desc, old);
	return rc;
}

char *model_key_text(const char *s)
{
	if (!s)
		return xstrdup("");
	if (!utf8_valid(s, strlen(s)))
		return xstrdup(s);
	return text_clean(s);
}

void model_student_label(store_txn *t, const rid *id, char *buf, size_t n)
{
	student s;
	if (student_get(t, id, &s, NULL) == 0) {
		snprintf(buf, n, "%s %s", s.student_no ? s.student_no : "", s.name ? s.name : "");
		rec_free(&student_desc, &s);
	} else {
		char hex[33];
		rid_hex(id, hex);
		snprintf(buf, n, "%s", hex);
	}
}

bool model_is_code(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
			return false;
	return true;
}

int model_last_date(store_txn *t, int db, const rid *prefix, date_t *out, err *e)
{
	store_cursor *c;
	bytes key, val;
	*out = 0;
	int rc = st_cursor_open(t, db, &c, e);
	if (rc)
		return rc;
	rc = st_last_prefix(c, (bytes){ prefix->b, sizeof prefix->b }, &key, &val);
	if (rc == 0) {
		size_t pos = sizeof(rid);
		int32_t d;
		if (key_take_i32(key, &pos, &d))
			*out = d;
	}
	st_cursor_close(c);
	if (rc && rc != ST_END)
		return err_set(e, E_DB, "%s", _("cannot read the talk index"));
	return 0;
}

int model_ix_lookup(store_txn *t, int db, const char *text, rid *out, err *e)
{
	keybuf k;
	char *clean = model_key_text(text);
	key_init(&k);
	key_str(&k, clean);
	free(clean);
	return model_ix_get(t, db, &k, out, e);
}
