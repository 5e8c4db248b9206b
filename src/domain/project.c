/* project.c — projects of the bank: entry, edits, lifecycle, committee, documents. */
#include "core/compat.h"
#include "domain/project.h"
#include "domain/project_int.h"
#include "domain/stored_file.h"
#include "domain/territory.h"
#include "core/date.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/str.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <sodium.h>

const char *const project_member_roles[] = { "president", "secretary", "treasurer", "member", "technical", NULL };

/* ---- shared helpers (project_int.h) ---- */

void project_bind_text_or_null(struct db_stmt *st, int idx, const char *s)
{
	if (s && *s)
		db_bind_text(st, idx, s);
	else
		db_bind_null(st, idx);
}

void project_bind_count(struct db_stmt *st, int idx, int64_t v)
{
	if (v < 0)
		db_bind_null(st, idx);
	else
		db_bind_int64(st, idx, v);
}

char *project_heading(const char *code, const char *cui, const char *title)
{
	return xasprintf("%s %s %s", code ? code : "", cui ? cui : "", title ? title : "");
}

int project_set_text(struct db_conn *c, int64_t id, const char *description, const char *heading, bool insert,
		     struct err *e)
{
	struct db_stmt *st = db_prepare(c, insert
		? "INSERT INTO project_text (description, heading, project_id) VALUES (?, ?, ?)"
		: "UPDATE project_text SET description = ?, heading = ? WHERE project_id = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, description ? description : "");
	db_bind_text(st, 2, heading ? heading : "");
	db_bind_int64(st, 3, id);
	return db_step_done(st, e);
}

int project_add_location(struct db_conn *c, int64_t id, const char *territory, struct err *e)
{
	char province[5] = "", region[3];
	snprintf(region, sizeof region, "%.2s", territory);
	if (strlen(territory) >= 4)
		snprintf(province, sizeof province, "%.4s", territory);
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO project_location (project_id, territory_code, province_code, region_code)"
		" VALUES (?, ?, ?, ?) ON CONFLICT (project_id, territory_code) DO NOTHING", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	db_bind_text(st, 2, territory);
	project_bind_text_or_null(st, 3, province);
	db_bind_text(st, 4, region);
	return db_step_done(st, e);
}

int project_record_transition(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
			      enum project_status from, enum project_status to, const char *reason, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO project_transition (project_id, from_status, to_status, reason, account_id, actor, at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)", e);
	if (!st)
		return e->code;
	char at[DATETIME_FMT_MAX];
	db_bind_int64(st, 1, id);
	project_bind_text_or_null(st, 2, project_status_name(from));
	db_bind_text(st, 3, project_status_name(to));
	db_bind_text(st, 4, reason ? reason : "");
	if (who && who->account_id)
		db_bind_int64(st, 5, who->account_id);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, who && who->name[0] ? who->name : "system");
	db_bind_text(st, 7, datetime_format(now, at));
	return db_step_done(st, e);
}

/* ---- reading ---- */

#define PROJECT_COLUMNS \
	"p.id, p.code, p.cui, p.title, x.description, p.territory_code, t.name, t.level, p.government_code," \
	" g.name, p.proposer, p.sector, p.invierte_sector, p.currency, p.estimated_cost, p.updated_cost, p.cost," \
	" p.beneficiaries, p.beneficiaries_women, p.beneficiaries_men, p.responsible_office, p.executing_unit," \
	" p.status, p.physical_progress, p.origin, p.source_status, p.registered_on, p.viable_on, p.created_at," \
	" p.updated_at"
#define PROJECT_FROM \
	" FROM project p JOIN territory t ON t.code = p.territory_code" \
	" LEFT JOIN government g ON g.code = p.government_code LEFT JOIN project_text x ON x.project_id = p.id"

const char *project_columns_sql(void) { return PROJECT_COLUMNS PROJECT_FROM; }

static void set_count(json_t *o, const char *k, struct db_stmt *st, int col)
{
	json_object_set_new(o, k, db_col_null(st, col) ? json_null() : json_integer(db_col_int64(st, col)));
}

