SELECT positionUTF8('привет мир', 'мир'), position('привет мир', 'мир'), positionUTF8('abc', 'c');
