-- The readiness each account had when the director last finished a daily review, so that the
-- next review can say what surged or cooled since, even when scores were refreshed the same
-- day (a day's score snapshot is replaced when it is scored again).
CREATE TABLE reviewed_scores (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    readiness REAL NOT NULL
);

-- Moves the director turned down in a review, with the readiness the account had then: the
-- same account is not proposed again until its readiness moves on, so a "no" sticks.
CREATE TABLE review_rejections (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    readiness REAL NOT NULL,
    rejected_on TEXT NOT NULL
);