json_t *project_row_json(struct db_stmt *st, size_t description_chars)
{
	json_t *o = json_object();
	int i = 0;
	json_set_int(o, "id", db_col_int64(st, i++));
	json_set_str(o, "code", db_col_text(st, i++));
	json_set_str(o, "cui", db_col_text(st, i++));
	json_set_str(o, "title", db_col_text(st, i++));
	const char *d = db_col_text(st, i++);
	if (!d)
		d = "";
	if (description_chars) {
		size_t nb = utf8_prefix_bytes(d, description_chars);
		if (d[nb]) {
			char *cut = xasprintf("%.*s…", (int)nb, d);
			json_set_str(o, "description", cut);
			free(cut);
		} else {
			json_set_str(o, "description", d);
		}
	} else {
		json_set_str(o, "description", d);
	}
	json_t *terr = json_object();
	json_set_str(terr, "code", db_col_text(st, i++));
	json_set_str(terr, "name", db_col_text(st, i++));
	json_set_str(terr, "level", db_col_text(st, i++));
	json_object_set_new(o, "territory", terr);
	if (db_col_null(st, i)) {
		json_object_set_new(o, "government", json_null());
		i += 2;
	} else {
		json_t *g = json_object();
		json_set_str(g, "code", db_col_text(st, i++));
		json_set_str(g, "name", db_col_text(st, i++));
		json_object_set_new(o, "government", g);
	}
	json_set_str(o, "proposer", db_col_text(st, i++));
	json_set_str(o, "sector", db_col_text(st, i++));
	json_set_str(o, "invierte_sector", db_col_text(st, i++));
	json_set_str(o, "currency", db_col_text(st, i++));
	json_set_int(o, "estimated_cost_cents", db_col_int64(st, i++));
	set_count(o, "updated_cost_cents", st, i++);
	json_set_int(o, "cost_cents", db_col_int64(st, i++));
	json_t *b = json_object();
	set_count(b, "total", st, i++);
	set_count(b, "women", st, i++);
	set_count(b, "men", st, i++);
	json_object_set_new(o, "beneficiaries", b);
	json_set_str(o, "responsible_office", db_col_text(st, i++));
	json_set_str(o, "executing_unit", db_col_text(st, i++));
	json_set_str(o, "status", db_col_text(st, i++));
	json_set_int(o, "physical_progress_bp", db_col_int64(st, i++));
	json_set_str(o, "origin", db_col_text(st, i++));
	json_set_str(o, "source_status", db_col_text(st, i++));
	json_set_str(o, "registered_on", db_col_text(st, i++));
	json_set_str(o, "viable_on", db_col_text(st, i++));
	json_set_str(o, "created_at", db_col_text(st, i++));
	json_set_str(o, "updated_at", db_col_text(st, i++));
	return o;
}

static int not_found(struct err *e, int64_t id)
{
	return err_set(e, ERR_NOTFOUND, "No project with number %lld", (long long)id);
}

int project_core_get(struct db_conn *c, int64_t id, struct project_core *out, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"SELECT id, code, cui, territory_code, government_code, status, currency, cost, proposer_account_id"
		" FROM project WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		memset(out, 0, sizeof *out);
		out->id = db_col_int64(st, 0);
		snprintf(out->code, sizeof out->code, "%s", db_col_text(st, 1));
		snprintf(out->cui, sizeof out->cui, "%s", db_col_text(st, 2) ? db_col_text(st, 2) : "");
		snprintf(out->territory, sizeof out->territory, "%s", db_col_text(st, 3));
		snprintf(out->government, sizeof out->government, "%s", db_col_text(st, 4) ? db_col_text(st, 4) : "");
		out->status = project_status_parse(db_col_text(st, 5));
		snprintf(out->currency, sizeof out->currency, "%s", db_col_text(st, 6));
		out->cost = db_col_int64(st, 7);
		out->proposer_account_id = db_col_null(st, 8) ? 0 : db_col_int64(st, 8);
	}
	db_finish(st);
	if (rc == DB_DONE)
		return not_found(e, id);
	return rc < 0 ? rc : 0;
}

