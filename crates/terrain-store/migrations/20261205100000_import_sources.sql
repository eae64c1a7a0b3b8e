-- How files of one source were read, so the next export from the same CRM report imports
-- without asking again. A source is known by its headers: `signature` is the file's
-- normalised headers in order; `settings` is the JSON of the kind, mapping and column
-- readings the user settled.
CREATE TABLE import_sources (
    signature TEXT PRIMARY KEY COLLATE BINARY,
    settings TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
