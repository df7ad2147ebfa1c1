#include "config.h"
/* help.c — the help screen: every action the screen below offers (its
 * bar, its other actions, the line editor's when it takes text, then the
 * actions offered everywhere and the dialogs') with its keys and help
 * text, generated from the action table and the keymap. */
#include "ui/ui.h"

#include <stdlib.h>
#include <string.h>

#include "ui/layout.h"
#include "util/i18n.h"

struct help {
	char *of_title;
	action_t acts[ACT__COUNT];
	size_t n, top;
	int rows;
};

static const action_t help_bar[] = { ACT_BACK, ACT_QUIT, ACT_NONE };
static const action_t help_extra[] = { ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN,
				       ACT_HOME, ACT_END, ACT_NONE };

static const char *help_title(screen *sc)
{
	struct help *h = sc->state;
	return h->of_title;
}

static void help_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	struct help *h = sc->state;
	const keymap *km = ui_keymap(u);
	int keyw = 16;
	for (size_t i = 0; i < h->n; i++) {
		char k[128];
		keymap_keys_text(km, h->acts[i], k, sizeof k);
		int w = lay_width(k) + 2;
		if (w > keyw)
			keyw = w;
	}
	if (keyw > cols / 3)
		keyw = cols / 3;
	ui_text(top, 1, keyw, _("Keys"), UI_HEADER);
	ui_text(top, 1 + keyw, cols - keyw - 2, _("Action"), UI_HEADER);
	h->rows = rows - 1;
	if (h->rows < 1)
		h->rows = 1;
	if (h->n > (size_t)h->rows && h->top > h->n - (size_t)h->rows)
		h->top = h->n - (size_t)h->rows;
	if (h->n <= (size_t)h->rows)
		h->top = 0;
	for (int r = 0; r < h->rows && h->top + (size_t)r < h->n; r++) {
		action_t a = h->acts[h->top + (size_t)r];
		char k[128];
		keymap_keys_text(km, a, k, sizeof k);
		ui_text(top + 1 + r, 1, keyw, k, UI_BAR_KEY);
		ui_text(top + 1 + r, 1 + keyw, cols - keyw - 2, _(action_table[a].help), UI_NORMAL);
	}
}

static int help_handle(screen *sc, ui *u, const ui_event *ev)
{
	struct help *h = sc->state;
	(void)u;
	size_t page = h->rows > 1 ? (size_t)h->rows - 1 : 1;
	switch (ev->action) {
	case ACT_UP: if (h->top > 0) h->top--; break;
	case ACT_DOWN: h->top++; break;
	case ACT_PAGE_UP: h->top = h->top > page ? h->top - page : 0; break;
	case ACT_PAGE_DOWN: h->top += page; break;
	case ACT_HOME: h->top = 0; break;
	case ACT_END: h->top = h->n; break;
	case ACT_BACK: case ACT_OPEN: return SCREEN_CLOSE;
	default: return SCREEN_PASS;
	}
	return SCREEN_STAY;
}

static void help_destroy(screen *sc)
{
	struct help *h = sc->state;
	free(h->of_title);
	free(h);
	free(sc);
}

static const struct screen_ops help_ops = {
	.name = "help",
	.title = help_title,
	.bar = help_bar,
	.draw = help_draw,
	.handle = help_handle,
	.destroy = help_destroy,
	.extra = help_extra,
};

static void add(struct help *h, bool *seen, action_t a)
{
	if (a <= ACT_NONE || a >= ACT__COUNT || seen[a])
		return;
	seen[a] = true;
	h->acts[h->n++] = a;
}

screen *scr_help(ui *u, const screen *of)
{
	(void)u;
	struct help *h = xcalloc(1, sizeof *h);
	bool seen[ACT__COUNT] = { false };
	const char *t = of && of->ops->title ? of->ops->title((screen *)of) : NULL;
	h->of_title = t && *t ? xasprintf(_("Help: %s"), t) : xstrdup(_("Help"));
	if (of) {
		for (const action_t *a = of->ops->bar; a && *a != ACT_NONE; a++)
			add(h, seen, *a);
		for (const action_t *a = of->ops->extra; a && *a != ACT_NONE; a++)
			add(h, seen, *a);
	}
	if (of && of->ops->typing)
		for (int a = 1; a < ACT__COUNT; a++)
			if (action_table[a].use == AU_TEXT)
				add(h, seen, (action_t)a);
	for (int a = 1; a < ACT__COUNT; a++)
		if (action_table[a].global)
			add(h, seen, (action_t)a);
	for (int a = 1; a < ACT__COUNT; a++)
		if (action_table[a].use == AU_DIALOG)
			add(h, seen, (action_t)a);
	screen *sc = xcalloc(1, sizeof *sc);
	sc->ops = &help_ops;
	sc->state = h;
	return sc;
}
