SELECT alphaTokens('abca1abc'), alphaTokens('12 ab-cd'), alphaTokens('');
