package io.starling.coordinator.catalog;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.regex.Pattern;

/** Rules for data source names. */
public final class DataSourceNames {
    public static final String QUARANTINE_SUFFIX = "_quarantine";
    public static final int MAX_LENGTH = 255;
    private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private DataSourceNames() {
    }

    /** Throws BAD_ARGUMENTS (36) when {@code name} cannot be a data source name. */
    public static void validate(String name) {
        if (name == null || name.isBlank()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS,
                    "A data source name is required; pass it as the name parameter, e.g. name=events");
        }
        if (name.length() > MAX_LENGTH) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Data source name [" + name.substring(0, 40)
                    + "...] is longer than " + MAX_LENGTH + " characters; choose a shorter name");
        }
        if (!VALID.matcher(name).matches()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Invalid data source name [" + name
                    + "]: it must start with a letter or underscore and contain only letters, digits and underscores");
        }
        if (name.endsWith(QUARANTINE_SUFFIX)) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Invalid data source name [" + name
                    + "]: names ending in " + QUARANTINE_SUFFIX + " are reserved for quarantine data sources");
        }
    }

    public static String quarantineName(String name) {
        return name + QUARANTINE_SUFFIX;
    }

    /** The data source a quarantine name belongs to, or null when {@code name} is not a quarantine name. */
    public static String quarantineOwner(String name) {
        if (name.endsWith(QUARANTINE_SUFFIX) && name.length() > QUARANTINE_SUFFIX.length()) {
            return name.substring(0, name.length() - QUARANTINE_SUFFIX.length());
        }
        return null;
    }
}
