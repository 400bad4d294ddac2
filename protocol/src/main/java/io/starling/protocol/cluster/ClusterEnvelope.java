package io.starling.protocol.cluster;

/**
 * Marker for the replication command envelopes ({@link ShardLogCommand}, {@link ReplicaHostCommand}): records
 * with a protobuf request and a typed {@code replyTo}, bound to {@link ClusterEnvelopeSerializer}.
 */
public interface ClusterEnvelope {
}
