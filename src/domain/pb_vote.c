/* pb_vote.c — ballots: one per voter, cast and changed online while voting is
 * open by people who live in the government's territory, or entered from paper
 * by two officers whose entries must match (double entry). The ballot's content
 * is never written to the audit log (the secret of the vote): only that a ballot
 * was cast or changed. */
#include "core/compat.h"
#include "domain/pb_int.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "domain/territory.h"

#define BALLOT_MAX_ITEMS 1000
#define SERIAL_MAX 40

struct ballot_ctx {
	struct pb_process p;
	int64_t *ids;        /* candidate proposal ids */
	int64_t *numbers;    /* their numbers */
	int64_t *costs;
	uint32_t n;
};

static void ctx_release(struct ballot_ctx *b)
{
	free(b->ids);
	free(b->numbers);
	free(b->costs);
}

static int load_candidates(struct db_conn *c, struct ballot_ctx *b, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"SELECT id, number, COALESCE(validated_cost, cost) FROM pb_proposal WHERE process_id = ? AND review = 'viable'"
		" ORDER BY number", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, b->p.id);
	uint32_t cap = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (b->n == cap) {
			cap = cap ? cap * 2 : 32;
			b->ids = xrealloc(b->ids, cap * sizeof *b->ids);
			b->numbers = xrealloc(b->numbers, cap * sizeof *b->numbers);
			b->costs = xrealloc(b->costs, cap * sizeof *b->costs);
		}
		b->ids[b->n] = db_col_int64(st, 0);
		b->numbers[b->n] = db_col_int64(st, 1);
		b->costs[b->n++] = db_col_int64(st, 2);
	}
	db_finish(st);
	return rc < 0 ? rc : 0;
}

/* Checks a ballot against the method; choices[] receives candidate indices. */
static int check_ballot(struct db_conn *c, struct ballot_ctx *b, const struct pb_vote_item *items, size_t n,
			struct pb_choice *choices, struct err *e)
{
	(void)c;
	if (n > BALLOT_MAX_ITEMS)
		return err_set(e, ERR_INVALID, "A ballot names at most %d proposals", BALLOT_MAX_ITEMS);
	for (size_t i = 0; i < n; i++) {
		uint32_t k;
		for (k = 0; k < b->n && b->ids[k] != items[i].proposal; k++)
			;
		if (k == b->n)
			return err_set(e, ERR_INVALID, "Proposal %lld is not on the ballot (only proposals found viable are)",
				       (long long)items[i].proposal);
		choices[i].candidate = k;
		choices[i].points = items[i].points;
	}
	struct pb_vote_rules rules = { b->p.method, b->p.max_choices, b->p.points, b->p.ceiling };
	struct pb_ballot_verdict v;
	char a[64], m[64];
	switch (pb_ballot_check(&rules, b->costs, b->n, choices, n, &v)) {
	case PB_BALLOT_OK:
		return 0;
	case PB_BALLOT_EMPTY:
		return err_set(e, ERR_INVALID, "Choose at least one proposal");
	case PB_BALLOT_UNKNOWN:
		return err_set(e, ERR_INVALID, "A proposal of the ballot is unknown");
	case PB_BALLOT_TWICE:
		return err_set(e, ERR_INVALID, "Proposal %lld appears twice in the ballot",
			       (long long)b->numbers[choices[v.item].candidate]);
	case PB_BALLOT_TOO_MANY:
		return err_set(e, ERR_INVALID, "The ballot chooses %lld proposals; this vote allows at most %lld",
			       (long long)v.value, (long long)b->p.max_choices);
	case PB_BALLOT_OVER_BUDGET:
		return err_set(e, ERR_INVALID, "The proposals chosen cost %s, more than the budget of %s",
			       pb_money(b->p.currency, v.value, a, sizeof a), pb_money(b->p.currency, b->p.ceiling, m, sizeof m));
	case PB_BALLOT_POINTS:
		return err_set(e, ERR_INVALID, "Give each proposal you choose at least 1 point (proposal %lld)",
			       (long long)b->numbers[choices[v.item].candidate]);
	case PB_BALLOT_POINTS_OVER:
		return err_set(e, ERR_INVALID, "The ballot gives %lld points; each voter has %lld to distribute",
			       (long long)v.value, (long long)b->p.points);
	}
	return ERR_INTERNAL;
}

static int write_items(struct db_conn *c, int64_t ballot, const struct ballot_ctx *b, const struct pb_choice *choices,
		       size_t n, struct err *e)
{
	int rc = 0;
	bool cumulative = b->p.method == PB_METHOD_CUMULATIVE;
	for (size_t i = 0; i < n && !rc; i++) {
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_ballot_item (ballot_id, proposal_id, position, points) VALUES (?, ?, ?, ?)", e);
		if (!st)
			return e->code;
		db_bind_int64(st, 1, ballot);
		db_bind_int64(st, 2, b->ids[choices[i].candidate]);
		db_bind_int64(st, 3, (int64_t)i + 1);
		db_bind_int64(st, 4, cumulative ? choices[i].points : 0);
		rc = db_step_done(st, e);
	}
	return rc;
}

