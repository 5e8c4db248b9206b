/* h_pb.h — what the participatory-budget handlers share (h_pb.c: public pages
 * and API; h_pb_manage.c: the technical team's pages and forms; h_pb_act.c:
 * what agents, the committee, voters, officers and the vigilance committee do). */
#ifndef MINKA_H_PB_H
#define MINKA_H_PB_H

#include "core/compat.h"
#include "domain/pb.h"
#include "web/http.h"

#include <jansson.h>

/* A form's failure shown on the page that holds it: ctx[slot] = {message}, and
 * ctx.posted = what was typed. */
struct pb_form_error {
	const char *slot;
	const char *message;
};

/* The process of the path ({id}), or 404. */
int pb_path_process(struct req *r, struct pb_process *p);
/* The n-th path argument as an id, or 404. */
int pb_path_id(struct req *r, int n, int64_t *id);
/* The context every process page starts from: proc (with labels), can.*, the
 * current tab. NULL with r->err set on failure. */
json_t *pb_page_ctx(struct req *r, const struct pb_process *p, const char *tab);
/* Adds the form error and the posted values to ctx. */
void pb_form_error_put(struct req *r, json_t *ctx, const struct pb_form_error *fe);
/* After a POST: a redirect on success; the page again with the message on a 4xx
 * the person can fix (not 401/403); the error page otherwise. */
int pb_after(struct req *r, int rc, int64_t id, int (*again)(struct req *r, int64_t id, const struct pb_form_error *fe),
	     const char *slot, const char *location);
/* Values of a repeated parameter, in order (at most max); returns the count. */
size_t pb_multi(const struct req *r, const char *name, const char **out, size_t max);
/* An amount field in soles: *out < 0 when empty. ERR_INVALID with the label. */
int pb_amount(struct req *r, const char *name, const char *label, bool required, int64_t *out);
/* Labels for a proposal JSON: review_label, sector_label, amount texts. */
void pb_view_proposal(const struct req *r, const char *currency, json_t *x);
/* "S/ 1,234.56" in the process's currency into o[key]. */
void pb_view_money(json_t *o, const char *key, const char *currency, int64_t cents);

/* The pages that hold forms (each shows the form's error when given). */
int pb_manage_page(struct req *r, int64_t id, const struct pb_form_error *fe);
int pb_agents_page(struct req *r, int64_t id, const struct pb_form_error *fe);
int pb_proposal_page(struct req *r, int64_t id, const struct pb_form_error *fe);
int pb_acta_page(struct req *r, int64_t id, const struct pb_form_error *fe);
int pb_vigilance_page(struct req *r, int64_t id, const struct pb_form_error *fe);
int pb_vote_page(struct req *r, int64_t id, const struct pb_form_error *fe);
int pb_paper_page(struct req *r, int64_t id, const struct pb_form_error *fe);
int pb_register_page(struct req *r, int64_t id, const struct pb_form_error *fe);
int pb_file_page(struct req *r, int64_t id, const struct pb_form_error *fe);

#endif
