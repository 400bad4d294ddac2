SELECT splitByChar(',', ''), splitByChar(',', ','), splitByChar(',', 'a,,b');
