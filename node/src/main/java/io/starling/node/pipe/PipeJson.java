package io.starling.node.pipe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.datafiles.pipe.PipeNode;
import io.starling.datafiles.pipe.PipeType;
import io.starling.datafiles.template.ParameterInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The pipe objects of {@code GET /v0/pipes} and {@code GET /v0/pipes/{name}} (Tinybird's shape, trimmed). */
public final class PipeJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private PipeJson() {
    }

    /** {@code endpoint}, {@code materialized}, {@code copy}, {@code sink} or {@code default} (generic). */
    public static String typeName(LoadedPipe pipe) {
        return pipe.type() == null ? "default" : pipe.type().name().toLowerCase(Locale.ROOT);
    }

    public static ObjectNode render(LoadedPipe pipe, String baseUrl) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", pipe.spec().getId());
        json.put("name", pipe.name());
        json.put("description", pipe.file().description());
        json.put("type", typeName(pipe));
        json.put("created_at", time(pipe.spec().getCreatedAtMicros()));
        json.put("updated_at", time(pipe.spec().getUpdatedAtMicros()));
        json.putNull("parent");
        ArrayNode tags = json.putArray("tags");
        pipe.file().tags().forEach(tags::add);
        ArrayNode nodes = json.putArray("nodes");
        List<PipeNode> pipeNodes = pipe.file().nodes();
        for (int i = 0; i < pipeNodes.size(); i++) {
            nodes.add(node(pipe, i));
        }
        PipeNode output = pipe.file().outputNode();
        if (pipe.type() == PipeType.ENDPOINT) {
            json.put("endpoint", nodeId(pipe, pipe.outputIndex()));
            json.put("url", baseUrl + "/v0/pipes/" + pipe.name() + ".json");
        } else {
            json.putNull("endpoint");
        }
        if (pipe.type() == PipeType.COPY) {
            json.put("copy_node", nodeId(pipe, pipe.outputIndex()));
            json.put("copy_target_datasource", output.targetDatasource());
            json.put("copy_mode", output.copyMode() == null ? "append" : output.copyMode());
            ObjectNode schedule = json.putObject("schedule");
            schedule.put("cron", CopySchedule.parse(output.copySchedule()).text());
            schedule.put("timezone", "UTC");
        }
        if (pipe.type() == PipeType.MATERIALIZED) {
            json.put("materialized_datasource", output.datasource());
        }
        json.set("params", parameters(pipe.parameters()));
        return json;
    }

    private static ObjectNode node(LoadedPipe pipe, int index) {
        PipeNode node = pipe.file().nodes().get(index);
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", nodeId(pipe, index));
        json.put("name", node.name());
        json.put("sql", node.sql());
        json.put("description", node.description());
        json.put("node_type", node.type() == null ? "standard" : node.type().name().toLowerCase(Locale.ROOT));
        if (node.type() == PipeType.MATERIALIZED) {
            json.put("materialized", node.datasource());
        } else {
            json.putNull("materialized");
        }
        json.set("params", parameters(pipe.templates().get(index).parameters()));
        return json;
    }

    static ArrayNode parameters(List<ParameterInfo> parameters) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ParameterInfo parameter : parameters) {
            if (parameter.name().startsWith("_")) {
                continue;
            }
            ObjectNode json = array.addObject();
            json.put("name", parameter.name());
            json.put("type", parameter.type());
            json.put("default", parameter.defaultValue());
            json.put("required", parameter.required());
            json.put("description", parameter.description());
            json.put("example", parameter.example());
            if (!parameter.enumValues().isEmpty()) {
                ArrayNode values = json.putArray("enum");
                parameter.enumValues().forEach(values::add);
            }
        }
        return array;
    }

    static String nodeId(LoadedPipe pipe, int index) {
        return pipe.spec().getId() + "_" + index;
    }

    private static String time(long micros) {
        return TIMESTAMP.format(Instant.EPOCH.plusNanos(micros * 1_000L));
    }
}
