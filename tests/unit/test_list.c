/* test_list.c — the list widget's curses-free parts: the live filter
 * (number prefix, name substring and pinyin, class, kind; every word must
 * match), sorting (pinyin order for names, numbers as numbers, the sort
 * cycle), moving, and the selection kept across reloads and filters. */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "ui/list.h"

static const list_col cols[] = {
	{ "Number", 10, 12, 0, false, false, LM_PREFIX },
	{ "Name", 8, 14, 1, false, false, LM_SUBSTR | LM_PINYIN },
	{ "Class", 6, 10, 1, false, false, LM_SUBSTR },
	{ "Kinds", 4, 10, 1, false, false, LM_SUBSTR },
	{ "Days", 4, 5, 0, true, true, 0 },
};

static rid id_of(int n)
{
	rid r;
	memset(&r, 0, sizeof r);
	r.b[15] = (uint8_t)n;
	return r;
}

static void add(list *l, int n, const char *no, const char *name, const char *cls,
		const char *kinds, const char *days)
{
	const char *cells[] = { no, name, cls, kinds, days };
	rid id = id_of(n);
	list_add(l, &id, NULL, 0, cells);
}

static void fill(list *l)
{
	list_begin(l);
	add(l, 1, "2025000001", "张三", "计科2501", "学业", "9");
	add(l, 2, "2025000002", "李四", "计科2502", "心理", "10");
	add(l, 3, "2024000003", "欧阳娜娜", "软工2401", "学业、心理", "");
	add(l, 4, "2024000004", "阿卜杜·热合曼", "计科2501", "经济", "3");
	list_end(l);
}

static list mk(void)
{
	list l;
	list_init(&l, cols, sizeof cols / sizeof *cols, -1, false);
	fill(&l);
	return l;
}

static int sel_no(const list *l)
{
	const list_row *r = list_selected(l);
	cr_assert_not_null(r);
	return r->id.b[15];
}

Test(list, cells_are_kept_compact_and_in_order)
{
	list l = mk();
	cr_assert_eq(list_count(&l), 4);
	const list_row *r = list_selected(&l);
	cr_assert_str_eq(list_cell(r, 0), "2025000001");
	cr_assert_str_eq(list_cell(r, 1), "张三");
	cr_assert_str_eq(list_cell(r, 4), "9");
	list_free(&l);
}

Test(list, filter_student_number_by_prefix_only)
{
	list l = mk();
	list_set_filter(&l, "2024");
	cr_assert_eq(list_count(&l), 2);
	list_set_filter(&l, "000001");
	cr_assert_eq(list_count(&l), 0, "a number matches from its start");
	list_free(&l);
}

Test(list, filter_name_substring_and_pinyin)
{
	list l = mk();
	list_set_filter(&l, "娜娜");
	cr_assert_eq(list_count(&l), 1);
	cr_assert_eq(sel_no(&l), 3);
	list_set_filter(&l, "ouyang");
	cr_assert_eq(list_count(&l), 1, "full pinyin (欧阳 as a surname)");
	list_set_filter(&l, "zs");
	cr_assert_eq(list_count(&l), 1, "initials");
	cr_assert_eq(sel_no(&l), 1);
	list_set_filter(&l, "LiSi");
	cr_assert_eq(list_count(&l), 1, "case does not matter");
	list_free(&l);
}

Test(list, filter_class_and_kind)
{
	list l = mk();
	list_set_filter(&l, "计科");
	cr_assert_eq(list_count(&l), 3);
	list_set_filter(&l, "心理");
	cr_assert_eq(list_count(&l), 2);
	list_set_filter(&l, "计科 心理");
	cr_assert_eq(list_count(&l), 1, "every word must match");
	cr_assert_eq(sel_no(&l), 2);
	list_set_filter(&l, "");
	cr_assert_eq(list_count(&l), 4, "no filter: every row");
	list_free(&l);
}

Test(list, columns_without_match_bits_are_not_searched)
{
	list l = mk();
	list_set_filter(&l, "10");
	cr_assert_eq(list_count(&l), 0, "the days column is not searched");
	list_free(&l);
}

