package org.spindle.node.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.TransactionDecodeResult;
import org.spindle.core.ledger.TransactionDecoder;
import org.spindle.node.Node;
import org.spindle.node.ledger.LedgerHost;

/**
 * The HTTP API of a node hosting a {@link LedgerHost} (Javalin, loopback by default):
 *
 * <pre>
 * POST /tx              {"raw": "0x…"}  a raw signed Ethereum transaction → {"hash", "shard"}
 * POST /txs             {"raw": ["0x…", …]} up to 1000, in order → {"results": [{"hash", "shard"} or {"error"}]}
 * GET  /tx/{hash}       {"status": "final"|"pending"|"rejected"|"unknown", "shard", "height", "finalAgeMillis",
 *                       "reason"}: finalAgeMillis is how long ago this node applied the block
 * POST /txs/status      {"hashes": [...]} up to 1000 → {"results": [as GET /tx/{hash}]}
 * GET  /account/{addr}  {"address", "shard", "balance", "nonce"} (only for accounts of this node's shard)
 * GET  /status          the node's shard, height, pool and relay sizes, peers, process id and CPU time (in
 *                       total and, on Linux, by thread group: loop, verify, http, io, jit, gc, other)
 * GET  /metrics         Prometheus text
 * </pre>
 *
 * Senders are recovered (secp256k1) on the HTTP threads; only the admission runs on the node's
 * loop. Every refusal is a JSON object {@code {"error": …}} with status 400 (bad input), 404 (an
 * account of another shard), or 503 (the node did not answer in time).
 */
