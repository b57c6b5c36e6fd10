package org.spindle.protocol.beacon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Ed25519;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.sizing.BaselineSizing;

/**
 * Reads a {@link Genesis} from JSON or YAML <i>text</i>; the caller reads the file, so protocol
 * code stays free of I/O. Jackson is used only as a tree parser (no data binding). Every problem is
 * reported as a {@link GenesisResult.Rejected} naming the field. Format:
 *
 * <pre>
 * chainId: 7                        # positive integer
 * validators:                       # at least one active
 *   - id: 0                         # node index, distinct
 *     publicKey: "0x…"              # 32-byte Ed25519 key, hex, distinct
 *     stake: 1000                   # positive integer; the sum must fit a signed 64-bit integer
 *     status: active                # optional: active (default) or standby
 * accounts:                         # address (0x + 40 hex) → balance (integer or decimal string)
 *   "0x00…01": "1000000000000000000"
 * parameters:
 *   epochLengthMicros: 60000000
 *   reconfigurationFraction: 0.1    # [0, 1]
 *   randomnessCommittee: 16         # optional, default: every active validator
 *   membership:
 *     rule: baseline                # baseline | reticulum | spiralshard
 *     shardCount: 4                 # baseline/spiralshard: one of shardCount, shardSize,
 *                                   #   or adversary + failureTarget (+ consensus: sync|psync)
 *     groupSize: 4                  # spiralshard only
 *     processShardSize: 15          # reticulum only
 *     controlShardSize: 45          # reticulum only
 * </pre>
 *
 * Unknown keys and duplicate keys are rejected at every level.
 */
public final class GenesisParser {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final BigInteger MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private GenesisParser() {}

    public static GenesisResult parseJson(String text) {
        return parseWith(JSON, text);
    }

    public static GenesisResult parseYaml(String text) {
        return parseWith(YAML, text);
    }

    private static GenesisResult parseWith(ObjectMapper mapper, String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return new GenesisResult.Rejected("(document)", "not well-formed: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            return new GenesisResult.Rejected("(document)", "empty");
        }
        return parse(root);
    }

    /** Builds a genesis from an already parsed tree. */
    public static GenesisResult parse(JsonNode root) {
        try {
            return new GenesisResult.Parsed(genesis(root));
        } catch (Bad e) {
            return new GenesisResult.Rejected(e.field, e.getMessage());
        }
    }

    /** A rejection on its way out; carries the field path. */
    private static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String field;

        Bad(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }

    private static Genesis genesis(JsonNode root) {
        object(root, "(document)");
        known(root, "", Set.of("chainId", "validators", "accounts", "parameters"));
        long chainId = positiveLong(required(root, "", "chainId"), "chainId");
        List<Validator> validators = validators(required(root, "", "validators"));
        TreeMap<Address, BigInteger> accounts = accounts(required(root, "", "accounts"));
        ProtocolParameters parameters = parameters(required(root, "", "parameters"));
        Genesis g;
        try {
            g = new Genesis(chainId, validators, accounts, parameters);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new Bad("(document)", e.getMessage());
        }
        int active = g.registry().active().size();
        int needed = parameters.membership().rule().minimumValidators();
        if (active < needed) {
            throw new Bad("parameters.membership", active + " active validators cannot fill the rule, which needs " + needed);
        }
        try {
            g.initialMembership();
        } catch (IllegalArgumentException e) {
            throw new Bad("parameters.membership", e.getMessage());
        }
        return g;
    }

