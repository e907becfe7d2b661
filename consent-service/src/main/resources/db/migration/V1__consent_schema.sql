-- consent-service schema: subjects, consents with append-only history, outbox, processed events.

create table subject (
    id             text primary key,
    subject_type   text not null check (subject_type in ('PERSON', 'ORGANISATION')),
    enrolled_at    timestamptz not null,
    keycloak_sub   text
);

-- Keyed hashes (HMAC-SHA256) of identifiers; the clear value is never stored.
create table subject_identifier (
    identifier_type text not null,
    identifier_hash text not null,
    subject_id      text not null references subject (id),
    primary key (identifier_type, identifier_hash)
);
create index subject_identifier_subject on subject_identifier (subject_id);

-- Current state of each consent. Rows change only through the state machine, and every change is
-- also appended to consent_history (never updated, never deleted).
create table consent (
    id           uuid primary key,
    subject_id   text not null references subject (id),
    grantee_id   text not null,
    direction    text not null check (direction in ('COLLECT', 'DISCLOSE')),
    purpose      text not null,
    categories   text[] not null,
    status       text not null check (status in ('PENDING', 'ACTIVE', 'REJECTED', 'REVOKED', 'EXPIRED')),
    starts_at    timestamptz not null,
    expires_at   timestamptz not null,
    usage_limit  integer,
    created_at   timestamptz not null,
    requested_by text,
    sequence     bigint not null,
    check (expires_at > starts_at)
);
create index consent_subject on consent (subject_id, status);
create index consent_grantee on consent (grantee_id, status);

create table consent_history (
    consent_id  uuid not null references consent (id),
    sequence    bigint not null,
    from_status text,
    to_status   text not null,
    changed_at  timestamptz not null,
    changed_by  text not null,
    reason      text,
    primary key (consent_id, sequence)
);

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
