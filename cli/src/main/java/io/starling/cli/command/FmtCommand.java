package io.starling.cli.command;

import io.starling.cli.CliException;
import io.starling.cli.fmt.DatasourceFormatter;
import io.starling.datafiles.datasource.DatasourceFile;
import io.starling.datafiles.pipe.PipeFile;
import io.starling.datafiles.pipe.PipeFileFormatter;
import io.starling.storage.error.StarlingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code starling fmt FILE}: rewrites a .datasource or .pipe file in the canonical layout, locally. {@code --diff}
 * prints the changes and exits 1 when the file is not formatted (for CI); {@code --dry-run} prints the result.
 */
@Command(name = "fmt", mixinStandardHelpOptions = true, description = "Format a .datasource or .pipe file.")
public final class FmtCommand extends ApiCommand {
    @Parameters(index = "0", description = "The file to format.")
    Path file;

    @Option(names = "--dry-run", description = "Print the formatted file instead of writing it.")
    boolean dryRun;

    @Option(names = "--diff", description = "Print the differences; exit 1 if the file is not formatted.")
    boolean diff;

    @Option(names = "--yes", description = "Do not ask for confirmation (the file is written without asking anyway).")
    boolean yes;

    @Override
    protected int run() throws Exception {
        Path path = context().workingDirectory().resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new CliException(2, "File " + path + " does not exist.");
        }
        String original = Files.readString(path);
        String formatted = format(original, path.getFileName().toString());
        if (dryRun) {
            out().print(formatted);
            return 0;
        }
        if (diff) {
            if (original.equals(formatted)) {
                return 0;
            }
            out().println("--- " + file);
            out().println("+++ " + file + " (formatted)");
            diff(original, formatted).forEach(out()::println);
            return 1;
        }
        if (original.equals(formatted)) {
            out().println("✓ " + file + " is already formatted");
            return 0;
        }
        Files.writeString(path, formatted);
        out().println("✓ " + file + " formatted");
        return 0;
    }

    /** The canonical text of a .datasource or .pipe file. */
    public static String format(String text, String fileName) {
        try {
            if (fileName.endsWith(".datasource")) {
                return DatasourceFormatter.format(DatasourceFile.parse(text, fileName));
            }
            if (fileName.endsWith(".pipe")) {
                return PipeFileFormatter.format(PipeFile.parse(text, fileName));
            }
        } catch (StarlingException e) {
            throw new CliException(e.getMessage());
        }
        throw new CliException(2, "Only .datasource and .pipe files can be formatted, not " + fileName);
    }

    /** A line diff ({@code -}/{@code +}/{@code  } prefixes) from the longest common subsequence. */
    static List<String> diff(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add("  " + a[i++]);
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                lines.add("+ " + b[j++]);
            } else {
                lines.add("- " + a[i++]);
            }
        }
        return lines;
    }
}
