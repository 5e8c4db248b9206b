/* utf8.h — UTF-8 validation and the folding used for Spanish search:
 * "Áncash" and "ancash", "Nuñoa" and "nunoa" fold to the same key. */
#ifndef MINKA_UTF8_H
#define MINKA_UTF8_H

#include "core/compat.h"

/* True if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, no NUL). */
bool utf8_valid(const char *s, size_t n);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_len(const char *s);
/* Case-folds, decomposes and strips accents (NFKD + STRIPMARK + CASEFOLD), and
 * collapses runs of white space into one space, trimmed. Caller frees.
 * Returns NULL if s is not valid UTF-8. */
char *utf8_fold(const char *s);
/* Byte length of the longest prefix of s with at most `max_chars` code points,
 * never splitting a character. */
size_t utf8_prefix_bytes(const char *s, size_t max_chars);

#endif
