SELECT countArray(tags), uniqExactArray(tags), arraySort(groupUniqArrayArray(tags)) FROM events;
