-- Accounts written before match keys existed have none until the next import gives them
-- theirs. This index holds only those, so every import finds them without reading all
-- accounts; it stays empty once they have their keys.
CREATE INDEX accounts_unmatched ON accounts (id) WHERE match_name IS NULL;
