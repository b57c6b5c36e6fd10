package org.spindle.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.spindle.core.bytes.Address;
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
 * Every transfer is signed (and hex-encoded) before the clock starts, so signing takes no CPU from
 * the nodes while they are measured. With {@code --search} it runs one such step after another and
 * reports the highest rate the devnet sustains: every transfer final and the latency p99 within a
 * bound; an overloaded devnet's latencies only say how long its queues grew.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Offer transfers at a fixed rate to a devnet and print achieved TPS and latency p50/p99; "
                + "--search finds the highest rate it sustains.")
public final class LoadCommand implements Callable<Integer> {
    private static final long TICK_MS = 20;
    /** Per account and status round, how many of its oldest open transfers are asked about. */
    private static final int STATUS_WINDOW = 512;
    /** Transactions per POST /txs and hashes per POST /txs/status at most (the API's limit). */
    private static final int MAX_BATCH = 1000;

    @Spec
    CommandSpec spec;

    @Option(names = "--rate", required = true, paramLabel = "TPS",
            description = "Transactions offered per second (with --search: the first rate tried).")
    int rate;

    @Option(names = "--duration", required = true, paramLabel = "SECONDS", description = "Seconds of offering (per step).")
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

    @Option(names = "--search", description = "Run steps at changing rates and report the highest sustained one.")
    boolean search;

    @Option(names = "--max-p99", defaultValue = "2000", paramLabel = "MS",
            description = "With --search: a step is sustained if every transfer is final, the rate was offered, "
                    + "and the latency p99 is at most this (default: ${DEFAULT-VALUE}).")
    long maxP99Millis;

