-- 0007 indicators: monitoring and evaluation (seed 002: results → outputs →
-- indicators with a baseline, quarterly monitoring, beneficiaries by sex and
-- indigenous status; seed 003: general and specific indicators, means of
-- verification, feedback — "retroalimentación").
--
-- Values are scaled integers: an indicator keeps `decimals` (0..6) and every
-- value, target and cell is BIGINT value × 10^decimals, parsed exactly from the
-- decimal text people type (rules/indicator_rules.c). Money indicators have two
-- decimals: integer cents. Nothing here is a floating-point number, so sums and
-- attainments are the same on both databases and on every run.

-- Disaggregation dimensions are data, not columns: an indicator declares the
-- dimensions it reports; a measurement has one cell per category given.
CREATE TABLE disagg_dimension (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,                   -- English message id
  position BIGINT NOT NULL
);
CREATE TABLE disagg_category (
  dimension_code TEXT NOT NULL REFERENCES disagg_dimension(code),
  code TEXT NOT NULL,
  name TEXT NOT NULL,                   -- English message id
  position BIGINT NOT NULL,
  PRIMARY KEY (dimension_code, code)
);
INSERT INTO disagg_dimension (code, name, position) VALUES ('sex', 'Sex', 1);
INSERT INTO disagg_dimension (code, name, position) VALUES ('ethnicity', 'Indigenous status', 2);
INSERT INTO disagg_dimension (code, name, position) VALUES ('age_group', 'Age group', 3);
INSERT INTO disagg_dimension (code, name, position) VALUES ('area', 'Area of residence', 4);
INSERT INTO disagg_category (dimension_code, code, name, position) VALUES ('sex', 'female', 'Women', 1);
INSERT INTO disagg_category (dimension_code, code, name, position) VALUES ('sex', 'male', 'Men', 2);
INSERT INTO disagg_category (dimension_code, code, name, position) VALUES ('ethnicity', 'indigenous', 'Indigenous', 1);
INSERT INTO disagg_category (dimension_code, code, name, position) VALUES ('ethnicity', 'non_indigenous', 'Non-indigenous', 2);
INSERT INTO disagg_category (dimension_code, code, name, position) VALUES ('age_group', '0_14', '0 to 14 years', 1);
INSERT INTO disagg_category (dimension_code, code, name, position) VALUES ('age_group', '15_29', '15 to 29 years', 2);
INSERT INTO disagg_category (dimension_code, code, name, position) VALUES ('age_group', '30_59', '30 to 59 years', 3);
INSERT INTO disagg_category (dimension_code, code, name, position) VALUES ('age_group', '60_plus', '60 years and over', 4);
INSERT INTO disagg_category (dimension_code, code, name, position) VALUES ('area', 'urban', 'Urban', 1);
INSERT INTO disagg_category (dimension_code, code, name, position) VALUES ('area', 'rural', 'Rural', 2);

-- A programme: projects and activities of a government pursued together under
-- one name (a budget programme such as PP 0036 "Gestión integral de residuos
-- sólidos", a cooperation programme like seed 002's), with its own indicators.
CREATE TABLE programme (
  id @ID@,
  government_code TEXT NOT NULL REFERENCES government(code),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  start_year BIGINT NOT NULL,
  end_year BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (government_code, code),
  CHECK (end_year >= start_year)
);

CREATE TABLE indicator (
  id @ID@,
  government_code TEXT NOT NULL REFERENCES government(code),   -- who measures it
  territory_code TEXT NOT NULL REFERENCES territory(code),     -- where it is measured
  province_code TEXT,                    -- 4 digits, NULL for a region-wide indicator
  region_code TEXT NOT NULL,             -- 2 digits
  code TEXT NOT NULL,                    -- IND-001 (numbered per government) or given
  subject TEXT NOT NULL CHECK (subject IN ('element', 'project', 'programme', 'territory')),
  element_id BIGINT REFERENCES plan_element(id),
  project_id BIGINT REFERENCES project(id),
  programme_id BIGINT REFERENCES programme(id),
  scope TEXT NOT NULL CHECK (scope IN ('general', 'specific')),
  name TEXT NOT NULL,
  name_fold TEXT NOT NULL,               -- accent- and case-folded, for search
  definition TEXT NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('quantity', 'number', 'percentage', 'ratio', 'rate', 'index',
    'rate_of_change', 'money')),
  unit_label TEXT NOT NULL,              -- "toneladas", "hogares", "kg por habitante"
  decimals BIGINT NOT NULL CHECK (decimals BETWEEN 0 AND 6),
  currency TEXT,                         -- money indicators
  direction TEXT NOT NULL CHECK (direction IN ('increase', 'decrease', 'maintain')),
  frequency TEXT NOT NULL CHECK (frequency IN ('year', 'quarter', 'month')),
  start_period TEXT NOT NULL,            -- 2025-Q1, 2025-01, 2025
  end_period TEXT NOT NULL,
  numerator_id BIGINT REFERENCES indicator(id),     -- formula: numerator / denominator × factor
  denominator_id BIGINT REFERENCES indicator(id),
  factor BIGINT NOT NULL CHECK (factor BETWEEN 1 AND 1000000),
  baseline_value BIGINT,                 -- scaled; NULL = no baseline
  baseline_date TEXT,
  baseline_source TEXT NOT NULL,
  final_target BIGINT,                   -- the target of the end period (scaled)
  final_target_high BIGINT,              -- the upper bound of a "maintain" band
  weight BIGINT NOT NULL CHECK (weight BETWEEN 1 AND 100),
  responsible_office TEXT NOT NULL,
  data_source TEXT NOT NULL,
  verification TEXT NOT NULL,            -- means of verification
  series TEXT,                           -- the same measure across territories (imports): aggregable
  source_key TEXT UNIQUE,                -- imports: what identifies the source row
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (government_code, code)
);
CREATE INDEX indicator_territory ON indicator (territory_code, id);
CREATE INDEX indicator_province ON indicator (province_code, id);
CREATE INDEX indicator_region ON indicator (region_code, id);
CREATE INDEX indicator_element ON indicator (element_id);
CREATE INDEX indicator_project ON indicator (project_id);
CREATE INDEX indicator_programme ON indicator (programme_id);
CREATE INDEX indicator_numerator ON indicator (numerator_id);
CREATE INDEX indicator_denominator ON indicator (denominator_id);
CREATE INDEX indicator_series ON indicator (series, region_code);

