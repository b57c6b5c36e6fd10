package org.spindle.protocol.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.runtime.NodeId;

class GenesisParserTest {
    private static final String A1 = "0x00000000000000000000000000000000000000a1";
    private static final String A2 = "0x00000000000000000000000000000000000000B2";

    private static String key(int i) {
        return TestKeys.keyPair(i).publicKey().bytes().toHex();
    }

    private static String validator(int id, String key, String stake) {
        return "{\"id\": " + id + ", \"publicKey\": \"" + key + "\", \"stake\": " + stake + "}";
    }

    private static String json(String validators, String accounts, String membership) {
        return "{\"chainId\": 7, \"validators\": [" + validators + "], \"accounts\": {" + accounts + "},"
                + " \"parameters\": {\"epochLengthMicros\": 60000000, \"reconfigurationFraction\": 0.1,"
                + " \"randomnessCommittee\": 3, \"membership\": " + membership + "}}";
    }

    private static final String VALIDATORS = validator(0, key(0), "100") + ", " + validator(1, key(1), "200") + ", "
            + validator(2, key(2), "300") + ", " + validator(3, key(3), "400");
    private static final String ACCOUNTS = "\"" + A1 + "\": 1000, \"" + A2 + "\": \"123456789012345678901234567890\"";
    private static final String BASELINE = "{\"rule\": \"baseline\", \"shardCount\": 2}";

    private static Genesis parsed(GenesisResult r) {
        assertThat(r).isInstanceOf(GenesisResult.Parsed.class);
        return ((GenesisResult.Parsed) r).genesis();
    }

    private static GenesisResult.Rejected rejected(GenesisResult r) {
        assertThat(r).isInstanceOf(GenesisResult.Rejected.class);
        return (GenesisResult.Rejected) r;
    }

    @Test
    void wellFormedJsonGenesisParsesWithEveryField() {
        Genesis g = parsed(GenesisParser.parseJson(json(VALIDATORS, ACCOUNTS, BASELINE)));
        assertThat(g.chainId()).isEqualTo(7);
        assertThat(g.validators()).extracting(Validator::stake).containsExactly(100L, 200L, 300L, 400L);
        assertThat(g.accounts()).containsEntry(Address.fromHex(A2), new BigInteger("123456789012345678901234567890"));
        assertThat(g.parameters().membership()).isEqualTo(new MembershipConfig.Baseline(new ShardCount.Fixed(2)));
        assertThat(g.parameters().randomnessCommittee()).isEqualTo(3);
        assertThat(g.totalSupply()).isEqualTo(new BigInteger("123456789012345678901234568890"));
        assertThat(g.initialMembership().shardCount()).isEqualTo(2);
        assertThat(g.initialMembership().validators()).hasSize(4);
    }

    @Test
    void genesisStateRootIsTheWorldStateRootOfTheFundedAccounts() {
        Genesis g = parsed(GenesisParser.parseJson(json(VALIDATORS, ACCOUNTS, BASELINE)));
        Map<Address, BigInteger> balances = new TreeMap<>(g.accounts());
        assertThat(g.stateRoot()).isEqualTo(WorldState.genesis(0, 1, balances).root());
        assertThat(g.shardStateRoots(4)).hasSize(4);
        Genesis poorer = parsed(GenesisParser.parseJson(json(VALIDATORS, "\"" + A1 + "\": 999", BASELINE)));
        assertThat(poorer.stateRoot()).isNotEqualTo(g.stateRoot());
    }

