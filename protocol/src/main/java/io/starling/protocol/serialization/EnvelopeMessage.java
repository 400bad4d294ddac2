package io.starling.protocol.serialization;

/**
 * Marker for command envelopes: Java records that carry a typed {@code ActorRef replyTo} beside protobuf
 * payloads. They are bound to {@link EnvelopeSerializer}, which writes them as the {@code *Wire} protobuf
 * messages. Replies and events are generated protobuf messages bound to Pekko's built-in proto serializer.
 */
public interface EnvelopeMessage {
}
