/* pb_pabulib.c — a whole process as a Pabulib `.pb` instance and back: the
 * import creates a process with its proposals and ballots from a file read by
 * rules/pabulib.h; the export builds the instance the results run on
 * (rules/pb_results.h) and writes it with the same reader/writer module. */
#include "core/compat.h"
#include "domain/pb_int.h"
#include "core/json.h"
#include "core/str.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "rules/project_rules.h"

/* Pabulib categories (the Polish cities' English names) → project sectors. */
static const char *sector_of(const char *category)
{
	static const struct { const char *cat, *sector; } map[] = {
		{ "education", "education" }, { "health", "health" }, { "culture", "culture_sport" },
		{ "sport", "culture_sport" }, { "environmental protection", "environment" }, { "urban greenery", "environment" },
		{ "public transit and roads", "transport" }, { "welfare", "social_protection" },
		{ "public space", "housing" },
	};
	if (project_sector_valid(category))
		return category;   /* minka's own export */
	for (size_t i = 0; category && i < ARRAY_LEN(map); i++)
		if (strncasecmp(category, map[i].cat, strlen(map[i].cat)) == 0)
			return map[i].sector;
	return "other";
}

/* v × 10^-scale as cents, exactly; ERR_INVALID beyond two decimals or int64. */
static int to_cents(const mpz_t v, unsigned scale, int64_t *out, struct err *e)
{
	if (scale > 2)
		return err_set(e, ERR_INVALID, "The file counts amounts with %u decimals; a process keeps cents (two at most)", scale);
	mpz_t z;
	mpz_init(z);
	mpz_mul_ui(z, v, scale == 2 ? 1 : scale == 1 ? 10 : 100);
	int rc = 0;
	if (!mpz_fits_slong_p(z))
		rc = err_set(e, ERR_INVALID, "An amount of the file is too large");
	else
		*out = (int64_t)mpz_get_si(z);
	mpz_clear(z);
	return rc;
}

static int64_t meta_int(const struct pabulib_file *f, const char *key, int64_t def)
{
	const char *s = pabulib_meta(f, key);
	int64_t v;
	return s && str_to_int64(s, &v) == 0 && v >= 0 ? v : def;
}

/* The index in the instance of the project named by a vote element. */
static int64_t find(const struct pb_instance *in, const char *s, size_t n) { return pb_instance_find(in, s, n); }

