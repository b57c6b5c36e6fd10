package org.spindle.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.TransactionSigner;
import org.spindle.core.ledger.UnsignedTransfer;
import org.spindle.node.api.ApiClient;
import org.spindle.node.config.NodeFile;
import org.spindle.node.config.NodeFileException;
import org.spindle.node.ledger.DevnetSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spindle load}: offers signed transfers from the devnet's funded accounts at a fixed rate,
 * then waits for them and prints the achieved throughput (final transactions per second, from the
 * first submission to the last finalization) and latency percentiles (submission to the moment the
 * node applied the block). Each account's transfers go, in nonce order, to one node of its shard.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Offer transfers at a fixed rate to a devnet and print achieved TPS and latency p50/p99.")
public final class LoadCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TICK_MS = 20;
    /** Per account and status round, how many of its oldest open transfers are asked about. */
    private static final int STATUS_WINDOW = 512;

    @Spec
    CommandSpec spec;

    @Option(names = "--rate", required = true, paramLabel = "TPS", description = "Transactions offered per second.")
    int rate;

    @Option(names = "--duration", required = true, paramLabel = "SECONDS")
    int duration;

    @Option(names = "--dir", defaultValue = "devnet-data", paramLabel = "DIR",
            description = "The devnet (its funded keys and API list) (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--api", paramLabel = "URL", description = "Node APIs to use instead of the devnet's list (repeatable).")
    List<String> apis;

    @Option(names = "--cross-shard", defaultValue = "0.5", paramLabel = "FRACTION",
            description = "Share of transfers to another shard (default: ${DEFAULT-VALUE}).")
    double crossShard;

    @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to wait for the last transactions to finalize (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    private record Tx(int account, String api, Bytes raw, String hash) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rate < 1 || duration < 1 || crossShard < 0 || crossShard > 1) {
            err.println("spindle load: --rate and --duration must be positive, --cross-shard in [0, 1]");
            err.flush();
            return 2;
        }
        DevnetSpec devnet;
        Endpoints endpoints;
        try {
            devnet = NodeFile.load(dir.resolve("node-0.yaml")).api()
                    .orElseThrow(() -> new NodeFileException("node-0.yaml has no api section")).ledger();
            endpoints = Endpoints.resolve(apis, dir);
        } catch (NodeFileException | IOException e) {
            err.println("spindle load: " + e.getMessage());
            err.flush();
            return 2;
        }
        int accounts = devnet.accounts();
        if (accounts == 0) {
            err.println("spindle load: the devnet has no funded accounts");
            err.flush();
            return 2;
        }
        int total = Math.multiplyExact(rate, duration);
        out.printf("signing %d transfers from %d accounts (before the clock starts)…%n", total, accounts);
        out.flush();
        long signStart = System.nanoTime();
        List<List<Tx>> byAccount = IntStream.range(0, accounts).parallel().mapToObj(j -> {
            try {
                return sign(devnet, endpoints, j, (total + accounts - 1 - j) / accounts);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("account " + j + ": " + e.getMessage(), e);
            }
        }).toList();
        out.printf("signed in %.1f s%n", (System.nanoTime() - signStart) / 1e9);
        List<Tx> order = new ArrayList<>(total);
        for (int i = 0; order.size() < total; i++) {
            for (List<Tx> l : byAccount) {
                if (i < l.size()) {
                    order.add(l.get(i));
                }
            }
        }
        Map<String, java.util.concurrent.LinkedBlockingQueue<Integer>> queues = new HashMap<>();
        Map<String, ApiClient> clients = new HashMap<>();
        for (Tx t : order) {
            queues.computeIfAbsent(t.api(), a -> new java.util.concurrent.LinkedBlockingQueue<>());
            clients.computeIfAbsent(t.api(), ApiClient::new);
        }
        long[] submittedAt = new long[total];
        boolean[] accepted = new boolean[total];
        List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
        out.printf("offering %d tx/s for %d s to %d node APIs…%n", rate, duration, queues.size());
        out.flush();
        // One sender per API posts whatever is due, in order, in one request: batches grow with the round trip.
        ExecutorService senders = Executors.newFixedThreadPool(queues.size());
        List<Future<?>> running = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean offering = new java.util.concurrent.atomic.AtomicBoolean(true);
        for (Map.Entry<String, java.util.concurrent.LinkedBlockingQueue<Integer>> e : queues.entrySet()) {
            running.add(senders.submit(() -> {
                List<Integer> part = new ArrayList<>();
                while (offering.get() || !e.getValue().isEmpty()) {
                    part.clear();
                    Integer first = e.getValue().poll(5, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    part.add(first);
                    e.getValue().drainTo(part, 999);
                    post(clients.get(e.getKey()), order, part, submittedAt, accepted, refusals);
                }
                return null;
            }));
        }
        Map<Long, Long> nodeCpuBefore = nodeCpuMillis(endpoints);
        long loaderCpuBefore = ownCpuNanos();
        long start = System.nanoTime();
        int next = 0;
        while (next < total) {
            long elapsed = System.nanoTime() - start;
            int due = (int) Math.min(total, elapsed * rate / 1_000_000_000L + 1);
            for (; next < due; next++) {
                queues.get(order.get(next).api()).add(next);
            }
            Thread.sleep(TICK_MS);
        }
        offering.set(false);
        for (Future<?> f : running) {
            f.get();
        }
        senders.shutdown();
        long offeredNanos = System.nanoTime() - start;
        int acceptedCount = 0;
        for (boolean a : accepted) {
            acceptedCount += a ? 1 : 0;
        }
        out.printf("submitted %d in %.1f s (%.0f tx/s offered), %d accepted%n", total, offeredNanos / 1e9,
                total / (offeredNanos / 1e9), acceptedCount);
        if (!refusals.isEmpty()) {
            out.println("first refusal: " + refusals.get(0));
        }
        out.flush();

        long[] finalAt = new long[total];
        Arrays.fill(finalAt, -1);
        boolean[] closed = new boolean[total]; // final or rejected: never asked about again
        List<List<Integer>> indexByAccount = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            indexByAccount.add(new ArrayList<>());
        }
        for (int i = 0; i < total; i++) {
            closed[i] = !accepted[i];
            indexByAccount.get(order.get(i).account()).add(i);
        }
        int[] firstOpen = new int[accounts];
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        int finals = 0;
        Map<String, Integer> lastStatus = new java.util.TreeMap<>();
        while (System.nanoTime() < waitUntil) {
            // An account's transfers become final in nonce order, so only the oldest open ones of each are
            // asked about; a final one keeps its finalization time, so asking late loses nothing.
            Map<String, List<Integer>> open = new HashMap<>();
            for (int a = 0; a < accounts; a++) {
                List<Integer> mine = indexByAccount.get(a);
                while (firstOpen[a] < mine.size() && closed[mine.get(firstOpen[a])]) {
                    firstOpen[a]++;
                }
                int asked = 0;
                for (int k = firstOpen[a]; k < mine.size() && asked < STATUS_WINDOW; k++) {
                    int i = mine.get(k);
                    if (!closed[i]) {
                        open.computeIfAbsent(order.get(i).api(), x -> new ArrayList<>()).add(i);
                        asked++;
                    }
                }
            }
            if (open.isEmpty()) {
                break;
            }
            lastStatus.clear();
            for (Map.Entry<String, List<Integer>> e : open.entrySet()) {
                List<Integer> idx = e.getValue();
                for (int from = 0; from < idx.size(); from += 1000) {
                    List<Integer> part = idx.subList(from, Math.min(idx.size(), from + 1000));
                    ObjectNode body = JSON.createObjectNode();
                    var arr = body.putArray("hashes");
                    part.forEach(i -> arr.add(order.get(i).hash()));
                    long asked = System.nanoTime();
                    ApiClient.Reply r;
                    try {
                        r = clients.get(e.getKey()).post("/txs/status", body.toString());
                    } catch (IOException busy) {
                        lastStatus.merge("unanswered: " + busy.getMessage(), part.size(), Integer::sum);
                        continue; // a node too busy to answer is asked again next round
                    }
                    JsonNode results = r.body() == null ? null : r.body().get("results");
                    for (int k = 0; results != null && k < part.size(); k++) {
                        JsonNode s = results.get(k);
                        String status = s.path("status").asText();
                        lastStatus.merge(status + (s.has("reason") ? ": " + s.get("reason").asText() : ""), 1,
                                Integer::sum);
                        if (status.equals("final")) {
                            finalAt[part.get(k)] = asked - TimeUnit.MILLISECONDS.toNanos(s.get("finalAgeMillis").asLong());
                            closed[part.get(k)] = true;
                            finals++;
                        } else if (status.equals("rejected")) {
                            closed[part.get(k)] = true;
                        }
                    }
                }
            }
            Thread.sleep(500);
        }
        long loaderCpu = ownCpuNanos() - loaderCpuBefore;
        Map<Long, Long> nodeCpuAfter = nodeCpuMillis(endpoints);
        long[] latencies = new long[finals];
        long last = start;
        int k = 0;
        for (int i = 0; i < total; i++) {
            if (finalAt[i] >= 0) {
                latencies[k++] = Math.max(0, finalAt[i] - submittedAt[i]) / 1_000_000;
                last = Math.max(last, finalAt[i]);
            }
        }
        Arrays.sort(latencies);
        double seconds = (last - start) / 1e9;
        out.printf("final: %d of %d (%d not final within %d s after the last submission)%n", finals, total,
                acceptedCount - finals, waitSeconds);
        if (finals < acceptedCount) {
            lastStatus.remove("final");
            int seen = lastStatus.values().stream().mapToInt(Integer::intValue).sum();
            if (seen < acceptedCount - finals) {
                // Only each account's oldest open transfers are asked about; the rest wait behind them.
                lastStatus.merge("behind those (not asked)", acceptedCount - finals - seen, Integer::sum);
            }
            out.println("the others, as last seen: " + lastStatus);
        }
        if (finals > 0) {
            out.printf("achieved %.0f tx/s (final transactions / %.1f s from first submission to last finalization)%n",
                    finals / seconds, seconds);
            out.printf("latency ms: p50 %d  p99 %d  max %d%n", latencies[finals / 2],
                    latencies[Math.min(finals - 1, (int) Math.ceil(finals * 0.99) - 1)], latencies[finals - 1]);
        }
        if (finals > 0 && !nodeCpuAfter.isEmpty()) {
            long nodeCpu = 0;
            for (Map.Entry<Long, Long> e : nodeCpuAfter.entrySet()) {
                nodeCpu += e.getValue() - nodeCpuBefore.getOrDefault(e.getKey(), e.getValue());
            }
            // CPU time does not depend on what else the machine runs, unlike TPS: compare it with the
            // per-transaction cost of the signature checks every replica must do.
            out.printf("node CPU: %.1f s in %d processes = %.3f ms per final transaction; this load generator: %.1f s"
                    + " (%.3f ms per transaction)%n", nodeCpu / 1e3, nodeCpuAfter.size(), (double) nodeCpu / finals,
                    loaderCpu / 1e9, loaderCpu / 1e6 / finals);
            if (finals < acceptedCount) {
                out.println("(an overstatement: the nodes also worked on the transfers not final yet)");
            }
        }
        out.flush();
        return finals == total ? 0 : 1;
    }

    private List<Tx> sign(DevnetSpec devnet, Endpoints endpoints, int j, int count)
            throws IOException, InterruptedException {
        var keys = devnet.accountKeys(j);
        Address from = devnet.account(j);
        int shard = ShardMath.shardOf(from, devnet.shards());
        List<String> urls = endpoints.forShard(shard);
        String api = urls.get(j % urls.size());
        long nonce = new ApiClient(api).account(from).body().path("nonce").asLong(0);
        List<Tx> out = new ArrayList<>(count);
        java.util.SplittableRandom random = new java.util.SplittableRandom(j * 7919L + nonce);
        for (int i = 0; i < count; i++) {
            int toShard = devnet.shards() > 1 && random.nextDouble() < crossShard
                    ? (shard + 1 + random.nextInt(devnet.shards() - 1)) % devnet.shards() : shard;
            Address to = recipient(toShard, devnet.shards(), random.nextInt(1_000));
            Bytes raw = TransactionSigner.sign(UnsignedTransfer.legacy(devnet.chainId(), nonce + i, to,
                    BigInteger.ONE, 21_000, BigInteger.ONE), keys.privateKey());
            out.add(new Tx(j, api, raw, Hashing.keccak256(raw).toHex()));
        }
        return out;
    }

    /** CPU milliseconds used so far by each node process (by process id), as the nodes' /status report it. */
    private static Map<Long, Long> nodeCpuMillis(Endpoints endpoints) {
        Map<Long, Long> byPid = new java.util.TreeMap<>();
        for (var api : endpoints.apis()) {
            try {
                ApiClient.Reply r = new ApiClient(api.url()).status();
                if (r.ok() && r.body().has("processCpuMillis")) {
                    byPid.put(r.body().get("pid").asLong(), r.body().get("processCpuMillis").asLong());
                }
            } catch (IOException e) {
                // a node that does not answer is left out of the CPU figure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return byPid;
    }

    private static long ownCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private static Address recipient(int shard, int shards, int salt) {
        for (int i = 0; ; i++) {
            byte[] h = Hashing.keccak256(("spindle/load/" + salt + "/" + i).getBytes(StandardCharsets.US_ASCII)).bytes()
                    .toArray();
            Address a = Address.wrap(Arrays.copyOf(h, Address.SIZE));
            if (ShardMath.shardOf(a, shards) == shard) {
                return a;
            }
        }
    }

    private static void post(ApiClient client, List<Tx> order, List<Integer> part, long[] submittedAt,
            boolean[] accepted, List<String> refusals) {
        ObjectNode body = JSON.createObjectNode();
        var arr = body.putArray("raw");
        part.forEach(i -> arr.add(order.get(i).raw().toHex()));
        long now = System.nanoTime();
        for (int i : part) {
            submittedAt[i] = now;
        }
        try {
            ApiClient.Reply r = client.post("/txs", body.toString());
            JsonNode results = r.body().get("results");
            for (int k = 0; k < part.size(); k++) {
                JsonNode x = results == null ? null : results.get(k);
                if (x != null && x.has("hash")) {
                    accepted[part.get(k)] = true;
                } else {
                    refusals.add(x == null ? String.valueOf(r.body()) : x.path("error").asText());
                }
            }
        } catch (IOException e) {
            refusals.add(client.base() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
