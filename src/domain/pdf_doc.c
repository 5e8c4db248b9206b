/* pdf_doc.c — the shared PDF writer (see pdf_doc.h). Text is laid out by hand:
 * words wrapped to the measured width, a new page when the column is full, a
 * footer with the document's title and the page number. */
#include "core/compat.h"
#include "domain/pdf_doc.h"
#include "core/xalloc.h"

#include <sys/stat.h>

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *arg)
{
	(void)detail;
	struct pdf_doc *w = arg;
	if (!w->failed)
		w->code = code;
	w->failed = true;
}

static int font_path(const char *file, char *out, size_t n, struct err *e)
{
	const char *dir = getenv("MINKA_FONT_DIR");
	snprintf(out, n, "%s/%s", dir && *dir ? dir : PDF_FONT_DIR, file);
	struct stat st;
	if (stat(out, &st) != 0)
		return err_set(e, ERR_UNAVAILABLE, "The font %s is missing (Debian package fonts-dejavu-core)", out);
	return 0;
}

int pdf_doc_open(struct pdf_doc *w, const char *title, const char *author, const char *footer, struct err *e)
{
	memset(w, 0, sizeof *w);
	char regular[600], boldf[600];
	int rc = font_path("DejaVuSans.ttf", regular, sizeof regular, e);
	if (!rc)
		rc = font_path("DejaVuSans-Bold.ttf", boldf, sizeof boldf, e);
	if (rc)
		return rc;
	w->pdf = HPDF_New(on_error, w);
	if (!w->pdf)
		return err_set(e, ERR_NOMEM, "out of memory");
	HPDF_UseUTFEncodings(w->pdf);
	HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
	HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL);
	const char *rn = HPDF_LoadTTFontFromFile(w->pdf, regular, HPDF_TRUE);
	const char *bn = HPDF_LoadTTFontFromFile(w->pdf, boldf, HPDF_TRUE);
	if (w->failed || !rn || !bn) {
		HPDF_Free(w->pdf);
		w->pdf = NULL;
		return err_set(e, ERR_IO, "The PDF fonts could not be loaded (error %04X)", (unsigned)w->code);
	}
	w->reg = HPDF_GetFont(w->pdf, rn, "UTF-8");
	w->bold = HPDF_GetFont(w->pdf, bn, "UTF-8");
	HPDF_SetInfoAttr(w->pdf, HPDF_INFO_TITLE, title);
	HPDF_SetInfoAttr(w->pdf, HPDF_INFO_AUTHOR, author);
	HPDF_SetInfoAttr(w->pdf, HPDF_INFO_CREATOR, "minka");
	snprintf(w->footer, sizeof w->footer, "%.140s", footer ? footer : "");
	return 0;
}