int project_find_code(struct db_conn *c, const char *code, int64_t *id, struct err *e)
{
	char clean[PROJECT_CODE_MAX];
	size_t j = 0;
	for (const char *p = code ? code : ""; *p && j + 1 < sizeof clean; p++)
		if (*p != ' ')
			clean[j++] = (char)toupper((unsigned char)*p);
	clean[j] = '\0';
	struct db_stmt *st = db_prepare(c, "SELECT id FROM project WHERE code = ? OR cui = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, clean);
	db_bind_text(st, 2, clean);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*id = db_col_int64(st, 0);
	db_finish(st);
	if (rc == DB_DONE)
		return err_set(e, ERR_NOTFOUND, "No project with code %.24s", code ? code : "");
	return rc < 0 ? rc : 0;
}

/* The record's own fields, for the audit log and the API. */
static int row_get(struct db_conn *c, int64_t id, size_t description_chars, json_t **out, struct err *e)
{
	*out = NULL;
	struct db_stmt *st = db_prepare(c, "SELECT " PROJECT_COLUMNS PROJECT_FROM " WHERE p.id = ?", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*out = project_row_json(st, description_chars);
	db_finish(st);
	if (rc == DB_DONE)
		return not_found(e, id);
	return rc < 0 ? rc : 0;
}

static int list_into(struct db_conn *c, const char *sql, int64_t id, json_t *arr,
		     json_t *(*row)(struct db_stmt *st), struct err *e)
{
	struct db_stmt *st = db_prepare(c, sql, e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(arr, row(st));
	db_finish(st);
	return rc < 0 ? rc : 0;
}

static json_t *location_row(struct db_stmt *st)
{
	json_t *o = json_object();
	json_set_str(o, "code", db_col_text(st, 0));
	json_set_str(o, "name", db_col_text(st, 1));
	json_set_str(o, "level", db_col_text(st, 2));
	return o;
}

static json_t *transition_row(struct db_stmt *st)
{
	json_t *o = json_object();
	json_set_str(o, "from", db_col_text(st, 0));
	json_set_str(o, "to", db_col_text(st, 1));
	json_set_str(o, "reason", db_col_text(st, 2));
	json_set_str(o, "actor", db_col_text(st, 3));
	json_set_str(o, "at", db_col_text(st, 4));
	return o;
}

static json_t *member_row(struct db_stmt *st)
{
	json_t *o = json_object();
	json_set_int(o, "id", db_col_int64(st, 0));
	json_set_str(o, "name", db_col_text(st, 1));
	json_set_str(o, "role", db_col_text(st, 2));
	json_set_str(o, "organization", db_col_text(st, 3));
	return o;
}

static json_t *document_row(struct db_stmt *st)
{
	json_t *o = json_object();
	json_set_int(o, "id", db_col_int64(st, 0));
	json_set_str(o, "kind", db_col_text(st, 1));
	json_set_str(o, "title", db_col_text(st, 2));
	json_set_str(o, "reference", db_col_text(st, 3));
	json_set_str(o, "file_name", db_col_text(st, 4));
	json_set_str(o, "content_type", db_col_text(st, 5));
	json_object_set_new(o, "size", db_col_null(st, 6) ? json_null() : json_integer(db_col_int64(st, 6)));
	json_set_str(o, "sha256", db_col_text(st, 7));
	json_set_str(o, "created_at", db_col_text(st, 8));
	json_set_str(o, "created_by", db_col_text(st, 9));
	return o;
}

int project_get_json(struct db_conn *c, int64_t id, json_t **out, struct err *e)
{
	json_t *o;
	int rc = row_get(c, id, 0, &o, e);
	if (rc)
		return rc;
	json_t *locs = json_array(), *hist = json_array(), *members = json_array(), *docs = json_array();
	json_object_set_new(o, "locations", locs);
	json_object_set_new(o, "history", hist);
	json_object_set_new(o, "committee", members);
	json_object_set_new(o, "documents", docs);
	rc = list_into(c,
		       "SELECT l.territory_code, t.name, t.level FROM project_location l"
		       " JOIN territory t ON t.code = l.territory_code WHERE l.project_id = ? ORDER BY l.territory_code",
		       id, locs, location_row, e);
	if (!rc)
		rc = list_into(c,
			       "SELECT from_status, to_status, reason, actor, at FROM project_transition"
			       " WHERE project_id = ? ORDER BY id",
			       id, hist, transition_row, e);
	if (!rc)
		rc = list_into(c, "SELECT id, name, role, organization FROM project_member WHERE project_id = ? ORDER BY id",
			       id, members, member_row, e);
	if (!rc)
		rc = list_into(c,
			       "SELECT id, kind, title, reference, file_name, content_type, size, sha256, created_at,"
			       " created_by FROM project_document WHERE project_id = ? AND removed_at IS NULL ORDER BY id",
			       id, docs, document_row, e);
	json_t *serves = NULL;
	if (!rc)
		rc = project_served_elements(c, id, &serves, e);
	if (!rc)
		json_object_set_new(o, "serves", serves);
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return 0;
}

/* ---- entering and editing ---- */

static bool text_ok(const char *s, size_t max_chars) { return !s || (utf8_valid(s, strlen(s)) && utf8_len(s) <= max_chars); }

static const char *or_empty(const char *s) { return s ? s : ""; }

/* Checks an input; fills *terr with the territory. */
static int validate(struct db_conn *c, const struct project_input *in, bool need_government, struct err *e)
{
	const char *title = or_empty(in->title);
	if (!*title)
		return err_set(e, ERR_INVALID, "Field \"%s\" is required", "title");
	if (!text_ok(title, PROJECT_TITLE_MAX))
		return err_set(e, ERR_INVALID, "Field \"%s\" is too long (%zu characters at most)", "title",
			       (size_t)PROJECT_TITLE_MAX);
	if (!text_ok(in->description, PROJECT_DESCRIPTION_MAX))
		return err_set(e, ERR_INVALID, "Field \"%s\" is too long (%zu characters at most)", "description",
			       (size_t)PROJECT_DESCRIPTION_MAX);
	if (!*or_empty(in->proposer))
		return err_set(e, ERR_INVALID, "Field \"%s\" is required", "proposer");
	const char *texts[][2] = { { "proposer", in->proposer }, { "responsible_office", in->responsible_office },
				   { "executing_unit", in->executing_unit } };
	for (size_t i = 0; i < ARRAY_LEN(texts); i++)
		if (!text_ok(texts[i][1], PROJECT_TEXT_MAX))
			return err_set(e, ERR_INVALID, "Field \"%s\" is too long (%zu characters at most)", texts[i][0],
				       (size_t)PROJECT_TEXT_MAX);
	if (!project_sector_valid(in->sector))
		return err_set(e, ERR_INVALID, "Field \"%s\" has a value that is not allowed", "sector");
	if (in->currency && *in->currency && !currency_valid(in->currency))
		return err_set(e, ERR_INVALID, "The currency must be a three-letter ISO code such as PEN or USD");
	if (in->cui && *in->cui && (!str_all_digits(in->cui) || strlen(in->cui) > 10))
		return err_set(e, ERR_INVALID, "The CUI must be a number of up to 10 digits");
	if (in->estimated_cost < 0)
		return err_set(e, ERR_INVALID, "Amounts cannot be negative");
	if (in->updated_cost < -1)
		return err_set(e, ERR_INVALID, "Amounts cannot be negative");
	if (in->beneficiaries < -1 || in->beneficiaries_women < -1 || in->beneficiaries_men < -1)
		return err_set(e, ERR_INVALID, "The number of beneficiaries cannot be negative");
	if (!project_beneficiaries_ok(in->beneficiaries, in->beneficiaries_women, in->beneficiaries_men))
		return err_set(e, ERR_INVALID, "Women and men beneficiaries add up to more than the total");
	const char *terr = or_empty(in->territory);
	struct territory t;
	struct err ignore;
	err_init(&ignore, NULL);
	if (!territory_level_of(terr) || territory_get(c, terr, &t, &ignore) != 0)
		return err_set(e, ERR_INVALID, "Unknown UBIGEO code \"%.12s\": give the 6-digit code of a district", terr);
	if (need_government || (in->government && *in->government)) {
		struct government g;
		const char *gov = or_empty(in->government);
		if (government_get(c, gov, &g, &ignore) != 0)
			return err_set(e, ERR_INVALID, "No government for territory %.12s", gov);
		if (strncmp(terr, gov, strlen(gov)) != 0)
			return err_set(e, ERR_INVALID, "The place %s (%s) is outside the territory of %s", t.name, terr,
				       g.name);
	}
	return 0;
}

static int insert_project(struct db_conn *c, const struct actor *who, int64_t now, const struct project_input *in,
			  const char *origin, int64_t *id, struct err *e)
{
	int rc = validate(c, in, true, e);
	if (rc)
		return rc;
	char today[DATE_FMT_MAX], at[DATETIME_FMT_MAX];
	date_format(date_from_epoch(now), today);
	datetime_format(now, at);
	int64_t cost = in->updated_cost >= 0 ? in->updated_cost : in->estimated_cost;
	/* the code needs the id: a unique placeholder first, then BP-<id> */
	char placeholder[64];
	unsigned char rnd[8];
	randombytes_buf(rnd, sizeof rnd);
	char hex[17];
	sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
	snprintf(placeholder, sizeof placeholder, "new-%s", hex);
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO project (code, cui, title, territory_code, government_code, proposer,"
		" proposer_account_id, sector, invierte_sector, currency, estimated_cost, updated_cost, cost,"
		" beneficiaries, beneficiaries_women, beneficiaries_men, responsible_office, executing_unit, status,"
		" physical_progress, origin, registered_on, created_at, updated_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', 0, ?, ?, ?, ?)"
		" RETURNING id", e);
	if (!st)
		return e->code;
	int i = 1;
	db_bind_text(st, i++, placeholder);
	project_bind_text_or_null(st, i++, in->cui);
	db_bind_text(st, i++, in->title);
	db_bind_text(st, i++, in->territory);
	project_bind_text_or_null(st, i++, in->government);
	db_bind_text(st, i++, in->proposer);
	if (who && who->account_id)
		db_bind_int64(st, i++, who->account_id);
	else
		db_bind_null(st, i++);
	db_bind_text(st, i++, in->sector);
	db_bind_text(st, i++, in->currency && *in->currency ? in->currency : "PEN");
	db_bind_int64(st, i++, in->estimated_cost);
	project_bind_count(st, i++, in->updated_cost);
	db_bind_int64(st, i++, cost);
	project_bind_count(st, i++, in->beneficiaries);
	project_bind_count(st, i++, in->beneficiaries_women);
	project_bind_count(st, i++, in->beneficiaries_men);
	db_bind_text(st, i++, or_empty(in->responsible_office));
	project_bind_text_or_null(st, i++, in->executing_unit);
	db_bind_text(st, i++, origin);
	db_bind_text(st, i++, today);
	db_bind_text(st, i++, at);
	db_bind_text(st, i++, at);
	rc = db_step(st, e);
	if (rc == DB_ROW)
		*id = db_col_int64(st, 0);
	db_finish(st);
	if (rc == ERR_CONFLICT)
		return err_set(e, ERR_CONFLICT, "The bank already has a project with CUI %s", or_empty(in->cui));
	if (rc < 0)
		return rc;
	char code[PROJECT_CODE_MAX];
	snprintf(code, sizeof code, "BP-%06lld", (long long)*id);
	st = db_prepare(c, "UPDATE project SET code = ? WHERE id = ?", e);
	if (!st)
		return e->code;
	db_bind_text(st, 1, code);
	db_bind_int64(st, 2, *id);
	rc = db_step_done(st, e);
	if (!rc) {
		char *fold = project_heading(code, in->cui, in->title);
		rc = project_set_text(c, *id, or_empty(in->description), fold, true, e);
		free(fold);
	}
	if (!rc)
		rc = project_add_location(c, *id, in->territory, e);
	if (!rc)
		rc = project_record_transition(c, who, now, *id, PS_NONE, PS_RECEIVED,
					       str_eq(origin, "initiative") ? N_("Initiative received through the open portfolio")
									    : N_("Entered by the municipal team"),
					       e);
	return rc;
}

static int create(struct db_conn *c, const struct actor *who, int64_t now, const struct project_input *in,
		  const char *origin, int64_t *id, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	rc = insert_project(c, who, now, in, origin, id, e);
	if (!rc) {
		json_t *after = NULL;
		rc = row_get(c, *id, 0, &after, e);
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)*id);
		if (!rc)
			rc = audit_record(c, who, now, str_eq(origin, "initiative") ? "project.submit" : "project.create",
					  "project", sid, NULL, after, e);
		json_decref(after);
	}
	return db_tx_leave(c, own, rc, e);
}

int project_submit(struct db_conn *c, const struct actor *who, int64_t now, const struct project_input *in,
		   int64_t *id, struct err *e)
{
	return create(c, who, now, in, "initiative", id, e);
}

int project_create(struct db_conn *c, const struct actor *who, int64_t now, const struct project_input *in,
		   int64_t *id, struct err *e)
{
	return create(c, who, now, in, "staff", id, e);
}

int project_update(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
		   const struct project_input *in, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct project_core core;
	json_t *before = NULL, *after = NULL;
	char *fold = NULL;
	rc = project_core_get(c, id, &core, e);
	if (!rc)
		rc = row_get(c, id, 0, &before, e);
	if (!rc)
		rc = validate(c, in, false, e);
	if (rc)
		goto out;
	const char *cui = in->cui && *in->cui ? in->cui : core.cui;
	if (core.cui[0] && !str_eq(cui, core.cui)) {
		rc = err_set(e, ERR_INVALID, "The CUI of a project cannot be changed once it has one");
		goto out;
	}
	fold = project_heading(core.code, cui, in->title);
	int64_t cost = in->updated_cost >= 0 ? in->updated_cost : in->estimated_cost;
	char at[DATETIME_FMT_MAX];
	struct db_stmt *st = db_prepare(c,
		"UPDATE project SET cui = ?, title = ?, territory_code = ?, proposer = ?, sector = ?,"
		" currency = ?, estimated_cost = ?, updated_cost = ?, cost = ?, beneficiaries = ?,"
		" beneficiaries_women = ?, beneficiaries_men = ?, responsible_office = ?, executing_unit = ?,"
		" updated_at = ? WHERE id = ?", e);
	if (!st) {
		rc = e->code;
		goto out;
	}
	int i = 1;
	project_bind_text_or_null(st, i++, cui);
	db_bind_text(st, i++, in->title);
	db_bind_text(st, i++, in->territory);
	db_bind_text(st, i++, in->proposer);
	db_bind_text(st, i++, in->sector);
	db_bind_text(st, i++, in->currency && *in->currency ? in->currency : core.currency);
	db_bind_int64(st, i++, in->estimated_cost);
	project_bind_count(st, i++, in->updated_cost);
	db_bind_int64(st, i++, cost);
	project_bind_count(st, i++, in->beneficiaries);
	project_bind_count(st, i++, in->beneficiaries_women);
	project_bind_count(st, i++, in->beneficiaries_men);
	db_bind_text(st, i++, or_empty(in->responsible_office));
	project_bind_text_or_null(st, i++, in->executing_unit);
	db_bind_text(st, i++, datetime_format(now, at));
	db_bind_int64(st, i++, id);
	rc = db_step_done(st, e);
	if (rc == ERR_CONFLICT)
		rc = err_set(e, ERR_CONFLICT, "The bank already has a project with CUI %s", cui);
	if (!rc)
		rc = project_set_text(c, id, or_empty(in->description), fold, false, e);
	if (!rc)
		rc = project_add_location(c, id, in->territory, e);
	if (!rc)
		rc = row_get(c, id, 0, &after, e);
	if (!rc) {
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)id);
		rc = audit_record(c, who, now, "project.update", "project", sid, before, after, e);
	}
