package org.spindle.sim.report.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read back for charting: a header line and rows of fields. Fields may be quoted with
 * {@code "} (a doubled quote inside stands for one); rows shorter than the header read as empty.
 */
public final class CsvTable {
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<List<String>> rows;

    private CsvTable(List<String> header, List<List<String>> rows) {
        this.header = List.copyOf(header);
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        this.rows = rows.stream().map(List::copyOf).toList();
    }

    public static CsvTable read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static CsvTable parse(String text) {
        List<List<String>> lines = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isEmpty()) {
                lines.add(fields(line));
            }
        }
        if (lines.isEmpty()) {
            return new CsvTable(List.of(), List.of());
        }
        return new CsvTable(lines.getFirst(), lines.subList(1, lines.size()));
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    f.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(ch);
            }
        }
        out.add(f.toString());
        return out;
    }

    /** Quotes a field for writing when it holds a comma, a quote or a line break. */
    public static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    public List<String> header() {
        return header;
    }

    public int rowCount() {
        return rows.size();
    }

    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    /** The text of one column, one entry per row ("" where a row is short). */
    public List<String> strings(String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException("no column '" + column + "' (columns: " + header + ")");
        }
        List<String> out = new ArrayList<>(rows.size());
        for (List<String> r : rows) {
            out.add(i < r.size() ? r.get(i).trim() : "");
        }
        return out;
    }

    /** One column as numbers; an empty or non-numeric field reads as NaN (a missing point). */
    public double[] doubles(String column) {
        List<String> s = strings(column);
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(s.get(i));
        }
        return out;
    }

    static double number(String s) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN; // a text cell in a numeric column is a missing point, not an error
        }
    }
}