static int ballot_insert(struct db_conn *c, const struct pb_process *p, const char *channel, int64_t account,
			 const char *key, const char *residence, const char *entered, const char *confirmed, int64_t now,
			 int64_t *id, struct err *e)
{
	char ts[DATETIME_FMT_MAX];
	struct db_stmt *st = db_prepare(c,
		"INSERT INTO pb_ballot (process_id, channel, account_id, voter_key, residence_code, entered_by, confirmed_by,"
		" created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", e);
	if (!st)
		return e->code;
	pb_now_text(now, ts);
	db_bind_int64(st, 1, p->id);
	db_bind_text(st, 2, channel);
	pb_bind_id_or_null(st, 3, account);
	pb_bind_text_or_null(st, 4, key);
	pb_bind_text_or_null(st, 5, residence);
	pb_bind_text_or_null(st, 6, entered);
	pb_bind_text_or_null(st, 7, confirmed);
	db_bind_text(st, 8, ts);
	db_bind_text(st, 9, ts);
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*id = db_col_int64(st, 0);
	db_finish(st);
	return rc < 0 ? rc : 0;
}

int pb_ballot_cast(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *residence,
		   const struct pb_vote_item *items, size_t n, struct err *e)
{
	if (!who || who->account_id <= 0)
		return err_set(e, ERR_UNAUTH, "Sign in to vote");
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct ballot_ctx b = { 0 };
	rc = pb_process_get(c, process, &b.p, e);
	if (!rc)
		rc = pb_gate(&b.p, PB_ACT_VOTE, now, e);
	if (!rc && pb_blank(residence))
		rc = err_set(e, ERR_FORBIDDEN,
			     "Your account has no district of residence, which decides where you vote: ask the municipality to record it");
	if (!rc && strncmp(residence, b.p.government, strlen(b.p.government)) != 0) {
		struct territory t;
		struct err probe;
		err_init(&probe, e->lang);
		rc = err_set(e, ERR_FORBIDDEN, "You live in %s, outside %s: you vote in the participatory budget of where you live",
			     territory_get(c, residence, &t, &probe) == 0 ? t.name : residence, b.p.government_name);
	}
	if (!rc)
		rc = load_candidates(c, &b, e);
	struct pb_choice *choices = xmalloc((n + 1) * sizeof *choices);
	if (!rc)
		rc = check_ballot(c, &b, items, n, choices, e);
	int64_t ballot = 0;
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "SELECT id FROM pb_ballot WHERE process_id = ? AND account_id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_int64(st, 2, who->account_id);
			rc = db_step(st, e);
			ballot = rc == DB_ROW ? db_col_int64(st, 0) : 0;
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
	}
	bool changed = ballot > 0;
	if (!rc && changed) {
		char ts[DATETIME_FMT_MAX];
		struct db_stmt *st = db_prepare(c, "DELETE FROM pb_ballot_item WHERE ballot_id = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, ballot);
			rc = db_step_done(st, e);
		}
		if (!rc && (st = db_prepare(c, "UPDATE pb_ballot SET updated_at = ?, residence_code = ? WHERE id = ?", e))) {
			db_bind_text(st, 1, pb_now_text(now, ts));
			db_bind_text(st, 2, residence);
			db_bind_int64(st, 3, ballot);
			rc = db_step_done(st, e);
		} else if (!rc) {
			rc = e->code;
		}
	} else if (!rc) {
		rc = ballot_insert(c, &b.p, "online", who->account_id, NULL, residence, NULL, NULL, now, &ballot, e);
	}
	if (!rc)
		rc = write_items(c, ballot, &b, choices, n, e);
	if (!rc)
		rc = pb_audit(c, who, now, changed ? "pb.vote.change" : "pb.vote", process, NULL,
			      json_pack("{sIss}", "ballot", (json_int_t)ballot, "channel", "online"), e);
	free(choices);
	ctx_release(&b);
	return db_tx_leave(c, own, rc, e);
}

