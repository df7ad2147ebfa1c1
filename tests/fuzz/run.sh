#!/bin/sh
# run.sh — builds every libFuzzer harness in tests/fuzz/ with clang and runs
# each for a few seconds ($FUZZ_SECONDS, default 5). One TAP line per harness.
# Without a working clang the whole script is skipped; a harness that is not
# written yet (no LLVMFuzzerTestOneInput) is skipped.
# A crash leaves its input in tests/fuzz/build/NAME-crash-* (see the log).
. "$top_srcdir/tests/lib.sh"

seconds=${FUZZ_SECONDS:-5}
src=$top_srcdir/src
out=$top_builddir/tests/fuzz/build
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -std=c11"
cppflags="-I$src -I$top_builddir -DLOCALEDIR=\"/nonexistent\" -DFORMSDIR=\"/nonexistent\" -DKEYMAPSDIR=\"/nonexistent\""

clang_works() {
	[ -n "${CLANG:-}" ] && [ "$CLANG" != no ] || return 1
	mkdir -p "$out" || return 1
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
		>"$T/probe.c"
	$CLANG $flags "$T/probe.c" -o "$T/probe" >"$T/probe.log" 2>&1
}

if ! clang_works; then
	echo "ok 1 # SKIP clang not found (or it cannot build fuzzers)"
	echo "1..1"
	exit 0
fi

# The sources each harness needs, and extra flags.
sources_of() {
	case $1 in
	fuzz_csv) echo "util/csv.c util/text.c util/err.c util/i18n.c util/paths.c" ;;
	fuzz_value) echo "store/codec.c util/rid.c util/record.c util/err.c util/i18n.c util/paths.c" ;;
	fuzz_keymap) echo "ui/keymap.c util/paths.c util/err.c util/i18n.c" ;;
	# The form parser names record fields and value sets: the rest of the
	# program comes from the (uninstrumented) library.
	fuzz_form) echo "ui/form.c" ;;
	# The report templates: the engine and the name list's layout file.
	fuzz_template) echo "report/template.c report/roster.c" ;;
	# Damaged database files: the store instrumented (the open, the size
	# check, the codec, fault.c), the model from the library.
	fuzz_db) echo "store/store.c store/codec.c store/fault.c store/keys.c store/audit.c" ;;
	*) return 1 ;;
	esac
}
libs_of() {
	case $1 in
	fuzz_value) echo "${CBOR_CFLAGS:-} ${CBOR_LIBS:-} -lz -lunistring -lcsv" ;;
	fuzz_keymap) echo "-lncursesw -lunistring" ;;
	fuzz_form) echo "$top_builddir/src/libbangfu.a ${BANGFU_ALL_LIBS:-}" ;;
	fuzz_template) echo "-DFORMSDIR=\"/nonexistent\" $top_builddir/src/libbangfu.a ${BANGFU_ALL_LIBS:-}" ;;
	fuzz_db) echo "$top_builddir/src/libbangfu.a ${BANGFU_ALL_LIBS:-}" ;;
	*) echo "-lunistring -lcsv" ;;
	esac
}

# Options of one harness: a database file is larger than the others' inputs;
# what fault.c's jump leaves of a damaged store is not freed (fuzz_db.c).
opts_of() {
	case $1 in
	fuzz_db) echo "-max_len=262144 -detect_leaks=0" ;;
	*) echo "-max_len=4096" ;;
	esac
}
# ... and its sanitizers' options (not even at exit: the stores left by the
# jumps would all be reported).
asan_of() {
	case $1 in
	fuzz_db) echo "${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" ;;
	*) echo "${ASAN_OPTIONS:-}" ;;
	esac
}

# A small seed corpus: the CSV fixtures plus a few shapes of our own.
seed_corpus() {
	dir=$1
	mkdir -p "$dir"
	case $2 in
	fuzz_csv)
		for f in "$DATA"/*.csv; do
			[ -f "$f" ] && cp "$f" "$dir/"
		done
		printf 'a,b\r\n"x, y","q""q"\r\n' >"$dir/seed-quotes"
		printf '\357\273\277a,"line\nbreak"\n\n,,\n' >"$dir/seed-bom"
		printf '\325\305\310\375,1\n' >"$dir/seed-gb"
		;;
	fuzz_keymap)
		cp "$top_srcdir"/keymaps/* "$dir/"
		;;
	fuzz_form)
		cp "$top_srcdir"/forms/*.form "$dir/"
		;;
	fuzz_db)
		# a small valid database, made now by this build's bangfu
		"$BANGFU" --db "$T/seed-db" init >/dev/null 2>&1 &&
			"$BANGFU" --db "$T/seed-db" import students "$DATA/students.csv" \
				>/dev/null 2>&1 &&
			cp "$T/seed-db/data.mdb" "$dir/seed-data.mdb"
		"$BANGFU" --db "$T/seed-empty" init >/dev/null 2>&1 &&
			cp "$T/seed-empty/data.mdb" "$dir/seed-empty.mdb"
		;;
	fuzz_template)
		cp "$top_srcdir"/forms/*.tpl "$dir/"
		printf '{{#a}}x{{^b}}y{{/b}}{{/a}}{{! c }}\n' >"$dir/seed-sections"
		;;
	esac
	if [ -d "$DATA/$2" ]; then
		cp "$DATA/$2"/* "$dir/" 2>/dev/null
	fi
	return 0
}

for h in "$top_srcdir"/tests/fuzz/fuzz_*.c; do
	[ -f "$h" ] || continue
	name=$(basename "$h" .c)
	if ! grep -q LLVMFuzzerTestOneInput "$h"; then
		_n=$((_n + 1))
		echo "ok $_n - $name # SKIP harness not written yet"
		continue
	fi
	if ! srcs=$(sources_of "$name"); then
		_n=$((_n + 1))
		echo "not ok $_n - $name: run.sh does not know which sources it needs"
		_failed=$((_failed + 1))
		continue
	fi
	files=
	for s in $srcs; do
		files="$files $src/$s"
	done
	rm -rf "$out/$name.corpus"
	# shellcheck disable=SC2086
	if ! $CLANG $flags $cppflags "$h" $files $(libs_of "$name") -o "$out/$name" \
		>"$out/$name.build.log" 2>&1; then
		_n=$((_n + 1))
		echo "not ok $_n - $name builds with clang"
		sed 's/^/#   /' "$out/$name.build.log" | head -n 30
		_failed=$((_failed + 1))
		continue
	fi
	seed_corpus "$T/$name.seeds" "$name"
	mkdir -p "$out/$name.corpus"
	rc=0
	# shellcheck disable=SC2046
	TMPDIR=$T ASAN_OPTIONS=$(asan_of "$name") "$out/$name" -max_total_time="$seconds" $(opts_of "$name") -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$out/$name-" \
		"$out/$name.corpus" "$T/$name.seeds" >"$out/$name.log" 2>&1 || rc=$?
	ok "$name runs ${seconds}s without a crash, leak or undefined behaviour" test "$rc" -eq 0
	if [ "$rc" -ne 0 ]; then
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written|==[0-9]+==' "$out/$name.log" |
			head -n 20 | sed 's/^/#   /'
		echo "#   log: $out/$name.log"
	else
		grep -E '^stat::number_of_executed_units' "$out/$name.log" | sed 's/^/#   /'
	fi
done

done_testing
