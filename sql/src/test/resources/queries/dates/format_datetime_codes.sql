SELECT formatDateTime(toDateTime('2024-03-10 15:04:05'), '%F %T'), formatDateTime(toDateTime('2024-03-10 15:04:05'), '%d/%m/%y'), formatDateTime(toDateTime('2024-03-10 15:04:05'), '%j %u %w');
