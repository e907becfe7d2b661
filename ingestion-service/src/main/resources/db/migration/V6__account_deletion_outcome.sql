-- A Metro 2 DA/DF tradeline withdraws the held version (DELETED) and is reported as its own
-- outcome; CSV jobs count it like the others.
alter table ingestion_outcome drop constraint ingestion_outcome_outcome_check;
alter table ingestion_outcome
    add constraint ingestion_outcome_outcome_check
        check (outcome in ('ACCEPTED', 'DUPLICATE', 'SUPERSEDED', 'DELETED', 'REJECTED'));
alter table record_job add column deleted bigint not null default 0;
