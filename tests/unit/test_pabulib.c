/* test_pabulib.c — the Pabulib reader and writer: every real file in shared/data
 * reads and writes back byte for byte; malformed files are refused with the line
 * and field at fault; the format's quirks (quotes, CRLF, no final newline, None,
 * decimals, huge amounts) and the instance model (multiprofile, support). */
#include "core/compat.h"
#include "test.h"
#include "core/xalloc.h"
#include "rules/pabulib.h"
#include "rules/pb_alloc.h"

#include <dirent.h>
#include <sys/stat.h>
#include <time.h>

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
	*len = n;
	return d;
}

/* Parses text; returns the file or NULL with the message in msg. */
static struct pabulib_file *parse(const char *text, char *msg, size_t n)
{
	struct pabulib_file *f = NULL;
	struct err e;
	err_init(&e, NULL);
	msg[0] = '\0';
	if (pabulib_parse(text, strlen(text), &f, &e))
		snprintf(msg, n, "%s", e.msg);
	return f;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void roundtrip_dir(const char *sub, int *files, int *exact)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/%s", test_shared_dir(), sub);
	DIR *d = opendir(dir);
	REQUIRE(d);
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (l < 4 || !str_eq(de->d_name + l - 3, ".pb"))
			continue;
		char path[2048];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		size_t len;
		char *data = slurp(path, &len);
		REQUIRE(data);
		struct pabulib_file *f = NULL;
		struct err e;
		err_init(&e, NULL);
		if (pabulib_parse(data, len, &f, &e)) {
			test_fail(__FILE__, __LINE__, "%s: %s", de->d_name, e.msg);
			free(data);
			continue;
		}
		(*files)++;
		struct buf b;
		buf_init(&b, 0);
		CHECK(pabulib_write(f, &b) == 0);
		if (b.len == len && memcmp(b.data, data, len) == 0)
			(*exact)++;
		else
			test_fail(__FILE__, __LINE__, "%s: written back differently (%zu vs %zu bytes)", de->d_name, b.len, len);
		/* the support counted from the votes equals the file's votes/score column where
		 * there is one (and no ballot names a project twice) */
		int col = pabulib_column(&f->projects, "score");
		if (col < 0 || f->inst->vote_type == PB_VOTE_APPROVAL || f->inst->vote_type == PB_VOTE_CHOOSE1)
			col = pabulib_column(&f->projects, "votes");
		if (col >= 0 && !f->dup_ballots)
			for (uint32_t p = 0; p < f->inst->nprojects; p++) {
				const char *v = f->projects.cells[(size_t)p * f->projects.ncols + (uint32_t)col];
				char num[32];
				snprintf(num, sizeof num, "%" PRId64, f->inst->projects[p].support);
				if (v[0] && !str_eq(v, "None") && !str_eq(v, num))
					test_fail(__FILE__, __LINE__, "%s: project %s: file says %s, votes give %s", de->d_name,
						  f->inst->projects[p].id, v, num);
			}
		buf_release(&b);
		pabulib_free(f);
		free(data);
	}
	closedir(d);
}

TEST(real_files_roundtrip)
{
	int files = 0, exact = 0;
	roundtrip_dir("pabulib", &files, &exact);
	roundtrip_dir("pabulib-official", &files, &exact);
	printf("pabulib reader: %d/%d real files read and written back byte for byte\n", exact, files);
	CHECK_INT(files, 646);
	CHECK_INT(exact, files);
}

TEST(parse_speed)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/pabulib/Poland_Wroclaw_2015_150_-_500.pb", test_shared_dir());
	size_t len;
	char *data = slurp(path, &len);
	REQUIRE(data);
	struct pabulib_file *f = NULL;
	struct err e;
	double best = 1e9;
	for (int i = 0; i < 3; i++) {
		double t0 = now_ms();
		REQUIRE(pabulib_parse(data, len, &f, &e) == 0);
		double ms = now_ms() - t0;
		best = ms < best ? ms : best;
		CHECK_INT(f->inst->nvoters, 131778);
		CHECK_INT(f->inst->nballots, 197);
		pabulib_free(f);
	}
	printf("pabulib reader: Wroclaw 2015 (%zu bytes, 131,778 votes) parsed in %.1f ms\n", len, best);
	free(data);
}

static const char basic[] =
	"META\nkey;value\nbudget;100\nvote_type;approval\nrule;greedy\n"
	"PROJECTS\nproject_id;cost;name;category;selected\n"
	"a;40;\"Plaza; \"\"central\"\"\";culture,sport;1\n"
	"b;60.0;Orlik \"Pole\";None;0\n"
	"c;30.50;;;0\n"
	"VOTES\nvoter_id;vote\n1;a,b\n2;b,a\n3;c\n4;\n5;a";

