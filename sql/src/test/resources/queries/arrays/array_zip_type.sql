-- columns
SELECT arrayZip([1, 2], ['x', 'y']) AS z;
