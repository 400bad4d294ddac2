package io.starling.sql.function.url;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.StringColumnBuilder;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.StringType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ClickHouse's URL functions (the fast, non-RFC variants): protocol, domain, domainWithoutWWW, topLevelDomain,
 * firstSignificantSubdomain, cutToFirstSignificantSubdomain(WithWWW), path, pathFull, queryString, fragment,
 * queryStringAndFragment, extractURLParameter(s), extractURLParameterNames, cutQueryString, cutFragment,
 * cutQueryStringAndFragment, cutWWW, cutURLParameter, URLHierarchy, URLPathHierarchy, decodeURLComponent,
 * decodeURLFormComponent, encodeURLComponent, encodeURLFormComponent. A part that is not there gives an empty string;
 * a "cut" function leaves a URL without that part unchanged. All of them read the UTF-8 bytes directly.
 */
public final class UrlFunctions {
    private static final ArrayType STRING_ARRAY = new ArrayType(StringType.STRING);

    private UrlFunctions() {
    }

    /** A part of a URL as a packed range (see {@link UrlParser}). */
    @FunctionalInterface
    private interface Extractor {
        long extract(byte[] bytes, int from, int to);
    }

    /** Appends a transformed URL to {@code out}. */
    @FunctionalInterface
    private interface Transformer {
        void transform(byte[] bytes, int from, int to, StringColumnBuilder out);
    }

    /** Appends the elements of one row's array to {@code out}. */
    @FunctionalInterface
    private interface Splitter {
        void split(byte[] bytes, int from, int to, StringColumnBuilder out);
    }

    public static void register(FunctionRegistry registry) {
        extractor(registry, "protocol", UrlParser::protocol);
        extractor(registry, "domain", UrlParser::host);
        extractor(registry, "domainWithoutWWW", UrlParser::hostWithoutWww);
        extractor(registry, "topLevelDomain", UrlParser::topLevelDomain);
        extractor(registry, "firstSignificantSubdomain", (b, f, t) -> UrlParser.firstSignificantSubdomain(b, f, t, false));
        extractor(registry, "cutToFirstSignificantSubdomain", (b, f, t) -> UrlParser.firstSignificantSubdomain(b, f, t, true));
        extractor(registry, "cutToFirstSignificantSubdomainWithWWW", UrlFunctions::cutWithWww);
        extractor(registry, "path", (b, f, t) -> UrlParser.path(b, f, t, false));
        extractor(registry, "pathFull", (b, f, t) -> UrlParser.path(b, f, t, true));
        extractor(registry, "queryString", UrlParser::queryString);
        extractor(registry, "fragment", UrlParser::fragment);
        extractor(registry, "queryStringAndFragment", UrlFunctions::queryStringAndFragment);
        transformer(registry, "cutQueryString", (b, f, t, out) -> cut(b, f, t, out, (byte) '?', true));
        transformer(registry, "cutFragment", (b, f, t, out) -> cut(b, f, t, out, (byte) '#', false));
        transformer(registry, "cutQueryStringAndFragment", (b, f, t, out) -> cut(b, f, t, out, (byte) '?', false));
        transformer(registry, "cutWWW", UrlFunctions::cutWww);
        transformer(registry, "decodeURLComponent", (b, f, t, out) -> UrlCoding.decode(b, f, t, out, false));
        transformer(registry, "decodeURLFormComponent", (b, f, t, out) -> UrlCoding.decode(b, f, t, out, true));
        transformer(registry, "encodeURLComponent", (b, f, t, out) -> UrlCoding.encode(b, f, t, out, false));
        transformer(registry, "encodeURLFormComponent", (b, f, t, out) -> UrlCoding.encode(b, f, t, out, true));
        splitter(registry, "URLHierarchy", (b, f, t, out) -> hierarchy(b, f, t, out, false));
        splitter(registry, "URLPathHierarchy", (b, f, t, out) -> hierarchy(b, f, t, out, true));
        splitter(registry, "extractURLParameters", (b, f, t, out) -> parameters(b, f, t, out, false));
        splitter(registry, "extractURLParameterNames", (b, f, t, out) -> parameters(b, f, t, out, true));
        registry.add(ScalarFunction.of("extractURLParameter", UrlFunctions::extractParameter));
        registry.add(ScalarFunction.of("cutURLParameter", UrlFunctions::cutParameter));
    }