out:
	free(fold);
	json_decref(before);
	json_decref(after);
	return db_tx_leave(c, own, rc, e);
}

/* ---- lifecycle ---- */

int project_transition_via(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
			   enum project_status to, enum transition_via via, const char *reason, struct err *e)
{
	if (reason && (!utf8_valid(reason, strlen(reason)) || utf8_len(reason) > PROJECT_REASON_MAX))
		return err_set(e, ERR_INVALID, "Field \"%s\" is too long (%zu characters at most)", "reason",
			       (size_t)PROJECT_REASON_MAX);
	if (to == PS_NONE)
		return err_set(e, ERR_INVALID, "Unknown project status");
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct project_core core;
	rc = project_core_get(c, id, &core, e);
	if (rc)
		return db_tx_leave(c, own, rc, e);
	switch (project_transition_check(core.status, to, via, reason)) {
	case TRANSITION_OK:
		break;
	case TRANSITION_NOT_ALLOWED:
		rc = err_set(e, ERR_CONFLICT, "A project cannot go from \"%s\" to \"%s\"",
			     tr(e->lang, project_status_label(core.status)), tr(e->lang, project_status_label(to)));
		break;
	case TRANSITION_ONLY_BY_PLAN:
		rc = err_set(e, ERR_CONFLICT,
			     "A project is programmed, or taken out of the programme, through the investment plan");
		break;
	case TRANSITION_NEEDS_REASON:
		rc = err_set(e, ERR_INVALID, "Give the reason for this decision (\"%s\")",
			     tr(e->lang, project_status_label(to)));
		break;
	}
	if (rc)
		return db_tx_leave(c, own, rc, e);
	char at[DATETIME_FMT_MAX], today[DATE_FMT_MAX];
	datetime_format(now, at);
	date_format(date_from_epoch(now), today);
	struct db_stmt *st = db_prepare(c,
		"UPDATE project SET status = ?, updated_at = ?,"
		" viable_on = CASE WHEN ? = 'viable' THEN ? ELSE viable_on END"
		" WHERE id = ? AND status = ?", e);
	if (!st)
		return db_tx_leave(c, own, e->code, e);
	db_bind_text(st, 1, project_status_name(to));
	db_bind_text(st, 2, at);
	db_bind_text(st, 3, project_status_name(to));
	db_bind_text(st, 4, today);
	db_bind_int64(st, 5, id);
	db_bind_text(st, 6, project_status_name(core.status));
	rc = db_step_done(st, e);
	if (!rc && db_changes(c) != 1)
		rc = err_set(e, ERR_RETRY, "The project changed meanwhile; try again");
	if (!rc)
		rc = project_record_transition(c, who, now, id, core.status, to, reason, e);
	if (!rc) {
		json_t *before = json_pack("{ss}", "status", project_status_name(core.status));
		json_t *after = json_pack("{ssss}", "status", project_status_name(to), "reason", reason ? reason : "");
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)id);
		rc = audit_record(c, who, now, "project.transition", "project", sid, before, after, e);
		json_decref(before);
		json_decref(after);
	}
	return db_tx_leave(c, own, rc, e);
}

