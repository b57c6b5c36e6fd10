package org.spindle.cli.node;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Secp256k1;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.TransactionSigner;
import org.spindle.core.ledger.UnsignedTransfer;
import org.spindle.node.api.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spindle tx send|status}: sign and submit a transfer, or ask where a transaction stands. */
@Command(name = "tx", mixinStandardHelpOptions = true, description = "Send a transfer or ask a transaction's status.",
        subcommands = {TxCommand.Send.class, TxCommand.Status.class})
public final class TxCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static class Target {
        @Option(names = "--api", paramLabel = "URL", description = "A node's API (repeatable); default: the devnet's in --dir.")
        List<String> apis;

        @Option(names = "--dir", defaultValue = "devnet-data", paramLabel = "DIR",
                description = "Devnet directory whose apis.txt lists the nodes (default: ${DEFAULT-VALUE}).")
        Path dir;
    }

    @Command(name = "send", mixinStandardHelpOptions = true, description = "Sign a transfer and submit it to a node of the sender's shard.")
    static final class Send implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--from-key", required = true, paramLabel = "HEX", description = "The sender's secp256k1 private key.")
        String fromKey;

        @Option(names = "--to", required = true, paramLabel = "ADDRESS")
        String to;

        @Option(names = "--value", required = true, paramLabel = "WEI")
        BigInteger value;

        @Option(names = "--nonce", paramLabel = "N", description = "Default: the sender's next nonce, asked from the API.")
        Long nonce;

        @Option(names = "--gas-price", defaultValue = "1", paramLabel = "WEI", description = "Default: ${DEFAULT-VALUE}.")
        BigInteger gasPrice;

        @Option(names = "--wait", description = "Wait until the transaction is final and say where and how long it took.")
        boolean await;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                var keys = Secp256k1.INSTANCE.keyPairOfPrivateKey(Bytes.fromHex(fromKey));
                Address from = Secp256k1.address(keys.publicKey());
                Address recipient = Address.fromHex(to);
                Endpoints e = Endpoints.resolve(target.apis, target.dir);
                int shard = ShardMath.shardOf(from, e.shards());
                ApiClient api = new ApiClient(e.forShard(shard).get(0));
                long n = nonce != null ? nonce : api.account(from).body().get("nonce").asLong();
                Bytes raw = TransactionSigner.sign(UnsignedTransfer.legacy(e.chainId(), n, recipient, value, 21_000,
                        gasPrice), keys.privateKey());
                long sent = System.nanoTime();
                ApiClient.Reply r = api.submit(raw);
                if (!r.ok()) {
                    err.println("spindle tx send: refused: " + r.text("error"));
                    err.flush();
                    return 1;
                }
                out.printf("sent %s from %s (shard %d, nonce %d) to %s (shard %d)%n", r.text("hash"), from.toHex(),
                        shard, n, recipient.toHex(), ShardMath.shardOf(recipient, e.shards()));
                out.flush();
                if (await) {
                    Hash h = Hash.fromHex(r.text("hash"));
                    for (int i = 0; i < 1200; i++) {
                        ApiClient.Reply s = api.txStatus(h);
                        if (s.text("status").equals("final")) {
                            out.printf("final in shard %s at height %s after %d ms%n", s.text("shard"), s.text("height"),
                                    (System.nanoTime() - sent) / 1_000_000);
                            return 0;
                        }
                        if (s.text("status").equals("rejected")) {
                            err.println("spindle tx send: rejected: " + s.text("reason"));
                            err.flush();
                            return 1;
                        }
                        Thread.sleep(50);
                    }
                    err.println("spindle tx send: not final after 60 s");
                    err.flush();
                    return 1;
                }
                return 0;
            } catch (IllegalArgumentException | IOException e) {
                err.println("spindle tx send: " + e.getMessage());
                err.flush();
                return 2;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Ask the nodes where a transaction stands.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Parameters(paramLabel = "HASH")
        String hash;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Hash h = Hash.fromHex(hash);
                Endpoints e = Endpoints.resolve(target.apis, target.dir);
                String best = "unknown";
                for (var a : e.apis()) {
                    ApiClient.Reply r;
                    try {
                        r = new ApiClient(a.url()).txStatus(h);
                    } catch (IOException down) {
                        continue;
                    }
                    String s = r.text("status");
                    if (s.equals("final")) {
                        out.printf("%s final in shard %s at height %s%n", h.toHex(), r.text("shard"), r.text("height"));
                        return 0;
                    }
                    if (s.equals("rejected")) {
                        best = "rejected: " + r.text("reason");
                    } else if (s.equals("pending") && best.equals("unknown")) {
                        best = "pending (shard " + r.text("shard") + ")";
                    }
                }
                out.println(h.toHex() + " " + best);
                return best.equals("unknown") ? 1 : 0;
            } catch (IllegalArgumentException | IOException e) {
                err.println("spindle tx status: " + e.getMessage());
                err.flush();
                return 2;
            }
        }
    }
}
