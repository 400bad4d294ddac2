SELECT length('hello'), length(''), lower('HeLLo'), upper('abc'), lengthUTF8('héllo'), length('héllo');
