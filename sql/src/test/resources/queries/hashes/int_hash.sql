SELECT intHash32(0), intHash32(1), intHash32(-1), intHash64(0), intHash64(1), intHash64(-1), intHash64(12345678901234);
