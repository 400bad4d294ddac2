SELECT isNaN(0 / 0), isNaN(1), isFinite(1), isFinite(1 / 0), isInfinite(-1 / 0), isInfinite(0);
