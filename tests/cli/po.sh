#!/bin/sh
# po/zh_CN.po translates every message the sources hold, and the catalogue
# is the one the program uses.
. "$top_srcdir/tests/lib.sh"

for tool in xgettext msgmerge msgfmt; do
	ok "$tool is installed" sh -c "command -v $tool >/dev/null"
done

# The messages in the sources now (as `make update-po` extracts them).
(cd "$top_srcdir" && find src -name '*.c' | sort) >"$T/files"
rc=0
(cd "$top_srcdir" && xgettext --from-code=UTF-8 -k_ -kN_ -o "$T/bangfu.pot" \
	--package-name=bangfu --no-location -f "$T/files") 2>"$T/err" || rc=$?
is "$rc" 0 "xgettext reads every source file"
ok "the sources hold messages" grep -q '^msgid "..*"' "$T/bangfu.pot"

rc=0
msgmerge -q --no-fuzzy-matching -o "$T/zh_CN.po" "$top_srcdir/po/zh_CN.po" "$T/bangfu.pot" 2>"$T/err" || rc=$?
is "$rc" 0 "po/zh_CN.po merges with the sources' messages"

rc=0
msgfmt --check --statistics -o "$T/zh_CN.mo" "$T/zh_CN.po" >"$T/stats" 2>&1 || rc=$?
is "$rc" 0 "msgfmt --check accepts the merged catalogue"
stats=$(cat "$T/stats")
ok "every message is translated ($stats)" sh -c "! grep -q 'untranslated' '$T/stats'"
ok "no translation is fuzzy ($stats)" sh -c "! grep -q 'fuzzy' '$T/stats'"

ok "po/zh_CN.po has a Chinese plural rule" grep -q 'Plural-Forms: nplurals=1; plural=0;' "$top_srcdir/po/zh_CN.po"

# A translation keeps the printf directives of its msgid (msgfmt --check
# verifies c-format entries; make sure they are marked).
ok "c-format messages are marked" grep -q '#, c-format' "$T/zh_CN.po"

# The built program speaks Chinese by default and English on request.
rc=0; "$BANGFU" --help >"$T/out" 2>&1 || rc=$?
is "$rc" 0 "bangfu --help exits 0"
ok "bangfu --help is Chinese by default" grep -q '^用法：bangfu' "$T/out"
ok "bangfu --help in Chinese explains the commands in Chinese" grep -q '导入' "$T/out"
rc=0; "$BANGFU" --lang en --help >"$T/out" 2>&1 || rc=$?
ok "bangfu --lang en --help is English" grep -q '^usage: bangfu' "$T/out"
ok "bangfu --lang en --help has no Chinese in it" sh -c "! grep -q '[导入用法命令]' '$T/out'"

done_testing
