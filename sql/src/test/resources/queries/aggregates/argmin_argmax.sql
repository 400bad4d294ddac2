SELECT argMax(user_id, amount), argMin(timestamp, amount), max(amount) FROM events WHERE action = 'purchase';
SELECT argMax(number, number % 7), argMin(number, number % 7) FROM numbers(20);
