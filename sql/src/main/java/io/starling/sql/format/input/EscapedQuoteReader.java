package io.starling.sql.format.input;

import java.io.IOException;
import java.io.Reader;

/**
 * Rewrites CSV that escapes quotes with an escape character ({@code "{\"a\":1}"}, dialect_escapechar) into
 * RFC 4180 ({@code "{""a"":1}"}) so the RFC parser can read it. Inside quotes, escape + quote becomes a
 * doubled quote and escape + any other character becomes that character; outside quotes escape + character
 * becomes the character (an escaped delimiter outside quotes is not supported: quote such fields).
 */
final class EscapedQuoteReader extends Reader {
    private enum State {
        /** At the first character of a field. */
        FIELD_START,
        /** Inside an unquoted field. */
        UNQUOTED,
        /** Inside a quoted field. */
        QUOTED,
        /** Just after a quote inside a quoted field: either a doubled quote or the closing one. */
        QUOTE_SEEN
    }

    private final Reader in;
    private final char delimiter;
    private final char escape;
    private final char quote = '"';
    private final char[] input = new char[8192];
    private int inputPosition;
    private int inputLength;
    private State state = State.FIELD_START;
    private int pending = -1;

    EscapedQuoteReader(Reader in, char delimiter, char escape) {
        this.in = in;
        this.delimiter = delimiter;
        this.escape = escape;
    }

    private int next() throws IOException {
        if (inputPosition == inputLength) {
            inputLength = in.read(input, 0, input.length);
            inputPosition = 0;
            if (inputLength <= 0) {
                inputLength = 0;
                return -1;
            }
        }
        return input[inputPosition++];
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        int written = 0;
        while (written < length) {
            if (pending >= 0) {
                target[offset + written++] = (char) pending;
                pending = -1;
                continue;
            }
            int ch = next();
            if (ch < 0) {
                break;
            }
            written += step((char) ch, target, offset + written, length - written);
        }
        return written == 0 && length > 0 ? -1 : written;
    }

    /** Processes one input character, writing one or two output characters (the second may go to pending). */
    private int step(char ch, char[] target, int at, int room) throws IOException {
        switch (state) {
            case QUOTED -> {
                if (ch == escape) {
                    int escaped = next();
                    if (escaped < 0) {
                        return emit(escape, target, at);
                    }
                    if (escaped == quote) {
                        return emitPair(quote, quote, target, at, room);
                    }
                    return emit((char) escaped, target, at);
                }
                if (ch == quote) {
                    state = State.QUOTE_SEEN;
                }
                return emit(ch, target, at);
            }
            case QUOTE_SEEN -> {
                if (ch == quote) {
                    state = State.QUOTED;
                    return emit(ch, target, at);
                }
                state = State.UNQUOTED;
                return outside(ch, target, at);
            }
            case FIELD_START -> {
                if (ch == quote) {
                    state = State.QUOTED;
                    return emit(ch, target, at);
                }
                state = State.UNQUOTED;
                return outside(ch, target, at);
            }
            case UNQUOTED -> {
                return outside(ch, target, at);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private int outside(char ch, char[] target, int at) throws IOException {
        if (ch == delimiter || ch == '\n' || ch == '\r') {
            state = State.FIELD_START;
            return emit(ch, target, at);
        }
        if (ch == escape) {
            int escaped = next();
            return emit(escaped < 0 ? escape : (char) escaped, target, at);
        }
        return emit(ch, target, at);
    }

    private static int emit(char ch, char[] target, int at) {
        target[at] = ch;
        return 1;
    }

    private int emitPair(char first, char second, char[] target, int at, int room) {
        target[at] = first;
        if (room > 1) {
            target[at + 1] = second;
            return 2;
        }
        pending = second;
        return 1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
