-- columns
SELECT action, upper(action), length(action), action = 'view', concat(action, '!') FROM events ORDER BY timestamp LIMIT 3;
