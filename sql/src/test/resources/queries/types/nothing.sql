-- columns
SELECT CAST('[]', 'Array(Nothing)') AS e, toTypeName(e), CAST(NULL, 'Nullable(Decimal(5, 2))') AS d, toTypeName(d);
SELECT CAST(NULL, 'Nullable(Nothing)'), CAST(CAST('[]', 'Array(Nothing)'), 'Array(UUID)');
