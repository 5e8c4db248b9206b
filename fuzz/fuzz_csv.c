/* fuzz_csv.c — libFuzzer target for the CSV reader (core/csv.c): any input must
 * give rows or a clean error, never a crash, leak or overread. The first byte
 * picks the separator and flags. */
#include "core/compat.h"
#include "core/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t mode = data[0];
	char sep = (mode & 3) == 0 ? 0 : (mode & 3) == 1 ? ',' : ';';
	int flags = (mode & 4 ? CSV_BARE_QUOTES : 0) | (mode & 8 ? CSV_KEEP_BLANK : 0);
	struct csv_reader *r = csv_open_mem((const char *)data + 1, size - 1, "fuzz.csv", sep, flags);
	if (!r)
		return 0;
	struct csv_row row;
	struct err e;
	err_init(&e, NULL);
	size_t total = 0;
	while (csv_next(r, &row, &e) == 1) {
		for (size_t i = 0; i < row.nfields; i++)
			total += row.lens[i] + (row.fields[i][row.lens[i]] == '\0' ? 0 : 1);
	}
	csv_close(r);
	return total == (size_t)-1;
}
