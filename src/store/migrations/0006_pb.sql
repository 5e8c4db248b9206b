-- 0006 participatory budgeting: the yearly process of a government (PRODES guide,
-- seed 004: preparación, concertación, coordinación, formalización), its calendar
-- of steps, zone budgets and category caps, the participating agents and their
-- representatives, proposals (new, from the project bank, or taken in from a
-- district's process: art. 97 of Ley 27972), the criteria matrix and the
-- committee's scores with recusals, ballots (online, paper with double entry,
-- imported from Pabulib), the published results, the acta of agreements and
-- commitments with its signatories, and the vigilance committee with its log of
-- observations and the municipality's answers.
--
-- Money in integer cents; times as "YYYY-MM-DDTHH:MM:SSZ" (UTC); booleans 0/1.

CREATE TABLE pb_process (
  id @ID@,
  government_code TEXT NOT NULL REFERENCES government(code),
  year BIGINT NOT NULL,                        -- the fiscal year the budget is for
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  ceiling BIGINT NOT NULL CHECK (ceiling >= 0),           -- cents
  vote_method TEXT NOT NULL CHECK (vote_method IN ('approval', 'ranked', 'cumulative', 'knapsack')),
  max_choices BIGINT NOT NULL CHECK (max_choices >= 0),   -- approval, ranked: K (0 = no limit)
  points BIGINT NOT NULL CHECK (points >= 0),             -- cumulative: points each voter distributes
  rule TEXT NOT NULL CHECK (rule IN ('greedy', 'greedy-score', 'mes', 'phragmen', 'optimal')),
  origin TEXT NOT NULL CHECK (origin IN ('minka', 'pabulib')),
  results_rule TEXT,                           -- the rule of the published results
  results_at TEXT,
  results_by TEXT,
  formalized_at TEXT,
  invest_plan_id BIGINT REFERENCES invest_plan(id),       -- where the acta's projects were sent
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (government_code, year)
);

-- The calendar: steps of the four phases, each open from starts_at (inclusive)
-- to ends_at (exclusive).
CREATE TABLE pb_step (
  id @ID@,
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  kind TEXT NOT NULL CHECK (kind IN ('convocation', 'registration', 'training', 'workshops', 'evaluation',
    'prioritization', 'voting', 'coordination', 'formalization')),
  phase TEXT NOT NULL CHECK (phase IN ('preparation', 'concertation', 'coordination', 'formalization')),
  title TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  CHECK (ends_at > starts_at),
  UNIQUE (process_id, kind)
);
CREATE INDEX pb_step_process ON pb_step (process_id, starts_at);

-- Budgets per zone (districts of a province, sectors of a city); what the zones
-- leave of the ceiling is the general pool, for proposals of no zone.
CREATE TABLE pb_zone (
  id @ID@,
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  name TEXT NOT NULL,
  territory_code TEXT REFERENCES territory(code),
  budget BIGINT NOT NULL CHECK (budget >= 0),
  UNIQUE (process_id, name)
);

-- At most this much may go to one category (the project bank's sectors).
CREATE TABLE pb_cap (
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  category TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (process_id, category)
);

-- The criteria matrix: weights total 100.
CREATE TABLE pb_criterion (
  id @ID@,
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  position BIGINT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('committee', 'poverty', 'beneficiaries', 'alignment', 'cofinancing')),
  weight BIGINT NOT NULL CHECK (weight BETWEEN 0 AND 100),
  scale_min BIGINT NOT NULL,
  scale_max BIGINT NOT NULL,
  scale_text TEXT NOT NULL,
  CHECK (scale_max > scale_min)
);
CREATE INDEX pb_criterion_process ON pb_criterion (process_id, position);

