package io.starling.node.pipe;

import io.starling.datafiles.pipe.PipeFile;
import io.starling.datafiles.pipe.PipeNode;
import io.starling.datafiles.pipe.PipeType;
import io.starling.datafiles.template.ParameterInfo;
import io.starling.datafiles.template.Template;
import io.starling.protocol.catalog.PipeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipe of the catalog with its datafile parsed and every node's SQL parsed as a template. Immutable.
 *
 * @param templates one per node, in node order
 */
public record LoadedPipe(PipeSpec spec, PipeFile file, List<Template> templates) {
    public LoadedPipe {
        templates = List.copyOf(templates);
    }

    /** Parses the pipe's datafile (the catalog only stores datafiles that parse). */
    public static LoadedPipe load(PipeSpec spec) {
        PipeFile file = PipeFile.parse(spec.getDatafile(), spec.getName() + ".pipe");
        List<Template> templates = new ArrayList<>(file.nodes().size());
        for (PipeNode node : file.nodes()) {
            templates.add(Template.parse(node.sql()));
        }
        return new LoadedPipe(spec, file, templates);
    }

    public String name() {
        return spec.getName();
    }

    /** ENDPOINT, MATERIALIZED, COPY, SINK, or null for a generic pipe. */
    public PipeType type() {
        return file.type();
    }

    /**
     * The node other pipes (and the pipe's own endpoint, copy or view) read: the node with a TYPE, else the last
     * node, as Tinybird resolves a pipe name in FROM.
     */
    public int outputIndex() {
        PipeNode output = file.outputNode();
        return output == null ? file.nodes().size() - 1 : file.nodes().indexOf(output);
    }

    public PipeNode outputNode() {
        return file.nodes().get(outputIndex());
    }

    /** The index of the node named {@code name} among the first {@code before} nodes, or -1. */
    public int nodeIndex(String name, int before) {
        for (int i = 0; i < Math.min(before, file.nodes().size()); i++) {
            if (file.nodes().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Every request parameter any node reads (hidden ones starting with _ left out), by name, first use wins. */
    public List<ParameterInfo> parameters() {
        Map<String, ParameterInfo> byName = new LinkedHashMap<>();
        for (Template template : templates) {
            for (ParameterInfo parameter : template.parameters()) {
                if (!parameter.name().startsWith("_")) {
                    byName.putIfAbsent(parameter.name(), parameter);
                }
            }
        }
        return List.copyOf(byName.values());
    }
}
