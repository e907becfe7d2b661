-- No planner statistics for columns that hold documents, hashes or payloads: no query filters,
-- joins or sorts on them, and ANALYZE spent most of its time on them (sorting 30,000 sampled jsonb
-- values per column). Measured on a 750,000-row disclosure table: ANALYZE took 2.4–3.0 s with them
-- and 0.8–1.0 s without (docs/benchmarks.md, "Planner statistics"). Autovacuum analyses these
-- append-heavy tables every ~10% of growth, on the same cores as the score path.
-- PlannerStatisticsTest keeps every such column of this schema so.
alter table disclosure
    alter column reason_codes set statistics 0,
    alter column features set statistics 0,
    alter column snapshot_hash set statistics 0,
    alter column deductions set statistics 0,
    alter column penalty_domains set statistics 0;
alter table outbox_event alter column payload set statistics 0;
alter table subject_record alter column data set statistics 0;
alter table model_registry
    alter column definition set statistics 0,
    alter column validation_report set statistics 0;
