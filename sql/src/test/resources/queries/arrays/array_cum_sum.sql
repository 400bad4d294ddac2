SELECT arrayCumSum([1, 2, 3, 4]), arrayCumSum([-1, 5, -10]), arrayCumSum([0.5, 0.25]);
