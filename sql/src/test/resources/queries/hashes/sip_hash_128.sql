SELECT hex(sipHash128('')), hex(sipHash128('abc')), toTypeName(sipHash128('abc'));
