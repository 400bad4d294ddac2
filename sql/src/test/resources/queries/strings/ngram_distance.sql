SELECT ngramDistance('ClickHouse', 'ClickHouse'), ngramDistance('abcd', 'wxyz'), ngramDistance('', '');
