#include "config.h"
#include "util/i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "util/paths.h"

static const char *chosen = "zh";

static const char *lang_of_env(void)
{
	static const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		if (strncmp(v, "zh", 2) == 0)
			return "zh";
		if (strncmp(v, "en", 2) == 0)
			return "en";
		/* C, POSIX, C.UTF-8 or another language: the users are Chinese. */
		return "zh";
	}
	return "zh";
}

const char *i18n_init(const char *lang)
{
	const char *loc = setlocale(LC_ALL, "");
	if (!loc || strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		if (!setlocale(LC_ALL, "C.UTF-8"))
			setlocale(LC_ALL, "C.utf8");
	}
	if (lang && strncmp(lang, "en", 2) == 0)
		chosen = "en";
	else if (lang && strncmp(lang, "zh", 2) == 0)
		chosen = "zh";
	else
		chosen = lang_of_env();
	/* LANGUAGE is honoured under any UTF-8 locale but C/POSIX proper. */
	setenv("LANGUAGE", strcmp(chosen, "zh") == 0 ? "zh_CN" : "en", 1);
	/* The catalogue is found as forms/ and keymaps/ are: the environment,
	 * the installed one, or the build's locale/ beside an uninstalled
	 * src/bangfu; so an uninstalled build speaks Chinese too. */
	char *dir = paths_data_dir("BANGFU_LOCALEDIR", LOCALEDIR, "locale",
				   "zh_CN/LC_MESSAGES/" PACKAGE ".mo");
	bindtextdomain(PACKAGE, dir);
	free(dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	return chosen;
}

const char *i18n_lang(void)
{
	return chosen;
}
