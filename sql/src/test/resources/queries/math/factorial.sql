SELECT factorial(0), factorial(5), factorial(20);
