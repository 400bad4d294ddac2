SELECT JSONExtractKeys('{"a": {"x": 1, "y": {"z": 2}}}', 'a'), JSONExtractKeys('{"a": {"x": 1, "y": {"z": 2}}}', 'a', 'y');
