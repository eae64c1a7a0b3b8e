-- An activation's journal entry names the plan it replaced, so that undo can make that plan
-- active again and redo can put the newer one back.
ALTER TABLE journal ADD COLUMN previous_plan INTEGER REFERENCES plans (id) ON DELETE SET NULL;
