SELECT countIf(empty(user_id)), countIf(notEmpty(user_id)), countIf(empty(tags)) FROM events;
