SELECT extract('abc123def456', '\\d+'), extract('no digits', '\\d+'), extract('key=value', 'key=(\\w+)');
