#!/bin/sh
# The vi and emacs key maps drive the core of the daily scenario: open the
# pairings list, move with the map's keys, filter with its search key (the
# letters typed go to the filter, not to the movement bindings), log a talk
# with F5 (letters such as j and k typed into the form stay text), save
# with the map's save key, quit with its quit keys; the talk is then in the
# database.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

# has_line A B: a line of the screen holds A and then B.
has_line() {
	screen | grep -F "$1" | grep -qF "$2"
}

# sel_has TEXT: the selected row (drawn with ">") holds TEXT.
sel_has() {
	screen | grep '^>' | grep -qF "$1"
}

for map in vi emacs; do
	DB="$T/db-$map"
	bf import students "$DATA/students.csv"
	bf semester start 2025-2026-2   # an import makes no semester
	bf import pairings "$DATA/pairings.csv"
	is "$rc" 0 "$map: a database with four pairings"
	case $map in
	vi) down=j up=k search=/ ;;
	emacs) down=C-n up=C-p search=C-s ;;
	esac

	tui_start --lang en --keymap "$map"
	ok "$map: the dashboard comes up" wait_for "Dashboard"
	if [ "$map" = vi ]; then
		# the dashboard of four pairings that never talked (today is
		# 2026-05-20): all overdue, the longest first, and the due dates
		ok "dashboard: four overdue pairings" wait_for "Overdue pairings: 4"
		ok "dashboard: the most overdue first (80 days, 张伟 and 王磊)" has_line ">" "80 张伟"
		ok "dashboard: the name list is overdue" wait_for "Name list due 2026-04-11: OVERDUE by 39 days"
		ok "dashboard: the summary's countdown" wait_for "Summary due 2026-07-11: 52 days left"
	fi
	keys 4
	ok "$map: 4 opens the pairings" wait_for "4 rows"
	sleep 0.3       # the whole frame, not a part of it
	# the member names of the first two rows, as sorted on screen (under
	# the title, the filter line and the header)
	first=$(screen | sed -n '4p' | sed 's/^[> ]//' | awk '{print $1}')
	second=$(screen | sed -n '5p' | sed 's/^[> ]//' | awk '{print $1}')
	ok "$map: the first row is selected ($first)" sel_has "$first"
	keys "$down"
	keys "$down"
	keys "$up"
	sleep 0.3
	ok "$map: down, down, up selects the second row ($second)" sel_has "$second"

	keys "$search"
	keys -l lina
	ok "$map: the search key opens the filter and takes letters" wait_for "1 of 4 rows"
	ok "$map: 李娜's pairing is found by pinyin" sel_has "李娜"
	keys Enter
	keys F5
	ok "$map: F5 opens a talk for the pairing" wait_for "李娜 2022030102"
	keys -l 25
	keys Tab Tab Space Tab
	keys -l "KM-$map jk hl gG"
	ok "$map: letters bound to moves are typed into the form" wait_for "KM-$map jk hl gG"
	case $map in
	vi) keys C-s ;;
	emacs) keys C-x C-s ;;
	esac
	ok "$map: the save key saves and returns to the list" wait_for "1 of 4 rows"
	ok "$map: the pairing now has a talk today" wait_for "2026-05-20"
	case $map in
	vi) keys -l ":q" ;;
	emacs) keys C-x C-c ;;
	esac
	ok "$map: the map's quit keys quit" wait_gone
	is "${tui_rc-}" 0 "$map: exit status 0"
	bf --role counsellor export dump
	ok "$map: the talk is in the database" grep -q "\"content\": *\"KM-$map jk hl gG\"" "$T/out"
done

done_testing
