package org.spindle.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One mapping of a config file, read key by key: every read says which key failed and why, and
 * {@link #finish()} rejects keys nobody read (a typo must not be silently ignored).
 */
final class Section {
    private final String source;
    private final String prefix;
    private final JsonNode node;
    private final Set<String> read = new HashSet<>();

    Section(String source, String prefix, JsonNode node) throws NodeFileException {
        this.source = source;
        this.prefix = prefix;
        this.node = node;
        if (node == null || !node.isObject()) {
            throw new NodeFileException(source + ": " + (prefix.isEmpty() ? "the file" : "key '" + prefix + "'")
                    + " must be a mapping of keys to values");
        }
    }

    NodeFileException fail(String key, String why) {
        return new NodeFileException(source + ": key '" + prefix + key + "' " + why);
    }

    private JsonNode get(String key, boolean required) throws NodeFileException {
        read.add(key);
        JsonNode v = node.get(key);
        if ((v == null || v.isNull()) && required) {
            throw fail(key, "is required");
        }
        return v == null || v.isNull() ? null : v;
    }

    boolean has(String key) {
        return node.hasNonNull(key);
    }

    long integer(String key, long min, long max, Long fallback) throws NodeFileException {
        JsonNode v = get(key, fallback == null);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw fail(key, "must be a whole number, got " + v);
        }
        long x = v.asLong();
        if (x < min || x > max) {
            throw fail(key, "must be in " + min + ".." + max + ", got " + x);
        }
        return x;
    }

    String text(String key, String fallback) throws NodeFileException {
        JsonNode v = get(key, fallback == null);
        if (v == null) {
            return fallback;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw fail(key, "must be a non-empty string, got " + v);
        }
        return v.asText();
    }

    boolean bool(String key, boolean fallback) throws NodeFileException {
        JsonNode v = get(key, false);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw fail(key, "must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    List<Long> integers(String key, long min, long max, List<Long> fallback) throws NodeFileException {
        JsonNode v = get(key, fallback == null);
        if (v == null) {
            return fallback;
        }
        if (!v.isArray()) {
            throw fail(key, "must be a list, got " + v);
        }
        List<Long> out = new ArrayList<>();
        for (JsonNode x : v) {
            if (!x.isIntegralNumber() || x.asLong() < min || x.asLong() > max) {
                throw fail(key, "must hold whole numbers in " + min + ".." + max + ", got " + x);
            }
            out.add(x.asLong());
        }
        return out;
    }

    List<String> texts(String key, List<String> fallback) throws NodeFileException {
        JsonNode v = get(key, fallback == null);
        if (v == null) {
            return fallback;
        }
        if (!v.isArray()) {
            throw fail(key, "must be a list, got " + v);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : v) {
            if (!x.isTextual()) {
                throw fail(key, "must hold strings, got " + x);
            }
            out.add(x.asText());
        }
        return out;
    }

    Section section(String key, boolean required) throws NodeFileException {
        JsonNode v = get(key, required);
        return v == null ? null : new Section(source, prefix + key + ".", v);
    }

    /** Rejects every key that was never read. */
    void finish() throws NodeFileException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!read.contains(k)) {
                throw fail(k, "is not a known key here");
            }
        }
    }
}
