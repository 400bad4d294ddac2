SELECT splitByChar(',', 'a,b,,c'), splitByChar(',', ''), splitByChar(',', 'abc');
