SELECT indexOf([10, 20, 30], 20), indexOf([10, 20, 30], 40), indexOf(['a', 'b', 'a'], 'a'), indexOf([1, NULL], NULL);
