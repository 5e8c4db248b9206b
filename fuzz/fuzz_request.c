/* fuzz_request.c — libFuzzer target for the request parsers of web/router.c and
 * the Accept-Language negotiation: route matching over minka's real route table,
 * form/query decoding, and parameter validation against each route's declared
 * parameters. Input: "METHOD\nPATH\nACCEPT-LANGUAGE\nBODY". */
#include "core/compat.h"
#include "core/i18n.h"
#include "web/router.h"
#include "web/server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *take_line(const char **p, const char *end)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	size_t n = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
	char *s = malloc(n + 1);
	memcpy(s, *p, n);
	s[n] = '\0';
	*p = nl ? nl + 1 : end;
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	if (!init) {
		struct err e;
		err_init(&e, NULL);
		i18n_init(&e);
		init = true;
	}
	const char *p = (const char *)data, *end = p + size;
	char *method = take_line(&p, end);
	char *path = take_line(&p, end);
	char *lang = take_line(&p, end);
	char args[ROUTE_MAX_ARGS][ROUTE_ARG_MAX];
	int nargs;
	bool pm;
	const struct route *rt = router_match(minka_routes, minka_routes_count, method, path, args, &nargs, &pm);
	(void)i18n_negotiate(lang);
	struct kv_list raw, out;
	kv_list_init(&raw);
	kv_list_init(&out);
	struct err e;
	err_init(&e, NULL);
	if (form_parse_urlencoded(p, (size_t)(end - p), &raw, &e) == 0) {
		if (rt)
			params_validate(rt->params, &raw, &out, &e);
		for (size_t i = 0; i < minka_routes_count; i++) {
			kv_list_release(&out);
			params_validate(minka_routes[i].params, &raw, &out, &e);
		}
	}
	kv_list_release(&raw);
	kv_list_release(&out);
	free(method);
	free(path);
	free(lang);
	return 0;
}
