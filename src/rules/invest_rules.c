/* invest_rules.c — investment-plan and execution arithmetic, integers only. */
#include "core/compat.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/money.h"
#include "rules/invest_rules.h"

static const struct {
	const char *name;
	const char *label;
} funding_kinds[] = {
	{ "own_revenue", N_("Own revenue") },
	{ "foncomun", N_("FONCOMUN (municipal compensation fund)") },
	{ "canon", N_("Canon and royalties") },
	{ "central_transfer", N_("Transfers from the central government") },
	{ "cooperation", N_("Cooperation agency") },
	{ "cofinancing", N_("Cofinancing partner") },
};

const char *const funding_kind_names[] = { "own_revenue", "foncomun", "canon", "central_transfer", "cooperation",
					   "cofinancing", NULL };

const char *funding_kind_label(const char *kind)
{
	for (size_t i = 0; i < ARRAY_LEN(funding_kinds); i++)
		if (str_eq(funding_kinds[i].name, kind))
			return funding_kinds[i].label;
	return "";
}

bool funding_kind_valid(const char *kind)
{
	for (size_t i = 0; i < ARRAY_LEN(funding_kinds); i++)
		if (str_eq(funding_kinds[i].name, kind))
			return true;
	return false;
}

const char *const finance_kind_names[] = { "budgeted", "approved", "transferred", "committed", "disbursed",
					   "expenditure", NULL };

static const char *const finance_kind_labels[FK_COUNT] = {
	N_("Planned"), N_("Approved"), N_("Transferred"), N_("Committed"), N_("Disbursed"), N_("Expenditure"),
};

const char *finance_kind_name(enum finance_kind k) { return (unsigned)k < FK_COUNT ? finance_kind_names[k] : ""; }
const char *finance_kind_label(enum finance_kind k) { return (unsigned)k < FK_COUNT ? finance_kind_labels[k] : ""; }

int finance_kind_parse(const char *name)
{
	for (int k = 0; k < FK_COUNT; k++)
		if (str_eq(finance_kind_names[k], name))
			return k;
	return -1;
}

void invest_split_quarters(int64_t amount, int64_t q[4])
{
	int64_t base = amount / 4, left = amount % 4;
	for (int i = 0; i < 4; i++)
		q[i] = base + (i < left ? 1 : 0);
}

bool invest_quarters_ok(int64_t amount, const int64_t q[4])
{
	int64_t sum = 0;
	for (int i = 0; i < 4; i++) {
		if (q[i] < 0 || __builtin_add_overflow(sum, q[i], &sum))
			return false;
	}
	return sum == amount;
}

bool invest_fits(int64_t programmed, int64_t ceiling, int64_t amount, int64_t *room)
{
	int64_t r;
	if (__builtin_sub_overflow(ceiling, programmed, &r))
		r = INT64_MIN;
	if (room)
		*room = r;
	return amount >= 0 && amount <= r;
}

int exec_row_add(struct exec_row *row, enum finance_kind k, int64_t amount)
{
	if ((unsigned)k >= FK_COUNT || amount < 0)
		return ERR_INVALID;
	int64_t s;
	if (money_add(row->sum[k], amount, &s))
		return ERR_INVALID;
	row->sum[k] = s;
	return 0;
}

void exec_row_finish(struct exec_row *row)
{
	row->committed_bp = money_percent_bp(row->sum[FK_COMMITTED], row->sum[FK_TRANSFERRED]);
	row->disbursed_bp = money_percent_bp(row->sum[FK_DISBURSED], row->sum[FK_TRANSFERRED]);
}

int exec_rows_total(const struct exec_row *rows, size_t n, struct exec_row *total)
{
	memset(total, 0, sizeof *total);
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < FK_COUNT; k++)
			if (exec_row_add(total, (enum finance_kind)k, rows[i].sum[k]))
				return ERR_INVALID;
	exec_row_finish(total);
	return 0;
}

int64_t exec_financial_progress_bp(const struct exec_row *row, int64_t cost)
{
	int64_t spent;
	if (money_add(row->sum[FK_DISBURSED], row->sum[FK_EXPENDITURE], &spent))
		spent = INT64_MAX;
	return money_percent_bp(spent, cost);
}

const char *bp_format(int64_t bp, char *out, size_t n)
{
	uint64_t v = bp < 0 ? (uint64_t)(-(bp + 1)) + 1 : (uint64_t)bp;
	snprintf(out, n, "%s%" PRIu64 ".%02" PRIu64, bp < 0 ? "-" : "", v / 100, v % 100);
	return out;
}