    private static List<Validator> validators(JsonNode node) {
        if (!node.isArray()) {
            throw new Bad("validators", "must be a list");
        }
        if (node.isEmpty()) {
            throw new Bad("validators", "at least one validator is needed");
        }
        List<Validator> out = new ArrayList<>();
        Map<Integer, Integer> ids = new HashMap<>();
        Map<Bytes, Integer> keys = new HashMap<>();
        long totalStake = 0;
        boolean anyActive = false;
        for (int i = 0; i < node.size(); i++) {
            String path = "validators[" + i + "]";
            JsonNode v = node.get(i);
            object(v, path);
            known(v, path + ".", Set.of("id", "publicKey", "stake", "status"));
            long id = nonNegativeLong(required(v, path + ".", "id"), path + ".id");
            if (id > Integer.MAX_VALUE) {
                throw new Bad(path + ".id", "must be at most " + Integer.MAX_VALUE);
            }
            Integer earlier = ids.putIfAbsent((int) id, i);
            if (earlier != null) {
                throw new Bad(path + ".id", "duplicate validator id " + id + " (also validators[" + earlier + "])");
            }
            Bytes key = hex(required(v, path + ".", "publicKey"), path + ".publicKey", Ed25519.PUBLIC_KEY_SIZE);
            earlier = keys.putIfAbsent(key, i);
            if (earlier != null) {
                throw new Bad(path + ".publicKey", "duplicate public key (also validators[" + earlier + "])");
            }
            long stake = positiveLong(required(v, path + ".", "stake"), path + ".stake");
            try {
                totalStake = Math.addExact(totalStake, stake);
            } catch (ArithmeticException e) {
                throw new Bad(path + ".stake", "total stake overflows a signed 64-bit integer");
            }
            ValidatorStatus status = ValidatorStatus.ACTIVE;
            JsonNode s = v.get("status");
            if (s != null) {
                status = switch (text(s, path + ".status").toLowerCase(Locale.ROOT)) {
                    case "active" -> ValidatorStatus.ACTIVE;
                    case "standby" -> ValidatorStatus.STANDBY;
                    default -> throw new Bad(path + ".status", "must be active or standby, got " + s.asText());
                };
            }
            anyActive |= status == ValidatorStatus.ACTIVE;
            out.add(new Validator(NodeId.of((int) id), key, stake, status));
        }
        if (!anyActive) {
            throw new Bad("validators", "at least one validator must be active");
        }
        return out;
    }

