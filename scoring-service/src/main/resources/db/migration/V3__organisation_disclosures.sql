-- Organisation ratings are released like person scores: the disclosure also records the subject
-- type, the payment index and the records that cost points (each with its deduction and reason).
alter table disclosure add column subject_type text not null default 'PERSON'
    check (subject_type in ('PERSON', 'ORGANISATION'));
alter table disclosure add column payment_index integer;
alter table disclosure add column payment_index_invoices integer;
alter table disclosure add column payment_index_dbt numeric(10, 2);
alter table disclosure add column deductions jsonb not null default '[]';
