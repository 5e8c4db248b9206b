/* plan_pdf.h — a plan as a printable PDF (libharu): cover, vision, mission and
 * participants, the tree of elements with what each serves, and the approvals.
 * Text in DejaVu Sans, embedded, so Spanish (and any Latin) text renders. */
#ifndef MINKA_PLAN_PDF_H
#define MINKA_PLAN_PDF_H

#include "core/compat.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/i18n.h"
#include "rules/plan_doc.h"

#include <jansson.h>

/* The fonts (fonts-dejavu-core); $MINKA_FONT_DIR overrides the directory. */
#define PLAN_PDF_FONT_DIR "/usr/share/fonts/truetype/dejavu"

/* Appends the PDF of `doc` to out. government_name for the cover; versions as
 * plan_versions() gives them; now for the "generated on" line. */
int plan_pdf(const struct plan_doc *doc, const char *government_name, const json_t *versions,
	     const struct i18n_lang *lang, int64_t now, struct buf *out, struct err *e);

#endif
