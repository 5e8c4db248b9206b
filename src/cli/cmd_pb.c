/* cmd_pb.c — minka pb: participatory-budgeting allocation rules on Pabulib files.
 *   minka pb run FILE.pb --rule RULE [--completion C] [--tie T] [--json]
 *   minka pb check FILE.pb [--json]
 *   minka pb compare FILE.pb [--json]
 *   minka pb write FILE.pb OUT.pb [--rule RULE ...]  (the file with `selected` set)
 *   minka pb import FILE.pb --government CODE --year YYYY [--db PATH]
 *   minka pb export PROCESS-ID [--db PATH] [--out FILE.pb]
 * The rules themselves are in src/rules/pb_alloc.h; this file reads the file, picks
 * the rule and prints. import and export move a whole participatory-budget process
 * (domain/pb.h) in and out of the database. */
#include "core/compat.h"
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/date.h"
#include "core/json.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "domain/pb.h"
#include "rules/pabulib.h"
#include "rules/pb_alloc.h"
#include "store/db.h"

#include <sys/stat.h>

#define PB_MAX_FILE ((size_t)1 << 30)

static const char pb_usage[] =
	"usage: minka pb run FILE.pb [--rule RULE] [--completion C] [--tie T] [--exclusive A,B;C,D] [--json]\n"
	"       minka pb check FILE.pb [--json]\n"
	"       minka pb compare FILE.pb [--json]\n"
	"       minka pb write FILE.pb OUT.pb [--rule RULE ...]\n"
	"       minka pb import FILE.pb --government CODE --year YYYY [--db PATH|URL]\n"
	"       minka pb export PROCESS-ID [--db PATH|URL] [--out FILE.pb]\n"
	"Runs participatory-budgeting allocation rules on a Pabulib file (pabulib.org).\n"
	"  RULE: official (the rule the file's META names; the default), greedy,\n"
	"        greedy-cost, greedy-no-skip, greedy-threshold, greedy-exclusive, mes,\n"
	"        phragmen, optimal\n"
	"  C (mes only): none (default), add1, add1-pabulib, add1u\n"
	"  T: id (project ids as strings; the default), cost (lower cost, then more\n"
	"     supporters, then id), file (the order of the file)\n"
	"  --exclusive: groups of projects of which at most one may be funded\n"
	"  --json: one JSON object (selected ids in order, total cost, reasons)\n"
	"check validates the file and summarizes it; compare runs every rule side by\n"
	"side; write saves the file with its `selected` column set by the rule.\n"
	"import creates a participatory-budget process of the government for the year\n"
	"with the file's projects (as viable proposals) and ballots; export writes a\n"
	"process as a Pabulib file (to standard output unless --out).\n";

enum rule_id { R_OFFICIAL, R_GREEDY, R_GREEDY_COST, R_NO_SKIP, R_THRESHOLD, R_EXCLUSIVE, R_MES, R_PHRAGMEN, R_OPTIMAL };

static const char *const rule_names[] = { "official", "greedy", "greedy-cost", "greedy-no-skip",
					  "greedy-threshold", "greedy-exclusive", "mes", "phragmen", "optimal" };

