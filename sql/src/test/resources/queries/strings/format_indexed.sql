SELECT format('{1} {0} {1}', 'x', 'y');
