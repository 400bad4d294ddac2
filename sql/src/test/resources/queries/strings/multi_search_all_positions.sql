SELECT multiSearchAllPositions('Hello, World!', ['hello', '!', 'world', 'o']);