int pb_import_pabulib(struct db_conn *c, const struct actor *who, int64_t now, const char *government, int64_t year,
		      const struct pabulib_file *f, int64_t *process, struct pb_import_stats *stats, struct err *e)
{
	memset(stats, 0, sizeof *stats);
	const struct pb_instance *in = f->inst;
	if (!in)
		return err_set(e, ERR_INVALID, "The file has no instance");
	const char *method;
	int64_t k = meta_int(f, "max_length", 0), points = 0;
	switch (in->vote_type) {
	case PB_VOTE_APPROVAL: method = pabulib_meta(f, "max_sum_cost") ? "knapsack" : "approval"; break;
	case PB_VOTE_CHOOSE1: method = "approval"; k = 1; break;
	case PB_VOTE_ORDINAL: method = "ranked"; break;
	case PB_VOTE_CUMULATIVE:
		method = "cumulative";
		points = meta_int(f, "max_sum_points", 0);
		if (points <= 0)
			for (uint32_t b = 0; b < in->nballots; b++) {
				int64_t s = 0;
				for (uint32_t i = 0; i < in->ballots[b].len; i++)
					s += in->points[in->ballots[b].off + i];
				if (s > points)
					points = s;
			}
		if (points > 1000)
			points = 1000;
		if (points < 1)
			points = 1;
		break;
	default:
		return err_set(e, ERR_INVALID, "%s ballots (a score per project) are not a voting method of a process",
			       pb_vote_type_name(in->vote_type));
	}
	int64_t ceiling;
	int rc = to_cents(in->budget, in->scale, &ceiling, e);
	if (rc)
		return rc;
	const char *rule = in->rule && str_starts(in->rule, "equalshares") ? "mes" : "greedy";
	const char *cur = pabulib_meta(f, "currency");
	char currency[4] = "PEN";
	if (cur && currency_valid(cur))
		snprintf(currency, sizeof currency, "%s", cur);
	/* a title from META: "Pabulib: Poland, Warszawa 2023 (Bemowo)" */
	char title[PB_TITLE_MAX + 1];
	const char *unit = pabulib_meta(f, "unit"), *inst = pabulib_meta(f, "instance"), *sub = pabulib_meta(f, "subunit"),
		   *country = pabulib_meta(f, "country"), *desc = pabulib_meta(f, "description");
	snprintf(title, sizeof title, "Pabulib: %.40s%s%.60s %.20s%s%.60s%s", country ? country : "", country ? ", " : "",
		 unit ? unit : "?", inst ? inst : "", sub ? " (" : "", sub ? sub : "", sub ? ")" : "");
	if (!utf8_valid(title, strlen(title)))
		snprintf(title, sizeof title, "Pabulib %lld", (long long)year);
	char *description = xasprintf("%s", desc ? desc : "");
	if (!utf8_valid(description, strlen(description)) || utf8_len(description) > PB_TEXT_MAX) {
		free(description);
		description = xstrdup("");
	}
	struct pb_process_input pin = { .title = title, .description = description, .year = year, .ceiling = ceiling,
					.method = method, .rule = rule, .max_choices = k, .points = points,
					.currency = currency };
	bool own;
	if ((rc = db_tx_enter(c, &own, e))) {
		free(description);
		return rc;
	}
	/* a calendar that has run its course: the vote happened */
	struct date today = pb_local_date(now);
	int64_t first = pb_local_midnight(date_from_days(date_to_days(today) - 120));
	rc = pb_process_create(c, who, now, government, &pin, first, process, e);
	free(description);
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "UPDATE pb_process SET origin = 'pabulib' WHERE id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, *process);
			rc = db_step_done(st, e);
		}
	}
	/* proposals, in the order of the file */
	int cat_col = pabulib_column(&f->projects, "category");
	int64_t *ids = xcalloc((size_t)in->nprojects + 1, sizeof *ids);
	char ts[DATETIME_FMT_MAX];
	pb_now_text(now, ts);
	for (uint32_t p = 0; p < in->nprojects && !rc; p++) {
		const struct pb_project *pr = &in->projects[p];
		int64_t cost;
		if ((rc = to_cents(pr->cost, in->scale, &cost, e)))
			break;
		char name[PB_TITLE_MAX * 4 + 64];
		if (pr->name && *pr->name && utf8_valid(pr->name, strlen(pr->name)))
			snprintf(name, sizeof name, "%.*s", (int)utf8_prefix_bytes(pr->name, 500), pr->name);
		else
			snprintf(name, sizeof name, "Project %s", pr->id);
		const char *cat = cat_col >= 0 ? f->projects.cells[(size_t)p * f->projects.ncols + (uint32_t)cat_col] : NULL;
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_proposal (process_id, number, pabulib_id, origin, title, description, sector, cost, cofinancing,"
			" review, observations, validated_cost, provincial_impact, filed_by, created_at)"
			" VALUES (?, ?, ?, 'pabulib', ?, '', ?, ?, 0, 'viable', '', ?, 0, ?, ?) RETURNING id", e);
		if (!st) {
			rc = e->code;
			break;
		}
		db_bind_int64(st, 1, *process);
		db_bind_int64(st, 2, (int64_t)p + 1);
		db_bind_text(st, 3, pr->id);
		db_bind_text(st, 4, name);
		db_bind_text(st, 5, sector_of(cat));
		db_bind_int64(st, 6, cost);
		db_bind_int64(st, 7, cost);
		db_bind_text(st, 8, pb_actor_name(who));
		db_bind_text(st, 9, ts);
		rc = db_step(st, e);
		if (rc == DB_ROW)
			ids[p] = db_col_int64(st, 0);
		db_finish(st);
		rc = rc < 0 ? rc : 0;
		stats->proposals++;
	}
	/* ballots: one per row of VOTES, with the file's voter id */
	int vcol = pabulib_column(&f->votes, "voter_id"), votecol = pabulib_column(&f->votes, "vote"),
	    pcol = pabulib_column(&f->votes, "points");
	bool cardinal = pb_vote_type_cardinal(in->vote_type);
	int64_t *pts = xcalloc((size_t)in->nprojects + 1, sizeof *pts);
	int64_t *pos = xcalloc((size_t)in->nprojects + 1, sizeof *pos);
	uint32_t *order = xcalloc((size_t)in->nprojects + 1, sizeof *order);
	for (uint32_t r = 0; r < f->votes.nrows && !rc; r++) {
		const char *const *row = f->votes.cells + (size_t)r * f->votes.ncols;
		const char *vote = votecol >= 0 ? row[votecol] : "", *ps = pcol >= 0 ? row[pcol] : "";
		uint32_t n = 0;
		for (const char *s = vote, *q = ps; *s;) {
			size_t len = strcspn(s, ",");
			int64_t idx = find(in, s, len);
			int64_t v = 0;
			if (cardinal && *q) {
				char num[32];
				size_t pl = strcspn(q, ",");
				snprintf(num, sizeof num, "%.*s", (int)(pl < 31 ? pl : 31), q);
				(void)str_to_int64(num, &v);
				q += pl + (q[pl] == ',');
			}
			if (idx >= 0) {
				if (!pos[idx]) {
					order[n++] = (uint32_t)idx;
					pos[idx] = n;
				}
				pts[idx] += v;
			}
			s += len + (s[len] == ',');
		}
		int64_t ballot = 0;
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_ballot (process_id, channel, voter_key, created_at, updated_at) VALUES (?, 'import', ?, ?, ?)"
			" RETURNING id", e);
		if (!st) {
			rc = e->code;
			break;
		}
		db_bind_int64(st, 1, *process);
		db_bind_text(st, 2, vcol >= 0 ? row[vcol] : "");
		db_bind_text(st, 3, ts);
		db_bind_text(st, 4, ts);
		rc = db_step(st, e);
		if (rc == DB_ROW)
			ballot = db_col_int64(st, 0);
		db_finish(st);
		rc = rc < 0 ? rc : 0;
		for (uint32_t i = 0; i < n && !rc; i++) {
			uint32_t idx = order[i];
			if (cardinal && pts[idx] <= 0)
				continue;
			st = db_prepare(c, "INSERT INTO pb_ballot_item (ballot_id, proposal_id, position, points) VALUES (?, ?, ?, ?)", e);
			if (!st) {
				rc = e->code;
				break;
			}
			db_bind_int64(st, 1, ballot);
			db_bind_int64(st, 2, ids[idx]);
			db_bind_int64(st, 3, (int64_t)i + 1);
			db_bind_int64(st, 4, cardinal ? pts[idx] : 0);
			rc = db_step_done(st, e);
		}
		for (uint32_t i = 0; i < n; i++) {
			pos[order[i]] = 0;
			pts[order[i]] = 0;
		}
		stats->ballots++;
	}
	stats->voters = stats->ballots;
	free(pts);
	free(pos);
	free(order);
	free(ids);
	if (!rc)
		rc = pb_audit(c, who, now, "pb.import", *process, NULL,
			      json_pack("{sssIsIss}", "format", "pabulib", "proposals", (json_int_t)stats->proposals, "ballots",
					(json_int_t)stats->ballots, "vote_type", pb_vote_type_name(in->vote_type)), e);
	return db_tx_leave(c, own, rc, e);
}

