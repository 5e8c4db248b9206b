/* view.h — small helpers the record pages share (projects, investment plans,
 * indicators, participatory budget): labels
 * in the request's language for codes the domain returns, amounts with their
 * currency, select options, and permission tests for showing a form. */
#ifndef MINKA_VIEW_H
#define MINKA_VIEW_H

#include "core/compat.h"
#include "web/http.h"

#include <jansson.h>

/* Would req_authorize() allow it? (no error is set) */
bool view_can(const struct req *r, const char *action, const char *territory);
/* Sets o[key] to "S/ 1,234.56" / "USD 1,234.56" for cents, or null when the
 * member `cents_key` is missing or null. */
void view_amount(json_t *o, const char *key, const char *currency, const json_t *cents);
/* Adds status_label, sector_label, cost/estimated/updated texts, progress text
 * and the place's name to a project object (project.h JSON). */
void view_project(const struct req *r, json_t *p);
/* [{value, label, selected}] from NULL-terminated names; label(name) gives the
 * message id. An empty first option when `blank` is not NULL (its label). */
json_t *view_options(const struct req *r, const char *const *names, const char *(*label)(const char *),
		     const char *selected, const char *blank);
/* "99.97 %" for 9997 hundredths. */
void view_percent(json_t *o, const char *key, int64_t bp);
/* Texts for an execution table (invest.h finance_execution_table): amounts
 * grouped, percentages, source kinds; sets has_expenditure when any. */
void view_execution(const struct req *r, json_t *table);
/* The government a page is about: ?government=, else the installation's. */
const char *view_government(const struct req *r);
/* Adds a Content-Disposition: attachment header with a safe file name. */
void view_attachment(struct req *r, const char *file_name);

/* A form the domain refused, shown again on its record's page with the message. */
struct form_error {
	const char *form;     /* which form failed: "transition", "finance", ... */
	const char *message;
};
/* Whether a refusal is shown on the form (a 4xx other than 401/403) rather
 * than as an error page. */
bool view_shows_form(int rc);
/* For a refusal shown on its form: moves the domain's message into msg, clears
 * the request's error and sets the status the refusal calls for. Returns msg. */
const char *view_take_refusal(struct req *r, int rc, char msg[ERR_MSG_MAX]);
/* Answers a stored file (domain/stored_file.h) as a download: its bytes, its
 * content type and its name from meta ({file_name, content_type}); takes data
 * and meta. */
int view_send_file(struct req *r, void *data, size_t len, json_t *meta);
/* After a form posted on a record's page: on success a redirect to
 * base/ID#anchor ("/projects/12#finance"); refused with a 4xx, the page again
 * (show(r, id, &form_error)) with the status and the message; anything else
 * returned as it is. */
int view_after_form(struct req *r, int64_t id, int rc, const char *form, const char *anchor, const char *base,
		    int (*show)(struct req *r, int64_t id, const struct form_error *fe));

#endif
