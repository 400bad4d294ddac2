SELECT left('hello', 2), right('hello', 2), left('hello', -2), right('hello', -2), left('hi', 5);