-- Participating agents: organizations registered for one process.
CREATE TABLE pb_agent (
  id @ID@,
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,                      -- folded name: one registration per organization
  kind TEXT NOT NULL CHECK (kind IN ('community_organization', 'peasant_community', 'native_community',
    'producers', 'business_guild', 'ngo', 'university', 'neighbourhood_board', 'professional_association',
    'public_institution', 'other')),
  territory_code TEXT NOT NULL REFERENCES territory(code),
  registered_by BIGINT REFERENCES account(id),
  status TEXT NOT NULL CHECK (status IN ('registered', 'accredited', 'refused')),
  reason TEXT,                                 -- why it was refused
  decided_by TEXT,
  decided_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (process_id, name_key)
);
CREATE INDEX pb_agent_process ON pb_agent (process_id, status);

CREATE TABLE pb_representative (
  id @ID@,
  agent_id BIGINT NOT NULL REFERENCES pb_agent(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('titular', 'alternate')),
  account_id BIGINT REFERENCES account(id),
  created_at TEXT NOT NULL,
  UNIQUE (agent_id, account_id)
);
CREATE INDEX pb_representative_account ON pb_representative (account_id);

CREATE TABLE pb_proposal (
  id @ID@,
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  number BIGINT NOT NULL,                      -- 1, 2, ... in order of filing
  pabulib_id TEXT NOT NULL,                    -- its project_id in the .pb export (the number, or the file's id)
  origin TEXT NOT NULL CHECK (origin IN ('agent', 'bank', 'district', 'pabulib')),
  agent_id BIGINT REFERENCES pb_agent(id),
  project_id BIGINT REFERENCES project(id),    -- the project bank's record, when there is one
  source_proposal_id BIGINT REFERENCES pb_proposal(id),   -- taken in from a district's process
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  territory_code TEXT REFERENCES territory(code),         -- the district it benefits
  zone_id BIGINT REFERENCES pb_zone(id),
  sector TEXT NOT NULL,
  cost BIGINT NOT NULL CHECK (cost >= 0),      -- estimated, cents
  cofinancing BIGINT NOT NULL CHECK (cofinancing >= 0),   -- what the agents contribute, cents
  beneficiaries BIGINT CHECK (beneficiaries >= 0),
  element_id BIGINT REFERENCES plan_element(id),          -- the PDC objective it serves; NULL = untraced
  review TEXT NOT NULL CHECK (review IN ('pending', 'viable', 'not_viable')),
  observations TEXT NOT NULL,
  validated_cost BIGINT CHECK (validated_cost >= 0),
  provincial_impact BIGINT NOT NULL CHECK (provincial_impact IN (0, 1)),
  reviewed_by TEXT,
  reviewed_at TEXT,
  filed_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (process_id, number),
  UNIQUE (process_id, pabulib_id),
  UNIQUE (process_id, project_id),
  UNIQUE (process_id, source_proposal_id)
);
CREATE INDEX pb_proposal_agent ON pb_proposal (agent_id);
CREATE INDEX pb_proposal_source ON pb_proposal (source_proposal_id);
CREATE INDEX pb_proposal_element ON pb_proposal (element_id);

-- The committee that scores the matrix, with the organization each member
-- belongs to (a member never scores that organization's proposals).
CREATE TABLE pb_committee (
  id @ID@,
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  account_id BIGINT NOT NULL REFERENCES account(id),
  agent_id BIGINT REFERENCES pb_agent(id),
  created_at TEXT NOT NULL,
  UNIQUE (process_id, account_id)
);

-- Conflicts of interest a member declared on a proposal.
CREATE TABLE pb_recusal (
  member_id BIGINT NOT NULL REFERENCES pb_committee(id),
  proposal_id BIGINT NOT NULL REFERENCES pb_proposal(id),
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (member_id, proposal_id)
);

CREATE TABLE pb_score (
  member_id BIGINT NOT NULL REFERENCES pb_committee(id),
  proposal_id BIGINT NOT NULL REFERENCES pb_proposal(id),
  criterion_id BIGINT NOT NULL REFERENCES pb_criterion(id),
  value BIGINT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (member_id, proposal_id, criterion_id)
);
CREATE INDEX pb_score_proposal ON pb_score (proposal_id);

-- Ballots: one per voter (an account online, a paper ballot's serial, a voter of
-- an imported file). Items in the ballot's order (ranked) with points (cumulative).
CREATE TABLE pb_ballot (
  id @ID@,
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  channel TEXT NOT NULL CHECK (channel IN ('online', 'paper', 'import')),
  account_id BIGINT REFERENCES account(id),
  voter_key TEXT,                              -- paper serial or imported voter id
  residence_code TEXT REFERENCES territory(code),
  entered_by TEXT,                             -- paper: the two officers
  confirmed_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (process_id, account_id),
  UNIQUE (process_id, voter_key)
);

CREATE TABLE pb_ballot_item (
  ballot_id BIGINT NOT NULL REFERENCES pb_ballot(id),
  proposal_id BIGINT NOT NULL REFERENCES pb_proposal(id),
  position BIGINT NOT NULL,
  points BIGINT NOT NULL CHECK (points >= 0),
  PRIMARY KEY (ballot_id, proposal_id)
);
CREATE INDEX pb_ballot_item_proposal ON pb_ballot_item (proposal_id);

-- A paper ballot entered once, waiting for the second officer's entry.
CREATE TABLE pb_paper_entry (
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  serial TEXT NOT NULL,
  officer_account_id BIGINT REFERENCES account(id),
  officer TEXT NOT NULL,
  choices TEXT NOT NULL,                       -- canonical: "proposal:points,..." in ballot order
  created_at TEXT NOT NULL,
  PRIMARY KEY (process_id, serial)
);

-- The published results: one row per proposal.
CREATE TABLE pb_result (
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  proposal_id BIGINT NOT NULL REFERENCES pb_proposal(id),
  selected BIGINT NOT NULL CHECK (selected IN (0, 1)),
  reason TEXT NOT NULL,
  zone_id BIGINT REFERENCES pb_zone(id),
  vote_rank BIGINT NOT NULL,
  pick BIGINT NOT NULL,                        -- 1.. in the order the rule chose; 0 = not selected
  support BIGINT NOT NULL,
  supporters BIGINT NOT NULL,
  remaining BIGINT NOT NULL,                   -- cents left in its pool when it was decided
  pool_budget BIGINT NOT NULL,
  tie BIGINT NOT NULL CHECK (tie IN (0, 1)),
  PRIMARY KEY (process_id, proposal_id)
);

-- The acta of agreements and commitments (formalización).
CREATE TABLE pb_acta (
  process_id BIGINT PRIMARY KEY REFERENCES pb_process(id),
  place TEXT NOT NULL,
  held_on TEXT NOT NULL,                       -- YYYY-MM-DD
  agreements TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE pb_acta_line (
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  proposal_id BIGINT NOT NULL REFERENCES pb_proposal(id),
  source_id BIGINT REFERENCES funding_source(id),
  responsible TEXT NOT NULL,
  PRIMARY KEY (process_id, proposal_id)
);

CREATE TABLE pb_commitment (
  id @ID@,
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  agent_id BIGINT REFERENCES pb_agent(id),
  party TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX pb_commitment_process ON pb_commitment (process_id, id);

CREATE TABLE pb_signatory (
  id @ID@,
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  organization TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX pb_signatory_process ON pb_signatory (process_id, id);

-- The vigilance committee: members elected from the agents.
CREATE TABLE pb_vigilance_member (
  id @ID@,
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  agent_id BIGINT NOT NULL REFERENCES pb_agent(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('coordinator', 'member')),
  elected_on TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (process_id, name)
);

CREATE TABLE pb_observation (
  id @ID@,
  process_id BIGINT NOT NULL REFERENCES pb_process(id),
  proposal_id BIGINT REFERENCES pb_proposal(id),
  author_account_id BIGINT REFERENCES account(id),
  author TEXT NOT NULL,
  observed_on TEXT NOT NULL,                   -- YYYY-MM-DD
  text TEXT NOT NULL,
  evidence TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'answered')),
  answer TEXT,
  answered_by TEXT,
  answered_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX pb_observation_process ON pb_observation (process_id, id);
