SELECT arrayReduce('uniqExact', groupArray(arrayJoin(tags))) FROM events;
