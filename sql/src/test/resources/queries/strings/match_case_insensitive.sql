SELECT match('Hello', '(?i)^hello$'), match('Hello', '^hello$'), match('', '^$');
