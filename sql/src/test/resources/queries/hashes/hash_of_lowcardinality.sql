SELECT action, cityHash64(action) = cityHash64(toString(action)) FROM events GROUP BY action ORDER BY action;
