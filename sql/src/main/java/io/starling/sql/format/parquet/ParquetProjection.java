package io.starling.sql.format.parquet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/** The top-level fields of a file that a data source's jsonpaths reach (only those are decoded). */
final class ParquetProjection {
    private ParquetProjection() {
    }

    /** The schema reduced to the fields {@code jsonPaths} start with; the whole schema for {@code $} or null. */
    static MessageType of(MessageType schema, Collection<String> jsonPaths) {
        if (jsonPaths == null) {
            return schema;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String path : jsonPaths) {
            String first = firstKey(path);
            if (first == null) {
                return schema;
            }
            wanted.add(first);
        }
        List<Type> fields = new ArrayList<>();
        for (Type field : schema.getFields()) {
            if (wanted.contains(field.getName())) {
                fields.add(field);
            }
        }
        // With no field wanted, one still counts the rows (every column then takes its default or quarantines).
        if (fields.isEmpty()) {
            fields.add(schema.getFields().get(0));
        }
        return fields.size() == schema.getFieldCount() ? schema : new MessageType(schema.getName(), fields);
    }

    /** The first key of {@code $.a.b}, {@code json:$.a[:]}, {@code $.['a.b']}; null for {@code $} itself. */
    static String firstKey(String path) {
        if (path == null) {
            return null;
        }
        String text = path.strip();
        if (text.startsWith("json:")) {
            text = text.substring(5).strip();
        }
        if (!text.startsWith("$.")) {
            return null;
        }
        text = text.substring(2);
        if (text.startsWith("['") || text.startsWith("[\"")) {
            int end = text.indexOf(text.charAt(1), 2);
            return end < 0 ? null : text.substring(2, end);
        }
        int end = 0;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
            end++;
        }
        return end == 0 ? null : text.substring(0, end);
    }
}
