/* project_int.h — what project.c, project_list.c and project_import.c share;
 * nothing outside the project module includes it. */
#ifndef MINKA_PROJECT_INT_H
#define MINKA_PROJECT_INT_H

#include "domain/project.h"

/* Binds NULL for NULL or "" (text) and for negative counts. */
void project_bind_text_or_null(struct db_stmt *st, int idx, const char *s);
void project_bind_count(struct db_stmt *st, int idx, int64_t v);
/* What the search finds a project by, besides its description: "code CUI
 * title" (project_text.heading). Caller frees. */
char *project_heading(const char *code, const char *cui, const char *title);
/* Writes a project's description and heading (insert or update). */
int project_set_text(struct db_conn *c, int64_t id, const char *description, const char *heading, bool insert,
		     struct err *e);
/* Adds a location (ignored if already there). */
int project_add_location(struct db_conn *c, int64_t id, const char *territory, struct err *e);
/* Appends to the lifecycle history (from PS_NONE = entered the bank). */
int project_record_transition(struct db_conn *c, const struct actor *who, int64_t now, int64_t id,
			      enum project_status from, enum project_status to, const char *reason, struct err *e);
/* "SELECT <columns> FROM project p JOIN ..." without the SELECT keyword, and the
 * row reader for it; description_chars > 0 shortens the description. */
const char *project_columns_sql(void);
json_t *project_row_json(struct db_stmt *st, size_t description_chars);

#endif
