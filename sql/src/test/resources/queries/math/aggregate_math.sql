SELECT round(avg(amount), 4), round(sum(amount * amount), 2), min(amount), max(amount) FROM events;
