SELECT sleep(0), sleepEachRow(0);
