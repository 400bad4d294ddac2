package io.starling.node.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.coordinator.deploy.DeploymentStatus;
import io.starling.protocol.catalog.DeploymentFeedback;
import io.starling.protocol.catalog.DeploymentRecord;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of {@code /v1/deploy} and {@code /v1/deployments} (Tinybird's field names). */
public final class DeploymentJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DeploymentJson() {
    }

    public static ObjectNode json(DeploymentRecord record) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", Long.toString(record.getId()));
        json.put("status", record.getStatus());
        json.put("live", record.getStatus().equals(DeploymentStatus.LIVE));
        json.put("created_at", Instant.ofEpochSecond(0, record.getCreatedAtMicros() * 1_000L).toString());
        json.put("updated_at", Instant.ofEpochSecond(0, record.getUpdatedAtMicros() * 1_000L).toString());
        ArrayNode feedback = json.putArray("feedback");
        for (DeploymentFeedback item : record.getFeedbackList()) {
            feedback.addObject().put("resource", item.getResource()).put("level", item.getLevel())
                    .put("message", item.getMessage());
        }
        strings(json.putArray("new_datasource_names"), record.getNewDatasourceNamesList());
        strings(json.putArray("changed_datasource_names"), record.getChangedDatasourceNamesList());
        strings(json.putArray("deleted_datasource_names"), record.getDeletedDatasourceNamesList());
        strings(json.putArray("new_pipe_names"), record.getNewPipeNamesList());
        strings(json.putArray("changed_pipe_names"), record.getChangedPipeNamesList());
        strings(json.putArray("deleted_pipe_names"), record.getDeletedPipeNamesList());
        strings(json.putArray("new_token_names"), record.getNewTokenNamesList());
        strings(json.putArray("changed_token_names"), record.getChangedTokenNamesList());
        strings(json.putArray("deleted_token_names"), record.getDeletedTokenNamesList());
        strings(json.putArray("new_connection_names"), record.getNewConnectionNamesList());
        strings(json.putArray("changed_connection_names"), record.getChangedConnectionNamesList());
        strings(json.putArray("deleted_connection_names"), record.getDeletedConnectionNamesList());
        if (!record.getError().isEmpty()) {
            json.put("error", record.getError());
        }
        return json;
    }
    /** {@code GET /v1/deployments/{id}}: result, deployment, and error/errors of a failed one. */
    public static ObjectNode single(DeploymentRecord record) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("result", record.getStatus().equals(DeploymentStatus.FAILED) ? "failed" : "success");
        json.set("deployment", json(record));
        if (!record.getError().isEmpty()) {
            json.put("error", record.getError());
        }
        return json;
    }
    static ObjectNode answer(String result, DeploymentRecord record, List<ObjectNode> errors) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("result", result);
        if (record != null) {
            json.set("deployment", json(record));
        }
        ArrayNode array = json.putArray("errors");
        errors.forEach(array::add);
        if (!errors.isEmpty()) {
            json.put("error", errors.getFirst().path("error").asText());
        }
        return json;
    }
    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
    static ObjectNode error(String fileName, String type, String message) {
        return MAPPER.createObjectNode().put("filename", fileName).put("type", type).put("error", message);
    }
}
