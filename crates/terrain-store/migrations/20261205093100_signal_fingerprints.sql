-- Signals carry no id of their own, so importing the same activity file twice used to count
-- every event twice. An event is now known by its account, day, kind, topic and strength plus
-- its ordinal among identical events of the file it came from: two identical events in one file
-- are two events (ordinals 0 and 1), and the same file imported again meets the same
-- fingerprints and adds nothing. The unique index is what the import's ON CONFLICT DO NOTHING
-- relies on; a missing topic or strength counts as one value, as the weekly rollups treat it.
--
-- Events already stored get their ordinals in the order they were imported. Those a repeated
-- import already doubled stay doubled (nothing tells them apart now), but importing the file
-- once more adds no third copy.
ALTER TABLE signals ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0;

UPDATE signals
SET ordinal = numbered.n
FROM (
    SELECT id,
           row_number() OVER (
               PARTITION BY account_id, day, kind, ifnull(topic, ''), ifnull(strength, 'none')
               ORDER BY id
           ) - 1 AS n
    FROM signals
) AS numbered
WHERE numbered.id = signals.id;

CREATE UNIQUE INDEX signals_fingerprint
    ON signals (account_id, day, kind, ifnull(topic, ''), ifnull(strength, 'none'), ordinal);
