SELECT length('привет'), lengthUTF8('привет'), upperUTF8('привет'), lowerUTF8('ÀÉÎ'), upper('abc'), lower('ABC');
