-- 0001 territory: Peru's regions, provinces and districts (INEI UBIGEO) with their
-- public figures, the governments that plan for them, and installation settings.
-- Portable SQL: BIGINT for integers and money, DOUBLE PRECISION for measures,
-- TEXT for codes (leading zeros matter) and ISO 8601 dates.

CREATE TABLE territory (
  code TEXT PRIMARY KEY,
  level TEXT NOT NULL CHECK (level IN ('region', 'province', 'district')),
  parent_code TEXT REFERENCES territory(code),
  name TEXT NOT NULL,
  name_fold TEXT NOT NULL,
  capital TEXT,
  capital_category TEXT,
  population BIGINT,
  population_year BIGINT,
  census_1993 BIGINT,
  census_2007 BIGINT,
  census_2017 BIGINT,
  area_km2 DOUBLE PRECISION,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION,
  altitude_m DOUBLE PRECISION,
  idh DOUBLE PRECISION,
  poverty_pct DOUBLE PRECISION,
  poverty_year BIGINT,
  extreme_poverty_pct DOUBLE PRECISION,
  extreme_poverty_year BIGINT,
  food_vulnerability DOUBLE PRECISION,
  state_density DOUBLE PRECISION,
  macroregion TEXT,
  iso_code TEXT,
  reniec_code TEXT
);
CREATE INDEX territory_parent ON territory (parent_code, code);
CREATE INDEX territory_level ON territory (level, code);

-- The government that plans for a territory: a regional government, a provincial
-- municipality (which also governs its capital district, the "cercado"), or a
-- district municipality.
CREATE TABLE government (
  code TEXT PRIMARY KEY REFERENCES territory(code),
  kind TEXT NOT NULL CHECK (kind IN ('regional', 'provincial', 'district')),
  name TEXT NOT NULL
);

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- A counter bumped by every write transaction (store layer), so that any server
-- process can tell whether what it rendered before is still current.
CREATE TABLE data_generation (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  n BIGINT NOT NULL
);
INSERT INTO data_generation (id, n) VALUES (1, 1);
