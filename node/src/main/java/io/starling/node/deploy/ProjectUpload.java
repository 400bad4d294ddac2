package io.starling.node.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.coordinator.deploy.DeploymentPlanner;
import io.starling.coordinator.deploy.ProjectTokens;
import io.starling.datafiles.datasource.DatasourceFile;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.PipeSpec;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The datafiles of an uploaded project, parsed: wanted data sources, pipes, token grants, connection files and the
 * connections the datafiles name; a file that does not parse becomes an error entry (file, type, message).
 */
record ProjectUpload(List<ObjectNode> errors, List<DeploymentPlanner.WantedDataSource> wanted, List<PipeSpec> pipes,
                     List<ProjectTokens.Grant> grants, Map<String, io.starling.datafiles.pipe.PipeFile> parsedPipes,
                     Map<String, String> connections, java.util.Set<String> referencedConnections) {

    /**
     * @param specs   a .datasource file (and its resource name) as the data source it describes
     * @param pipeIds a pipe name's id: the live pipe's, else a new one
     */
    static ProjectUpload parse(List<ProjectFile> files, long now,
                               BiFunction<DatasourceFile, String, DataSourceSpec> specs,
                               Function<String, String> pipeIds) {
        List<ObjectNode> errors = new ArrayList<>();
        List<DeploymentPlanner.WantedDataSource> wanted = new ArrayList<>();
        List<PipeSpec> pipes = new ArrayList<>();
        List<ProjectTokens.Grant> grants = new ArrayList<>();
        Map<String, io.starling.datafiles.pipe.PipeFile> parsedPipes = new LinkedHashMap<>();
        Map<String, String> connections = new java.util.TreeMap<>();
        java.util.Set<String> referencedConnections = new java.util.TreeSet<>();
        for (ProjectFile file : files) {
            switch (file.extension()) {
                case "datasource" -> {
                    try {
                        DatasourceFile parsed = DatasourceFile.parse(file.text(), file.fileName());
                        DataSourceSpec spec = specs.apply(parsed, file.resourceName());
                        wanted.add(new DeploymentPlanner.WantedDataSource(spec, parsed.forwardQuery(),
                                parsed.backfill() != null && parsed.backfill().strip().equalsIgnoreCase("skip")));
                        parsed.tokens().forEach(token -> grants.add(new ProjectTokens.Grant("datasource",
                                file.resourceName(), token.name(), token.scope())));
                        parsed.connectorSettings().forEach((key, value) -> {
                            if (key.toUpperCase(Locale.ROOT).endsWith("_CONNECTION_NAME") && !value.isBlank()) {
                                referencedConnections.add(value.strip());
                            }
                        });
                    } catch (StarlingException e) {
                        errors.add(DeploymentJson.error(file.fileName(), "datasource", e.getMessage()));
                    }
                }
                case "connection" -> connections.put(file.resourceName(), file.text());
                case "pipe" -> {
                    try {
                        io.starling.datafiles.pipe.PipeFile parsedPipe = io.starling.datafiles.pipe.PipeFile.parse(
                                file.text(), file.fileName());
                        parsedPipe.tokens().forEach(token -> grants.add(new ProjectTokens.Grant("pipe",
                                file.resourceName(), token.name(), token.scope())));
                        parsedPipe.settings().forEach((key, value) -> {
                            if (key.toUpperCase(Locale.ROOT).endsWith("_CONNECTION_NAME") && !value.isBlank()) {
                                referencedConnections.add(value.strip());
                            }
                        });
                        String name = file.resourceName();
                        parsedPipes.put(name, parsedPipe);
                        pipes.add(PipeSpec.newBuilder().setId(pipeIds.apply(name)).setName(name).setDatafile(file.text())
                                .setCreatedAtMicros(now).setUpdatedAtMicros(now).build());
                    } catch (StarlingException e) {
                        errors.add(DeploymentJson.error(file.fileName(), "pipe", e.getMessage()));
                    }
                }
                default -> {
                    // fixtures and tests are not part of a deployment
                }
            }
        }
        return new ProjectUpload(errors, wanted, pipes, grants, parsedPipes, connections, referencedConnections);
    }
}
