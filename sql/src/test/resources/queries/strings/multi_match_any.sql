SELECT multiMatchAny('Hello, World!', ['^Hello', 'x+']), multiMatchAny('abc', ['\\d+', '^b']), multiMatchAnyIndex('abc123', ['[a-c]{4}', '\\d{3}']);
