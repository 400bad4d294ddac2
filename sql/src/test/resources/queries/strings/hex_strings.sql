SELECT hex(''), hex('abc'), hex('ÿ'), hex(toFixedString('ab', 3));
