SELECT unhex('616263'), unhex('4a4B'), length(unhex('F')), hex(unhex('123')), unhex(''), unhex(hex('round trip'));
