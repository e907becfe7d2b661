-- Organisations: the regulatory penalties summarised per domain (count, unresolved, worst severity,
-- latest), as the answer gave them; '[]' for persons and for disclosures made before this column.
alter table disclosure add column penalty_domains jsonb not null default '[]';
