SELECT empty(''), empty('a'), notEmpty(''), notEmpty('a'), empty([]), notEmpty([1]);
