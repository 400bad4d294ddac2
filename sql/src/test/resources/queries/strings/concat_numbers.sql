SELECT concat('n=', toString(42)), concat(toString(1.5), 'x');
