-- A lender's answer says how many of the records it drew on the subject disputes (FCRA §611 and
-- §623(a)(3): a disputed item is reported as disputed). The disclosure keeps the count it released.
alter table disclosure add column disputed_records integer not null default 0
    check (disputed_records >= 0);
