package io.starling.datafiles.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates expressions against a {@link RenderScope}. Names that are not defined evaluate to None. */
final class Evaluator {
    private final RenderScope scope;

    Evaluator(RenderScope scope) {
        this.scope = scope;
    }

    RenderScope scope() {
        return scope;
    }

    Object eval(Expr expr, int line) {
        return switch (expr) {
            case Expr.Literal literal -> literal.value();
            case Expr.Name name -> scope.lookup(name.name());
            case Expr.Attribute attribute -> throw TemplateException.render("attribute [" + attribute.name()
                    + "] can only be called as a method, as in item.get('" + attribute.name() + "')", line);
            case Expr.Subscript subscript -> subscript(eval(subscript.target(), line), eval(subscript.index(), line),
                    line);
            case Expr.Call call -> call(call, line);
            case Expr.Unary unary -> unary(unary, line);
            case Expr.Binary binary -> Arithmetic.apply(binary.operator(), eval(binary.left(), line),
                    eval(binary.right(), line), line);
            case Expr.Compare compare -> compare(compare, line);
            case Expr.Logical logical -> logical(logical, line);
            case Expr.Conditional conditional -> Values.truthy(eval(conditional.condition(), line))
                    ? eval(conditional.body(), line) : eval(conditional.otherwise(), line);
            case Expr.ListExpr list -> list(list, line);
            case Expr.DictExpr dict -> dict(dict, line);
        };
    }

    private Object unary(Expr.Unary unary, int line) {
        Object operand = eval(unary.operand(), line);
        return switch (unary.operator()) {
            case "not" -> !Values.truthy(operand);
            case "-" -> Arithmetic.apply("-", 0L, operand, line);
            default -> Arithmetic.apply("+", 0L, operand, line);
        };
    }

    private Object compare(Expr.Compare compare, int line) {
        Object left = eval(compare.first(), line);
        for (int i = 0; i < compare.operators().size(); i++) {
            Object right = eval(compare.operands().get(i), line);
            if (!compareOnce(compare.operators().get(i), left, right, line)) {
                return false;
            }
            left = right;
        }
        return true;
    }

    private static boolean compareOnce(String operator, Object left, Object right, int line) {
        return switch (operator) {
            case "==" -> Values.equal(left, right);
            case "!=" -> !Values.equal(left, right);
            case "is" -> left == right || (left != null && Values.equal(left, right) && left.getClass() == right.getClass());
            case "is not" -> !(left == right || (left != null && Values.equal(left, right)
                    && left.getClass() == right.getClass()));
            case "in" -> Values.contains(right, left, line);
            case "not in" -> !Values.contains(right, left, line);
            case "<" -> Values.compare(left, right, line) < 0;
            case "<=" -> Values.compare(left, right, line) <= 0;
            case ">" -> Values.compare(left, right, line) > 0;
            default -> Values.compare(left, right, line) >= 0;
        };
    }

    private Object logical(Expr.Logical logical, int line) {
        Object left = eval(logical.left(), line);
        boolean truth = Values.truthy(left);
        if (logical.operator().equals("and")) {
            return truth ? eval(logical.right(), line) : left;
        }
        return truth ? left : eval(logical.right(), line);
    }

    private List<Object> list(Expr.ListExpr list, int line) {
        List<Object> items = new ArrayList<>(list.items().size());
        for (Expr item : list.items()) {
            items.add(eval(item, line));
        }
        return Collections.unmodifiableList(items);
    }

    private Map<Object, Object> dict(Expr.DictExpr dict, int line) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < dict.keys().size(); i++) {
            map.put(eval(dict.keys().get(i), line), eval(dict.values().get(i), line));
        }
        return Collections.unmodifiableMap(map);
    }

    private static Object subscript(Object target, Object index, int line) {
        if (target instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (Values.equal(entry.getKey(), index)) {
                    return entry.getValue();
                }
            }
            throw TemplateException.render("key [" + Values.str(index) + "] is not in the dict; use .get(key, "
                    + "default) for optional keys", line);
        }
        if (!(Values.isInteger(index))) {
            throw TemplateException.render("index [" + Values.str(index) + "] is not an integer", line);
        }
        int size;
        if (target instanceof List<?> list) {
            size = list.size();
        } else if (target instanceof String text) {
            size = text.length();
        } else {
            throw TemplateException.render("cannot index a " + Values.typeName(target), line);
        }
        BigInteger position = Values.toBigInteger(index);
        if (position.signum() < 0) {
            position = position.add(BigInteger.valueOf(size));
        }
        if (position.signum() < 0 || position.compareTo(BigInteger.valueOf(size)) >= 0) {
            throw TemplateException.render("index [" + Values.str(index) + "] is out of range for a "
                    + Values.typeName(target) + " of length " + size, line);
        }
        int at = position.intValue();
        return target instanceof List<?> list ? list.get(at) : String.valueOf(((String) target).charAt(at));
    }

    private Object call(Expr.Call call, int line) {
        List<Object> args = new ArrayList<>(call.args().size());
        List<String> argNames = new ArrayList<>(call.args().size());
        for (Expr arg : call.args()) {
            args.add(eval(arg, line));
            argNames.add(arg instanceof Expr.Name name ? name.name() : null);
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Map.Entry<String, Expr> kwarg : call.kwargs().entrySet()) {
            kwargs.put(kwarg.getKey(), eval(kwarg.getValue(), line));
        }
        if (call.callee() instanceof Expr.Attribute attribute) {
            Object target = eval(attribute.target(), line);
            return Methods.call(target, attribute.name(), args, kwargs, line);
        }
        if (!(call.callee() instanceof Expr.Name name)) {
            throw TemplateException.render("only named functions and methods can be called", line);
        }
        TemplateFunction function = Functions.lookup(name.name());
        if (function == null) {
            throw TemplateException.render("unknown template function [" + name.name() + "]; template functions "
                    + "include String, Int32, Array, defined, column, columns, symbol, sql_and, split_to_array, "
                    + "error and custom_error", line);
        }
        return function.call(new Invocation(name.name(), Collections.unmodifiableList(args),
                Collections.unmodifiableList(argNames), Collections.unmodifiableMap(kwargs), call, scope, this,
                line));
    }

    /**
     * True when {@code expr} is a typed parameter call ({@code Int32(x)}, {@code Array(x, 'Int8')}) whose parameter
     * has no value and the call gives no default: it would render a placeholder, so {@code sql_and} skips it.
     */
    boolean isMissingParameterCall(Expr expr) {
        if (!(expr instanceof Expr.Call call) || !(call.callee() instanceof Expr.Name callee)
                || call.args().isEmpty() || !(call.args().getFirst() instanceof Expr.Name parameter)) {
            return false;
        }
        boolean array = callee.name().equals("Array");
        if (!array && !ParameterTypes.isScalarType(callee.name())) {
            return false;
        }
        int defaultPosition = array ? 2 : 1;
        if (call.args().size() > defaultPosition || call.kwargs().containsKey("default")) {
            return false;
        }
        return TypedFunctions.isMissing(scope.lookup(parameter.name()), array ? "Array" : callee.name());
    }
}
