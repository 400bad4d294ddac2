SELECT arraySort(['banana', 'apple', 'cherry']), arrayReverseSort(['banana', 'apple', 'cherry']);
