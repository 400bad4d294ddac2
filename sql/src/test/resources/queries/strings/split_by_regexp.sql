SELECT splitByRegexp('\\d+', 'a12bc23de345f'), splitByRegexp('\\s*,\\s*', 'a , b,c');
