SELECT topK(2)(action) FROM events;
