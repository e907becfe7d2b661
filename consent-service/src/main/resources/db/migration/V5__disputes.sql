-- Disputes opened by subjects (or officers for their organisation) over one record held by
-- ingestion. The status follows ingestion's dispute.updated events (highest sequence wins).
-- reason is the subject's own words: personal data, never logged.
create table dispute (
    id                uuid primary key,
    subject_id        text not null references subject (id),
    record_id         uuid not null,
    furnisher_id      text,
    reason            text not null,
    opened_by         text not null,
    opened_at         timestamptz not null,
    record_checked    boolean not null,
    status            text not null check (status in ('OPEN', 'VERIFIED', 'CORRECTED', 'DELETED', 'SUPPRESSED')),
    status_sequence   bigint not null,
    status_changed_at timestamptz not null
);
create index dispute_subject on dispute (subject_id, opened_at desc);
-- one open dispute per record and subject at a time
create unique index dispute_one_open on dispute (subject_id, record_id) where status = 'OPEN';
