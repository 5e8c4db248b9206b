/* project_list.c — lists of the bank: filters, accent-insensitive search,
 * sorting, paging, and counts by place for the map.
 *
 * The search is in one place (search_clause): the store's full-text facility
 * (store/search.h) over project_text, declared by migration 0005. The WHERE
 * clause is assembled from literal fragments; every value is bound. */
#include "core/compat.h"
#include "domain/project.h"
#include "domain/project_int.h"
#include "domain/invest.h"
#include "domain/plan.h"
#include "core/buf.h"
#include "store/search.h"
#include "core/xalloc.h"

const char *const project_sort_names[] = { "recent", "title", "cost_desc", "cost_asc", "status", "code", NULL };

void project_query_init(struct project_query *q)
{
	memset(q, 0, sizeof *q);
	q->cost_min = q->cost_max = -1;
	q->limit = 50;
}

#define MAX_BINDS 24

struct where {
	char sql[2048];
	struct {
		bool is_int;
		int64_t i;
		char *s;
	} binds[MAX_BINDS];
	int n;
	bool overflow;
};

static void add(struct where *w, const char *fragment)
{
	size_t len = strlen(w->sql);
	if (len + strlen(fragment) + 1 > sizeof w->sql) {
		w->overflow = true;
		return;
	}
	memcpy(w->sql + len, fragment, strlen(fragment) + 1);
}

static void bind_text(struct where *w, const char *s)
{
	if (w->n == MAX_BINDS) {
		w->overflow = true;
		return;
	}
	w->binds[w->n].is_int = false;
	w->binds[w->n].s = xstrdup(s);
	w->n++;
}

static void bind_int(struct where *w, int64_t v)
{
	if (w->n == MAX_BINDS) {
		w->overflow = true;
		return;
	}
	w->binds[w->n].is_int = true;
	w->binds[w->n].i = v;
	w->binds[w->n].s = NULL;
	w->n++;
}

static void where_release(struct where *w)
{
	for (int i = 0; i < w->n; i++)
		free(w->binds[i].s);
	w->n = 0;
}

static void apply(const struct where *w, struct db_stmt *st, int first)
{
	for (int i = 0; i < w->n; i++) {
		if (w->binds[i].is_int)
			db_bind_int64(st, first + i, w->binds[i].i);
		else
			db_bind_text(st, first + i, w->binds[i].s);
	}
}

/* The one place that knows how the bank is searched: the store's full-text
 * index over project_text (heading and description, migration 0005), the same
 * rows on SQLite and PostgreSQL. Its ? comes where the fragment sits. */
static int search_clause(struct db_conn *c, struct where *w, const char *q, struct err *e)
{
	struct db_search s;
	int rc = db_search_init_key(db_of(c), "project_text", "project_id", "x", q, &s, e);
	if (rc)
		return rc;
	if (s.nwords) {
		add(w, " AND p.id IN (SELECT x.project_id FROM project_text x");
		add(w, s.join);
		add(w, ")");
		bind_text(w, s.arg);
	}
	db_search_release(&s);
	return 0;
}

static int build_where(struct db_conn *c, const struct project_query *q, struct where *w, struct err *e)
{
	memset(w, 0, sizeof *w);
	add(w, " WHERE 1 = 1");
	if (q->plan_element > 0) {
		add(w, " AND p.id IN (SELECT pe.project_id FROM project_plan_element pe WHERE pe.element_id IN ("
		       PLAN_ELEMENTS_SERVING_SQL "))");
		bind_int(w, q->plan_element);
	}
	if (q->q && *q->q) {
		int rc = search_clause(c, w, q->q, e);
		if (rc)
			return rc;
	}
	if (q->status && *q->status) {
		add(w, " AND p.status = ?");
		bind_text(w, q->status);
	}
	if (q->sector && *q->sector) {
		add(w, " AND p.sector = ?");
		bind_text(w, q->sector);
	}
	if (q->government && *q->government) {
		add(w, " AND p.government_code = ?");
		bind_text(w, q->government);
	}
	if (q->district && *q->district) {
		add(w, " AND p.id IN (SELECT l.project_id FROM project_location l WHERE l.territory_code = ?)");
		bind_text(w, q->district);
	}
	if (q->province && *q->province) {
		add(w, " AND p.id IN (SELECT l.project_id FROM project_location l WHERE l.province_code = ?)");
		bind_text(w, q->province);
	}
	if (q->region && *q->region) {
		add(w, " AND p.id IN (SELECT l.project_id FROM project_location l WHERE l.region_code = ?)");
		bind_text(w, q->region);
	}
	if (q->source_kind && *q->source_kind) {
		add(w, " AND p.id IN (" INVEST_PROJECTS_FUNDED_BY_KIND_SQL ")");
		bind_text(w, q->source_kind);
		bind_text(w, q->source_kind);
	}
	if (q->cost_min >= 0) {
		add(w, " AND p.cost >= ?");
		bind_int(w, q->cost_min);
	}
	if (q->cost_max >= 0) {
		add(w, " AND p.cost <= ?");
		bind_int(w, q->cost_max);
	}
	if (w->overflow)
		return err_set(e, ERR_INTERNAL, "project query too long");
	return 0;
}

