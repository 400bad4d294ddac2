-- columns
SELECT sin(toFloat32(1)) AS s, sqrt(toUInt8(4)) AS q, exp(0) AS e;
