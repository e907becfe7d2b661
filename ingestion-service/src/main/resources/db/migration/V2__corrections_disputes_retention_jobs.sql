-- Corrections (versions of one furnisher record), withdrawal (superseded, suppressed, deleted,
-- erased, aged out), disputes, retention dates, CSV jobs and per-line ingestion report.

-- A furnisher record id may now have several versions; (furnisher, id, version) is unique and the
-- current version is the one not replaced by another.
alter table furnished_record drop constraint furnished_record_furnisher_key;
alter table furnished_record drop constraint furnished_record_status_check;
alter table furnished_record
    add column version           integer not null default 1,
    add column supersedes        uuid,
    add column replaced_by       uuid,
    add column consent_bound     boolean not null default true,
    add column ages_out_on       date,
    add column withdrawn_at      timestamptz,
    add column dispute_status    text,
    add constraint furnished_record_status_check
        check (status in ('ACTIVE', 'SUPERSEDED', 'SUPPRESSED', 'DELETED', 'ERASED', 'AGED_OUT')),
    add constraint furnished_record_version_key unique (furnisher_id, furnisher_record_id, version);
create index furnished_record_ageing on furnished_record (ages_out_on) where status = 'ACTIVE';
create index furnished_record_subject_only on furnished_record (subject_id);

-- The ingestion report keeps the line (NDJSON, CSV) and the message of a rejection; a line that
-- could not be parsed has no furnisher record id.
alter table ingestion_outcome alter column furnisher_record_id drop not null;
alter table ingestion_outcome drop constraint ingestion_outcome_outcome_check;
alter table ingestion_outcome
    add column line_no bigint,
    add column message text,
    add constraint ingestion_outcome_outcome_check
        check (outcome in ('ACCEPTED', 'DUPLICATE', 'SUPERSEDED', 'REJECTED'));

-- Consents whose end (revoked, expired by event or by the clock) has been acted on by erasure.
alter table consent_view add column erased_at timestamptz;

-- Disputes forwarded by consent-service. reason is the subject's own words for the furnisher.
create table dispute (
    id           uuid primary key,
    record_id    uuid not null references furnished_record (id),
    subject_id   text not null,
    furnisher_id text not null,
    status       text not null check (status in ('OPEN', 'VERIFIED', 'CORRECTED', 'DELETED', 'SUPPRESSED')),
    sequence     bigint not null,
    reason       text,
    opened_at    timestamptz not null,
    updated_at   timestamptz not null
);
create index dispute_furnisher_status on dispute (furnisher_id, status);
create index dispute_open on dispute (opened_at) where status = 'OPEN';
create index dispute_record on dispute (record_id);

-- CSV upload jobs; rejected lines are ingestion_outcome rows with batch_id = job id.
create table record_job (
    id           uuid primary key,
    furnisher_id text not null,
    category     text,
    status       text not null check (status in ('RUNNING', 'DONE', 'FAILED')),
    lines_read   bigint not null default 0,
    accepted     bigint not null default 0,
    superseded   bigint not null default 0,
    duplicate    bigint not null default 0,
    rejected     bigint not null default 0,
    error        text,
    created_at   timestamptz not null,
    finished_at  timestamptz
);
create index record_job_furnisher on record_job (furnisher_id, created_at);
