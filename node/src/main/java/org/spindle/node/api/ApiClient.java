package org.spindle.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;

/** A small client of {@link NodeApi}, for the CLI, the load generator and tests. Thread-safe. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: the HTTP status and the JSON body. */
    public record Reply(int status, JsonNode body) {
        public boolean ok() {
            return status == 200;
        }

        public String text(String field) {
            JsonNode v = body.get(field);
            return v == null ? "" : v.asText();
        }
    }

    private final String base;
    private final HttpClient http;

    public ApiClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    public String base() {
        return base;
    }

    public Reply submit(Bytes raw) throws IOException, InterruptedException {
        return post("/tx", JSON.createObjectNode().put("raw", raw.toHex()).toString());
    }

    public Reply post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Reply txStatus(Hash hash) throws IOException, InterruptedException {
        return get("/tx/" + hash.toHex());
    }

    public Reply account(Address a) throws IOException, InterruptedException {
        return get("/account/" + a.toHex());
    }

    public Reply status() throws IOException, InterruptedException {
        return get("/status");
    }

    public String metrics() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private Reply send(HttpRequest r) throws IOException, InterruptedException {
        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(resp.body());
        } catch (IOException e) {
            body = JSON.createObjectNode().put("error", "answer is not JSON: " + resp.body());
        }
        return new Reply(resp.statusCode(), body == null ? JSON.createObjectNode() : body);
    }
}
