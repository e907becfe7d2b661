-- How fresh the consent projection is, per partition of the consent topic: the time of the latest
-- consent.heartbeat applied from it (docs/ingestion.md, "Consent state"). Shared by every replica:
-- each applies the markers of the partitions it consumes, and every replica reads the whole table.
-- Same shape as scoring's (dev.credence.common.consent.ConsentWatermarks).
create table consent_watermark (
  partition_no int primary key,
  partitions int not null,
  heartbeat_at timestamptz not null,
  applied_at timestamptz not null
);
