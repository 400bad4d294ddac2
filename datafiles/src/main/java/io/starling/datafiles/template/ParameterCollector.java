package io.starling.datafiles.template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the request parameters of a template without rendering it: every typed call ({@code Int32(limit, 10)}),
 * every {@code column/columns/symbol/split_to_array/JSON} of a name, and every other bare name the template reads,
 * in all branches. Names assigned by {@code set} or loops, and names starting with {@code _}, are not parameters.
 */
final class ParameterCollector {
    private static final class Entry {
        ParameterInfo info;
        boolean typed;

        Entry(ParameterInfo info, boolean typed) {
            this.info = info;
            this.typed = typed;
        }
    }

    private final Set<String> assigned = new HashSet<>();
    private final Map<String, Entry> found = new LinkedHashMap<>();

    private ParameterCollector() {
    }

    static List<ParameterInfo> collect(List<TemplateNode> nodes) {
        ParameterCollector collector = new ParameterCollector();
        collector.findAssignments(nodes);
        collector.nodes(nodes);
        List<ParameterInfo> parameters = new ArrayList<>();
        for (Entry entry : collector.found.values()) {
            parameters.add(entry.info);
        }
        return List.copyOf(parameters);
    }

    private void findAssignments(List<TemplateNode> nodes) {
        for (TemplateNode node : nodes) {
            switch (node) {
                case TemplateNode.Set set -> assigned.add(set.name());
                case TemplateNode.For loop -> {
                    assigned.addAll(loop.names());
                    findAssignments(loop.body());
                }
                case TemplateNode.If ifNode -> {
                    ifNode.branches().forEach(branch -> findAssignments(branch.body()));
                    findAssignments(ifNode.otherwise());
                }
                case TemplateNode.Text text -> {
                }
                case TemplateNode.Output output -> {
                }
            }
        }
    }

    private void nodes(List<TemplateNode> nodes) {
        for (TemplateNode node : nodes) {
            switch (node) {
                case TemplateNode.Text text -> {
                }
                case TemplateNode.Output output -> expr(output.expr());
                case TemplateNode.Set set -> expr(set.value());
                case TemplateNode.For loop -> {
                    expr(loop.iterable());
                    nodes(loop.body());
                }
                case TemplateNode.If ifNode -> {
                    for (TemplateNode.Branch branch : ifNode.branches()) {
                        expr(branch.condition());
                        nodes(branch.body());
                    }
                    nodes(ifNode.otherwise());
                }
            }
        }
    }

    private void expr(Expr expr) {
        switch (expr) {
            case Expr.Name name -> add(untyped(name.name(), null), false);
            case Expr.Call call -> call(call);
            case Expr.Attribute attribute -> expr(attribute.target());
            case Expr.Subscript subscript -> {
                expr(subscript.target());
                expr(subscript.index());
            }
            case Expr.Unary unary -> expr(unary.operand());
            case Expr.Binary binary -> {
                expr(binary.left());
                expr(binary.right());
            }
            case Expr.Compare compare -> {
                expr(compare.first());
                compare.operands().forEach(this::expr);
            }
            case Expr.Logical logical -> {
                expr(logical.left());
                expr(logical.right());
            }
            case Expr.Conditional conditional -> {
                expr(conditional.condition());
                expr(conditional.body());
                expr(conditional.otherwise());
            }
            case Expr.ListExpr list -> list.items().forEach(this::expr);
            case Expr.DictExpr dict -> {
                dict.keys().forEach(this::expr);
                dict.values().forEach(this::expr);
            }
            case Expr.Literal literal -> {
            }
        }
    }

    private void call(Expr.Call call) {
        if (call.callee() instanceof Expr.Name callee && !call.args().isEmpty()
                && call.args().getFirst() instanceof Expr.Name parameter) {
            String function = callee.name();
            if (function.equals("Array")) {
                String type = text(argument(call, 1, "type"));
                add(typed(parameter.name(), "Array(" + (type == null ? "String" : type) + ")", call, 2), true);
            } else if (ParameterTypes.isScalarType(function)) {
                add(typed(parameter.name(), function, call, 1), true);
            } else if (Functions.PARAMETER_READERS.contains(function)) {
                int defaultPosition = function.equals("symbol") ? -1 : 1;
                add(untyped(parameter.name(), text(argument(call, defaultPosition, "default"))), false);
            }
        } else if (!(call.callee() instanceof Expr.Name)) {
            expr(call.callee());
        }
        call.args().forEach(this::expr);
        call.kwargs().values().forEach(this::expr);
    }

    private static ParameterInfo typed(String name, String type, Expr.Call call, int defaultPosition) {
        List<String> enumValues = new ArrayList<>();
        if (call.kwargs().get("enum") instanceof Expr.ListExpr list) {
            for (Expr item : list.items()) {
                String value = text(item);
                if (value != null) {
                    enumValues.add(value);
                }
            }
        }
        Expr required = call.kwargs().get("required");
        return new ParameterInfo(name, type, text(argument(call, defaultPosition, "default")),
                required instanceof Expr.Literal literal && Values.truthy(literal.value()),
                text(call.kwargs().get("description")), text(call.kwargs().get("example")),
                text(call.kwargs().get("format")), enumValues);
    }

    private static ParameterInfo untyped(String name, String defaultValue) {
        return new ParameterInfo(name, "String", defaultValue, false, null, null, null, List.of());
    }

    private static Expr argument(Expr.Call call, int position, String keyword) {
        if (position >= 0 && position < call.args().size()) {
            return call.args().get(position);
        }
        return call.kwargs().get(keyword);
    }

    /** The text of a literal (lists joined by commas), or null for anything computed. */
    private static String text(Expr expr) {
        if (expr instanceof Expr.Literal literal && literal.value() != null) {
            Object value = literal.value();
            return value instanceof Boolean bool ? bool.toString() : Values.str(value);
        }
        if (expr instanceof Expr.ListExpr list) {
            List<String> items = new ArrayList<>();
            for (Expr item : list.items()) {
                String value = text(item);
                if (value == null) {
                    return null;
                }
                items.add(value);
            }
            return String.join(",", items);
        }
        return null;
    }

    private void add(ParameterInfo info, boolean typed) {
        if (info.name().startsWith("_") || assigned.contains(info.name())) {
            return;
        }
        Entry existing = found.get(info.name());
        if (existing == null) {
            found.put(info.name(), new Entry(info, typed));
        } else if (typed && !existing.typed) {
            existing.info = info;
            existing.typed = true;
        } else if (typed == existing.typed) {
            existing.info = merge(existing.info, info);
        }
    }

    private static ParameterInfo merge(ParameterInfo first, ParameterInfo later) {
        return new ParameterInfo(first.name(), first.type(), either(first.defaultValue(), later.defaultValue()),
                first.required() || later.required(), either(first.description(), later.description()),
                either(first.example(), later.example()), either(first.format(), later.format()),
                first.enumValues().isEmpty() ? later.enumValues() : first.enumValues());
    }

    private static String either(String first, String later) {
        return first != null ? first : later;
    }
}
