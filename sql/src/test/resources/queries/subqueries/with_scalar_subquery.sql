WITH (SELECT min(timestamp) FROM events) AS first, (SELECT max(timestamp) FROM events) AS last SELECT first, last, dateDiff('day', first, last) >= 0;
WITH (SELECT toStartOfDay(toDate('2024-01-01'))) AS start, (SELECT toStartOfDay(toDate('2024-01-04'))) AS finish SELECT arrayJoin(arrayMap(x -> toDate(x), range(toUInt32(start), toUInt32(timestampAdd(finish, INTERVAL 1 DAY)), 86400))) AS date WHERE date <= toDate('2024-01-03');
WITH (SELECT count() FROM events) AS total SELECT action, round(count() / total, 3) FROM events GROUP BY action ORDER BY action;
WITH (SELECT 5) AS n SELECT arrayJoin(range(n)) AS i ORDER BY i DESC LIMIT 2;
