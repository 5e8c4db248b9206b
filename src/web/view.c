/* view.c — labels, amounts and options for the project and investment pages. */
#include "core/compat.h"
#include "web/view.h"
#include "web/server.h"
#include "core/json.h"
#include "core/money.h"
#include "domain/invest.h"
#include "rules/invest_rules.h"
#include "rules/permission.h"
#include "rules/project_rules.h"

bool view_can(const struct req *r, const char *action, const char *territory)
{
	return perm_allows(r->signed_in, r->user.grants, r->signed_in ? r->user.ngrants : 0, action, territory);
}

void view_amount(json_t *o, const char *key, const char *currency, const json_t *cents)
{
	if (!cents || !json_is_integer(cents)) {
		json_object_set_new(o, key, json_null());
		return;
	}
	char txt[64];
	json_set_str(o, key, amount_format(currency, json_integer_value(cents), txt, sizeof txt));
}

void view_percent(json_t *o, const char *key, int64_t bp)
{
	char txt[40];
	bp_format(bp, txt, sizeof txt);
	size_t n = strlen(txt);
	snprintf(txt + n, sizeof txt - n, " %%");
	json_set_str(o, key, txt);
}

void view_project(const struct req *r, json_t *p)
{
	const char *cur = json_get_str(p, "currency", "PEN");
	enum project_status s = project_status_parse(json_get_str(p, "status", ""));
	json_set_str(p, "status_label", req_tr(r, project_status_label(s)));
	json_set_str(p, "sector_label", req_tr(r, project_sector_label(json_get_str(p, "sector", ""))));
	view_amount(p, "cost_text", cur, json_object_get(p, "cost_cents"));
	view_amount(p, "estimated_text", cur, json_object_get(p, "estimated_cost_cents"));
	view_amount(p, "updated_text", cur, json_object_get(p, "updated_cost_cents"));
	char txt[16];
	json_set_str(p, "progress_text", progress_format(json_get_int(p, "physical_progress_bp", 0), txt, sizeof txt));
	json_set_bool(p, "from_import", str_eq(json_get_str(p, "origin", ""), "import"));
	json_set_bool(p, "from_initiative", str_eq(json_get_str(p, "origin", ""), "initiative"));
}

json_t *view_options(const struct req *r, const char *const *names, const char *(*label)(const char *),
		     const char *selected, const char *blank)
{
	json_t *arr = json_array();
	if (blank) {
		json_t *o = json_object();
		json_set_str(o, "value", "");
		json_set_str(o, "label", req_tr(r, blank));
		json_set_bool(o, "selected", !selected || !*selected);
		json_array_append_new(arr, o);
	}
	for (const char *const *n = names; *n; n++) {
		json_t *o = json_object();
		json_set_str(o, "value", *n);
		json_set_str(o, "label", req_tr(r, label(*n)));
		json_set_bool(o, "selected", str_eq(*n, selected));
		json_array_append_new(arr, o);
	}
	return arr;
}

const char *view_government(const struct req *r)
{
	const char *g = req_param(r, "government");
	return g && *g ? g : r->app->home_government;
}

void view_attachment(struct req *r, const char *file_name)
{
	char ascii[160];
	size_t j = 0;
	for (const unsigned char *p = (const unsigned char *)file_name; *p && j + 1 < sizeof ascii; p++)
		ascii[j++] = (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' && *p != ';') ? (char)*p : '_';
	ascii[j] = '\0';
	struct buf h;
	buf_init(&h, 2048);
	buf_appendf(&h, "attachment; filename=\"%s\"; filename*=UTF-8''", ascii);
	buf_append_urlenc(&h, file_name);
	req_add_header(r, "Content-Disposition", buf_cstr(&h));
	buf_release(&h);
}

void view_execution(const struct req *r, json_t *table)
{
	json_t *groups[2] = { json_object_get(table, "rows"), json_object_get(table, "totals") };
	for (int g = 0; g < 2; g++) {
		size_t i;
		json_t *row;
		json_array_foreach(groups[g], i, row) {
			const char *cur = g == 0 ? json_get_str(json_object_get(row, "source"), "currency", "PEN")
						 : json_get_str(row, "currency", "PEN");
			for (int k = 0; k < FK_COUNT; k++) {
				char key[40], text[40];
				snprintf(key, sizeof key, "%s_cents", finance_kind_name((enum finance_kind)k));
				snprintf(text, sizeof text, "%s_text", finance_kind_name((enum finance_kind)k));
				char m[MONEY_FMT_MAX];
				json_set_str(row, text, money_format_grouped(json_get_int(row, key, 0), m));
			}
			view_percent(row, "committed_pct", json_get_int(row, "committed_bp", 0));
			view_percent(row, "disbursed_pct", json_get_int(row, "disbursed_bp", 0));
			json_set_str(row, "currency_code", cur);
			if (json_get_int(row, "expenditure_cents", 0))
				json_object_set_new(table, "has_expenditure", json_true());
			if (g == 0)
				json_set_str(json_object_get(row, "source"), "kind_label",
					     req_tr(r, funding_kind_label(json_get_str(json_object_get(row, "source"), "kind", ""))));
		}
	}
}

bool view_shows_form(int rc) { return err_http_status(rc) < 500 && rc != ERR_UNAUTH && rc != ERR_FORBIDDEN; }

const char *view_take_refusal(struct req *r, int rc, char msg[ERR_MSG_MAX])
{
	snprintf(msg, ERR_MSG_MAX, "%s", r->err.msg);
	err_init(&r->err, r->lang);
	r->status = err_http_status(rc);
	return msg;
}

int view_send_file(struct req *r, void *data, size_t len, json_t *meta)
{
	int rc = buf_append(&r->out, data, len);
	free(data);
	if (rc) {
		json_decref(meta);
		return err_set(&r->err, ERR_INTERNAL, "out of memory");
	}
	/* the response is sent after the handler returns: the type outlives meta */
	static __thread char ctype[128];
	snprintf(ctype, sizeof ctype, "%s", json_get_str(meta, "content_type", "application/octet-stream"));
	r->content_type = ctype;
	view_attachment(r, json_get_str(meta, "file_name", "archivo"));
	json_decref(meta);
	return 200;
}

int view_after_form(struct req *r, int64_t id, int rc, const char *form, const char *anchor, const char *base,
		    int (*show)(struct req *r, int64_t id, const struct form_error *fe))
{
	if (rc) {
		if (!view_shows_form(rc))
			return rc;
		char msg[ERR_MSG_MAX];
		struct form_error fe = { form, view_take_refusal(r, rc, msg) };
		return show(r, id, &fe);
	}
	char loc[160];
	snprintf(loc, sizeof loc, "%s/%lld#%s", base, (long long)id, anchor);
	return redirect(r, loc);
}
