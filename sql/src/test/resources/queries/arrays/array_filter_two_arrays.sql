SELECT arrayFilter((v, k) -> k = 'keep', [1, 2, 3], ['keep', 'drop', 'keep']);
