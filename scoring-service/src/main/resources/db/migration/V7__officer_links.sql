-- Officers linked to organisations, from organisation.officer-link-changed (consent-service): a
-- linked officer may see the organisation's own rating (GET /v1/me/organisation-rating). The
-- latest change per link wins; a closed link stays as linked = false.
create table officer_link_view (
    organisation_id    text not null,
    officer_subject_id text not null,
    linked             boolean not null,
    changed_at         timestamptz not null,
    primary key (organisation_id, officer_subject_id)
);
create index officer_link_officer on officer_link_view (officer_subject_id);
