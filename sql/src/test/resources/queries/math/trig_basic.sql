SELECT sin(0), cos(0), round(tan(1), 6), round(asin(1), 6), round(acos(0), 6), round(atan(1), 6);
