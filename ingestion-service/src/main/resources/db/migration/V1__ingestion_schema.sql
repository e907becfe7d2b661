-- ingestion-service schema: local projection of subjects and consents (from consent events),
-- furnished records, the ingestion report, outbox, processed events.

-- Projection of consent-service's subjects. Identifiers only as keyed hashes (HMAC-SHA256).
create table subject_view (
    subject_id    text primary key,
    subject_type  text not null check (subject_type in ('PERSON', 'ORGANISATION')),
    registered_at timestamptz not null
);

create table subject_identifier_view (
    identifier_type text not null,
    identifier_hash text not null,
    subject_id      text not null references subject_view (subject_id),
    primary key (identifier_type, identifier_hash)
);
create index subject_identifier_view_subject on subject_identifier_view (subject_id);

-- Projection of consents: the latest state of each consent by sequence (last writer wins).
create table consent_view (
    consent_id  uuid primary key,
    sequence    bigint not null,
    subject_id  text not null,
    grantee_id  text not null,
    direction   text not null check (direction in ('COLLECT', 'DISCLOSE')),
    purpose     text not null,
    categories  text[] not null,
    status      text not null check (status in ('PENDING', 'ACTIVE', 'REJECTED', 'REVOKED', 'EXPIRED')),
    starts_at   timestamptz not null,
    expires_at  timestamptz not null,
    changed_at  timestamptz
);
create index consent_view_gate on consent_view (subject_id, grantee_id, direction);

-- Accepted records. (furnisher_id, furnisher_record_id) is the deduplication key; content_hash
-- tells a replay (same content) from a reuse of the id for different content.
create table furnished_record (
    id                  uuid primary key,
    furnisher_id        text not null,
    furnisher_record_id text not null,
    subject_id          text not null,
    category            text not null,
    schema_version      integer not null,
    data                jsonb not null,
    content_hash        text not null,
    reported_on         date not null,
    received_at         timestamptz not null,
    status              text not null default 'ACTIVE'
        check (status in ('ACTIVE', 'SUPERSEDED', 'DISPUTED', 'SUPPRESSED', 'ERASED')),
    constraint furnished_record_furnisher_key unique (furnisher_id, furnisher_record_id)
);
create index furnished_record_subject on furnished_record (subject_id, furnisher_id);

-- The ingestion report: one row per processed record (accepted, duplicate or rejected), grouped
-- by batch. A request refused whole (prohibited attribute, too large, malformed) leaves no row.
create table ingestion_outcome (
    id                  bigint generated always as identity primary key,
    batch_id            uuid not null,
    furnisher_id        text not null,
    furnisher_record_id text not null,
    category            text,
    outcome             text not null check (outcome in ('ACCEPTED', 'DUPLICATE', 'SUPERSEDED', 'REJECTED')),
    reason_code         text,
    record_id           uuid,
    processed_at        timestamptz not null
);
create index ingestion_outcome_batch on ingestion_outcome (batch_id);
create index ingestion_outcome_furnisher on ingestion_outcome (furnisher_id, processed_at);

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
