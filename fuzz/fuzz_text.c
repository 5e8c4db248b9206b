/* fuzz_text.c — libFuzzer target for minka's small text parsers: money amounts,
 * ISO dates and timestamps, UTF-8 validation and folding, .po catalogs, and
 * templates. The first byte picks the parser. */
#include "core/compat.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/utf8.h"
#include "web/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	char *s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	struct err e;
	err_init(&e, NULL);
	switch (data[0] % 6) {
	case 0: {
		int64_t c;
		if (money_parse(s, &c) == 0) {
			char out[MONEY_FMT_MAX];
			int64_t back;
			if (money_parse(money_format(c, true, out), &back) != 0 || back != c)
				abort(); /* formatting must round-trip */
		}
		break;
	}
	case 1: {
		struct date d;
		if (date_parse(s, &d) == 0) {
			char out[DATE_FMT_MAX];
			if (strcmp(date_format(d, out), s) != 0)
				abort();
		}
		int64_t t;
		(void)datetime_parse(s, &t);
		break;
	}
	case 2: {
		bool ok = utf8_valid(s, size - 1);
		char *f = utf8_fold(s);
		if (f && !utf8_valid(f, strlen(f)))
			abort();
		if (ok && strlen(s) == size - 1 && !f)
			abort();
		free(f);
		break;
	}
	case 3:
		i18n_load("zz", s, size - 1, &e);
		break;
	case 4:
	case 5:
		tmpl_add("fuzz", s, size - 1, &e);
		break;
	}
	free(s);
	return 0;
}
