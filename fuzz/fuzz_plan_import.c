/* fuzz_plan_import.c — libFuzzer target for the plan file parsers
 * (rules/plan_doc.c): minka's JSON plan format, and the spreadsheet CSV with its
 * column guessing, a mapping text and the tree built from the rows, then the
 * document written back as JSON and CSV and compared with itself. Any input
 * must give a document or a clean error: no crash, leak or overread. The first
 * byte picks the format; for CSV, the text up to the first NUL byte after it is
 * a mapping ("1=axis,3=ignore"). */
#include "core/compat.h"
#include "core/buf.h"
#include "rules/plan_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct err e;
	err_init(&e, NULL);
	struct plan_doc d;
	plan_doc_init(&d);
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	int rc;
	if (data[0] & 1) {
		rc = plan_doc_parse_json(text, len, &d, &e);
	} else {
		const char *nul = memchr(text, '\0', len);
		char map[200] = "";
		if (nul && (size_t)(nul - text) < sizeof map) {
			memcpy(map, text, (size_t)(nul - text));
			map[nul - text] = '\0';
			len -= (size_t)(nul - text) + 1;
			text = nul + 1;
		}
		snprintf(d.instrument, sizeof d.instrument, "%s", (data[0] & 2) ? "pdc" : "custom");
		struct plan_csv_map m;
		rc = plan_csv_guess(text, len, &m, &e);
		if (!rc && map[0])
			rc = plan_csv_map_apply(&m, map, &e);
		if (!rc)
			rc = plan_doc_from_csv(text, len, &m, &d, &e);
	}
	if (!rc) {
		struct buf b;
		buf_init(&b, 0);
		plan_doc_write_json(&d, &b);
		plan_doc_write_csv(&d, NULL, &b);
		json_t *diff = plan_doc_diff(&d, &d);
		/* a document with unique codes compared with itself has no changes
		 * (duplicate codes are refused later, when the tree is numbered) */
		bool unique = true;
		for (size_t i = 0; i < d.nels && unique; i++)
			for (size_t k = i + 1; k < d.nels && unique; k++)
				unique = strcmp(d.els[i].code, d.els[k].code) != 0;
		if (unique && (json_array_size(json_object_get(diff, "plan")) || json_array_size(json_object_get(diff, "elements"))))
			__builtin_trap();
		json_decref(diff);
		buf_release(&b);
	}
	plan_doc_release(&d);
	return 0;
}
