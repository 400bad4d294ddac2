package io.starling.sql.function.aggregate;

import io.starling.sql.function.aggregate.state.StateInput;
import io.starling.sql.function.aggregate.state.StateOutput;

/** A mergeable count of distinct hashes: the state of uniq ({@link UniquesSketch}) and of uniqExact. */
public interface CountSketch<S extends CountSketch<S>> {
    void add(long hash);

    void merge(S other);

    long estimate();

    void write(StateOutput out);

    /** Replaces this state with one {@link #write} wrote. */
    void read(StateInput in);
}
