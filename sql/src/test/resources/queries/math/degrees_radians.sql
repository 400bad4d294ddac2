SELECT degrees(pi()), radians(180) = pi();
