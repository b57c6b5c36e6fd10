package org.spindle.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.TransactionSigner;
import org.spindle.core.ledger.UnsignedTransfer;
import org.spindle.node.Await;
import org.spindle.node.api.ApiClient;
import org.spindle.node.ledger.DevnetSpec;

/**
 * A devnet of 2 shards × 4 real nodes in this JVM, over loopback TCP and the HTTP API: transfers
 * within and across shards become final with the right balances while one node is stopped
 * abruptly and restarted on its data directory; it catches up, loses nothing final, and no receipt
 * is credited twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevnetEndToEndTest {
    private static final DevnetSpec SPEC = new DevnetSpec(1337, 2, 4, 8, "e2e", 400, 500);
    private static final BigInteger PRICE = BigInteger.ONE;
    private static final long GAS = 21_000;

    private Path dir;
    private InProcessDevnet devnet;
    private List<DevnetLayout.Api> apis;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("spindle-devnet-test");
        DevnetLayout layout = DevnetLayout.generate(dir, SPEC, false);
        devnet = InProcessDevnet.start(layout);
        apis = DevnetLayout.apis(dir);
        Await.until(Duration.ofSeconds(30), "every node has committed a block", () -> apis.stream()
                .allMatch(a -> height(a.url()) >= 1));
    }

    @AfterAll
    void stop() throws IOException {
        if (devnet != null) {
            devnet.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    @Order(1)
    void transfersWithinAndAcrossShardsFinalizeWhileANodeCrashesAndCatchesUp() throws Exception {
        int victim = apis.stream().filter(a -> a.shard() == 0).skip(1).findFirst().orElseThrow().node();
        Map<Integer, String> submitTo = new HashMap<>();
        for (int s = 0; s < SPEC.shards(); s++) {
            int shard = s;
            submitTo.put(s, apis.stream().filter(a -> a.shard() == shard && a.node() != victim).findFirst()
                    .orElseThrow().url());
        }
        Address[] recipients = {recipientIn(0), recipientIn(1)};
        long[] nonces = new long[SPEC.accounts()];
        BigInteger[] spent = new BigInteger[SPEC.accounts()];
        Arrays.fill(spent, BigInteger.ZERO);
        BigInteger[] received = {BigInteger.ZERO, BigInteger.ZERO};
        List<Hash> sent = new ArrayList<>();
        List<Integer> senderShards = new ArrayList<>();
        int[] crossShard = {0};

        Runnable round = () -> {
            for (int j = 0; j < SPEC.accounts(); j++) {
                int senderShard = ShardMath.shardOf(SPEC.account(j), SPEC.shards());
                int toShard = (int) (nonces[j] % 2);
                BigInteger value = BigInteger.valueOf(1_000 + j);
                Bytes raw = TransactionSigner.sign(UnsignedTransfer.legacy(SPEC.chainId(), nonces[j],
                        recipients[toShard], value, GAS, PRICE), SPEC.accountKeys(j).privateKey());
                ApiClient.Reply r = call(() -> new ApiClient(submitTo.get(senderShard)).submit(raw));
                assertThat(r.ok()).as("submission answered %s", r.body()).isTrue();
                sent.add(Hash.fromHex(r.text("hash")));
                senderShards.add(senderShard);
                nonces[j]++;
                spent[j] = spent[j].add(value).add(PRICE.multiply(BigInteger.valueOf(GAS)));
                received[toShard] = received[toShard].add(value);
                crossShard[0] += toShard != senderShard ? 1 : 0;
            }
        };
        for (int i = 0; i < 3; i++) {
            round.run();
        }
        long victimHeightBefore = height(apiOf(victim));
        devnet.stop(victim);
        int firstWhileDown = sent.size();
        for (int i = 0; i < 3; i++) {
            round.run();
            Thread.sleep(200);
        }
        // The victim must have something to fetch when it comes back, however fast or slow the machine
        // is: the shard-0 transfers sent while it is down are committed without it before it restarts.
        // (A height check alone races with blocks the victim itself committed just before it stopped.)
        List<Hash> sentWhileDown = new ArrayList<>();
        for (int i = firstWhileDown; i < sent.size(); i++) {
            if (senderShards.get(i) == 0) {
                sentWhileDown.add(sent.get(i));
            }
        }
        assertThat(sentWhileDown).as("shard-0 transfers sent while the victim is down").isNotEmpty();
        Await.until(Duration.ofSeconds(30), "shard 0 commits the transfers sent while the victim is down",
                () -> sentWhileDown.stream().allMatch(this::isFinal));
        long othersAtRestart = apis.stream().filter(a -> a.shard() == 0 && a.node() != victim)
                .mapToLong(a -> height(a.url())).min().orElseThrow();
        devnet.start(victim);
        for (int i = 0; i < 3; i++) {
            round.run();
        }
        assertThat(crossShard[0]).as("cross-shard transfers sent").isPositive();

        Await.until(Duration.ofSeconds(30), "every transfer is final", () -> sent.stream()
                .allMatch(h -> isFinal(h)));
        Await.until(Duration.ofSeconds(30), "both recipients hold what was sent to them", () ->
                balance(recipients[0]).equals(received[0]) && balance(recipients[1]).equals(received[1]));
        for (int j = 0; j < SPEC.accounts(); j++) {
            assertThat(balance(SPEC.account(j))).as("balance of sender %d", j)
                    .isEqualTo(DevnetSpec.FUNDING.subtract(spent[j]));
        }

        String victimApi = apiOf(victim);
        long othersHeight = apis.stream().filter(a -> a.shard() == 0 && a.node() != victim)
                .mapToLong(a -> height(a.url())).min().orElseThrow();
        Await.until(Duration.ofSeconds(30), "the restarted node catches up", () -> height(victimApi) >= othersHeight);
        assertThat(height(victimApi)).isGreaterThanOrEqualTo(victimHeightBefore);
        String victimMetrics = call(() -> new ApiClient(victimApi).metrics());
        long replayed = counter(victimMetrics, "spindle_ledger_replayedBlocks_total");
        assertThat(replayed).as("blocks replayed from storage").isGreaterThanOrEqualTo(victimHeightBefore);
        // A stopped node's loop may finish the block in hand, so what the victim stored is read back from
        // its replay count: whatever it lacked of the shard's height at the restart came from peers.
        long fetched = counter(victimMetrics, "spindle_ledger_syncedBlocks_total")
                + counter(victimMetrics, "spindle_bft_syncAdopted_total")
                + counter(victimMetrics, "spindle_ledger_snapshotsInstalled_total");
        String counters = victimMetrics.lines()
                .filter(l -> l.startsWith("spindle_ledger_") || l.startsWith("spindle_bft_"))
                .collect(java.util.stream.Collectors.joining("\n"));
        if (replayed < othersAtRestart) {
            assertThat(fetched).as("blocks fetched from peers (stored %d, shard at %d); the victim's counters:%n%s",
                    replayed, othersAtRestart, counters).isPositive();
        }
        for (Hash h : sent) {
            ApiClient.Reply r = call(() -> new ApiClient(victimApi).txStatus(h));
            if (r.text("shard").equals("0") || r.text("status").equals("final")) {
                assertThat(r.text("status")).as("status of %s on the restarted node", h).isIn("final", "pending");
            }
        }
        Await.until(Duration.ofSeconds(20), "the restarted node agrees on the shard-0 recipient's balance",
                () -> balanceAt(victimApi, recipients[0]).equals(received[0]));
        // Relays are repeated until acknowledged: give them time, then check nothing was credited twice.
        Thread.sleep(2_500);
        assertThat(balance(recipients[0])).isEqualTo(received[0]);
        assertThat(balance(recipients[1])).isEqualTo(received[1]);
        assertThat(balanceAt(victimApi, recipients[0])).isEqualTo(received[0]);
    }

    @Test
    @Order(3)
    void theWholeDevnetStopsAndResumesFromItsDirectoryWithEveryFinalTransfer() throws Exception {
        Address to = recipientIn(1);
        int shardOfSender = ShardMath.shardOf(SPEC.account(2), SPEC.shards());
        String api = apis.stream().filter(a -> a.shard() == shardOfSender).findFirst().orElseThrow().url();
        long nonce = call(() -> new ApiClient(api).account(SPEC.account(2))).body().get("nonce").asLong();
        List<Hash> before = sendTwenty(api, nonce, to);
        Await.until(Duration.ofSeconds(30), "the transfers before the stop are final",
                () -> before.stream().allMatch(this::isFinal));
        long[] heights = apis.stream().mapToLong(a -> height(a.url())).toArray();
        devnet.close();
        devnet = InProcessDevnet.start(DevnetLayout.open(dir));
        Await.until(Duration.ofSeconds(30), "every node commits beyond its height before the stop", () -> apis.stream()
                .allMatch(a -> height(a.url()) > heights[a.node()]));
        for (DevnetLayout.Api a : apis) {
            if (a.shard() == shardOfSender) {
                for (Hash h : before) {
                    assertThat(call(() -> new ApiClient(a.url()).txStatus(h)).text("status"))
                            .as("transfer %s on node %d after the restart", h, a.node()).isEqualTo("final");
                }
            }
        }
        List<Hash> after = sendTwenty(api, nonce + 20, to);
        Await.until(Duration.ofSeconds(30), "the transfers after the restart are final",
                () -> after.stream().allMatch(this::isFinal));
        assertThat(call(() -> new ApiClient(api).account(SPEC.account(2))).body().get("nonce").asLong())
                .isEqualTo(nonce + 40);
    }

    private List<Hash> sendTwenty(String api, long firstNonce, Address to) {
        List<Hash> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Bytes raw = TransactionSigner.sign(UnsignedTransfer.legacy(SPEC.chainId(), firstNonce + i, to,
                    BigInteger.TWO, GAS, PRICE), SPEC.accountKeys(2).privateKey());
            ApiClient.Reply r = call(() -> new ApiClient(api).submit(raw));
            assertThat(r.ok()).as("submission answered %s", r.body()).isTrue();
            sent.add(Hash.fromHex(r.text("hash")));
        }
        return sent;
    }

    @Test
    @Order(2)
    void badRequestsGetAJsonReasonAndTheNodeKeepsServing() throws Exception {
        ApiClient api = new ApiClient(apis.get(0).url());
        ApiClient.Reply notJson = api.post("/tx", "{\"raw\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.text("error")).contains("not JSON");
        ApiClient.Reply noRaw = api.post("/tx", "{\"tx\": 1}");
        assertThat(noRaw.status()).isEqualTo(400);
        ApiClient.Reply notHex = api.post("/tx", "{\"raw\": \"0xzz\"}");
        assertThat(notHex.status()).isEqualTo(400);
        assertThat(notHex.text("error")).contains("hex");
        Bytes good = TransactionSigner.sign(UnsignedTransfer.legacy(SPEC.chainId(), 0, recipientIn(0), BigInteger.ONE,
                GAS, PRICE), SPEC.accountKeys(0).privateKey());
        byte[] bad = good.toArray();
        Arrays.fill(bad, bad.length - 32, bad.length, (byte) 0xFF);
        ApiClient.Reply badSignature = api.submit(Bytes.wrap(bad));
        assertThat(badSignature.status()).isEqualTo(400);
        assertThat(badSignature.text("reason")).isIn("HIGH_S", "INVALID_SIGNATURE");
        ApiClient.Reply wrongChain = api.submit(TransactionSigner.sign(UnsignedTransfer.legacy(1, 0, recipientIn(0),
                BigInteger.ONE, GAS, PRICE), SPEC.accountKeys(0).privateKey()));
        assertThat(wrongChain.text("reason")).isEqualTo("WRONG_CHAIN_ID");
        Bytes otherChain = TransactionSigner.sign(UnsignedTransfer.legacy(1, 0, recipientIn(0), BigInteger.ONE, GAS,
                PRICE), SPEC.accountKeys(0).privateKey());
        ApiClient.Reply batch = api.post("/txs", "{\"skip\": {\"raw\": [1]}, \"raw\": [\"0xzz\", 5, \"0x123\", \""
                + otherChain.toHex() + "\"]}");
        assertThat(batch.status()).as(batch.body().toString()).isEqualTo(200);
        assertThat(batch.body().toString()).contains("not a hex string", "raw must be a hex string", "odd number",
                "WRONG_CHAIN_ID");
        assertThat(api.post("/txs", "{\"raw\": [").text("error")).contains("not JSON");
        assertThat(api.post("/txs", "{\"raw\": \"0x00\"}").status()).isEqualTo(400);
        assertThat(api.post("/txs", "{\"raw\": [" + "\"0x00\",".repeat(1000) + "\"0x00\"]}").status())
                .as("more than a thousand entries").isEqualTo(400);
        assertThat(api.get("/tx/0x1234").status()).isEqualTo(400);
        assertThat(api.get("/account/nothex").status()).isEqualTo(400);
        assertThat(api.status().ok()).isTrue();
        assertThat(api.metrics()).contains("spindle_api_txRejected_" + badSignature.text("reason") + "_total",
                "spindle_bft_commits_total");
    }

    private static long counter(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + "{")).mapToLong(l -> Long.parseLong(l.substring(
                l.lastIndexOf(' ') + 1))).sum();
    }

    private String apiOf(int node) {
        return apis.stream().filter(a -> a.node() == node).findFirst().orElseThrow().url();
    }

    private boolean isFinal(Hash h) {
        for (DevnetLayout.Api a : apis) {
            if (devnet.running(a.node()) && call(() -> new ApiClient(a.url()).txStatus(h)).text("status")
                    .equals("final")) {
                return true;
            }
        }
        return false;
    }

    private BigInteger balance(Address a) {
        int shard = ShardMath.shardOf(a, SPEC.shards());
        String url = apis.stream().filter(x -> x.shard() == shard && devnet.running(x.node())).findFirst()
                .orElseThrow().url();
        return balanceAt(url, a);
    }

    private static BigInteger balanceAt(String url, Address a) {
        ApiClient.Reply r = call(() -> new ApiClient(url).account(a));
        assertThat(r.ok()).as("account answer %s", r.body()).isTrue();
        return new BigInteger(r.text("balance"));
    }

    private static long height(String url) {
        try {
            ApiClient.Reply r = new ApiClient(url).status();
            return r.ok() ? r.body().get("height").asLong() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Address recipientIn(int shard) {
        for (int i = 0; ; i++) {
            byte[] h = Hashing.keccak256(("e2e-recipient-" + i).getBytes(StandardCharsets.UTF_8)).bytes().toArray();
            Address a = Address.wrap(Arrays.copyOf(h, Address.SIZE));
            if (ShardMath.shardOf(a, SPEC.shards()) == shard) {
                return a;
            }
        }
    }

    interface Call<T> {
        T run() throws IOException, InterruptedException;
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
