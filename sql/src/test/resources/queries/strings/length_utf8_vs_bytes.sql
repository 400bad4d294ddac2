SELECT length('日本語'), lengthUTF8('日本語'), char_length('日本語');
