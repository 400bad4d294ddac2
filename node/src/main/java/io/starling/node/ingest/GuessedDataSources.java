package io.starling.node.ingest;

import io.starling.coordinator.catalog.DataSourceRequest;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Creates data sources from a {@link SchemaGuesser.Guess} (create from file/URL, Events API to a new name). */
public final class GuessedDataSources {
    private GuessedDataSources() {
    }

    /**
     * Creates {@code name} with the guessed schema, sorting key and partition key. When another request created
     * it meanwhile, answers that one.
     */
    public static CompletionStage<DataSourceSpec> create(DataSourceService dataSources, String name,
                                                         SchemaGuesser.Guess guess, String format) {
        DataSourceRequest request = new DataSourceRequest(name, guess.schema(), null, guess.sortingKey(),
                guess.partitionKey(), null, format, null);
        CompletionStage<DataSourceSpec> created;
        try {
            created = dataSources.create(request);
        } catch (RuntimeException e) {
            created = CompletableFuture.failedFuture(e);
        }
        return created.handle((spec, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(spec);
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof StarlingException starling && starling.errorCode() == ErrorCode.TABLE_ALREADY_EXISTS) {
                return dataSources.require(name);
            }
            return CompletableFuture.<DataSourceSpec>failedFuture(cause);
        }).thenCompose(stage -> stage);
    }

    /** True when {@code failure} says the data source does not exist. */
    public static boolean isMissing(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof StarlingException starling && starling.errorCode() == ErrorCode.UNKNOWN_TABLE;
    }
}
