SELECT lowerUTF8('ПРИВЕТ Мир'), upperUTF8('straße'), lower('ÀB'), upper('àb');
