package io.starling.node.http;

import io.starling.datafiles.pipe.PipeNode;
import io.starling.datafiles.pipe.PipeType;
import io.starling.node.pipe.LoadedPipe;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.PipeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipes that use a data source (spec data-plane §1.2.2 {@code used_by}, §1.2.3 drop), read from their
 * datafiles: the tables each node names after FROM or JOIN (a name of an earlier node of the same pipe is that node,
 * of another pipe that pipe's output), the target of a materialized pipe ({@code DATASOURCE}) and of a copy pipe
 * ({@code TARGET_DATASOURCE}). The trigger of a materialized pipe is the first data source its output node reads,
 * following node and pipe names, as {@link io.starling.node.pipe.MaterializedViews} runs it.
 *
 * @param triggers        materialized pipes whose source this data source is: its appends feed them
 * @param materializations materialized pipes that write into this data source
 * @param copies          copy pipes that write into this data source
 * @param readers         every pipe whose nodes read this data source (directly), triggers included
 */
public record DataSourceDependencies(List<PipeSpec> triggers, List<PipeSpec> materializations, List<PipeSpec> copies,
                                     List<PipeSpec> readers) {
    private static final Pattern TABLE = Pattern.compile(
            "(?i)\\b(?:FROM|JOIN)\\s+(`[^`]+`|\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?)");
    private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("(?s)/\\*.*?\\*/");
    private static final Pattern STRING = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'");
    private static final int MAX_DEPTH = 16;

    public DataSourceDependencies {
        triggers = List.copyOf(triggers);
        materializations = List.copyOf(materializations);
        copies = List.copyOf(copies);
        readers = List.copyOf(readers);
    }

    /** The pipes of {@code pipes} (the catalog's) that use {@code dataSource}. */
    public static DataSourceDependencies of(DataSourceSpec dataSource, List<PipeSpec> pipes) {
        return of(dataSource, load(pipes));
    }

    /** The catalog's pipes parsed once, by name, for several {@link #of(DataSourceSpec, Map)} calls. */
    public static Map<String, LoadedPipe> load(List<PipeSpec> pipes) {
        Map<String, LoadedPipe> byName = new LinkedHashMap<>();
        for (PipeSpec spec : pipes) {
            try {
                byName.put(spec.getName(), LoadedPipe.load(spec));
            } catch (RuntimeException unparsable) {
                // the catalog only keeps datafiles that parse; one that does not uses nothing we can see
            }
        }
        return byName;
    }

    /** The pipes of {@code byName} (from {@link #load}) that use {@code dataSource}. */
    public static DataSourceDependencies of(DataSourceSpec dataSource, Map<String, LoadedPipe> byName) {
        List<PipeSpec> triggers = new ArrayList<>();
        List<PipeSpec> materializations = new ArrayList<>();
        List<PipeSpec> copies = new ArrayList<>();
        List<PipeSpec> readers = new ArrayList<>();
        for (LoadedPipe pipe : byName.values()) {
            PipeNode output = pipe.file().outputNode();
            if (output != null && pipe.type() == PipeType.MATERIALIZED && names(dataSource, output.datasource())) {
                materializations.add(pipe.spec());
            }
            if (output != null && pipe.type() == PipeType.COPY && names(dataSource, output.targetDatasource())) {
                copies.add(pipe.spec());
            }
            if (reads(pipe, dataSource)) {
                readers.add(pipe.spec());
            }
            if (pipe.type() == PipeType.MATERIALIZED
                    && names(dataSource, firstDataSource(pipe, pipe.outputIndex(), byName, 0))) {
                triggers.add(pipe.spec());
            }
        }
        return new DataSourceDependencies(triggers, materializations, copies, readers);
    }

    /** Every pipe that uses the data source in any way, each once, in catalog order. */
    public List<PipeSpec> all() {
        Map<String, PipeSpec> all = new LinkedHashMap<>();
        for (List<PipeSpec> group : List.of(triggers, materializations, copies, readers)) {
            group.forEach(pipe -> all.putIfAbsent(pipe.getName(), pipe));
        }
        return List.copyOf(all.values());
    }

    /** Pipes that read the data source without being a materialization of it or into it, or a copy into it. */
    public List<PipeSpec> otherPipes() {
        List<PipeSpec> others = new ArrayList<>();
        for (PipeSpec reader : readers) {
            if (!contains(triggers, reader) && !contains(materializations, reader) && !contains(copies, reader)) {
                others.add(reader);
            }
        }
        return others;
    }

    public boolean isEmpty() {
        return triggers.isEmpty() && materializations.isEmpty() && copies.isEmpty() && readers.isEmpty();
    }

    public static List<String> names(List<PipeSpec> pipes) {
        return pipes.stream().map(PipeSpec::getName).toList();
    }

    private static boolean contains(List<PipeSpec> pipes, PipeSpec pipe) {
        return pipes.stream().anyMatch(candidate -> candidate.getName().equals(pipe.getName()));
    }

    private static boolean reads(LoadedPipe pipe, DataSourceSpec dataSource) {
        List<PipeNode> nodes = pipe.file().nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (String table : tables(nodes.get(i).sql())) {
                if (pipe.nodeIndex(table, i) < 0 && names(dataSource, table)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first data source node {@code index} of {@code pipe} reads, following node and pipe names; or null. */
    private static String firstDataSource(LoadedPipe pipe, int index, Map<String, LoadedPipe> pipes, int depth) {
        if (index < 0 || depth > MAX_DEPTH) {
            return null;
        }
        for (String table : tables(pipe.file().nodes().get(index).sql())) {
            int node = pipe.nodeIndex(table, index);
            if (node >= 0) {
                return firstDataSource(pipe, node, pipes, depth + 1);
            }
            LoadedPipe other = pipes.get(table);
            if (other != null && other != pipe) {
                return firstDataSource(other, other.outputIndex(), pipes, depth + 1);
            }
            if (!table.contains(".")) {
                return table;
            }
        }
        return null;
    }

    /** The table names after FROM / JOIN in {@code sql} (comments and string literals ignored), in order. */
    static List<String> tables(String sql) {
        String text = STRING.matcher(BLOCK_COMMENT.matcher(LINE_COMMENT.matcher(sql).replaceAll(" ")).replaceAll(" "))
                .replaceAll("''");
        List<String> tables = new ArrayList<>();
        Matcher matcher = TABLE.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (name.startsWith("`") || name.startsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            String upper = name.toUpperCase(Locale.ROOT);
            if (!upper.equals("SELECT") && !upper.equals("WITH")) {
                tables.add(name);
            }
        }
        return tables;
    }

    private static boolean names(DataSourceSpec dataSource, String name) {
        if (name == null) {
            return false;
        }
        String stripped = name.strip();
        return stripped.equals(dataSource.getName()) || (!dataSource.getId().isEmpty() && stripped.equals(dataSource.getId()));
    }
}
