-- 0002 accounts: people who sign in, their roles by territory, sessions, API
-- tokens, one-time password-reset links, and the hash-chained audit log.

CREATE TABLE account (
  id @ID@,
  email TEXT NOT NULL UNIQUE,          -- stored lower-case
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,         -- libsodium crypto_pwhash_str (argon2id)
  residence_code TEXT REFERENCES territory(code),
  active BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);

-- A role on a territory; NULL territory = the whole installation.
CREATE TABLE role_grant (
  id @ID@,
  account_id BIGINT NOT NULL REFERENCES account(id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'planner', 'council', 'agent', 'vigilance', 'citizen')),
  territory_code TEXT REFERENCES territory(code),
  created_at TEXT NOT NULL
);
CREATE INDEX role_grant_account ON role_grant (account_id);

-- Sessions: only a hash of the token is stored. Times are epoch seconds.
CREATE TABLE session (
  id @ID@,
  token_hash TEXT NOT NULL UNIQUE,
  account_id BIGINT NOT NULL REFERENCES account(id),
  csrf TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  address TEXT
);
CREATE INDEX session_account ON session (account_id);

CREATE TABLE api_token (
  id @ID@,
  account_id BIGINT NOT NULL REFERENCES account(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_token_account ON api_token (account_id);

CREATE TABLE password_reset (
  id @ID@,
  account_id BIGINT NOT NULL REFERENCES account(id),
  token_hash TEXT NOT NULL UNIQUE,
  issued_by BIGINT REFERENCES account(id),
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);

-- The audit log: one entry per state change, written in the same transaction,
-- each entry's hash covering its fields and the previous entry's hash.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  account_id BIGINT,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq);
