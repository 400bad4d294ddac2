package io.starling.datafiles.template;

import java.util.List;
import java.util.Map;

/** Walks the template tree, writing text and rendered values. One instance renders once; not thread-safe. */
final class Renderer {
    private static final int MAX_LOOP_ITERATIONS = 100_000;
    private static final int MAX_OUTPUT_CHARS = 8 * 1024 * 1024;

    private final Evaluator evaluator;
    private final StringBuilder out = new StringBuilder();
    private int iterations;

    Renderer(RenderScope scope) {
        this.evaluator = new Evaluator(scope);
    }

    String render(List<TemplateNode> nodes) {
        nodes(nodes);
        return out.toString();
    }

    private void nodes(List<TemplateNode> nodes) {
        for (TemplateNode node : nodes) {
            node(node);
            if (out.length() > MAX_OUTPUT_CHARS) {
                throw TemplateException.render("rendered SQL is larger than " + MAX_OUTPUT_CHARS + " characters; "
                        + "check the loops of the template", 0);
            }
        }
    }

    private void node(TemplateNode node) {
        switch (node) {
            case TemplateNode.Text text -> out.append(text.text());
            case TemplateNode.Output output -> guarded(output.line(),
                    () -> out.append(SqlLiterals.render(evaluator.eval(output.expr(), output.line()), output.line())));
            case TemplateNode.Set set -> guarded(set.line(),
                    () -> evaluator.scope().assign(set.name(), evaluator.eval(set.value(), set.line())));
            case TemplateNode.If ifNode -> ifNode(ifNode);
            case TemplateNode.For forNode -> forNode(forNode);
        }
    }

    private void ifNode(TemplateNode.If ifNode) {
        for (TemplateNode.Branch branch : ifNode.branches()) {
            boolean[] taken = new boolean[1];
            guarded(branch.line(), () -> taken[0] = Values.truthy(evaluator.eval(branch.condition(), branch.line())));
            if (taken[0]) {
                nodes(branch.body());
                return;
            }
        }
        nodes(ifNode.otherwise());
    }

    private void forNode(TemplateNode.For forNode) {
        Object[] iterable = new Object[1];
        guarded(forNode.line(), () -> iterable[0] = evaluator.eval(forNode.iterable(), forNode.line()));
        for (Object item : items(iterable[0], forNode.line())) {
            if (++iterations > MAX_LOOP_ITERATIONS) {
                throw TemplateException.render("template loops ran more than " + MAX_LOOP_ITERATIONS + " times", 
                        forNode.line());
            }
            bind(forNode.names(), item, forNode.line());
            nodes(forNode.body());
        }
    }

    private static Iterable<?> items(Object iterable, int line) {
        return switch (iterable) {
            case List<?> list -> list;
            case Map<?, ?> map -> List.copyOf(map.keySet());
            case String text -> text.chars().mapToObj(c -> String.valueOf((char) c)).toList();
            case null -> throw TemplateException.render("for loop over None; check the parameter is defined, or "
                    + "give a default", line);
            default -> throw TemplateException.render("cannot loop over a " + Values.typeName(iterable), line);
        };
    }

    private void bind(List<String> names, Object item, int line) {
        if (names.size() == 1) {
            evaluator.scope().assign(names.getFirst(), item);
            return;
        }
        if (!(item instanceof List<?> values) || values.size() != names.size()) {
            throw TemplateException.render("cannot unpack " + Values.str(item) + " into " + names.size()
                    + " loop variables", line);
        }
        for (int i = 0; i < names.size(); i++) {
            evaluator.scope().assign(names.get(i), values.get(i));
        }
    }

    private static void guarded(int line, Runnable action) {
        try {
            action.run();
        } catch (TemplateException e) {
            throw e.atLine(line);
        }
    }
}