    @Test
    void yamlAndJsonOfTheSameGenesisAreEqualAndHashAlike() {
        String yaml = """
                chainId: 7
                validators:
                  - {id: 0, publicKey: "%s", stake: 100}
                  - {id: 1, publicKey: "%s", stake: 200}
                  - {id: 2, publicKey: "%s", stake: 300}
                  - {id: 3, publicKey: "%s", stake: 400}
                accounts:
                  "%s": 1000
                  "%s": "123456789012345678901234567890"
                parameters:
                  epochLengthMicros: 60000000
                  reconfigurationFraction: 0.1
                  randomnessCommittee: 3
                  membership: {rule: baseline, shardCount: 2}
                """.formatted(key(0), key(1), key(2), key(3), A1, A2);
        Genesis fromYaml = parsed(GenesisParser.parseYaml(yaml));
        Genesis fromJson = parsed(GenesisParser.parseJson(json(VALIDATORS, ACCOUNTS, BASELINE)));
        assertThat(fromYaml).isEqualTo(fromJson);
        assertThat(fromYaml.hash()).isEqualTo(fromJson.hash());
        assertThat(fromYaml.initialRandomness()).isEqualTo(fromJson.initialRandomness());
    }

    @Test
    void exampleGenesisFileParses() throws Exception {
        String text;
        try (var in = GenesisParserTest.class.getResourceAsStream("/genesis/example.yaml")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Genesis g = parsed(GenesisParser.parseYaml(text));
        assertThat(g.chainId()).isEqualTo(1337);
        assertThat(g.registry().active()).hasSize(7);
        assertThat(g.totalSupply()).isEqualTo(new BigInteger("1000000000000000000500"));
        Membership m = g.initialMembership();
        assertThat(m.shardCount()).isEqualTo(3);
        assertThat(m.grouping(SpiralShardMembership.ENDORSEMENT_GROUPS).orElseThrow().groupOfShard()).containsExactly(0, 0, 1);
        assertThat(g.validators().get(0).publicKey()).isEqualTo(TestKeys.keyPair(0).publicKey().bytes());
    }

    @Test
    void unquotedHexInYamlIsRejectedWithAHint() {
        String yaml = "chainId: 1\nvalidators:\n  - {id: 0, publicKey: 0x" + "ab".repeat(32) + ", stake: 1}\n"
                + "accounts: {}\nparameters: {epochLengthMicros: 1, reconfigurationFraction: 0,"
                + " membership: {rule: baseline, shardCount: 1}}\n";
        GenesisResult.Rejected r = rejected(GenesisParser.parseYaml(yaml));
        assertThat(r.field()).isEqualTo("validators[0].publicKey");
        assertThat(r.reason()).contains("quote hex values");
    }

    @Test
    void reticulumAndSpiralShardRulesParse() {
        String validators = String.join(", ", java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> validator(i, key(i), "10")).toList());
        Genesis r = parsed(GenesisParser.parseJson(json(validators, ACCOUNTS,
                "{\"rule\": \"reticulum\", \"processShardSize\": 3, \"controlShardSize\": 6}")));
        assertThat(r.initialMembership().shardCount()).isEqualTo(4);
        assertThat(r.initialMembership().grouping(ReticulumMembership.CONTROL_SHARDS).orElseThrow().groupCount()).isEqualTo(2);
        Genesis s = parsed(GenesisParser.parseJson(json(validators, ACCOUNTS,
                "{\"rule\": \"spiralshard\", \"shardSize\": 2, \"groupSize\": 3}")));
        assertThat(s.initialMembership().shardCount()).isEqualTo(6);
        assertThat(s.initialMembership().grouping(SpiralShardMembership.ENDORSEMENT_GROUPS).orElseThrow().groupCount())
                .isEqualTo(2);
        Genesis secure = parsed(GenesisParser.parseJson(json(validators, ACCOUNTS,
                "{\"rule\": \"baseline\", \"adversary\": 0.1, \"failureTarget\": 0.01, \"consensus\": \"psync\"}")));
        assertThat(secure.parameters().membership()).isInstanceOf(MembershipConfig.Baseline.class);
    }

    @Test
    void standbyValidatorsAreRegisteredButNotAssigned() {
        String validators = VALIDATORS + ", {\"id\": 9, \"publicKey\": \"" + key(9) + "\", \"stake\": 5, \"status\": \"standby\"}";
        Genesis g = parsed(GenesisParser.parseJson(json(validators, ACCOUNTS, BASELINE)));
        assertThat(g.registry().validator(NodeId.of(9)).orElseThrow().status()).isEqualTo(ValidatorStatus.STANDBY);
        assertThat(g.initialMembership().validators()).doesNotContain(NodeId.of(9));
    }

