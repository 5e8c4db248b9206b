/* pb_model.c — building a participatory-budgeting instance: project table with an
 * id index, ballots deduplicated on the fly into a multiprofile, exact amounts. */
#include "core/compat.h"
#include "rules/pb_model.h"
#include "core/map.h"
#include "core/xalloc.h"

#define PB_MAX_SCALE 18

/* A chunked string arena: strings live as long as the instance. */
struct str_chunk {
	struct str_chunk *next;
	size_t used, cap;
	char data[];
};

struct pb_model_int {
	struct str_chunk *strings;
	unsigned budget_scale;
	unsigned *cost_scale;        /* per project, until finish() */
	uint32_t project_cap;
	size_t item_cap;
	uint32_t ballot_cap;
	uint32_t *slots;             /* ballot hash table: index + 1, 0 = empty */
	uint64_t *slot_hash;
	uint32_t nslots;             /* power of two */
	uint32_t *scratch;           /* canonical ballot being added */
	int64_t *scratch_pts;
	uint32_t scratch_cap;
	uint32_t *seen;              /* per project: stamp of the last ballot that named it */
	uint32_t seen_cap;
	uint32_t stamp;
	uint32_t *id_slots;          /* project id hash table: index + 1 */
	uint32_t id_nslots;
	uint32_t group_cap, group_item_cap;
};

