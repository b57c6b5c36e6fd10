package org.spindle.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeFileTest {
    private static final String SEED = "0x" + "11".repeat(32);

    @TempDir
    Path dir;

    private static String good(String protocol) {
        return """
                index: 1
                keySeed: "%s"
                port: 0
                shards: [0, 2]
                bootnode: 127.0.0.1:30300
                dataDir: data/n1
                protocol:
                %s
                """.formatted(SEED, protocol.indent(2).stripTrailing());
    }

    private NodeSetup load(String text) throws Exception {
        Path f = dir.resolve("node.yaml");
        Files.writeString(f, text);
        return NodeFile.load(f);
    }

    @Test
    void aBftConfigGivesANodeOfThatIndexWithDataBesideTheFile() throws Exception {
        NodeSetup s = load(good("name: bft\nmembers: 4\nbaseTimeoutMs: 500"));
        assertThat(s.protocol()).isEqualTo("bft");
        assertThat(s.config().index()).isEqualTo(1);
        assertThat(s.config().shards()).containsExactly(0, 2);
        assertThat(s.config().dataDir()).isEqualTo(dir.toAbsolutePath().resolve("data/n1"));
        assertThat(s.config().bootnode().getPort()).isEqualTo(30300);
        assertThat(s.serveBootnode()).isEmpty();
    }

    @Test
    void aBaselineConfigLinksToEveryShardAndServesAnApi() throws Exception {
        NodeSetup s = load(good("name: baseline\nshards: 3\nnodesPerShard: 4\naccounts: 2\nseed: x")
                + "api: {port: 8545}\n");
        assertThat(s.protocol()).isEqualTo("baseline");
        assertThat(s.config().shards()).containsExactly(0, 1, 2);
        assertThat(s.wire()).isSameAs(org.spindle.node.ProtocolWires.LEDGER);
        assertThat(s.api()).hasValueSatisfying(a -> {
            assertThat(a.port()).isEqualTo(8545);
            assertThat(a.ledger().nodes()).isEqualTo(12);
            assertThat(a.ledger().chainId()).isEqualTo(1337);
        });
    }

    @Test
    void anApiOnANodeWithoutALedgerAndABaselineIndexOutsideTheNetworkAreRejected() {
        assertThatThrownBy(() -> load(good("name: bft\nmembers: 4") + "api: {port: 1}\n"))
                .hasMessageContaining("'api'");
        assertThatThrownBy(() -> load(good("name: baseline\nshards: 1\nnodesPerShard: 1")))
                .hasMessageContaining("'protocol.nodesPerShard'");
    }

    @Test
    void aJsonGossipConfigIsAcceptedToo() throws Exception {
        NodeSetup s = load("""
                {"index": 0, "keySeed": "%s", "bootnode": "localhost:4000", "serveBootnode": true,
                 "dataDir": "d", "protocol": {"name": "gossip", "nodes": 3,
                 "publish": {"count": 5, "intervalMs": 10}}}
                """.formatted(SEED));
        assertThat(s.protocol()).isEqualTo("gossip");
        assertThat(s.serveBootnode()).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            port out of range   | port: 70000         | 'port' must be in 0..65535
            misspelt key        | prot: 4000          | 'prot' is not a known key
            bad bootnode        | bootnode: nowhere   | 'bootnode' must be host:port
            short key seed      | keySeed: "0x1234"   | 'keySeed' must be 32 bytes
            non-hex key seed    | keySeed: "zz"       | 'keySeed'
            shard listed twice  | shards: [1, 1]      | 'shards'
            """)
    void aBadTopLevelValueIsRejectedNamingItsKey(String what, String line, String expected) {
        String key = line.substring(0, line.indexOf(':'));
        StringBuilder text = new StringBuilder();
        good("name: bft\nmembers: 4").lines().filter(l -> !l.startsWith(key + ":"))
                .forEach(l -> text.append(l).append('\n'));
        text.append(line).append('\n');
        assertThatThrownBy(() -> load(text.toString())).isInstanceOf(NodeFileException.class)
                .hasMessageContaining("node.yaml").hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown protocol      | name: paxos                                   | 'protocol.name' must be bft, gossip or baseline
            index outside members | name: bft;members: 1                          | 'protocol.members' is 1
            negative timeout      | name: bft;members: 4;baseTimeoutMs: -5        | 'protocol.baseTimeoutMs'
            unknown protocol key  | name: bft;members: 4;leader: 2                | 'protocol.leader' is not a known key
            bad topic             | name: gossip;nodes: 2;topics: [Shard!]        | 'protocol.topics'
            publish without count | name: gossip;nodes: 2;publish: {intervalMs: 5} | 'protocol.publish.count' is required
            """)
    void aBadProtocolValueIsRejectedNamingItsKey(String what, String protocol, String expected) {
        assertThatThrownBy(() -> load(good(protocol.replace(";", "\n"))))
                .isInstanceOf(NodeFileException.class).hasMessageContaining(expected);
    }

    @Test
    void aMissingRequiredKeyAndABrokenFileAreNamed() {
        assertThatThrownBy(() -> load(good("name: bft\nmembers: 4").replace("dataDir: data/n1\n", "")))
                .hasMessageContaining("'dataDir' is required");
        assertThatThrownBy(() -> load("index: [1,\n")).hasMessageContaining("not valid YAML or JSON");
        assertThatThrownBy(() -> load("- just\n- a list\n")).hasMessageContaining("must be a mapping");
    }

    @Test
    void theKeySeedNeverAppearsInAnError() {
        String secretish = "0x" + "ab".repeat(31) + "zz";
        assertThatThrownBy(() -> load(good("name: bft\nmembers: 4").replace(SEED, secretish)))
                .hasMessageContaining("'keySeed'").hasMessageNotContaining("abab");
    }
}
