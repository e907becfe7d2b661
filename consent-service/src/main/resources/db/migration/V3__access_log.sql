-- The subject's access log: who obtained their score, when, for which purpose, under which consent
-- (FCRA §609(a)(3), GDPR Art. 15). Tamper-evident: every entry's hash covers its content and the
-- previous entry's hash (one chain over all entries, appended in sequence order).
create table access_log_entry (
    sequence      bigint primary key,
    disclosure_id uuid not null unique,
    subject_id    text not null,
    lender_id     text not null,
    purpose       text not null,
    consent_id    uuid,
    outcome       text not null,
    disclosed_at  timestamptz not null,
    recorded_at   timestamptz not null,
    prev_hash     text not null,
    entry_hash    text not null
);
create index access_log_subject on access_log_entry (subject_id, disclosed_at desc);
create index access_log_lender on access_log_entry (lender_id, disclosed_at desc);
