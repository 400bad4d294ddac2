SELECT greatest(1, 2, 3), least(1, 2, 3), greatest(1.5, 2), least('b', 'a');
