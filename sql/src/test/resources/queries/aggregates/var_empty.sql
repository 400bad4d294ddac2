SELECT varPop(amount), varSamp(amount), corr(amount, amount) FROM events_empty;
