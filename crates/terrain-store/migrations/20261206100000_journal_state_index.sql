-- Undo, redo and every edit find journal entries by state: the latest done one, the first
-- undone one, the undone ones an edit drops. Without an index each of those read the whole
-- journal, which gains an entry with every drag, lock and undo all day long: over a soak of
-- 10,000 drags and undos on 100k accounts a drag's median grew from 8 ms to 13 ms.
CREATE INDEX journal_state ON journal (state, id);
