SELECT toString(42), toString(1.5), toString(toDate('2024-02-29')), toString(toDateTime('2024-02-29 13:14:15')), toString(true), toString([1, 2]);
