package io.starling.sql.format.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Splits a byte stream into lines on {@code \n} into one reusable buffer; lines may be of any length. */
final class LineReader {
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private int lineLength;
    private long lineNumber;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Reads the next line (without the {@code \n}); false at the end of the stream. */
    boolean next() throws IOException {
        lineLength = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                int read = in.read(buffer, 0, buffer.length);
                if (read <= 0) {
                    if (any) {
                        lineNumber++;
                    }
                    return any;
                }
                position = 0;
                limit = read;
            }
            any = true;
            int newline = -1;
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline;
            append(position, end - position);
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                lineNumber++;
                return true;
            }
        }
    }

    private void append(int offset, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(buffer, offset, line, lineLength, length);
        lineLength += length;
    }

    byte[] line() {
        return line;
    }

    int lineLength() {
        return lineLength;
    }

    long lineNumber() {
        return lineNumber;
    }
}