static char *arena_dup(struct pb_model_int *m, const char *s, size_t n)
{
	struct str_chunk *c = m->strings;
	if (!c || c->cap - c->used < n + 1) {
		size_t cap = n + 1 > 65536 ? n + 1 : 65536;
		c = xmalloc(sizeof *c + cap);
		c->next = m->strings;
		c->used = 0;
		c->cap = cap;
		m->strings = c;
	}
	char *p = c->data + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

const char *pb_vote_type_name(enum pb_vote_type t)
{
	switch (t) {
	case PB_VOTE_APPROVAL: return "approval";
	case PB_VOTE_CHOOSE1: return "choose-1";
	case PB_VOTE_ORDINAL: return "ordinal";
	case PB_VOTE_CUMULATIVE: return "cumulative";
	case PB_VOTE_SCORING: return "scoring";
	}
	return "approval";
}

int pb_vote_type_parse(const char *s, enum pb_vote_type *out)
{
	static const enum pb_vote_type all[] = { PB_VOTE_APPROVAL, PB_VOTE_CHOOSE1, PB_VOTE_ORDINAL,
						 PB_VOTE_CUMULATIVE, PB_VOTE_SCORING };
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		if (str_eq(s, pb_vote_type_name(all[i]))) {
			*out = all[i];
			return 0;
		}
	return ERR_INVALID;
}

bool pb_vote_type_cardinal(enum pb_vote_type t)
{
	return t == PB_VOTE_CUMULATIVE || t == PB_VOTE_SCORING;
}

struct pb_instance *pb_instance_new(enum pb_vote_type type)
{
	struct pb_instance *in = xcalloc(1, sizeof *in);
	in->vote_type = type;
	mpz_init(in->budget);
	in->priv = xcalloc(1, sizeof *in->priv);
	return in;
}

static void free_builder(struct pb_model_int *m)
{
	free(m->cost_scale);
	free(m->slots);
	free(m->slot_hash);
	free(m->scratch);
	free(m->scratch_pts);
	free(m->seen);
	m->cost_scale = NULL;
	m->slots = NULL;
	m->slot_hash = NULL;
	m->scratch = NULL;
	m->scratch_pts = NULL;
	m->seen = NULL;
}

void pb_instance_free(struct pb_instance *in)
{
	if (!in)
		return;
	for (uint32_t i = 0; i < in->nprojects; i++) {
		mpz_clear(in->projects[i].cost);
		free(in->projects[i].categories);
	}
	free(in->projects);
	free(in->ballots);
	free(in->items);
	free(in->points);
	free(in->rule);
	free(in->group_off);
	free(in->group_items);
	mpz_clear(in->budget);
	struct pb_model_int *m = in->priv;
	free_builder(m);
	free(m->id_slots);
	for (struct str_chunk *c = m->strings, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(m);
	free(in);
}

void pb_instance_set_budget(struct pb_instance *in, const mpz_t value, unsigned scale)
{
	mpz_set(in->budget, value);
	in->priv->budget_scale = scale;
}

static uint64_t hash_bytes(const void *p, size_t n, uint64_t h)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static void id_index_grow(struct pb_instance *in)
{
	struct pb_model_int *m = in->priv;
	uint32_t n = m->id_nslots ? m->id_nslots * 2 : 64;
	uint32_t *slots = xcalloc(n, sizeof *slots);
	for (uint32_t p = 0; p < in->nprojects; p++) {
		const char *id = in->projects[p].id;
		uint64_t h = hash_bytes(id, strlen(id), 0xcbf29ce484222325ULL);
		uint32_t i = (uint32_t)h & (n - 1);
		while (slots[i])
			i = (i + 1) & (n - 1);
		slots[i] = p + 1;
	}
	free(m->id_slots);
	m->id_slots = slots;
	m->id_nslots = n;
}

int64_t pb_instance_find(const struct pb_instance *in, const char *id, size_t idlen)
{
	const struct pb_model_int *m = in->priv;
	if (!m->id_nslots)
		return -1;
	uint64_t h = hash_bytes(id, idlen, 0xcbf29ce484222325ULL);
	for (uint32_t i = (uint32_t)h & (m->id_nslots - 1);; i = (i + 1) & (m->id_nslots - 1)) {
		uint32_t s = m->id_slots[i];
		if (!s)
			return -1;
		const char *pid = in->projects[s - 1].id;
		if (strlen(pid) == idlen && memcmp(pid, id, idlen) == 0)
			return s - 1;
	}
}

int pb_instance_add_project(struct pb_instance *in, const char *id, size_t idlen, const mpz_t cost,
			    unsigned scale, uint32_t *index, struct err *e)
{
	struct pb_model_int *m = in->priv;
	if (in->finished)
		return err_set(e, ERR_INTERNAL, "the instance is already complete");
	if (idlen == 0)
		return err_set(e, ERR_INVALID, "empty project id");
	if (mpz_sgn(cost) < 0)
		return err_set(e, ERR_INVALID, "negative cost");
	if (memchr(id, '\0', idlen))
		return err_set(e, ERR_INVALID, "project id contains a NUL byte");
	if (pb_instance_find(in, id, idlen) >= 0)
		return err_set(e, ERR_CONFLICT, "duplicate project id \"%.*s\"", (int)(idlen > 60 ? 60 : idlen), id);
	if (in->nprojects == UINT32_MAX - 1)
		return err_set(e, ERR_TOOBIG, "too many projects");
	if (in->nprojects == m->project_cap) {
		m->project_cap = m->project_cap ? m->project_cap * 2 : 32;
		in->projects = xrealloc(in->projects, m->project_cap * sizeof *in->projects);
		m->cost_scale = xrealloc(m->cost_scale, m->project_cap * sizeof *m->cost_scale);
	}
	uint32_t p = in->nprojects++;
	struct pb_project *pr = &in->projects[p];
	memset(pr, 0, sizeof *pr);
	pr->id = arena_dup(m, id, idlen);
	mpz_init_set(pr->cost, cost);
	pr->selected = -1;
	m->cost_scale[p] = scale;
	if ((uint64_t)in->nprojects * 2 > m->id_nslots)
		id_index_grow(in);
	else {
		uint64_t h = hash_bytes(id, idlen, 0xcbf29ce484222325ULL);
		uint32_t i = (uint32_t)h & (m->id_nslots - 1);
		while (m->id_slots[i])
			i = (i + 1) & (m->id_nslots - 1);
		m->id_slots[i] = p + 1;
	}
	if (index)
		*index = p;
	return 0;
}

void pb_instance_set_name(struct pb_instance *in, uint32_t p, const char *name, size_t len)
{
	in->projects[p].name = arena_dup(in->priv, name, len);
}

void pb_instance_add_category(struct pb_instance *in, uint32_t p, const char *cat, size_t len)
{
	struct pb_project *pr = &in->projects[p];
	pr->categories = xrealloc(pr->categories, (pr->ncategories + 1) * sizeof *pr->categories);
	pr->categories[pr->ncategories++] = arena_dup(in->priv, cat, len);
}

void pb_instance_set_rule(struct pb_instance *in, const char *rule)
{
	free(in->rule);
	in->rule = rule ? xstrdup(rule) : NULL;
}

void pb_instance_set_threshold(struct pb_instance *in, int64_t threshold)
{
	in->has_threshold = true;
	in->threshold = threshold;
}

void pb_instance_add_exclusive_group(struct pb_instance *in, const uint32_t *projects, uint32_t n)
{
	struct pb_model_int *m = in->priv;
	if (in->ngroups + 2 > m->group_cap) {
		m->group_cap = m->group_cap ? m->group_cap * 2 : 8;
		in->group_off = xrealloc(in->group_off, m->group_cap * sizeof *in->group_off);
	}
	if (in->ngroups == 0)
		in->group_off[0] = 0;
	uint32_t start = in->group_off[in->ngroups];
	if (start + n > m->group_item_cap) {
		m->group_item_cap = (start + n) * 2;
		in->group_items = xrealloc(in->group_items, m->group_item_cap * sizeof *in->group_items);
	}
	memcpy(in->group_items + start, projects, n * sizeof *projects);
	in->ngroups++;
	in->group_off[in->ngroups] = start + n;
}

/* Sorts items (and points) by project index. Ballots are short: insertion sort. */
static void sort_items(uint32_t *it, int64_t *pts, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		uint32_t v = it[i];
		int64_t pv = pts ? pts[i] : 0;
		uint32_t j = i;
		while (j > 0 && it[j - 1] > v) {
			it[j] = it[j - 1];
			if (pts)
				pts[j] = pts[j - 1];
			j--;
		}
		it[j] = v;
		if (pts)
			pts[j] = pv;
	}
}

static void ballot_table_grow(struct pb_instance *in)
{
	struct pb_model_int *m = in->priv;
	uint32_t n = m->nslots ? m->nslots * 2 : 1024;
	uint32_t *slots = xcalloc(n, sizeof *slots);
	uint64_t *hashes = xcalloc(n, sizeof *hashes);
	for (uint32_t i = 0; i < m->nslots; i++) {
		if (!m->slots[i])
			continue;
		uint32_t k = (uint32_t)m->slot_hash[i] & (n - 1);
		while (slots[k])
			k = (k + 1) & (n - 1);
		slots[k] = m->slots[i];
		hashes[k] = m->slot_hash[i];
	}
	free(m->slots);
	free(m->slot_hash);
	m->slots = slots;
	m->slot_hash = hashes;
	m->nslots = n;
}

static bool ballot_equal(const struct pb_instance *in, const struct pb_ballot *b, const uint32_t *it,
			 const int64_t *pts, uint32_t n)
{
	if (b->len != n)
		return false;
	if (n == 0)
		return true;
	if (memcmp(in->items + b->off, it, n * sizeof *it) != 0)
		return false;
	return !pts || memcmp(in->points + b->off, pts, n * sizeof *pts) == 0;
}

int pb_instance_add_ballot(struct pb_instance *in, const uint32_t *items, const int64_t *points, uint32_t n,
			   uint64_t weight, struct err *e)
{
	struct pb_model_int *m = in->priv;
	bool cardinal = pb_vote_type_cardinal(in->vote_type);
	if (in->finished)
		return err_set(e, ERR_INTERNAL, "the instance is already complete");
	if (weight == 0)
		return 0;
	if (cardinal && n && !points)
		return err_set(e, ERR_INVALID, "a %s ballot needs points", pb_vote_type_name(in->vote_type));
	if (!cardinal && points)
		return err_set(e, ERR_INVALID, "points given on a %s ballot", pb_vote_type_name(in->vote_type));
	if (n > m->scratch_cap) {
		m->scratch_cap = n * 2;
		m->scratch = xrealloc(m->scratch, m->scratch_cap * sizeof *m->scratch);
		m->scratch_pts = xrealloc(m->scratch_pts, m->scratch_cap * sizeof *m->scratch_pts);
	}
	if (in->nprojects > m->seen_cap) {
		m->seen = xrealloc(m->seen, in->nprojects * sizeof *m->seen);
		memset(m->seen + m->seen_cap, 0, (in->nprojects - m->seen_cap) * sizeof *m->seen);
		m->seen_cap = in->nprojects;
	}
	if (++m->stamp == 0) {
		memset(m->seen, 0, m->seen_cap * sizeof *m->seen);
		m->stamp = 1;
	}
	/* Canonical form: distinct projects; sorted unless the order is the vote. */
	uint32_t k = 0;
	bool dup = false;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t p = items[i];
		if (p >= in->nprojects)
			return err_set(e, ERR_INVALID, "ballot names project index %u of %u", (unsigned)p,
				       (unsigned)in->nprojects);
		if (m->seen[p] == m->stamp) {
			dup = true;
			if (cardinal) {
				for (uint32_t j = 0; j < k; j++)
					if (m->scratch[j] == p &&
					    __builtin_add_overflow(m->scratch_pts[j], points[i], &m->scratch_pts[j]))
						return err_set(e, ERR_INVALID, "points overflow");
			}
			continue;
		}
		m->seen[p] = m->stamp;
		m->scratch[k] = p;
		m->scratch_pts[k] = cardinal ? points[i] : 0;
		k++;
	}
	if (dup)
		in->nduplicates++;
	if (in->vote_type != PB_VOTE_ORDINAL)
		sort_items(m->scratch, cardinal ? m->scratch_pts : NULL, k);
	const int64_t *pts = cardinal ? m->scratch_pts : NULL;
	if (__builtin_add_overflow(in->nvoters, weight, &in->nvoters))
		return err_set(e, ERR_TOOBIG, "too many voters");

	if ((uint64_t)(in->nballots + 1) * 2 > m->nslots)
		ballot_table_grow(in);
	uint64_t h = hash_bytes(m->scratch, k * sizeof *m->scratch, 0xcbf29ce484222325ULL ^ k);
	if (pts)
		h = hash_bytes(pts, k * sizeof *pts, h);
	uint32_t slot = (uint32_t)h & (m->nslots - 1);
	for (; m->slots[slot]; slot = (slot + 1) & (m->nslots - 1)) {
		if (m->slot_hash[slot] != h)
			continue;
		struct pb_ballot *b = &in->ballots[m->slots[slot] - 1];
		if (ballot_equal(in, b, m->scratch, pts, k)) {
			if (__builtin_add_overflow(b->weight, weight, &b->weight))
				return err_set(e, ERR_TOOBIG, "too many voters");
			return 0;
		}
	}
	if (in->nballots == UINT32_MAX - 1 || in->nitems + k > UINT32_MAX)
		return err_set(e, ERR_TOOBIG, "too many ballots");
	if (in->nballots == m->ballot_cap) {
		m->ballot_cap = m->ballot_cap ? m->ballot_cap * 2 : 1024;
		in->ballots = xrealloc(in->ballots, m->ballot_cap * sizeof *in->ballots);
	}
	if (in->nitems + k > m->item_cap) {
		m->item_cap = (in->nitems + k) * 2;
		in->items = xrealloc(in->items, m->item_cap * sizeof *in->items);
		if (cardinal)
			in->points = xrealloc(in->points, m->item_cap * sizeof *in->points);
	}
	struct pb_ballot *b = &in->ballots[in->nballots];
	b->off = (uint32_t)in->nitems;
	b->len = k;
	b->weight = weight;
	if (k)
		memcpy(in->items + in->nitems, m->scratch, k * sizeof *m->scratch);
	if (cardinal && k)
		memcpy(in->points + in->nitems, m->scratch_pts, k * sizeof *m->scratch_pts);
	in->nitems += k;
	m->slots[slot] = ++in->nballots;
	m->slot_hash[slot] = h;
	return 0;
}