int pb_export_pabulib(struct db_conn *c, int64_t process, struct buf *out, struct err *e)
{
	struct pb_loaded L;
	int rc = pb_load(c, process, true, &L, e);
	if (rc)
		return rc;
	struct pb_instance *inst = NULL;
	rc = pb_results_instance(&L.in, &inst, e);
	bool *selected = NULL;
	if (!rc && L.proc.has_results) {
		selected = xcalloc((size_t)L.in.ncand + 1, sizeof *selected);
		struct db_stmt *st = db_prepare(c, "SELECT proposal_id FROM pb_result WHERE process_id = ? AND selected = 1", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			while ((rc = db_step(st, e)) == DB_ROW)
				for (uint32_t i = 0; i < L.in.ncand; i++)
					if (L.proposal_ids[i] == db_col_int64(st, 0))
						selected[i] = true;
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
	}
	if (!rc) {
		for (uint32_t i = 0; i < L.in.ncand; i++) {
			json_t *x = json_array_get(L.items, i);
			const char *t = json_get_str(x, "title", "");
			pb_instance_set_name(inst, i, t, strlen(t));
			const char *s = json_get_str(x, "sector", "other");
			pb_instance_add_category(inst, i, s, strlen(s));
		}
		pb_instance_set_rule(inst, pb_rule_pabulib(L.proc.rule));
		struct pabulib_file *f = pabulib_from_instance(inst, selected, L.proc.title);
		char num[32];
		pabulib_meta_set(f, "country", "Peru");
		pabulib_meta_set(f, "unit", L.proc.government_name);
		snprintf(num, sizeof num, "%lld", (long long)L.proc.year);
		pabulib_meta_set(f, "instance", num);
		pabulib_meta_set(f, "currency", L.proc.currency);
		pabulib_meta_set(f, "language", "es");
		pabulib_meta_set(f, "minka_method", pb_method_names[L.proc.method]);
		if (L.proc.method == PB_METHOD_KNAPSACK) {
			char *b = pb_amount_format(inst->budget, inst->scale);
			pabulib_meta_set(f, "max_sum_cost", b);
			free(b);
		}
		if ((L.proc.method == PB_METHOD_APPROVAL || L.proc.method == PB_METHOD_RANKED) && L.proc.max_choices > 0) {
			snprintf(num, sizeof num, "%lld", (long long)L.proc.max_choices);
			pabulib_meta_set(f, "max_length", num);
		}
		if (L.proc.method == PB_METHOD_CUMULATIVE) {
			snprintf(num, sizeof num, "%lld", (long long)L.proc.points);
			pabulib_meta_set(f, "max_sum_points", num);
		}
		for (size_t s = 0; s < L.proc.nsteps; s++)
			if (L.proc.steps[s].kind == PB_STEP_VOTING) {
				char d[DATE_FMT_MAX];
				pabulib_meta_set(f, "date_begin", date_format(pb_local_date(L.proc.steps[s].starts), d));
				pabulib_meta_set(f, "date_end", date_format(pb_local_last_day(L.proc.steps[s].ends), d));
			}
		rc = pabulib_write(f, out);
		if (rc)
			rc = err_set(e, rc, "The export is too large");
		pabulib_free(f);
	}
	free(selected);
	pb_instance_free(inst);
	pb_load_release(&L);
	return rc;
}
