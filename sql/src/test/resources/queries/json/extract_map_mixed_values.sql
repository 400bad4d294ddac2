SELECT JSONExtract('{"a": 1, "b": "x", "c": null}', 'Map(String, Nullable(Int64))');
