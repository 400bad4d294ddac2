SELECT repeat('é', 3), length(repeat('é', 3));
