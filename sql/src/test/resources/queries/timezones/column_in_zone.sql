SELECT timestamp, toString(timestamp, 'Asia/Tokyo') FROM events ORDER BY timestamp LIMIT 3;
