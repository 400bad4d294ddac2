package io.starling.storage.error;

/**
 * An error with a ClickHouse-style code. The message is written for the person who will act on it:
 * it names the thing, shows the value in brackets and says what to do. Never put row data or secrets in it.
 */
public class StarlingException extends RuntimeException {
    private final ErrorCode errorCode;

    public StarlingException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public StarlingException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** ClickHouse's text form: {@code Code: 62. DB::Exception: <message>. (SYNTAX_ERROR)}. */
    public String clickHouseText() {
        return "Code: " + errorCode.code() + ". DB::Exception: " + getMessage() + ". (" + errorCode.name() + ")";
    }
}
