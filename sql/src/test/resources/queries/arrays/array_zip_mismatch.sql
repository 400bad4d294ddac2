-- error: SIZES_OF_ARRAYS_DONT_MATCH
SELECT arrayZip([1, 2], ['a']);
