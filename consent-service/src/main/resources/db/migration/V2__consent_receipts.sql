-- Signed consent receipts (Kantara consent receipt v1.1 fields, JWS ES256). Append-only.
create table consent_receipt (
    id          uuid primary key,
    consent_id  uuid not null references consent (id),
    subject_id  text not null,
    kind        text not null check (kind in ('GRANT', 'REVOCATION')),
    sequence    bigint not null,
    issued_at   timestamptz not null,
    jws         text not null,
    unique (consent_id, sequence)
);
create index consent_receipt_consent on consent_receipt (consent_id);
