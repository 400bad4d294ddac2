SELECT t FROM (SELECT arrayJoin([(2, 'b'), (1, 'z'), (2, 'a')]) AS t) ORDER BY t;
