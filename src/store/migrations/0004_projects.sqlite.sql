-- 0004 projects: the project bank ("banco de proyectos", the open portfolio that
-- receives community initiatives), the lifecycle history of each project, its
-- locations, project committee and documents; funding sources with yearly
-- ceilings, the annual investment plan and the financial entries (IATI-like).
--
-- Hook for concerted planning (migration 0003, another branch): "the plan element a
-- project serves" is a link table project_plan_element (project_id, element_id)
-- added by a later migration once both have landed; nothing here names it.
--
-- On SQLite, 0004_projects.sqlite.sql replaces this file: the same text followed by
-- a full-text index (FTS5). tests/unit/test_project.c checks that it starts with
-- this file verbatim.

CREATE TABLE project (
  id @ID@,
  code TEXT NOT NULL UNIQUE,                 -- minka's code: CUI-2480997, BP-000123
  cui TEXT UNIQUE,                           -- Invierte.pe unique investment code
  title TEXT NOT NULL,
  territory_code TEXT NOT NULL REFERENCES territory(code),   -- main location
  government_code TEXT REFERENCES government(code),          -- owner; NULL = a national or other entity
  proposer TEXT NOT NULL,                    -- proposing / formulating organization
  proposer_account_id BIGINT REFERENCES account(id),
  sector TEXT NOT NULL CHECK (sector IN ('planning', 'public_order', 'justice', 'trade', 'tourism',
    'agriculture', 'fisheries', 'energy', 'transport', 'communications', 'environment', 'sanitation',
    'housing', 'health', 'culture_sport', 'education', 'social_protection', 'other')),
  invierte_sector TEXT,                      -- the Invierte.pe "sector" as imported
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  estimated_cost BIGINT NOT NULL CHECK (estimated_cost >= 0),   -- cents
  updated_cost BIGINT CHECK (updated_cost >= 0),
  cost BIGINT NOT NULL CHECK (cost >= 0),    -- updated_cost when known, else estimated_cost
  beneficiaries BIGINT CHECK (beneficiaries >= 0),
  beneficiaries_women BIGINT CHECK (beneficiaries_women >= 0),
  beneficiaries_men BIGINT CHECK (beneficiaries_men >= 0),
  responsible_office TEXT NOT NULL,
  executing_unit TEXT,
  status TEXT NOT NULL CHECK (status IN ('received', 'under_evaluation', 'viable', 'not_viable',
    'prioritized', 'programmed', 'in_execution', 'completed', 'closed', 'discarded')),
  physical_progress BIGINT NOT NULL CHECK (physical_progress BETWEEN 0 AND 10000),  -- hundredths of a percent
  origin TEXT NOT NULL CHECK (origin IN ('initiative', 'staff', 'import')),
  source_key TEXT UNIQUE,                    -- imports: what identifies the source row (CUI or text key)
  source_status TEXT,                        -- Invierte.pe ACTIVO / CERRADO as imported
  registered_on TEXT NOT NULL,               -- YYYY-MM-DD
  viable_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX project_status ON project (status, registered_on, id);
CREATE INDEX project_sector ON project (sector, id);
CREATE INDEX project_government ON project (government_code, status);
CREATE INDEX project_cost ON project (cost, id);
CREATE INDEX project_registered ON project (registered_on, id);
CREATE INDEX project_title ON project (title, id);

-- A project's long texts, apart from its row: lists filter and sort over the
-- narrow rows of project (17,000 of them fit in a few megabytes) and read the
-- description only for the page they show.
CREATE TABLE project_text (
  project_id BIGINT PRIMARY KEY REFERENCES project(id),
  description TEXT NOT NULL,
  search_fold TEXT NOT NULL                  -- utf8_fold(code cui title description): portable search
);

-- Where a project is: one row per district, province or region it covers (an
-- Invierte.pe project may cover several). The main location is one of them.
CREATE TABLE project_location (
  project_id BIGINT NOT NULL REFERENCES project(id),
  territory_code TEXT NOT NULL REFERENCES territory(code),
  province_code TEXT,                         -- 4 digits, NULL for a region-wide location
  region_code TEXT NOT NULL,                  -- 2 digits
  PRIMARY KEY (project_id, territory_code)
);
CREATE INDEX project_location_territory ON project_location (territory_code, project_id);
CREATE INDEX project_location_province ON project_location (province_code, project_id);
CREATE INDEX project_location_region ON project_location (region_code, project_id);

-- The lifecycle history: who moved a project, when, from what to what, and why.
CREATE TABLE project_transition (
  id @ID@,
  project_id BIGINT NOT NULL REFERENCES project(id),
  from_status TEXT,                          -- NULL when the project entered the bank
  to_status TEXT NOT NULL,
  reason TEXT NOT NULL,
  account_id BIGINT REFERENCES account(id),
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX project_transition_project ON project_transition (project_id, id);

-- The project committee ("comité de gestión del proyecto", seed 003): people of
-- the community who follow the project from its start to its end.
CREATE TABLE project_member (
  id @ID@,
  project_id BIGINT NOT NULL REFERENCES project(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('president', 'secretary', 'treasurer', 'member', 'technical')),
  organization TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX project_member_project ON project_member (project_id, id);

-- Documents: a reference (resolution number, a link) or an uploaded file. File
-- contents live in project_file, base64 text (portable; bounded by the upload cap).
CREATE TABLE project_document (
  id @ID@,
  project_id BIGINT NOT NULL REFERENCES project(id),
  kind TEXT NOT NULL CHECK (kind IN ('reference', 'file')),
  title TEXT NOT NULL,
  reference TEXT,
  file_name TEXT,
  content_type TEXT,
  size BIGINT,
  sha256 TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  removed_at TEXT
);
CREATE INDEX project_document_project ON project_document (project_id, id);
CREATE TABLE project_file (
  document_id BIGINT PRIMARY KEY REFERENCES project_document(id),
  data_base64 TEXT NOT NULL
);

-- Where the money comes from, per government.
CREATE TABLE funding_source (
  id @ID@,
  government_code TEXT NOT NULL REFERENCES government(code),
  kind TEXT NOT NULL CHECK (kind IN ('own_revenue', 'foncomun', 'canon', 'central_transfer',
    'cooperation', 'cofinancing')),
  name TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  created_at TEXT NOT NULL,
  UNIQUE (government_code, name)
);
CREATE INDEX funding_source_kind ON funding_source (kind, id);

-- How much a source can put into the investment plan of a year.
CREATE TABLE funding_ceiling (
  source_id BIGINT NOT NULL REFERENCES funding_source(id),
  year BIGINT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (source_id, year)
);

-- The annual investment plan of a government.
CREATE TABLE invest_plan (
  id @ID@,
  government_code TEXT NOT NULL REFERENCES government(code),
  year BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
  approval_reference TEXT,                   -- e.g. the council agreement that approved it
  approved_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (government_code, year)
);

-- A line: a project, the source that pays, how much, and when (by quarter).
CREATE TABLE invest_line (
  id @ID@,
  plan_id BIGINT NOT NULL REFERENCES invest_plan(id),
  project_id BIGINT NOT NULL REFERENCES project(id),
  source_id BIGINT NOT NULL REFERENCES funding_source(id),
  amount BIGINT NOT NULL CHECK (amount > 0),
  q1 BIGINT NOT NULL CHECK (q1 >= 0),
  q2 BIGINT NOT NULL CHECK (q2 >= 0),
  q3 BIGINT NOT NULL CHECK (q3 >= 0),
  q4 BIGINT NOT NULL CHECK (q4 >= 0),
  created_at TEXT NOT NULL,
  CHECK (q1 + q2 + q3 + q4 = amount),
  UNIQUE (plan_id, project_id, source_id)
);
CREATE INDEX invest_line_project ON invest_line (project_id);
CREATE INDEX invest_line_source ON invest_line (source_id);

-- Money recorded against a project, by source (IATI-like transaction kinds). A
-- mistaken entry is voided (with a reason), never edited or deleted.
CREATE TABLE finance_entry (
  id @ID@,
  project_id BIGINT NOT NULL REFERENCES project(id),
  source_id BIGINT NOT NULL REFERENCES funding_source(id),
  kind TEXT NOT NULL CHECK (kind IN ('budgeted', 'approved', 'transferred', 'committed', 'disbursed',
    'expenditure')),
  amount BIGINT NOT NULL CHECK (amount > 0),
  entry_on TEXT NOT NULL,                    -- YYYY-MM-DD
  document_ref TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  voided_at TEXT,
  void_reason TEXT
);
CREATE INDEX finance_entry_project ON finance_entry (project_id, kind);
CREATE INDEX finance_entry_source ON finance_entry (source_id, kind);

-- SQLite only: a full-text index over the folded text, kept in step by triggers.
-- Queries go through project_list() (src/domain/project_list.c), which uses it
-- on SQLite and LIKE over project_text.search_fold elsewhere. Projects entered
-- by a bulk import (origin 'import') are indexed at the end of the import in
-- one pass (project_search_reindex(): FTS5 'rebuild', several times faster than
-- row by row); every other insert and every later change goes through the triggers.
CREATE VIRTUAL TABLE project_fts USING fts5(search_fold, content='project_text', content_rowid='project_id',
  tokenize='unicode61 remove_diacritics 2', detail='none', columnsize=0);
CREATE TRIGGER project_fts_insert AFTER INSERT ON project_text
  WHEN (SELECT origin FROM project WHERE id = new.project_id) <> 'import' BEGIN
  INSERT INTO project_fts (rowid, search_fold) VALUES (new.project_id, new.search_fold);
END;
CREATE TRIGGER project_fts_delete AFTER DELETE ON project_text BEGIN
  INSERT INTO project_fts (project_fts, rowid, search_fold) VALUES ('delete', old.project_id, old.search_fold);
END;
CREATE TRIGGER project_fts_update AFTER UPDATE OF search_fold ON project_text BEGIN
  INSERT INTO project_fts (project_fts, rowid, search_fold) VALUES ('delete', old.project_id, old.search_fold);
  INSERT INTO project_fts (rowid, search_fold) VALUES (new.project_id, new.search_fold);
END;
