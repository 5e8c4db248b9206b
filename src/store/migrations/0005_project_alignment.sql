-- 0005 project alignment: the plan elements a project serves (the hook that
-- 0003's plans and 0004's project bank left for each other), and the project
-- bank's search moved to the store's full-text facility, the same rows on
-- SQLite and PostgreSQL.
--
-- A project serves one or more elements of the concerted and institutional
-- plans (a PDC objective, a PDI action...). The link is owned by the project
-- module (domain/project_align.c), which checks it against the rules of
-- rules/project_rules.c (project_serve_check) and audits every change; the plan
-- module asks it, through the articulation sources, before deleting an element.

CREATE TABLE project_plan_element (
  project_id BIGINT NOT NULL REFERENCES project(id),
  element_id BIGINT NOT NULL REFERENCES plan_element(id),
  account_id BIGINT REFERENCES account(id),   -- who linked it (NULL: the command line, the demo)
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (project_id, element_id)
);
CREATE INDEX project_plan_element_element ON project_plan_element (element_id, project_id);

-- Search. 0004 gave SQLite an FTS5 index of its own (project_fts over a folded
-- copy of the text, with triggers that skipped imported rows) and PostgreSQL a
-- LIKE over the same folded copy, so the two could answer differently. Now the
-- store's facility (store/search.h) indexes the text itself: code, CUI and title
-- in `heading`, and the description. On PostgreSQL the trigger drops and
-- the DROP TABLE find nothing to drop.
@DROP TRIGGER project_fts_insert ON project_text@;
@DROP TRIGGER project_fts_delete ON project_text@;
@DROP TRIGGER project_fts_update ON project_text@;
DROP TABLE IF EXISTS project_fts;
ALTER TABLE project_text ADD COLUMN heading TEXT NOT NULL DEFAULT '';
UPDATE project_text SET heading = (SELECT p.code || ' ' || COALESCE(p.cui, '') || ' ' || p.title
  FROM project p WHERE p.id = project_text.project_id);
ALTER TABLE project_text DROP COLUMN search_fold;
@SEARCH project_text (heading, description) KEY project_id@;
