SELECT hasToken('Hello, world!', 'world'), hasToken('Hello, world!', 'wor'), hasToken('a.b-c_d', 'd'), hasToken('a.b-c_d', 'b'), hasToken('', 'x'), hasToken('Hello', 'hello');
