package io.starling.datafiles.template;

import java.util.List;
import java.util.Map;

/** The expression language of {@code {{ }}} and {@code {% %}}: a small subset of Python. Nodes are immutable. */
sealed interface Expr {

    /** A literal: null (None), Boolean, Long, BigInteger, Double or String. */
    record Literal(Object value) implements Expr {
    }

    /** A variable: a request parameter, a {@code set} variable or a loop variable. */
    record Name(String name) implements Expr {
    }

    /** {@code target.name}; only valid as the callee of a method call. */
    record Attribute(Expr target, String name) implements Expr {
    }

    /** {@code target[index]}. */
    record Subscript(Expr target, Expr index) implements Expr {
    }

    /** {@code callee(args..., key=value...)}; keyword arguments keep their order. */
    record Call(Expr callee, List<Expr> args, Map<String, Expr> kwargs) implements Expr {
    }

    /** {@code not x}, {@code -x}, {@code +x}. */
    record Unary(String operator, Expr operand) implements Expr {
    }

    /** Arithmetic: {@code + - * / // %}. */
    record Binary(String operator, Expr left, Expr right) implements Expr {
    }

    /** A (possibly chained) comparison {@code a < b <= c}; operators include {@code in}, {@code not in}, {@code is}. */
    record Compare(Expr first, List<String> operators, List<Expr> operands) implements Expr {
    }

    /** {@code and} / {@code or} with Python's short-circuit, value-returning semantics. */
    record Logical(String operator, Expr left, Expr right) implements Expr {
    }

    /** {@code body if condition else otherwise}. */
    record Conditional(Expr condition, Expr body, Expr otherwise) implements Expr {
    }

    /** {@code [a, b]} or {@code (a, b)}. */
    record ListExpr(List<Expr> items) implements Expr {
    }

    /** {@code {key: value, ...}}. */
    record DictExpr(List<Expr> keys, List<Expr> values) implements Expr {
    }
}
