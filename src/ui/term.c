#include "config.h"
/* term.c — curses start/stop, styles, input events (see term.h). */
#include "ui/term.h"

#include <curses.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "ui/layout.h"
#include "util/err.h"

static volatile sig_atomic_t got_winch;
static SCREEN *term_screen;
static bool started;
static int in_fd = STDIN_FILENO, out_fd = STDOUT_FILENO;
static bool colour;
static int style_attr[UI__STYLES];
static struct sigaction old_winch;
/* a key read ahead (after Esc, or after a burst of KEY_RESIZE) */
static bool have_pending;
static int pending_r;
static wint_t pending_ch;


static void on_winch(int sig)
{
	(void)sig;
	got_winch = 1;
}

static void styles_init(void)
{
	const char *nc = getenv("NO_COLOR");
	colour = has_colors() && !(nc && *nc);
	if (colour) {
		start_color();
		if (use_default_colors() != OK)
			assume_default_colors(COLOR_WHITE, COLOR_BLACK);
		/* pairs chosen to read on light and dark backgrounds alike:
		 * coloured backgrounds carry their own foreground */
		init_pair(1, COLOR_WHITE, COLOR_BLUE);     /* title */
		init_pair(2, COLOR_BLACK, COLOR_CYAN);     /* bar label, selection */
		init_pair(3, COLOR_RED, -1);               /* error */
		init_pair(4, COLOR_MAGENTA, -1);           /* warning */
		init_pair(5, COLOR_GREEN, -1);             /* ok */
		style_attr[UI_NORMAL] = A_NORMAL;
		style_attr[UI_TITLE] = (int)(COLOR_PAIR(1) | A_BOLD);
		style_attr[UI_BAR_KEY] = A_BOLD;
		style_attr[UI_BAR_LABEL] = (int)COLOR_PAIR(2);
		style_attr[UI_SELECTED] = (int)COLOR_PAIR(2);
		style_attr[UI_HEADER] = A_BOLD | A_UNDERLINE;
		style_attr[UI_ERROR] = (int)(COLOR_PAIR(3) | A_BOLD);
		style_attr[UI_WARN] = (int)(COLOR_PAIR(4) | A_BOLD);
		style_attr[UI_OK] = (int)COLOR_PAIR(5);
		style_attr[UI_DIM] = A_DIM;
		style_attr[UI_FIELD] = A_UNDERLINE;
		style_attr[UI_FIELD_FOCUS] = A_UNDERLINE | A_BOLD;
		style_attr[UI_MASK] = A_DIM;
	} else {
		style_attr[UI_NORMAL] = A_NORMAL;
		style_attr[UI_TITLE] = A_REVERSE | A_BOLD;
		style_attr[UI_BAR_KEY] = A_BOLD;
		style_attr[UI_BAR_LABEL] = A_REVERSE;
		style_attr[UI_SELECTED] = A_REVERSE;
		style_attr[UI_HEADER] = A_BOLD | A_UNDERLINE;
		style_attr[UI_ERROR] = A_BOLD;
		style_attr[UI_WARN] = A_BOLD;
		style_attr[UI_OK] = A_NORMAL;
		style_attr[UI_DIM] = A_DIM;
		style_attr[UI_FIELD] = A_UNDERLINE;
		style_attr[UI_FIELD_FOCUS] = A_UNDERLINE | A_BOLD;
		style_attr[UI_MASK] = A_DIM;
	}
}

/* No flow control (C-s, C-q), no literal-next (C-v) and no interrupt
 * signal from C-c: those keys are bindings here (C-c quits, asking first
 * about unsaved changes, instead of killing bangfu). C-z still suspends. */
static void tty_raw_keys(void)
{
	struct termios t;
	if (tcgetattr(in_fd, &t) != 0)
		return;
	t.c_iflag &= (tcflag_t)~IXON;
	t.c_lflag &= (tcflag_t)~IEXTEN;
	t.c_cc[VINTR] = _POSIX_VDISABLE;
	tcsetattr(in_fd, TCSANOW, &t);
	def_prog_mode();
}

/* Home and End arrive in more spellings than one terminfo entry knows:
 * PuTTY, the Linux console, rxvt and tmux send ESC [1~ / ESC [4~ (or
 * [7~ / [8~) where xterm's entry says ESC OH / ESC OF. Teach ncurses all of
 * them, so that End never reads as Esc followed by "4". */
static void alt_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} alts[] = {
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
		{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
		{ "\033OH", KEY_HOME },  { "\033OF", KEY_END },
		{ "\033[H", KEY_HOME },  { "\033[F", KEY_END },
	};
	for (size_t i = 0; i < sizeof alts / sizeof *alts; i++)
		if (key_defined(alts[i].seq) == 0)
			define_key(alts[i].seq, alts[i].key);
}

