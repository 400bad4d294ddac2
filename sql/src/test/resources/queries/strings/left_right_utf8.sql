SELECT leftUTF8('привет', 2), rightUTF8('привет', 3);
