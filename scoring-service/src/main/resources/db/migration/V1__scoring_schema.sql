-- scoring-service schema: projections of consent and record events, disclosures and inquiries,
-- outbox and processed events. No table is read by another service.

-- Subjects known from subject.registered (consent topic).
create table subject_view (
    subject_id    text primary key,
    subject_type  text not null check (subject_type in ('PERSON', 'ORGANISATION')),
    registered_at timestamptz not null
);

-- Keyed hashes (HMAC-SHA256) of identifiers; the clear value never reaches this service's storage.
create table subject_identifier_view (
    identifier_type text not null,
    identifier_hash text not null,
    subject_id      text not null,
    primary key (identifier_type, identifier_hash)
);
create index subject_identifier_view_subject on subject_identifier_view (subject_id);

-- Latest state of each consent (consent.changed); a row changes only for a higher sequence.
create table consent_view (
    consent_id  uuid primary key,
    sequence    bigint not null,
    subject_id  text not null,
    grantee_id  text not null,
    direction   text not null,
    purpose     text not null,
    categories  text[] not null,
    status      text not null,
    starts_at   timestamptz not null,
    expires_at  timestamptz not null,
    usage_limit integer,
    changed_at  timestamptz
);
create index consent_view_lookup on consent_view (subject_id, grantee_id, purpose, direction);

-- Accepted records (record.accepted); a newer report of the same furnisher record replaces it.
create table subject_record (
    furnisher_id        text not null,
    furnisher_record_id text not null,
    record_id           uuid not null,
    subject_id          text not null,
    category            text not null,
    reported_on         date not null,
    data                jsonb not null,
    event_id            uuid not null,
    occurred_at         timestamptz not null,
    updated_at          timestamptz not null default now(),
    primary key (furnisher_id, furnisher_record_id)
);
create index subject_record_subject on subject_record (subject_id, category);
create index subject_record_record on subject_record (record_id);

-- Every score released (or NO_SCORE answered) to a lender, with the inputs kept by hash.
create table disclosure (
    id              uuid primary key,
    lender_id       text not null,
    subject_id      text not null,
    purpose         text not null,
    consent_id      uuid not null,
    outcome         text not null check (outcome in ('SCORED', 'NO_SCORE')),
    score           integer,
    band            text,
    no_score_reason text,
    reason_codes    jsonb not null,
    scale_min       integer not null,
    scale_max       integer not null,
    model_id        text not null,
    model_version   text not null,
    snapshot_hash   text not null,
    features        jsonb not null,
    data_as_of      date,
    computed_at     timestamptz not null,
    check ((outcome = 'SCORED') = (score is not null))
);
create index disclosure_consent on disclosure (consent_id);
create index disclosure_lender on disclosure (lender_id, computed_at);
create index disclosure_subject on disclosure (subject_id, computed_at);

-- Inquiries: a credit application or tenant screening pull is HARD, an account review SOFT.
create table inquiry (
    id            uuid primary key,
    subject_id    text not null,
    lender_id     text not null,
    purpose       text not null,
    kind          text not null check (kind in ('HARD', 'SOFT')),
    disclosure_id uuid not null references disclosure (id),
    inquired_at   timestamptz not null
);
create index inquiry_subject on inquiry (subject_id, kind, inquired_at);

create table outbox_event (
    id           uuid primary key,
    topic        text not null,
    message_key  text not null,
    type         text not null,
    payload      jsonb not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_unpublished on outbox_event (created_at, id) where published_at is null;

create table processed_event (
    consumer     text not null,
    event_id     uuid not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
