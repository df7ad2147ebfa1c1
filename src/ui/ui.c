#include "config.h"
/* ui.c — the front end's main loop: the screen stack, the title line, the
 * status line, the key bar, global actions and "terminal too small". */
#include "ui/ui.h"

#include <curses.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ui/form.h"
#include "ui/layout.h"
#include "ui/term.h"
#include "util/date.h"
#include "util/i18n.h"

struct ui_bar_cell {
	int x0, x1;
	action_t a;
};

struct ui {
	model_store *st;
	role_t role;
	keymap km;
	const char *forms_dir;
	char *forms_dir_owned;
	char semester[SEMESTER_CODE_MAX];
	uint64_t semester_txn;      /* model_last_txn when semester was read */
	bool semester_read;
	screen **stack;
	size_t n, cap;
	char status[512];
	bool status_error;
	char backup_warn[512];      /* a failed automatic backup, said once */
	bool quit, hook_quit;
	bool prefix_pending;
	keyspec prefix;
	struct ui_bar_cell bar[24];
	size_t nbar;
	unsigned long frames;
	/* the last delete, offered for undo while the database's last
	 * transaction is still the delete's (txn) */
	struct {
		bool have;
		const record_desc *d;
		rid id;
		uint64_t txn;
		char label[256];
	} undo;
	/* the record the last undo brought back, at transaction txn */
	struct {
		bool have;
		rid id;
		uint64_t txn;
	} undone;
};

enum { TICK_MS = 1000, MIN_COLS = 80, MIN_ROWS = 24, BAR_MAX = 24 };

/* The reports screen: scr_reports.c (declared in ui.h). */

static ui_frame_hook frame_hook;
static void *frame_arg;

void ui_set_frame_hook(ui_frame_hook fn, void *arg)
{
	frame_hook = fn;
	frame_arg = arg;
}

/* ---- accessors ------------------------------------------------------ */

void ui_push(ui *u, screen *sc)
{
	if (!sc)
		return;
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 8;
		u->stack = xrealloc(u->stack, u->cap * sizeof *u->stack);
	}
	u->stack[u->n++] = sc;
}

static void destroy(screen *sc)
{
	if (sc->ops->destroy)
		sc->ops->destroy(sc);
}

static void pop(ui *u)
{
	if (u->n == 0)
		return;
	screen *sc = u->stack[--u->n];
	destroy(sc);
}

model_store *ui_store(ui *u) { return u->st; }
role_t ui_role(ui *u) { return u->role; }
const keymap *ui_keymap(ui *u) { return &u->km; }
const char *ui_forms_dir(ui *u) { return u->forms_dir; }

screen *ui_top(ui *u)
{
	return u->n ? u->stack[u->n - 1] : NULL;
}

