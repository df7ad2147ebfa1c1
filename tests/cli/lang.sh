#!/bin/sh
# The language: --lang, then the config file's [ui] lang, then the locale's
# language, else Chinese.
. "$top_srcdir/tests/lib.sh"

# help_in LANGUAGE DESCRIPTION ENV... -- ARGS...: runs `bangfu ARGS --help`
# under env -u LC_ALL -u LANG ENV... and checks the language of the help.
help_in() {
	want=$1
	desc=$2
	shift 2
	rc=0
	env -u LC_ALL -u LANG -u LC_MESSAGES "$@" "$BANGFU" --help >"$T/out" 2>"$T/err" || rc=$?
	if [ "$want" = zh ]; then
		ok "$desc: Chinese" grep -q '^用法：bangfu' "$T/out"
		ok "$desc: no English usage line" sh -c "! grep -q '^usage:' '$T/out'"
	else
		ok "$desc: English" grep -q '^usage: bangfu' "$T/out"
		ok "$desc: no Chinese usage line" sh -c "! grep -q '^用法' '$T/out'"
	fi
	is "$rc" 0 "$desc: exits 0"
}

help_in zh "no locale at all"
help_in zh "LANG=C" LANG=C
help_in zh "LANG=C.UTF-8" LANG=C.UTF-8
help_in zh "LANG=zh_CN.UTF-8" LANG=zh_CN.UTF-8
help_in zh "LC_ALL=zh_TW.UTF-8" LC_ALL=zh_TW.UTF-8
help_in en "LANG=en_US.UTF-8" LANG=en_US.UTF-8
help_in en "LC_ALL=en_GB.UTF-8 over LANG=zh_CN.UTF-8" LC_ALL=en_GB.UTF-8 LANG=zh_CN.UTF-8
help_in en "LC_MESSAGES=en_US.UTF-8" LC_MESSAGES=en_US.UTF-8

# ---- --lang wins over the environment
rc=0; env LANG=zh_CN.UTF-8 "$BANGFU" --lang en --help >"$T/out" 2>&1 || rc=$?
ok "--lang en wins over LANG=zh_CN.UTF-8" grep -q '^usage: bangfu' "$T/out"
rc=0; env -u LC_ALL LANG=en_US.UTF-8 "$BANGFU" --lang zh --help >"$T/out" 2>&1 || rc=$?
ok "--lang zh wins over LANG=en_US.UTF-8" grep -q '^用法：bangfu' "$T/out"
rc=0; env -u LC_ALL LANG=en_US.UTF-8 "$BANGFU" --lang=zh --help >"$T/out" 2>&1 || rc=$?
ok "--lang=zh works too" grep -q '^用法：bangfu' "$T/out"

# ---- the config file
mkdir -p "$HOME/.config/bangfu"
printf '# mine\n[ui]\nlang = en\n' >"$HOME/.config/bangfu/config"
help_in en "~/.config/bangfu/config lang=en under LANG=C"  LANG=C
help_in en "~/.config/bangfu/config lang=en under LANG=zh_CN.UTF-8" LANG=zh_CN.UTF-8
rc=0; env -u LC_ALL LANG=C "$BANGFU" --lang zh --help >"$T/out" 2>&1 || rc=$?
ok "--lang zh wins over the config file" grep -q '^用法：bangfu' "$T/out"

mkdir -p "$T/xdg/bangfu"
printf '[ui]\nlang=zh\n' >"$T/xdg/bangfu/config"
help_in zh "\$XDG_CONFIG_HOME/bangfu/config (lang=zh) is read before ~/.config" \
	XDG_CONFIG_HOME="$T/xdg" LANG=en_US.UTF-8

printf '[other]\nlang=en\n[ui]\nkeys=vi\n' >"$T/other.conf"
rc=0; env -u LC_ALL LANG=C "$BANGFU" --config "$T/other.conf" --help >"$T/out" 2>&1 || rc=$?
ok "--config FILE replaces the default file; lang outside [ui] is ignored" grep -q '^用法：bangfu' "$T/out"
is "$rc" 0 "unknown keys in the config file are ignored"

printf '[ui]\nlang = fr\n' >"$T/bad.conf"
rc=0; "$BANGFU" --lang en --config "$T/bad.conf" --help >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 1 "a bad lang in the config file exits 1"
ok "the bad line is named FILE:LINE" grep -qF "$T/bad.conf:2: lang" "$T/err"

printf '[ui\nlang = en\n' >"$T/broken.conf"
rc=0; "$BANGFU" --lang en --config "$T/broken.conf" --help >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 1 "a broken config file exits 1"
ok "the broken line is named FILE:LINE" grep -qF "$T/broken.conf:1:" "$T/err"

rc=0; "$BANGFU" --lang en --config "$T/none.conf" --help >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 2 "a missing --config file exits 2"
ok "the missing config file is named" grep -qF "$T/none.conf" "$T/err"
rm -f "$HOME/.config/bangfu/config"

# ---- messages, not only the help, follow the language
rc=0; env -u LC_ALL LANG=C "$BANGFU" --db "$DB" frobnicate >"$T/out" 2>"$T/err" || rc=$?
is "$rc" 2 "unknown command exits 2"
ok "the error is Chinese by default" grep -q '^bangfu: 未知命令' "$T/err"
rc=0; "$BANGFU" --lang en --db "$DB" frobnicate >"$T/out" 2>"$T/err" || rc=$?
ok "the error is English with --lang en" grep -q '^bangfu: unknown command: frobnicate' "$T/err"

bf init
bf stats
ok "stats is Chinese by default" grep -q '学生' "$T/out"
bf --lang en stats
ok "stats is English with --lang en" grep -q '^students ' "$T/out"
bf --lang en stats --json
json_en=$(cat "$T/out")
bf stats --json
is "$(cat "$T/out")" "$json_en" "stats --json is the same in every language"

# ---- the built program, run as it is, finds its catalogue beside itself:
# no BANGFU_LOCALEDIR (as after `./bootstrap build`, then ./src/bangfu)
for loc in C C.UTF-8; do
	rc=0
	env -u BANGFU_LOCALEDIR -u LC_ALL LANG=$loc "$BANGFU" --help >"$T/out" 2>&1 || rc=$?
	ok "LANG=$loc without BANGFU_LOCALEDIR: the uninstalled binary speaks Chinese" \
		grep -q '^用法：bangfu' "$T/out"
done

done_testing
