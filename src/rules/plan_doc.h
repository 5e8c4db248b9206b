/* plan_doc.h — a plan as a document in memory, and its file formats:
 *   - JSON ("minka.plan", version 1): the whole plan, elements nested with their
 *     alignments; what `export` writes, `import` reads (round trip: exporting an
 *     imported plan gives the same bytes) and what each approved version keeps;
 *   - CSV in the shape municipalities keep their plans in a spreadsheet: one row
 *     per element path ("line/axis, component, program, product/indicator"),
 *     repeated or blank cells for the same parent, with a column mapping that
 *     says which column holds which level's title or code, the description, the
 *     responsible office, or is ignored.
 * No database: the domain turns a document into rows (plan_import_doc) and rows
 * into a document (plan_doc_load). Parsers report precise places ("line 7,
 * column 3 (Programa)", "elements[1].children[0]"). */
#ifndef MINKA_PLAN_DOC_H
#define MINKA_PLAN_DOC_H

#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/i18n.h"
#include "rules/plan_rules.h"

#include <jansson.h>

#define PLAN_TITLE_MAX 300          /* bytes */
#define PLAN_TEXT_MAX 20000         /* vision, mission, participants */
#define PLAN_ACT_MAX 120
#define PLAN_ELEMENT_TITLE_MAX 500
#define PLAN_DESCRIPTION_MAX 4000
#define PLAN_OFFICE_MAX 200
#define PLAN_JSON_MAX ((size_t)16 << 20)
#define PLAN_CSV_MAX_COLS 30

/* An alignment as a file carries it: the target plan (government, instrument,
 * period) and the code of the element in it. */
struct plan_doc_target {
	char government[7];
	char instrument[PLAN_KIND_MAX];
	int64_t start_year, end_year;
	char code[PLAN_CODE_MAX];
	char *plan_title;           /* informational */
	int64_t element_id;         /* snapshots: the target's id */
};

struct plan_doc_element {
	int64_t id;                 /* snapshots and diffs only; 0 in files */
	int parent;                 /* index, -1 = top level; parents come before children */
	char kind[PLAN_KIND_MAX];
	char code[PLAN_CODE_MAX];
	bool code_auto;
	char *title, *description, *office;
	struct plan_doc_target *targets;
	size_t ntargets;
	char where[48];             /* where it came from, for messages */
};

struct plan_doc {
	char government[7];
	char instrument[PLAN_KIND_MAX];
	char *kind_name;
	char horizon[8];
	char *title;
	int64_t start_year, end_year;
	char *vision, *mission, *participants;
	char levels[PLAN_LEVELS_TEXT_MAX];
	char status[12];            /* draft, approved, superseded */
	int64_t version;
	char act_kind[12];          /* "" or ordinance, agreement */
	char *act_number;
	char act_date[11];
	struct plan_doc_element *els;   /* in tree order (depth first) */
	size_t nels, cap;
};

void plan_doc_init(struct plan_doc *d);
void plan_doc_release(struct plan_doc *d);
/* Appends an element (strings copied); returns its index. */
int plan_doc_add(struct plan_doc *d, int parent, const char *kind, const char *code, bool code_auto, const char *title,
		 const char *description, const char *office);
void plan_doc_add_target(struct plan_doc_element *el, const struct plan_doc_target *t);
/* Sets a string field (copied; NULL = ""). */
void plan_doc_set(char **field, const char *s);

/* ---- JSON ---- */
/* The document as JSON; with_ids adds element ids (snapshots). New reference. */
json_t *plan_doc_to_json(const struct plan_doc *d, bool with_ids);
/* Reads a document; strict: unknown fields, wrong types, bad codes, kinds or
 * years are errors naming where they are. */
int plan_doc_from_json(const json_t *j, struct plan_doc *d, struct err *e);
int plan_doc_parse_json(const char *text, size_t len, struct plan_doc *d, struct err *e);
/* Pretty JSON text for files (keys in a fixed order), ending in a newline. */
int plan_doc_write_json(const struct plan_doc *d, struct buf *out);

/* ---- CSV ---- */
enum plan_csv_role { CSV_UNKNOWN = 0, CSV_IGNORE, CSV_TITLE, CSV_CODE, CSV_DESCRIPTION, CSV_OFFICE };

struct plan_csv_col {
	char header[120];
	enum plan_csv_role role;
	char kind[PLAN_KIND_MAX];   /* CSV_TITLE, CSV_CODE */
};

struct plan_csv_map {
	int ncols;
	struct plan_csv_col col[PLAN_CSV_MAX_COLS];
};

/* Reads the header line and guesses each column's role from its name
 * ("Eje estratégico", "Código", "Producto / Indicador", "Responsable"...);
 * what it cannot recognize stays CSV_UNKNOWN. */
int plan_csv_guess(const char *text, size_t len, struct plan_csv_map *map, struct err *e);
/* Applies a mapping text over a guess: "COL=ROLE,..." where COL is the column
 * number (1..) or its header, and ROLE is KIND (title of that kind),
 * title:KIND, code:KIND, description, office or ignore. */
int plan_csv_map_apply(struct plan_csv_map *map, const char *spec, struct err *e);
/* The role of a column as text ("title:axis", "ignore", "" when unknown). */
void plan_csv_role_text(const struct plan_csv_col *c, char *out, size_t n);
int plan_csv_role_parse(const char *text, struct plan_csv_col *c);
/* Builds the elements and levels of d from the CSV with the mapping; d's
 * instrument (for default code prefixes) must be set. Refuses unknown (unmapped)
 * columns and bad rows with line and column; fills nothing on error. */
int plan_doc_from_csv(const char *text, size_t len, const struct plan_csv_map *map, struct plan_doc *d,
		      struct err *e);
/* The spreadsheet shape: for each level "Código <kind>" and "<kind>" columns,
 * then description and office; one row per element (its ancestors repeated).
 * Headers in lang. UTF-8 with BOM. */
int plan_doc_write_csv(const struct plan_doc *d, const struct i18n_lang *lang, struct buf *out);

/* ---- comparing two versions ---- */
/* The changes from `a` to `b` as a JSON object { "plan": [ {field, before,
 * after} ], "elements": [ {change: added|removed|changed, code, title, fields:
 * [{field, before, after}]} ] }. Elements are matched by id when both carry
 * ids, else by code. New reference. */
json_t *plan_doc_diff(const struct plan_doc *a, const struct plan_doc *b);

#endif
