/* project.h — the project bank ("banco de proyectos", the open portfolio of seed
 * 003): projects with their code and Invierte.pe CUI, location, proposing
 * organization, sector, costs in integer cents, beneficiaries, responsible office,
 * project committee and documents; the lifecycle with its history (who, when,
 * why); the public initiative form's entry point; search and lists; and the
 * import of the real Invierte.pe extract.
 *
 * Owns tables project, project_text, project_location, project_transition,
 * project_member, project_document, project_file and project_plan_element.
 *
 * Amounts are int64 cents; JSON names them *_cents. Reads return JSON objects,
 * the same the API answers and templates render (codes, not translated labels).
 *
 * Concerted planning: a project serves one or more plan elements (a PDC
 * objective, a PDI action; project_align.c, table project_plan_element of
 * migration 0005); lists filter by element (project_query.plan_element), and the
 * bank reports its projects to the articulation report as a source. */
#ifndef MINKA_PROJECT_H
#define MINKA_PROJECT_H

#include "core/compat.h"
#include "core/err.h"
#include "domain/audit.h"
#include "rules/project_rules.h"
#include "store/db.h"

#include <jansson.h>

#define PROJECT_TITLE_MAX 500           /* characters, as in Invierte.pe */
#define PROJECT_DESCRIPTION_MAX 8000
#define PROJECT_TEXT_MAX 200            /* proposer, office, executing unit */
#define PROJECT_REASON_MAX 1000
#define PROJECT_FILE_MAX ((size_t)5 << 20)   /* uploaded documents: 5 MiB each */
#define PROJECT_CODE_MAX 24

/* What the bank needs to know about a project to decide (rules, permissions). */
struct project_core {
	int64_t id;
	char code[PROJECT_CODE_MAX];
	char cui[16];
	char territory[7];       /* main location */
	char government[7];      /* owner; "" = a national or other entity */
	enum project_status status;
	char currency[4];
	int64_t cost;            /* cents: updated cost when known, else estimated */
	int64_t proposer_account_id;
};

/* A project's fields as entered (initiative form, edit form). Text NULL = "";
 * numbers < 0 = unknown (updated_cost, beneficiaries). */
struct project_input {
	const char *title;
	const char *description;
	const char *territory;        /* district (or province/region) UBIGEO */
	const char *government;       /* the government whose bank receives it */
	const char *proposer;         /* proposing organization */
	const char *sector;           /* project_sector_names */
	const char *currency;         /* NULL = PEN */
	const char *cui;              /* digits, optional */
	const char *responsible_office;
	const char *executing_unit;
	int64_t estimated_cost;
	int64_t updated_cost;
	int64_t beneficiaries, beneficiaries_women, beneficiaries_men;
};


/* The public initiative form: enters the bank as "received", origin
 * "initiative", proposed by `proposer_account` (0 = none). The location must be
 * inside the government's territory. */
int project_submit(struct db_conn *c, const struct actor *who, int64_t now, const struct project_input *in,
		   int64_t *id, struct err *e);
/* Staff entering a project of their own (origin "staff"), also "received". */
int project_create(struct db_conn *c, const struct actor *who, int64_t now, const struct project_input *in,
		   int64_t *id, struct err *e);
/* Edits the fields (not the status, not the CUI of an imported project). */
int project_update(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
		   const struct project_input *in, struct err *e);

int project_core_get(struct db_conn *c, int64_t id, struct project_core *out, struct err *e);
/* The project with a code ("BP-000123", "CUI-2466618") or a bare CUI
 * ("2466618"). ERR_NOTFOUND with a message naming it. */
int project_find_code(struct db_conn *c, const char *code, int64_t *id, struct err *e);
/* The whole record: fields, locations, committee, documents (without contents)
 * and lifecycle history (oldest first). */
int project_get_json(struct db_conn *c, int64_t id, json_t **out, struct err *e);

