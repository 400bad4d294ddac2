SELECT JSONExtract('{"u": {"name": "ann", "tags": ["x", "y"]}}', 'u', 'Tuple(name String, tags Array(String))');
