package labs.support;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table of observations, aligned for a terminal and for pasting into NOTES.md
 * (it prints as a Markdown table). Numbers are right-aligned, text left-aligned.
 */
public final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    public void print(PrintStream out) {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        out.println(line(headers, width, false));
        StringBuilder rule = new StringBuilder("|");
        for (int w : width) {
            rule.append("-".repeat(w + 2)).append('|');
        }
        out.println(rule);
        rows.forEach(row -> out.println(line(row, width, true)));
    }

    private static String line(List<String> cells, int[] width, boolean alignNumbers) {
        StringBuilder out = new StringBuilder("|");
        for (int c = 0; c < width.length; c++) {
            String cell = cells.get(c);
            boolean numeric = alignNumbers && cell.matches("[-+]?[\\d.,]+ ?(ms|s|%|x)?");
            String pad = " ".repeat(width[c] - cell.length());
            out.append(' ').append(numeric ? pad + cell : cell + pad).append(" |");
        }
        return out.toString();
    }
}
