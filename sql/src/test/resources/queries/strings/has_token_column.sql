SELECT count() FROM events WHERE hasToken(note, 'late');
