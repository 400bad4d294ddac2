SELECT multiSearchFirstIndex('Hello, World!', ['World', 'Hello']), multiSearchFirstPosition('Hello, World!', ['World', 'llo']), multiSearchFirstIndex('abc', ['x']);
