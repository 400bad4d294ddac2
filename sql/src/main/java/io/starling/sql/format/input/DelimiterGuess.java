package io.starling.sql.format.input;

import java.nio.charset.StandardCharsets;

/**
 * Guesses a CSV delimiter among {@code , ; \t |} from a sample of the data: the candidate that appears the
 * same non-zero number of times (outside quotes) on most lines wins, with a bonus when that number matches
 * the data source's column count. Falls back to comma.
 */
final class DelimiterGuess {
    static final char[] CANDIDATES = {',', ';', '\t', '|'};
    private static final int MAX_LINES = 100;

    private DelimiterGuess() {
    }

    static char guess(byte[] sample, int length, boolean complete, int columnCount) {
        String text = new String(sample, 0, length, StandardCharsets.UTF_8);
        int[][] counts = new int[CANDIDATES.length][MAX_LINES];
        int lines = countPerLine(text, complete, counts);
        char best = ',';
        double bestScore = 0;
        for (int candidate = 0; candidate < CANDIDATES.length; candidate++) {
            int mode = mode(counts[candidate], lines);
            if (mode == 0) {
                continue;
            }
            int matching = 0;
            for (int line = 0; line < lines; line++) {
                matching += counts[candidate][line] == mode ? 1 : 0;
            }
            double score = (double) matching / lines + (mode == columnCount - 1 ? 1 : 0);
            if (score > bestScore) {
                bestScore = score;
                best = CANDIDATES[candidate];
            }
        }
        return best;
    }

    /** Counts candidates per line outside double quotes; drops a trailing partial line when the sample is cut. */
    private static int countPerLine(String text, boolean complete, int[][] counts) {
        int line = 0;
        boolean quoted = false;
        boolean lineHasContent = false;
        for (int i = 0; i < text.length() && line < MAX_LINES; i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                if (lineHasContent) {
                    line++;
                }
                lineHasContent = false;
                continue;
            } else if (!quoted) {
                for (int candidate = 0; candidate < CANDIDATES.length; candidate++) {
                    if (ch == CANDIDATES[candidate]) {
                        counts[candidate][line]++;
                    }
                }
            }
            lineHasContent = true;
        }
        if (lineHasContent && complete && line < MAX_LINES) {
            line++;
        }
        if (line == 0 && lineHasContent) {
            line = 1;
        }
        return line;
    }

    private static int mode(int[] values, int length) {
        int best = 0;
        int bestFrequency = 0;
        for (int i = 0; i < length; i++) {
            int frequency = 0;
            for (int j = 0; j < length; j++) {
                frequency += values[j] == values[i] ? 1 : 0;
            }
            if (values[i] > 0 && (frequency > bestFrequency || (frequency == bestFrequency && values[i] > best))) {
                best = values[i];
                bestFrequency = frequency;
            }
        }
        return best;
    }
}
