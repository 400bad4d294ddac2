SELECT match('mozilla/5.0 (iphone; cpu iphone os 17_0)', 'ipad|iphone|ipod'), match('curl/8.4.0', 'wget|ahrefsbot|curl|urllib|bitdiscovery|\\+https://|googlebot'), match('abc', '^b'), match('', '.*'), match('ABC', '(?i)abc');
SELECT action, countIf(match(user_id, '^u[0-3]$')) FROM events GROUP BY action ORDER BY action;
SELECT extract('price: 42 EUR', '(\\d+)'), extract('no digits', '\\d+'), extract('key=value', '[a-z]+$'), extractAll('a1b22c333', '\\d+'), extractAll('x', 'y');
SELECT replaceRegexpOne('2024-01-15', '(\\d+)-(\\d+)-(\\d+)', '\\3/\\2/\\1'), replaceRegexpAll('a.b.c', '\\.', '-'), replaceRegexpAll('cost $5', 'cost', '\\0!'), replaceRegexpOne('aaa', 'a', 'b');
SELECT match(pattern_text, 'b') FROM (SELECT arrayJoin(['abc', 'xyz']) AS pattern_text);
-- error: BAD_ARGUMENTS
SELECT match('a', '(');
SELECT match('bot +https://example.com/bot', 'curl|\+https://'), '\d\.\w', '\x41\x7a', 'tab\there', length('\\'), replaceRegexpAll('a1b2', '\d', '#');
