SELECT cityHash64(NULL), sipHash64(NULL);
