-- No planner statistics for columns that hold hashes, signatures or payloads: no query filters,
-- joins or sorts on them, and ANALYZE spent much of its time on them. Measured on a 750,000-row
-- access log: ANALYZE took 0.55–0.88 s with them and 0.39 s without (docs/benchmarks.md, "Planner
-- statistics"). Autovacuum analyses the access log every ~10% of growth, on the same cores as the
-- score path. PlannerStatisticsTest keeps every such column of this schema so.
alter table access_log_entry
    alter column prev_hash set statistics 0,
    alter column entry_hash set statistics 0;
alter table consent_receipt alter column jws set statistics 0;
alter table outbox_event alter column payload set statistics 0;