void pdf_doc_page(struct pdf_doc *w)
{
	w->page = HPDF_AddPage(w->pdf);
	HPDF_Page_SetSize(w->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	w->pageno++;
	w->y = PDF_PAGE_H - PDF_MARGIN;
	char num[32];
	snprintf(num, sizeof num, "%d", w->pageno);
	HPDF_Page_SetRGBFill(w->page, 0.4f, 0.4f, 0.4f);
	HPDF_Page_BeginText(w->page);
	HPDF_Page_SetFontAndSize(w->page, w->reg, 8);
	HPDF_Page_TextOut(w->page, PDF_MARGIN, 32, w->footer);
	HPDF_Page_TextOut(w->page, PDF_PAGE_W - PDF_MARGIN - HPDF_Page_TextWidth(w->page, num), 32, num);
	HPDF_Page_EndText(w->page);
	HPDF_Page_SetLineWidth(w->page, 0.5f);
	HPDF_Page_SetRGBStroke(w->page, 0.75f, 0.75f, 0.75f);
	HPDF_Page_MoveTo(w->page, PDF_MARGIN, 44);
	HPDF_Page_LineTo(w->page, PDF_PAGE_W - PDF_MARGIN, 44);
	HPDF_Page_Stroke(w->page);
	HPDF_Page_SetRGBFill(w->page, 0, 0, 0);
}

void pdf_doc_need(struct pdf_doc *w, float h)
{
	if (!w->page || w->y - h < PDF_BOTTOM)
		pdf_doc_page(w);
}

/* Bytes of the next UTF-8 character. */
static size_t utf8_next(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	for (size_t i = 1; i < n; i++)
		if (!s[i])
			return i;
	return n;
}

void pdf_doc_para(struct pdf_doc *w, HPDF_Font font, float size, float x, float width, float leading, const char *text,
		  bool muted)
{
	if (!text || !*text)
		return;
	pdf_doc_need(w, leading);
	HPDF_Page_SetFontAndSize(w->page, font, size);
	size_t len = strlen(text);
	char *line = xmalloc(len + 1);
	const char *p = text;
	while (*p) {
		while (*p == ' ' || *p == '\n')
			p++;
		if (!*p)
			break;
		/* the longest prefix of whole words that fits (a newline ends the line) */
		size_t best = 0, j = 0;
		line[0] = '\0';
		while (p[j] && p[j] != '\n') {
			size_t k = j;
			while (p[k] == ' ')
				k++;
			size_t end = k;
			while (p[end] && p[end] != ' ' && p[end] != '\n')
				end++;
			memcpy(line, p, end);
			line[end] = '\0';
			if (HPDF_Page_TextWidth(w->page, line) > width)
				break;
			best = end;
			j = end;
		}
		if (best == 0) {
			/* one word longer than the line: cut it by characters */
			size_t k = 0;
			while (p[k] && p[k] != ' ' && p[k] != '\n') {
				size_t n = utf8_next(p + k);
				memcpy(line, p, k + n);
				line[k + n] = '\0';
				if (k > 0 && HPDF_Page_TextWidth(w->page, line) > width)
					break;
				k += n;
			}
			best = k ? k : utf8_next(p);
		}
		memcpy(line, p, best);
		line[best] = '\0';
		pdf_doc_need(w, leading);
		HPDF_Page_SetFontAndSize(w->page, font, size);
		if (muted)
			HPDF_Page_SetRGBFill(w->page, 0.35f, 0.35f, 0.35f);
		HPDF_Page_BeginText(w->page);
		HPDF_Page_TextOut(w->page, x, w->y - size, line);
		HPDF_Page_EndText(w->page);
		if (muted)
			HPDF_Page_SetRGBFill(w->page, 0, 0, 0);
		w->y -= leading;
		p += best;
	}
	free(line);
}

void pdf_doc_heading(struct pdf_doc *w, const char *text)
{
	pdf_doc_need(w, 48);
	w->y -= 10;
	pdf_doc_para(w, w->bold, 14, PDF_MARGIN, PDF_PAGE_W - 2 * PDF_MARGIN, 20, text, false);
	w->y -= 4;
}

void pdf_doc_rule(struct pdf_doc *w, float x0, float x1)
{
	pdf_doc_need(w, 6);
	HPDF_Page_SetLineWidth(w->page, 0.5f);
	HPDF_Page_SetRGBStroke(w->page, 0.6f, 0.6f, 0.6f);
	HPDF_Page_MoveTo(w->page, x0, w->y);
	HPDF_Page_LineTo(w->page, x1, w->y);
	HPDF_Page_Stroke(w->page);
}

int pdf_doc_finish(struct pdf_doc *w, struct buf *out, struct err *e)
{
	int rc = 0;
	if (!w->failed)
		HPDF_SaveToStream(w->pdf);
	if (w->failed) {
		HPDF_Free(w->pdf);
		return err_set(e, ERR_INTERNAL, "The PDF could not be made (error %04X)", (unsigned)w->code);
	}
	HPDF_ResetStream(w->pdf);
	for (;;) {
		HPDF_BYTE chunk[16384];
		HPDF_UINT32 n = sizeof chunk;
		HPDF_STATUS st = HPDF_ReadFromStream(w->pdf, chunk, &n);
		if (n && (rc = buf_append(out, chunk, n)))
			break;
		if (st == HPDF_STREAM_EOF || n == 0)
			break;
	}
	HPDF_Free(w->pdf);
	w->pdf = NULL;
	if (rc)
		return err_set(e, rc, "The PDF is too large");
	return 0;
}
