-- param_d=2024-02-28
-- columns
SELECT addDays({d:Date}, 1) AS next;
