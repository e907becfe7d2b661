-- No planner statistics for columns that hold documents, hashes or payloads: no query filters,
-- joins or sorts on them (a record is found by its key, then its content hash is compared in
-- code), and ANALYZE spent most of its time on them (docs/benchmarks.md, "Planner statistics").
-- Autovacuum analyses furnished_record every ~10% of growth, during bulk loads too.
-- PlannerStatisticsTest keeps every such column of this schema so.
alter table furnished_record
    alter column data set statistics 0,
    alter column content_hash set statistics 0;
alter table outbox_event alter column payload set statistics 0;