TEST(reads_quirks)
{
	char msg[512];
	struct pabulib_file *f = parse(basic, msg, sizeof msg);
	REQUIRE(f);
	const struct pb_instance *in = f->inst;
	CHECK_INT(in->nprojects, 3);
	CHECK_INT(in->nvoters, 5);
	CHECK_INT(in->nballots, 4); /* a,b and b,a are the same approval ballot */
	CHECK_INT(in->scale, 1);    /* 30.50 needs one decimal */
	char *s = pb_amount_format(in->budget, in->scale);
	CHECK_STR(s, "100");
	free(s);
	s = pb_amount_format(in->projects[2].cost, in->scale);
	CHECK_STR(s, "30.5");
	free(s);
	CHECK_STR(in->projects[0].name, "Plaza; \"central\"");
	CHECK_STR(in->projects[1].name, "Orlik \"Pole\"");
	CHECK_INT(in->projects[0].ncategories, 2);
	CHECK_STR(in->projects[0].categories[1], "sport");
	CHECK_INT(in->projects[1].ncategories, 0);
	CHECK(in->projects[2].name == NULL);
	CHECK_INT(in->projects[0].support, 3);
	CHECK_INT(in->projects[2].support, 1);
	CHECK_INT(in->projects[0].selected, 1);
	CHECK_STR(pabulib_meta(f, "rule"), "greedy");
	CHECK(!f->final_newline);
	CHECK(!f->crlf);
	struct buf b;
	buf_init(&b, 0);
	CHECK(pabulib_write(f, &b) == 0);
	CHECK_STR(buf_cstr(&b), basic);
	buf_release(&b);
	pabulib_free(f);
}

TEST(crlf_and_bom)
{
	const char *text = "\xEF\xBB\xBFMETA\r\nkey;value\r\nbudget;10\r\nvote_type;choose-1\r\n"
			   "PROJECTS\r\nproject_id;cost\r\nx;5\r\ny;5\r\nVOTES\r\nvoter_id;vote\r\nv1;x\r\nv2;y\r\n";
	char msg[512];
	struct pabulib_file *f = parse(text, msg, sizeof msg);
	REQUIRE(f);
	CHECK(f->crlf);
	CHECK(f->final_newline);
	CHECK_INT(f->inst->vote_type, PB_VOTE_CHOOSE1);
	struct buf b;
	buf_init(&b, 0);
	CHECK(pabulib_write(f, &b) == 0);
	CHECK_STR(buf_cstr(&b), text);
	buf_release(&b);
	pabulib_free(f);
}

