-- How fresh the consent projection is, per partition of the consent topic: the time of the latest
-- consent.heartbeat applied from it (docs/scoring.md, "Fail closed while the consent state is
-- stale"). Shared by every replica: each applies the markers of the partitions it consumes, and
-- every replica reads the whole table. `partitions` is the topic's partition count the marker was
-- written for; a replica expects a row for every partition below the largest count seen.
create table consent_watermark (
  partition_no int primary key,
  partitions int not null,
  heartbeat_at timestamptz not null,
  applied_at timestamptz not null
);