/* Moves a project by hand (project page). ERR_INVALID with a precise message for
 * a move the lifecycle does not allow or a missing reason. */
int project_transition(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
		       enum project_status to, const char *reason, struct err *e);
/* The same for the investment plan and finance modules. */
int project_transition_via(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
			   enum project_status to, enum transition_via via, const char *reason, struct err *e);
/* For the participatory budget (issue 8): marks viable projects "prioritized",
 * all or none, with one reason ("Selected in the participatory budget 2027").
 * Projects already prioritized are left as they are. */
int project_prioritize(struct db_conn *c, const struct actor *who, int64_t now, const int64_t *ids, size_t n,
		       const char *reason, struct err *e);

/* Physical progress in hundredths of a percent (0..10000). */
int project_set_progress(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, int64_t hundredths,
			 struct err *e);

/* Project committee. role: president, secretary, treasurer, member, technical. */
extern const char *const project_member_roles[];   /* NULL-terminated */
int project_member_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, const char *name,
		       const char *role, const char *organization, int64_t *member_id, struct err *e);
int project_member_remove(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, int64_t member_id,
			  struct err *e);

/* Documents: a reference (a resolution number, a link), or a file of at most
 * PROJECT_FILE_MAX bytes of a kind domain/stored_file.h accepts. */
int project_document_add_reference(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
				   const char *title, const char *reference, int64_t *doc_id, struct err *e);
int project_document_add_file(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
			      const char *title, const char *file_name, const void *data, size_t len,
			      int64_t *doc_id, struct err *e);
/* A file's contents: *data (caller frees), *len, and its metadata as JSON
 * ({file_name, content_type, size}). ERR_NOTFOUND for references and removed ones. */
int project_document_file(struct db_conn *c, int64_t id, int64_t doc_id, void **data, size_t *len, json_t **meta,
			  struct err *e);
int project_document_remove(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, int64_t doc_id,
			    struct err *e);

/* ---- lists and search (project_list.c) ---- */

enum project_sort {
	PSORT_RECENT,      /* registration date, newest first (default) */
	PSORT_TITLE,
	PSORT_COST_DESC,
	PSORT_COST_ASC,
	PSORT_STATUS,
	PSORT_CODE,
};
extern const char *const project_sort_names[];   /* "recent", "title", "cost_desc", ... NULL-terminated */

struct project_query {
	const char *q;            /* accent- and case-insensitive words, all must occur */
	const char *status;       /* a status name */
	const char *sector;
	const char *district;     /* 6 digits: projects with a location there */
	const char *province;     /* 4 digits */
	const char *region;       /* 2 digits */
	const char *government;   /* owner */
	const char *source_kind;  /* funding-source kind in its plan lines or entries */
	int64_t cost_min, cost_max;   /* cents; < 0 = no bound */
	int64_t plan_element;     /* > 0: projects serving this element, directly or through the
				   * elements that serve it (PLAN_ELEMENTS_SERVING_SQL) */
	enum project_sort sort;
	int64_t limit, offset;
};
/* A query with no filters, cost bounds off, limit 50. */
void project_query_init(struct project_query *q);

/* Fills *items (JSON array of projects without their description's full text
 * beyond 300 characters unless full) and *total (matches before paging). The
 * search goes through one function: FTS5 on SQLite, LIKE over the folded
 * column elsewhere. */
int project_list(struct db_conn *c, const struct project_query *q, bool full, json_t **items, int64_t *total,
		 struct err *e);
/* Projects per location inside `within` (a province or region code) for the
 * same filters: JSON object { "010101": 12, ... } (distinct projects). */
int project_count_by_territory(struct db_conn *c, const struct project_query *q, const char *within, json_t **out,
			       struct err *e);

/* ---- the plan elements a project serves (project_align.c) ---- */

