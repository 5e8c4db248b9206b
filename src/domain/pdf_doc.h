/* pdf_doc.h — a small document writer over libharu shared by minka's PDFs (the
 * plan document, the participatory budget's acta): A4 pages with a footer and
 * page numbers, paragraphs wrapped to a measured width, headings, and the
 * result in memory. Text in DejaVu Sans (regular and bold), embedded, so Spanish
 * (and any Latin) text renders. */
#ifndef MINKA_PDF_DOC_H
#define MINKA_PDF_DOC_H

#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"

#include <hpdf.h>

/* The fonts (fonts-dejavu-core); $MINKA_FONT_DIR overrides the directory. */
#define PDF_FONT_DIR "/usr/share/fonts/truetype/dejavu"

#define PDF_PAGE_W 595.276f
#define PDF_PAGE_H 841.89f
#define PDF_MARGIN 56.0f
#define PDF_BOTTOM 64.0f

struct pdf_doc {
	HPDF_Doc pdf;
	HPDF_Page page;
	HPDF_Font reg, bold;
	float y;                 /* where the next line goes, from the bottom */
	int pageno;
	bool failed;
	HPDF_STATUS code;
	char footer[160];
};

/* Loads the fonts and sets the document's title and author; footer is the text
 * at the foot of every page. No page yet. */
int pdf_doc_open(struct pdf_doc *w, const char *title, const char *author, const char *footer, struct err *e);
/* A new page (with the footer); y at the top margin. */
void pdf_doc_page(struct pdf_doc *w);
/* A new page unless h points still fit above the bottom margin. */
void pdf_doc_need(struct pdf_doc *w, float h);
/* Text wrapped to `width` at x, advancing y by `leading` per line; grey when muted. */
void pdf_doc_para(struct pdf_doc *w, HPDF_Font font, float size, float x, float width, float leading, const char *text,
		  bool muted);
/* A section heading across the page. */
void pdf_doc_heading(struct pdf_doc *w, const char *text);
/* A horizontal rule at y. */
void pdf_doc_rule(struct pdf_doc *w, float x0, float x1);
/* Saves the document into out and frees it. 0, or an error. */
int pdf_doc_finish(struct pdf_doc *w, struct buf *out, struct err *e);

#endif
