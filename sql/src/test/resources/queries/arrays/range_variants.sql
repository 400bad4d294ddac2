SELECT range(5), range(2, 5), range(0, 10, 3), range(0);