    @Option(names = "--steps", defaultValue = "6", paramLabel = "N",
            description = "With --search: steps at most (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    private record Tx(int account, String api, String hex, String hash) {}

    /** The CPU time of one node process so far: in total and by thread group (empty if not reported). */
    private record ProcessCpu(long millis, Map<String, Long> byGroup) {}

    /** What one step at a fixed rate showed. */
    record Step(int rate, int total, double offeredRate, int accepted, int finals, double tps, long p50, long p99,
            long max, long nodeCpuMillis, Map<String, Long> cpuByGroup) {
        /** Every transfer final, the rate offered (within 5 %), latency p99 within the bound. */
        boolean sustained(long maxP99Millis) {
            return finals == total && offeredRate >= 0.95 * rate && p99 <= maxP99Millis;
        }

        double nodeCpuPerTx() {
            return finals == 0 ? 0 : (double) nodeCpuMillis / finals;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rate < 1 || duration < 1 || crossShard < 0 || crossShard > 1 || maxSteps < 1 || maxP99Millis < 1) {
            err.println("spindle load: --rate, --duration, --steps and --max-p99 must be positive, --cross-shard in [0, 1]");
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
        if (devnet.accounts() == 0) {
            err.println("spindle load: the devnet has no funded accounts");
            err.flush();
            return 2;
        }
        if (!search) {
            Step s = step(devnet, endpoints, rate, out);
            return s.finals() == s.total() ? 0 : 1;
        }
        List<Step> steps = new ArrayList<>();
        int r = rate;
        for (int i = 1; i <= maxSteps; i++) {
            out.printf("%n--- step %d: %d tx/s for %d s%n", i, r, duration);
            out.flush();
            Step s = step(devnet, endpoints, r, out);
            steps.add(s);
            boolean ok = s.sustained(maxP99Millis);
            out.printf("step %d: %s%n", i, ok ? "sustained" : "not sustained" + (s.finals() < s.total()
                    ? " (not all final)" : s.p99() > maxP99Millis ? " (p99 over " + maxP99Millis + " ms)"
                    : " (the nodes took the transfers slower than offered)"));
            if (s.finals() < s.accepted()) {
                out.println("stopping: transfers of this step are still pending, so the next step's nonces would collide");
                break;
            }
            int next = nextRate(steps, maxP99Millis);
            if (next <= 0) {
                break;
            }
            r = next;
        }
        printSearch(out, steps);
        return steps.stream().anyMatch(s -> s.sustained(maxP99Millis)) ? 0 : 1;
    }

    /**
     * The rate to try after {@code steps}: up by half until a step is not sustained, then halfway
     * between the highest sustained and the lowest unsustained rate; 0 when they are within 5 %.
     */
    static int nextRate(List<Step> steps, long maxP99Millis) {
        int best = 0;
        int worst = Integer.MAX_VALUE;
        for (Step s : steps) {
            if (s.sustained(maxP99Millis)) {
                best = Math.max(best, s.rate());
            } else {
                worst = Math.min(worst, s.rate());
            }
        }
        if (worst == Integer.MAX_VALUE) {
            return best + Math.max(1, best / 2);
        }
        if (best == 0) {
            return worst / 2;
        }
        return worst - best <= Math.max(1, best / 20) ? 0 : (best + worst) / 2;
    }

    private void printSearch(PrintWriter out, List<Step> steps) {
        out.println();
        out.println("rate tx/s  offered  final tx/s  p50 ms  p99 ms  node CPU ms/tx  sustained");
        for (Step s : steps) {
            out.printf("%9d  %7.0f  %10.0f  %6d  %6d  %14.3f  %s%n", s.rate(), s.offeredRate(), s.tps(), s.p50(),
                    s.p99(), s.nodeCpuPerTx(), s.sustained(maxP99Millis) ? "yes" : "no");
        }
        steps.stream().filter(s -> s.sustained(maxP99Millis)).max((a, b) -> Integer.compare(a.rate(), b.rate()))
                .ifPresentOrElse(s -> out.printf("highest sustained rate: %d tx/s (%.0f tx/s final, p50 %d ms, p99 %d ms"
                        + " <= %d ms)%n", s.rate(), s.tps(), s.p50(), s.p99(), maxP99Millis),
                        () -> out.printf("no rate tried was sustained (p99 <= %d ms); try a lower --rate%n", maxP99Millis));
        out.flush();
    }

    /** Signs, offers and waits for {@code r × duration} transfers; prints what it saw. */
    private Step step(DevnetSpec devnet, Endpoints endpoints, int r, PrintWriter out) throws Exception {
        int accounts = devnet.accounts();
        int total = Math.multiplyExact(r, duration);
        out.printf("signing %d transfers from %d accounts (before the clock starts)…%n", total, accounts);
        out.flush();
        long signStart = System.nanoTime();
        long signCpuBefore = ownCpuNanos();
        List<List<Tx>> byAccount = IntStream.range(0, accounts).parallel().mapToObj(j -> {
            try {
                return sign(devnet, endpoints, j, (total + accounts - 1 - j) / accounts);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("account " + j + ": " + e.getMessage(), e);
            }
        }).toList();
        out.printf("signed in %.1f s (%.3f ms of CPU per transfer, not counted below)%n",
                (System.nanoTime() - signStart) / 1e9, (ownCpuNanos() - signCpuBefore) / 1e6 / total);
        List<Tx> order = new ArrayList<>(total);
        for (int i = 0; order.size() < total; i++) {
            for (List<Tx> l : byAccount) {
                if (i < l.size()) {
                    order.add(l.get(i));
                }
            }
        }
        Map<String, LinkedBlockingQueue<Integer>> queues = new HashMap<>();
        Map<String, ApiClient> clients = new HashMap<>();
        for (Tx t : order) {
            queues.computeIfAbsent(t.api(), a -> new LinkedBlockingQueue<>());
            clients.computeIfAbsent(t.api(), ApiClient::new);
        }
        long[] submittedAt = new long[total];
        boolean[] accepted = new boolean[total];
        List<String> refusals = Collections.synchronizedList(new ArrayList<>());
        out.printf("offering %d tx/s for %d s to %d node APIs…%n", r, duration, queues.size());
        out.flush();
        // One sender per API posts whatever is due, in order, in one request: batches grow with the round trip.
        ExecutorService senders = Executors.newFixedThreadPool(queues.size());
        List<Future<?>> running = new ArrayList<>();
        AtomicBoolean offering = new AtomicBoolean(true);
        for (Map.Entry<String, LinkedBlockingQueue<Integer>> e : queues.entrySet()) {
            running.add(senders.submit(() -> {
                List<Integer> part = new ArrayList<>();
                while (offering.get() || !e.getValue().isEmpty()) {
                    part.clear();
                    Integer first = e.getValue().poll(5, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    part.add(first);
                    e.getValue().drainTo(part, MAX_BATCH - 1);
                    post(clients.get(e.getKey()), order, part, submittedAt, accepted, refusals);
                }
                return null;
            }));
        }
        Map<Long, ProcessCpu> nodeCpuBefore = nodeCpu(endpoints);
        long loaderCpuBefore = ownCpuNanos();
        long start = System.nanoTime();
        int next = 0;
        while (next < total) {
            long elapsed = System.nanoTime() - start;
            int due = (int) Math.min(total, elapsed * r / 1_000_000_000L + 1);
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
        double offeredRate = total / (offeredNanos / 1e9);
        out.printf("submitted %d in %.1f s (%.0f tx/s offered), %d accepted%n", total, offeredNanos / 1e9,
                offeredRate, acceptedCount);
        if (!refusals.isEmpty()) {
            out.println("first refusal: " + refusals.get(0));
        }
        out.flush();

        long[] finalAt = new long[total];
        Arrays.fill(finalAt, -1);
        Map<String, Integer> lastStatus = new TreeMap<>();
        int finals = awaitFinal(order, accepted, clients, accounts, finalAt, lastStatus);
        long loaderCpu = ownCpuNanos() - loaderCpuBefore;
        Map<Long, ProcessCpu> nodeCpuAfter = nodeCpu(endpoints);
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
        double tps = finals > 0 ? finals / seconds : 0;
        long p50 = finals > 0 ? latencies[finals / 2] : 0;
        long p99 = finals > 0 ? latencies[Math.min(finals - 1, (int) Math.ceil(finals * 0.99) - 1)] : 0;
        long max = finals > 0 ? latencies[finals - 1] : 0;
        if (finals > 0) {
            out.printf("achieved %.0f tx/s (final transactions / %.1f s from first submission to last finalization)%n",
                    tps, seconds);
            out.printf("latency ms: p50 %d  p99 %d  max %d%n", p50, p99, max);
        }
        long nodeCpu = 0;
        Map<String, Long> groups = new TreeMap<>();
        for (Map.Entry<Long, ProcessCpu> e : nodeCpuAfter.entrySet()) {
            ProcessCpu before = nodeCpuBefore.get(e.getKey());
            if (before == null) {
                continue; // a node that did not answer before is left out of the CPU figure
            }
            nodeCpu += e.getValue().millis() - before.millis();
            e.getValue().byGroup().forEach((g, v) -> groups.merge(g, v - before.byGroup().getOrDefault(g, 0L), Long::sum));
        }
        if (finals > 0 && !nodeCpuAfter.isEmpty()) {
            // CPU time does not depend on what else the machine runs, unlike TPS: compare it with the
            // per-transaction cost of the signature checks every replica must do.
            out.printf("node CPU: %.1f s in %d processes = %.3f ms per final transaction; this load generator: %.1f s"
                    + " (%.3f ms per transaction)%n", nodeCpu / 1e3, nodeCpuAfter.size(), (double) nodeCpu / finals,
                    loaderCpu / 1e9, loaderCpu / 1e6 / finals);
            if (!groups.isEmpty()) {
                StringBuilder by = new StringBuilder("node CPU by threads:");
                groups.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                        .forEach(g -> by.append(String.format(" %s %.1f s,", g.getKey(), g.getValue() / 1e3)));
                by.setLength(by.length() - 1);
                long jit = groups.getOrDefault("jit", 0L);
                // JIT compilation is warm-up, not a cost per transaction: a devnet that ran longer does less of it.
                by.append(String.format("; without the JIT compilers %.3f ms per final transaction",
                        (double) (nodeCpu - jit) / finals));
                out.println(by);
            }
            if (finals < acceptedCount) {
                out.println("(an overstatement: the nodes also worked on the transfers not final yet)");
            }
        }
        out.flush();
        return new Step(r, total, offeredRate, acceptedCount, finals, tps, p50, p99, max, nodeCpu, groups);
    }

    /**
     * Asks the nodes about the accepted transfers until all are final or rejected or the wait is
     * over; records when each became final. Returns how many did.
     */
    private int awaitFinal(List<Tx> order, boolean[] accepted, Map<String, ApiClient> clients, int accounts,
            long[] finalAt, Map<String, Integer> lastStatus) throws InterruptedException {
        int total = order.size();
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
                for (int from = 0; from < idx.size(); from += MAX_BATCH) {
                    List<Integer> part = idx.subList(from, Math.min(idx.size(), from + MAX_BATCH));
                    StringBuilder body = new StringBuilder(32 + 70 * part.size()).append("{\"hashes\":[");
                    for (int j = 0; j < part.size(); j++) {
                        body.append(j == 0 ? "\"" : ",\"").append(order.get(part.get(j)).hash()).append('"');
                    }
                    body.append("]}");
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
        return finals;
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
            var raw = TransactionSigner.sign(UnsignedTransfer.legacy(devnet.chainId(), nonce + i, to,
                    BigInteger.ONE, 21_000, BigInteger.ONE), keys.privateKey());
            // Hex now, not while offering: the load generator shares the machine with the nodes it measures.
            out.add(new Tx(j, api, raw.toHex(), Hashing.keccak256(raw).toHex()));
        }
        return out;
    }

    /** CPU used so far by each node process (by process id), as the nodes' /status report it. */
    private static Map<Long, ProcessCpu> nodeCpu(Endpoints endpoints) {
        Map<Long, ProcessCpu> byPid = new TreeMap<>();
        for (var api : endpoints.apis()) {
            try {
                ApiClient.Reply r = new ApiClient(api.url()).status();
                if (r.ok() && r.body().has("processCpuMillis")) {
                    Map<String, Long> groups = new TreeMap<>();
                    r.body().path("cpuMillisByThreads").properties().forEach(e -> groups.put(e.getKey(),
                            e.getValue().asLong()));
                    byPid.put(r.body().get("pid").asLong(), new ProcessCpu(r.body().get("processCpuMillis").asLong(),
                            groups));
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
        // The hex strings need no JSON escaping: the body is written directly.
        StringBuilder body = new StringBuilder(16 + (order.get(part.get(0)).hex().length() + 3) * part.size())
                .append("{\"raw\":[");
        for (int j = 0; j < part.size(); j++) {
            body.append(j == 0 ? "\"" : ",\"").append(order.get(part.get(j)).hex()).append('"');
        }
        body.append("]}");
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
