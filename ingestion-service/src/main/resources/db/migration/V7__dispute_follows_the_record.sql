-- A dispute is about the furnisher's record (furnisher, furnisher_record_id), not one version of it
-- (docs/ingestion.md, "Disputes"): a routine update while it is OPEN is no answer, so record_id
-- moves to the new version and the day-30 suppression withdraws that one; disputed_record_id keeps
-- the version the subject disputed. Intake looks a chunk's disputes up by furnisher record id: the
-- OPEN ones to take along to a new version, the ones that ended SUPPRESSED or DELETED to refuse an
-- ordinary update that would reinsert the record (FCRA §611(a)(5)(B)).
alter table dispute
    add column disputed_record_id uuid references furnished_record (id),
    add column furnisher_record_id text;
update dispute d
   set disputed_record_id = d.record_id,
       furnisher_record_id = r.furnisher_record_id
  from furnished_record r
 where r.id = d.record_id;
alter table dispute
    alter column disputed_record_id set not null,
    alter column furnisher_record_id set not null;
create index dispute_furnisher_record on dispute (furnisher_id, furnisher_record_id);
