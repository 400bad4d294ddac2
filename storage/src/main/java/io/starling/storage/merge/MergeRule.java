package io.starling.storage.merge;

/**
 * What an engine does with rows that share a sorting key when parts are merged, when a part is written
 * (optimize_on_insert) and on FINAL reads: keep the latest, sum, merge states, cancel sign pairs... See
 * {@link MergeRules} for the engines. Implementations are stateless apart from scratch buffers; one instance
 * serves one merge at a time.
 */
public interface MergeRule {
    /**
     * Writes what {@code group} becomes to {@code output}.
     *
     * @param finalPass true when every row of the partition takes part (FINAL reads, or a merge of all of a
     *                  partition's parts), so rows that only mask older rows (ReplacingMergeTree's is_deleted)
     *                  can go
     */
    void merge(RowGroup group, boolean finalPass, RowOutput output);
}
