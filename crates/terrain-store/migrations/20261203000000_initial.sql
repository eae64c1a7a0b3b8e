-- The first schema of a workspace: what a director imports (reps, accounts, opportunities,
-- signals, a product catalogue), what Terrain derives (scores, plans) and the journal that makes
-- every owner change undoable and auditable.
--
-- Keys that come from a CRM (account and opportunity ids) use BINARY collation on purpose:
-- Salesforce ids that differ only in letter case are different records.

CREATE TABLE reps (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    team TEXT,
    region TEXT,
    -- NULL means the workspace default capacity.
    capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    active INTEGER NOT NULL DEFAULT 1,
    custom TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE COLLATE BINARY,
    name TEXT NOT NULL,
    owner_name TEXT,
    industry TEXT,
    employees REAL,
    revenue REAL,
    country TEXT,
    state TEXT,
    region TEXT,
    outcome INTEGER,
    custom TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX accounts_name ON accounts (name);

CREATE TABLE products (
    name TEXT PRIMARY KEY,
    series TEXT,
    price REAL
);

CREATE TABLE opportunities (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE COLLATE BINARY,
    -- NULL when the sheet left the account blank or named no known account: the deal still
    -- counts for its owner, but for no account's score or territory.
    account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    account_text TEXT,
    owner_name TEXT,
    rep_id INTEGER REFERENCES reps (id) ON DELETE SET NULL,
    product TEXT,
    stage TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('won', 'lost', 'open')),
    amount REAL,
    created TEXT,
    closed TEXT,
    custom TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX opportunities_account ON opportunities (account_id);
CREATE INDEX opportunities_rep ON opportunities (rep_id);

CREATE TABLE signals (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    topic TEXT,
    strength REAL
);
CREATE INDEX signals_account ON signals (account_id, day);

-- Written at import time so that scoring reads one row per account, week and kind instead of
-- every raw event. `week` is the Monday that starts the ISO week.
CREATE TABLE signal_weeks (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    week TEXT NOT NULL,
    kind TEXT NOT NULL,
    events INTEGER NOT NULL,
    strength REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, week, kind)
) WITHOUT ROWID;

CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    file TEXT NOT NULL,
    kind TEXT NOT NULL,
    rows INTEGER NOT NULL,
    rejected INTEGER NOT NULL
);

-- Dated snapshots, so a score's history and back-tests stay possible.
CREATE TABLE scores (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    as_of TEXT NOT NULL,
    fit REAL NOT NULL,
    engagement REAL NOT NULL,
    intent REAL NOT NULL,
    readiness REAL NOT NULL,
    potential REAL NOT NULL,
    stage TEXT NOT NULL,
    reasons TEXT NOT NULL,
    PRIMARY KEY (account_id, as_of)
) WITHOUT ROWID;

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
    effective TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX plans_one_active ON plans (status) WHERE status = 'active';

-- An account with no row, or a NULL rep, waits in the pool.
CREATE TABLE assignments (
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    rep_id INTEGER REFERENCES reps (id) ON DELETE SET NULL,
    locked INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (plan_id, account_id)
) WITHOUT ROWID;
CREATE INDEX assignments_rep ON assignments (plan_id, rep_id);

-- Every owner or lock change, as the list of per-account before/after values, so undo and
-- redo survive a restart and the audit log is this table read for people.
CREATE TABLE journal (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    label TEXT NOT NULL,
    changes TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'dropped'))
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
