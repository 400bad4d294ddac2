package io.starling.storage.error;

/**
 * Error codes shared by every module. Numbers and names equal ClickHouse's where ClickHouse has one,
 * so clients that switch on them keep working. The category decides the HTTP status.
 */
public enum ErrorCode {
    UNSUPPORTED_METHOD(1, Category.USER),
    CANNOT_PARSE_TEXT(6, Category.USER),
    NUMBER_OF_ARGUMENTS_DOESNT_MATCH(42, Category.USER),
    ILLEGAL_TYPE_OF_ARGUMENT(43, Category.USER),
    ILLEGAL_COLUMN(44, Category.USER),
    UNKNOWN_FUNCTION(46, Category.USER),
    UNKNOWN_IDENTIFIER(47, Category.USER),
    NOT_IMPLEMENTED(48, Category.USER),
    LOGICAL_ERROR(49, Category.INTERNAL),
    UNKNOWN_TYPE(50, Category.USER),
    TYPE_MISMATCH(53, Category.USER),
    UNKNOWN_TABLE(60, Category.NOT_FOUND),
    SYNTAX_ERROR(62, Category.USER),
    UNKNOWN_AGGREGATE_FUNCTION(63, Category.USER),
    CANNOT_PARSE_DATETIME(41, Category.USER),
    CANNOT_CONVERT_TYPE(70, Category.USER),
    ILLEGAL_DIVISION(153, Category.USER),
    TIMEOUT_EXCEEDED(159, Category.TIMEOUT),
    TOO_SLOW(160, Category.USER),
    TOO_MANY_ROWS(158, Category.USER),
    ILLEGAL_AGGREGATION(184, Category.USER),
    NOT_AN_AGGREGATE(215, Category.USER),
    CHECKSUM_DOESNT_MATCH(40, Category.INTERNAL),
    CORRUPTED_DATA(246, Category.INTERNAL),
    SIZES_OF_ARRAYS_DONT_MATCH(190, Category.USER),
    TOO_MANY_PARTS(252, Category.RESOURCES),
    /** Not retried on another replica (same query, same limit); answered 500 as ClickHouse and Tinybird do. */
    MEMORY_LIMIT_EXCEEDED(241, Category.RESOURCES, 500),
    TABLE_ALREADY_EXISTS(57, Category.CONFLICT),
    BAD_ARGUMENTS(36, Category.USER),
    CANNOT_PARSE_INPUT_ASSERTION_FAILED(27, Category.USER),
    INCORRECT_DATA(117, Category.USER),
    READONLY(164, Category.FORBIDDEN),
    ACCESS_DENIED(497, Category.FORBIDDEN),
    UNKNOWN_FORMAT(73, Category.USER),
    QUERY_WAS_CANCELLED(394, Category.RETRYABLE),
    NO_COMMON_TYPE(386, Category.USER),
    TOO_LARGE_STRING_SIZE(131, Category.USER),
    DECIMAL_OVERFLOW(407, Category.USER),
    ALL_REPLICAS_ARE_STALE(369, Category.RETRYABLE),
    ALL_CONNECTION_TRIES_FAILED(279, Category.RETRYABLE),
    TOO_FEW_LIVE_REPLICAS(285, Category.RETRYABLE),
    CANNOT_WRITE_TO_FILE_DESCRIPTOR(75, Category.INTERNAL),
    CANNOT_READ_ALL_DATA(33, Category.INTERNAL),
    ABORTED(236, Category.RETRYABLE),
    EMPTY_LIST_OF_COLUMNS_QUERIED(51, Category.USER),
    NO_SUCH_COLUMN_IN_TABLE(16, Category.USER),
    INVALID_WITH_FILL_EXPRESSION(475, Category.USER),
    UNKNOWN_QUERY_PARAMETER(456, Category.USER),
    BAD_QUERY_PARAMETER(457, Category.USER),
    EXPECTED_ALL_OR_DISTINCT(558, Category.USER),
    STD_EXCEPTION(1001, Category.INTERNAL);

    /** What kind of failure this is; decides the HTTP status an API answers with. */
    public enum Category {
        /** The request is wrong; fix it and retry. */
        USER(400),
        /** The named resource does not exist. */
        NOT_FOUND(404),
        /** The resource exists already or is in a state that refuses the change. */
        CONFLICT(409),
        /** The token may not do this. */
        FORBIDDEN(403),
        /** The deadline passed. */
        TIMEOUT(408),
        /** The server is short of a resource (parts, memory); retry later. */
        RESOURCES(429),
        /** A transient failure; the same request may succeed when retried. */
        RETRYABLE(503),
        /** A bug or corrupt state on our side. */
        INTERNAL(500);

        private final int httpStatus;

        Category(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final int code;
    private final Category category;
    private final int httpStatus;

    ErrorCode(int code, Category category) {
        this(code, category, category.httpStatus());
    }

    ErrorCode(int code, Category category, int httpStatus) {
        this.code = code;
        this.category = category;
        this.httpStatus = httpStatus;
    }

    /** The HTTP status an API answers this error with: its category's, unless the code needs another. */
    public int httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
    }

    public Category category() {
        return category;
    }
}