/* The terminal as the shell had it, for term_on_damage. */
static struct termios shell_tio;
static bool have_shell_tio;

/* A damaged database ends the process from a signal handler (model.h,
 * model_on_damage): give the terminal back with async-signal-safe calls
 * only: the shell's modes, then the main screen, the cursor, no mouse. */
static void term_on_damage(void)
{
	static const char reset[] = "\033[?1000l\033[0m\033[?25h\033[?1049l\r\n";
	if (!started)
		return;
	if (have_shell_tio)
		tcsetattr(in_fd, TCSANOW, &shell_tio);
	ssize_t w = write(out_fd, reset, sizeof reset - 1);
	(void)w;
}

bool term_start(FILE *in, FILE *out)
{
	if (started)
		return true;
	/* Line drawing as Unicode box characters rather than the VT100
	 * alternate set, which many UTF-8 terminals (PuTTY among them) show as
	 * "lqqk". */
	setenv("NCURSES_NO_UTF8_ACS", "1", 0);
	have_shell_tio = tcgetattr(in ? fileno(in) : STDIN_FILENO, &shell_tio) == 0;
	if (in || out) {
		term_screen = newterm(NULL, out ? out : stdout, in ? in : stdin);
		if (!term_screen)
			return false;
		set_term(term_screen);
		in_fd = fileno(in ? in : stdin);
		out_fd = fileno(out ? out : stdout);
	} else {
		term_screen = newterm(NULL, stdout, stdin);
		if (!term_screen)
			return false;
		set_term(term_screen);
		in_fd = STDIN_FILENO;
		out_fd = STDOUT_FILENO;
	}
	model_on_damage(term_on_damage);
	started = true;
	have_pending = false;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	alt_keys();
	intrflush(stdscr, FALSE);
	set_escdelay(25);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	styles_init();
	tty_raw_keys();
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_winch;
	sigemptyset(&sa.sa_mask);
	/* SA_RESTART keeps the store's reads and writes from seeing EINTR;
	 * the wait for a key (poll) is interrupted all the same */
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, &old_winch);
	got_winch = 0;
	/* the size may have changed before the handler was in place */
	term_check_resize();
	return true;
}

bool term_started(void)
{
	return started;
}

void term_stop(void)
{
	if (!started)
		return;
	sigaction(SIGWINCH, &old_winch, NULL);
	endwin();
	delscreen(term_screen);
	term_screen = NULL;
	started = false;
}