/* Links a project to a plan element it serves, checked by project_serve_check
 * (rules/project_rules.h: the plan in force, not an indicator, an instrument
 * that programs projects, institutional plans only of the project's own
 * government, concerted plans of its government or of one that contains it and
 * holds one of its places) and audited ("project.serve"). ERR_NOTFOUND for an
 * unknown project or element, ERR_CONFLICT for a link that exists. */
int project_serve(struct db_conn *c, const struct actor *who, int64_t now, int64_t project_id, int64_t element_id,
		  struct err *e);
/* Removes the link (audited "project.unserve"); ERR_NOTFOUND if there is none. */
int project_unserve(struct db_conn *c, const struct actor *who, int64_t now, int64_t project_id, int64_t element_id,
		    struct err *e);
/* What a project serves: [{id, code, kind, title, plan: {id, label, title,
 * instrument, government, government_name, status}}], by element id. */
int project_served_elements(struct db_conn *c, int64_t project_id, json_t **items, struct err *e);
/* The element ids a project serves, ascending (caller frees *ids). */
int project_element_ids(struct db_conn *c, int64_t project_id, int64_t **ids, size_t *n, struct err *e);
/* The projects linked to an element itself: [{id, code, title, status,
 * government, cost_cents, currency}], by code. (The projects tracing to it
 * through the elements that serve it: project_list with plan_element.) */
int project_serving_element(struct db_conn *c, int64_t element_id, json_t **items, struct err *e);
/* The picker: elements a project may serve, matching q (code or words, accent-
 * insensitive: plan_element_search) — of the plans of its government and of
 * the governments containing it (of its place's when it has no government),
 * not superseded; each item says whether the project already serves it
 * ("served"). */
int project_serve_candidates(struct db_conn *c, int64_t project_id, const char *q, int64_t limit, json_t **items,
			     int64_t *total, struct err *e);

/* The project bank as an articulation source (domain/articulation.h): for a
 * report, the projects of the governments that belong to the year (a line in
 * the year's investment plan, or the open portfolio registered by its end),
 * with the elements they serve and no amount of their own (the budget lines
 * carry the money); for one element, the projects linked to it. */
struct artic_source;
extern const struct artic_source project_artic_source;

/* ---- import of the Invierte.pe extract (project_import.c) ---- */

struct project_import_stats {
	int64_t rows;          /* data rows read */
	int64_t created;       /* new projects */
	int64_t updated;       /* CUIs already in the bank: figures refreshed, status kept */
	int64_t merged;        /* rows of a CUI already seen in the file: one more location */
	int64_t locations;     /* locations written */
	int64_t rejected;      /* rows refused (listed in *rejected) */
};

struct project_import_opts {
	bool skip_rejected;    /* import the good rows even if some are refused */
	/* progress: bytes read and total, called every few hundred rows (may be NULL) */
	void (*progress)(size_t done, size_t total, void *arg);
	void *progress_arg;
};

/* Reads the CSV layout of ../shared/data/peru-inversion-publica: one row per
 * project and location; rows of one CUI become one project with several
 * locations; status and sector mapped (rules/project_rules.h); UBIGEO linked to
 * the territory (DDPP00 = province-wide, DD0000 = region-wide, 0000DD =
 * region-wide as the extract writes it for some national projects, checked
 * against the department's name). All or nothing: any refused row (listed in
 * *rejected as [{line, message}], at most 100 entries) means nothing is written
 * unless skip_rejected; any other error writes nothing. One audit entry. */
int project_import_csv(struct db_conn *c, const struct actor *who, int64_t now, const char *path,
		       const struct project_import_opts *opts, struct project_import_stats *stats, json_t **rejected,
		       struct err *e);
/* The same over memory (tests, fuzzing); `name` appears in messages. */
int project_import_mem(struct db_conn *c, const struct actor *who, int64_t now, const char *data, size_t len,
		       const char *name, const struct project_import_opts *opts, struct project_import_stats *stats,
		       json_t **rejected, struct err *e);

#endif