    @Test
    void missingFieldIsNamed() {
        String text = json(VALIDATORS, ACCOUNTS, BASELINE).replace("\"chainId\": 7, ", "");
        assertThat(rejected(GenesisParser.parseJson(text)).field()).isEqualTo("chainId");
        String noEpoch = json(VALIDATORS, ACCOUNTS, BASELINE).replace("\"epochLengthMicros\": 60000000, ", "");
        GenesisResult.Rejected r = rejected(GenesisParser.parseJson(noEpoch));
        assertThat(r.field()).isEqualTo("parameters.epochLengthMicros");
        assertThat(r.reason()).isEqualTo("missing");
    }

    @Test
    void negativeStakeIsRejected() {
        String v = validator(0, key(0), "100") + ", " + validator(1, key(1), "-5");
        GenesisResult.Rejected r = rejected(GenesisParser.parseJson(json(v, ACCOUNTS, BASELINE)));
        assertThat(r.field()).isEqualTo("validators[1].stake");
        assertThat(r.reason()).contains("negative");
    }

    @Test
    void zeroStakeIsRejected() {
        String v = validator(0, key(0), "0") + ", " + validator(1, key(1), "5");
        assertThat(rejected(GenesisParser.parseJson(json(v, ACCOUNTS, BASELINE))).field()).isEqualTo("validators[0].stake");
    }

    @Test
    void duplicateValidatorIdIsRejected() {
        String v = validator(0, key(0), "100") + ", " + validator(0, key(1), "100");
        GenesisResult.Rejected r = rejected(GenesisParser.parseJson(json(v, ACCOUNTS, BASELINE)));
        assertThat(r.field()).isEqualTo("validators[1].id");
        assertThat(r.reason()).contains("duplicate validator id 0");
    }

    @Test
    void duplicatePublicKeyIsRejected() {
        String v = validator(0, key(0), "100") + ", " + validator(1, key(0), "100");
        GenesisResult.Rejected r = rejected(GenesisParser.parseJson(json(v, ACCOUNTS, BASELINE)));
        assertThat(r.field()).isEqualTo("validators[1].publicKey");
        assertThat(r.reason()).contains("duplicate public key");
    }

    @Test
    void publicKeyOfTheWrongLengthIsRejected() {
        String v = validator(0, "0xabcd", "100");
        assertThat(rejected(GenesisParser.parseJson(json(v, ACCOUNTS, BASELINE))).field()).isEqualTo("validators[0].publicKey");
    }

    @Test
    void badHexAddressIsRejected() {
        GenesisResult.Rejected r = rejected(GenesisParser.parseJson(json(VALIDATORS,
                "\"0x00000000000000000000000000000000000000zz\": 5", BASELINE)));
        assertThat(r.field()).isEqualTo("accounts.0x00000000000000000000000000000000000000zz");
        GenesisResult.Rejected shortAddress = rejected(GenesisParser.parseJson(json(VALIDATORS, "\"0x1234\": 5", BASELINE)));
        assertThat(shortAddress.reason()).contains("40 hex digits");
    }

    @Test
    void sameAddressInTwoLetterCasesIsRejected() {
        String accounts = "\"" + A2 + "\": 1, \"" + A2.toLowerCase() + "\": 2";
        assertThat(rejected(GenesisParser.parseJson(json(VALIDATORS, accounts, BASELINE))).reason()).contains("twice");
    }

    @Test
    void unknownKeyIsRejectedAtEveryLevel() {
        String top = json(VALIDATORS, ACCOUNTS, BASELINE).replace("\"chainId\": 7,", "\"chainId\": 7, \"extra\": 1,");
        assertThat(rejected(GenesisParser.parseJson(top)).field()).isEqualTo("extra");
        String inValidator = json(validator(0, key(0), "100 , \"colour\": \"red\""), ACCOUNTS, BASELINE);
        assertThat(rejected(GenesisParser.parseJson(inValidator)).field()).isEqualTo("validators[0].colour");
        String inMembership = json(VALIDATORS, ACCOUNTS, "{\"rule\": \"baseline\", \"shardCount\": 2, \"groupSize\": 3}");
        assertThat(rejected(GenesisParser.parseJson(inMembership)).field()).isEqualTo("parameters.membership.groupSize");
    }

