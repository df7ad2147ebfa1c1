#!/bin/sh
# form_rules.sh — the pairing form checks the programme's rules as you go:
# the message appears beside the field it is about, before saving; a save
# with a broken rule writes nothing; a valid pairing saves. Chinese typed
# into a field shows in it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

"$BANGFU" --db "$DB" import students "$DATA/students.csv" >/dev/null
"$BANGFU" --db "$DB" import counsellors "$DATA/counsellors.csv" >/dev/null
"$BANGFU" --db "$DB" export dump >"$T/before.jsonl"

# beside LABEL TEXT — TEXT is on LABEL's line or on the line just below it
# (a long message goes under its field), right of the label.
beside() {
	screen >"$T/screen"
	_l=$(grep -nF -- "$1" "$T/screen" | head -n 1 | cut -d: -f1)
	[ -n "$_l" ] || return 1
	sed -n "${_l}p;$((_l + 1))p" "$T/screen" | grep -qF -- "$2"
}

# on_line LABEL TEXT — TEXT is on the same line as LABEL.
on_line() {
	screen | grep -F -- "$1" | grep -qF -- "$2"
}

tui_start --lang en
keys 4
ok "the pairings list opens" wait_for "Pairings"
keys F2
ok "F2 opens the pairing form" wait_for "Helper (party member)"

# A helper who is not a party member (王磊, 共青团员).
keys -l 2023030105
keys Enter
ok "the rule is shown as soon as the helper is picked" wait_for "is not a party member"
ok "... beside the helper field" beside "Helper (party member)" "王磊 is not a party member"
keys -l shanxiaowen
keys Enter
ok "the student is found by pinyin" wait_for "单晓雯 2023030106"
keys F2
ok "F2 refuses to save" wait_for "Not saved"
ok "the message stays beside the helper" beside "Helper (party member)" "is not a party member"
"$BANGFU" --db "$DB" export dump >"$T/after.jsonl"
ok "nothing was written" cmp -s "$T/before.jsonl" "$T/after.jsonl"

# A party member (张伟) and a student of another college (区一诺) without a
# reason: the message goes beside the reason field.
keys BTab
keys BTab
keys -l 2022030101
keys Enter
ok "a party member is accepted" wait_not "is not a party member"
keys -l 2023010102
keys Enter
ok "another college without a reason is shown" wait_for "give a reason"
ok "... beside the reason field" beside "Cross-college reason" "give a reason"
keys F2
ok "and cannot be saved" wait_for "Not saved"
"$BANGFU" --db "$DB" export dump >"$T/after.jsonl"
ok "nothing was written either" cmp -s "$T/before.jsonl" "$T/after.jsonl"

# Give the reason (Chinese through the edit model) and a note.
keys Tab
keys Tab
keys Tab
keys -l '同一社团'
ok "Chinese typed into a field shows in it" wait_for "同一社团"
ok "... on the reason line" on_line "Cross-college reason" "同一社团"
keys Tab
ok "with a reason the rule is met" wait_not "give a reason"
keys -l '张三'
ok "张三 typed into the note shows" wait_for "张三"
ok "... in the note field" on_line "Note" "张三"
keys F2
ok "the valid pairing saves and the form closes" wait_not "Helper (party member)"
"$BANGFU" --db "$DB" export dump >"$T/after.jsonl"
ok "the dump shows the pairing with its reason" \
	grep -q '"type":"pairing".*"reason":"同一社团","note":"张三"' "$T/after.jsonl"

# The same student again: already paired, beside the student field.
keys F2
wait_for "Helper (party member)" >/dev/null
keys -l 2022010101
keys Enter
keys -l 2023010102
keys Enter
ok "an already paired student is shown" wait_for "already has an active pairing"
ok "... beside the student field" beside "Assisted student" "already has an active pairing"
keys Escape
ok "Esc asks before dropping the changes" wait_for "Discard"
keys y
ok "and then leaves the form" wait_not "Helper (party member)"
"$BANGFU" --db "$DB" export dump >"$T/after2.jsonl"
ok "nothing more was written" cmp -s "$T/after.jsonl" "$T/after2.jsonl"

done_testing
