package io.starling.sql.parser.ast;

import java.util.List;

/**
 * {@code *}, {@code t.*}, {@code COLUMNS('regex')} or {@code COLUMNS(a, b)}, each optionally followed by
 * transformers ({@code EXCEPT}, {@code REPLACE}, {@code APPLY}) applied in order to the matched columns.
 *
 * @param qualifier    the table qualifier of {@code t.*}, or null
 * @param regex        the pattern of {@code COLUMNS('regex')} (a column matches when the pattern is found in its
 *                     name), or null
 * @param names        the columns of {@code COLUMNS(a, b)}, or null
 * @param transformers the transformers, in the order written; empty when none
 */
public record Asterisk(String qualifier, String regex, List<String> names, List<StarTransformer> transformers)
        implements Expression {

    public Asterisk {
        names = names == null ? null : List.copyOf(names);
        transformers = List.copyOf(transformers);
    }

    /** {@code *} (qualifier null) or {@code t.*}. */
    public Asterisk(String qualifier) {
        this(qualifier, null, null, List.of());
    }

    /** This matcher with one more transformer. */
    public Asterisk with(StarTransformer transformer) {
        List<StarTransformer> all = new java.util.ArrayList<>(transformers);
        all.add(transformer);
        return new Asterisk(qualifier, regex, names, all);
    }

    /** True for a plain {@code *} or {@code t.*} without COLUMNS or transformers. */
    public boolean plain() {
        return regex == null && names == null && transformers.isEmpty();
    }
}
