-- Record withdrawals, disputes and erasure (issue 5, features from events).

-- A withdrawn record (record.withdrawn: superseded, suppressed, deleted, erased, aged out) is
-- removed from subject_record; its id stays here so a redelivered or late record.accepted of the
-- same record can never bring it back. Holds ids only, no record data.
create table withdrawn_record (
    record_id    uuid primary key,
    subject_id   text not null,
    reason       text not null,
    replaced_by  uuid,
    withdrawn_at timestamptz not null
);
create index withdrawn_record_subject on withdrawn_record (subject_id);

-- The latest step of each dispute over a record (dispute.updated); the highest sequence wins.
-- A record is "disputed by consumer" while a dispute over it is OPEN; it still counts.
create table record_dispute (
    dispute_id   uuid primary key,
    sequence     bigint not null,
    subject_id   text not null,
    record_id    uuid not null,
    furnisher_id text,
    status       text not null,
    changed_at   timestamptz
);
create index record_dispute_record on record_dispute (record_id);
create index record_dispute_subject on record_dispute (subject_id);

-- Subjects whose erasure was requested (subject.erasure-requested): their projections are gone and
-- later events about them are ignored. Disclosures and inquiries are kept (legal retention).
create table erased_subject (
    subject_id   text primary key,
    request_id   uuid,
    requested_at timestamptz,
    erased_at    timestamptz not null default now()
);
