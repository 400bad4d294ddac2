-- error: TOO_SLOW
SELECT sleep(4);