int project_transition(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
		       enum project_status to, const char *reason, struct err *e)
{
	return project_transition_via(c, who, now, id, to, VIA_MANUAL, reason, e);
}

int project_prioritize(struct db_conn *c, const struct actor *who, int64_t now, const int64_t *ids, size_t n,
		       const char *reason, struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		struct project_core core;
		rc = project_core_get(c, ids[i], &core, e);
		if (rc || core.status == PS_PRIORITIZED)
			continue;
		rc = project_transition_via(c, who, now, ids[i], PS_PRIORITIZED, VIA_PLAN, reason, e);
		if (rc)
			err_prefix(e, "%s", core.code);
	}
	return db_tx_leave(c, own, rc, e);
}

int project_set_progress(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, int64_t hundredths,
			 struct err *e)
{
	if (hundredths < 0 || hundredths > 10000)
		return err_set(e, ERR_INVALID, "Physical progress is a percentage between 0 and 100");
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct project_core core;
	rc = project_core_get(c, id, &core, e);
	if (!rc && core.status != PS_IN_EXECUTION && core.status != PS_COMPLETED && core.status != PS_PROGRAMMED)
		rc = err_set(e, ERR_CONFLICT, "Physical progress is recorded for programmed projects and projects in execution");
	int64_t before_v = 0;
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "SELECT physical_progress FROM project WHERE id = ?", e);
		rc = st ? db_step(st, e) : e->code;
		if (rc == DB_ROW)
			before_v = db_col_int64(st, 0);
		db_finish(st);
		rc = rc < 0 ? rc : 0;
	}
	if (!rc) {
		char at[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c, "UPDATE project SET physical_progress = ?, updated_at = ? WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, hundredths);
			db_bind_text(st, 2, datetime_format(now, at));
			db_bind_int64(st, 3, id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		json_t *before = json_pack("{sI}", "physical_progress_bp", (json_int_t)before_v);
		json_t *after = json_pack("{sI}", "physical_progress_bp", (json_int_t)hundredths);
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)id);
		rc = audit_record(c, who, now, "project.progress", "project", sid, before, after, e);
		json_decref(before);
		json_decref(after);
	}
	return db_tx_leave(c, own, rc, e);
}

