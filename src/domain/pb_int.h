/* pb_int.h — what the files of the participatory-budget module share; nothing
 * outside the module includes it. */
#ifndef MINKA_PB_INT_H
#define MINKA_PB_INT_H

#include "domain/pb.h"
#include "core/date.h"

#define PB_YEAR_MIN 1990
#define PB_YEAR_MAX 2100

/* Checks a text field: valid UTF-8, at most max characters, present if required.
 * The field is named in the message. */
int pb_text_check(const char *field, const char *s, size_t max, bool required, struct err *e);
/* NULL and "" alike. */
static inline bool pb_blank(const char *s) { return !s || !*s; }

/* Refuses what the calendar does not allow at `now` (a precise message with the
 * date), and anything but vigilance once the acta is signed. */
int pb_gate(const struct pb_process *p, enum pb_act act, int64_t now, struct err *e);
/* ERR_CONFLICT once the acta is signed. */
int pb_open_check(const struct pb_process *p, struct err *e);

/* One audit entry about a process ("pb_process", id): action, what it was and is. */
int pb_audit(struct db_conn *c, const struct actor *who, int64_t now, const char *action, int64_t process,
	     json_t *before, json_t *after, struct err *e);

/* SELECT returning one integer for one id parameter; *out = def when no row. */
int pb_int_query(struct db_conn *c, const char *sql, int64_t id, int64_t def, int64_t *out, struct err *e);
/* Binds text or NULL (for NULL and ""). */
void pb_bind_text_or_null(struct db_stmt *st, int idx, const char *s);
void pb_bind_id_or_null(struct db_stmt *st, int idx, int64_t id);
/* o[key] = text, or null for NULL. */
void pb_set_text(json_t *o, const char *key, struct db_stmt *st, int col);
void pb_set_int_or_null(json_t *o, const char *key, struct db_stmt *st, int col);
const char *pb_now_text(int64_t now, char out[DATETIME_FMT_MAX]);
/* "YYYY-MM-DDTHH:MM:SSZ" → epoch (0 when NULL or unreadable). */
int64_t pb_time_of(const char *s);
/* The actor's name for records ("system" when none). */
const char *pb_actor_name(const struct actor *who);

/* The candidates of a process, everything the results need, loaded in
 * tie-break order (score, then filing). Release with pb_load_release. */
struct pb_loaded {
	struct pb_process proc;
	struct pb_results_input in;
	struct pb_candidate *cand;
	int64_t *proposal_ids;         /* per candidate */
	char **ids;                    /* Pabulib ids (owned) */
	json_t *items;                 /* per candidate: the proposal's JSON (number, title, zone, ...) */
	int64_t *zone_ids;             /* per zone index */
	json_t *zones;                 /* [{id, name, budget_cents}] */
	int64_t *zone_budget;
	int64_t *caps;
	const char **cap_names;        /* per cap index: the category */
	struct pb_cast *casts;
	uint32_t *cast_items;
	int64_t *cast_points;
	size_t ncasts;
	bool only_viable;
};
/* only_viable: leave the not-viable proposals out entirely (the export, the
 * ballot); otherwise they are candidates that never run. */
int pb_load(struct db_conn *c, int64_t process, bool only_viable, struct pb_loaded *L, struct err *e);
void pb_load_release(struct pb_loaded *L);

/* Scores of the matrix, per proposal id in filing order (millionths of a point). */
int pb_scores(struct db_conn *c, int64_t process, json_t **totals, struct err *e);

#endif
