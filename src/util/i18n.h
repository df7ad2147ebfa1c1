/* i18n.h — gettext with English msgids; Chinese by default. */
#ifndef BANGFU_I18N_H
#define BANGFU_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Picks the language and makes the locale usable for wide characters.
 * lang: "zh", "en" or NULL. Without one: the language part of LC_ALL,
 * LC_MESSAGES or LANG ("zh_*" Chinese, "en_*" English), else Chinese.
 * If setlocale(LC_ALL, "") fails or is not UTF-8, falls back to C.UTF-8.
 * The catalogue comes from $BANGFU_LOCALEDIR if set, else LOCALEDIR.
 * Returns "zh" or "en". Call before the first gettext. */
const char *i18n_init(const char *lang);
/* "zh" or "en", as chosen. */
const char *i18n_lang(void);

#endif
