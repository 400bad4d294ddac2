SELECT toIPv6OrNull('bad'), toIPv6OrNull('::1'), toIPv6('::ffff:10.0.0.1');
