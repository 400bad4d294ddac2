-- error: UNKNOWN_TABLE
SELECT * FROM no_such_table;
-- error: UNKNOWN_TABLE
SELECT * FROM other_db.events;
