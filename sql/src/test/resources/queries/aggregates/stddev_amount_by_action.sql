SELECT action, round(stddevPop(amount), 6), round(varSamp(amount), 6) FROM events GROUP BY action ORDER BY action;
