/* plan_pdf.c — the plan document as PDF (see plan_pdf.h). Text is laid out by
 * hand: words wrapped to the measured width, a new page when the column is full,
 * a footer with the plan's title and the page number. */
#include "core/compat.h"
#include "domain/plan_pdf.h"
#include "core/date.h"
#include "core/json.h"
#include "core/markdown.h"
#include "core/xalloc.h"
#include "domain/plan.h"

#include <hpdf.h>
#include <sys/stat.h>

#define PAGE_W 595.276f
#define PAGE_H 841.89f
#define MARGIN 56.0f
#define BOTTOM 64.0f

struct pdfw {
	HPDF_Doc pdf;
	HPDF_Page page;
	HPDF_Font reg, bold;
	float y;
	int pageno;
	bool failed;
	HPDF_STATUS code;
	const struct i18n_lang *lang;
	char footer[160];
};

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *arg)
{
	(void)detail;
	struct pdfw *w = arg;
	if (!w->failed)
		w->code = code;
	w->failed = true;
}

static void new_page(struct pdfw *w)
{
	w->page = HPDF_AddPage(w->pdf);
	HPDF_Page_SetSize(w->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	w->pageno++;
	w->y = PAGE_H - MARGIN;
	/* footer */
	char num[32];
	snprintf(num, sizeof num, "%d", w->pageno);
	HPDF_Page_SetRGBFill(w->page, 0.4f, 0.4f, 0.4f);
	HPDF_Page_BeginText(w->page);
	HPDF_Page_SetFontAndSize(w->page, w->reg, 8);
	HPDF_Page_TextOut(w->page, MARGIN, 32, w->footer);
	HPDF_Page_SetFontAndSize(w->page, w->reg, 8);
	HPDF_Page_TextOut(w->page, PAGE_W - MARGIN - HPDF_Page_TextWidth(w->page, num), 32, num);
	HPDF_Page_EndText(w->page);
	HPDF_Page_SetLineWidth(w->page, 0.5f);
	HPDF_Page_SetRGBStroke(w->page, 0.75f, 0.75f, 0.75f);
	HPDF_Page_MoveTo(w->page, MARGIN, 44);
	HPDF_Page_LineTo(w->page, PAGE_W - MARGIN, 44);
	HPDF_Page_Stroke(w->page);
	HPDF_Page_SetRGBFill(w->page, 0, 0, 0);
}

static void need(struct pdfw *w, float h)
{
	if (w->y - h < BOTTOM)
		new_page(w);
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

static float width_of(struct pdfw *w, const char *s)
{
	return HPDF_Page_TextWidth(w->page, s);
}

/* Writes text wrapped to width at x, in font and size, advancing y by leading
 * per line; colour grey when muted. */
static void para(struct pdfw *w, HPDF_Font font, float size, float x, float width, float leading, const char *text,
		 bool muted)
{
	if (!text || !*text)
		return;
	HPDF_Page_SetFontAndSize(w->page, font, size);
	size_t len = strlen(text);
	char *line = xmalloc(len + 1);
	const char *p = text;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		/* the longest prefix of whole words that fits */
		size_t best = 0, j = 0;
		line[0] = '\0';
		while (p[j]) {
			size_t k = j;
			while (p[k] == ' ')
				k++;
			size_t end = k;
			while (p[end] && p[end] != ' ')
				end++;
			memcpy(line, p, end);
			line[end] = '\0';
			if (width_of(w, line) > width)
				break;
			best = end;
			j = end;
		}
		if (best == 0) {
			/* one word longer than the line: cut it by characters */
			size_t k = 0;
			while (p[k] && p[k] != ' ') {
				size_t n = utf8_next(p + k);
				memcpy(line, p, k + n);
				line[k + n] = '\0';
				if (k > 0 && width_of(w, line) > width)
					break;
				k += n;
			}
			best = k ? k : utf8_next(p);
		}
		memcpy(line, p, best);
		line[best] = '\0';
		need(w, leading);
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

static void heading(struct pdfw *w, const char *text)
{
	need(w, 48);
	w->y -= 10;
	para(w, w->bold, 14, MARGIN, PAGE_W - 2 * MARGIN, 20, text, false);
	w->y -= 4;
}

struct md_arg {
	struct pdfw *w;
};

static void md_block(enum md_block kind, const char *text, void *arg)
{
	struct pdfw *w = ((struct md_arg *)arg)->w;
	if (kind == MD_HEADING) {
		para(w, w->bold, 11, MARGIN, PAGE_W - 2 * MARGIN, 15, text, false);
	} else if (kind == MD_ITEM) {
		char *t = xasprintf("• %s", text);
		para(w, w->reg, 10.5f, MARGIN + 8, PAGE_W - 2 * MARGIN - 8, 14, t, false);
		free(t);
	} else {
		para(w, w->reg, 10.5f, MARGIN, PAGE_W - 2 * MARGIN, 14, text, false);
	}
	w->y -= 5;
}

static void section_md(struct pdfw *w, const char *title, const char *md)
{
	if (!md || !*md)
		return;
	heading(w, title);
	struct md_arg a = { w };
	md_blocks(md, md_block, &a);
}

static int font_path(const char *file, char *out, size_t n, struct err *e)
{
	const char *dir = getenv("MINKA_FONT_DIR");
	snprintf(out, n, "%s/%s", dir && *dir ? dir : PLAN_PDF_FONT_DIR, file);
	struct stat st;
	if (stat(out, &st) != 0)
		return err_set(e, ERR_UNAVAILABLE, "The font %s is missing (Debian package fonts-dejavu-core)", out);
	return 0;
}

static const char *tr_kind(const struct i18n_lang *lang, const char *kind)
{
	const struct plan_kind *k = plan_kind_find(kind);
	return k ? i18n_get(lang, k->name) : kind;
}

int plan_pdf(const struct plan_doc *doc, const char *government_name, const json_t *versions,
	     const struct i18n_lang *lang, int64_t now, struct buf *out, struct err *e)
{
	char regular[600], boldf[600];
	int rc = font_path("DejaVuSans.ttf", regular, sizeof regular, e);
	if (!rc)
		rc = font_path("DejaVuSans-Bold.ttf", boldf, sizeof boldf, e);
	if (rc)
		return rc;
	struct pdfw w = { .lang = lang };
	w.pdf = HPDF_New(on_error, &w);
	if (!w.pdf)
		return err_set(e, ERR_NOMEM, "out of memory");
	HPDF_UseUTFEncodings(w.pdf);
	HPDF_SetCurrentEncoder(w.pdf, "UTF-8");
	HPDF_SetCompressionMode(w.pdf, HPDF_COMP_ALL);
	const char *rn = HPDF_LoadTTFontFromFile(w.pdf, regular, HPDF_TRUE);
	const char *bn = HPDF_LoadTTFontFromFile(w.pdf, boldf, HPDF_TRUE);
	if (w.failed || !rn || !bn) {
		HPDF_Free(w.pdf);
		return err_set(e, ERR_IO, "The PDF fonts could not be loaded (error %04X)", (unsigned)w.code);
	}
	w.reg = HPDF_GetFont(w.pdf, rn, "UTF-8");
	w.bold = HPDF_GetFont(w.pdf, bn, "UTF-8");
	HPDF_SetInfoAttr(w.pdf, HPDF_INFO_TITLE, doc->title);
	HPDF_SetInfoAttr(w.pdf, HPDF_INFO_AUTHOR, government_name);
	HPDF_SetInfoAttr(w.pdf, HPDF_INFO_CREATOR, "minka");
	snprintf(w.footer, sizeof w.footer, "%.140s", doc->title);
	const struct plan_instrument *ins = plan_instrument_find(doc->instrument);
	const char *ins_name = str_eq(doc->instrument, "custom") ? doc->kind_name : tr(lang, ins ? ins->name : "");
	float full = PAGE_W - 2 * MARGIN;

	/* cover */
	new_page(&w);
	w.y = PAGE_H - 150;
	para(&w, w.bold, 13, MARGIN, full, 18, government_name, false);
	para(&w, w.reg, 12, MARGIN, full, 18, ins_name, true);
	w.y -= 24;
	para(&w, w.bold, 22, MARGIN, full, 28, doc->title, false);
	w.y -= 10;
	char line[600];
	snprintf(line, sizeof line, "%" PRId64 " – %" PRId64, doc->start_year, doc->end_year);
	para(&w, w.reg, 14, MARGIN, full, 20, line, false);
	w.y -= 30;
	if (doc->act_kind[0])
		trf(lang, line, sizeof line, "Approved on %s by %s (%s; version %lld)", doc->act_date, doc->act_number,
		    tr(lang, plan_act_name(doc->act_kind)), (long long)doc->version);
	else
		trf(lang, line, sizeof line, "Draft, version %lld: not approved yet", (long long)doc->version);
	para(&w, w.reg, 11, MARGIN, full, 16, line, false);
	char day[DATE_FMT_MAX];
	date_format(date_from_epoch(now), day);
	trf(lang, line, sizeof line, "Document generated by minka on %s", day);
	para(&w, w.reg, 9, MARGIN, full, 14, line, true);

	/* texts */
	new_page(&w);
	section_md(&w, tr(lang, "Vision"), doc->vision);
	section_md(&w, tr(lang, "Mission"), doc->mission);
	section_md(&w, tr(lang, "Who took part"), doc->participants);

	/* the tree */
	heading(&w, tr(lang, "Structure of the plan"));
	for (size_t i = 0; i < doc->nels && !w.failed; i++) {
		const struct plan_doc_element *el = &doc->els[i];
		int depth = 0;
		for (int p = el->parent; p >= 0; p = doc->els[p].parent)
			depth++;
		float x = MARGIN + 14.0f * (float)(depth > 6 ? 6 : depth);
		float width = PAGE_W - MARGIN - x;
		need(&w, depth == 0 ? 40 : 28);
		if (depth == 0)
			w.y -= 6;
		snprintf(line, sizeof line, "%s  %s", el->code, el->title);
		para(&w, depth == 0 ? w.bold : w.reg, depth == 0 ? 11.5f : 10.5f, x, width, depth == 0 ? 16 : 14, line, false);
		para(&w, w.reg, 8.5f, x, width, 12, tr_kind(lang, el->kind), true);
		if (el->description[0])
			para(&w, w.reg, 9.5f, x, width, 13, el->description, false);
		if (el->office[0]) {
			trf(lang, line, sizeof line, "Responsible: %s", el->office);
			para(&w, w.reg, 9, x, width, 12, line, true);
		}
		for (size_t t = 0; t < el->ntargets; t++) {
			const struct plan_doc_target *tg = &el->targets[t];
			trf(lang, line, sizeof line, "Serves %s of %s (%lld-%lld)", tg->code, tg->plan_title,
			    (long long)tg->start_year, (long long)tg->end_year);
			para(&w, w.reg, 9, x, width, 12, line, true);
		}
		w.y -= 4;
	}

	/* approvals */
	heading(&w, tr(lang, "Approvals"));
	size_t k;
	const json_t *v;
	if (!json_array_size(versions))
		para(&w, w.reg, 10.5f, MARGIN, full, 14, tr(lang, "No version of this plan has been approved yet."), false);
	json_array_foreach(versions, k, v) {
		trf(lang, line, sizeof line, "Version %lld (%s): approved on %s by %s (%s)",
		    (long long)json_get_int(v, "version", 0), tr(lang, plan_status_name(json_get_str(v, "status", ""))),
		    json_get_str(v, "act_date", ""), json_get_str(v, "act_number", ""),
		    tr(lang, plan_act_name(json_get_str(v, "act_kind", ""))));
		para(&w, w.reg, 10.5f, MARGIN, full, 15, line, false);
	}

	if (!w.failed)
		HPDF_SaveToStream(w.pdf);
	if (w.failed) {
		HPDF_Free(w.pdf);
		return err_set(e, ERR_INTERNAL, "The PDF could not be made (error %04X)", (unsigned)w.code);
	}
	HPDF_ResetStream(w.pdf);
	for (;;) {
		HPDF_BYTE chunk[16384];
		HPDF_UINT32 n = sizeof chunk;
		HPDF_STATUS st = HPDF_ReadFromStream(w.pdf, chunk, &n);
		if (n && (rc = buf_append(out, chunk, n)))
			break;
		if (st == HPDF_STREAM_EOF || n == 0)
			break;
	}
	HPDF_Free(w.pdf);
	if (rc)
		return err_set(e, rc, "The PDF is too large");
	return 0;
}
