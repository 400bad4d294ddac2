package io.starling.sql.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.QueryResult;
import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.NdjsonInput;
import io.starling.sql.format.input.ParsedRows;
import io.starling.sql.format.output.OutputFormats;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.type.DataTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;

/**
 * Decimal256 columns leave as FIXED_LEN_BYTE_ARRAY(32) DECIMAL(P, S) (big-endian two's complement, as Parquet
 * and ClickHouse write them) and come back exactly, into Decimal256 and, rescaled, into a narrower Decimal.
 */
class ParquetDecimal256Test {
    private static final String BIG = "-1234567890123456789012345678901234567890123456789012345678901234.5678901234";

    private static QueryResult source(List<ColumnDefinition> definitions) {
        List<IngestColumn> columns = definitions.stream()
                .map(definition -> new IngestColumn(definition.name(), definition.type(), "$." + definition.name(), null))
                .toList();
        String rows = "{\"d\":\"" + BIG + "\",\"n\":null}\n{\"d\":\"0.5\",\"n\":\"-7.25\"}\n";
        ParsedRows parsed = NdjsonInput.parse(new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)), columns);
        assertThat(parsed.quarantined()).isEmpty();
        return new QueryResult(definitions, parsed.blocks(), -1, 0, 0, null);
    }

    private static String tsv(QueryResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputFormats.write("TSV", result, 0, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void decimal256SurvivesTheRoundTrip() {
        List<ColumnDefinition> definitions = List.of(new ColumnDefinition("d", DataTypes.parse("Decimal256(10)")),
                new ColumnDefinition("n", DataTypes.parse("Nullable(Decimal(40, 2))")));
        QueryResult original = source(definitions);
        assertThat(tsv(original)).isEqualTo(BIG + "\t\\N\n0.5\t-7.25\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParquetOutput.write(original, out, CompressionCodecName.ZSTD);
        try (ParquetFile file = ParquetFile.of(out.toByteArray())) {
            PrimitiveType column = file.schema().getType("d").asPrimitiveType();
            assertThat(column.getPrimitiveTypeName()).isEqualTo(PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY);
            assertThat(column.getTypeLength()).isEqualTo(32);
            assertThat(column.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.decimalType(10, 76));
            assertThat(file.guessColumns()).extracting(ParquetColumns.Column::type)
                    .containsExactly("Decimal(76, 10)", "Nullable(Decimal(40, 2))");
            ParsedRows back = ParquetInput.parse(file, definitions.stream()
                    .map(definition -> new IngestColumn(definition.name(), definition.type(), null, null)).toList());
            assertThat(back.quarantined()).isEmpty();
            assertThat(tsv(new QueryResult(definitions, back.blocks(), -1, 0, 0, null))).isEqualTo(tsv(original));

            List<ColumnDefinition> narrow = List.of(new ColumnDefinition("n", DataTypes.parse("Nullable(Decimal(9, 1))")));
            ParsedRows rescaled = ParquetInput.parse(file, List.of(new IngestColumn("n", narrow.get(0).type(), null, null)));
            assertThat(tsv(new QueryResult(narrow, rescaled.blocks(), -1, 0, 0, null))).isEqualTo("\\N\n-7.2\n");
        }
    }
}
