SELECT CAST('61f0c404-5cb3-11e7-907b-a6006ad3dba0', 'UUID') AS u, toTypeName(u), CAST(u, 'String');
SELECT CAST('61f0c404-5cb3-11e7-907b-a6006ad3dba0', 'UUID') = '61f0c404-5cb3-11e7-907b-a6006ad3dba0';
SELECT CAST('192.168.1.10', 'IPv4') AS ip, CAST(ip, 'UInt32'), CAST(3232235786, 'IPv4');
SELECT CAST('2001:0db8:0000:0000:0000:0000:0000:0001', 'IPv6'), CAST('1.2.3.4', 'IPv6'), CAST('::', 'IPv6');
SELECT CAST('b', 'Enum8(\'a\' = 1, \'b\' = 2)') AS e, CAST(e, 'Int8'), CAST(1, 'Enum8(\'a\' = 1, \'b\' = 2)'), e = 'b';
SELECT CAST('2299-12-31', 'Date32') > CAST('1950-06-30', 'Date32'), CAST('1950-06-30', 'Date32');
SELECT CAST('ab', 'FixedString(4)') AS f, length(CAST(f, 'String')), toTypeName(f);
-- error: CANNOT_PARSE_TEXT
SELECT CAST('not-a-uuid', 'UUID');
-- error: CANNOT_PARSE_TEXT
SELECT CAST('300.1.1.1', 'IPv4');
-- error: CANNOT_PARSE_TEXT
SELECT CAST('c', 'Enum8(\'a\' = 1, \'b\' = 2)');
-- error: TOO_LARGE_STRING_SIZE
SELECT CAST('abcde', 'FixedString(4)');
