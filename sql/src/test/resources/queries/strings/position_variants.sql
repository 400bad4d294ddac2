SELECT position('hello', 'l'), position('hello', 'z'), position('hello', ''), locate('hello', 'lo'), position('привет', 'в');