/* ---- committee ---- */

static bool role_ok(const char *role)
{
	for (const char *const *r = project_member_roles; *r; r++)
		if (str_eq(*r, role))
			return true;
	return false;
}

int project_member_add(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, const char *name,
		       const char *role, const char *organization, int64_t *member_id, struct err *e)
{
	if (!name || !*name)
		return err_set(e, ERR_INVALID, "Field \"%s\" is required", "name");
	if (!text_ok(name, 120) || !text_ok(organization, PROJECT_TEXT_MAX))
		return err_set(e, ERR_INVALID, "Field \"%s\" is too long (%zu characters at most)", "name", (size_t)120);
	if (!role_ok(role))
		return err_set(e, ERR_INVALID, "Field \"%s\" has a value that is not allowed", "role");
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct project_core core;
	rc = project_core_get(c, id, &core, e);
	if (!rc) {
		char at[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO project_member (project_id, name, role, organization, created_at)"
			" VALUES (?, ?, ?, ?, ?) RETURNING id", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, id);
			db_bind_text(st, 2, name);
			db_bind_text(st, 3, role);
			db_bind_text(st, 4, or_empty(organization));
			db_bind_text(st, 5, datetime_format(now, at));
			rc = db_step(st, e);
			if (rc == DB_ROW)
				*member_id = db_col_int64(st, 0);
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
	}
	if (!rc) {
		json_t *after = json_pack("{sIssssss}", "member", (json_int_t)*member_id, "name", name, "role", role,
					  "organization", or_empty(organization));
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)id);
		rc = audit_record(c, who, now, "project.member.add", "project", sid, NULL, after, e);
		json_decref(after);
	}
	return db_tx_leave(c, own, rc, e);
}

