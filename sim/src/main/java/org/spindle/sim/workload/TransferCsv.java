package org.spindle.sim.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spindle.core.bytes.Address;

/**
 * Reads and writes transfer files: CSV with one {@code from,to,value} transfer per line, addresses
 * as 40 hex digits (with or without {@code 0x}, any case), values as non-negative decimal integers
 * below 2^256. Fields may be wrapped in double quotes; blank lines and lines starting with
 * {@code #} are skipped.
 *
 * <p>The first line may be a header. A header must name columns {@code from}, {@code to} and
 * {@code value} (any case, any order, other columns allowed and ignored), so exports of real
 * chains such as Ethereum transaction dumps replay as they are. Without a header the first three
 * columns are from, to, value and no other column is allowed.
 *
 * <p>Any malformed line stops the read with {@code file:line: reason}: better to refuse a file
 * than to replay a silently different workload.
 */
public final class TransferCsv {
    /** Files bigger than this many transfers are refused: the replay is held in memory. */
    public static final int MAX_ROWS = 10_000_000;
    public static final String HEADER = "from,to,value";

    private TransferCsv() {}

    public static List<Transfer> read(Path file) throws TransferCsvException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (IOException e) {
            throw new TransferCsvException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
    }

    public static List<Transfer> parse(String text, String name) throws TransferCsvException {
        try {
            return read(new BufferedReader(new StringReader(text)), name);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    public static List<Transfer> read(Reader reader, String name) throws IOException, TransferCsvException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Transfer> out = new ArrayList<>();
        int fromCol = 0;
        int toCol = 1;
        int valueCol = 2;
        int columns = 3;
        boolean exactColumns = true;
        boolean first = true;
        long lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1); // a UTF-8 byte-order mark some spreadsheet tools write
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> fields = split(trimmed);
            if (first) {
                first = false;
                if (looksLikeHeader(fields)) {
                    fromCol = column(fields, "from", name, lineNo);
                    toCol = column(fields, "to", name, lineNo);
                    valueCol = column(fields, "value", name, lineNo);
                    columns = fields.size();
                    exactColumns = false;
                    continue;
                }
            }
            if (exactColumns ? fields.size() != columns : fields.size() < columns) {
                throw new TransferCsvException(name, lineNo, "expected " + (exactColumns ? "" : "at least ") + columns
                        + " fields, got " + fields.size());
            }
            if (out.size() == MAX_ROWS) {
                throw new TransferCsvException(name, lineNo, "more than " + MAX_ROWS + " transfers");
            }
            Address from = address(fields.get(fromCol), "from", name, lineNo);
            Address to = address(fields.get(toCol), "to", name, lineNo);
            BigInteger value = value(fields.get(valueCol), name, lineNo);
            out.add(new Transfer(from, to, value));
        }
        if (out.isEmpty()) {
            throw new TransferCsvException(name, lineNo, "no transfers in the file");
        }
        return out;
    }

    /** Writes transfers with a header, addresses as 0x-prefixed lowercase hex. */
    public static void write(List<Transfer> transfers, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (Transfer t : transfers) {
            out.write(t.from().toHex());
            out.write(',');
            out.write(t.to().toHex());
            out.write(',');
            out.write(t.value().toString());
            out.write('\n');
        }
    }

    private static boolean looksLikeHeader(List<String> fields) {
        for (String f : fields) {
            String k = f.toLowerCase(Locale.ROOT);
            if (k.equals("from") || k.equals("to") || k.equals("value")) {
                return true;
            }
        }
        return false;
    }

    private static int column(List<String> header, String wanted, String name, long line)
            throws TransferCsvException {
        int found = -1;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).toLowerCase(Locale.ROOT).equals(wanted)) {
                if (found >= 0) {
                    throw new TransferCsvException(name, line, "header names column '" + wanted + "' twice");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new TransferCsvException(name, line, "header has no '" + wanted + "' column (need from, to, value)");
        }
        return found;
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>(4);
        int start = 0;
        while (true) {
            int comma = line.indexOf(',', start);
            String f = (comma < 0 ? line.substring(start) : line.substring(start, comma)).strip();
            if (f.length() >= 2 && f.charAt(0) == '"' && f.charAt(f.length() - 1) == '"') {
                f = f.substring(1, f.length() - 1).strip();
            }
            out.add(f);
            if (comma < 0) {
                return out;
            }
            start = comma + 1;
        }
    }

    private static Address address(String f, String what, String name, long line) throws TransferCsvException {
        String hex = f.startsWith("0x") || f.startsWith("0X") ? f.substring(2) : f;
        if (hex.isEmpty()) {
            throw new TransferCsvException(name, line, "empty '" + what + "' address");
        }
        if (hex.length() != 2 * Address.SIZE) {
            throw new TransferCsvException(name, line, "'" + what + "' address must have 40 hex digits, got "
                    + hex.length() + " in '" + f + "'");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new TransferCsvException(name, line, "'" + what + "' address has a non-hex character '"
                        + hex.charAt(i) + "' in '" + f + "'");
            }
        }
        return Address.fromHex(hex);
    }

    private static BigInteger value(String f, String name, long line) throws TransferCsvException {
        if (f.isEmpty()) {
            throw new TransferCsvException(name, line, "empty value");
        }
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c < '0' || c > '9') {
                throw new TransferCsvException(name, line, "value must be a non-negative decimal integer, got '"
                        + f + "'");
            }
        }
        if (f.length() > 78) {
            throw new TransferCsvException(name, line, "value does not fit in 256 bits: '" + f + "'");
        }
        BigInteger v = new BigInteger(f);
        if (v.bitLength() > 256) {
            throw new TransferCsvException(name, line, "value does not fit in 256 bits: '" + f + "'");
        }
        return v;
    }
}
