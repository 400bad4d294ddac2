SELECT ifNotFinite(1 / 0, 42), ifNotFinite(2.5, 42), ifNotFinite(0 / 0, -1);