    private static void requireUrl(String name, List<Argument> arguments, int count) {
        Errors.checkCount(name, arguments, count, count);
        for (Argument argument : arguments) {
            if (!Types.isString(argument.type())) {
                throw Errors.illegalType(name, arguments);
            }
        }
    }

    private static void extractor(FunctionRegistry registry, String name, Extractor extractor) {
        registry.add(ScalarFunction.of(name, arguments -> {
            requireUrl(name, arguments, 1);
            return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
                StringColumn urls = operands[0].strings();
                byte[] bytes = urls.rawBytes();
                StringColumnBuilder out = new StringColumnBuilder(StringType.STRING, rows);
                for (int i = 0; i < rows; i++) {
                    int row = operands[0].row(i);
                    int from = urls.valueOffset(row);
                    long part = extractor.extract(bytes, from, from + urls.valueLength(row));
                    int start = UrlParser.start(part);
                    out.appendBytes(bytes, start, UrlParser.end(part) - start);
                }
                return out.build();
            });
        }));
    }

    private static void transformer(FunctionRegistry registry, String name, Transformer transformer) {
        registry.add(ScalarFunction.of(name, arguments -> {
            requireUrl(name, arguments, 1);
            return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
                StringColumn urls = operands[0].strings();
                byte[] bytes = urls.rawBytes();
                StringColumnBuilder out = new StringColumnBuilder(StringType.STRING, rows);
                for (int i = 0; i < rows; i++) {
                    int row = operands[0].row(i);
                    int from = urls.valueOffset(row);
                    transformer.transform(bytes, from, from + urls.valueLength(row), out);
                }
                return out.build();
            });
        }));
    }

    private static void splitter(FunctionRegistry registry, String name, Splitter splitter) {
        registry.add(ScalarFunction.of(name, arguments -> {
            requireUrl(name, arguments, 1);
            return ScalarKernel.of(STRING_ARRAY, (operands, rows) -> {
                StringColumn urls = operands[0].strings();
                byte[] bytes = urls.rawBytes();
                StringColumnBuilder elements = new StringColumnBuilder(StringType.STRING, rows * 2);
                int[] offsets = new int[rows + 1];
                for (int i = 0; i < rows; i++) {
                    int row = operands[0].row(i);
                    int from = urls.valueOffset(row);
                    splitter.split(bytes, from, from + urls.valueLength(row), elements);
                    offsets[i + 1] = elements.size();
                }
                return new ArrayColumn(STRING_ARRAY, offsets, elements.build(), 0, rows);
            });
        }));
    }

    private static long cutWithWww(byte[] bytes, int from, int to) {
        long host = UrlParser.host(bytes, from, to);
        long cut = UrlParser.firstSignificantSubdomain(bytes, from, to, true);
        int start = UrlParser.start(host);
        int cutStart = UrlParser.start(cut);
        if (cutStart - start == 4 && bytes[start] == 'w' && bytes[start + 1] == 'w' && bytes[start + 2] == 'w') {
            return UrlParser.range(start, UrlParser.end(cut));
        }
        return cut;
    }

    private static long queryStringAndFragment(byte[] bytes, int from, int to) {
        int question = UrlParser.indexOf(bytes, from, to, (byte) '?');
        if (question >= 0) {
            return UrlParser.range(question + 1, to);
        }
        int hash = UrlParser.indexOf(bytes, from, to, (byte) '#');
        return hash < 0 ? UrlParser.range(from, from) : UrlParser.range(hash + 1, to);
    }

    /**
     * Removes from the first {@code marker} on; with {@code keepFragment} ({@code cutQueryString}) a {@code #fragment}
     * after it stays. {@code cutQueryStringAndFragment} also cuts at a {@code #} that comes before any {@code ?}.
     */
    private static void cut(byte[] bytes, int from, int to, StringColumnBuilder out, byte marker, boolean keepFragment) {
        int hash = UrlParser.indexOf(bytes, from, to, (byte) '#');
        int at = UrlParser.indexOf(bytes, from, hash < 0 ? to : hash, marker);
        if (marker == '?' && !keepFragment) {
            at = at < 0 ? hash : at;
        }
        if (marker == '#') {
            at = hash;
        }
        if (at < 0) {
            out.appendBytes(bytes, from, to - from);
            return;
        }
        if (keepFragment && hash >= 0) {
            byte[] joined = new byte[(at - from) + (to - hash)];
            System.arraycopy(bytes, from, joined, 0, at - from);
            System.arraycopy(bytes, hash, joined, at - from, to - hash);
            out.appendBytes(joined, 0, joined.length);
            return;
        }
        out.appendBytes(bytes, from, at - from);
    }

    /** Removes {@code www.} right after {@code scheme://}; a URL without a scheme stays as it is. */
    private static void cutWww(byte[] bytes, int from, int to, StringColumnBuilder out) {
        long scheme = UrlParser.protocol(bytes, from, to);
        int hostStart = UrlParser.end(scheme) + 3;
        if (UrlParser.end(scheme) > from && hostStart + 4 <= to && bytes[hostStart - 2] == '/' && bytes[hostStart - 1] == '/'
                && bytes[hostStart] == 'w' && bytes[hostStart + 1] == 'w' && bytes[hostStart + 2] == 'w'
                && bytes[hostStart + 3] == '.') {
            byte[] joined = new byte[to - from - 4];
            System.arraycopy(bytes, from, joined, 0, hostStart - from);
            System.arraycopy(bytes, hostStart + 4, joined, hostStart - from, to - hostStart - 4);
            out.appendBytes(joined, 0, joined.length);
            return;
        }
        out.appendBytes(bytes, from, to - from);
    }

    private static boolean isSeparator(byte b) {
        return b == '/' || b == '?' || b == '#';
    }

    /**
     * URLHierarchy: {@code scheme://host/}, then the URL cut after each further {@code / ? #} (runs of them count
     * once). URLPathHierarchy: the same prefixes of the path alone, from its first {@code /}. Only URLs with a
     * lowercase scheme followed by {@code ://} have a hierarchy; others give an empty array.
     */
    private static void hierarchy(byte[] bytes, int from, int to, StringColumnBuilder out, boolean pathOnly) {
        int pos = from;
        while (pos < to && ((bytes[pos] >= 'a' && bytes[pos] <= 'z') || (bytes[pos] >= '0' && bytes[pos] <= '9'))) {
            pos++;
        }
        if (pos == from || to - pos < 4 || bytes[pos] != ':' || bytes[pos + 1] != '/' || bytes[pos + 2] != '/') {
            return;
        }
        pos += 3;
        while (pos < to && !isSeparator(bytes[pos])) {
            pos++;
        }
        int begin = from;
        if (pathOnly) {
            if (pos == to) {
                return;
            }
            begin = pos;
        } else {
            if (pos < to) {
                pos++;
            }
            out.appendBytes(bytes, from, pos - from);
        }
        while (true) {
            while (pos < to && isSeparator(bytes[pos])) {
                pos++;
            }
            if (pos == to) {
                return;
            }
            while (pos < to && !isSeparator(bytes[pos])) {
                pos++;
            }
            if (pos < to) {
                pos++;
            }
            out.appendBytes(bytes, begin, pos - begin);
        }
    }

    /** The {@code name=value} pieces of the query string (and fragment), or only their names. */
    private static void parameters(byte[] bytes, int from, int to, StringColumnBuilder out, boolean namesOnly) {
        int pos = UrlParser.parametersStart(bytes, from, to);
        if (pos < 0) {
            return;
        }
        while (pos < to) {
            int end = UrlParser.parameterEnd(bytes, pos, to);
            if (end > pos) {
                int nameEnd = namesOnly ? nameEnd(bytes, pos, end) : end;
                out.appendBytes(bytes, pos, nameEnd - pos);
            }
            pos = end + 1;
        }
    }

    private static int nameEnd(byte[] bytes, int from, int to) {
        int equals = UrlParser.indexOf(bytes, from, to, (byte) '=');
        return equals < 0 ? to : equals;
    }

    private static ScalarKernel extractParameter(List<Argument> arguments) {
        requireUrl("extractURLParameter", arguments, 2);
        return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
            StringColumn urls = operands[0].strings();
            StringColumn names = operands[1].strings();
            byte[] bytes = urls.rawBytes();
            StringColumnBuilder out = new StringColumnBuilder(StringType.STRING, rows);
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                int from = urls.valueOffset(row);
                long value = parameter(bytes, from, from + urls.valueLength(row), names.getBytes(operands[1].row(i)));
                int start = UrlParser.start(value);
                out.appendBytes(bytes, start, UrlParser.end(value) - start);
            }
            return out.build();
        });
    }

    /** The value of the first parameter named {@code name}; empty when absent. */
    private static long parameter(byte[] bytes, int from, int to, byte[] name) {
        int pos = UrlParser.parametersStart(bytes, from, to);
        if (pos < 0) {
            return UrlParser.range(from, from);
        }
        while (pos < to) {
            int end = UrlParser.parameterEnd(bytes, pos, to);
            int nameEnd = nameEnd(bytes, pos, end);
            if (java.util.Arrays.equals(bytes, pos, nameEnd, name, 0, name.length)) {
                return nameEnd < end ? UrlParser.range(nameEnd + 1, end) : UrlParser.range(end, end);
            }
            pos = end + 1;
        }
        return UrlParser.range(from, from);
    }

    /** Removes every parameter named by the second argument (a string or an array of strings). */
    private static ScalarKernel cutParameter(List<Argument> arguments) {
        Errors.checkCount("cutURLParameter", arguments, 2, 2);
        if (!Types.isString(arguments.get(0).type()) || !Types.isString(arguments.get(1).type())) {
            throw Errors.illegalType("cutURLParameter", arguments);
        }
        return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
            StringColumn urls = operands[0].strings();
            StringColumn names = operands[1].strings();
            StringColumnBuilder out = new StringColumnBuilder(StringType.STRING, rows);
            for (int i = 0; i < rows; i++) {
                String url = urls.getString(operands[0].row(i));
                String name = names.getString(operands[1].row(i));
                byte[] cut = cutParameter(url, name).getBytes(StandardCharsets.UTF_8);
                out.appendBytes(cut, 0, cut.length);
            }
            return out.build();
        });
    }

    private static String cutParameter(String url, String name) {
        int question = url.indexOf('?');
        int hash = url.indexOf('#', Math.max(question, 0));
        if (question < 0) {
            return url;
        }
        int queryEnd = hash < 0 ? url.length() : hash;
        StringBuilder kept = new StringBuilder();
        for (String piece : url.substring(question + 1, queryEnd).split("&", -1)) {
            int equals = piece.indexOf('=');
            String pieceName = equals < 0 ? piece : piece.substring(0, equals);
            if (!pieceName.equals(name) && !piece.isEmpty()) {
                kept.append(kept.isEmpty() ? "" : "&").append(piece);
            }
        }
        return url.substring(0, question) + (kept.isEmpty() ? "" : "?" + kept) + url.substring(queryEnd);
    }
}
