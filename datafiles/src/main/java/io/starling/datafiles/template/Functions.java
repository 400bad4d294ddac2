package io.starling.datafiles.template;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The registry of functions callable from templates, by name. Immutable after class initialisation. */
final class Functions {
    /** Functions whose first argument names a parameter to document (besides the typed functions). */
    static final Set<String> PARAMETER_READERS = Set.of("column", "columns", "symbol", "split_to_array", "JSON");

    private static final Map<String, TemplateFunction> FUNCTIONS = new HashMap<>();

    static {
        for (String type : new String[] {"String", "Boolean", "Float32", "Float64", "Date", "DateTime", "DateTime64",
                "Int", "Integer", "Int8", "Int16", "Int32", "Int64", "Int128", "Int256", "UInt8", "UInt16", "UInt32",
                "UInt64", "UInt128", "UInt256"}) {
            FUNCTIONS.put(type, TypedFunctions.scalar(type));
        }
        FUNCTIONS.put("Array", TypedFunctions::array);
        FUNCTIONS.put("defined", ControlFunctions::defined);
        FUNCTIONS.put("error", ControlFunctions::error);
        FUNCTIONS.put("custom_error", ControlFunctions::customError);
        FUNCTIONS.put("max_threads", ControlFunctions::maxThreads);
        FUNCTIONS.put("tb_secret", ControlFunctions::secret);
        FUNCTIONS.put("tb_var", ControlFunctions::secret);
        FUNCTIONS.put("column", IdentifierFunctions::column);
        FUNCTIONS.put("columns", IdentifierFunctions::columns);
        FUNCTIONS.put("symbol", IdentifierFunctions::symbol);
        FUNCTIONS.put("split_to_array", CollectionFunctions::splitToArray);
        FUNCTIONS.put("enumerate_with_last", CollectionFunctions::enumerateWithLast);
        FUNCTIONS.put("enumerate", CollectionFunctions::enumerate);
        FUNCTIONS.put("sql_and", CollectionFunctions::sqlAnd);
        FUNCTIONS.put("JSON", CollectionFunctions::json);
        FUNCTIONS.put("date_diff_in_seconds", DateFunctions.dateDiff(1, false));
        FUNCTIONS.put("date_diff_in_minutes", DateFunctions.dateDiff(60, false));
        FUNCTIONS.put("date_diff_in_hours", DateFunctions.dateDiff(3600, false));
        FUNCTIONS.put("date_diff_in_days", DateFunctions.dateDiff(86400, true));
        FUNCTIONS.put("day_diff", DateFunctions::dayDiff);
        FUNCTIONS.put("len", Builtins::len);
        FUNCTIONS.put("str", Builtins::str);
        FUNCTIONS.put("int", Builtins::toInt);
        FUNCTIONS.put("float", Builtins::toFloat);
        FUNCTIONS.put("bool", Builtins::bool);
        FUNCTIONS.put("abs", Builtins::abs);
        FUNCTIONS.put("min", Builtins.extreme(false));
        FUNCTIONS.put("max", Builtins.extreme(true));
        FUNCTIONS.put("range", Builtins::range);
    }

    private Functions() {
    }

    static TemplateFunction lookup(String name) {
        return FUNCTIONS.get(name);
    }

    static boolean exists(String name) {
        return FUNCTIONS.containsKey(name);
    }
}
