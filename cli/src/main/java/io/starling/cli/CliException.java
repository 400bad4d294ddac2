package io.starling.cli;

/** A failure the CLI explains to the user: the message is printed on stderr and the exit code returned. */
public final class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(String message) {
        this(1, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
