-- The normalised name and domain that duplicate accounts are matched on (see
-- terrain_core::dedupe), written with each account so that an import finds the few accounts
-- sharing one through an index instead of reading every account. '' when the account has no
-- usable name or domain; NULL for rows written before this version, which get theirs at the
-- next import.
ALTER TABLE accounts ADD COLUMN match_name TEXT;
ALTER TABLE accounts ADD COLUMN match_domain TEXT;
CREATE INDEX accounts_match_name ON accounts (match_name) WHERE match_name <> '';
CREATE INDEX accounts_match_domain ON accounts (match_domain) WHERE match_domain <> '';

-- The accounts grid sorts by name without case and searches with LIKE, neither of which a
-- binary index on the name serves; it only slowed every import down.
DROP INDEX accounts_name;
