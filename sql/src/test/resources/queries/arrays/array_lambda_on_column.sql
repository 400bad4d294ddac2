SELECT sum(length(arrayFilter(t -> t != 'a', tags))), sum(arrayExists(t -> t = 'b', tags)) FROM events;
