SELECT format('{}-{}', 1, 2.5);
