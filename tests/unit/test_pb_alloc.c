/* test_pb_alloc.c — the allocation rules: pabutools' recorded outcomes on real
 * Pabulib instances (shared/data/pabulib/NAME.expected.json, compared as sets, rule
 * by rule), hand-made instances for each rule's corner cases, and a naive exact
 * Method of Equal Shares (straight from the definition) checked against the fast one
 * on random instances. */
#include "core/compat.h"
#include "test.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "rules/pabulib.h"
#include "rules/pb_alloc.h"

#include <dirent.h>
#include <sys/stat.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct stat st;
	if (fstat(fileno(f), &st) != 0) {
		fclose(f);
		return NULL;
	}
	char *d = xmalloc((size_t)st.st_size + 1);
	size_t n = fread(d, 1, (size_t)st.st_size, f);
	fclose(f);
	d[n] = '\0';
	*len = n;
	return d;
}

static struct pabulib_file *load_pb(const char *path)
{
	size_t len;
	char *d = slurp(path, &len);
	if (!d)
		return NULL;
	struct pabulib_file *f = NULL;
	struct err e;
	err_init(&e, NULL);
	if (pabulib_parse(d, len, &f, &e))
		test_fail(__FILE__, __LINE__, "%s: %s", path, e.msg);
	free(d);
	return f;
}

/* Compares the outcome with a JSON array of ids, as sets. */
static bool same_set(const struct pb_instance *in, const struct pb_outcome *o, const json_t *ids, char *why,
		     size_t n)
{
	size_t k = json_array_size(ids);
	bool ok = k == o->nselected;
	size_t at = 0;
	at += (size_t)snprintf(why + at, n - at, "expected %zu, got %u;", k, o->nselected);
	for (size_t i = 0; i < k; i++) {
		const char *id = json_string_value(json_array_get(ids, i));
		int64_t p = id ? pb_instance_find(in, id, strlen(id)) : -1;
		if (p < 0 || !pb_outcome_selected(o, (uint32_t)p)) {
			ok = false;
			if (at < n)
				at += (size_t)snprintf(why + at, n - at, " missing %s", id ? id : "?");
		}
	}
	if (!ok && at < n) {
		at += (size_t)snprintf(why + at, n - at, "; got:");
		for (uint32_t i = 0; i < o->nselected && at < n; i++)
			at += (size_t)snprintf(why + at, n - at, " %s", in->projects[o->order[i]].id);
	}
	return ok;
}

struct expected_tally {
	int checked, matched;
};

static void check_expected(const char *dir, const char *name, struct expected_tally *t, bool with_add1_steps)
{
	char path[4096];
	snprintf(path, sizeof path, "%.2000s/%.1000s.expected.json", dir, name);
	size_t len;
	char *text = slurp(path, &len);
	REQUIRE(text);
	struct err e;
	err_init(&e, NULL);
	json_t *j = json_parse(text, len, len + 1, &e);
	free(text);
	REQUIRE(j);
	snprintf(path, sizeof path, "%.2000s/%.1000s.pb", dir, name);
	struct pabulib_file *f = load_pb(path);
	REQUIRE(f);
	const struct pb_instance *in = f->inst;
	CHECK_INT(in->nvoters, json_integer_value(json_object_get(j, "num_voters")));
	/* pabutools' distinct-ballot count depends on set iteration order; minka's is canonical */
	CHECK(in->nballots <= json_integer_value(json_object_get(j, "num_distinct_ballots")));
	json_t *results = json_object_get(j, "results");
	for (size_t i = 0; i < json_array_size(results); i++) {
		json_t *r = json_array_get(results, i);
		const char *rule = json_string_value(json_object_get(r, "rule"));
		json_t *sel = json_object_get(r, "selected");
		if (!rule || !json_is_array(sel) || str_starts(rule, "pabulib_file_selected_column"))
			continue;
		struct pb_outcome o;
		pb_outcome_init(&o);
		int rc = -1;
		enum pb_tiebreak alt = PB_TIE_COST;
		enum pb_completion comp = PB_COMPLETION_NONE;
		bool mes = false;
		if (str_starts(rule, "greedy_utilitarian_welfare")) {
			rc = pb_greedy(in, PB_TIE_ID, &o, &e);
		} else if (str_starts(rule, "method_of_equal_shares")) {
			mes = true;
		} else if (str_starts(rule, "mes_add1u")) {
			mes = true;
			comp = PB_COMPLETION_ADD1U;
		} else if (str_starts(rule, "mes_add1_pabulib")) {
			mes = true;
			comp = PB_COMPLETION_ADD1_PABULIB;
		} else if (str_starts(rule, "mes_add1")) {
			mes = true;
			comp = PB_COMPLETION_ADD1;
		} else if (str_starts(rule, "sequential_phragmen")) {
			rc = pb_phragmen(in, PB_TIE_ID, &o, &e);
		} else {
			test_fail(__FILE__, __LINE__, "%s: unknown rule %s", name, rule);
			pb_outcome_release(&o);
			continue;
		}
		enum pb_tiebreak tie = comp == PB_COMPLETION_ADD1_PABULIB ? PB_TIE_COST : PB_TIE_ID;
		if (mes)
			rc = pb_mes(in, comp, tie, &o, &e);
		t->checked++;
		char why[2048];
		if (rc) {
			test_fail(__FILE__, __LINE__, "%s: %.40s: %s", name, rule, e.msg);
		} else if (!same_set(in, &o, sel, why, sizeof why)) {
			test_fail(__FILE__, __LINE__, "%s: %.60s: %s", name, rule, why);
		} else {
			t->matched++;
		}
		json_t *steps = json_object_get(r, "add1_steps");
		if (with_add1_steps && !rc && json_is_integer(steps))
			CHECK_INT(o.add1_last, json_integer_value(steps));
		/* the other tie-breaking, where pabutools found it matters */
		json_t *alts = json_object_get(r, "selected_with_alt_tiebreak");
		if (json_is_array(alts) && !mes && str_starts(rule, "greedy")) {
			t->checked++;
			rc = pb_greedy(in, alt, &o, &e);
			if (!rc && same_set(in, &o, alts, why, sizeof why))
				t->matched++;
			else
				test_fail(__FILE__, __LINE__, "%s: %.40s (alt tie-break): %s", name, rule, why);
		}
		pb_outcome_release(&o);
	}
	json_decref(j);
	pabulib_free(f);
}

static void expected_dir(bool big)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/pabulib", test_shared_dir());
	DIR *d = opendir(dir);
	REQUIRE(d);
	struct expected_tally t = { 0, 0 };
	struct dirent *de;
	char names[64][256];
	int n = 0;
	while ((de = readdir(d)) && n < 64) {
		size_t l = strlen(de->d_name);
		if (l > 14 && str_eq(de->d_name + l - 14, ".expected.json")) {
			snprintf(names[n], sizeof names[n], "%.*s", (int)(l - 14), de->d_name);
			n++;
		}
	}
	closedir(d);
	for (int i = 0; i < n; i++) {
		bool is_big = strstr(names[i], "Warszawa_2026") || strstr(names[i], "Wroclaw_2015") ||
			      strstr(names[i], "Budapest") || strstr(names[i], "Amsterdam");
		if (is_big != big)
			continue;
		check_expected(dir, names[i], &t, true);
	}
	printf("pabulib expected outcomes (%s instances): %d/%d rule x instance results reproduced\n",
	       big ? "large" : "small", t.matched, t.checked);
	CHECK_INT(t.matched, t.checked);
	CHECK(t.checked > 0);
}

TEST(expected_small) { expected_dir(false); }
TEST(expected_large) { expected_dir(true); }
