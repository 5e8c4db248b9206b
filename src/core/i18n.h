/* i18n.h — message catalogs from gettext .po files (compiled into the binary).
 * Message ids are the English source text; es is the default language.
 * i18n_init() loads po/es.po and po/en.po once at start; afterwards the catalogs
 * are read-only and safe to share between threads. */
#ifndef MINKA_I18N_H
#define MINKA_I18N_H

#include "core/compat.h"
#include "core/err.h"

struct i18n_lang;

/* Loads every embedded po/<code>.po. 0 or an error naming file and line. */
int i18n_init(struct err *e);
void i18n_shutdown(void);
/* Parses one catalog from text. Exposed for tests and the catalog checker. */
int i18n_load(const char *code, const char *text, size_t len, struct err *e);

const struct i18n_lang *i18n_find(const char *code);   /* NULL if unknown */
const struct i18n_lang *i18n_default(void);            /* Spanish */
const char *i18n_code(const struct i18n_lang *lang);    /* "es", "en" */
/* The translation of msgid, or msgid itself when the catalog lacks it. Never NULL. */
const char *i18n_get(const struct i18n_lang *lang, const char *msgid);
/* True if the catalog has a non-empty translation for msgid. */
bool i18n_has(const struct i18n_lang *lang, const char *msgid);
/* Picks a language from an Accept-Language header (q-values honoured). */
const struct i18n_lang *i18n_negotiate(const char *accept_language);
/* Number of languages loaded and the i-th one (for the language switcher). */
size_t i18n_count(void);
const struct i18n_lang *i18n_at(size_t i);
/* Visits every (msgid, msgstr) of a catalog. */
void i18n_each(const struct i18n_lang *lang, void (*fn)(const char *id, const char *str, void *arg), void *arg);

/* Formats the translation of `fmt` into out (size n). The arguments are checked
 * against the English msgid; the catalog test checks that every translation keeps
 * the same conversions in the same order. Returns out. */
char *trf(const struct i18n_lang *lang, char *out, size_t n, const char *fmt, ...) MINKA_PRINTF(4, 5);
/* The printf conversions of a format ("%s%d%zu"), for the catalog test. */
void i18n_conversions(const char *fmt, char *out, size_t n);

/* Marks a literal as a message id where it is defined (tables); it is translated
 * where it is used. */
#define N_(s) s

/* Shorthand used throughout the faces: tr(lang, "Population"). */
static inline const char *tr(const struct i18n_lang *lang, const char *msgid)
{
	return i18n_get(lang, msgid);
}

#endif
