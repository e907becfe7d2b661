-- Ingestion answers a dispute that names no active record of its subject with REJECTED (nothing to
-- reinvestigate), so such a dispute no longer stays OPEN forever.
alter table dispute drop constraint dispute_status_check;
alter table dispute add constraint dispute_status_check
    check (status in ('OPEN', 'VERIFIED', 'CORRECTED', 'DELETED', 'SUPPRESSED', 'REJECTED'));
