SELECT minIf(amount, amount > 0), maxIf(amount, action = 'view'), argMax(user_id, amount), argMin(user_id, timestamp) FROM events;
