-- An erasure's request to cut the subject's events off the front of their Kafka partition once
-- every reader has read past them (common LogTrimmer). message_key is the subject id, as on the
-- topic; the row holds nothing else about the subject.
create table log_trim (
    id            uuid primary key,
    topic         text not null,
    message_key   text not null,
    requested_at  timestamptz not null,
    partition_no  int,
    target_offset bigint,
    cut_at        timestamptz,
    swept_at      timestamptz
);
create index log_trim_pending on log_trim (requested_at) where swept_at is null;
