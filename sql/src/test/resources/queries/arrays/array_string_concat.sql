SELECT arrayStringConcat(['a', 'b', 'c']), arrayStringConcat(['a', 'b'], '-'), arrayStringConcat([]);
