-- The relay now deletes an outbox row once Kafka has acknowledged its event (Kafka keeps the
-- event): the table holds only what is still to be sent. Rows published before this go now.
delete from outbox_event where published_at is not null;
drop index outbox_unpublished;
alter table outbox_event drop column published_at;
create index outbox_pending on outbox_event (created_at, id);
