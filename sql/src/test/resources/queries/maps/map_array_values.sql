SELECT map('k', [1, 2], 'j', [3])['k'], map('k', [1, 2])['missing'];
