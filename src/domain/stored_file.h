/* stored_file.h — uploaded files kept in the database (a project's documents, a
 * measurement's evidence): the kinds accepted, sniffed from the content rather
 * than trusted from the name or the browser; the name as stored; the SHA-256;
 * and the bytes as base64 text, which both backends keep alike. */
#ifndef MINKA_STORED_FILE_H
#define MINKA_STORED_FILE_H

#include "core/compat.h"
#include "core/err.h"

#define STORED_FILE_TYPES "PDF, PNG, JPEG, text, CSV, DOCX, XLSX, ODT, ODS"

/* The content type for a file's first bytes and name (the name only tells
 * apart the zip-based office formats, text and CSV), or NULL if not accepted. */
const char *stored_file_type(const void *data, size_t len, const char *file_name);

struct stored_file {
	char *name;                 /* last path component, at most 120 characters, no control characters */
	const char *content_type;   /* from stored_file_type (static) */
	size_t size;
	char sha256[65];            /* lowercase hex */
	char *base64;
};

/* Checks an upload (not empty, at most max bytes, an accepted kind: each
 * refusal with its message) and prepares it for an INSERT; `fallback` names a
 * file whose name is empty or not UTF-8. Release with stored_file_release. */
int stored_file_prepare(struct stored_file *f, const char *file_name, const char *fallback, const void *data,
			size_t len, size_t max, struct err *e);
void stored_file_release(struct stored_file *f);

/* The bytes of a stored base64 text (caller frees *data); ERR_INTERNAL if damaged. */
int stored_file_decode(const char *base64, void **data, size_t *len, struct err *e);

#endif
