package io.starling.sql.parser;

import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import java.util.ArrayList;
import java.util.List;

/**
 * What follows GROUP BY: plain keys, {@code ALL}, {@code ROLLUP(...)}, {@code CUBE(...)}, {@code GROUPING SETS (...)},
 * and the modifiers {@code WITH ROLLUP}, {@code WITH CUBE}, {@code WITH TOTALS}.
 *
 * @param keys   every key expression once, in order of appearance
 * @param sets   null for a plain GROUP BY, else the grouping sets as positions in {@code keys}
 * @param totals WITH TOTALS
 */
record GroupByClause(List<Expression> keys, List<List<Integer>> sets, boolean totals) {
    static final GroupByClause NONE = new GroupByClause(List.of(), null, false);

    static GroupByClause parse(TokenCursor cursor, ExpressionParser expressions) {
        List<Expression> keys;
        List<List<Integer>> sets = null;
        if (cursor.peek().isKeyword("ALL") && !cursor.peek(1).isSymbol("(")) {
            cursor.advance();
            keys = List.of(FunctionCall.of(Parser.ALL_MARKER));
        } else if ((cursor.peek().isKeyword("ROLLUP") || cursor.peek().isKeyword("CUBE")) && cursor.peek(1).isSymbol("(")) {
            boolean rollup = cursor.advance().isKeyword("ROLLUP");
            cursor.expectSymbol("(");
            keys = distinct(expressions.list(), new ArrayList<>());
            cursor.expectSymbol(")");
            sets = rollup ? rollup(keys.size()) : cube(keys.size());
        } else if (cursor.peek().isKeyword("GROUPING") && cursor.peek(1).isKeyword("SETS")) {
            cursor.advance();
            cursor.advance();
            cursor.expectSymbol("(");
            List<Expression> all = new ArrayList<>();
            sets = new ArrayList<>();
            do {
                List<Expression> set;
                if (cursor.peek().isSymbol("(")) {
                    cursor.advance();
                    set = cursor.peek().isSymbol(")") ? List.of() : expressions.list();
                    cursor.expectSymbol(")");
                } else {
                    set = List.of(expressions.expression());
                }
                List<Integer> positions = new ArrayList<>();
                for (Expression key : set) {
                    positions.add(position(all, key));
                }
                sets.add(positions);
            } while (cursor.acceptSymbol(","));
            cursor.expectSymbol(")");
            keys = all;
        } else {
            keys = distinct(expressions.list(), new ArrayList<>());
        }
        boolean totals = false;
        while (cursor.peek().isKeyword("WITH")) {
            Token modifier = cursor.peek(1);
            if (modifier.isKeyword("TOTALS")) {
                totals = true;
            } else if ((modifier.isKeyword("ROLLUP") || modifier.isKeyword("CUBE")) && sets == null) {
                sets = modifier.isKeyword("ROLLUP") ? rollup(keys.size()) : cube(keys.size());
            } else {
                break;
            }
            cursor.advance();
            cursor.advance();
        }
        return new GroupByClause(keys, sets, totals);
    }

    private static List<Expression> distinct(List<Expression> keys, List<Expression> into) {
        for (Expression key : keys) {
            position(into, key);
        }
        return into;
    }

    /** The position of {@code key} (by its printed text) in {@code keys}, appending it when new. */
    private static int position(List<Expression> keys, Expression key) {
        String text = key.columnName();
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).columnName().equals(text)) {
                return i;
            }
        }
        keys.add(key);
        return keys.size() - 1;
    }

    /** {@code (k0..kn-1), (k0..kn-2), ..., ()}. */
    static List<List<Integer>> rollup(int keys) {
        List<List<Integer>> sets = new ArrayList<>();
        for (int size = keys; size >= 0; size--) {
            List<Integer> set = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                set.add(i);
            }
            sets.add(set);
        }
        return sets;
    }

    /** Every subset of the keys, from all keys down to none (bit i of the mask set: key i kept). */
    static List<List<Integer>> cube(int keys) {
        List<List<Integer>> sets = new ArrayList<>();
        for (int mask = (1 << keys) - 1; mask >= 0; mask--) {
            List<Integer> set = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                if ((mask & (1 << (keys - 1 - i))) != 0) {
                    set.add(i);
                }
            }
            sets.add(set);
        }
        return sets;
    }
}
