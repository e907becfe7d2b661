-- Who the grantees are. A consent names its grantee by OAuth client id, which tells a person
-- nothing: the registry holds the name, address and telephone number of every lender and data
-- furnisher an operator has admitted (FCRA §609(a)(3)(B): the person is told the name, trade name,
-- address and telephone number of whoever procured their report; GDPR Art. 15(1)(c): the
-- recipients). A consent may only be granted to, or requested by, a registered grantee of the
-- kind its direction needs (DISCLOSE: a lender; COLLECT: a data furnisher).
create table grantee (
    client_id     text primary key,
    kind          text not null check (kind in ('LENDER', 'FURNISHER')),
    legal_name    text not null,
    trade_name    text,
    address       text not null,
    phone         text not null,
    email         text,
    website       text,
    registered_at timestamptz not null,
    registered_by text not null,
    updated_at    timestamptz not null,
    updated_by    text not null
);

-- What was disclosed: the access log kept who, whom, when, why and under which consent, but not
-- the score that was released, nor the model and feature snapshot it came from. The person has a
-- right to that too (GDPR Art. 15(1): the personal data itself). Entries written from now on are
-- content version 2, whose hash covers these fields as well; earlier entries stay version 1 and
-- keep verifying as they were written.
alter table access_log_entry
    add column content_version smallint not null default 1,
    add column score           integer,
    add column model_id        text,
    add column model_version   text,
    add column snapshot_hash   text;
-- a hash: no query filters or sorts on it (V8; PlannerStatisticsTest)
alter table access_log_entry alter column snapshot_hash set statistics 0;
