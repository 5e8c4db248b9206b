/* money.h — money is an int64 count of cents (céntimos). Never a float.
 * Parses "S/ 1,234.56", "S/1234.5", "1234.56", "-12", "1 234,56" is refused
 * (ambiguous); formats "S/ 1,234.56" for people and "1234.56" for files. */
#ifndef MINKA_MONEY_H
#define MINKA_MONEY_H

#include "core/compat.h"

#define MONEY_FMT_MAX 40

/* Parses an amount. Accepts an optional "S/" or "S/." prefix, an optional sign,
 * comma thousands separators in groups of three, and up to two decimals (more
 * are accepted only if they are zeros). 0, or ERR_INVALID on anything else,
 * including overflow of int64 cents. */
int money_parse(const char *s, int64_t *cents);
/* "S/ 1,234.56" (with_symbol) or "1234.56". Writes into out (MONEY_FMT_MAX). */
const char *money_format(int64_t cents, bool with_symbol, char out[MONEY_FMT_MAX]);
/* "1,234.56" — grouped, no symbol (tables with a currency column). */
const char *money_format_grouped(int64_t cents, char out[MONEY_FMT_MAX]);
/* Overflow-checked sum: 0 or ERR_INVALID. */
int money_add(int64_t a, int64_t b, int64_t *out);
/* part/whole as a percentage with two decimals, rounded half away from zero,
 * in hundredths of a percent (12.34 % -> 1234). whole == 0 gives 0. Exact integer math. */
int64_t money_percent_bp(int64_t part, int64_t whole);

#endif
