-- Consent usage as an atomic counter: a limited consent is used with one conditional
-- "update ... set used = used + 1 where used < usage_limit" instead of locking the row and counting
-- its disclosures. The increment is in the release transaction, so a refused or failed release
-- (rolled back) never counts. Backfilled from the disclosures already recorded.
alter table consent_view add column used integer not null default 0;
update consent_view c set used = d.n
  from (select consent_id, count(*) as n from disclosure group by consent_id) d
 where d.consent_id = c.consent_id;
