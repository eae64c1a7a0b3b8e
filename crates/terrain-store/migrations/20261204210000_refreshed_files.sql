-- The files the scheduled refresh imported from the watched folder, known by name, size and
-- modification time, so that each is imported once. A row is written in the transaction of
-- its file's import: a file whose import failed is not here and is tried again next time.
CREATE TABLE refreshed_files (
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    modified TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (name, size, modified)
) WITHOUT ROWID;
