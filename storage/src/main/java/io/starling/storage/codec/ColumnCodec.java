package io.starling.storage.codec;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.PhysicalKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A column's {@code CODEC(...)}: zero or more value transforms (Delta, DoubleDelta, Gorilla, T64) followed by at
 * most one general-purpose compressor (LZ4, ZSTD(level), NONE), applied to each granule's serialized bytes.
 * {@code CODEC(DoubleDelta, ZSTD(1))} = DoubleDelta then ZSTD level 1. A chain of transforms only is stored as
 * the transforms give it (no compressor is added, as in ClickHouse); an empty chain means LZ4.
 *
 * <p>Transforms work on fixed-width little-endian words of the column's value width (Delta(n) may name the width:
 * 1, 2, 4 or 8); they need a fixed-width column (integers, dates, floats, Decimal, Enum). {@link #resolve} checks
 * this and fills the width in. Every block records its codec chain (see {@link CompressedBlocks}), so a part is
 * read without knowing the codec it was written with. Immutable and thread-safe.
 */
public final class ColumnCodec {
    /** What one step of the chain does. The id is written into chained blocks; never renumber. */
    public enum Kind {
        NONE(0, false), LZ4(1, false), ZSTD(2, false), DELTA(16, true), DOUBLE_DELTA(17, true), GORILLA(18, true),
        T64(19, true);

        final int id;
        final boolean transform;

        Kind(int id, boolean transform) {
            this.id = id;
            this.transform = transform;
        }

        static Kind fromId(int id) {
            for (Kind kind : values()) {
                if (kind.id == id) {
                    return kind;
                }
            }
            throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Codec step id [" + id
                    + "] is unknown; the data is corrupt or was written by a newer version");
        }
    }

    /** One step: ZSTD's parameter is the level, a transform's the word width in bytes (0 = not yet resolved). */
    public record Step(Kind kind, int parameter) {
        String text() {
            return switch (kind) {
                case NONE -> "NONE";
                case LZ4 -> "LZ4";
                case ZSTD -> "ZSTD(" + parameter + ")";
                case DELTA -> parameter == 0 ? "Delta" : "Delta(" + parameter + ")";
                case DOUBLE_DELTA -> "DoubleDelta";
                case GORILLA -> "Gorilla";
                case T64 -> "T64";
            };
        }
    }

    public static final int DEFAULT_ZSTD_LEVEL = 1;
    /** The default: LZ4 alone. */
    public static final ColumnCodec LZ4 = new ColumnCodec(List.of(new Step(Kind.LZ4, 0)));
    public static final ColumnCodec ZSTD = new ColumnCodec(List.of(new Step(Kind.ZSTD, 3)));
    public static final ColumnCodec NONE = new ColumnCodec(List.of(new Step(Kind.NONE, 0)));

    private final List<Step> steps;

    private ColumnCodec(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public static ColumnCodec of(List<Step> steps) {
        return steps.isEmpty() ? LZ4 : validate(new ColumnCodec(steps), "");
    }

    /** The codec the table-wide {@code compression_codec} setting names (LZ4, ZSTD or NONE). */
    public static ColumnCodec of(CompressionCodec codec) {
        return switch (codec) {
            case NONE -> NONE;
            case LZ4 -> LZ4;
            case ZSTD -> ZSTD;
        };
    }

    /**
     * Parses the text inside {@code CODEC(...)} (the parentheses and keyword are also accepted):
     * {@code "DoubleDelta, ZSTD(1)"}, {@code "CODEC(ZSTD(1))"}, {@code "Delta(4), LZ4"}, {@code "T64"}.
     * Null or blank gives {@link #LZ4}. Throws BAD_ARGUMENTS for unknown codecs or bad parameters.
     */
    public static ColumnCodec parse(String text) {
        if (text == null || text.isBlank()) {
            return LZ4;
        }
        String body = text.trim();
        if (body.regionMatches(true, 0, "CODEC", 0, 5) && body.substring(5).trim().startsWith("(") && body.endsWith(")")) {
            body = body.substring(body.indexOf('(') + 1, body.length() - 1).trim();
        }
        List<Step> steps = new ArrayList<>();
        for (String item : splitTopLevel(body)) {
            steps.add(parseStep(item.trim(), text));
        }
        if (steps.isEmpty()) {
            return LZ4;
        }
        return validate(new ColumnCodec(steps), text);
    }

    private static Step parseStep(String item, String text) {
        String name = item;
        Integer argument = null;
        int open = item.indexOf('(');
        if (open >= 0) {
            if (!item.endsWith(")")) {
                throw bad(text, "[" + item + "] has an unclosed parenthesis");
            }
            name = item.substring(0, open).trim();
            String inner = item.substring(open + 1, item.length() - 1).trim();
            if (!inner.isEmpty()) {
                try {
                    argument = Integer.parseInt(inner);
                } catch (NumberFormatException e) {
                    throw bad(text, "the parameter of " + name + " [" + inner + "] is not an integer");
                }
            }
        }
        Step step = switch (name.toUpperCase(Locale.ROOT)) {
            case "NONE" -> new Step(Kind.NONE, 0);
            case "LZ4", "LZ4HC" -> new Step(Kind.LZ4, 0);
            case "ZSTD" -> new Step(Kind.ZSTD, argument == null ? DEFAULT_ZSTD_LEVEL : argument);
            case "DELTA" -> new Step(Kind.DELTA, argument == null ? 0 : argument);
            case "DOUBLEDELTA" -> new Step(Kind.DOUBLE_DELTA, 0);
            case "GORILLA" -> new Step(Kind.GORILLA, 0);
            case "T64" -> new Step(Kind.T64, 0);
            default -> throw bad(text, "codec [" + name + "] is unknown; use LZ4, ZSTD(level), Delta(n), DoubleDelta, "
                    + "Gorilla, T64 or NONE");
        };
        if (step.kind == Kind.ZSTD && (step.parameter < 1 || step.parameter > 22)) {
            throw bad(text, "ZSTD level [" + step.parameter + "] must be between 1 and 22");
        }
        if (step.kind == Kind.DELTA && step.parameter != 0 && !validWidth(step.parameter)) {
            throw bad(text, "Delta bytes [" + step.parameter + "] must be 1, 2, 4 or 8");
        }
        if (argument != null && (step.kind == Kind.NONE || step.kind == Kind.LZ4 || step.kind == Kind.DOUBLE_DELTA
                || step.kind == Kind.GORILLA) && !name.equalsIgnoreCase("LZ4HC")) {
            throw bad(text, name + " takes no parameter");
        }
        return step;
    }

    private static ColumnCodec validate(ColumnCodec codec, String text) {
        List<Step> steps = codec.steps;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (!step.kind.transform && i != steps.size() - 1) {
                throw bad(text, step.text() + " must be the last codec of the chain; put Delta, DoubleDelta, "
                        + "Gorilla or T64 before it");
            }
        }
        if (codec.transformCount() > 4) {
            throw bad(text, "a chain holds at most 4 transforms");
        }
        return codec;
    }

    private static List<String> splitTopLevel(String body) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(body.substring(start, i));
                start = i + 1;
            }
        }
        String last = body.substring(start);
        if (!last.isBlank() || !items.isEmpty()) {
            items.add(last);
        }
        for (String item : items) {
            if (item.isBlank()) {
                throw bad(body, "an empty codec in the list");
            }
        }
        return items;
    }

    static boolean validWidth(int width) {
        return width == 1 || width == 2 || width == 4 || width == 8;
    }

    private static StarlingException bad(String text, String why) {
        return new StarlingException(ErrorCode.BAD_ARGUMENTS, "CODEC(" + text + ") is invalid: " + why);
    }

    /**
     * This codec for a column of {@code type}: transform widths filled in from the type's value width. Throws
     * BAD_ARGUMENTS when a transform is used on a type without fixed-width values (String, Array...).
     */
    public ColumnCodec resolve(DataType type) {
        if (transformCount() == 0) {
            return this;
        }
        int width = valueWidth(type);
        List<Step> resolved = new ArrayList<>(steps.size());
        for (Step step : steps) {
            if (step.kind.transform && width < 0) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Codec " + step.text() + " is not applicable to "
                        + "a column of type [" + type.name() + "]: it needs fixed-width numbers. Use LZ4 or ZSTD");
            }
            boolean keep = step.kind == Kind.DELTA && step.parameter != 0;
            resolved.add(step.kind.transform && !keep ? new Step(step.kind, width) : step);
        }
        return new ColumnCodec(resolved);
    }

    /** Bytes per value in the serialized form, or -1 for types that are not plain fixed-width numbers. */
    public static int valueWidth(DataType type) {
        return switch (type.physical()) {
            case LONG -> ColumnSerializer.width(type);
            case DOUBLE -> ((FloatType) type.behavesAs()).bits() / 8;
            default -> -1;
        };
    }

    public List<Step> steps() {
        return steps;
    }

    int transformCount() {
        int count = 0;
        for (Step step : steps) {
            count += step.kind.transform ? 1 : 0;
        }
        return count;
    }

    /** The final compressor, or null when the chain ends with a transform. */
    Step compressor() {
        Step last = steps.get(steps.size() - 1);
        return last.kind.transform ? null : last;
    }

    /** True for plain LZ4, the default. */
    public boolean isDefault() {
        return steps.size() == 1 && steps.get(0).kind == Kind.LZ4;
    }

    /** Canonical text, e.g. {@code DoubleDelta, ZSTD(1)}. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Step step : steps) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(step.text());
        }
        return text.toString();
    }

    /** A reusable encoder with its own scratch buffers (one per writing thread). */
    public Encoder encoder() {
        return new Encoder(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ColumnCodec codec && codec.steps.equals(steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    @Override
    public String toString() {
        return "CODEC(" + text() + ")";
    }

    /** Encodes granules with one codec, reusing its scratch buffers. Not thread-safe. */
    public static final class Encoder {
        private final ColumnCodec codec;
        private final ByteSink first = new ByteSink(1 << 12);
        private final ByteSink second = new ByteSink(1 << 12);

        private Encoder(ColumnCodec codec) {
            this.codec = codec;
        }

        public ColumnCodec codec() {
            return codec;
        }

        /** Appends one framed block (see {@link CompressedBlocks}) holding {@code source[0, length)}. */
        public void encode(byte[] source, int length, ByteSink target) {
            CompressedBlocks.write(codec, source, length, target, first, second);
        }
    }
}
