package io.starling.cli.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/** Counts the bytes of an upload and prints {@code label: NN%} on one stderr line as the percentage grows. */
public final class Progress extends FilterInputStream {
    private final long total;
    private final PrintStream err;
    private final String label;
    private long sent;
    private int shown = -1;

    public Progress(InputStream in, long total, PrintStream err, String label) {
        super(in);
        this.total = Math.max(1, total);
        this.err = err;
        this.label = label;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        } else {
            finish();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        } else if (n < 0) {
            finish();
        }
        return n;
    }

    private void advance(long n) {
        sent += n;
        int percent = (int) Math.min(100, sent * 100 / total);
        if (percent != shown) {
            shown = percent;
            err.print("\r" + label + ": " + percent + "%");
            err.flush();
            if (percent == 100) {
                err.println();
            }
        }
    }

    private void finish() {
        if (shown != 100) {
            shown = 100;
            err.println("\r" + label + ": 100%");
        }
    }
}
