package io.starling.datafiles.template;

import java.util.List;

/** A parsed template: text and tags as a tree. Immutable. */
sealed interface TemplateNode {

    /** Literal SQL text, copied to the output as written. */
    record Text(String text) implements TemplateNode {
    }

    /** {@code {{ expr }}}: the value rendered as SQL. */
    record Output(Expr expr, int line) implements TemplateNode {
    }

    /** {@code {% if %}...{% elif %}...{% else %}...{% end %}}. */
    record If(List<Branch> branches, List<TemplateNode> otherwise) implements TemplateNode {
    }

    record Branch(Expr condition, List<TemplateNode> body, int line) {
    }

    /** {@code {% for a, b in items %}...{% end %}}. */
    record For(List<String> names, Expr iterable, List<TemplateNode> body, int line) implements TemplateNode {
    }

    /** {@code {% set name = expr %}}. */
    record Set(String name, Expr value, int line) implements TemplateNode {
    }
}
