-- A dispute follows its record across the furnisher's routine updates (ingestion-service keeps it
-- OPEN and moves it to the new version, announcing dispute.updated OPEN with the new record id).
-- record_id stays the version the person disputed; current_record_id is the version the dispute is
-- about now (null: still the one disputed), so a second dispute over the new version is refused as
-- already open and the portal shows the current version as disputed.
alter table dispute add column current_record_id uuid;
