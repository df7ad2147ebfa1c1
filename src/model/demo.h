/* demo.h — a realistic, deterministic demonstration database.
 *
 * Colleges, counsellors, students (party members, assisted students of
 * every kind), semesters, pairings (mostly same-college, a few cross-college
 * with a reason, some deliberately overdue), talks (members' and
 * counsellors') and material aid, all written through the model's save
 * functions so every rule holds and `bangfu check` passes. Everything but
 * the ids and timestamps is a function of the seed (own PRNG). Talks fall in
 * the current and previous semester, never after date_today(), only on
 * dates when their pairing is active. Into an EMPTY database only (else
 * E_INPUT). */
#ifndef BANGFU_DEMO_H
#define BANGFU_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "util/err.h"

/* stage: "students", "pairings", "talks", "aid"; called every few thousand
 * records and at the end of a stage. Must not touch the store. */
typedef void (*demo_progress_fn)(const char *stage, size_t done, size_t total, void *ctx);

typedef struct demo_opts {
	size_t students;        /* default 2000; at most 250,000 */
	size_t talks;           /* default 10000 */
	uint64_t seed;          /* default 1 */
	demo_progress_fn progress;   /* optional */
	void *progress_ctx;
} demo_opts;

/* Fills o with the defaults. */
void demo_opts_init(demo_opts *o);

typedef struct demo_result {
	size_t colleges, semesters, counsellors, students, members, targets,
		pairings, talks, aid;
} demo_result;

/* o NULL = defaults. res may be NULL. */
int model_demo(model_store *s, const demo_opts *o, demo_result *res, err *e);

#endif
