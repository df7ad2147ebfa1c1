# tests/lib.sh — sourced by every script test. Speaks TAP.
#
#   . "$top_srcdir/tests/lib.sh"
#   ok "what a user would notice" test "$x" = y
#   is "$actual" "$expected" "description"
#   done_testing
#
# Each script gets a fresh temporary folder $T (removed at exit) and a fresh
# database folder $DB in it; $BANGFU is the built binary.
set -u
: "${top_srcdir:?run through make check}"
: "${BANGFU:?run through make check}"
LC_ALL=C.UTF-8
LANG=C.UTF-8
export LC_ALL LANG
unset LANGUAGE BANGFU_DB XDG_CONFIG_HOME
BANGFU_TODAY=${BANGFU_TODAY:-2026-05-20}
export BANGFU_TODAY
BANGFU_KEYMAPS="$top_srcdir/keymaps"
BANGFU_FORMS="$top_srcdir/forms"
export BANGFU_KEYMAPS BANGFU_FORMS
T=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-test.XXXXXX")
DB="$T/db"
HOME="$T/home"
XDG_DATA_HOME="$T/home/.local/share"
export HOME XDG_DATA_HOME
mkdir -p "$HOME"
trap 'rm -rf "$T"' EXIT
DATA="$top_srcdir/tests/data"
_n=0
_failed=0

ok() {
	desc=$1
	shift
	_n=$((_n + 1))
	if "$@"; then
		echo "ok $_n - $desc"
	else
		echo "not ok $_n - $desc"
		_failed=$((_failed + 1))
	fi
}

is() {
	_n=$((_n + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $_n - $3"
	else
		echo "not ok $_n - $3"
		printf '#   got:      %s\n' "$1" | head -n 20
		printf '#   expected: %s\n' "$2" | head -n 20
		_failed=$((_failed + 1))
	fi
}

# bf ARGS... — runs bangfu on $DB; stdout to $T/out, stderr to $T/err, the
# exit status in $rc.
bf() {
	rc=0
	"$BANGFU" --db "$DB" "$@" >"$T/out" 2>"$T/err" || rc=$?
}

done_testing() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}
