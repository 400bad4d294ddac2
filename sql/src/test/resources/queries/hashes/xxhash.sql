SELECT xxHash32(''), xxHash64(''), xxHash32('abc'), xxHash64('abc'), xxHash64('Hello, world!');