int pb_ballot_of(struct db_conn *c, int64_t process, int64_t account, json_t **out, struct err *e)
{
	*out = json_null();
	struct db_stmt *st = db_prepare(c,
		"SELECT b.updated_at, i.proposal_id, i.points, x.number FROM pb_ballot b"
		" JOIN pb_ballot_item i ON i.ballot_id = b.id JOIN pb_proposal x ON x.id = i.proposal_id"
		" WHERE b.process_id = ? AND b.account_id = ? ORDER BY i.position", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, process);
	db_bind_int64(st, 2, account);
	int rc;
	json_t *o = NULL, *arr = NULL;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (!o) {
			o = json_object();
			arr = json_array();
			pb_set_text(o, "updated_at", st, 0);
			json_object_set_new(o, "items", arr);
		}
		json_t *it = json_object();
		json_set_int(it, "proposal", db_col_int64(st, 1));
		json_set_int(it, "points", db_col_int64(st, 2));
		json_set_int(it, "number", db_col_int64(st, 3));
		json_array_append_new(arr, it);
	}
	db_finish(st);
	if (rc < 0) {
		json_decref(o);
		return rc;
	}
	if (o) {
		json_decref(*out);
		*out = o;
	}
	return 0;
}

/* ---- paper ballots ---- */

static bool serial_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > SERIAL_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("-_/.", s[i]))
			return false;
	return true;
}

/* "3, 5, 8" or "3 (4 pts), 5 (6 pts)": proposal numbers, the order kept for ranked
 * ballots, by number otherwise (two officers need not type them in one order). */
static char *canonical(const struct ballot_ctx *b, struct pb_choice *ch, size_t n)
{
	if (b->p.method != PB_METHOD_RANKED)
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0 && b->numbers[ch[j - 1].candidate] > b->numbers[ch[j].candidate]; j--) {
				struct pb_choice t = ch[j];
				ch[j] = ch[j - 1];
				ch[j - 1] = t;
			}
	struct buf s;
	buf_init(&s, 0);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_appends(&s, ", ");
		if (b->p.method == PB_METHOD_CUMULATIVE)
			buf_appendf(&s, "%lld (%lld)", (long long)b->numbers[ch[i].candidate], (long long)ch[i].points);
		else
			buf_appendf(&s, "%lld", (long long)b->numbers[ch[i].candidate]);
	}
	char *out = s.data ? buf_detach(&s, NULL) : xstrdup("");
	buf_release(&s);
	return out;
}

int pb_paper_enter(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *serial,
		   const struct pb_vote_item *items, size_t n, bool *counted, struct err *e)
{
	*counted = false;
	if (!serial_ok(serial))
		return err_set(e, ERR_INVALID,
			       "The serial number of a paper ballot has letters, digits, - _ / . (at most %d characters)", SERIAL_MAX);
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct ballot_ctx b = { 0 };
	rc = pb_process_get(c, process, &b.p, e);
	if (!rc)
		rc = pb_gate(&b.p, PB_ACT_PAPER, now, e);
	if (!rc)
		rc = load_candidates(c, &b, e);
	struct pb_choice *choices = xmalloc((n + 1) * sizeof *choices);
	if (!rc)
		rc = check_ballot(c, &b, items, n, choices, e);
	char *text = rc ? NULL : canonical(&b, choices, n);
	/* counted already? */
	int64_t dup = 0;
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "SELECT COUNT(*) FROM pb_ballot WHERE process_id = ? AND voter_key = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_text(st, 2, serial);
			rc = db_step(st, e);
			dup = rc == DB_ROW ? db_col_int64(st, 0) : 0;
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
		if (!rc && dup)
			rc = err_set(e, ERR_CONFLICT, "Paper ballot %s was already counted", serial);
	}
	/* the first entry, if any */
	bool pending = false;
	int64_t first_account = 0;
	char first_officer[200] = "", *first_text = NULL;
	if (!rc) {
		struct db_stmt *st = db_prepare(c,
			"SELECT officer_account_id, officer, choices FROM pb_paper_entry WHERE process_id = ? AND serial = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_text(st, 2, serial);
			if ((rc = db_step(st, e)) == DB_ROW) {
				pending = true;
				first_account = db_col_null(st, 0) ? 0 : db_col_int64(st, 0);
				snprintf(first_officer, sizeof first_officer, "%s", db_col_text(st, 1));
				first_text = xstrdup(db_col_text(st, 2));
			}
			db_finish(st);
			rc = rc < 0 ? rc : 0;
		}
	}
	char ts[DATETIME_FMT_MAX];
	pb_now_text(now, ts);
	if (!rc && !pending) {
		struct db_stmt *st = db_prepare(c,
			"INSERT INTO pb_paper_entry (process_id, serial, officer_account_id, officer, choices, created_at)"
			" VALUES (?, ?, ?, ?, ?, ?)", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_text(st, 2, serial);
			pb_bind_id_or_null(st, 3, who ? who->account_id : 0);
			db_bind_text(st, 4, pb_actor_name(who));
			db_bind_text(st, 5, text);
			db_bind_text(st, 6, ts);
			rc = db_step_done(st, e);
		}
		if (!rc)
			rc = pb_audit(c, who, now, "pb.paper.enter", process, NULL, json_pack("{ss}", "serial", serial), e);
	} else if (!rc) {
		if ((who && who->account_id && who->account_id == first_account) ||
		    (!first_account && str_eq(first_officer, pb_actor_name(who))))
			rc = err_set(e, ERR_CONFLICT, "You entered paper ballot %s already: the second entry is made by another officer",
				     serial);
		else if (!str_eq(first_text, text))
			rc = err_set(e, ERR_CONFLICT,
				     "The two entries of paper ballot %s differ (first: %s; second: %s): check the paper; an officer may discard the first entry",
				     serial, first_text, text);
		int64_t ballot = 0;
		if (!rc)
			rc = ballot_insert(c, &b.p, "paper", 0, serial, NULL, first_officer, pb_actor_name(who), now, &ballot, e);
		if (!rc)
			rc = write_items(c, ballot, &b, choices, n, e);
		if (!rc) {
			struct db_stmt *st = db_prepare(c, "DELETE FROM pb_paper_entry WHERE process_id = ? AND serial = ?", e);
			if (!st)
				rc = e->code;
			else {
				db_bind_int64(st, 1, process);
				db_bind_text(st, 2, serial);
				rc = db_step_done(st, e);
			}
		}
		if (!rc)
			rc = pb_audit(c, who, now, "pb.paper.count", process, NULL,
				      json_pack("{sssIssss}", "serial", serial, "ballot", (json_int_t)ballot, "entered_by", first_officer,
						"confirmed_by", pb_actor_name(who)), e);
		if (!rc)
			*counted = true;
	}
	free(first_text);
	free(text);
	free(choices);
	ctx_release(&b);
	return db_tx_leave(c, own, rc, e);
}

