#!/bin/sh
# layers.sh — the layers of src/ hold: nothing includes a layer above its
# own, and the front ends (ui/, cli/, report/) know the model by model.h
# alone — no store header, no model/internal.h, and none of the store's or
# the schema's names (st_*, key_* of the store, DB_*, IX_*, store_*, the
# value codec). HACKING, "Architecture", says why.
. "$top_srcdir/tests/lib.sh"

src=$top_srcdir/src

# The layers each layer may include, lowest first.
allowed() {
	case $1 in
	util) echo "util" ;;
	store) echo "util store" ;;
	model) echo "util store model" ;;
	report) echo "util model report" ;;
	ui) echo "util model report ui" ;;
	cli) echo "util model report ui cli" ;;
	esac
}

# Prints every include of a layer above $1 in the files given.
upward_includes() {
	layer=$1
	shift
	ok_layers=$(allowed "$layer")
	grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[a-z]*/' "$@" 2>/dev/null |
	while IFS= read -r line; do
		inc=${line#*\"}
		to=${inc%%/*}
		case " $ok_layers " in
		*" $to "*) ;;
		*) echo "$line" ;;
		esac
	done
}

# What the front ends must not name: the store's API and the schema.
FORBIDDEN='#[[:space:]]*include[[:space:]]*"(store/|model/internal\.h)|\<st_[a-z]|\<[DI][BX]_[A-Z]|\<store_[a-z]|\<STORE_[A-Z]|\<keybuf\>|\<key_(init|id|u32|i32|u64|str|bytes|take_[a-z0-9]+)\>|\<rec_(encode|decode|peek_text)\>|\<audit_[a-z]'

# Prints every forbidden name in the files given (comments included: a
# comment that names an index is the schema leaking all the same).
front_end_leaks() {
	grep -HnE "$FORBIDDEN" "$@" 2>/dev/null
}

files_of() {
	find "$src/$1" -name '*.[ch]' | sort
}

for layer in util store model report ui cli; do
	out=$(upward_includes "$layer" $(files_of "$layer"))
	is "$out" "" "src/$layer/ includes no layer above it"
done

for layer in ui cli report; do
	out=$(front_end_leaks $(files_of "$layer"))
	is "$out" "" "src/$layer/ asks the model (model.h) and never the store or the schema"
done

out=$(grep -HnE '#[[:space:]]*include[[:space:]]*"store/' "$src/model/model.h" "$src/model/"*.h |
	grep -v "/internal\.h:")
is "$out" "" "the model's public headers include no store header"

# The checks themselves catch what they are for.
mkdir -p "$T/src/ui"
printf '#include "store/store.h"\nint f(void) { return st_count(0, IX_TALK_DATE); }\n' >"$T/src/ui/bad.c"
out=$(front_end_leaks "$T/src/ui/bad.c" | wc -l)
is "$out" 2 "a front-end file that includes the store and names an index is caught"
printf '#include "ui/ui.h"\n' >"$T/src/ui/up.c"
out=$(upward_includes model "$T/src/ui/up.c" | wc -l)
is "$out" 1 "a model file that includes ui/ is caught"

done_testing