int project_member_remove(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, int64_t member_id,
			  struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct db_stmt *st = db_prepare(c, "SELECT name, role FROM project_member WHERE id = ? AND project_id = ?", e);
	json_t *before = NULL;
	if (!st)
		return db_tx_leave(c, own, e->code, e);
	db_bind_int64(st, 1, member_id);
	db_bind_int64(st, 2, id);
	rc = db_step(st, e);
	if (rc == DB_ROW)
		before = json_pack("{sIssss}", "member", (json_int_t)member_id, "name", db_col_text(st, 0), "role",
				   db_col_text(st, 1));
	db_finish(st);
	if (rc == DB_DONE)
		rc = err_set(e, ERR_NOTFOUND, "No committee member %lld in this project", (long long)member_id);
	rc = rc < 0 ? rc : 0;
	if (!rc) {
		st = db_prepare(c, "DELETE FROM project_member WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, member_id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		char sid[24];
		snprintf(sid, sizeof sid, "%lld", (long long)id);
		rc = audit_record(c, who, now, "project.member.remove", "project", sid, before, NULL, e);
	}
	json_decref(before);
	return db_tx_leave(c, own, rc, e);
}

/* ---- documents ---- */

static int doc_insert(struct db_conn *c, int64_t id, const char *kind, const char *title, const char *reference,
		      const char *file_name, const char *ctype, int64_t size, const char *sha, const struct actor *who,
		      int64_t now, int64_t *doc_id, struct err *e)
{
	char at[DATETIME_FMT_MAX];
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO project_document (project_id, kind, title, reference, file_name, content_type, size, sha256,"
		" created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, title);
	project_bind_text_or_null(st, 4, reference);
	project_bind_text_or_null(st, 5, file_name);
	project_bind_text_or_null(st, 6, ctype);
	project_bind_count(st, 7, size);
	project_bind_text_or_null(st, 8, sha);
	db_bind_text(st, 9, datetime_format(now, at));
	db_bind_text(st, 10, who && who->name[0] ? who->name : "system");
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*doc_id = db_col_int64(st, 0);
	db_finish(st);
	return rc < 0 ? rc : 0;
}

static int doc_audit(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, const char *action,
		     int64_t doc_id, const char *title, const char *what, struct err *e)
{
	json_t *o = json_pack("{sIssss}", "document", (json_int_t)doc_id, "title", title, "what", what ? what : "");
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	int rc = audit_record(c, who, now, action, "project", sid, str_eq(action, "project.document.remove") ? o : NULL,
			      str_eq(action, "project.document.remove") ? NULL : o, e);
	json_decref(o);
	return rc;
}

static int doc_title_ok(const char *title, struct err *e)
{
	if (!title || !*title)
		return err_set(e, ERR_INVALID, "Field \"%s\" is required", "title");
	if (!text_ok(title, PROJECT_TEXT_MAX))
		return err_set(e, ERR_INVALID, "Field \"%s\" is too long (%zu characters at most)", "title",
			       (size_t)PROJECT_TEXT_MAX);
	return 0;
}

int project_document_add_reference(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
				   const char *title, const char *reference, int64_t *doc_id, struct err *e)
{
	int rc = doc_title_ok(title, e);
	if (rc)
		return rc;
	if (!reference || !*reference)
		return err_set(e, ERR_INVALID, "Field \"%s\" is required", "reference");
	if (!text_ok(reference, 500))
		return err_set(e, ERR_INVALID, "Field \"%s\" is too long (%zu characters at most)", "reference", (size_t)500);
	bool own;
	rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct project_core core;
	rc = project_core_get(c, id, &core, e);
	if (!rc)
		rc = doc_insert(c, id, "reference", title, reference, NULL, NULL, -1, NULL, who, now, doc_id, e);
	if (!rc)
		rc = doc_audit(c, who, now, id, "project.document.add", *doc_id, title, reference, e);
	return db_tx_leave(c, own, rc, e);
}

int project_document_add_file(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
			      const char *title, const char *file_name, const void *data, size_t len,
			      int64_t *doc_id, struct err *e)
{
	int rc = doc_title_ok(title, e);
	if (rc)
		return rc;
	struct stored_file f;
	if ((rc = stored_file_prepare(&f, file_name, "documento", data, len, PROJECT_FILE_MAX, e)))
		return rc;
	bool own;
	rc = db_tx_enter(c, &own, e);
	if (rc)
		goto out;
	struct project_core core;
	rc = project_core_get(c, id, &core, e);
	if (!rc)
		rc = doc_insert(c, id, "file", title, NULL, f.name, f.content_type, (int64_t)f.size, f.sha256, who, now,
				doc_id, e);
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "INSERT INTO project_file (document_id, data_base64) VALUES (?, ?)", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, *doc_id);
			db_bind_text(st, 2, f.base64);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = doc_audit(c, who, now, id, "project.document.add", *doc_id, title, f.sha256, e);
	rc = db_tx_leave(c, own, rc, e);
out:
	stored_file_release(&f);
	return rc;
}

int project_document_file(struct db_conn *c, int64_t id, int64_t doc_id, void **data, size_t *len, json_t **meta,
			  struct err *e)
{
	*data = NULL;
	*len = 0;
	*meta = NULL;
	struct db_stmt *st = db_prepare(c,
		"SELECT d.file_name, d.content_type, d.size, f.data_base64 FROM project_document d"
		" JOIN project_file f ON f.document_id = d.id"
		" WHERE d.id = ? AND d.project_id = ? AND d.kind = 'file' AND d.removed_at IS NULL", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, doc_id);
	db_bind_int64(st, 2, id);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		rc = stored_file_decode(db_col_text(st, 3), data, len, e);
		if (!rc)
			*meta = json_pack("{sssssI}", "file_name", db_col_text(st, 0), "content_type", db_col_text(st, 1),
					  "size", (json_int_t)db_col_int64(st, 2));
	} else if (rc == DB_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "No document %lld in this project", (long long)doc_id);
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

int project_document_remove(struct db_conn *c, const struct actor *who, int64_t now, int64_t id, int64_t doc_id,
			    struct err *e)
{
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	char title[PROJECT_TEXT_MAX * 4 + 1] = "";
	struct db_stmt *st = db_prepare(c,
		"SELECT title FROM project_document WHERE id = ? AND project_id = ? AND removed_at IS NULL", e);
	if (!st)
		return db_tx_leave(c, own, e->code, e);
	db_bind_int64(st, 1, doc_id);
	db_bind_int64(st, 2, id);
	rc = db_step(st, e);
	if (rc == DB_ROW)
		snprintf(title, sizeof title, "%s", db_col_text(st, 0));
	db_finish(st);
	if (rc == DB_DONE)
		rc = err_set(e, ERR_NOTFOUND, "No document %lld in this project", (long long)doc_id);
	rc = rc < 0 ? rc : 0;
	if (!rc) {
		char at[DATETIME_FMT_MAX];
		/* the record stays (the history points at it); its contents go */
		st = db_prepare(c, "UPDATE project_document SET removed_at = ? WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_text(st, 1, datetime_format(now, at));
			db_bind_int64(st, 2, doc_id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc) {
		st = db_prepare(c, "DELETE FROM project_file WHERE document_id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, doc_id);
			rc = db_step_done(st, e);
		}
	}
	if (!rc)
		rc = doc_audit(c, who, now, id, "project.document.remove", doc_id, title, NULL, e);
	return db_tx_leave(c, own, rc, e);
}