    private static TreeMap<Address, BigInteger> accounts(JsonNode node) {
        object(node, "accounts");
        TreeMap<Address, BigInteger> out = new TreeMap<>();
        BigInteger supply = BigInteger.ZERO;
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "accounts." + e.getKey();
            Address address = address(e.getKey(), path);
            BigInteger balance = balance(e.getValue(), path);
            if (out.put(address, balance) != null) {
                throw new Bad(path, "the same address appears twice (letter case differs)");
            }
            supply = supply.add(balance);
            if (supply.compareTo(MAX_UINT256) > 0) {
                throw new Bad(path, "total supply overflows 256 bits");
            }
        }
        return out;
    }

    private static ProtocolParameters parameters(JsonNode node) {
        object(node, "parameters");
        String p = "parameters.";
        known(node, p, Set.of("epochLengthMicros", "reconfigurationFraction", "randomnessCommittee", "membership"));
        long epochLength = positiveLong(required(node, p, "epochLengthMicros"), p + "epochLengthMicros");
        double fraction = number(required(node, p, "reconfigurationFraction"), p + "reconfigurationFraction");
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new Bad(p + "reconfigurationFraction", "must be in [0, 1], got " + fraction);
        }
        int committee = Integer.MAX_VALUE;
        JsonNode c = node.get("randomnessCommittee");
        if (c != null) {
            long t = positiveLong(c, p + "randomnessCommittee");
            committee = (int) Math.min(t, Integer.MAX_VALUE);
        }
        MembershipConfig membership = membership(required(node, p, "membership"));
        return new ProtocolParameters(membership, epochLength, fraction, committee);
    }

    private static MembershipConfig membership(JsonNode node) {
        String path = "parameters.membership";
        object(node, path);
        String p = path + ".";
        String rule = text(required(node, p, "rule"), p + "rule");
        try {
            return switch (rule) {
                case "baseline" -> {
                    known(node, p, Set.of("rule", "shardCount", "shardSize", "adversary", "failureTarget", "consensus"));
                    yield new MembershipConfig.Baseline(shardCount(node, p));
                }
                case "spiralshard" -> {
                    known(node, p, Set.of("rule", "shardCount", "shardSize", "adversary", "failureTarget", "consensus", "groupSize"));
                    int g = positiveInt(required(node, p, "groupSize"), p + "groupSize");
                    yield new MembershipConfig.SpiralShard(shardCount(node, p), g);
                }
                case "reticulum" -> {
                    known(node, p, Set.of("rule", "processShardSize", "controlShardSize"));
                    int np = positiveInt(required(node, p, "processShardSize"), p + "processShardSize");
                    int nc = positiveInt(required(node, p, "controlShardSize"), p + "controlShardSize");
                    if (nc < np) {
                        throw new Bad(p + "controlShardSize", "must be at least processShardSize (" + np + "), got " + nc);
                    }
                    yield new MembershipConfig.Reticulum(np, nc);
                }
                default -> throw new Bad(p + "rule", "must be baseline, reticulum or spiralshard, got " + rule);
            };
        } catch (IllegalArgumentException e) {
            throw new Bad(path, e.getMessage());
        }
    }

    private static ShardCount shardCount(JsonNode node, String p) {
        boolean count = node.has("shardCount");
        boolean size = node.has("shardSize");
        boolean secure = node.has("adversary") || node.has("failureTarget") || node.has("consensus");
        if ((count ? 1 : 0) + (size ? 1 : 0) + (secure ? 1 : 0) != 1) {
            throw new Bad(p + "shardCount", "give exactly one of shardCount, shardSize, or adversary + failureTarget");
        }
        if (count) {
            return new ShardCount.Fixed(positiveInt(node.get("shardCount"), p + "shardCount"));
        }
        if (size) {
            return new ShardCount.TargetSize(positiveInt(node.get("shardSize"), p + "shardSize"));
        }
        double adversary = number(required(node, p, "adversary"), p + "adversary");
        if (!(adversary >= 0 && adversary < 1)) {
            throw new Bad(p + "adversary", "must be in [0, 1), got " + adversary);
        }
        double target = number(required(node, p, "failureTarget"), p + "failureTarget");
        if (!(target > 0 && target < 1)) {
            throw new Bad(p + "failureTarget", "must be in (0, 1), got " + target);
        }
        BaselineSizing.Model model = BaselineSizing.Model.PSYNC;
        if (node.has("consensus")) {
            model = switch (text(node.get("consensus"), p + "consensus")) {
                case "sync" -> BaselineSizing.Model.SYNC;
                case "psync" -> BaselineSizing.Model.PSYNC;
                default -> throw new Bad(p + "consensus", "must be sync or psync");
            };
        }
        return new ShardCount.Secure(adversary, target, model);
    }

    // ---- field helpers ----

    private static void object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new Bad(path, "must be a mapping of keys to values");
        }
    }

    private static void known(JsonNode node, String prefix, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new Bad(prefix + name, "unknown key (allowed: " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    private static JsonNode required(JsonNode node, String prefix, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new Bad(prefix + name, "missing");
        }
        return v;
    }

    private static long nonNegativeLong(JsonNode v, String path) {
        if (!v.isIntegralNumber()) {
            throw new Bad(path, "must be an integer, got " + v);
        }
        if (!v.canConvertToLong()) {
            throw new Bad(path, "out of range: " + v);
        }
        long x = v.longValue();
        if (x < 0) {
            throw new Bad(path, "must not be negative, got " + x);
        }
        return x;
    }

    private static long positiveLong(JsonNode v, String path) {
        long x = nonNegativeLong(v, path);
        if (x == 0) {
            throw new Bad(path, "must be positive, got 0");
        }
        return x;
    }

    private static int positiveInt(JsonNode v, String path) {
        long x = positiveLong(v, path);
        if (x > Integer.MAX_VALUE) {
            throw new Bad(path, "must be at most " + Integer.MAX_VALUE);
        }
        return (int) x;
    }

    private static double number(JsonNode v, String path) {
        if (!v.isNumber()) {
            throw new Bad(path, "must be a number, got " + v);
        }
        return v.doubleValue();
    }

    private static String text(JsonNode v, String path) {
        if (!v.isTextual()) {
            throw new Bad(path, "must be a string (quote hex values in YAML), got " + v);
        }
        return v.textValue();
    }

    private static Bytes hex(JsonNode v, String path, int size) {
        String s = text(v, path);
        if (!s.matches("0[xX][0-9a-fA-F]*")) {
            throw new Bad(path, "must be 0x-prefixed hex, got " + s);
        }
        Bytes b = Bytes.fromHex(s.toLowerCase(Locale.ROOT));
        if (b.size() != size) {
            throw new Bad(path, "must be " + size + " bytes, got " + b.size());
        }
        return b;
    }

    private static Address address(String s, String path) {
        if (!s.matches("0[xX][0-9a-fA-F]{40}")) {
            throw new Bad(path, "an address is 0x followed by 40 hex digits");
        }
        return Address.fromHex(s);
    }

    private static BigInteger balance(JsonNode v, String path) {
        BigInteger b;
        if (v.isIntegralNumber()) {
            b = v.bigIntegerValue();
        } else if (v.isTextual() && v.textValue().matches("-?[0-9]{1,100}")) {
            b = new BigInteger(v.textValue());
        } else {
            throw new Bad(path, "a balance is an integer or a decimal string, got " + v);
        }
        if (b.signum() < 0) {
            throw new Bad(path, "a balance must not be negative, got " + b);
        }
        if (b.bitLength() > 256) {
            throw new Bad(path, "a balance must fit in 256 bits");
        }
        return b;
    }
}
