-- Duplicate accounts: the same company written differently in the CRM (`Acme Corporation`,
-- `ACME Corporation `, `Acme Corp.`). An import proposes which accounts look like one company;
-- the director merges a group or keeps it apart, and both answers are remembered.

-- The website or domain column of an accounts sheet, as written: besides the name, it is what
-- tells whether two rows are one company.
ALTER TABLE accounts ADD COLUMN website TEXT;

-- A group of accounts that look like one company, and what became of it: `open` until the
-- director answers, then `merged` (into `kept_account`) or `kept_apart`. A kept-apart group is
-- kept so that the same accounts are never proposed together again.
CREATE TABLE merge_proposals (
    id INTEGER PRIMARY KEY,
    proposed_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'merged', 'kept_apart')),
    decided_at TEXT,
    kept_account INTEGER REFERENCES accounts (id) ON DELETE SET NULL
);
CREATE INDEX merge_proposals_state ON merge_proposals (state);

CREATE TABLE merge_proposal_members (
    proposal_id INTEGER NOT NULL REFERENCES merge_proposals (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (proposal_id, account_id)
) WITHOUT ROWID;
CREATE INDEX merge_proposal_members_account ON merge_proposal_members (account_id);

-- The accounts merged into another, with the raw values they had: the kept account shows
-- them, and a later import finds the merged key (or name) and lands on the kept account
-- instead of creating the duplicate again. Keys compare byte for byte, like account keys.
CREATE TABLE merged_accounts (
    key TEXT PRIMARY KEY COLLATE BINARY,
    name TEXT NOT NULL,
    website TEXT,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    merged_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX merged_accounts_account ON merged_accounts (account_id);
