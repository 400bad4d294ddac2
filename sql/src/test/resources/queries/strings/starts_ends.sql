SELECT startsWith('hello', 'he'), startsWith('hello', ''), endsWith('hello', 'lo'), endsWith('lo', 'hello');
