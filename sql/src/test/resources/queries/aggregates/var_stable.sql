SELECT varPopStable(number), varSampStable(number), stddevSampStable(number), corrStable(number, number * 3) FROM numbers(10);