    @Test
    void zeroValidatorsAreRejected() {
        GenesisResult.Rejected r = rejected(GenesisParser.parseJson(json("", ACCOUNTS, BASELINE)));
        assertThat(r.field()).isEqualTo("validators");
        assertThat(r.reason()).contains("at least one");
    }

    @Test
    void onlyStandbyValidatorsAreRejected() {
        String v = "{\"id\": 0, \"publicKey\": \"" + key(0) + "\", \"stake\": 5, \"status\": \"standby\"}";
        assertThat(rejected(GenesisParser.parseJson(json(v, ACCOUNTS, BASELINE))).reason()).contains("active");
    }

    @Test
    void totalSupplyOverflowIsRejected() {
        String big = BigInteger.ONE.shiftLeft(255).toString();
        String accounts = "\"" + A1 + "\": \"" + big + "\", \"" + A2 + "\": \"" + big + "\"";
        GenesisResult.Rejected r = rejected(GenesisParser.parseJson(json(VALIDATORS, accounts, BASELINE)));
        assertThat(r.reason()).contains("total supply overflows 256 bits");
        assertThat(r.field()).startsWith("accounts.");
    }

    @Test
    void totalStakeOverflowIsRejected() {
        String v = validator(0, key(0), Long.toString(Long.MAX_VALUE)) + ", " + validator(1, key(1), "1");
        GenesisResult.Rejected r = rejected(GenesisParser.parseJson(json(v, ACCOUNTS, BASELINE)));
        assertThat(r.field()).isEqualTo("validators[1].stake");
        assertThat(r.reason()).contains("overflows");
    }

    @Test
    void negativeBalanceAndDuplicateJsonKeysAndMalformedTextAreRejected() {
        assertThat(rejected(GenesisParser.parseJson(json(VALIDATORS, "\"" + A1 + "\": -1", BASELINE))).reason())
                .contains("negative");
        String dupKey = json(VALIDATORS, ACCOUNTS, BASELINE).replace("\"chainId\": 7,", "\"chainId\": 7, \"chainId\": 8,");
        assertThat(rejected(GenesisParser.parseJson(dupKey)).field()).isEqualTo("(document)");
        assertThat(rejected(GenesisParser.parseJson("{\"chainId\": ")).reason()).startsWith("not well-formed");
        assertThat(rejected(GenesisParser.parseJson("[1, 2]")).field()).isEqualTo("(document)");
    }

    @Test
    void membershipThatTheValidatorsCannotFillIsRejected() {
        GenesisResult.Rejected r = rejected(GenesisParser.parseJson(json(VALIDATORS, ACCOUNTS,
                "{\"rule\": \"baseline\", \"shardCount\": 5}")));
        assertThat(r.field()).isEqualTo("parameters.membership");
        GenesisResult.Rejected two = rejected(GenesisParser.parseJson(json(VALIDATORS, ACCOUNTS,
                "{\"rule\": \"baseline\", \"shardCount\": 2, \"shardSize\": 3}")));
        assertThat(two.reason()).contains("exactly one");
        GenesisResult.Rejected rule = rejected(GenesisParser.parseJson(json(VALIDATORS, ACCOUNTS, "{\"rule\": \"magic\"}")));
        assertThat(rule.field()).isEqualTo("parameters.membership.rule");
    }

    @Test
    void reconfigurationFractionOutsideTheUnitIntervalIsRejected() {
        String text = json(VALIDATORS, ACCOUNTS, BASELINE).replace("\"reconfigurationFraction\": 0.1", "\"reconfigurationFraction\": 1.5");
        assertThat(rejected(GenesisParser.parseJson(text)).field()).isEqualTo("parameters.reconfigurationFraction");
    }
}
