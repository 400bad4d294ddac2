package io.starling.sql.format.input;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * Parses CSV against a data source's columns. A header row is skipped when it names the columns, and
 * used to match columns by name when it holds all of them in another order.
 *
 * <p>Rules (Tinybird's): RFC 4180 with {@code ""} escapes (or a dialect escape character); delimiter guessed
 * among {@code , ; \t |} unless given; empty lines counted and skipped; a row with the wrong number of
 * fields, or with a value that does not parse, goes to quarantine with one error per bad column
 * ({@code value 'abc' on column 'amount' is not Int64}); an empty field takes the column's DEFAULT, else NULL
 * for Nullable columns, '' for strings and [] for arrays, and is an error for other types; an unquoted
 * {@code \N} is NULL (the DEFAULT or type default for non-Nullable columns). Broken quoting that the parser
 * cannot recover from ends the parse and counts one invalid line.
 *
 * <p>The body is streamed: only the parsed columns are held in memory.
 */
public final class CsvInput {
    private static final int SAMPLE_BYTES = 64 * 1024;
    private static final int MAX_FIELD_CHARS = 64 * 1024 * 1024;

    private CsvInput() {
    }

    public static ParsedRows parse(InputStream body, List<IngestColumn> columns, CsvDialect dialect) {
        RowAssembler assembler = new RowAssembler(columns);
        CsvRecordHandler handler = new CsvRecordHandler(assembler);
        long invalidLines = read(body, assembler.inputColumns(), dialect, handler, assembler);
        return assembler.finish(invalidLines, handler.emptyLines());
    }

    /**
     * Streams the body: hands chunks of at most {@code limits} to {@code consumer} as they are parsed (only the
     * chunk being filled is held in memory), and answers the totals. Same rules as {@link #parse}.
     */
    public static ParseSummary stream(InputStream body, List<IngestColumn> columns, CsvDialect dialect,
                                      ChunkLimits limits, ChunkConsumer consumer) {
        RowAssembler assembler = new RowAssembler(columns, limits, consumer);
        CsvRecordHandler handler = new CsvRecordHandler(assembler);
        long invalidLines = read(body, assembler.inputColumns(), dialect, handler, assembler);
        return assembler.finishStream(invalidLines, handler.emptyLines());
    }

    private static long read(InputStream body, List<IngestColumn> columns, CsvDialect dialect,
                             CsvRecordHandler handler, RowAssembler assembler) {
        CsvDialect effective = dialect == null ? CsvDialect.GUESS : dialect;
        try {
            BufferedInputStream input = new BufferedInputStream(body, SAMPLE_BYTES);
            char delimiter = effective.delimiter() != 0 ? effective.delimiter() : guessDelimiter(input, columns.size());
            CsvReader.CsvReaderBuilder builder = CsvReader.builder()
                    .fieldSeparator(delimiter)
                    .quoteCharacter('"')
                    .skipEmptyLines(false)
                    .allowExtraFields(true)
                    .allowMissingFields(true)
                    .allowUnclosedQuote(false)
                    .allowExtraCharsAfterClosingQuote(true)
                    .maxBufferSize(MAX_FIELD_CHARS);
            char escape = effective.escape();
            CsvReader<Object> reader = escape != 0 && escape != '"'
                    ? builder.build(handler, new EscapedQuoteReader(
                            new InputStreamReader(input, StandardCharsets.UTF_8), delimiter, escape))
                    : builder.detectBomHeader(true).build(handler, input, StandardCharsets.UTF_8);
            long invalidLines = 0;
            try (reader) {
                Iterator<Object> records = reader.iterator();
                while (records.hasNext()) {
                    records.next();
                }
            } catch (CsvParseException e) {
                if (assembler.consumerFailure() != null) {
                    throw assembler.consumerFailure();
                }
                invalidLines++;
            }
            return invalidLines;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the CSV body failed", e);
        }
    }

    private static char guessDelimiter(BufferedInputStream input, int columnCount) throws IOException {
        input.mark(SAMPLE_BYTES + 1);
        byte[] sample = input.readNBytes(SAMPLE_BYTES);
        input.reset();
        return DelimiterGuess.guess(sample, sample.length, sample.length < SAMPLE_BYTES, columnCount);
    }
}
