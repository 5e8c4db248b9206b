-- 0003 plans: concerted and institutional planning (PRODES guide, seed 004).
-- A plan belongs to a government (the municipality or regional government that
-- owns it), has an instrument (PDC, PDE, PDI, PEI, POI, capacity-development plan
-- or a custom kind), a period, a vision or mission (Markdown), and a tree of
-- elements (axis -> objective -> strategy -> action; the kinds are the plan's
-- "levels"). Elements align to the elements they serve in other plans: the
-- "hilo conductor" from the POI up to the regional PDRC.
-- Versions: editing an approved plan opens a new draft version; every approved
-- version is kept as a JSON snapshot (plan_version) to read and compare.

CREATE TABLE plan (
  id @ID@,
  government_code TEXT NOT NULL REFERENCES government(code),
  instrument TEXT NOT NULL CHECK (instrument IN ('pdc', 'pde', 'pdi', 'pei', 'poi', 'capacity', 'custom')),
  kind_name TEXT NOT NULL,              -- the name of a custom instrument ('' otherwise)
  horizon TEXT NOT NULL CHECK (horizon IN ('short', 'medium', 'long')),
  title TEXT NOT NULL,
  title_fold TEXT NOT NULL,             -- accent- and case-folded, for search
  start_year BIGINT NOT NULL,
  end_year BIGINT NOT NULL,
  vision TEXT NOT NULL,                 -- Markdown (rendered by cmark, safe mode)
  mission TEXT NOT NULL,                -- Markdown
  participants TEXT NOT NULL,           -- Markdown: who took part
  levels TEXT NOT NULL,                 -- element kinds and code prefixes: "axis:EJE objective:OE ..."
  status TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'superseded')),
  version BIGINT NOT NULL,
  act_kind TEXT CHECK (act_kind IN ('ordinance', 'agreement')),
  act_number TEXT,
  act_date TEXT,
  supersedes_id BIGINT REFERENCES plan(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (end_year >= start_year)
);
CREATE INDEX plan_government ON plan (government_code, start_year);
CREATE INDEX plan_status ON plan (status, start_year, end_year);

-- Every approved version, as the plan's JSON export (with element ids) at the
-- moment of approval. A version is 'superseded' once a later one is approved.
CREATE TABLE plan_version (
  plan_id BIGINT NOT NULL REFERENCES plan(id),
  version BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('approved', 'superseded')),
  act_kind TEXT NOT NULL CHECK (act_kind IN ('ordinance', 'agreement')),
  act_number TEXT NOT NULL,
  act_date TEXT NOT NULL,
  approved_at TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  PRIMARY KEY (plan_id, version)
);

CREATE TABLE plan_element (
  id @ID@,
  plan_id BIGINT NOT NULL REFERENCES plan(id),
  parent_id BIGINT REFERENCES plan_element(id),
  position BIGINT NOT NULL,             -- 1.. among its siblings
  kind TEXT NOT NULL,                   -- one of the plan's levels
  code TEXT NOT NULL,
  code_auto BIGINT NOT NULL CHECK (code_auto IN (0, 1)),  -- 1 = numbered by minka
  title TEXT NOT NULL,
  search_fold TEXT NOT NULL,            -- folded code and title, for search
  description TEXT NOT NULL,
  office TEXT NOT NULL,                 -- responsible office
  UNIQUE (plan_id, code)
);
CREATE INDEX plan_element_tree ON plan_element (plan_id, parent_id, position);
CREATE INDEX plan_element_parent ON plan_element (parent_id);

-- An element serves (aligns to) an element of another plan.
CREATE TABLE plan_alignment (
  element_id BIGINT NOT NULL REFERENCES plan_element(id),
  target_id BIGINT NOT NULL REFERENCES plan_element(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (element_id, target_id)
);
CREATE INDEX plan_alignment_target ON plan_alignment (target_id);
