SELECT reverseUTF8('привет'), reverse('abc');
