/* import.h — bulk import of CSV files (students, counsellors, pairings,
 * talks, material aid) through the model's save functions.
 *
 * The file is read with csv_read_file (UTF-8 or GB18030). Its header row
 * names the columns in Chinese or English, in any order. The whole file is
 * validated and written inside ONE write transaction, rows applied in order
 * (so rules see earlier rows). If any row is bad, every bad row is reported
 * to errs as "FILE:LINE: field: what is wrong", the transaction is rolled
 * back (nothing written) and E_INPUT is returned. With dry_run everything
 * is validated and then rolled back.
 *
 * A student number already in the database is an error, unless update is
 * set (students only): then the row updates that student — every column
 * the file has and the row fills (an empty cell keeps the stored value; a
 * file never clears or deletes anything), through the same rules as an
 * edit (a party member with an open pairing cannot become 群众; a student
 * in an open pairing cannot move college). With update only 学号 is a
 * required column; 姓名 and 学院 are required on the rows that add a
 * student. A row the same as the stored student is no change. A rule's
 * message names the file's column: "FILE:LINE: political_status: ...".
 *
 * A pairings file without a 跨院原因 column takes the reason of a
 * cross-college pairing from 备注 (as 附件1 has it; the text is then the
 * pairing's reason, not its note); with the column, 备注 is only the note.
 *
 * Columns (Chinese / English; * = required):
 *   students:    学号*(student_no) 姓名*(name) 性别(gender) 学院*(college)
 *                班级(class) 政治面貌(political_status) 联系电话(phone)
 *                帮扶类型(kinds: several joined by 、 or ;)
 *   counsellors: 工号*(staff_no) 姓名*(name) 学院*(college) 联系电话(phone)
 *   pairings:    党员学号*(member_no) 帮扶对象学号*(target_no) 学期*(semester)
 *                开始日期*(start_date) 备注(note) 跨院原因(reason: when the
 *                file has no 跨院原因, a cross-college pairing's reason is 备注)
 *   talks:       党员学号(member_no) 帮扶对象学号*(target_no) 日期*(date)
 *                时长*(minutes) 方式*(mode) 主题*(topics) 内容(content)
 *                辅导员工号(counsellor_no)  — a row with 辅导员工号 is a
 *                counsellor's talk and its 党员学号 may be empty
 *   aid:         党员学号*(member_no) 帮扶对象学号*(target_no) 日期*(date)
 *                类别*(kind) 金额*(amount: yuan, up to 2 decimals) 说明(note)
 */
#ifndef BANGFU_IMPORT_H
#define BANGFU_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"
#include "util/err.h"

/* The kinds model_import accepts, NULL-terminated:
 * "students", "counsellors", "pairings", "talks", "aid". */
extern const char *const import_kinds[];

/* Counts of what the import created (or, on a dry run, would create). */
typedef struct import_result {
	size_t rows;           /* data rows read (header excluded) */
	size_t colleges;       /* new colleges (from 学院) */
	size_t semesters;      /* new semesters (from 学期) */
	size_t students;
	size_t members;        /* party-member profiles made for new students */
	size_t targets;        /* assisted-student profiles created or updated */
	size_t counsellors;
	size_t pairings;
	size_t talks;
	size_t aid;
	size_t updated;        /* existing students changed (update) */
	size_t unchanged;      /* existing students the file leaves as they are */
	char encoding[16];     /* "UTF-8" or "GB18030" as detected */
} import_result;

/* Called every `progress_every` rows (and once at the end) with the rows
 * done and the total; it must not touch the store. */
typedef void (*import_progress_fn)(size_t done, size_t total, void *ctx);

typedef struct import_opts {
	const char *kind;      /* one of import_kinds */
	const char *path;      /* the CSV file */
	bool dry_run;
	bool update;           /* students: update existing ones (see above) */
	/* optional: every change, in file order, added as "学号 field: old →
	 * new" (field by its header name, Chinese under a Chinese UI, else
	 * English; an empty value is ""), and with list_new every student
	 * added as "学号 new student: 姓名 (学院)" */
	errlist *changes;
	bool list_new;
	import_progress_fn progress;   /* optional */
	void *progress_ctx;
	size_t progress_every; /* 0 = every 1000 rows */
} import_opts;

/* The columns of a kind of file as a screen shows them, into buf: the
 * Chinese headers in order, a required one marked *, joined by spaces
 * ("学号* 姓名* 性别 ..."); "" for an unknown kind. */
void import_columns_text(const char *kind, char *buf, size_t n);

/* Returns 0 on success (res filled), E_INPUT with every problem in errs (and
 * a summary in e) when the file or any row is bad, E_USAGE for an unknown
 * kind, E_DB on a database error. res may be NULL. */
int model_import(model_store *s, const char *kind, const char *path, bool dry_run,
		 import_result *res, errlist *errs, err *e);
/* The same with a progress callback. */
int model_import_ex(model_store *s, const import_opts *o, import_result *res,
		    errlist *errs, err *e);

#endif
