/* invest_rules.h — the arithmetic of the annual investment plan and of financial
 * execution, in integer cents only (no floating point anywhere): quarterly
 * schedules, ceilings per funding source, and the execution table by source or
 * agency as in seed 002 section IV (planned, approved, transferred, committed,
 * disbursed, % committed/transferred, % disbursed/transferred). Pure functions;
 * tests/unit/test_invest_rules.c enters that table's real figures. */
#ifndef MINKA_INVEST_RULES_H
#define MINKA_INVEST_RULES_H

#include "core/compat.h"

/* Funding-source kinds. */
extern const char *const funding_kind_names[];   /* NULL-terminated */
const char *funding_kind_label(const char *kind);  /* message id */
bool funding_kind_valid(const char *kind);

/* IATI-like kinds of financial entries. */
enum finance_kind {
	FK_BUDGETED,     /* planned ("total previsto") */
	FK_APPROVED,     /* approved budget ("POA reformulado") */
	FK_TRANSFERRED,  /* received from the source ("transferido") */
	FK_COMMITTED,    /* committed by contract or order ("comprometido") */
	FK_DISBURSED,    /* paid out ("desembolsado") */
	FK_EXPENDITURE,  /* spent directly by the executing unit */
	FK_COUNT
};
extern const char *const finance_kind_names[];   /* NULL-terminated, in enum order */
const char *finance_kind_name(enum finance_kind k);
const char *finance_kind_label(enum finance_kind k); /* message id */
/* -1 if unknown. */
int finance_kind_parse(const char *name);

/* Splits an amount into four quarters as evenly as cents allow (the first
 * quarters take the leftover cents). amount >= 0. */
void invest_split_quarters(int64_t amount, int64_t q[4]);
/* Each quarter >= 0 and their sum equals amount (overflow-checked). */
bool invest_quarters_ok(int64_t amount, const int64_t q[4]);
/* Does a new line of `amount` fit under `ceiling` next to what is already
 * programmed? *room is what is left before the new line (may be negative when
 * the ceiling was lowered). */
bool invest_fits(int64_t programmed, int64_t ceiling, int64_t amount, int64_t *room);

/* One row of the execution table: sums per kind and the two percentages in
 * hundredths of a percent (99.97 % -> 9997), rounded half away from zero. */
struct exec_row {
	int64_t sum[FK_COUNT];
	int64_t committed_bp;   /* committed / transferred */
	int64_t disbursed_bp;   /* disbursed / transferred */
};

/* Adds an entry; ERR_INVALID on a negative amount or on overflow (row unchanged). */
int exec_row_add(struct exec_row *row, enum finance_kind k, int64_t amount);
/* Computes the percentages from the sums. */
void exec_row_finish(struct exec_row *row);
/* Sums rows into *total and computes its percentages (from the summed
 * amounts, not averaged). ERR_INVALID on overflow. */
int exec_rows_total(const struct exec_row *rows, size_t n, struct exec_row *total);

/* Financial progress of a project: (disbursed + expenditure) / cost, in
 * hundredths of a percent (0 when the cost is 0). */
int64_t exec_financial_progress_bp(const struct exec_row *row, int64_t cost);

/* "99.97" for 9997 (two decimals always) into out (at least 24 bytes). */
const char *bp_format(int64_t bp, char *out, size_t n);

#endif
