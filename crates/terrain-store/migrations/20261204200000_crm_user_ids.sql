-- Each rep's user id in the CRM (a Salesforce user id, a HubSpot owner id): the owner updates
-- Terrain writes for the CRM must name the owner by it, not by the rep's name. NULL until a
-- reps sheet or the director gives it. One CRM user is one rep, so no two reps share an id;
-- compared byte for byte, as Salesforce ids that differ only in letter case are different.
ALTER TABLE reps ADD COLUMN crm_user_id TEXT COLLATE BINARY;
CREATE UNIQUE INDEX reps_crm_user_id ON reps (crm_user_id) WHERE crm_user_id IS NOT NULL;
