/* stored_file.c — see stored_file.h. */
#include "core/compat.h"
#include "domain/stored_file.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <sodium.h>
#include <strings.h>

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

const char *stored_file_type(const void *data, size_t len, const char *file_name)
{
	const unsigned char *p = data;
	const char *name = file_name ? file_name : "";
	if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return "application/pdf";
	if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (len >= 3 && memcmp(p, "\xff\xd8\xff", 3) == 0)
		return "image/jpeg";
	if (len >= 4 && memcmp(p, "PK\x03\x04", 4) == 0) {
		if (ends_with(name, ".docx"))
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
		if (ends_with(name, ".xlsx"))
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		if (ends_with(name, ".odt"))
			return "application/vnd.oasis.opendocument.text";
		if (ends_with(name, ".ods"))
			return "application/vnd.oasis.opendocument.spreadsheet";
		return NULL;
	}
	if (len > 0 && utf8_valid(data, len) && (ends_with(name, ".txt") || ends_with(name, ".csv")))
		return ends_with(name, ".csv") ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8";
	return NULL;
}

/* The name as stored: its last path component, at most 120 characters. */
static char *clean_name(const char *name, const char *fallback)
{
	const char *base = name ? name : "";
	for (const char *p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	if (!utf8_valid(base, strlen(base)))
		return xstrdup(fallback);
	size_t nb = utf8_prefix_bytes(base, 120);
	char *out = xstrndup(base, nb);
	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '"')
			*p = '_';
	if (!*out) {
		free(out);
		return xstrdup(fallback);
	}
	return out;
}

int stored_file_prepare(struct stored_file *f, const char *file_name, const char *fallback, const void *data,
			size_t len, size_t max, struct err *e)
{
	memset(f, 0, sizeof *f);
	if (len == 0)
		return err_set(e, ERR_INVALID, "The file is empty");
	if (len > max)
		return err_set(e, ERR_TOOBIG, "The file is larger than %zu MiB", max >> 20);
	f->content_type = stored_file_type(data, len, file_name);
	if (!f->content_type)
		return err_set(e, ERR_INVALID, "This kind of file is not accepted (%s)", STORED_FILE_TYPES);
	f->name = clean_name(file_name, fallback);
	f->size = len;
	unsigned char hash[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(hash, data, len);
	sodium_bin2hex(f->sha256, sizeof f->sha256, hash, sizeof hash);
	size_t b64len = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
	f->base64 = xmalloc(b64len);
	sodium_bin2base64(f->base64, b64len, data, len, sodium_base64_VARIANT_ORIGINAL);
	return 0;
}

void stored_file_release(struct stored_file *f)
{
	free(f->name);
	free(f->base64);
	memset(f, 0, sizeof *f);
}

int stored_file_decode(const char *base64, void **data, size_t *len, struct err *e)
{
	*data = NULL;
	*len = 0;
	const char *b64 = base64 ? base64 : "";
	size_t n = strlen(b64), cap = n / 4 * 3 + 3, out = 0;
	unsigned char *bin = xmalloc(cap);
	if (sodium_base642bin(bin, cap, b64, n, NULL, &out, NULL, sodium_base64_VARIANT_ORIGINAL) != 0) {
		free(bin);
		return err_set(e, ERR_INTERNAL, "A stored file could not be read");
	}
	*data = bin;
	*len = out;
	return 0;
}
