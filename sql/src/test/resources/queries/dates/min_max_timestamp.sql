SELECT min(timestamp), max(timestamp), max(toDate(timestamp)) - min(toDate(timestamp)) FROM events;
