#include "config.h"
/* saved.c — the summary the secretary saved (or marked final), written out
 * as the document to hand in: the text as it is, or as Markdown (its first
 * line the title, the lines opening a part — 一、 … 十、 — its headings). */
#include "report/report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/err.h"
#include "util/i18n.h"
#include "util/safeout.h"

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

int summary_text_save(const char *text, summary_format fmt, const char *path, err *e)
{
	char *tmp = xasprintf("%s.tmp", path);
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!out) {
		int rc = err_set(e, E_INPUT, _("cannot write %s: %s"), tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		free(tmp);
		return rc;
	}
	FILE *txt = safeout_open(out);
	summary_text_write(txt, text, fmt);
	int rc = 0;
	if (((fflush(txt) != 0 || ferror(txt)) | (fclose(txt) != 0)) ||
	    fflush(out) != 0 || ferror(out) || fsync(fileno(out)) != 0)
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