static int compute_support(struct pb_instance *in, struct err *e)
{
	bool cardinal = pb_vote_type_cardinal(in->vote_type);
	for (uint32_t b = 0; b < in->nballots; b++) {
		const struct pb_ballot *bl = &in->ballots[b];
		for (uint32_t i = 0; i < bl->len; i++) {
			struct pb_project *p = &in->projects[in->items[bl->off + i]];
			int64_t per = 1;
			if (cardinal)
				per = in->points[bl->off + i];
			else if (in->vote_type == PB_VOTE_ORDINAL)
				per = (int64_t)(bl->len - i);
			int64_t add;
			if (bl->weight > INT64_MAX || __builtin_mul_overflow(per, (int64_t)bl->weight, &add) ||
			    __builtin_add_overflow(p->support, add, &p->support))
				return err_set(e, ERR_TOOBIG, "support of project \"%.60s\" overflows", p->id);
			if (!cardinal || per > 0)
				p->supporters += bl->weight;
		}
	}
	return 0;
}

int pb_instance_finish(struct pb_instance *in, struct err *e)
{
	struct pb_model_int *m = in->priv;
	if (in->finished)
		return 0;
	unsigned scale = m->budget_scale;
	for (uint32_t p = 0; p < in->nprojects; p++)
		if (m->cost_scale[p] > scale)
			scale = m->cost_scale[p];
	if (scale > PB_MAX_SCALE)
		return err_set(e, ERR_INVALID, "amounts with more than %d decimals", PB_MAX_SCALE);
	mpz_t f;
	mpz_init(f);
	mpz_ui_pow_ui(f, 10, scale - m->budget_scale);
	mpz_mul(in->budget, in->budget, f);
	for (uint32_t p = 0; p < in->nprojects; p++) {
		mpz_ui_pow_ui(f, 10, scale - m->cost_scale[p]);
		mpz_mul(in->projects[p].cost, in->projects[p].cost, f);
	}
	mpz_clear(f);
	in->scale = scale;
	int rc = compute_support(in, e);
	if (rc)
		return rc;
	free_builder(m);
	in->finished = true;
	return 0;
}

