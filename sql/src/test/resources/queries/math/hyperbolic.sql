SELECT sinh(0), cosh(0), tanh(0), round(tanh(1), 6);