struct rule_spec {
	enum rule_id rule;
	enum pb_completion completion;
	enum pb_tiebreak tie;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Reads and parses a Pabulib file; prints the error and returns NULL on failure. */
static struct pabulib_file *load(const char *path, double *parse_ms, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		cli_error("%s: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > PB_MAX_FILE) {
		cli_error("%s: %s", path, tr(e->lang, "not a regular file or too large"));
		fclose(f);
		return NULL;
	}
	size_t len = (size_t)st.st_size;
	char *data = xmalloc(len + 1);
	size_t got = fread(data, 1, len, f);
	fclose(f);
	if (got != len) {
		cli_error("%s: %s", path, tr(e->lang, "read error"));
		free(data);
		return NULL;
	}
	struct pabulib_file *pf = NULL;
	double t0 = now_ms();
	int rc = pabulib_parse(data, len, &pf, e);
	if (parse_ms)
		*parse_ms = now_ms() - t0;
	free(data);
	if (rc) {
		cli_error("%s: %s", path, e->msg);
		return NULL;
	}
	return pf;
}

static int run_rule(const struct pb_instance *in, const struct rule_spec *s, struct pb_outcome *o, struct err *e)
{
	switch (s->rule) {
	case R_OFFICIAL: return pb_official(in, o, e);
	case R_GREEDY: return pb_greedy(in, s->tie, o, e);
	case R_GREEDY_COST: return pb_greedy_cost(in, s->tie, o, e);
	case R_NO_SKIP: return pb_greedy_no_skip(in, s->tie, o, e);
	case R_THRESHOLD: return pb_greedy_threshold(in, s->tie, o, e);
	case R_EXCLUSIVE: return pb_greedy_exclusive(in, s->tie, o, e);
	case R_MES: return pb_mes(in, s->completion, s->tie, o, e);
	case R_PHRAGMEN: return pb_phragmen(in, s->tie, o, e);
	case R_OPTIMAL: return pb_optimal(in, s->tie, o, e);
	}
	return ERR_INTERNAL;
}

static const char *spec_name(const struct rule_spec *s, char *buf, size_t n)
{
	if (s->rule == R_MES && s->completion != PB_COMPLETION_NONE)
		snprintf(buf, n, "mes+%s", pb_completion_name(s->completion));
	else
		snprintf(buf, n, "%s", rule_names[s->rule]);
	return buf;
}

/* "773,153;1,2" → exclusive groups. */
static int add_groups(struct pb_instance *in, const char *spec)
{
	uint32_t ids[256];
	uint32_t n = 0;
	for (const char *s = spec;; s++) {
		const char *t = s;
		while (*s && *s != ',' && *s != ';')
			s++;
		if (s == t) {
			cli_error("--exclusive: empty project id");
			return EXIT_USAGE;
		}
		int64_t p = pb_instance_find(in, t, (size_t)(s - t));
		if (p < 0) {
			cli_error("--exclusive: unknown project \"%.*s\"", (int)(s - t), t);
			return EXIT_USAGE;
		}
		if (n == ARRAY_LEN(ids)) {
			cli_error("--exclusive: group too large");
			return EXIT_USAGE;
		}
		ids[n++] = (uint32_t)p;
		if (*s != ',') {
			if (n < 2) {
				cli_error("--exclusive: a group needs at least two projects");
				return EXIT_USAGE;
			}
			pb_instance_add_exclusive_group(in, ids, n);
			n = 0;
		}
		if (!*s)
			return 0;
	}
}

static int parse_spec(const char *rule, const char *completion, const char *tie, struct rule_spec *s)
{
	s->rule = R_OFFICIAL;
	s->completion = PB_COMPLETION_NONE;
	s->tie = PB_TIE_ID;
	if (rule) {
		size_t i;
		for (i = 0; i < ARRAY_LEN(rule_names); i++)
			if (str_eq(rule, rule_names[i]))
				break;
		if (i == ARRAY_LEN(rule_names)) {
			cli_error("unknown rule \"%s\"", rule);
			return EXIT_USAGE;
		}
		s->rule = (enum rule_id)i;
	}
	if (completion) {
		if (s->rule != R_MES) {
			cli_error("--completion applies to --rule mes only");
			return EXIT_USAGE;
		}
		if (pb_completion_parse(completion, &s->completion)) {
			cli_error("unknown completion \"%s\" (none, add1, add1-pabulib, add1u)", completion);
			return EXIT_USAGE;
		}
	}
	if (tie) {
		if (s->rule == R_OFFICIAL) {
			cli_error("--tie does not apply to the official rule (it follows the file)");
			return EXIT_USAGE;
		}
		if (pb_tiebreak_parse(tie, &s->tie)) {
			cli_error("unknown tie-break \"%s\" (id, cost, file)", tie);
			return EXIT_USAGE;
		}
	}
	return 0;
}

static char *amount(const struct pb_instance *in, const mpz_t v)
{
	return pb_amount_format(v, in->scale);
}

static json_t *outcome_json(const struct pb_instance *in, const struct rule_spec *s, const struct pb_outcome *o,
			    double ms, const struct i18n_lang *lang)
{
	char name[64];
	json_t *j = json_object();
	json_set_str(j, "rule", spec_name(s, name, sizeof name));
	if (s->rule == R_OFFICIAL) {
		json_set_str(j, "meta_rule", in->rule);
		json_set_str(j, "interpretation", tr(lang, pb_official_describe(in)));
	} else {
		json_set_str(j, "tie_break", pb_tiebreak_name(s->tie));
	}
	json_t *sel = json_array();
	for (uint32_t i = 0; i < o->nselected; i++)
		json_array_append_new(sel, json_string(in->projects[o->order[i]].id));
	json_object_set_new(j, "selected", sel);
	char *tc = amount(in, o->total_cost);
	json_set_str(j, "total_cost", tc);
	free(tc);
	char *b = amount(in, in->budget);
	json_set_str(j, "budget", b);
	free(b);
	json_set_bool(j, "exhaustive", o->exhaustive);
	json_set_bool(j, "tie_used", o->tie_used);
	if (s->rule == R_MES || (s->rule == R_OFFICIAL && o->mes_runs)) {
		json_set_int(j, "mes_selected", o->nmes);
		if (s->completion != PB_COMPLETION_NONE || o->add1_steps) {
			json_set_int(j, "add1_steps", (int64_t)o->add1_steps);
			json_set_int(j, "add1_last_step", (int64_t)o->add1_last);
		}
		char *endow = mpq_get_str(NULL, 10, o->endowment);
		json_set_str(j, "endowment_per_voter", endow);
		void (*gfree)(void *, size_t);
		mp_get_memory_functions(NULL, NULL, &gfree);
		gfree(endow, strlen(endow) + 1);
		json_set_int(j, "mes_runs", (int64_t)o->mes_runs);
	}
	json_set_real(j, "time_ms", ms);
	json_t *projects = json_array();
	for (uint32_t p = 0; p < in->nprojects; p++) {
		const struct pb_project *pr = &in->projects[p];
		json_t *x = json_object();
		json_set_str(x, "id", pr->id);
		char *c = amount(in, pr->cost);
		json_set_str(x, "cost", c);
		free(c);
		json_set_int(x, "support", pr->support);
		json_set_int(x, "supporters", (int64_t)pr->supporters);
		json_set_bool(x, "selected", pb_outcome_selected(o, p));
		json_set_str(x, "reason", pb_reason_name((enum pb_reason)o->reason[p]));
		json_set_str(x, "reason_text", tr(lang, pb_reason_text((enum pb_reason)o->reason[p])));
		json_set_bool(x, "tie", o->tie[p]);
		json_array_append_new(projects, x);
	}
	json_object_set_new(j, "projects", projects);
	return j;
}

static int print_json(json_t *j)
{
	struct buf b;
	buf_init(&b, 0);
	int rc = json_to_buf(&b, j);
	if (!rc)
		printf("%s\n", buf_cstr(&b));
	buf_release(&b);
	return rc ? 1 : 0;
}

static void print_outcome(const char *path, const struct pb_instance *in, const struct rule_spec *s,
			  const struct pb_outcome *o, double ms, const struct i18n_lang *lang)
{
	char name[64], line[512];
	printf("%s\n", path);
	if (s->rule == R_OFFICIAL)
		printf("%s\n", trf(lang, line, sizeof line, "rule: %s (META rule %s): %s", spec_name(s, name, sizeof name),
				   in->rule ? in->rule : "-", tr(lang, pb_official_describe(in))));
	else
		printf("%s\n", trf(lang, line, sizeof line, "rule: %s, ties by %s", spec_name(s, name, sizeof name),
				   pb_tiebreak_name(s->tie)));
	char *tc = amount(in, o->total_cost), *bud = amount(in, in->budget);
	printf("%s\n", trf(lang, line, sizeof line, "%u of %u projects funded; cost %s of a budget of %s; %.1f ms",
			   o->nselected, in->nprojects, tc, bud, ms));
	free(tc);
	free(bud);
	if (o->add1_steps || s->completion != PB_COMPLETION_NONE)
		printf("%s\n", trf(lang, line, sizeof line, "Add1: %llu increments of 1 per voter (%llu MES runs)",
				   (unsigned long long)o->add1_steps, (unsigned long long)o->mes_runs));
	printf("%4s  %-16s %16s %10s  %s\n", "#", tr(lang, "project"), tr(lang, "cost"), tr(lang, "support"),
	       tr(lang, "outcome"));
	/* funded in order, then the others by support */
	uint32_t *rest = xmalloc((in->nprojects + 1) * sizeof *rest);
	uint32_t nrest = 0;
	for (uint32_t p = 0; p < in->nprojects; p++)
		if (!pb_outcome_selected(o, p)) {
			uint32_t k = nrest++;
			while (k > 0 && in->projects[rest[k - 1]].support < in->projects[p].support) {
				rest[k] = rest[k - 1];
				k--;
			}
			rest[k] = p;
		}
	for (uint32_t i = 0; i < o->nselected + nrest; i++) {
		uint32_t p = i < o->nselected ? o->order[i] : rest[i - o->nselected];
		const struct pb_project *pr = &in->projects[p];
		char *c = amount(in, pr->cost);
		char rank[16] = "";
		if (i < o->nselected)
			snprintf(rank, sizeof rank, "%u", i + 1);
		printf("%4s  %-16s %16s %10" PRId64 "  %s%s\n", rank, pr->id, c, pr->support,
		       tr(lang, pb_reason_text((enum pb_reason)o->reason[p])), o->tie[p] ? tr(lang, " (tie-break)") : "");
		free(c);
	}
	free(rest);
}

static int cmd_run(int argc, char **argv, bool write_mode)
{
	const char *rule = NULL, *completion = NULL, *tie = NULL, *excl = NULL;
	bool json = false;
	const struct cli_flag flags[] = {
		{ "--rule", &rule, NULL }, { "--completion", &completion, NULL }, { "--tie", &tie, NULL },
		{ "--exclusive", &excl, NULL }, { "--json", NULL, &json },
	};
	const char *pos[2];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, write_mode ? 2 : 1, pb_usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	if (npos < (write_mode ? 2 : 1)) {
		fputs(pb_usage, stderr);
		return EXIT_USAGE;
	}
	struct rule_spec s;
	rc = parse_spec(rule, completion, tie, &s);
	if (rc)
		return rc;
	struct err e;
	err_init(&e, cli_lang());
	struct pabulib_file *f = load(pos[0], NULL, &e);
	if (!f)
		return 1;
	if (excl && (rc = add_groups(f->inst, excl)) != 0) {
		pabulib_free(f);
		return rc;
	}
	struct pb_outcome o;
	pb_outcome_init(&o);
	double t0 = now_ms();
	rc = run_rule(f->inst, &s, &o, &e);
	double ms = now_ms() - t0;
	if (rc) {
		cli_error("%s: %s", pos[0], e.msg);
		rc = 1;
	} else if (write_mode) {
		/* the same file, with `selected` following the outcome */
		int col = pabulib_column(&f->projects, "selected");
		if (col < 0) {
			cli_error("%s: %s", pos[0], tr(e.lang, "the file has no selected column to fill"));
			rc = 1;
		} else {
			for (uint32_t p = 0; p < f->inst->nprojects; p++)
				f->projects.cells[(size_t)p * f->projects.ncols + (uint32_t)col] =
					pb_outcome_selected(&o, p) ? "1" : "0";
			struct buf b;
			buf_init(&b, PB_MAX_FILE);
			FILE *out = NULL;
			if (pabulib_write(f, &b) || !(out = fopen(pos[1], "wb")) || fwrite(b.data, 1, b.len, out) != b.len) {
				cli_error("%s: %s", pos[1], strerror(errno));
				rc = 1;
			}
			if (out && fclose(out) != 0 && !rc) {
				cli_error("%s: %s", pos[1], strerror(errno));
				rc = 1;
			}
			buf_release(&b);
		}
	} else if (json) {
		json_t *j = outcome_json(f->inst, &s, &o, ms, e.lang);
		json_set_str(j, "file", pos[0]);
		rc = print_json(j);
		json_decref(j);
	} else {
		print_outcome(pos[0], f->inst, &s, &o, ms, e.lang);
	}
	pb_outcome_release(&o);
	pabulib_free(f);
	return rc;
}

static int cmd_check(int argc, char **argv)
{
	bool json = false;
	const struct cli_flag flags[] = { { "--json", NULL, &json } };
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 1, pb_usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	if (npos < 1) {
		fputs(pb_usage, stderr);
		return EXIT_USAGE;
	}
	struct err e;
	err_init(&e, cli_lang());
	double parse_ms = 0;
	struct pabulib_file *f = load(pos[0], &parse_ms, &e);
	if (!f)
		return 1;
	const struct pb_instance *in = f->inst;
	const struct i18n_lang *lang = e.lang;
	uint32_t nosupport = 0, overbudget = 0, free_projects = 0, nselected = 0;
	mpz_t sel_cost;
	mpz_init(sel_cost);
	for (uint32_t p = 0; p < in->nprojects; p++) {
		const struct pb_project *pr = &in->projects[p];
		nosupport += pr->supporters == 0;
		overbudget += mpz_cmp(pr->cost, in->budget) > 0;
		free_projects += mpz_sgn(pr->cost) == 0;
		if (pr->selected == 1) {
			nselected++;
			mpz_add(sel_cost, sel_cost, pr->cost);
		}
	}
	bool has_sel = pabulib_column(&f->projects, "selected") >= 0;
	char *budget = amount(in, in->budget), *selc = amount(in, sel_cost);
	const char *currency = pabulib_meta(f, "currency");
	json_t *warnings = json_array();
	char line[512];
	if (f->meta_num_votes >= 0 && (uint64_t)f->meta_num_votes != in->nvoters)
		json_array_append_new(warnings, json_string(trf(lang, line, sizeof line,
			"META num_votes is %lld but the file has %llu votes", (long long)f->meta_num_votes, (unsigned long long)in->nvoters)));
	if (f->meta_num_projects >= 0 && (uint64_t)f->meta_num_projects != in->nprojects)
		json_array_append_new(warnings, json_string(trf(lang, line, sizeof line,
			"META num_projects is %lld but the file has %u projects", (long long)f->meta_num_projects, in->nprojects)));
	if (f->dup_ballots)
		json_array_append_new(warnings, json_string(trf(lang, line, sizeof line,
			"%llu votes name a project twice (first on line %zu); it counts once", (unsigned long long)f->dup_ballots, f->first_dup_line)));
	if (nosupport)
		json_array_append_new(warnings, json_string(trf(lang, line, sizeof line, "%u projects have no supporter", nosupport)));
	if (overbudget)
		json_array_append_new(warnings, json_string(trf(lang, line, sizeof line, "%u projects cost more than the whole budget", overbudget)));
	if (free_projects)
		json_array_append_new(warnings, json_string(trf(lang, line, sizeof line, "%u projects cost nothing", free_projects)));
	if (has_sel && mpz_cmp(sel_cost, in->budget) > 0)
		json_array_append_new(warnings, json_string(trf(lang, line, sizeof line, "the selected projects cost %s, more than the budget", selc)));
	if (json) {
		json_t *j = json_object();
		json_set_str(j, "file", pos[0]);
		json_set_bool(j, "valid", true);
		json_set_str(j, "vote_type", pb_vote_type_name(in->vote_type));
		json_set_int(j, "voters", (int64_t)in->nvoters);
		json_set_int(j, "distinct_ballots", in->nballots);
		json_set_int(j, "projects", in->nprojects);
		json_set_str(j, "budget", budget);
		json_set_str(j, "currency", currency);
		json_set_str(j, "rule", in->rule);
		if (in->has_threshold)
			json_set_int(j, "min_project_score_threshold", in->threshold);
		if (has_sel) {
			json_set_int(j, "selected_projects", nselected);
			json_set_str(j, "selected_cost", selc);
		}
		json_set_real(j, "parse_ms", parse_ms);
		json_object_set(j, "warnings", warnings);
		rc = print_json(j);
		json_decref(j);
	} else {
		printf("%s: %s\n", pos[0], tr(lang, "valid Pabulib file"));
		const char *desc = pabulib_meta(f, "description");
		if (desc)
			printf("  %s\n", desc);
		printf("  %s\n", trf(lang, line, sizeof line, "%s ballots: %llu voters (%u distinct ballots), %u projects, budget %s %s",
				     pb_vote_type_name(in->vote_type), (unsigned long long)in->nvoters, in->nballots, in->nprojects, budget,
				     currency ? currency : ""));
		if (in->rule)
			printf("  %s\n", trf(lang, line, sizeof line, "rule: %s; minka reads it as: %s", in->rule,
					     tr(lang, pb_official_describe(in))));
		if (in->has_threshold)
			printf("  %s\n", trf(lang, line, sizeof line, "minimum support to be eligible: %lld", (long long)in->threshold));
		if (has_sel)
			printf("  %s\n", trf(lang, line, sizeof line, "selected column: %u projects costing %s", nselected, selc));
		for (size_t i = 0; i < json_array_size(warnings); i++)
			printf("  %s: %s\n", tr(lang, "warning"), json_string_value(json_array_get(warnings, i)));
		printf("  %s\n", trf(lang, line, sizeof line, "read in %.1f ms", parse_ms));
	}
	json_decref(warnings);
	free(budget);
	free(selc);
	mpz_clear(sel_cost);
	pabulib_free(f);
	return rc;
}

static int cmd_compare(int argc, char **argv)
{
	bool json = false;
	const char *excl = NULL;
	const struct cli_flag flags[] = { { "--json", NULL, &json }, { "--exclusive", &excl, NULL } };
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 1, pb_usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	if (npos < 1) {
		fputs(pb_usage, stderr);
		return EXIT_USAGE;
	}
	struct err e;
	err_init(&e, cli_lang());
	struct pabulib_file *f = load(pos[0], NULL, &e);
	if (!f)
		return 1;
	if (excl && (rc = add_groups(f->inst, excl)) != 0) {
		pabulib_free(f);
		return rc;
	}
	const struct pb_instance *in = f->inst;
	const struct rule_spec specs[] = {
		{ R_OFFICIAL, PB_COMPLETION_NONE, PB_TIE_FILE },
		{ R_GREEDY, PB_COMPLETION_NONE, PB_TIE_ID },
		{ R_GREEDY_COST, PB_COMPLETION_NONE, PB_TIE_ID },
		{ R_MES, PB_COMPLETION_NONE, PB_TIE_ID },
		{ R_MES, PB_COMPLETION_ADD1, PB_TIE_ID },
		{ R_MES, PB_COMPLETION_ADD1U, PB_TIE_ID },
		{ R_MES, PB_COMPLETION_ADD1_PABULIB, PB_TIE_COST },
		{ R_PHRAGMEN, PB_COMPLETION_NONE, PB_TIE_ID },
		{ R_OPTIMAL, PB_COMPLETION_NONE, PB_TIE_ID },
	};
	enum { NS = ARRAY_LEN(specs) };
	struct pb_outcome o[NS];
	bool ok[NS];
	double ms[NS];
	char err_msgs[NS][ERR_MSG_MAX];
	for (size_t i = 0; i < NS; i++) {
		pb_outcome_init(&o[i]);
		double t0 = now_ms();
		ok[i] = run_rule(in, &specs[i], &o[i], &e) == 0;
		ms[i] = now_ms() - t0;
		snprintf(err_msgs[i], sizeof err_msgs[i], "%s", ok[i] ? "" : e.msg);
	}
	char name[64], line[512];
	if (json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < NS; i++) {
			if (!ok[i]) {
				json_t *x = json_object();
				json_set_str(x, "rule", spec_name(&specs[i], name, sizeof name));
				json_set_str(x, "error", err_msgs[i]);
				json_array_append_new(arr, x);
				continue;
			}
			json_array_append_new(arr, outcome_json(in, &specs[i], &o[i], ms[i], e.lang));
		}
		json_t *j = json_object();
		json_set_str(j, "file", pos[0]);
		json_object_set_new(j, "results", arr);
		rc = print_json(j);
		json_decref(j);
	} else {
		printf("%s\n", pos[0]);
		for (size_t i = 0; i < NS; i++) {
			if (!ok[i]) {
				printf("  %-18s %s\n", spec_name(&specs[i], name, sizeof name), err_msgs[i]);
				continue;
			}
			char *tc = amount(in, o[i].total_cost);
			printf("  %-18s %s\n", spec_name(&specs[i], name, sizeof name),
			       trf(e.lang, line, sizeof line, "%u projects, cost %s, %.1f ms", o[i].nselected, tc, ms[i]));
			free(tc);
		}
		printf("\n  %-16s", tr(e.lang, "project"));
		for (size_t i = 0; i < NS; i++)
			printf(" %c", 'A' + (int)i);
		printf("   (");
		for (size_t i = 0; i < NS; i++)
			printf("%s%c=%s", i ? ", " : "", 'A' + (int)i, spec_name(&specs[i], name, sizeof name));
		printf(")\n");
		for (uint32_t p = 0; p < in->nprojects; p++) {
			printf("  %-16s", in->projects[p].id);
			for (size_t i = 0; i < NS; i++)
				printf(" %c", !ok[i] ? ' ' : pb_outcome_selected(&o[i], p) ? 'x' : '.');
			printf("\n");
		}
	}
	for (size_t i = 0; i < NS; i++)
		pb_outcome_release(&o[i]);
	pabulib_free(f);
	return rc;
}

