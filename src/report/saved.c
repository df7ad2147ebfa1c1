#include "config.h"
/* saved.c — the summary the secretary saved (or marked final), written out
 * as the document to hand in: the text as it is, or as Markdown (its first
 * line the title, the lines opening a part — 一、 … 十、 — its headings). */
#include "report/report.h"

#include <stdio.h>
#include <string.h>

#include "util/err.h"

static bool opens_part(const char *p, size_t len)
{
	static const char *const parts[] = { "一、", "二、", "三、", "四、", "五、",
					     "六、", "七、", "八、", "九、", "十、" };
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		if (len > strlen(parts[i]) && strncmp(p, parts[i], strlen(parts[i])) == 0)
			return true;
	return false;
}

void summary_text_write(FILE *f, const char *text, summary_format fmt)
{
	if (fmt == SUMMARY_TXT) {
		size_t n = strlen(text);
		fputs(text, f);
		if (n && text[n - 1] != '\n')
			fputc('\n', f);
		return;
	}
	bool first = true;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (first && len)
			fputs("# ", f);
		else if (opens_part(p, len))
			fputs("## ", f);
		fwrite(p, 1, len, f);
		fputc('\n', f);
		if (len)
			first = false;
		if (!nl)
			break;
		p = nl + 1;
	}
}

struct text_out {
	const char *text;
	summary_format fmt;
};

static int text_out_write(FILE *txt, const char *tmp, void *ctx, err *e)
{
	const struct text_out *o = ctx;
	(void)tmp, (void)e;
	summary_text_write(txt, o->text, o->fmt);
	return 0;
}

int summary_text_save(const char *text, summary_format fmt, const char *path, err *e)
{
	struct text_out o = { text, fmt };
	return report_file_save(path, true, text_out_write, &o, e);
}
