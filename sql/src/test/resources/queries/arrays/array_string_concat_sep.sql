SELECT arrayStringConcat(['a', 'b', 'c']), arrayStringConcat(['a', 'b', 'c'], ', '), arrayStringConcat(emptyArrayString(), '-');
