package io.starling.sql.catalog;

import io.starling.sql.analyzer.StandaloneExpressions;
import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.function.Types;
import io.starling.sql.optimizer.Expressions;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.ttl.ColumnTtlEvaluator;
import io.starling.storage.ttl.TtlEvaluator;
import io.starling.storage.type.Date32Type;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table's row TTL ({@code ENGINE_TTL}) compiled by the SQL expression compiler, for any expression that gives a
 * Date, Date32, DateTime or DateTime64: {@code toDate(timestamp) + INTERVAL 7 DAY},
 * {@code timestamp + toIntervalDay(30)}, {@code toStartOfDay(ts) + INTERVAL 1 MONTH}. A trailing {@code DELETE}
 * is accepted. NULL never expires. Immutable and thread-safe.
 */
public final class SqlTtlEvaluator implements TtlEvaluator {
    private static final Pattern TO_INTERVAL = Pattern.compile("toInterval([A-Za-z]+)\\s*\\(\\s*([^()]+?)\\s*\\)");
    private static final Pattern DELETE = Pattern.compile("(?i)\\s+DELETE\\s*$");

    private final List<String> columns;
    private final BoundExpression expression;
    private final DataType type;

    private SqlTtlEvaluator(List<String> columns, BoundExpression expression) {
        this.columns = List.copyOf(columns);
        this.expression = expression;
        this.type = Types.base(expression.type());
    }

    /**
     * The evaluator for {@code ttl} over {@code definition}'s columns, or null when {@code ttl} is blank. Fails
     * with BAD_ARGUMENTS (naming the expression) when it does not compile or is not a date/time.
     */
    public static TtlEvaluator forTable(TableDefinition definition, String ttl) {
        if (ttl == null || ttl.isBlank()) {
            return null;
        }
        String text = DELETE.matcher(ttl.strip()).replaceAll("");
        var plain = ColumnTtlEvaluator.parse(definition, text);
        if (plain.isPresent()) {
            return plain.get();
        }
        Matcher matcher = TO_INTERVAL.matcher(text);
        text = matcher.replaceAll(match -> "INTERVAL " + match.group(2) + " " + match.group(1).toUpperCase());
        BoundExpression bound;
        try {
            bound = StandaloneExpressions.compile(text, definition.columns());
        } catch (StarlingException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "TTL [" + ttl + "] is invalid: " + e.getMessage()
                    + ". Write a Date or DateTime expression such as timestamp + INTERVAL 30 DAY");
        }
        DataType result = Types.base(bound.type());
        if (!(result instanceof DateType || result instanceof Date32Type || result instanceof DateTimeType
                || result instanceof DateTime64Type)) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "TTL [" + ttl + "] gives [" + bound.type().name()
                    + "]; a TTL must be a Date or DateTime expression such as timestamp + INTERVAL 30 DAY");
        }
        BitSet used = new BitSet();
        Expressions.collectInputs(bound, used);
        int[] mapping = new int[definition.columns().size()];
        List<String> names = new ArrayList<>();
        List<ColumnDefinition> all = definition.columns();
        for (int i = used.nextSetBit(0); i >= 0; i = used.nextSetBit(i + 1)) {
            mapping[i] = names.size();
            names.add(all.get(i).name());
        }
        return new SqlTtlEvaluator(names, Expressions.remap(bound, mapping));
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public long[] expiresAt(Block block) {
        Column column = ExpressionEvaluator.column(expression, block);
        int rows = block.rowCount();
        long[] out = new long[rows];
        Column values = column instanceof NullableColumn nullable ? nullable.values() : column;
        LongColumn longs = (LongColumn) values;
        for (int i = 0; i < rows; i++) {
            if (column.isNull(i)) {
                out[i] = NEVER;
                continue;
            }
            long value = longs.getLong(i);
            out[i] = switch (type) {
                case DateType ignored -> value * 86_400L;
                case Date32Type ignored -> value * 86_400L;
                case DateTime64Type time -> Math.floorDiv(value, pow10(time.precision()));
                default -> value;
            };
        }
        return out;
    }

    private static long pow10(int precision) {
        long result = 1;
        for (int i = 0; i < precision; i++) {
            result *= 10;
        }
        return result;
    }
}
