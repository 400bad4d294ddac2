SELECT arrayMap((x, i) -> x * i, [10, 20, 30], arrayEnumerate([10, 20, 30]));