static const char *order_by(enum project_sort s)
{
	switch (s) {
	case PSORT_TITLE: return " ORDER BY p.title, p.id";
	case PSORT_COST_DESC: return " ORDER BY p.cost DESC, p.id DESC";
	case PSORT_COST_ASC: return " ORDER BY p.cost, p.id";
	case PSORT_CODE: return " ORDER BY p.code";
	case PSORT_STATUS:
		return " ORDER BY CASE p.status WHEN 'received' THEN 1 WHEN 'under_evaluation' THEN 2"
		       " WHEN 'viable' THEN 3 WHEN 'not_viable' THEN 4 WHEN 'prioritized' THEN 5"
		       " WHEN 'programmed' THEN 6 WHEN 'in_execution' THEN 7 WHEN 'completed' THEN 8"
		       " WHEN 'closed' THEN 9 ELSE 10 END, p.id";
	case PSORT_RECENT:
	default: return " ORDER BY p.registered_on DESC, p.id DESC";
	}
}

int project_list(struct db_conn *c, const struct project_query *q, bool full, json_t **items, int64_t *total,
		 struct err *e)
{
	*items = NULL;
	*total = 0;
	struct where w;
	int rc = build_where(c, q, &w, e);
	if (rc) {
		where_release(&w);
		return rc;
	}
	struct buf sql;
	buf_init(&sql, 8192);
	buf_appendf(&sql, "SELECT COUNT(*) FROM project p%s", w.sql);
	struct db_stmt *st = db_prepare(c, buf_cstr(&sql), e);
	if (!st) {
		rc = e->code;
		goto out;
	}
	apply(&w, st, 1);
	rc = db_step(st, e);
	if (rc == DB_ROW)
		*total = db_col_int64(st, 0);
	db_finish(st);
	if (rc < 0)
		goto out;
	/* the page's ids over the narrow rows, then each project of the page */
	buf_reset(&sql);
	buf_appendf(&sql, "SELECT p.id FROM project p%s%s LIMIT ? OFFSET ?", w.sql, order_by(q->sort));
	st = db_prepare(c, buf_cstr(&sql), e);
	if (!st) {
		rc = e->code;
		goto out;
	}
	apply(&w, st, 1);
	db_bind_int64(st, w.n + 1, q->limit > 0 ? q->limit : 50);
	db_bind_int64(st, w.n + 2, q->offset > 0 ? q->offset : 0);
	size_t n = 0, cap = 64;
	int64_t *ids = xmalloc(cap * sizeof *ids);
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (n == cap)
			ids = xrealloc(ids, (cap *= 2) * sizeof *ids);
		ids[n++] = db_col_int64(st, 0);
	}
	db_finish(st);
	json_t *arr = json_array();
	buf_reset(&sql);
	buf_appendf(&sql, "SELECT %s WHERE p.id = ?", project_columns_sql());
	for (size_t i = 0; i < n && rc >= 0; i++) {
		st = db_prepare(c, buf_cstr(&sql), e);
		if (!st) {
			rc = e->code;
			break;
		}
		db_bind_int64(st, 1, ids[i]);
		if ((rc = db_step(st, e)) == DB_ROW)
			json_array_append_new(arr, project_row_json(st, full ? 0 : 300));
		db_finish(st);
	}
	free(ids);
	if (rc < 0) {
		json_decref(arr);
		goto out;
	}
	*items = arr;
	rc = 0;
out:
	buf_release(&sql);
	where_release(&w);
	return rc;
}

int project_count_by_territory(struct db_conn *c, const struct project_query *q, const char *within, json_t **out,
			       struct err *e)
{
	*out = NULL;
	size_t wl = within ? strlen(within) : 0;
	if (wl != 2 && wl != 4)
		return err_set(e, ERR_INVALID, "A map covers a region or a province (2 or 4 digits)");
	struct where w;
	int rc = build_where(c, q, &w, e);
	if (rc) {
		where_release(&w);
		return rc;
	}
	struct buf sql;
	buf_init(&sql, 8192);
	buf_appendf(&sql,
		    "SELECT l.territory_code, COUNT(DISTINCT l.project_id) FROM project_location l"
		    " JOIN project p ON p.id = l.project_id%s AND %s GROUP BY l.territory_code",
		    w.sql, wl == 2 ? "l.region_code = ?" : "l.province_code = ?");
	struct db_stmt *st = db_prepare(c, buf_cstr(&sql), e);
	if (!st) {
		rc = e->code;
		goto out;
	}
	apply(&w, st, 1);
	db_bind_text(st, w.n + 1, within);
	json_t *o = json_object();
	while ((rc = db_step(st, e)) == DB_ROW)
		json_object_set_new(o, db_col_text(st, 0), json_integer(db_col_int64(st, 1)));
	db_finish(st);
	if (rc < 0) {
		json_decref(o);
		goto out;
	}
	*out = o;
	rc = 0;
out:
	buf_release(&sql);
	where_release(&w);
	return rc;
}
