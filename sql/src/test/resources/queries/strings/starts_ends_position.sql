SELECT startsWith('hello', 'he'), startsWith('hello', 'lo'), endsWith('hello', 'lo'), position('hello', 'l'), position('hello', 'z'), position('hello', '');
