package io.starling.sql.function;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import java.util.List;

/** The errors functions raise, worded the same everywhere. */
public final class Errors {
    private Errors() {
    }

    public static StarlingException illegalArgument(String function, int position, String expected) {
        return new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT,
                "Argument " + (position + 1) + " of function [" + function + "] must be " + expected);
    }

    public static StarlingException illegalType(String function, List<Argument> arguments) {
        StringBuilder types = new StringBuilder();
        for (Argument argument : arguments) {
            types.append(types.isEmpty() ? "" : ", ").append(argument.type().name());
        }
        return new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "Function [" + function
                + "] does not accept arguments of types [" + types + "]; cast them, e.g. toInt64(x) or toString(x)");
    }

    public static StarlingException illegalType(String function, DataType type) {
        return new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT,
                "Illegal type [" + type.name() + "] of argument of function [" + function + "]");
    }

    public static StarlingException argumentCount(String function, int given, String expected) {
        return new StarlingException(ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function [" + function
                + "] takes " + expected + " arguments, " + given + " given");
    }

    public static void checkCount(String function, List<Argument> arguments, int min, int max) {
        int count = arguments.size();
        if (count < min || count > max) {
            throw argumentCount(function, count, min == max ? String.valueOf(min) : min + " to " + max);
        }
    }
}
