SELECT hasTokenCaseInsensitive('Hello, World!', 'world'), hasTokenCaseInsensitive('Hello, World!', 'WORLD'), hasTokenCaseInsensitive('HelloWorld', 'world');
