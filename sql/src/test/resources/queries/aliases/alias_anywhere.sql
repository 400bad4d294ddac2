SELECT amount * 2 AS doubled, doubled + 1 FROM events WHERE doubled > 80 ORDER BY doubled DESC LIMIT 3;
