package io.starling.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.starling.cli.StarlingCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs {@code starling sql} against a hand-written fake of the Query API. */
class SqlCommandTest {
    private HttpServer server;
    private final AtomicReference<String> seenAuthorization = new AtomicReference<>();
    private final AtomicReference<String> seenBody = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String answer = "{\"data\":[]}";
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startFakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v0/sql", exchange -> {
            seenAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            seenBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopFakeServer() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        server.stop(0);
    }

    private String host() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void sendsTheQueryWithTheTokenAndPrintsTheAnswer() {
        answer = "{\"data\":[{\"c\":3}]}";
        int exit = StarlingCommand.execute("sql", "--host", host(), "--token", "secret", "SELECT count() AS c FROM t");

        assertThat(exit).isZero();
        assertThat(seenAuthorization.get()).isEqualTo("Bearer secret");
        assertThat(URLDecoder.decode(seenBody.get().substring(2), StandardCharsets.UTF_8))
                .isEqualTo("SELECT count() AS c FROM t");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("{\"data\":[{\"c\":3}]}");
    }

    @Test
    void appendsTheRequestedFormat() {
        StarlingCommand.execute("sql", "--host", host(), "--format", "CSVWithNames", "SELECT 1");

        assertThat(URLDecoder.decode(seenBody.get().substring(2), StandardCharsets.UTF_8))
                .isEqualTo("SELECT 1 FORMAT CSVWithNames");
    }

    @Test
    void aServerErrorGivesANonZeroExitAndTheMessage() {
        status = 400;
        answer = "{\"error\":\"Code: 62. DB::Exception: Syntax error\"}";
        int exit = StarlingCommand.execute("sql", "--host", host(), "SELEC 1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Error 400").contains("Syntax error");
    }

    @Test
    void anUnreachableServerSaysHowToStartOne() throws IOException {
        String deadHost = host();
        server.stop(0);
        int exit = StarlingCommand.execute("sql", "--host", deadHost, "SELECT 1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bin/starling local");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    }
}