int pb_paper_discard(struct db_conn *c, const struct actor *who, int64_t now, int64_t process, const char *serial,
		     struct err *e)
{
	if (!serial_ok(serial))
		return err_set(e, ERR_INVALID,
			       "The serial number of a paper ballot has letters, digits, - _ / . (at most %d characters)", SERIAL_MAX);
	bool own;
	int rc = db_tx_enter(c, &own, e);
	if (rc)
		return rc;
	struct pb_process p;
	rc = pb_process_get(c, process, &p, e);
	if (!rc)
		rc = pb_open_check(&p, e);
	if (!rc) {
		struct db_stmt *st = db_prepare(c, "DELETE FROM pb_paper_entry WHERE process_id = ? AND serial = ?", e);
		if (!st)
			rc = e->code;
		else {
			db_bind_int64(st, 1, process);
			db_bind_text(st, 2, serial);
			rc = db_step_done(st, e);
			if (!rc && db_changes(c) == 0)
				rc = err_set(e, ERR_NOTFOUND, "No paper ballot %s is waiting for its second entry", serial);
		}
	}
	if (!rc)
		rc = pb_audit(c, who, now, "pb.paper.discard", process, json_pack("{ss}", "serial", serial), NULL, e);
	return db_tx_leave(c, own, rc, e);
}

int pb_paper_status(struct db_conn *c, int64_t process, json_t **out, struct err *e)
{
	struct db_stmt *st = db_prepare(c,
		"SELECT serial, officer, created_at FROM pb_paper_entry WHERE process_id = ? ORDER BY created_at, serial", e);
	if (!st)
		return e->code;
	db_bind_int64(st, 1, process);
	json_t *pending = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		pb_set_text(o, "serial", st, 0);
		pb_set_text(o, "officer", st, 1);
		pb_set_text(o, "created_at", st, 2);
		json_array_append_new(pending, o);
	}
	db_finish(st);
	int64_t counted = 0, online = 0;
	if (rc >= 0)
		rc = pb_int_query(c, "SELECT COUNT(*) FROM pb_ballot WHERE process_id = ? AND channel = 'paper'", process, 0, &counted, e);
	if (rc >= 0)
		rc = pb_int_query(c, "SELECT COUNT(*) FROM pb_ballot WHERE process_id = ? AND channel = 'online'", process, 0, &online, e);
	if (rc < 0) {
		json_decref(pending);
		return rc;
	}
	json_t *o = json_object();
	json_object_set_new(o, "pending", pending);
	json_set_int(o, "counted", counted);
	json_set_int(o, "online", online);
	*out = o;
	return 0;
}

int pb_candidates(struct db_conn *c, int64_t process, json_t **items, struct err *e)
{
	json_t *all = NULL;
	int rc = pb_proposal_list(c, process, &all, e);
	if (rc)
		return rc;
	json_t *arr = json_array();
	size_t i;
	json_t *x;
	json_array_foreach(all, i, x)
		if (str_eq(json_get_str(x, "review", ""), "viable"))
			json_array_append(arr, x);
	json_decref(all);
	*items = arr;
	return 0;
}
