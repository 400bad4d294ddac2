SELECT action, multiSearchAny(action, ['bu', 'vi']) FROM events GROUP BY action ORDER BY action;
