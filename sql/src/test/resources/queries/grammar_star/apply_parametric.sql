SELECT * APPLY(quantile(0.5)) FROM (SELECT number AS a FROM numbers(5));
