-- Organisations registered by an operator, and the officers who act for them. Registration numbers
-- and LEIs are public, so they are kept here in clear for the operator's view; other services only
-- ever receive their keyed hashes (subject_identifier, subject.registered).
create table organisation (
    subject_id          text primary key references subject (id),
    legal_name          text not null,
    country             text not null,
    registration_number text,
    lei                 text,
    registered_at       timestamptz not null,
    registered_by       text not null,
    check (registration_number is not null or lei is not null)
);

-- Officer links: a link is never deleted, unlinking closes it (who, when), so who could act for an
-- organisation at any moment stays provable.
create table organisation_officer (
    id                 uuid primary key,
    organisation_id    text not null references organisation (subject_id),
    officer_subject_id text not null,
    linked_at          timestamptz not null,
    linked_by          text not null,
    unlinked_at        timestamptz,
    unlinked_by        text
);
create unique index organisation_officer_current
    on organisation_officer (organisation_id, officer_subject_id) where unlinked_at is null;
create index organisation_officer_officer on organisation_officer (officer_subject_id) where unlinked_at is null;
