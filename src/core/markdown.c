/* markdown.c — cmark in safe mode, and plain-text blocks from its tree. */
#include "core/compat.h"
#include "core/markdown.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <cmark.h>

char *md_to_html(const char *text)
{
	const char *s = text ? text : "";
	/* CMARK_OPT_SAFE is the default since cmark 0.29; named for older ones */
	char *html = cmark_markdown_to_html(s, strlen(s), CMARK_OPT_DEFAULT | CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8);
	if (!html)
		return xstrdup("");
	char *out = xstrdup(html);
	free(html);
	return out;
}

void md_blocks(const char *text, void (*fn)(enum md_block kind, const char *text, void *arg), void *arg)
{
	const char *s = text ? text : "";
	cmark_node *doc = cmark_parse_document(s, strlen(s), CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	if (!doc)
		return;
	cmark_iter *it = cmark_iter_new(doc);
	struct buf b;
	buf_init(&b, 1 << 20);
	bool in_block = false;
	enum md_block kind = MD_PARAGRAPH;
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_CODE_BLOCK) {
			if (ev == CMARK_EVENT_ENTER) {
				buf_reset(&b);
				in_block = true;
				cmark_node *parent = cmark_node_parent(n);
				kind = t == CMARK_NODE_HEADING ? MD_HEADING
				     : parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM ? MD_ITEM : MD_PARAGRAPH;
				if (t == CMARK_NODE_CODE_BLOCK) {
					const char *lit = cmark_node_get_literal(n);
					buf_appends(&b, lit ? lit : "");
					fn(kind, buf_cstr(&b), arg);
					in_block = false;
				}
			} else if (in_block) {
				fn(kind, buf_cstr(&b), arg);
				in_block = false;
			}
			continue;
		}
		if (!in_block || ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			const char *lit = cmark_node_get_literal(n);
			buf_appends(&b, lit ? lit : "");
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			buf_appendc(&b, ' ');
		}
	}
	buf_release(&b);
	cmark_iter_free(it);
	cmark_node_free(doc);
}