/* ---- a whole process in and out of the database ---- */

static struct db *open_db(const char *url, struct err *e)
{
	struct db *db = NULL;
	int version;
	if (db_open(url, 1, &db, e) || db_migrate(db, &version, e)) {
		cli_error("%s", e->msg);
		db_close(db);
		return NULL;
	}
	return db;
}

static int cmd_pb_import(int argc, char **argv)
{
	const char *gov = NULL, *year_s = NULL, *dbv = NULL;
	const struct cli_flag flags[] = { { "--government", &gov, NULL }, { "--year", &year_s, NULL }, { "--db", &dbv, NULL } };
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 1, pb_usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	int64_t year = 0;
	if (npos < 1 || !gov || !year_s) {
		cli_error("pb import needs a file, --government CODE and --year YYYY");
		return EXIT_USAGE;
	}
	if (str_to_int64(year_s, &year) || year < 1990 || year > 2100) {
		cli_error("--year must be a year between 1990 and 2100 (not \"%s\")", year_s);
		return EXIT_USAGE;
	}
	struct err e;
	err_init(&e, cli_lang());
	struct pabulib_file *f = load(pos[0], NULL, &e);
	if (!f)
		return 1;
	struct db *db = open_db(cli_db_url(dbv), &e);
	if (!db) {
		pabulib_free(f);
		return 1;
	}
	struct db_conn *c = db_acquire(db, &e);
	struct actor who;
	actor_cli(&who);
	int64_t id = 0;
	struct pb_import_stats st;
	rc = c ? pb_import_pabulib(c, &who, clock_now(), gov, year, f, &id, &st, &e) : e.code;
	db_release(c);
	db_close(db);
	pabulib_free(f);
	if (rc) {
		cli_error("%s: %s", pos[0], e.msg);
		cli_error("%s", tr(e.lang, "nothing was imported"));
		return 1;
	}
	char line[300];
	printf("%s\n", trf(e.lang, line, sizeof line, "participatory budget %lld: %lld proposals, %lld ballots", (long long)id,
			   (long long)st.proposals, (long long)st.ballots));
	return 0;
}

