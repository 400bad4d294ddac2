package io.starling.cli.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A hand-written fake of the Tinybird-shaped API on the JDK HttpServer: answers are registered per
 * {@code "METHOD /path"}, every request is recorded, and unknown routes answer as the node does for a path it has
 * no route for (404 {"error": "The requested resource could not be found."}).
 */
public final class FakeApi implements AutoCloseable {
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Query parameters, decoded; repeated names keep every value. */
        public Map<String, List<String>> params() {
            return decode(query);
        }

        public String param(String name) {
            List<String> values = params().get(name);
            return values == null ? null : values.get(0);
        }

        public Map<String, List<String>> form() {
            return decode(bodyText());
        }
    }

    public record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeApi on(String methodAndPath, int status, String body) {
        routes.put(methodAndPath, request -> new Answer(status, body));
        return this;
    }

    public FakeApi on(String methodAndPath, Function<Request, Answer> handler) {
        routes.put(methodAndPath, handler);
        return this;
    }

    public List<Request> requests() {
        return Collections.unmodifiableList(requests);
    }

    public Request last(String methodAndPath) {
        for (int i = requests.size() - 1; i >= 0; i--) {
            Request request = requests.get(i);
            if ((request.method() + " " + request.path()).equals(methodAndPath)) {
                return request;
            }
        }
        throw new AssertionError("No request " + methodAndPath + " among " + requests.stream()
                .map(r -> r.method() + " " + r.path()).toList());
    }

    private void handle(HttpExchange exchange) throws IOException {
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), new LinkedHashMap<>(exchange.getRequestHeaders()),
                exchange.getRequestBody().readAllBytes());
        requests.add(request);
        Function<Request, Answer> route = routes.get(request.method() + " " + request.path());
        Answer answer = route == null ? new Answer(404, "{\"error\":\"The requested resource could not be found.\"}")
                : route.apply(request);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    static Map<String, List<String>> decode(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
