SELECT positionCaseInsensitive('Hello World', 'WORLD'), positionCaseInsensitive('abc', 'd'), positionCaseInsensitive('ABC', '');
