SELECT sumOrNull(amount), avgOrNull(amount), maxOrNull(amount), countOrNull(amount) FROM events_empty;
