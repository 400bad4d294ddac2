SELECT sum(amount) / count() AS mean, round(sum(amount) / countIf(amount > 0), 3), count() * 2 + 1 FROM events;
