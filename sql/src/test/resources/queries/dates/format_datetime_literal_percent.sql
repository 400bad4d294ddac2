SELECT formatDateTime(toDate('2024-03-05'), '100%% on %Y');
