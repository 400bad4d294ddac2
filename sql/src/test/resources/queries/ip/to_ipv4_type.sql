-- columns
SELECT toIPv4('1.2.3.4') AS ip, toUInt32(ip) AS n;
