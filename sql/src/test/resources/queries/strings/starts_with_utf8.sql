SELECT startsWith('привет', 'при'), endsWith('привет', 'вет'), startsWith('', ''), endsWith('a', '');