public final class NodeApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 256 * 1024;

    private final Node node;
    private final TransactionDecoder decoder;
    private final int shards;
    private final long chainId;
    private final Javalin app;

    private NodeApi(Node node, long chainId, int shards, String host, int port) {
        this.node = node;
        this.decoder = new TransactionDecoder(chainId);
        this.shards = shards;
        this.chainId = chainId;
        this.app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = MAX_BODY;
            config.startup.showJavalinBanner = false;
            config.routes.post("/tx", this::submit);
            config.routes.post("/txs", this::submitBatch);
            config.routes.post("/txs/status", this::txStatuses);
            config.routes.get("/tx/{hash}", this::txStatus);
            config.routes.get("/account/{address}", this::account);
            config.routes.get("/status", this::status);
            config.routes.get("/metrics", this::metrics);
            config.routes.exception(Busy.class, (e, ctx) -> error(ctx, 503, e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("API {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
            });
        }).start();
    }

    /** Serves {@code node}'s API on {@code host:port} (0: a free port). */
    public static NodeApi start(Node node, long chainId, int shards, String host, int port) {
        return new NodeApi(node, chainId, shards, host, port);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private void submit(Context ctx) throws Exception {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            error(ctx, 400, "body is not JSON: " + e.getOriginalMessage());
            return;
        }
        JsonNode raw = body == null ? null : body.get("raw");
        if (raw == null || !raw.isTextual()) {
            error(ctx, 400, "body must be {\"raw\": \"0x…\"} with the signed transaction in hex");
            return;
        }
        Bytes bytes;
        try {
            bytes = Bytes.fromHex(raw.asText());
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "raw is not hex: " + e.getMessage());
            return;
        }
        switch (decoder.decode(bytes)) {
            case TransactionDecodeResult.Rejected r -> {
                node.metrics().counter("api.txRejected." + r.reason()).increment();
                ObjectNode o = JSON.createObjectNode().put("error", r.message()).put("reason", r.reason().name());
                ctx.status(400).contentType("application/json").result(o.toString());
            }
            case TransactionDecodeResult.Accepted a -> {
                LedgerHost.Submission s = onLoop(h -> h.submit(a.transaction()));
                switch (s) {
                    case LedgerHost.Submission.Accepted ok -> {
                        node.metrics().counter("api.txAccepted").increment();
                        json(ctx, JSON.createObjectNode().put("hash", ok.hash().toHex()).put("shard", ok.shard()));
                    }
                    case LedgerHost.Submission.Refused no -> error(ctx, 400, no.reason());
                }
            }
        }
    }

    private static final int MAX_BATCH = 1000;

    /**
     * Load generators send batches of up to a thousand transactions here, so the body is read as a
     * token stream straight from its bytes (no body string, no tree, no copy of each hex string)
     * and the answer is written as a stream too.
     */
    private void submitBatch(Context ctx) throws Exception {
        java.util.List<Object> decoded = new java.util.ArrayList<>();
        String bad;
        try (JsonParser p = JSON.getFactory().createParser(ctx.bodyAsBytes())) {
            bad = readRaws(p, decoded);
        } catch (JsonProcessingException e) {
            bad = "body is not JSON: " + e.getOriginalMessage();
        }
        if (bad != null) {
            error(ctx, 400, bad);
            return;
        }
        java.util.List<Object> results = onLoop(h -> decoded.stream().map(d -> d instanceof
                TransactionDecodeResult.Accepted a ? (Object) h.submit(a.transaction()) : d).toList());
        var buf = new java.io.ByteArrayOutputStream(64 + 100 * results.size());
        try (JsonGenerator g = JSON.getFactory().createGenerator(buf)) {
            g.writeStartObject();
            g.writeArrayFieldStart("results");
            for (Object r : results) {
                g.writeStartObject();
                switch (r) {
                    case LedgerHost.Submission.Accepted ok -> {
                        g.writeStringField("hash", ok.hash().toHex());
                        g.writeNumberField("shard", ok.shard());
                    }
                    case LedgerHost.Submission.Refused no -> g.writeStringField("error", no.reason());
                    case TransactionDecodeResult.Rejected no -> {
                        g.writeStringField("error", no.message());
                        g.writeStringField("reason", no.reason().name());
                    }
                    default -> g.writeStringField("error", String.valueOf(r));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        ctx.contentType("application/json").result(buf.toByteArray());
    }

    /**
     * Reads {@code {"raw": ["0x…", …]}} and decodes each entry into {@code out} (a decode result,
     * or why the entry is not hex); other fields are skipped. Returns why the body is refused, or null.
     */
    private String readRaws(JsonParser p, java.util.List<Object> out) throws java.io.IOException {
        String shape = "body must be {\"raw\": [...]} with at most " + MAX_BATCH + " entries";
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return shape;
        }
        boolean seen = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (!"raw".equals(field)) {
                p.skipChildren();
                continue;
            }
            if (value != JsonToken.START_ARRAY) {
                return shape;
            }
            seen = true;
            out.clear(); // a repeated field counts once, as the last one, as in a tree
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (out.size() == MAX_BATCH) {
                    return shape;
                }
                if (t == JsonToken.VALUE_STRING) {
                    out.add(decodeHex(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
                } else {
                    p.skipChildren();
                    out.add("raw must be a hex string");
                }
            }
        }
        return seen ? null : shape;
    }

    /** The decode result of the hex text in {@code c[off, off + len)}, or why it is not hex. */
    private Object decodeHex(char[] c, int off, int len) {
        int from = len >= 2 && c[off] == '0' && (c[off + 1] == 'x' || c[off + 1] == 'X') ? off + 2 : off;
        int to = off + len;
        if (((to - from) & 1) != 0) {
            return "raw is not hex: hex string has an odd number of digits: " + new String(c, off, len);
        }
        try {
            return decoder.decode(Bytes.wrap(HEX.parseHex(java.nio.CharBuffer.wrap(c), from, to)));
        } catch (IllegalArgumentException e) {
            return "raw is not hex: not a hex string: " + new String(c, off, len);
        }
    }

    private static final java.util.HexFormat HEX = java.util.HexFormat.of();

    private void txStatuses(Context ctx) throws Exception {
        JsonNode hashes = arrayField(ctx, "hashes");
        if (hashes == null) {
            return;
        }
        java.util.List<Hash> list = new java.util.ArrayList<>();
        for (JsonNode h : hashes) {
            try {
                list.add(Hash.fromHex(h.asText()));
            } catch (IllegalArgumentException e) {
                error(ctx, 400, "not a 32-byte hex hash: " + h.asText());
                return;
            }
        }
        record Answer(long now, java.util.List<LedgerHost.TxStatus> statuses) {}
        Answer a = onLoop(h -> new Answer(h.nowMicros(), list.stream().map(h::status).toList()));
        var out = JSON.createObjectNode();
        var arr = out.putArray("results");
        for (int i = 0; i < list.size(); i++) {
            arr.add(describe(list.get(i), a.statuses().get(i), a.now()));
        }
        json(ctx, out);
    }

    /** The array under {@code field} of a JSON body, or null after answering why not. */
    private JsonNode arrayField(Context ctx, String field) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            error(ctx, 400, "body is not JSON: " + e.getOriginalMessage());
            return null;
        }
        JsonNode arr = body == null ? null : body.get(field);
        if (arr == null || !arr.isArray() || arr.size() > MAX_BATCH) {
            error(ctx, 400, "body must be {\"" + field + "\": [...]} with at most " + MAX_BATCH + " entries");
            return null;
        }
        return arr;
    }

    private void txStatus(Context ctx) throws Exception {
        Hash hash;
        try {
            hash = Hash.fromHex(ctx.pathParam("hash"));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "not a 32-byte hex hash: " + e.getMessage());
            return;
        }
        record Answer(long now, LedgerHost.TxStatus status) {}
        Answer a = onLoop(h -> new Answer(h.nowMicros(), h.status(hash)));
        json(ctx, describe(hash, a.status(), a.now()));
    }

    private static ObjectNode describe(Hash hash, LedgerHost.TxStatus status, long nowMicros) {
        ObjectNode o = JSON.createObjectNode().put("hash", hash.toHex());
        switch (status) {
            case LedgerHost.TxStatus.Final f -> o.put("status", "final").put("shard", f.shard())
                    .put("height", f.height()).put("finalAgeMillis", (nowMicros - f.finalAtMicros()) / 1000);
            case LedgerHost.TxStatus.Pending p -> o.put("status", "pending").put("shard", p.shard());
            case LedgerHost.TxStatus.Rejected r -> o.put("status", "rejected").put("reason", r.reason());
            case LedgerHost.TxStatus.Unknown u -> o.put("status", "unknown");
        }
        return o;
    }

    private void account(Context ctx) throws Exception {
        Address a;
        try {
            a = Address.fromHex(ctx.pathParam("address"));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "not a 20-byte hex address: " + e.getMessage());
            return;
        }
        int shard = ShardMath.shardOf(a, shards);
        var account = onLoop(h -> h.account(a));
        if (account.isEmpty()) {
            ObjectNode o = JSON.createObjectNode().put("error", "account lives in shard " + shard
                    + "; ask a node of that shard").put("shard", shard);
            ctx.status(404).contentType("application/json").result(o.toString());
            return;
        }
        Account acc = account.get();
        json(ctx, JSON.createObjectNode().put("address", a.toHex()).put("shard", shard)
                .put("balance", acc.balance().toString()).put("nonce", acc.nonce()));
    }

    private void status(Context ctx) throws Exception {
        LedgerHost.Status s = onLoop(LedgerHost::status);
        ObjectNode o = JSON.createObjectNode().put("node", s.node().index()).put("chainId", chainId)
                .put("shard", s.shard())
                .put("shards", s.shards()).put("height", s.height()).put("head", s.head()).put("pool", s.pool())
                .put("relayPending", s.relayPending()).put("inboxQueued", s.inboxQueued());
        var members = o.putArray("members");
        s.members().forEach(m -> members.add(m.index()));
        var peers = o.putArray("peers");
        node.connectedPeers().stream().sorted().forEach(p -> peers.add(p.index()));
        // The hosting process's CPU time, so a load generator can tell CPU per transaction whatever else runs.
        o.put("pid", ProcessHandle.current().pid());
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            long cpu = os.getProcessCpuTime() / 1_000_000;
            o.put("processCpuMillis", cpu);
            // Where it went, by thread group (loop, verify, http, io, jit, gc, other), where the OS tells.
            org.spindle.node.runtime.ThreadCpu.byGroup(cpu).ifPresent(groups -> {
                ObjectNode g = o.putObject("cpuMillisByThreads");
                groups.forEach(g::put);
            });
        }
        json(ctx, o);
    }

    private void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4").result(Prometheus.render(node.metrics(),
                String.valueOf(node.id().index())));
    }

    private <T> T onLoop(java.util.function.Function<LedgerHost, T> f) throws InterruptedException {
        try {
            return node.inspect(p -> f.apply((LedgerHost) p));
        } catch (TimeoutException e) {
            throw new Busy("the node is busy: its loop did not answer within 5 s; try again");
        }
    }

    /** The node's loop did not answer in time: the request may be retried. */
    static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    private static void json(Context ctx, ObjectNode o) {
        ctx.contentType("application/json").result(o.toString());
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json").result(JSON.createObjectNode().put("error", message)
                .toString());
    }
}
