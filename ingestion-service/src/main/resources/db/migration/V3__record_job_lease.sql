-- A CSV job is held by the replica running it, which renews heartbeat_at while it holds the job
-- (queued or running). A RUNNING job whose heartbeat is older than the lease
-- (credence.ingestion.bulk.job-lease) lost its replica and is failed by any replica's sweep; a
-- starting replica no longer fails every RUNNING job, which failed the other replicas' live jobs.
alter table record_job add column heartbeat_at timestamptz;
update record_job set heartbeat_at = coalesce(finished_at, created_at);
alter table record_job alter column heartbeat_at set not null;
alter table record_job alter column heartbeat_at set default now();
create index record_job_running on record_job (heartbeat_at) where status = 'RUNNING';
