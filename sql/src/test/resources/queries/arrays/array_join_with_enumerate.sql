SELECT x, i FROM (SELECT ['a', 'b', 'c'] AS arr) ARRAY JOIN arr AS x, arrayEnumerate(arr) AS i;