static void status_v(ui *u, bool error, const char *fmt, va_list ap)
{
	vsnprintf(u->status, sizeof u->status, fmt, ap);
	/* one line only */
	for (char *p = u->status; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	u->status_error = error;
}

void ui_status(ui *u, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	status_v(u, false, fmt, ap);
	va_end(ap);
}

void ui_status_error(ui *u, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	status_v(u, true, fmt, ap);
	va_end(ap);
}

bool ui_db_changed(ui *u, uint64_t *since)
{
	uint64_t now = model_last_txn(u->st);
	bool changed = now != *since;
	*since = now;
	return changed;
}

/* ---- undo -------------------------------------------------------------- */

void ui_offer_undo(ui *u, const record_desc *d, const rid *id, const char *label)
{
	u->undo.have = true;
	u->undo.d = d;
	u->undo.id = *id;
	u->undo.txn = model_last_txn(u->st);
	snprintf(u->undo.label, sizeof u->undo.label, "%s", label);
	u->undone.have = false;
}

/* Whether the last delete may still be undone: nothing written since. */
static bool undo_offered(ui *u)
{
	if (u->undo.have && model_last_txn(u->st) != u->undo.txn)
		u->undo.have = false;
	return u->undo.have;
}

bool ui_undone(ui *u, rid *id)
{
	if (!u->undone.have || model_last_txn(u->st) != u->undone.txn)
		return false;
	*id = u->undone.id;
	return true;
}

struct undo_w {
	const record_desc *d;
	rid id;
};

static int undo_txn(model_txn *t, void *ctx, err *e)
{
	struct undo_w *w = ctx;
	return model_undelete(t, w->d, &w->id, e);
}

static void undo(ui *u)
{
	if (!undo_offered(u)) {
		ui_status_error(u, "%s", _("Nothing to undo."));
		return;
	}
	struct undo_w w = { u->undo.d, u->undo.id };
	err e = { 0 };
	u->undo.have = false;
	if (model_write(u->st, undo_txn, &w, &e) != 0) {
		ui_status_error(u, "%s", e.msg);
		return;
	}
	u->undone.have = true;
	u->undone.id = w.id;
	u->undone.txn = model_last_txn(u->st);
	ui_status(u, _("Restored %s."), u->undo.label);
}

/* ---- drawing -------------------------------------------------------- */

static const char *role_label(role_t r)
{
	switch (r) {
	case ROLE_COUNSELLOR: return _("Counsellor");
	case ROLE_MEMBER: return _("Party member");
	case ROLE_SECRETARY:
	default: return _("Branch secretary");
	}
}

bool ui_too_small(void)
{
	return COLS < MIN_COLS || LINES < MIN_ROWS;
}

static void draw_too_small(void)
{
	erase();
	char *msg = xasprintf(_("bangfu needs at least %d×%d (now %d×%d)"), MIN_COLS, MIN_ROWS,
			      COLS, LINES);
	int w = lay_width(msg);
	int cols = w < COLS ? w : COLS;
	int x = (COLS - cols) / 2;
	ui_text(LINES / 2, x, cols, msg, UI_NORMAL);
	free(msg);
}

/* A yes/no question while the terminal is too small for the screens (F10
 * with unsaved changes): the question alone, wrapped to the width that
 * there is, its answers on the last line. Once the terminal is big
 * enough again the usual dialog takes over. */
static bool small_confirm(ui *u, const char *question)
{
	static const action_t answers[] = { ACT_YES, ACT_NO, ACT_NONE };
	char ky[96], kn[96];
	keymap_first_key(&u->km, ACT_YES, ky, sizeof ky);
	keymap_first_key(&u->km, ACT_NO, kn, sizeof kn);
	char *hint = xasprintf(_("%s: yes   %s: no"), ky, kn);
	bool answer = false;
	for (;;) {
		if (!ui_too_small()) {
			answer = ui_confirm(u, question);
			break;
		}
		erase();
		size_t n;
		char **lines = lay_wrap(question, COLS, &n);
		int rows = LINES - 1 > 0 ? LINES - 1 : 0;   /* the last is the hint's */
		int shown = (int)n < rows ? (int)n : rows;
		int y = (rows - shown) / 2;
		for (int i = 0; i < shown; i++)
			ui_text(y + i, 0, COLS, lines[i], UI_NORMAL);
		lay_lines_free(lines, n);
		ui_text(LINES - 1, 0, COLS, hint, UI_DIM);
		term_cursor(false, 0, 0);
		wnoutrefresh(stdscr);
		doupdate();
		if (ui_frame_done(u))
			break;
		ui_event ev;
		term_read(&ev, TICK_MS);
		if (ev.type != EV_KEY)
			continue;
		keyspec k = { ev.is_code, ev.ch, ev.meta };
		action_t a = keymap_action_among(&u->km, k, answers);
		if (a == ACT_NONE && ev.meta) {
			keyspec esc = { false, 27, false };
			a = keymap_action_among(&u->km, esc, answers);
		}
		if (a == ACT_YES || a == ACT_NO) {
			answer = a == ACT_YES;
			break;
		}
	}
	free(hint);
	return answer;
}

static int current_txn(model_txn *t, void *ctx, err *e)
{
	return model_semester_current(t, ctx, SEMESTER_CODE_MAX, e);
}

void ui_semester_current(ui *u, char code[SEMESTER_CODE_MAX])
{
	uint64_t now = model_last_txn(u->st);
	if (!u->semester_read || now != u->semester_txn) {
		err e = { 0 };
		if (model_read(u->st, current_txn, u->semester, &e) != 0)
			semester_of(date_today(), u->semester);
		u->semester_txn = now;
		u->semester_read = true;
	}
	snprintf(code, SEMESTER_CODE_MAX, "%s", u->semester);
}

static void draw_title(ui *u, screen *sc)
{
	char sem[SEMESTER_CODE_MAX];
	ui_semester_current(u, sem);
	const char *t = sc && sc->ops->title ? sc->ops->title(sc) : "";
	char today[11];
	date_format(date_today(), today);
	char *left = xasprintf(" bangfu · %s · %s · %s", t ? t : "", role_label(u->role), sem);
	int rw = lay_width(today) + 1;
	ui_text(0, 0, COLS - rw, left, UI_TITLE);
	ui_text_right(0, COLS - rw, rw, today, UI_TITLE);
	free(left);
}

static bool in_list(const action_t *l, action_t a)
{
	if (!l)
		return false;
	for (; *l != ACT_NONE; l++)
		if (*l == a)
			return true;
	return false;
}

/* The actions shown in the bar: help first and quit last unless the screen
 * names them itself. */
static size_t bar_actions(screen *sc, action_t *out, size_t max)
{
	size_t n = 0;
	const action_t *bar = sc ? sc->ops->bar : NULL;
	if (!in_list(bar, ACT_HELP) && n < max)
		out[n++] = ACT_HELP;
	for (const action_t *a = bar; a && *a != ACT_NONE && n < max; a++)
		if (!sc->ops->bar_idle || !sc->ops->bar_idle(sc, *a))
			out[n++] = *a;
	if (!in_list(bar, ACT_QUIT) && n < max)
		out[n++] = ACT_QUIT;
	return n;
}

/* Columns of the bar cell of action a ("F10" + "Quit" padded), 0 if the
 * action has no key. */
static int bar_cell(ui *u, action_t a, char *key, size_t n, const char **label, int *kw,
		    int *lw)
{
	keymap_first_key(&u->km, a, key, n);
	if (!key[0])
		return 0;
	*label = _(action_table[a].label);
	*kw = lay_width(key);
	*lw = lay_width(*label);
	if (*lw < 6)
		*lw = 6;   /* mc-like cells of even width */
	return *kw + *lw + 1;
}

/* The go-to keys (2 Students ...) work on every screen and are in the
 * help: where the bar is short of room they go first. */
static bool is_goto(action_t a)
{
	switch (a) {
	case ACT_GO_DASHBOARD: case ACT_GO_STUDENTS: case ACT_GO_MEMBERS:
	case ACT_GO_PAIRINGS: case ACT_GO_TALKS: case ACT_GO_COUNSELLORS:
	case ACT_GO_ROSTER: case ACT_GO_COLLEGE:
		return true;
	default:
		return false;
	}
}

static void draw_bar(ui *u, screen *sc)
{
	action_t acts[BAR_MAX];
	size_t n = bar_actions(sc, acts, BAR_MAX);
	int x = 0;
	u->nbar = 0;
	char key[96];
	const char *label;
	int kw, lw;
	/* Too many for the width: the go-to cells go, the rightmost first,
	 * until the others fit (the screen's own keys, F9 and F10 stay). */
	int total = 0;
	for (size_t i = 0; i < n; i++)
		total += bar_cell(u, acts[i], key, sizeof key, &label, &kw, &lw);
	for (size_t i = n; i-- > 0 && total > COLS + 1;)
		if (is_goto(acts[i]) && i + 1 != n) {
			total -= bar_cell(u, acts[i], key, sizeof key, &label, &kw, &lw);
			memmove(&acts[i], &acts[i + 1], (n - i - 1) * sizeof acts[0]);
			n--;
		}
	/* the last action (quit, normally) always gets its cell */
	int last = n ? bar_cell(u, acts[n - 1], key, sizeof key, &label, &kw, &lw) : 0;
	for (size_t i = 0; i < n; i++) {
		int need = bar_cell(u, acts[i], key, sizeof key, &label, &kw, &lw);
		if (!need)
			continue;
		bool is_last = i + 1 == n;
		if (x + need + (is_last ? 0 : last) > COLS + 1) {
			if (is_last)
				break;
			continue;   /* no room: leave it out, keep the last */
		}
		ui_text(LINES - 1, x, kw, key, UI_BAR_KEY);
		ui_text(LINES - 1, x + kw, lw, label, UI_BAR_LABEL);
		u->bar[u->nbar].x0 = x;
		u->bar[u->nbar].x1 = x + kw + lw;
		u->bar[u->nbar].a = acts[i];
		u->nbar++;
		x += need;
		if (x - 1 < COLS)
			ui_fill(LINES - 1, x - 1, 1, UI_NORMAL);
	}
	if (x < COLS)
		ui_fill(LINES - 1, x, COLS - x, UI_NORMAL);
}

enum { STATUS_MAX_LINES = 3 };

/* The status line's text and style now (malloc'd, maybe ""). */
static char *status_now(ui *u, ui_style *st)
{
	if (u->prefix_pending) {
		char k[64];
		keyspec_label(u->prefix, k, sizeof k);
		*st = UI_DIM;
		return xasprintf(_("%s, then the next key …"), k);
	}
	if (!u->status[0] && undo_offered(u)) {
		char k[48];
		keymap_first_key(&u->km, ACT_UNDO, k, sizeof k);
		*st = UI_OK;
		return xasprintf(_("Deleted %s. %s: undo"), u->undo.label, k);
	}
	*st = u->status_error ? UI_ERROR : UI_OK;
	return xstrdup(u->status);
}

/* The status text wrapped to the screen's width, at most STATUS_MAX_LINES
 * lines (the last one cut with "…" if even that is not enough): a long
 * message is read whole, not cut at the right edge. */
static char **status_lines(ui *u, ui_style *st, size_t *n)
{
	char *text = status_now(u, st);
	char **l = lay_wrap(text, COLS, n);
	free(text);
	if (*n > STATUS_MAX_LINES) {
		size_t len = 0;
		for (size_t i = STATUS_MAX_LINES - 1; i < *n; i++)
			len += strlen(l[i]);
		char *rest = xmalloc(len + 1);
		rest[0] = '\0';
		for (size_t i = STATUS_MAX_LINES - 1; i < *n; i++)
			strcat(rest, l[i]);
		for (size_t i = STATUS_MAX_LINES - 1; i < *n; i++)
			free(l[i]);
		l[STATUS_MAX_LINES - 1] = rest;
		*n = STATUS_MAX_LINES;
	}
	return l;
}

void ui_draw_all(ui *u, bool *cursor_set)
{
	bool cur = false;
	int cy = 0, cx = 0;
	if (ui_too_small()) {
		draw_too_small();
	} else {
		erase();
		screen *sc = ui_top(u);
		ui_style st;
		size_t ns;
		char **sl = status_lines(u, &st, &ns);
		draw_title(u, sc);
		/* the body gives up the rows a long status message needs */
		if (sc && sc->ops->draw)
			sc->ops->draw(sc, u, 1, LINES - 2 - (int)ns, COLS);
		for (size_t i = 0; i < ns; i++)
			ui_text(LINES - 1 - (int)ns + (int)i, 0, COLS, sl[i], st);
		lay_lines_free(sl, ns);
		draw_bar(u, sc);
		if (sc && sc->ops->cursor)
			cur = sc->ops->cursor(sc, &cy, &cx);
	}
	if (cursor_set)
		*cursor_set = cur;
	term_cursor(cur, cy, cx);
}

int ui_frame_done(ui *u)
{
	u->frames++;
	if (frame_hook && frame_hook(frame_arg, u->frames))
		u->hook_quit = true;
	return u->hook_quit;
}

static void draw(ui *u)
{
	ui_draw_all(u, NULL);
	wnoutrefresh(stdscr);
	doupdate();
	ui_frame_done(u);
}

/* ---- events --------------------------------------------------------- */

static bool any_unsaved(ui *u)
{
	for (size_t i = 0; i < u->n; i++) {
		screen *sc = u->stack[i];
		if (sc->ops->unsaved && sc->ops->unsaved(sc))
			return true;
	}
	return false;
}

static void quit(ui *u)
{
	const char *q = _("There are unsaved changes. Quit anyway?");
	if (any_unsaved(u) && !(ui_too_small() ? small_confirm(u, q) : ui_confirm(u, q)))
		return;
	u->quit = true;
}

/* Closes the top screen (asking first when it holds unsaved changes). */
static void close_top(ui *u)
{
	screen *sc = ui_top(u);
	if (!sc)
		return;
	if (u->n == 1)
		return;   /* the first screen stays: F10 leaves */
	if (sc->ops->unsaved && sc->ops->unsaved(sc) &&
	    !ui_confirm(u, _("Discard the changes on this screen?")))
		return;
	pop(u);
}

static screen *make_screen(ui *u, action_t a)
{
	switch (a) {
	case ACT_GO_DASHBOARD: return scr_dashboard(u);
	case ACT_GO_STUDENTS: return scr_students(u);
	case ACT_GO_MEMBERS: return scr_members(u);
	case ACT_GO_PAIRINGS: return scr_pairings(u);
	case ACT_GO_TALKS: return scr_talks(u);
	case ACT_GO_COUNSELLORS: return scr_counsellors(u);
	case ACT_GO_ROSTER: return scr_roster(u);
	case ACT_REPORTS: return scr_reports(u);
	case ACT_GO_COLLEGE: return scr_college(u);
	case ACT_IMPORT: return scr_import(u, NULL);
	default: return NULL;
	}
}

static const char *screen_name_of(action_t a)
{
	switch (a) {
	case ACT_GO_DASHBOARD: return "dashboard";
	case ACT_GO_STUDENTS: return "students";
	case ACT_GO_MEMBERS: return "members";
	case ACT_GO_PAIRINGS: return "pairings";
	case ACT_GO_TALKS: return "talks";
	case ACT_GO_COUNSELLORS: return "counsellors";
	case ACT_GO_ROSTER: return "roster";
	case ACT_REPORTS: return "reports";
	case ACT_GO_COLLEGE: return "college";
	case ACT_IMPORT: return "import";
	default: return "";
	}
}

/* Goes to a main screen: back to it if it is on the stack, else above the
 * first screen. */
static void go_to(ui *u, action_t a)
{
	const char *name = screen_name_of(a);
	size_t keep = 1;
	bool found = false;
	for (size_t i = 0; i < u->n; i++)
		if (u->stack[i]->ops->name && strcmp(u->stack[i]->ops->name, name) == 0) {
			keep = i + 1;
			found = true;
			break;
		}
	for (size_t i = keep; i < u->n; i++) {
		screen *sc = u->stack[i];
		if (sc->ops->unsaved && sc->ops->unsaved(sc)) {
			if (!ui_confirm(u, _("Discard the changes on this screen?")))
				return;
			break;
		}
	}
	if (found) {
		while (u->n > keep)
			pop(u);
		return;
	}
	screen *sc = make_screen(u, a);
	if (!sc)
		die("go_to: no screen for action %d", (int)a);
	while (u->n > 1)
		pop(u);
	/* the dashboard is the first screen: it replaces the first-run screen */
	if (a == ACT_GO_DASHBOARD) {
		while (u->n > 0)
			pop(u);
	}
	ui_push(u, sc);
}

static void show_help(ui *u)
{
	screen *top = ui_top(u);
	if (top && top->ops->name && strcmp(top->ops->name, "help") == 0)
		return;
	screen *h = scr_help(u, top);
	if (h)
		ui_push(u, h);
}

static void apply_result(ui *u, screen *sc, int r)
{
	if (r == SCREEN_CLOSE) {
		/* the screen asked to close: no question */
		if (ui_top(u) == sc && u->n > 1)
			pop(u);
		else if (ui_top(u) == sc)
			u->quit = true;   /* the last screen closed itself */
	} else if (r == SCREEN_QUIT) {
		quit(u);
	}
}

/* Handles an action the screen did not take (or global ones). */
static void global_action(ui *u, action_t a)
{
	switch (a) {
	case ACT_QUIT: quit(u); break;
	case ACT_HELP: show_help(u); break;
	case ACT_BACK: close_top(u); break;
	case ACT_REFRESH: clearok(curscr, TRUE); break;
	case ACT_UNDO: undo(u); break;
	case ACT_GO_DASHBOARD: case ACT_GO_STUDENTS: case ACT_GO_MEMBERS:
	case ACT_GO_PAIRINGS: case ACT_GO_TALKS: case ACT_GO_COUNSELLORS:
	case ACT_GO_ROSTER: case ACT_REPORTS: case ACT_IMPORT: case ACT_GO_COLLEGE:
		go_to(u, a);
		break;
	default:
		break;
	}
}

static bool screen_offers(screen *sc, action_t a)
{
	return in_list(sc->ops->bar, a) || in_list(sc->ops->extra, a);
}

/* Resolves the key in ev to an action in the context of the top screen.
 * Returns false when the key was only a prefix (nothing to do yet). */
bool ui_resolve(ui *u, ui_event *ev)
{
	screen *sc = ui_top(u);
	const action_t *bar = sc ? sc->ops->bar : NULL;
	const action_t *extra = sc ? sc->ops->extra : NULL;
	keyspec k = { ev->is_code, ev->ch, ev->meta };
	ev->action = ACT_NONE;
	if (u->prefix_pending) {
		u->prefix_pending = false;
		keyspec seq[2] = { u->prefix, k };
		action_t a;
		if (keymap_lookup(&u->km, seq, 2, bar, extra, &a) == KM_MATCH) {
			ev->action = a;
		} else {
			char k1[64], k2[64];
			keyspec_label(seq[0], k1, sizeof k1);
			keyspec_label(seq[1], k2, sizeof k2);
			ui_status_error(u, _("%s %s is not bound to anything"), k1, k2);
			return false;
		}
		return true;
	}
	bool typing = sc && sc->ops->typing && sc->ops->typing(sc);
	if (typing && keyspec_is_text(k))
		return true;   /* text for the field */
	action_t a;
	km_match m = keymap_lookup(&u->km, &k, 1, bar, extra, &a);
	if (m == KM_PREFIX) {
		u->prefix_pending = true;
		u->prefix = k;
		return false;
	}
	if (m == KM_MATCH)
		ev->action = a;
	return true;
}

static void click_bar(ui *u, ui_event *ev)
{
	for (size_t i = 0; i < u->nbar; i++)
		if (ev->x >= u->bar[i].x0 && ev->x < u->bar[i].x1) {
			ui_event k = { .type = EV_KEY, .action = u->bar[i].a };
			/* give it to the screen as its first key would be */
			if (u->km.nkeys[u->bar[i].a]) {
				const keyseq *s = &u->km.keys[u->bar[i].a][0];
				k.is_code = s->k[s->n - 1].code;
				k.ch = s->k[s->n - 1].ch;
			}
			*ev = k;
			return;
		}
	ev->type = EV_TICK;
}

static void dispatch(ui *u, ui_event *ev)
{
	screen *sc = ui_top(u);
	if (ev->type == EV_KEY) {
		/* A message belongs to the action that made it: the next key
		 * starts another one (or another screen), and it goes. */
		u->status[0] = '\0';
		if (!ui_resolve(u, ev))
			return;
	} else if (ev->type == EV_MOUSE) {
		if (ev->y == LINES - 1 && !ui_too_small()) {
			click_bar(u, ev);
			if (ev->type != EV_KEY)
				return;
		} else if (ev->button == 4) {
			ev->action = ACT_UP;
		} else if (ev->button == 5) {
			ev->action = ACT_DOWN;
		}
	}
	if (!sc)
		return;
	action_t a = ev->action;
	/* Quit and help work everywhere; the other global actions go to the
	 * screen first when it offers them itself. */
	if (a == ACT_QUIT || a == ACT_HELP) {
		global_action(u, a);
		return;
	}
	if (a != ACT_NONE && action_table[a].global && !screen_offers(sc, a)) {
		global_action(u, a);
		return;
	}
	int r = sc->ops->handle ? sc->ops->handle(sc, u, ev) : SCREEN_PASS;
	if (r == SCREEN_PASS) {
		if (a != ACT_NONE && action_table[a].global)
			global_action(u, a);
	} else {
		apply_result(u, sc, r);
	}
	if (u->backup_warn[0]) {   /* after the screen's own message */
		ui_status_error(u, "%s", u->backup_warn);
		u->backup_warn[0] = '\0';
	}
}

/* True if the keymap binds Alt+key (else Esc then key was meant): to a
 * screen action, or to one of the line editor's while the screen takes
 * text. */
static bool meta_bound(ui *u, const ui_event *ev)
{
	if (u->prefix_pending)
		return false;
	keyspec k = { ev->is_code, ev->ch, true };
	action_t a;
	if (keymap_lookup(&u->km, &k, 1, NULL, NULL, &a) != KM_NONE)
		return true;
	screen *sc = ui_top(u);
	bool typing = sc && sc->ops->typing && sc->ops->typing(sc);
	return typing && keymap_action_of(&u->km, k, AU_TEXT) != ACT_NONE;
}

/* A key while the terminal is too small: the screens are not shown, so
 * only quitting (its question shown on the small terminal) and redrawing
 * act; everything else is ignored (an Esc then y must not discard a form
 * unseen). Resizing is handled by the caller. */
static void too_small_key(ui *u, ui_event *ev)
{
	if (ev->type != EV_KEY)
		return;
	if (ev->meta && !meta_bound(u, ev))
		ev->meta = false;   /* Esc then a key: the Esc is ignored */
	if (!ui_resolve(u, ev))
		return;   /* the first key of two: wait for the second */
	if (ev->action == ACT_QUIT)
		quit(u);
	else if (ev->action == ACT_REFRESH)
		clearok(curscr, TRUE);
}

/* ---- start ---------------------------------------------------------- */

static int has_college(model_txn *t, void *ctx, err *e)
{
	model_stats st;
	int rc = model_stats_get(t, &st, e);
	if (rc)
		return rc;
	*(bool *)ctx = st.colleges > 0;
	return 0;
}

static int load_keys(ui *u, const ui_opts *o)
{
	errlist errs = { 0 };
	int rc = keymap_setup(&u->km, NULL, o && o->keymap ? o->keymap : "default",
			      o ? o->user_keys : NULL, &errs);
	for (size_t i = 0; i < errs.n; i++)
		fprintf(stderr, "%s\n", errs.msg[i]);
	errlist_free(&errs);
	return rc ? E_INPUT : 0;
}

/* Every form file is read once before the screens start: a broken one
 * stops start-up with FILE:LINE like a broken keymap. */
static int check_forms(const char *dir)
{
	errlist errs = { 0 };
	form_set fs = { 0 };
	int rc = form_load_all(dir, &fs, &errs);
	for (size_t i = 0; i < errs.n; i++)
		fprintf(stderr, "%s\n", errs.msg[i]);
	errlist_free(&errs);
	form_set_free(&fs);
	return rc ? E_INPUT : 0;
}

/* Until the user quits: draw, wait for an event, hand it on. */
static void main_loop(ui *u)
{
	while (!u->quit && !u->hook_quit && u->n > 0) {
		draw(u);
		if (u->quit || u->hook_quit)
			break;
		ui_event ev;
		term_read(&ev, TICK_MS);
		screen *sc = ui_top(u);
		if (ev.type == EV_TICK) {
			if (sc && sc->ops->handle)
				apply_result(u, sc, sc->ops->handle(sc, u, &ev));
			continue;
		}
		if (ev.type == EV_RESIZE) {
			if (sc && sc->ops->handle)
				sc->ops->handle(sc, u, &ev);
			continue;
		}
		if (ui_too_small()) {
			too_small_key(u, &ev);
			continue;
		}
		if (ev.type == EV_KEY && ev.meta && !meta_bound(u, &ev)) {
			/* Esc typed just before a key, not Alt: both, in turn (the
			 * Esc key itself, resolved through the keymap) */
			ui_event esc = { .type = EV_KEY, .ch = 27 };
			dispatch(u, &esc);
			if (u->quit || u->hook_quit || u->n == 0)
				break;
			ev.meta = false;
		}
		dispatch(u, &ev);
	}
}

static void ui_free(ui *u)
{
	while (u->n > 0)
		pop(u);
	term_set_keymap(NULL);
	free(u->forms_dir_owned);
	free(u->stack);
	free(u);
}

static ui *backup_ui;
static model_store *final_store;

static void ui_backup_warning(const char *msg)
{
	if (backup_ui)
		snprintf(backup_ui->backup_warn, sizeof backup_ui->backup_warn, "%s", msg);
}

model_store *ui_final_store(void)
{
	return final_store;
}

int ui_restore(ui *u, model_restore_plan *p, char **kept, err *e)
{
	char *dir = xstrdup(model_path(u->st));
	model_close(u->st);
	u->st = NULL;
	int rc = model_restore_commit(p, kept, e);
	err e2 = { 0 };
	if (model_open(&u->st, dir, &e2) != 0) {
		term_stop();
		fprintf(stderr, "bangfu: %s\n", e2.msg);
		exit(E_DB);
	}
	final_store = u->st;
	u->semester_read = false;
	free(dir);
	return rc;
}

static int run(model_store *s, const ui_opts *o, FILE *in, FILE *out)
{
	ui *u = xcalloc(1, sizeof *u);
	u->st = s;
	final_store = s;
	backup_ui = u;
	model_on_backup_warning(ui_backup_warning);
	u->role = o ? o->role : ROLE_SECRETARY;
	u->forms_dir_owned = o && o->forms_dir ? NULL : form_default_dir();
	u->forms_dir = o && o->forms_dir ? o->forms_dir : u->forms_dir_owned;
	int rc = load_keys(u, o);
	if (!rc)
		rc = check_forms(u->forms_dir);
	if (rc) {
		ui_free(u);
		return rc;
	}
	term_set_keymap(&u->km);
	bool filled = false;
	err e = { 0 };
	if (model_read(s, has_college, &filled, &e) != 0)
		filled = false;
	if (!term_start(in, out)) {
		fprintf(stderr, _("bangfu: cannot use this terminal (is TERM set?)\n"));
		ui_free(u);
		return E_USAGE;
	}
	screen *first = filled ? scr_dashboard(u) : scr_firstrun(u);
	if (!first)
		die("ui_run: no first screen");
	ui_push(u, first);
	if (filled) {
		screen *review = scr_review_if_due(u);
		if (review)
			ui_push(u, review);
	}
	main_loop(u);
	while (u->n > 0)
		pop(u);
	term_stop();
	backup_ui = NULL;
	ui_free(u);
	return 0;
}

int ui_run(model_store *s, const ui_opts *o)
{
	return run(s, o, NULL, NULL);
}

int ui_run_on(model_store *s, const ui_opts *o, FILE *in, FILE *out)
{
	return run(s, o, in, out);
}
