SELECT count(), countIf(isNull(upper(note))) FROM events;
