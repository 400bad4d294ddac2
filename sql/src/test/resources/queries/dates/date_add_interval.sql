SELECT timestampAdd(toDate('2024-03-10'), INTERVAL -7 DAY), timestamp_add(toDateTime('2024-03-10 12:00:00'), INTERVAL 90 MINUTE), timestampSub(toDate('2024-03-31'), INTERVAL 1 MONTH);
SELECT date_add(toDate('2024-01-31'), INTERVAL 1 MONTH), DATE_SUB(toDateTime('2024-01-01 00:00:00'), INTERVAL 1 SECOND), dateAdd(YEAR, 3, toDate('2018-01-01')), date_sub(DAY, 2, toDate('2024-03-01')), date_add('hour', 5, toDateTime('2024-01-01 00:00:00'));
SELECT timestampAdd(INTERVAL 1 WEEK, toDate('2024-01-01')), addDays(toDate('2024-01-01'), -1), subtractHours(toDateTime('2024-01-01 00:00:00'), 1);
-- columns
SELECT toDate('2024-03-10') AS d, timestampAdd(d, INTERVAL -dateDiff('day', d, toDate('2024-03-12')) - 1 DAY) AS previous;
SELECT n, toDate('2024-01-01') + INTERVAL n * 2 DAY, toDateTime('2024-01-01 00:00:00') - INTERVAL n % 2 + 1 HOUR FROM (SELECT arrayJoin([1, 2, 3]) AS n) ORDER BY n;
-- error: NUMBER_OF_ARGUMENTS_DOESNT_MATCH
SELECT date_add(toDate('2024-01-01'));
