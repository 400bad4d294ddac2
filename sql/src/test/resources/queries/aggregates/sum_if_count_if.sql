SELECT sumIf(amount, action = 'view'), countIf(action = 'view'), avgIf(amount, amount > 0), uniqIf(user_id, action = 'buy') FROM events;
