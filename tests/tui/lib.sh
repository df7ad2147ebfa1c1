# tests/tui/lib.sh — drive the real bangfu in a private tmux server.
#
#   . "$top_srcdir/tests/lib.sh"
#   . "$top_srcdir/tests/tui/lib.sh"
#   tui_start --lang en            # bangfu --db $DB --lang en, 100x30
#   wait_for "Dashboard"           # polls capture-pane (up to $TUI_WAIT s)
#   keys F2; keys -l '义勇军'       # tmux send-keys (-l: literal text)
#   click 3 30                     # a left click at column 3, row 30
#   screen                         # prints the current screen
#   wait_gone                      # true once bangfu has exited
#
# Esc followed at once by a character reads as Alt+character (and is then
# taken as Esc and the character when Alt+character is not bound); wait for
# the screen after Escape before sending more when that matters.
#
# The server is private (-L bangfu-PID, no config file) and killed at exit.
# The session's environment has LANG/LC_ALL=C.UTF-8, TERM=xterm-256color and
# the test's BANGFU_TODAY, BANGFU_LOCALEDIR, BANGFU_KEYMAPS, BANGFU_FORMS,
# HOME and XDG_CONFIG_HOME (if set). Skips the whole script (TAP "1..0 #
# SKIP") when tmux is missing.

TMUX_BIN=${TMUX_BIN:-tmux}
if ! command -v "$TMUX_BIN" >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux not found"
	exit 0
fi
unset TMUX TMUX_PANE
TUI_SOCK="bangfu-$$"
TUI_WAIT=${TUI_WAIT:-10}
BANGFU_KEYMAPS=${BANGFU_KEYMAPS:-$top_srcdir/keymaps}
BANGFU_FORMS=${BANGFU_FORMS:-$top_srcdir/forms}
export BANGFU_KEYMAPS BANGFU_FORMS

# q WORD — WORD quoted for the shell (POSIX: no printf %q).
q() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

tmx() {
	"$TMUX_BIN" -L "$TUI_SOCK" -f /dev/null "$@"
}

trap 'tmx kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT

# tui_start [-x COLS] [-y ROWS] [-e NAME=VALUE]... [BANGFU ARGS...]
# Starts bangfu --db $DB ARGS in a fresh session "t" (kills an earlier one).
tui_start() {
	_x=100
	_y=30
	_env=""
	while :; do
		case ${1-} in
		-x) _x=$2; shift 2 ;;
		-y) _y=$2; shift 2 ;;
		-e) _env="$_env $(q "$2")"; shift 2 ;;
		*) break ;;
		esac
	done
	tmx kill-session -t t >/dev/null 2>&1 || true
	_cmd="env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color"
	_cmd="$_cmd HOME=$(q "$HOME")"
	_cmd="$_cmd BANGFU_TODAY=$(q "$BANGFU_TODAY")"
	_cmd="$_cmd BANGFU_LOCALEDIR=$(q "${BANGFU_LOCALEDIR-}")"
	_cmd="$_cmd BANGFU_KEYMAPS=$(q "$BANGFU_KEYMAPS")"
	_cmd="$_cmd BANGFU_FORMS=$(q "$BANGFU_FORMS")"
	if [ -n "${XDG_CONFIG_HOME-}" ]; then
		_cmd="$_cmd XDG_CONFIG_HOME=$(q "$XDG_CONFIG_HOME")"
	fi
	_cmd="$_cmd$_env $(q "$BANGFU") --db $(q "$DB")"
	for _a in "$@"; do
		_cmd="$_cmd $(q "$_a")"
	done
	# The pane stays after bangfu exits so that its last words can be read.
	tmx new-session -d -s t -x "$_x" -y "$_y" \
		"$_cmd 2>$(q "$T/tui-stderr"); echo \"[exit \$?]\"; sleep 3600"
	tmx set-option -t t remain-on-exit on >/dev/null 2>&1 || true
}

# keys KEY... — tmux send-keys to the session (tmux key names: F1, Enter,
# Escape, Up, C-x, BTab, ...; -l for literal text).
keys() {
	tmx send-keys -t t "$@"
}

# click COL ROW [BUTTON] — a mouse press and release at 1-based COL, ROW
# (SGR mouse report, as xterm sends it; BUTTON 0 left, 64 wheel up, 65 wheel
# down — the wheel has no release).
click() {
	_b=${3:-0}
	tmx send-keys -t t -l "$(printf '\033[<%d;%d;%dM' "$_b" "$1" "$2")"
	if [ "$_b" -lt 64 ]; then
		tmx send-keys -t t -l "$(printf '\033[<%d;%d;%dm' "$_b" "$1" "$2")"
	fi
}

# screen — the visible screen as text (CJK intact).
screen() {
	tmx capture-pane -t t -p 2>/dev/null
}

# wait_for TEXT — true as soon as TEXT (fixed string) is on screen; false
# after $TUI_WAIT seconds (the screen is then printed as TAP comments).
wait_for() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		if screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	echo "# waited for: $1"
	screen | sed 's/^/#   /'
	return 1
}

# wait_line N TEXT — like wait_for, but TEXT must be on line N (1-based).
wait_line() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		if screen | sed -n "${1}p" | grep -qF -- "$2"; then
			return 0
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	echo "# waited for line $1: $2"
	screen | sed 's/^/#   /'
	return 1
}

# absent TEXT — true if TEXT is not on the screen now.
absent() {
	! screen | grep -qF -- "$1"
}

# wait_not TEXT — true once TEXT is no longer on screen.
wait_not() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		if ! screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	echo "# still there: $1"
	screen | sed 's/^/#   /'
	return 1
}

# wait_gone — true once bangfu has exited (the pane shows "[exit N]");
# $tui_rc is then N.
wait_gone() {
	if wait_for "[exit " >/dev/null; then
		tui_rc=$(screen | sed -n 's/.*\[exit \([0-9]*\)\].*/\1/p' | tail -n 1)
		return 0
	fi
	return 1
}

# resize COLS ROWS — resizes the window (bangfu gets SIGWINCH).
resize() {
	tmx resize-window -t t -x "$1" -y "$2"
}

# alive — true while bangfu is still running.
alive() {
	! screen | grep -qF "[exit "
}