bool term_check_resize(void)
{
	if (!got_winch)
		return false;
	got_winch = 0;
	struct winsize ws;
	if (ioctl(out_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	return true;
}

void term_cursor(bool show, int y, int x)
{
	if (show && y >= 0 && x >= 0 && y < LINES && x < COLS) {
		move(y, x);
		curs_set(1);
	} else {
		curs_set(0);
	}
}

int ui_attr(ui_style st)
{
	if ((int)st < 0 || st >= UI__STYLES)
		return A_NORMAL;
	return style_attr[st];
}

/* ---- input ---------------------------------------------------------- */

static int next_wch(wint_t *ch)
{
	if (have_pending) {
		have_pending = false;
		*ch = pending_ch;
		return pending_r;
	}
	return get_wch(ch);
}

static void term_key_event(ui_event *ev, bool code, wint_t ch)
{
	ev->type = EV_KEY;
	ev->is_code = code;
	ev->ch = ch;
	/* normalise what terminals send differently */
	if (code && ch == KEY_ENTER) {
		ev->is_code = false;
		ev->ch = L'\r';
	} else if (!code && ch == L'\n') {
		ev->ch = L'\r';
	} else if (!code && (ch == 127 || ch == 8)) {
		ev->is_code = true;
		ev->ch = KEY_BACKSPACE;
	}
}

/* A click or the wheel; releases and moves are ticks. */
static void mouse_event(ui_event *ev)
{
	MEVENT me;
	if (getmouse(&me) != OK) {
		ev->type = EV_TICK;
		return;
	}
	ev->type = EV_MOUSE;
	ev->y = me.y;
	ev->x = me.x;
	if (me.bstate & BUTTON4_PRESSED)
		ev->button = 4;
	else if (me.bstate & BUTTON5_PRESSED)
		ev->button = 5;
	else if (me.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		ev->button = 1;
	else
		ev->type = EV_TICK;
}

void term_read(ui_event *ev, int tick_ms)
{
	memset(ev, 0, sizeof *ev);
	ev->action = ACT_NONE;
	if (term_check_resize()) {
		ev->type = EV_RESIZE;
		return;
	}
	timeout(have_pending ? 0 : tick_ms);
	wint_t ch = 0;
	int r = next_wch(&ch);
	if (r == ERR) {
		ev->type = term_check_resize() ? EV_RESIZE : EV_TICK;
		return;
	}
	if (r == KEY_CODE_YES) {
		if (ch == KEY_RESIZE) {
			/* drain a burst of them; ncurses already resized */
			timeout(0);
			while ((r = get_wch(&ch)) == KEY_CODE_YES && ch == KEY_RESIZE)
				;
			if (r != ERR) {
				have_pending = true;
				pending_r = r;
				pending_ch = ch;
			}
			term_check_resize();
			ev->type = EV_RESIZE;
			return;
		}
		if (ch == KEY_MOUSE) {
			mouse_event(ev);
			return;
		}
		term_key_event(ev, true, ch);
		return;
	}
	if (ch == 27) {
		/* Esc alone, or Alt-x (Esc then x at once) */
		timeout(0);
		wint_t c2;
		int r2 = get_wch(&c2);
		if (r2 == OK && c2 > 0x20 && c2 != 0x7f) {
			term_key_event(ev, false, c2);
			ev->is_code = false;
			ev->meta = true;
			return;
		}
		if (r2 != ERR) {
			have_pending = true;
			pending_r = r2;
			pending_ch = c2;
		}
	}
	term_key_event(ev, false, ch);
}

/* ---- drawing helpers ------------------------------------------------ */

static void put_utf8(int y, int x, const char *s, int attr)
{
	attr_t old_a;
	short old_p;
	attr_get(&old_a, &old_p, NULL);
	attrset((attr_t)attr);
	mvaddstr(y, x, s);
	attr_set(old_a, old_p, NULL);
}

void ui_text(int y, int x, int cols, const char *s, ui_style st)
{
	if (cols <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + cols > COLS)
		cols = COLS - x;
	char *f = lay_fit(s ? s : "", cols);
	put_utf8(y, x, f, ui_attr(st));
	free(f);
}

void ui_text_right(int y, int x, int cols, const char *s, ui_style st)
{
	if (cols <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + cols > COLS)
		cols = COLS - x;
	char *f = lay_fit_right(s ? s : "", cols);
	put_utf8(y, x, f, ui_attr(st));
	free(f);
}

void ui_fill(int y, int x, int cols, ui_style st)
{
	ui_text(y, x, cols, "", st);
}

static void put_wcs(int y, int x, const wchar_t *w, size_t n, int pad, int cols, int attr)
{
	char *u = lay_to_utf8(w, n);
	char *padded = xasprintf("%*s%s", pad, "", u);
	free(u);
	char *f = lay_fit(padded, cols);
	free(padded);
	put_utf8(y, x, f, attr);
	free(f);
}

void ui_draw_edit(int y, int x, int cols, edit *e, ui_style st, int *cy, int *cx)
{
	if (cols <= 0)
		return;
	if (x + cols > COLS)
		cols = COLS - x;
	if (cols <= 0)
		return;
	edit_scroll(e, cols);
	size_t a, b;
	int pad;
	edit_visible(e, cols, &a, &b, &pad);
	put_wcs(y, x, e->buf + a, b - a, pad, cols, ui_attr(st));
	if (cy)
		*cy = y;
	if (cx)
		*cx = x + edit_col(e) - e->hscroll;
}

void ui_draw_edit_box(int y, int x, int rows, int cols, edit *e, ui_style st, int *cy,
		      int *cx)
{
	if (rows <= 0 || cols <= 0)
		return;
	if (x + cols > COLS)
		cols = COLS - x;
	if (cols <= 0)
		return;
	/* soft-wrapped at the box's width: no horizontal scroll */
	edit_set_wrap(e, cols);
	e->hscroll = 0;
	size_t top = edit_vscroll(e, rows);
	size_t nl = edit_vlines(e);
	for (int r = 0; r < rows; r++) {
		size_t line = top + (size_t)r;
		if (line >= nl) {
			ui_fill(y + r, x, cols, st);
			continue;
		}
		size_t s, en;
		edit_vline_span(e, line, &s, &en);
		put_wcs(y + r, x, e->buf + s, en - s, 0, cols, ui_attr(st));
	}
	if (cy)
		*cy = y + (int)(edit_vline(e) - top);
	if (cx)
		*cx = x + edit_vcol(e);
}

/* The keymap of the line editor: the front end's one keymap, set by ui_run
 * (screens call ui_edit_key(e, ev) without the ui). */
static const keymap *edit_km;

void term_set_keymap(const keymap *km)
{
	edit_km = km;
}

bool ui_edit_key(edit *e, const ui_event *ev)
{
	if (ev->type != EV_KEY)
		return false;
	keyspec k = { ev->is_code, ev->ch, ev->meta };
	return edit_key(e, edit_km, k);
}
