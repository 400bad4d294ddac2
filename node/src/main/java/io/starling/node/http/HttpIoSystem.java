package io.starling.node.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorSystem;

/**
 * The actor system the HTTP API's sockets run on, apart from the node's cluster system for one setting: the size
 * of socket reads. Pekko IO reads at most {@code pekko.io.tcp.direct-buffer-size} per read (128 KiB by default)
 * and has one such size per actor system, shared with Artery's TCP streams between nodes. The API reads
 * {@code starling.http.socket-read-buffer} (1 MiB) at a time, so an 8 MiB Events API body arrives in about 8
 * stream elements instead of 64, each of which costs a round of actor messages and a selector wake-up; Artery
 * keeps Pekko's default. Routes run their request-body streams on this system's materializer and reach the node's
 * actors as before (same JVM). It has no shutdown hook of its own: it is terminated after the node's system, so
 * the node's coordinated shutdown (which unbinds the port and flushes buffered events) runs first.
 */
public final class HttpIoSystem {
    private HttpIoSystem() {
    }

    /** Starts the HTTP system for {@code node} and terminates it once {@code node} has terminated. */
    public static ActorSystem start(org.apache.pekko.actor.typed.ActorSystem<?> node) {
        Config nodeConfig = node.settings().config();
        String readBuffer = nodeConfig.hasPath("starling.http.socket-read-buffer")
                ? nodeConfig.getString("starling.http.socket-read-buffer") : "1MiB";
        Config config = ConfigFactory.parseString(String.join("\n",
                        "pekko.actor.provider = local",
                        "pekko.io.tcp.direct-buffer-size = " + readBuffer,
                        // reads take a buffer from the pool and give it back: a few are enough
                        "pekko.io.tcp.direct-buffer-pool-limit = 32",
                        "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off"))
                .withFallback(nodeConfig);
        ActorSystem http = ActorSystem.create(node.name() + "-http", config);
        node.getWhenTerminated().whenComplete((done, failure) -> http.terminate());
        return http;
    }
}