Test(list, names_sort_in_pinyin_order)
{
	list l = mk();
	add(&l, 5, "2024000005", "Li Lei", "计科2501", "学业", "1");
	list_end(&l);
	list_sort_by(&l, 1, false);
	const char *want[] = { "阿卜杜·热合曼", "Li Lei", "李四", "欧阳娜娜", "张三" };
	for (size_t i = 0; i < 5; i++)
		cr_assert_str_eq(list_cell(&l.rows[l.view[i]], 1), want[i], "row %zu", i);
	list_free(&l);
}

Test(list, numbers_sort_as_numbers_and_empty_cells_last)
{
	list l = mk();
	list_sort_by(&l, 4, true);
	cr_assert_str_eq(list_cell(&l.rows[l.view[0]], 4), "10", "10 > 9");
	cr_assert_str_eq(list_cell(&l.rows[l.view[1]], 4), "9");
	cr_assert_str_eq(list_cell(&l.rows[l.view[3]], 4), "", "empty last");
	list_sort_by(&l, 4, false);
	cr_assert_str_eq(list_cell(&l.rows[l.view[0]], 4), "3");
	cr_assert_str_eq(list_cell(&l.rows[l.view[3]], 4), "", "empty last either way");
	list_free(&l);
}

Test(list, sort_key_cycles_direction_then_column)
{
	list l;
	list_init(&l, cols, sizeof cols / sizeof *cols, 0, false);
	fill(&l);
	cr_assert_str_eq(list_cell(list_selected(&l), 0), "2024000003", "ascending numbers");
	list_sort_next(&l);
	cr_assert_eq(l.sort_col, 0);
	cr_assert(l.sort_desc);
	cr_assert_str_eq(list_cell(&l.rows[l.view[0]], 0), "2025000002", "descending numbers");
	cr_assert_str_eq(list_cell(list_selected(&l), 0), "2024000003",
			 "the selected row stays selected");
	list_sort_next(&l);
	cr_assert_eq(l.sort_col, 1);
	cr_assert_not(l.sort_desc);
	list_free(&l);
}

Test(list, moves_stay_in_bounds)
{
	list l = mk();
	cr_assert(list_move(&l, ACT_UP, 10));
	cr_assert_eq(l.sel, 0);
	list_move(&l, ACT_PAGE_DOWN, 10);
	cr_assert_eq(l.sel, 3);
	list_move(&l, ACT_HOME, 10);
	cr_assert_eq(l.sel, 0);
	list_move(&l, ACT_END, 10);
	cr_assert_eq(l.sel, 3);
	list_move(&l, ACT_DOWN, 10);
	cr_assert_eq(l.sel, 3);
	cr_assert_not(list_move(&l, ACT_SAVE, 10), "not a move");
	list_free(&l);
}

Test(list, selection_follows_its_row_across_reloads_and_filters)
{
	list l = mk();
	list_move(&l, ACT_DOWN, 10);
	list_move(&l, ACT_DOWN, 10);
	cr_assert_eq(sel_no(&l), 3);
	/* a reload with a new row first and the rows in another order */
	list_begin(&l);
	add(&l, 9, "2023000009", "新同学", "计科2301", "学业", "1");
	add(&l, 4, "2024000004", "阿卜杜·热合曼", "计科2501", "经济", "3");
	add(&l, 3, "2024000003", "欧阳娜娜", "软工2401", "学业、心理", "");
	list_end(&l);
	cr_assert_eq(sel_no(&l), 3, "the same record is selected after a reload");
	list_set_filter(&l, "学业");
	cr_assert_eq(sel_no(&l), 3, "and after a filter that keeps it");
	list_set_filter(&l, "");
	cr_assert_eq(sel_no(&l), 3);
	list_free(&l);
}

Test(list, newlines_in_cells_become_spaces)
{
	list l;
	list_init(&l, cols, sizeof cols / sizeof *cols, -1, false);
	list_begin(&l);
	add(&l, 1, "1", "a\nb", "c\td", "", "");
	list_end(&l);
	cr_assert_str_eq(list_cell(list_selected(&l), 1), "a b");
	cr_assert_str_eq(list_cell(list_selected(&l), 2), "c d");
	list_free(&l);
}

