#include "config.h"
/* help.c — the help screen: every action the screen below offers (its
 * bar, its other actions, the line editor's when it takes text, then the
 * actions offered everywhere and the dialogs') with its keys and help
 * text, generated from the action table and the keymap. Only keys that act
 * there are listed: while the screen takes text a character key types
 * itself (1 is no go-to key in a field), and a key several actions share
 * is listed under the one the screen makes of it; an action left without
 * keys is left out. */
#include "ui/ui.h"

#include <stdlib.h>
#include <string.h>

#include "ui/layout.h"
#include "util/i18n.h"

struct help {
	char *of_title;
	action_t acts[ACT__COUNT];
	char *keys[ACT__COUNT];     /* the keys shown beside acts[i] */
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
	int keyw = 16;
	(void)u;
	for (size_t i = 0; i < h->n; i++) {
		int w = lay_width(h->keys[i]) + 2;
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
		ui_text(top + 1 + r, 1, keyw, h->keys[h->top + (size_t)r], UI_BAR_KEY);
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
	for (size_t i = 0; i < h->n; i++)
		free(h->keys[i]);
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

/* What the screen below the help makes of its keys. */
struct help_of {
	const keymap *km;
	const action_t *bar, *extra;
	bool typing;                /* it takes text now */
};

/* Whether key s of action a acts as a on that screen: while it takes text
 * a character key is text (never a command) — but for toggle, which a
 * field that takes no text (a choice) offers on Space; a key of several
 * screen actions means the one the screen resolves it to. */
static bool key_acts(const struct help_of *o, action_t a, const keyseq *s)
{
	if (o->typing && keyspec_is_text(s->k[0]) && a != ACT_TOGGLE)
		return false;
	if (action_table[a].use != AU_SCREEN)
		return true;
	action_t got;
	return keymap_lookup(o->km, s->k, s->n, o->bar, o->extra, &got) == KM_MATCH && got == a;
}

static void add(struct help *h, bool *seen, const struct help_of *o, action_t a)
{
	if (a <= ACT_NONE || a >= ACT__COUNT || seen[a])
		return;
	seen[a] = true;
	char k[256] = "";
	size_t used = 0;
	for (size_t i = 0; i < o->km->nkeys[a]; i++) {
		const keyseq *s = &o->km->keys[a][i];
		if (action_table[a].use != AU_DIALOG && !key_acts(o, a, s))
			continue;
		char one[96];
		keyseq_label(s, one, sizeof one);
		int w = snprintf(k + used, sizeof k - used, "%s%s", used ? ", " : "", one);
		if (w < 0 || (size_t)w >= sizeof k - used)
			break;
		used += (size_t)w;
	}
	if (!used)
		return;   /* no key of it acts here */
	h->keys[h->n] = xstrdup(k);
	h->acts[h->n++] = a;
}

screen *scr_help(ui *u, const screen *of)
{
	struct help *h = xcalloc(1, sizeof *h);
	bool seen[ACT__COUNT] = { false };
	struct help_of o = { ui_keymap(u), of ? of->ops->bar : NULL, of ? of->ops->extra : NULL,
			     of && of->ops->typing && of->ops->typing((screen *)of) };
	const char *t = of && of->ops->title ? of->ops->title((screen *)of) : NULL;
	h->of_title = t && *t ? xasprintf(_("Help: %s"), t) : xstrdup(_("Help"));
	if (of) {
		for (const action_t *a = of->ops->bar; a && *a != ACT_NONE; a++)
			add(h, seen, &o, *a);
		for (const action_t *a = of->ops->extra; a && *a != ACT_NONE; a++)
			add(h, seen, &o, *a);
	}
	if (of && of->ops->typing)
		for (int a = 1; a < ACT__COUNT; a++)
			if (action_table[a].use == AU_TEXT)
				add(h, seen, &o, (action_t)a);
	for (int a = 1; a < ACT__COUNT; a++)
		if (action_table[a].global)
			add(h, seen, &o, (action_t)a);
	for (int a = 1; a < ACT__COUNT; a++)
		if (action_table[a].use == AU_DIALOG)
			add(h, seen, &o, (action_t)a);
	screen *sc = xcalloc(1, sizeof *sc);
	sc->ops = &help_ops;
	sc->state = h;
	return sc;
}
