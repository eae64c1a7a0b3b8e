-- Salesforce ids are keyed by their 15-character form from now on: the import checks an
-- 18-character id against its case-encoding suffix and keeps the first fifteen characters, so
-- that `0015g00000AbCdE` and `0015g00000abcdeaav` are one account and `0015g00000ABCDE` another.
-- Keys stored before in the 18-character form would no longer meet the same ids re-imported,
-- and every account would come back twice; this reduces them too. Only exact 18-character ids
-- whose suffix matches the case of the first fifteen are touched (the suffix is each block of
-- five characters' capitals as bits, read in A-Z0-5), and only when the 15-character key is
-- not taken already.

UPDATE accounts
SET key = substr(key, 1, 15)
WHERE length(key) = 18
  AND key NOT GLOB '*[^0-9A-Za-z]*'
  AND substr(key, 1, 15) GLOB '*[0-9]*'
  AND substr(key, 1, 15) GLOB '*[A-Za-z]*'
  AND substr(key, 16, 3) = substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', 1
            + (substr(key, 1, 1) BETWEEN 'A' AND 'Z')
            + 2 * (substr(key, 2, 1) BETWEEN 'A' AND 'Z')
            + 4 * (substr(key, 3, 1) BETWEEN 'A' AND 'Z')
            + 8 * (substr(key, 4, 1) BETWEEN 'A' AND 'Z')
            + 16 * (substr(key, 5, 1) BETWEEN 'A' AND 'Z'), 1)
       || substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', 1
            + (substr(key, 6, 1) BETWEEN 'A' AND 'Z')
            + 2 * (substr(key, 7, 1) BETWEEN 'A' AND 'Z')
            + 4 * (substr(key, 8, 1) BETWEEN 'A' AND 'Z')
            + 8 * (substr(key, 9, 1) BETWEEN 'A' AND 'Z')
            + 16 * (substr(key, 10, 1) BETWEEN 'A' AND 'Z'), 1)
       || substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', 1
            + (substr(key, 11, 1) BETWEEN 'A' AND 'Z')
            + 2 * (substr(key, 12, 1) BETWEEN 'A' AND 'Z')
            + 4 * (substr(key, 13, 1) BETWEEN 'A' AND 'Z')
            + 8 * (substr(key, 14, 1) BETWEEN 'A' AND 'Z')
            + 16 * (substr(key, 15, 1) BETWEEN 'A' AND 'Z'), 1)
  AND NOT EXISTS (SELECT 1 FROM accounts other WHERE other.key = substr(accounts.key, 1, 15));

UPDATE opportunities
SET key = substr(key, 1, 15)
WHERE length(key) = 18
  AND key NOT GLOB '*[^0-9A-Za-z]*'
  AND substr(key, 1, 15) GLOB '*[0-9]*'
  AND substr(key, 1, 15) GLOB '*[A-Za-z]*'
  AND substr(key, 16, 3) = substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', 1
            + (substr(key, 1, 1) BETWEEN 'A' AND 'Z')
            + 2 * (substr(key, 2, 1) BETWEEN 'A' AND 'Z')
            + 4 * (substr(key, 3, 1) BETWEEN 'A' AND 'Z')
            + 8 * (substr(key, 4, 1) BETWEEN 'A' AND 'Z')
            + 16 * (substr(key, 5, 1) BETWEEN 'A' AND 'Z'), 1)
       || substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', 1
            + (substr(key, 6, 1) BETWEEN 'A' AND 'Z')
            + 2 * (substr(key, 7, 1) BETWEEN 'A' AND 'Z')
            + 4 * (substr(key, 8, 1) BETWEEN 'A' AND 'Z')
            + 8 * (substr(key, 9, 1) BETWEEN 'A' AND 'Z')
            + 16 * (substr(key, 10, 1) BETWEEN 'A' AND 'Z'), 1)
       || substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', 1
            + (substr(key, 11, 1) BETWEEN 'A' AND 'Z')
            + 2 * (substr(key, 12, 1) BETWEEN 'A' AND 'Z')
            + 4 * (substr(key, 13, 1) BETWEEN 'A' AND 'Z')
            + 8 * (substr(key, 14, 1) BETWEEN 'A' AND 'Z')
            + 16 * (substr(key, 15, 1) BETWEEN 'A' AND 'Z'), 1)
  AND NOT EXISTS (SELECT 1 FROM opportunities other WHERE other.key = substr(opportunities.key, 1, 15));
