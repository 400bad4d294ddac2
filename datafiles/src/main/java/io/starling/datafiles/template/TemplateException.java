package io.starling.datafiles.template;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A template could not be parsed or rendered. Endpoints answer with {@link #httpStatus()} (400 unless the template
 * called {@code error(msg, code)} or {@code custom_error(obj, code)}) and the body {@code {"error": message}}, or
 * {@link #customBody()} when the template gave one.
 */
public final class TemplateException extends StarlingException {
    private final int httpStatus;
    private final int line;
    private final String parameter;
    private final Map<String, Object> customBody;
    private final boolean raisedByTemplate;

    private TemplateException(ErrorCode code, String message, int httpStatus, int line, String parameter,
                              Map<String, Object> customBody) {
        this(code, message, httpStatus, line, parameter, customBody, false);
    }

    private TemplateException(ErrorCode code, String message, int httpStatus, int line, String parameter,
                              Map<String, Object> customBody, boolean raisedByTemplate) {
        super(code, message);
        this.raisedByTemplate = raisedByTemplate;
        this.httpStatus = httpStatus;
        this.line = line;
        this.parameter = parameter;
        this.customBody = customBody == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(customBody));
    }

    /** The template text is malformed (unclosed tag, bad expression, unknown tag). */
    static TemplateException syntax(String message, int line) {
        return new TemplateException(ErrorCode.SYNTAX_ERROR, "Template syntax error at line " + line + ": " + message,
                400, line, null, null);
    }

    /** A parameter value is missing or does not fit its type. */
    static TemplateException parameter(String parameter, String message) {
        return new TemplateException(ErrorCode.BAD_ARGUMENTS, message, 400, 0, parameter, null);
    }

    /** Rendering failed for another reason (unknown function, bad argument); {@code line} may be 0 when unknown. */
    static TemplateException render(String message, int line) {
        return new TemplateException(ErrorCode.BAD_ARGUMENTS, line > 0 ? message + " (template line " + line + ")"
                : message, 400, line, null, null);
    }

    /** {@code error(message, status)} called by the template. */
    static TemplateException userError(String message, int httpStatus) {
        return new TemplateException(ErrorCode.BAD_ARGUMENTS, message, httpStatus, 0, null, null, true);
    }

    /** {@code custom_error(body, status)} called by the template. */
    static TemplateException customError(Map<String, Object> body, int httpStatus) {
        Object error = body.get("error");
        String message = error == null ? String.valueOf(body) : String.valueOf(error);
        return new TemplateException(ErrorCode.BAD_ARGUMENTS, message, httpStatus, 0, null, body, true);
    }

    /** The same error, annotated with the template line where it happened, unless it already names one. */
    TemplateException atLine(int templateLine) {
        if (line != 0 || templateLine <= 0 || raisedByTemplate) {
            return this;
        }
        return new TemplateException(errorCode(), getMessage() + " (template line " + templateLine + ")", httpStatus,
                templateLine, parameter, null);
    }

    /** True for {@code error()} / {@code custom_error()}: the message is the template author's, shown verbatim. */
    public boolean raisedByTemplate() {
        return raisedByTemplate;
    }

    /** HTTP status an endpoint should answer with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Template line (1 = first line of the node SQL, the {@code %} line), or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The parameter at fault, or null. */
    public String parameter() {
        return parameter;
    }

    /** The JSON body given to {@code custom_error}, or null. */
    public Map<String, Object> customBody() {
        return customBody;
    }
}
