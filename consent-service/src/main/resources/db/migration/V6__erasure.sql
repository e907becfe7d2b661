-- Erasure requests (GDPR Art. 17). The subject row stays (consents, receipts and the access log
-- that the law makes us keep refer to it) but is marked erased; its identifier hashes are deleted.
alter table subject add column erased_at timestamptz;

create table erasure_request (
    id                uuid primary key,
    subject_id        text not null references subject (id),
    requested_at      timestamptz not null,
    requested_by      text not null,
    status            text not null check (status in ('ACCEPTED')),
    consents_revoked  integer not null,
    requests_rejected integer not null,
    identifiers_erased integer not null
);
create index erasure_request_subject on erasure_request (subject_id, requested_at desc);
