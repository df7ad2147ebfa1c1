#include "config.h"
/* scr_backups.c — 备份与恢复: the data folder's automatic backups (date,
 * kind, size), newest first; Enter on one looks at it (model_restore_prepare:
 * what it holds, whether check finds it sound), asks, and puts it back
 * (ui_restore: the database it replaces is kept as a backup itself). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/layout.h"
#include "ui/ui.h"
#include "util/i18n.h"

typedef struct backups {
	model_backup_info *v;
	size_t n;
	size_t sel, first;
	bool loaded;
	char error[1024];
} backups;

static void load(backups *b, ui *u)
{
	model_backups_free(b->v, b->n);
	b->v = NULL;
	b->n = 0;
	b->error[0] = '\0';
	err e = { 0 };
	if (model_backups_list(model_path(ui_store(u)), &b->v, &b->n, &e) != 0)
		snprintf(b->error, sizeof b->error, "%s", e.msg);
	if (b->sel >= b->n)
		b->sel = b->n ? b->n - 1 : 0;
	b->loaded = true;
}

static const char *kind_name(int kind)
{
	switch (kind) {
	case MODEL_BACKUP_WEEKLY: return _("weekly");
	case MODEL_BACKUP_RESTORE: return _("before a restore");
	default: return _("daily");
	}
}

static void size_text(long long size, char *buf, size_t n)
{
	if (size >= 1024 * 1024)
		snprintf(buf, n, "%.1f MB", (double)size / (1024 * 1024));
	else
		snprintf(buf, n, "%lld KB", (size + 1023) / 1024);
}

static void when_text(long long t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

enum { W_DATE = 12, W_KIND = 14, W_SIZE = 10, W_MADE = 18 };

static void bk_draw(screen *sc, ui *u, int top, int rows, int cols)
{
	backups *b = sc->state;
	if (!b->loaded)
		load(b, u);
	for (int i = 0; i < rows; i++)
		ui_fill(top + i, 0, cols, UI_NORMAL);
	int y = top;
	char *where = xasprintf(_("Backups in %s/backups (the first change of each day keeps one; 7 "
				  "daily and 4 weekly are kept)"),
				model_path(ui_store(u)));
	size_t nw;
	char **wl = lay_wrap(where, cols - 2, &nw);   /* wrapped, never cut */
	for (size_t i = 0; i < nw && i < 3; i++)
		ui_text(y++, 1, cols - 2, wl[i], UI_DIM);
	lay_lines_free(wl, nw);
	free(where);
	y++;
	int x = 2;
	ui_text(y, x, W_DATE, _("Date"), UI_HEADER);
	ui_text(y, x + W_DATE, W_KIND, _("Kind"), UI_HEADER);
	ui_text_right(y, x + W_DATE + W_KIND, W_SIZE, _("Size"), UI_HEADER);
	ui_text(y, x + W_DATE + W_KIND + W_SIZE + 2, W_MADE, _("Written"), UI_HEADER);
	ui_text(y, x + W_DATE + W_KIND + W_SIZE + 2 + W_MADE, cols - (x + W_DATE + W_KIND + W_SIZE + 2 + W_MADE) - 1,
		_("File"), UI_HEADER);
	y++;
	int list_rows = top + rows - y - 2;
	if (b->error[0]) {
		ui_text(y, 2, cols - 3, b->error, UI_ERROR);
		return;
	}
	if (!b->n) {
		ui_text(y, 2, cols - 3, _("No backup yet: one is kept at the first change of each day."),
			UI_DIM);
		return;
	}
	if (list_rows < 1)
		list_rows = 1;
	if (b->sel < b->first)
		b->first = b->sel;
	if (b->sel >= b->first + (size_t)list_rows)
		b->first = b->sel - (size_t)list_rows + 1;
	for (size_t i = b->first; i < b->n && y < top + rows - 2; i++, y++) {
		const model_backup_info *k = &b->v[i];
		ui_style st = i == b->sel ? UI_SELECTED : UI_NORMAL;
		char d[11], sz[32], made[32];
		date_format(k->date, d);
		size_text(k->size, sz, sizeof sz);
		when_text(k->made, made, sizeof made);
		ui_fill(y, 1, cols - 2, st);
		ui_text(y, x, W_DATE, d, st);
		ui_text(y, x + W_DATE, W_KIND, kind_name(k->kind), st);
		ui_text_right(y, x + W_DATE + W_KIND, W_SIZE, sz, st);
		ui_text(y, x + W_DATE + W_KIND + W_SIZE + 2, W_MADE, made, st);
		ui_text(y, x + W_DATE + W_KIND + W_SIZE + 2 + W_MADE,
			cols - (x + W_DATE + W_KIND + W_SIZE + 2 + W_MADE) - 1, k->name, st);
	}
	ui_text(top + rows - 1, 1, cols - 2,
		_("Enter on a backup shows what it holds and asks before putting it back."), UI_DIM);
}