int pb_amount_parse(const char *s, size_t len, mpz_t value, unsigned *scale)
{
	char small[64];
	char *digits = len < sizeof small ? small : xmalloc(len + 1);
	size_t nd = 0, dot = len, frac = 0;
	int rc = ERR_INVALID;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '.' && dot == len && i > 0) {
			dot = i;
		} else if (c >= '0' && c <= '9') {
			digits[nd++] = c;
			if (dot != len)
				frac++;
		} else {
			goto out;
		}
	}
	if (nd == 0 || (dot != len && frac == 0))
		goto out;
	while (frac > 0 && digits[nd - 1] == '0') { /* "4000.0" is an integer */
		nd--;
		frac--;
	}
	if (frac > PB_MAX_SCALE)
		goto out;
	digits[nd] = '\0';
	if (mpz_set_str(value, digits, 10) != 0)
		goto out;
	*scale = (unsigned)frac;
	rc = 0;
out:
	if (digits != small)
		free(digits);
	return rc;
}

char *pb_amount_format(const mpz_t v, unsigned scale)
{
	char *s = mpz_get_str(NULL, 10, v);
	size_t n = strlen(s);
	bool neg = s[0] == '-';
	size_t nd = n - neg;
	/* pad with zeros so that there is at least one integer digit */
	size_t total = (nd <= scale ? scale + 1 : nd) + neg + 2;
	char *out = xmalloc(total + 1);
	size_t o = 0;
	if (neg)
		out[o++] = '-';
	const char *d = s + neg;
	size_t intlen = nd > scale ? nd - scale : 0;
	if (intlen == 0)
		out[o++] = '0';
	memcpy(out + o, d, intlen);
	o += intlen;
	size_t fl = scale;
	char *fracbuf = xmalloc(scale + 1);
	for (size_t i = 0; i < scale; i++) {
		size_t from_end = scale - i; /* position from the right */
		fracbuf[i] = from_end <= nd ? d[nd - from_end] : '0';
	}
	while (fl > 0 && fracbuf[fl - 1] == '0')
		fl--;
	if (fl) {
		out[o++] = '.';
		memcpy(out + o, fracbuf, fl);
		o += fl;
	}
	out[o] = '\0';
	free(fracbuf);
	void (*gmp_free)(void *, size_t);
	mp_get_memory_functions(NULL, NULL, &gmp_free);
	gmp_free(s, n + 1);
	return out;
}

int pb_id_cmp(const struct pb_instance *in, uint32_t a, uint32_t b)
{
	return strcmp(in->projects[a].id, in->projects[b].id);
}
