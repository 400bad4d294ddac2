SELECT tupleElement((1, 'a'), 1), tupleElement((1, 'a'), 2), (1, 'a').2;
