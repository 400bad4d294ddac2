SELECT count(), sum(amount), avg(amount), min(amount), uniq(user_id), groupArray(user_id) FROM events_empty;
