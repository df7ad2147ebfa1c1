/* facts.h — what a college's semester summary (结对帮扶情况总结) tells,
 * counted by the model (facts.c): every number, and the typical cases
 * chosen, already anonymised and scrubbed by the privacy rules (model.h,
 * privacy.c). report/summary.c only renders them through forms/summary.tpl.
 * Part of the model's face, beside model.h. */
#ifndef BANGFU_MODEL_FACTS_H
#define BANGFU_MODEL_FACTS_H

#include <stddef.h>

#include "model/model.h"

/* The numbers of a college's semester: the pairings of the college made in
 * the semester, and what happened within the semester's dates. What is
 * counted "now" (ended, active, overdue) is counted at asof: today for the
 * current (or a coming) semester, the semester's last day for a past one. */
typedef struct summary_facts {
	size_t pairings, members, targets;   /* members and targets: each once */
	size_t kind_academic, kind_financial, kind_psych;  /* each target once */
	size_t cross_college;
	size_t ended;                    /* ended on or before asof */
	size_t talks;                    /* members' talks in the semester */
	size_t topic_study, topic_life, topic_thought, topic_psych;
	size_t mode_face, mode_phone, mode_online;
	long long minutes;
	size_t pairings_talked;          /* pairings with at least one talk */
	size_t counsellor_talks;         /* counsellors' talks, counted apart */
	long long counsellor_minutes;
	size_t aid_count[3];             /* by aid_kind_values */
	long long aid_fen[3];
	long long aid_total_fen;
	size_t overdue;                  /* active pairings overdue at asof */
	int overdue_days;                /* the college's setting */
	size_t active;                   /* started, not ended at asof */
	date_t asof;                     /* min(today, the semester's end) */
	bool past;                       /* the semester ended before today */
	size_t members_full, members_prob;  /* by member_category_of, each once */
	size_t tiers[3];                 /* 经济困难 targets by tier_values, each once */
} summary_facts;

/* A count under a name: a party branch's members, a class's pairings. */
typedef struct summary_tally {
	char *name;
	size_t n;
} summary_tally;

/* The members' talks of one calendar month (1-12). */
typedef struct summary_month {
	int month;
	size_t talks;
} summary_month;

/* An overdue pairing: its assisted student (anonymised) and the days
 * without a talk. */
typedef struct summary_late {
	char *student;
	int days;
} summary_late;

enum { SUMMARY_CASES = 2, SUMMARY_QUOTES = 3 };

/* A quoted talk: its date and its content, scrubbed (privacy_scrub), as
 * stored otherwise (line ends and all). */
typedef struct summary_quote {
	date_t date;
	char *text;
} summary_quote;

/* A typical case: a pairing with quotable talks (talk_quotable) whose
 * student may be a case (target_may_be_case); the one with the most
 * quotable talks first, the second of another kind than the first when
 * there is one. The quotes are its first, middle and last quotable talks
 * of the semester (fewer when it has fewer). */
typedef struct summary_case {
	char *student;                   /* anonymised (privacy_anon_name) */
	uint32_t kinds;
	date_t since;                    /* the pairing's start */
	size_t talks;                    /* members' talks in the semester */
	long long minutes;
	size_t nquotes;
	summary_quote quotes[SUMMARY_QUOTES];
} summary_case;

/* The rest of what a summary tells, beside the numbers. */
typedef struct summary_detail {
	char *college, *semester;        /* the college's name, the semester's code */
	summary_tally *branches;         /* members by branch, in the order met, at most 16 */
	size_t nbranches;
	summary_tally *classes;          /* pairings by the member's class ("" when not filled), in class order */
	size_t nclasses;
	summary_month *months;           /* months with talks, in the semester's order */
	size_t nmonths;
	summary_late *late;              /* overdue pairings, most overdue first */
	size_t nlate;
	summary_case cases[SUMMARY_CASES];
	size_t ncases;
} summary_detail;

/* The numbers of a college and semester (no talk's content is read).
 * E_INPUT if either does not exist. */
int summary_facts_get(model_txn *t, const char *college_name, const char *semester_code,
		      summary_facts *out, err *e);
/* The numbers and the detail; summary_detail_free the detail (also after
 * an error). */
int summary_detail_get(model_txn *t, const char *college_name, const char *semester_code,
		       summary_facts *facts, summary_detail *out, err *e);
void summary_detail_free(summary_detail *d);

#endif