/* Each malformed file is refused, and the message names the place. */
TEST(refuses_malformed)
{
	static const struct {
		const char *text;
		const char *expect;
	} cases[] = {
		{ "", "empty file" },
		{ "PROJECTS\n", "line 1: a Pabulib file starts with META" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\na;2\nVOTES\nvoter_id;vote\n",
		  "line 8, field project_id: duplicate project id \"a\" (first on line 7)" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n1;a\n2;a,zz\n",
		  "line 11, field vote: unknown project \"zz\"" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1;x\nVOTES\nvoter_id;vote\n",
		  "line 7: 3 fields, the PROJECTS header has 2" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1,5\nVOTES\nvoter_id;vote\n",
		  "line 7, field cost: \"1,5\" is not an amount" },
		{ "META\nkey;value\nbudget;-3\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n",
		  "line 3, field budget: \"-3\" is not an amount" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\n",
		  "the VOTES section is missing" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\n\"a;1\nVOTES\n",
		  "line 7: unterminated quoted field" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\n\"a\"x;1\nVOTES\nvoter_id;vote\n",
		  "line 7, field 1: text after the closing quote" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n1;a\n1;a\n",
		  "line 11, field voter_id: voter \"1\" already voted on line 10" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n1;a,\n",
		  "line 10, field vote: empty project id in \"a,\"" },
		{ "META\nkey;value\nbudget;1\nvote_type;cumulative\nPROJECTS\nproject_id;cost\na;1\nb;1\nVOTES\nvoter_id;vote;points\n1;a,b;3\n",
		  "line 11, field points: \"3\" does not give one number per voted project (2)" },
		{ "META\nkey;value\nbudget;1\nvote_type;cumulative\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote;points\n1;a;2.5\n",
		  "line 10, field points: \"2.5\" is not an integer" },
		{ "META\nkey;value\nbudget;1\nvote_type;choose-1\nPROJECTS\nproject_id;cost\na;1\nb;1\nVOTES\nvoter_id;vote\n1;a,b\n",
		  "line 11, field vote: a choose-1 vote names 2 projects" },
		{ "META\nkey;value\nbudget;1\nvote_type;plurality\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n",
		  "META vote_type \"plurality\" is not approval" },
		{ "META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n", "META has no budget" },
		{ "META\nkey;value\nbudget;1\nbudget;2\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n",
		  "line 4, field key: META key \"budget\" repeats line 3" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;price\nVOTES\nvoter_id;vote\n",
		  "line 6: the PROJECTS header has no cost column" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\n\nVOTES\nvoter_id;vote\n",
		  "line 8: blank line in the PROJECTS section" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost;cost\nVOTES\nvoter_id;vote\n",
		  "line 6: column \"cost\" appears twice in the PROJECTS header" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nrule;greedy\nmin_project_score_threshold;ten\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n",
		  "line 6, field min_project_score_threshold: \"ten\" is not an integer" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost;selected\na;1;yes\nVOTES\nvoter_id;vote\n",
		  "line 7, field selected: \"yes\" is not 0 to 9" },
		{ "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\n;1\nVOTES\nvoter_id;vote\n",
		  "line 7, field project_id: empty project id" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char msg[512];
		struct pabulib_file *f = parse(cases[i].text, msg, sizeof msg);
		if (f) {
			test_fail(__FILE__, __LINE__, "case %zu was accepted", i);
			pabulib_free(f);
			continue;
		}
		CHECK_CONTAINS(msg, cases[i].expect);
	}
	/* a NUL byte inside the file */
	const char nul[] = "META\nkey;value\nbu\0dget;1\n";
	struct pabulib_file *f = NULL;
	struct err e;
	err_init(&e, NULL);
	CHECK(pabulib_parse(nul, sizeof nul - 1, &f, &e) == ERR_INVALID);
	CHECK_CONTAINS(e.msg, "line 3: NUL byte");
}

TEST(amounts_exact_beyond_2_53)
{
	/* 2^53 + 1 and 10^30 cannot be doubles; they stay exact */
	const char *text = "META\nkey;value\nbudget;1000000000000000000000000000000\nvote_type;approval\n"
			   "PROJECTS\nproject_id;cost\nbig;9007199254740993\nhuge;999999999999999999999999999999.99\n"
			   "VOTES\nvoter_id;vote\n1;big,huge\n2;huge\n";
	char msg[512];
	struct pabulib_file *f = parse(text, msg, sizeof msg);
	REQUIRE(f);
	const struct pb_instance *in = f->inst;
	char *s = pb_amount_format(in->projects[0].cost, in->scale);
	CHECK_STR(s, "9007199254740993");
	free(s);
	s = pb_amount_format(in->projects[1].cost, in->scale);
	CHECK_STR(s, "999999999999999999999999999999.99");
	free(s);
	struct pb_outcome o;
	pb_outcome_init(&o);
	struct err e;
	err_init(&e, NULL);
	REQUIRE(pb_greedy(in, PB_TIE_ID, &o, &e) == 0);
	CHECK_INT(o.nselected, 1); /* huge first (2 votes); big no longer fits */
	CHECK(pb_outcome_selected(&o, 1));
	CHECK_INT(o.reason[0], PB_WHY_NO_FIT);
	REQUIRE(pb_phragmen(in, PB_TIE_ID, &o, &e) == 0);
	REQUIRE(pb_mes(in, PB_COMPLETION_NONE, PB_TIE_ID, &o, &e) == 0);
	pb_outcome_release(&o);
	pabulib_free(f);
}

TEST(duplicates_in_a_ballot)
{
	const char *text = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\nb;5\n"
			   "VOTES\nvoter_id;vote\n1;a,a,b\n2;a,b\n";
	char msg[512];
	struct pabulib_file *f = parse(text, msg, sizeof msg);
	REQUIRE(f);
	CHECK_INT(f->dup_ballots, 1);
	CHECK_INT(f->first_dup_line, 11);
	CHECK_INT(f->inst->projects[0].support, 2); /* counted once */
	CHECK_INT(f->inst->nballots, 1);            /* then both ballots are {a, b} */
	pabulib_free(f);
	/* cumulative: the points of a repeated project add up; ordinal: first place counts */
	text = "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\na;5\nb;5\n"
	       "VOTES\nvoter_id;vote;points\n1;a,b,a;1,2,3\n";
	f = parse(text, msg, sizeof msg);
	REQUIRE(f);
	CHECK_INT(f->inst->projects[0].support, 4);
	CHECK_INT(f->inst->projects[1].support, 2);
	pabulib_free(f);
	text = "META\nkey;value\nbudget;10\nvote_type;ordinal\nPROJECTS\nproject_id;cost\na;5\nb;5\nc;5\n"
	       "VOTES\nvoter_id;vote\n1;b,a,b,c\n";
	f = parse(text, msg, sizeof msg);
	REQUIRE(f);
	CHECK_INT(f->inst->projects[1].support, 3); /* b first of 3 distinct */
	CHECK_INT(f->inst->projects[0].support, 2);
	CHECK_INT(f->inst->projects[2].support, 1);
	pabulib_free(f);
}

TEST(writer_from_instance)
{
	struct pb_instance *in = pb_instance_new(PB_VOTE_CUMULATIVE);
	mpz_t v;
	mpz_init_set_ui(v, 1000);
	pb_instance_set_budget(in, v, 0);
	struct err e;
	err_init(&e, NULL);
	uint32_t a, b;
	mpz_set_ui(v, 600);
	REQUIRE(pb_instance_add_project(in, "plaza", 5, v, 0, &a, &e) == 0);
	mpz_set_ui(v, 45025);
	REQUIRE(pb_instance_add_project(in, "posta;medica", 12, v, 2, &b, &e) == 0);
	CHECK(pb_instance_add_project(in, "plaza", 5, v, 0, NULL, &e) == ERR_CONFLICT);
	pb_instance_set_name(in, a, "Plaza \"Mayor\"", 13);
	uint32_t items[2] = { a, b };
	int64_t pts[2] = { 3, 2 };
	REQUIRE(pb_instance_add_ballot(in, items, pts, 2, 4, &e) == 0);
	REQUIRE(pb_instance_add_ballot(in, items + 1, pts, 1, 1, &e) == 0);
	REQUIRE(pb_instance_finish(in, &e) == 0);
	CHECK_INT(in->scale, 2);
	CHECK_INT(in->projects[a].support, 12);
	CHECK_INT(in->projects[b].support, 11);
	bool sel[2] = { true, false };
	struct pabulib_file *f = pabulib_from_instance(in, sel, "Chachapoyas 2026");
	struct buf out;
	buf_init(&out, 0);
	REQUIRE(pabulib_write(f, &out) == 0);
	CHECK_CONTAINS(buf_cstr(&out), "budget;1000\n");
	CHECK_CONTAINS(buf_cstr(&out), "\"posta;medica\";450.25;11;;0\n");
	CHECK_CONTAINS(buf_cstr(&out), "plaza;600;12;Plaza \"Mayor\";1\n");
	CHECK_CONTAINS(buf_cstr(&out), "5;\"posta;medica\";3\n");
	/* and it reads back to the same instance */
	struct pabulib_file *g = NULL;
	REQUIRE(pabulib_parse(out.data, out.len, &g, &e) == 0);
	CHECK_INT(g->inst->nvoters, 5);
	CHECK_INT(g->inst->nballots, 2);
	CHECK_INT(g->inst->projects[1].support, 11);
	CHECK(mpz_cmp(g->inst->projects[1].cost, in->projects[1].cost) == 0);
	pabulib_free(g);
	buf_release(&out);
	pabulib_free(f);
	pb_instance_free(in);
	mpz_clear(v);
}

TEST(amount_parse)
{
	mpz_t v;
	mpz_init(v);
	unsigned s;
	CHECK(pb_amount_parse("4000.0", 6, v, &s) == 0 && s == 0 && mpz_cmp_ui(v, 4000) == 0);
	CHECK(pb_amount_parse("0.05", 4, v, &s) == 0 && s == 2 && mpz_cmp_ui(v, 5) == 0);
	CHECK(pb_amount_parse("007", 3, v, &s) == 0 && s == 0 && mpz_cmp_ui(v, 7) == 0);
	CHECK(pb_amount_parse("", 0, v, &s) == ERR_INVALID);
	CHECK(pb_amount_parse(".5", 2, v, &s) == ERR_INVALID);
	CHECK(pb_amount_parse("5.", 2, v, &s) == ERR_INVALID);
	CHECK(pb_amount_parse("1e3", 3, v, &s) == ERR_INVALID);
	CHECK(pb_amount_parse("1 000", 5, v, &s) == ERR_INVALID);
	CHECK(pb_amount_parse("0.0000000000000000001", 21, v, &s) == ERR_INVALID); /* 19 decimals */
	mpz_set_ui(v, 5);
	char *t = pb_amount_format(v, 3);
	CHECK_STR(t, "0.005");
	free(t);
	mpz_clear(v);
}
