package io.starling.datafiles.pipe;

import io.starling.datafiles.template.Template;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code NODE} of a pipe. Instructions that only the output node carries are null elsewhere.
 *
 * @param sql              the SQL block, de-indented; a leading {@code %} line (template marker) is kept
 * @param type             TYPE, null for an intermediate node
 * @param datasource       DATASOURCE (materialized target), null when absent
 * @param targetDatasource TARGET_DATASOURCE (copy target), null when absent
 * @param copySchedule     COPY_SCHEDULE as written (cron or {@code @on-demand}), null when absent
 * @param copyMode         COPY_MODE lower case ({@code append} or {@code replace}), null when absent
 * @param settings         every other node instruction (EXPORT_*, DEPLOYMENT_METHOD, ...) raw, in file order
 */
public record PipeNode(
        String name,
        String description,
        String sql,
        PipeType type,
        String datasource,
        String targetDatasource,
        String copySchedule,
        String copyMode,
        Map<String, String> settings) {

    public PipeNode {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** True when the SQL is a template: its first non-blank line is {@code %} (see {@link Template#isTemplate}). */
    public boolean isTemplated() {
        return Template.isTemplate(sql);
    }

    /** A raw node instruction such as {@code EXPORT_BUCKET_URI}, or null. */
    public String setting(String keyword) {
        return settings.get(keyword);
    }
}
