package org.spindle.sim.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One scenario key set to one value, as {@code protocol.shards=4}: the key is dotted like the
 * keys of {@code scenarios/README.md}, the value is read as YAML (so {@code 4} is a number,
 * {@code true} a boolean, {@code bank-run} a string).
 */
public record ScenarioOverride(String key, String value) {
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*");

    /** Parses {@code key=value}; {@code option} names the command-line option in errors. */
    public static ScenarioOverride parse(String option, String text) throws SweepException {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new SweepException(option + " expects KEY=VALUE (e.g. protocol.shards=4), got '" + text + "'");
        }
        String key = key(option, text.substring(0, eq).trim());
        String value = text.substring(eq + 1).trim();
        if (value.isEmpty()) {
            throw new SweepException(option + " " + key + " has no value after '='");
        }
        return new ScenarioOverride(key, value);
    }

    /** Parses {@code key=v1,v2,...} into one override per value, in the order given. */
    public static List<ScenarioOverride> parseValues(String option, String text) throws SweepException {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new SweepException(option + " expects KEY=V1,V2,... (e.g. protocol.shards=2,4,8), got '" + text + "'");
        }
        String key = key(option, text.substring(0, eq).trim());
        List<ScenarioOverride> out = new ArrayList<>();
        for (String v : text.substring(eq + 1).split(",", -1)) {
            if (v.isBlank()) {
                throw new SweepException(option + " " + key + " has an empty value in '" + text.substring(eq + 1) + "'");
            }
            out.add(new ScenarioOverride(key, v.trim()));
        }
        return List.copyOf(out);
    }

    static String key(String option, String key) throws SweepException {
        if (!KEY.matcher(key).matches()) {
            throw new SweepException(option + " has a bad key '" + key + "': use a dotted scenario key such as "
                    + "nodes or protocol.shards");
        }
        return key;
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
