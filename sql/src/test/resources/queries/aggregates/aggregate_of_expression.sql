SELECT sum(amount * 2), sum(if(action = 'view', 1, 0)), max(length(user_id)), count(toDate(timestamp)) FROM events;
