-- Model governance (docs/model-development.md, "Model registry"): every model the service may use,
-- its status with an append-only history (who, when, why), its validation report, and the shadow
-- scores of the challenger (stored, never disclosed).

create table model_registry (
    model_key         text primary key,            -- <id>-v<version>
    model_id          text not null,
    model_version     text not null,
    subject_type      text not null,
    status            text not null check (status in ('DRAFT', 'VALIDATED', 'CHAMPION', 'CHALLENGER', 'RETIRED')),
    definition        jsonb not null,              -- the model file as registered
    validation_report jsonb,                       -- the trainer's report.json (or any JSON report)
    registered_by     text not null,
    registered_at     timestamptz not null,
    updated_at        timestamptz not null
);
-- one champion and at most one challenger per subject type
create unique index model_registry_one_champion on model_registry (subject_type) where status = 'CHAMPION';
create unique index model_registry_one_challenger on model_registry (subject_type) where status = 'CHALLENGER';

create table model_status_history (
    id          bigserial primary key,
    model_key   text not null references model_registry (model_key),
    from_status text,
    to_status   text not null,
    actor       text not null,
    reason      text not null,
    changed_at  timestamptz not null
);
create index model_status_history_model on model_status_history (model_key, id);

-- A challenger's score of a live request, next to the champion's. Never returned by any API except
-- as aggregates in the comparison; never part of a disclosure.
create table shadow_score (
    id                bigserial primary key,
    disclosure_id     uuid not null,
    subject_id        text not null,
    champion_key      text not null,
    champion_outcome  text not null,
    champion_score    integer,
    champion_band     text,
    challenger_key    text not null,
    challenger_outcome text not null,
    challenger_score  integer,
    challenger_band   text,
    scored_at         timestamptz not null
);
create index shadow_score_challenger on shadow_score (challenger_key, scored_at);
