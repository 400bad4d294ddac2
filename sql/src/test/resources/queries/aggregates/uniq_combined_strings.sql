SELECT uniqCombined(user_id), uniqExact(user_id), uniqHLL12(action) FROM events;
