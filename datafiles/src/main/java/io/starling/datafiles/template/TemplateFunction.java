package io.starling.datafiles.template;

/** A function callable from template expressions. Implementations are stateless. */
@FunctionalInterface
interface TemplateFunction {
    Object call(Invocation invocation);
}
