-- The access-log listings page by sequence, newest first, within one subject or one lender
-- (keyset: where subject_id = ? and sequence < ? order by sequence desc limit n). The indexes of V3
-- were on disclosed_at, which no query filters or sorts on: the planner would have read every entry
-- of the subject or lender and sorted them for each page. Replaced, so an append still maintains
-- two secondary indexes and a page reads only its own rows.
drop index access_log_subject;
drop index access_log_lender;
create index access_log_subject on access_log_entry (subject_id, sequence);
create index access_log_lender on access_log_entry (lender_id, sequence);
