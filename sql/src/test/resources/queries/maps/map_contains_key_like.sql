SELECT mapContainsKeyLike(map('abc', 1, 'xyz', 2), 'a%'), mapContainsKeyLike(map('abc', 1), 'z%');
