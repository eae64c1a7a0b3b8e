-- Weekly rollups per topic as well as per kind, so that intent can be measured per topic the
-- director marks as relevant (a surge compares a topic's week with the four before it).
-- The rollups are rebuilt from the raw signals, which hold every topic.
CREATE TABLE signal_weeks_by_topic (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    week TEXT NOT NULL,
    kind TEXT NOT NULL,
    topic TEXT NOT NULL DEFAULT '',
    events INTEGER NOT NULL,
    strength REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, week, kind, topic)
) WITHOUT ROWID;

-- Weeks start on Monday: %w is 0 for Sunday, so a day goes back (%w + 6) % 7 days.
INSERT INTO signal_weeks_by_topic (account_id, week, kind, topic, events, strength)
SELECT account_id,
       date(day, '-' || ((CAST(strftime('%w', day) AS INTEGER) + 6) % 7) || ' days'),
       kind,
       COALESCE(topic, ''),
       COUNT(*),
       COALESCE(SUM(strength), 0)
FROM signals
GROUP BY 1, 2, 3, 4;

DROP TABLE signal_weeks;
ALTER TABLE signal_weeks_by_topic RENAME TO signal_weeks;
