SELECT positionCaseInsensitiveUTF8('ПРИВЕТ', 'вет'), positionCaseInsensitiveUTF8('abc', 'B');
