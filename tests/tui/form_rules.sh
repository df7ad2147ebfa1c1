#!/bin/sh
# form_rules.sh — the pairing form checks the programme's rules as you go:
# the message appears beside the field it is about, before saving; a save
# with a broken rule writes nothing; a valid pairing saves. Chinese typed
# into a field shows in it. The aid form reads ¥12.5 as the CSV import does.
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

# Give the reason (Chinese through the edit model) and a note: past the
# semester and the start (the end date is only shown: ending is F6).
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

# Aid within that pairing: an amount written as a CSV may write it (¥12.5)
# is taken, as the import takes it (one parser, the model's money_parse).
# Space on the kind (a choice) goes through the action table (toggle).
keys F7
ok "F7 opens the aid form" wait_for "Amount (yuan)"
keys Space
ok "Space on a choice opens its list" wait_for "生活用品"
keys Enter
keys Tab
keys -l '¥12.5'
ok "the amount is typed" wait_for "¥12.5"
keys F2
ok "an amount with ¥ saves and the form closes" wait_not "Amount (yuan)"
"$BANGFU" --db "$DB" export dump >"$T/after.jsonl"
ok "... as 1250 fen" grep -q '"type":"aid".*"amount_fen":1250' "$T/after.jsonl"

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

# ---- two terminals, one record: nothing is overwritten silently --------
# second KEY... — keys for a second bangfu on the same database.
second() {
	tmx send-keys -t u "$@"
}
second_screen() {
	tmx capture-pane -t u -p
}
second_wait() {
	_i=0
	while [ "$_i" -lt $((TUI_WAIT * 20)) ]; do
		second_screen | grep -qF -- "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	echo "# second terminal waited for: $1"
	second_screen | sed 's/^/#   /'
	return 1
}
tmx new-session -d -s u -x 100 -y 30 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color \
HOME='$HOME' BANGFU_TODAY='$BANGFU_TODAY' BANGFU_LOCALEDIR='${BANGFU_LOCALEDIR-}' \
BANGFU_KEYMAPS='$BANGFU_KEYMAPS' BANGFU_FORMS='$BANGFU_FORMS' '$BANGFU' --db '$DB' --lang en; sleep 3600"

keys 2
wait_for "Assisted students" >/dev/null || wait_for "Kinds" >/dev/null
keys F4
ok "F4 opens the student form" wait_for "Student no."
second 2
second_wait "Student" >/dev/null
second F4
ok "the same student opens in a second terminal" second_wait "Student no."
# Here: the class. There: the phone, saved first.
keys Tab Tab Tab Tab C-u
keys -l '甲班'
wait_for "甲班" >/dev/null
second Tab Tab Tab Tab Tab Tab C-u
second -l 13700000000
second F2
ok "the other terminal saves" second_wait "Saved"
keys F2
ok "saving over their change shows both versions" wait_for "changed this record"
both_phones() {
	screen | grep -F Phone | grep -F yours | grep -qF 13700000000
}
ok "... field by field, yours and theirs" both_phones
"$BANGFU" --db "$DB" export dump >"$T/c1.jsonl"
ok "nothing was overwritten yet" sh -c "grep -q '13700000000' '$T/c1.jsonl' && ! grep -q '甲班' '$T/c1.jsonl'"
keys Enter
ok "the user chooses" wait_for "Which version?"
keys Enter
ok "keep mine saves on their new rev" wait_for "Saved"
"$BANGFU" --db "$DB" export dump >"$T/c2.jsonl"
ok "mine is in the database" grep -q '"class_name":"甲班"' "$T/c2.jsonl"

# Again, and this time take theirs.
keys F4
wait_for "Student no." >/dev/null
second F4
second_wait "Student no." >/dev/null
second Tab Tab Tab Tab C-u
second -l '乙班'
second F2
second_wait "Saved" >/dev/null
keys Tab Tab Tab Tab Tab Tab C-u
keys -l 13600000000
keys F2
wait_for "changed this record" >/dev/null
keys Enter
wait_for "Which version?" >/dev/null
keys Down Enter
ok "take theirs shows their version" wait_for "乙班"
ok "... and drops mine" wait_not "13600000000"
keys Escape
ok "their version is not an unsaved change" wait_not "Student no."
"$BANGFU" --db "$DB" export dump >"$T/c3.jsonl"
ok "theirs is in the database" sh -c "grep -q '\"class_name\":\"乙班\"' '$T/c3.jsonl' && ! grep -q 13600000000 '$T/c3.jsonl'"
tmx kill-session -t u

# ---- Enter and Space are actions of the keymap --------------------------
# With toggle bound to x alone, x opens a choice's list and Space does
# nothing there (the old form read the space bar itself).
mkdir -p "$T/cfg/bangfu"
printf 'toggle x\n' >"$T/cfg/bangfu/keys"
XDG_CONFIG_HOME="$T/cfg"
tui_start --lang en
keys 2
wait_for "Assisted students" >/dev/null || wait_for "Kinds" >/dev/null
keys F2
ok "F2 opens a new student form" wait_for "Student no."
keys Tab Tab
keys x
ok "the key bound to toggle opens the gender's list" wait_for "(none)"
keys Escape
ok "... Esc closes it" wait_not "(none)"
keys Space
sleep 0.5
ok "Space, no longer bound to toggle, opens nothing" absent "(none)"
unset XDG_CONFIG_HOME

# ---- forms are data ---------------------------------------------------
cp -R "$top_srcdir/forms" "$T/forms"
chmod -R u+w "$T/forms"
sed -i 's/^label_en = Helper (party member)$/label_en = Party member who helps/' "$T/forms/pairing.form"
printf 'hidden = yes\n' >>"$T/forms/pairing.form"     # the last field: the note
BANGFU_FORMS="$T/forms"
tui_start --lang en
keys 4
wait_for "Pairings" >/dev/null
keys F2
ok "a label changed in the form file shows" wait_for "Party member who helps"
no_note() {
	! screen | grep -q '^ Note'
}
ok "a field hidden in the form file is gone" no_note
keys F10
wait_gone >/dev/null

lines=$(wc -l <"$T/forms/pairing.form")
printf '\n[pairing.colour]\nlabel_zh = 颜色\nlabel_en = Colour\ntype = text\n' >>"$T/forms/pairing.form"
tui_start --lang en
ok "a broken form file stops start-up" wait_gone
is "${tui_rc-}" 1 "... with exit status 1"
ok "... and says FILE:LINE: what is wrong" \
	grep -q "pairing.form:$((lines + 2)): .*colour" "$T/tui-stderr"

done_testing
