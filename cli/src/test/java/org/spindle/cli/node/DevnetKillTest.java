package org.spindle.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.TransactionSigner;
import org.spindle.core.ledger.UnsignedTransfer;
import org.spindle.node.api.ApiClient;
import org.spindle.node.devnet.DevnetLayout;
import org.spindle.node.ledger.DevnetSpec;

/**
 * Real processes: a 1-shard devnet of four {@code spindle node} child processes; one is killed with
 * SIGKILL mid-load and started again on its data directory. It catches up, and every transfer
 * (before, during and after) is final on it too.
 */
class DevnetKillTest {
    private static final DevnetSpec SPEC = new DevnetSpec(1337, 1, 4, 2, "kill", 400, 500);

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    private Process spawn(Path config) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                "org.spindle.cli.Main", "node", "--config", config.toString(), "--status-every", "0")
                .redirectErrorStream(true).redirectOutput(dir.resolve(config.getFileName() + ".log").toFile()).start();
    }

    @Test
    void aNodeKilledWithSigkillMidLoadRestartsOnItsDataAndLosesNothingFinal() throws Exception {
        DevnetLayout layout = DevnetLayout.generate(dir, SPEC, true);
        List<DevnetLayout.Api> apis = DevnetLayout.apis(dir);
        try {
            for (Path f : layout.nodeFiles()) {
                processes.add(spawn(f));
            }
            await(60, "every node commits", () -> apis.stream().allMatch(a -> height(a.url()) >= 1));
            ApiClient entry = new ApiClient(apis.get(0).url());
            int victim = 3;
            List<Hash> sent = new ArrayList<>();
            long nonce = 0;
            for (; nonce < 30; nonce++) {
                sent.add(send(entry, nonce));
            }
            await(30, "the first transfers are final on the victim", () -> sent.stream()
                    .allMatch(h -> status(apis.get(victim).url(), h).equals("final")));
            long before = height(apis.get(victim).url());
            processes.get(victim).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            for (; nonce < 60; nonce++) {
                sent.add(send(entry, nonce));
            }
            processes.set(victim, spawn(layout.nodeFiles().get(victim)));
            for (; nonce < 90; nonce++) {
                sent.add(send(entry, nonce));
            }
            String victimApi = apis.get(victim).url();
            await(60, "every transfer is final on the restarted node", () -> sent.stream()
                    .allMatch(h -> status(victimApi, h).equals("final")));
            assertThat(height(victimApi)).isGreaterThan(before);
            ApiClient.Reply account = new ApiClient(victimApi).account(SPEC.account(0));
            assertThat(account.body().get("nonce").asLong()).isEqualTo(90);
            assertThat(new BigInteger(new ApiClient(victimApi).account(to()).text("balance")))
                    .isEqualTo(BigInteger.valueOf(90 * 7));
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static Address to() {
        return Address.fromHex("0x00000000000000000000000000000000000000bb");
    }

    private static Hash send(ApiClient api, long nonce) throws IOException, InterruptedException {
        Bytes raw = TransactionSigner.sign(UnsignedTransfer.legacy(SPEC.chainId(), nonce, to(), BigInteger.valueOf(7),
                21_000, BigInteger.ONE), SPEC.accountKeys(0).privateKey());
        ApiClient.Reply r = api.submit(raw);
        assertThat(r.ok()).as("submission answered %s", r.body()).isTrue();
        return Hash.fromHex(r.text("hash"));
    }

    private static String status(String url, Hash h) {
        try {
            return new ApiClient(url).txStatus(h).text("status");
        } catch (IOException e) {
            return "down";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
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

    private static void await(int seconds, String what, BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