static int cmd_pb_export(int argc, char **argv)
{
	const char *dbv = NULL, *outp = NULL;
	const struct cli_flag flags[] = { { "--db", &dbv, NULL }, { "--out", &outp, NULL } };
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, flags, ARRAY_LEN(flags), pos, &npos, 1, pb_usage);
	if (rc)
		return rc == 1 ? 0 : rc;
	int64_t id;
	if (npos < 1 || str_to_id(pos[0], &id)) {
		cli_error("pb export needs the number of a process");
		return EXIT_USAGE;
	}
	struct err e;
	err_init(&e, cli_lang());
	struct db *db = open_db(cli_db_url(dbv), &e);
	if (!db)
		return 1;
	struct db_conn *c = db_acquire(db, &e);
	struct buf b;
	buf_init(&b, PB_MAX_FILE);
	rc = c ? pb_export_pabulib(c, id, &b, &e) : e.code;
	db_release(c);
	db_close(db);
	if (rc) {
		cli_error("%s", e.msg);
		buf_release(&b);
		return 1;
	}
	FILE *out = outp ? fopen(outp, "wb") : stdout;
	if (!out || fwrite(b.data, 1, b.len, out) != b.len || (outp && fclose(out) != 0)) {
		cli_error("%s: %s", outp ? outp : "stdout", strerror(errno));
		buf_release(&b);
		return 1;
	}
	buf_release(&b);
	return 0;
}

int cmd_pb(int argc, char **argv)
{
	if (argc < 2 || str_eq(argv[1], "--help") || str_eq(argv[1], "-h")) {
		fputs(pb_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : 0;
	}
	if (str_eq(argv[1], "run"))
		return cmd_run(argc - 1, argv + 1, false);
	if (str_eq(argv[1], "write"))
		return cmd_run(argc - 1, argv + 1, true);
	if (str_eq(argv[1], "check"))
		return cmd_check(argc - 1, argv + 1);
	if (str_eq(argv[1], "compare"))
		return cmd_compare(argc - 1, argv + 1);
	if (str_eq(argv[1], "import"))
		return cmd_pb_import(argc - 1, argv + 1);
	if (str_eq(argv[1], "export"))
		return cmd_pb_export(argc - 1, argv + 1);
	cli_error("unknown pb command \"%s\"", argv[1]);
	fputs(pb_usage, stderr);
	return EXIT_USAGE;
}
