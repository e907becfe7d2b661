-- Test data only (Flyway location added in the %test profile): the lenders and furnishers the
-- tests name as grantees, registered as an operator would (PUT /v1/grantees/{clientId}).
insert into grantee (client_id, kind, legal_name, trade_name, address, phone, email, website,
                     registered_at, registered_by, updated_at, updated_by)
values ('demo-lender', 'LENDER', 'Demo Bank plc', 'Demo Bank', '1 Test Street, Test City',
        '+44 20 0000 0001', 'privacy@example.com', null, now(), 'test-data', now(), 'test-data'),
       ('other-lender', 'LENDER', 'Other Lending Ltd', null, '2 Test Street, Test City',
        '+44 20 0000 0002', null, null, now(), 'test-data', now(), 'test-data'),
       ('audit-lender', 'LENDER', 'Audit Lending Ltd', null, '3 Test Street, Test City',
        '+44 20 0000 0003', null, null, now(), 'test-data', now(), 'test-data'),
       ('client-lender', 'LENDER', 'Matrix Lending Ltd', null, '4 Test Street, Test City',
        '+44 20 0000 0004', null, null, now(), 'test-data', now(), 'test-data'),
       ('lender-one', 'LENDER', 'Lender One Ltd', null, '6 Test Street, Test City',
        '+44 20 0000 0006', null, null, now(), 'test-data', now(), 'test-data'),
       ('lender-two', 'LENDER', 'Lender Two Ltd', null, '7 Test Street, Test City',
        '+44 20 0000 0007', null, null, now(), 'test-data', now(), 'test-data'),
       ('demo-furnisher', 'FURNISHER', 'Demo Card Services Ltd', 'Demo Cards',
        '5 Test Street, Test City', '+44 20 0000 0005', null, null, now(), 'test-data', now(),
        'test-data')
on conflict (client_id) do nothing;
