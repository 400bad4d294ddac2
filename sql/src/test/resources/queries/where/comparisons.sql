SELECT count() FROM events WHERE tenant_id = 1;
SELECT count() FROM events WHERE tenant_id != 1 AND amount > 0;
SELECT count() FROM events WHERE tenant_id == 2 OR action = 'signup';
SELECT count() FROM events WHERE amount BETWEEN 1 AND 10;
SELECT count() FROM events WHERE amount NOT BETWEEN 1 AND 10;