/* A model row_view gives the columns' filter rules (the screens' tables
 * carry titles and widths only). */
Test(list, a_row_view_sets_how_the_filter_matches)
{
	static const list_col bare[] = {
		{ "Number", 10, 12, 0, false, false, 0 },
		{ "Name", 8, 14, 1, false, false, 0 },
		{ "Class", 6, 10, 1, false, false, 0 },
		{ "Kinds", 4, 10, 1, false, false, 0 },
		{ "Days", 4, 5, 0, true, true, 0 },
	};
	static const unsigned match[] = { ROW_MATCH_PREFIX, ROW_MATCH_SUBSTR | ROW_MATCH_PINYIN,
					  ROW_MATCH_SUBSTR, ROW_MATCH_SUBSTR, 0 };
	row_view v = { 5, match };
	list l;
	list_init(&l, bare, 5, -1, false);
	fill(&l);
	list_set_filter(&l, "zs");
	cr_assert_eq(list_count(&l), 0, "without rules nothing is searched");
	list_set_view(&l, &v);
	list_set_filter(&l, "");
	list_set_filter(&l, "zs");
	cr_assert_eq(list_count(&l), 1, "the view's rules: pinyin initials");
	list_sort_by(&l, 1, false);
	list_set_filter(&l, "");
	cr_assert_eq(list_selected(&l)->id.b[15], 1, "still selected");
	l.sel = 0;
	cr_assert_eq(list_selected(&l)->id.b[15], 4, "names in pinyin order (阿 first)");
	list_free(&l);
}

/* A pager's filter line (the talks list): edited by the list, the rows the
 * screen's to reload, so the list keeps every row it was given. */
Test(list, an_outer_filter_keeps_the_rows)
{
	list l = mk();
	l.fixed = true;
	l.outer_filter = true;
	ui_event ev = { .type = EV_KEY, .action = ACT_SEARCH };
	cr_assert(list_handle(&l, &ev), "the filter line opens");
	cr_assert(list_typing(&l));
	list_set_filter(&l, "2024");
	cr_assert_str_eq(l.filter, "2024");
	cr_assert_eq(list_count(&l), 4, "no row is filtered out here");
	ev.action = ACT_BACK;
	cr_assert(list_handle(&l, &ev), "Esc clears it");
	cr_assert_str_eq(l.filter, "");
	cr_assert(!list_typing(&l));
	list_free(&l);
}

/* A deleted record's row is taken by the next one (not the first row), and
 * an undone one is selected again. */
Test(list, a_deleted_rows_place_is_kept)
{
	list l = mk();
	list_move(&l, ACT_DOWN, 10);
	list_move(&l, ACT_DOWN, 10);
	cr_assert_eq(sel_no(&l), 3);
	list_begin(&l);
	add(&l, 1, "2025000001", "张三", "计科2501", "学业", "9");
	add(&l, 2, "2025000002", "李四", "计科2502", "心理", "10");
	add(&l, 4, "2024000004", "阿卜杜·热合曼", "计科2501", "经济", "3");
	list_end(&l);
	cr_assert_eq(sel_no(&l), 4, "the row after the deleted one");
	list_move(&l, ACT_DOWN, 10);
	list_begin(&l);
	add(&l, 1, "2025000001", "张三", "计科2501", "学业", "9");
	add(&l, 2, "2025000002", "李四", "计科2502", "心理", "10");
	list_end(&l);
	cr_assert_eq(sel_no(&l), 2, "the last row when the last one went");
	fill(&l);
	rid three = id_of(3);
	cr_assert(list_select_id(&l, &three));
	cr_assert_eq(sel_no(&l), 3, "the record brought back");
	rid none = id_of(42);
	cr_assert(!list_select_id(&l, &none));
	cr_assert_eq(sel_no(&l), 3);
	list_free(&l);
}
