package org.spindle.cli.sizing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every {@code spindle sizing} command shares: the {@code --json} switch, output to the
 * command line's writer (so tests can capture it), and flag validation that fails with picocli's
 * usage error (exit code 2) naming the flag.
 */
abstract class SizingSubcommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object (camelCase fields) instead of a table.")
    boolean json;

    @Override
    public final Integer call() {
        try {
            run();
        } catch (IllegalArgumentException e) {
            // The library's own domain checks, reached by a combination of flags we did not pre-check.
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, null);
        }
        return 0;
    }

    /** Validates flags, computes, and prints. */
    abstract void run();

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    void requireFraction(String flag, double value) {
        if (!(value >= 0 && value < 1)) {
            throw usage(flag + " must be a fraction in [0,1), got " + value);
        }
    }

    void requireProbability(String flag, double value) {
        if (!(value > 0 && value < 1)) {
            throw usage(flag + " must be in (0,1), got " + value);
        }
    }

    void requireAtLeast(String flag, long value, long min) {
        if (value < min) {
            throw usage(flag + " must be at least " + min + ", got " + value);
        }
    }

    void requireGiven(String flag, Object value) {
        if (value == null) {
            throw usage("missing " + flag);
        }
    }

    /** Prints the fields as one JSON object. */
    void printJson(Map<String, ?> fields) {
        try {
            out().println(JSON.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + fields.keySet(), e);
        }
        out().flush();
    }

    /** Prints the fields as an aligned two-column table. */
    void printFields(String title, Map<String, ?> fields) {
        PrintWriter w = out();
        w.println(title);
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((k, v) -> w.printf(Locale.ROOT, "  %-" + width + "s  %s%n", k, format(v)));
        w.flush();
    }

    /** Prints a table with a header row; columns are right-aligned to their widest cell. */
    void printTable(String title, List<String> header, List<List<String>> rows) {
        PrintWriter w = out();
        w.println(title);
        int[] width = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < header.size(); c++) {
            line.append(String.format(Locale.ROOT, "  %" + width[c] + "s", header.get(c)));
        }
        w.println(line);
        for (List<String> row : rows) {
            line.setLength(0);
            for (int c = 0; c < row.size(); c++) {
                line.append(String.format(Locale.ROOT, "  %" + width[c] + "s", row.get(c)));
            }
            w.println(line);
        }
        w.flush();
    }

    static String format(Object v) {
        return switch (v) {
            case null -> "n/a";
            case Double d -> num(d);
            case List<?> l -> String.join(", ", l.stream().map(SizingSubcommand::format).toList());
            default -> String.valueOf(v);
        };
    }

    /** Probabilities get four significant digits in scientific notation; ordinary numbers stay plain. */
    static String num(double d) {
        if (d == 0 || (Math.abs(d) >= 1e-3 && Math.abs(d) < 1e7)) {
            return String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return String.format(Locale.ROOT, "%.4e", d);
    }
}
