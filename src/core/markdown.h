/* markdown.h — Markdown written by people (a plan's vision, mission, list of
 * participants) rendered by cmark (CommonMark) in safe mode: raw HTML is
 * dropped and links to javascript:, vbscript:, file: and data: (except images)
 * are removed, so the result may go into a page with {{raw}}. */
#ifndef MINKA_MARKDOWN_H
#define MINKA_MARKDOWN_H

#include "core/compat.h"

/* HTML for text (NULL = ""). Caller frees. */
char *md_to_html(const char *text);

enum md_block { MD_PARAGRAPH, MD_HEADING, MD_ITEM };
/* The text's blocks as plain text (for the PDF): each paragraph, heading and
 * list item once, inline marks dropped, line breaks as spaces. */
void md_blocks(const char *text, void (*fn)(enum md_block kind, const char *text, void *arg), void *arg);

#endif
