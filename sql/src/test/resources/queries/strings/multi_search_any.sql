SELECT multiSearchAny('Hello, World!', ['abc', 'World']), multiSearchAny('Hello', ['x', 'y']), multiSearchAny('', ['']), multiSearchAny('abc', []);