static void restore_chosen(backups *b, ui *u)
{
	const model_backup_info *k = &b->v[b->sel];
	model_restore_plan p;
	err e = { 0 };
	if (model_restore_prepare(model_path(ui_store(u)), k->path, &p, &e) != 0) {
		model_restore_done(&p);
		ui_message(u, _("Cannot restore"), e.msg);
		return;
	}
	if (p.verdict != RESTORE_SOUND) {
		char *msg = xasprintf(p.verdict == RESTORE_NOT_BANGFU
					      ? _("%s is not a bangfu backup (%s). Nothing was changed.")
					      : _("%s is damaged (%s). Nothing was changed: choose another backup."),
				      k->name, p.why);
		model_restore_done(&p);
		ui_message(u, _("Cannot restore"), msg);
		free(msg);
		return;
	}
	char made[32];
	when_text(p.made, made, sizeof made);
	char *q = xasprintf(_("Backup %s, written %s, holds:\n"
			      "  %zu colleges, %zu students, %zu pairings, %zu talks.\n"
			      "Check finds it sound.\n\n"
			      "Put it back in place of the database now? The database now is kept as a "
			      "backup first (so this can be undone)."),
			    k->name, made, p.stats.colleges, p.stats.students, p.stats.pairings,
			    p.stats.talks);
	bool yes = ui_confirm(u, q);
	free(q);
	if (!yes) {
		model_restore_done(&p);
		ui_status(u, "%s", _("Nothing was changed."));
		return;
	}
	char *kept = NULL;
	char name[64];
	snprintf(name, sizeof name, "%s", k->name);
	int rc = ui_restore(u, &p, &kept, &e);
	model_restore_done(&p);
	b->loaded = false;
	if (rc) {
		ui_message(u, _("Cannot restore"), e.msg);
	} else {
		const char *base = kept ? strrchr(kept, '/') : NULL;
		ui_status(u, _("Restored %s; the database it replaced is kept as %s."), name,
			  base ? base + 1 : "-");
	}
	free(kept);
}

static int bk_handle(screen *sc, ui *u, const ui_event *ev)
{
	backups *b = sc->state;
	if (ev->type != EV_KEY)
		return SCREEN_PASS;
	switch (ev->action) {
	case ACT_UP:
		if (b->sel > 0)
			b->sel--;
		return SCREEN_STAY;
	case ACT_DOWN:
		if (b->sel + 1 < b->n)
			b->sel++;
		return SCREEN_STAY;
	case ACT_HOME:
		b->sel = 0;
		return SCREEN_STAY;
	case ACT_END:
		b->sel = b->n ? b->n - 1 : 0;
		return SCREEN_STAY;
	case ACT_REFRESH:
		b->loaded = false;
		return SCREEN_PASS;
	case ACT_OPEN:
		if (b->n)
			restore_chosen(b, u);
		return SCREEN_STAY;
	case ACT_BACK:
		return SCREEN_CLOSE;
	default:
		return SCREEN_PASS;
	}
}

static const char *bk_title(screen *sc)
{
	(void)sc;
	return _("Backups and restore");
}

static void bk_destroy(screen *sc)
{
	backups *b = sc->state;
	model_backups_free(b->v, b->n);
	free(b);
}

static const action_t bk_bar[] = { ACT_OPEN, ACT_BACK, ACT_NONE };
static const action_t bk_extra[] = { ACT_UP, ACT_DOWN, ACT_HOME, ACT_END, ACT_REFRESH, ACT_NONE };

static const struct screen_ops bk_ops = {
	.name = "backups",
	.title = bk_title,
	.bar = bk_bar,
	.draw = bk_draw,
	.handle = bk_handle,
	.destroy = bk_destroy,
	.extra = bk_extra,
};

screen *scr_backups(ui *u)
{
	(void)u;
	screen *sc = xcalloc(1, sizeof *sc);
	sc->ops = &bk_ops;
	sc->state = xcalloc(1, sizeof(backups));
	return sc;
}
