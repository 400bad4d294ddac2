package io.starling.datafiles.pipe;

import io.starling.datafiles.datasource.DatasourceFile.TokenGrant;
import io.starling.storage.error.StarlingException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code .pipe} file: pipe-level instructions, then its nodes in file order. At most one node has a TYPE;
 * that node is the pipe's output. A pipe without an output is a generic pipe other pipes can read.
 *
 * @param name        the file name without folders and extension
 * @param description DESCRIPTION before the first NODE, null when absent
 * @param tokens      {@code TOKEN name READ} lines (scope upper case)
 * @param includes    {@code INCLUDE} lines, the text after the keyword kept raw (not supported in Forward)
 * @param settings    other pipe-level instructions, raw, in file order
 */
public record PipeFile(
        String name,
        String description,
        List<String> tags,
        List<TokenGrant> tokens,
        List<String> includes,
        Map<String, String> settings,
        List<PipeNode> nodes) {

    public PipeFile {
        tags = List.copyOf(tags);
        tokens = List.copyOf(tokens);
        includes = List.copyOf(includes);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        nodes = List.copyOf(nodes);
    }

    /**
     * Parses the text of a .pipe file. Errors are StarlingExceptions (SYNTAX_ERROR) whose message starts with
     * {@code fileName:line:}.
     */
    public static PipeFile parse(String text, String fileName) throws StarlingException {
        return new PipeFileParser(text, fileName).parse();
    }

    /** The node with a TYPE, or null for a generic pipe. */
    public PipeNode outputNode() {
        for (PipeNode node : nodes) {
            if (node.type() != null) {
                return node;
            }
        }
        return null;
    }

    /** The pipe's type, or null for a generic pipe. */
    public PipeType type() {
        PipeNode output = outputNode();
        return output == null ? null : output.type();
    }

    /** The node with this name, or null. */
    public PipeNode node(String nodeName) {
        for (PipeNode node : nodes) {
            if (node.name().equals(nodeName)) {
                return node;
            }
        }
        return null;
    }
}