CREATE TABLE indicator_dimension (
  indicator_id BIGINT NOT NULL REFERENCES indicator(id),
  dimension_code TEXT NOT NULL REFERENCES disagg_dimension(code),
  PRIMARY KEY (indicator_id, dimension_code)
);

-- Targets per period (a year, a quarter or a month inside the indicator's range).
CREATE TABLE indicator_target (
  indicator_id BIGINT NOT NULL REFERENCES indicator(id),
  period TEXT NOT NULL,
  value BIGINT NOT NULL,
  value_high BIGINT,                     -- "maintain": the band's upper bound
  PRIMARY KEY (indicator_id, period)
);

-- One measurement per indicator and period, with its workflow.
CREATE TABLE measurement (
  id @ID@,
  indicator_id BIGINT NOT NULL REFERENCES indicator(id),
  period TEXT NOT NULL,
  value BIGINT NOT NULL,                 -- the total (given, or the sum of a complete dimension)
  total_given BIGINT NOT NULL CHECK (total_given IN (0, 1)),
  sum_mismatch BIGINT NOT NULL CHECK (sum_mismatch IN (0, 1)),   -- cells do not add up to the total
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
  origin TEXT NOT NULL CHECK (origin IN ('entry', 'import', 'formula')),
  comment TEXT NOT NULL,
  evidence_ref TEXT NOT NULL,            -- a document reference ('' = none)
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT,
  submitted_by TEXT,
  reviewed_at TEXT,
  reviewed_by TEXT,
  review_note TEXT,
  UNIQUE (indicator_id, period)
);
CREATE INDEX measurement_status ON measurement (status, indicator_id);

CREATE TABLE measurement_cell (
  measurement_id BIGINT NOT NULL REFERENCES measurement(id),
  dimension_code TEXT NOT NULL,
  category_code TEXT NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (measurement_id, dimension_code, category_code),
  FOREIGN KEY (dimension_code, category_code) REFERENCES disagg_category(dimension_code, code)
);

-- Uploaded evidence, base64 text (portable; bounded by the upload cap).
CREATE TABLE measurement_file (
  id @ID@,
  measurement_id BIGINT NOT NULL REFERENCES measurement(id),
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX measurement_file_measurement ON measurement_file (measurement_id, id);

-- Who moved a measurement, when, from what to what, and why.
CREATE TABLE measurement_event (
  id @ID@,
  measurement_id BIGINT NOT NULL REFERENCES measurement(id),
  from_status TEXT,
  to_status TEXT NOT NULL,
  note TEXT NOT NULL,
  account_id BIGINT REFERENCES account(id),
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX measurement_event_measurement ON measurement_event (measurement_id, id);

-- Feedback ("retroalimentación", seed 003): the corrective decision taken when an
-- indicator is off track — who decided what, who carries it out, by when.
CREATE TABLE indicator_feedback (
  id @ID@,
  indicator_id BIGINT NOT NULL REFERENCES indicator(id),
  period TEXT NOT NULL,                  -- the measurement it answers
  finding TEXT NOT NULL,                 -- what the measurement showed
  decision TEXT NOT NULL,                -- the corrective action decided
  decided_by TEXT NOT NULL,              -- the person or body that decided
  decided_on TEXT NOT NULL,
  responsible TEXT NOT NULL,             -- who carries it out
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'done')),
  done_on TEXT,
  done_note TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX indicator_feedback_indicator ON indicator_feedback (indicator_id, id);
