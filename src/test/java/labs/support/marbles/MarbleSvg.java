package labs.support.marbles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Draws a scenario as an SVG picture in one legend style, after reactor-core's marble pictures:
 * each line a horizontal arrow (time flows right), values as coloured marbles with their letter,
 * completion as a vertical bar, error as a cross; the input and probe lines on top, the operator's
 * box, the output line below it, the legend underneath.
 *
 * <p>Every column is a frame, the same frame in every line. A frame with events is as wide as its
 * marbles; a run of more than {@value #LONGEST_DRAWN_GAP} empty frames is drawn short, with its
 * length written on it (as a time progression is in the notation). The output depends on the
 * diagram alone, so it can be compared byte for byte with the committed file.
 */
public final class MarbleSvg {

    private static final int LONGEST_DRAWN_GAP = 24;
    private static final int FRAME = 10;
    private static final int MARBLE = 26;
    private static final int GAP = 48;
    private static final int LEFT = 96;
    private static final int RIGHT = 28;
    private static final int ROW = 54;
    private static final String[] PALETTE = {"#f6d365", "#8fd3f4", "#a8e6a3", "#f7a1c4", "#c3b1e1", "#ffb38a", "#9ad0c2", "#f4e285"};

    private MarbleSvg() {
    }

    /** The picture's path below {@code docs/marbles/}: {@code <file without .md>/<scenario as a slug>.svg}. */
    public static String relativePath(Scenario scenario) {
        return scenario.file().replaceFirst("\\.md$", "") + "/" + slug(scenario.name()) + ".svg";
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    public static String render(Scenario scenario) {
        List<Row> rows = new ArrayList<>();
        for (Scenario.Line line : scenario.lines()) {
            rows.add(new Row((line.hot() ? "hot " : "") + line.name(), line.timeline(), line.hot(),
                    scenario.subscriptions().getOrDefault(line.name(), List.of())));
        }
        Row output = new Row("output", scenario.output(), false, List.of());

        // Columns: every frame from the earliest to the last drawn, long empty runs collapsed;
        // busy holds, for each frame with events, the most events any one line has there.
        TreeMap<Long, Integer> busy = new TreeMap<>();
        List<Row> all = new ArrayList<>(rows);
        all.add(output);
        long first = 0;
        long last = 0;
        for (Row row : all) {
            for (Event e : row.timeline.events()) {
                first = Math.min(first, e.frame());
                last = Math.max(last, e.frame());
            }
            for (SubscriptionSpan span : row.spans) {
                last = Math.max(last, span.isOpen() ? span.subscribed() : span.ended());
            }
        }
        for (Row row : all) {
            Map<Long, Integer> counts = new TreeMap<>();
            row.timeline.events().forEach(e -> counts.merge(e.frame(), 1, Integer::sum));
            counts.forEach((frame, n) -> busy.merge(frame, n, Math::max));
        }
        TreeSet<Long> marks = new TreeSet<>(busy.keySet());
        for (Row row : all) {
            for (SubscriptionSpan span : row.spans) {
                marks.add(span.subscribed());
                if (!span.isOpen()) {
                    marks.add(span.ended());
                }
            }
        }
        marks.add(0L);
        Map<Long, Integer> x = new TreeMap<>();
        Map<Long, Integer> width = new TreeMap<>();
        List<int[]> gaps = new ArrayList<>();
        int cursor = LEFT;
        long frame = first;
        while (frame <= last + 1) {
            Long nextMark = marks.ceiling(frame);
            long emptyRun = nextMark == null ? 0 : nextMark - frame;
            if (emptyRun > LONGEST_DRAWN_GAP) {
                gaps.add(new int[] {cursor, (int) emptyRun});
                cursor += GAP;
                frame = nextMark;
                continue;
            }
            int w = busy.containsKey(frame) ? Math.max(FRAME, busy.get(frame) * MARBLE) : FRAME;
            x.put(frame, cursor);
            width.put(frame, w);
            cursor += w;
            frame++;
        }
        // Wide enough for the words as well as the marbles (monospace 13 px: about 8 px a character).
        String label = scenario.operator().orElse(scenario.name());
        int axisEnd = Math.max(cursor + RIGHT, LEFT + 8 * label.length() + 32);
        int textWidth = 24 + 8 * Math.max(Math.max(scenario.name().length(), ("values: " + legend(scenario.values())).length()),
                ("given: " + legend(new TreeMap<>(scenario.given()))).length());
        int svgWidth = Math.max(axisEnd + 16, textWidth);

        StringBuilder svg = new StringBuilder();
        int y = 34;
        int rowsHeight = ROW * (rows.size() + 1) + 52;
        int legendLines = 1 + (scenario.given().isEmpty() ? 0 : 1);
        int height = y + rowsHeight + 26 + 18 * legendLines + 12;
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"monospace\" font-size=\"13\">%n",
                svgWidth, height, svgWidth, height));
        svg.append("  <title>").append(escape(scenario.name())).append("</title>\n");
        svg.append("  <defs><marker id=\"arrow\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,4 L0,8 z\" fill=\"#444\"/></marker></defs>\n");
        svg.append(String.format(Locale.ROOT, "  <rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", svgWidth, height));
        svg.append(String.format(Locale.ROOT, "  <text x=\"12\" y=\"22\" font-weight=\"bold\" font-family=\"sans-serif\" font-size=\"14\">%s</text>%n",
                escape(scenario.name())));

        y += 20;
        for (Row row : rows) {
            drawRow(svg, row, y, x, width, axisEnd);
            y += ROW;
        }
        // The operator's box.
        svg.append(String.format(Locale.ROOT,
                "  <rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"36\" rx=\"4\" fill=\"#eef1f8\" stroke=\"#444\"/>%n", LEFT - 8, y - 18,
                axisEnd - LEFT + 8));
        svg.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                (LEFT + axisEnd) / 2, y + 5, escape(label)));
        y += ROW;
        drawRow(svg, output, y, x, width, axisEnd);
        y += 30;

        // Frame ruler: frame 0 and every tenth frame, and the length of each collapsed gap.
        svg.append(String.format(Locale.ROOT, "  <g fill=\"#777\" font-size=\"10\" text-anchor=\"middle\">%n"));
        for (Map.Entry<Long, Integer> column : x.entrySet()) {
            if (column.getKey() % 10 == 0) {
                // Under the first marble of the frame (where a lone signal is drawn).
                svg.append(String.format(Locale.ROOT, "    <text x=\"%d\" y=\"%d\">%d</text>%n",
                        column.getValue() + Math.min(width.get(column.getKey()), MARBLE) / 2, y,
                        column.getKey()));
            }
        }
        for (int[] gap : gaps) {
            svg.append(String.format(Locale.ROOT, "    <text x=\"%d\" y=\"%d\">%dms</text>%n", gap[0] + GAP / 2, y, gap[1]));
        }
        svg.append(String.format(Locale.ROOT, "    <text x=\"12\" y=\"%d\" text-anchor=\"start\">frame (ms)</text>%n", y));
        svg.append("  </g>\n");

        y += 22;
        svg.append(String.format(Locale.ROOT, "  <text x=\"12\" y=\"%d\" fill=\"#333\">%s</text>%n", y, escape("values: " + legend(scenario.values()))));
        if (!scenario.given().isEmpty()) {
            y += 18;
            svg.append(String.format(Locale.ROOT, "  <text x=\"12\" y=\"%d\" fill=\"#333\">%s</text>%n", y,
                    escape("given: " + legend(new TreeMap<>(scenario.given())))));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private record Row(String label, Timeline timeline, boolean hot, List<SubscriptionSpan> spans) {
    }

    private static void drawRow(StringBuilder svg, Row row, int y, Map<Long, Integer> x, Map<Long, Integer> width, int axisEnd) {
        svg.append(String.format(Locale.ROOT, "  <g>%n    <text x=\"12\" y=\"%d\" fill=\"#555\">%s</text>%n", y + 4, escape(row.label)));
        int axisStart = x.values().stream().findFirst().orElse(LEFT) - 4;
        svg.append(String.format(Locale.ROOT,
                "    <line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>%n",
                axisStart, y, axisEnd, y));
        if (row.hot) {
            int at = x.get(0L) + width.get(0L) / 2;
            svg.append(String.format(Locale.ROOT, "    <text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#b33\">^</text>%n", at, y + 22));
        }
        Map<Long, Integer> slot = new TreeMap<>();
        for (Event e : row.timeline.events()) {
            int n = slot.merge(e.frame(), 1, Integer::sum) - 1;
            // A frame with events is at least a marble wide per event: side by side, in order.
            int cx = x.get(e.frame()) + n * MARBLE + MARBLE / 2;
            switch (e.kind()) {
                case NEXT -> svg.append(String.format(Locale.ROOT,
                        "    <circle cx=\"%d\" cy=\"%d\" r=\"11\" fill=\"%s\" stroke=\"#333\" stroke-width=\"1.5\"/>%n"
                                + "    <text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                        cx, y, PALETTE[e.symbol() % PALETTE.length], cx, y + 4, escape(String.valueOf(e.symbol()))));
                case COMPLETE -> svg.append(String.format(Locale.ROOT,
                        "    <line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#222\" stroke-width=\"3\"/>%n", cx, y - 13, cx, y + 13));
                case ERROR -> svg.append(String.format(Locale.ROOT,
                        "    <path d=\"M%d,%d L%d,%d M%d,%d L%d,%d\" stroke=\"#c0392b\" stroke-width=\"3\"/>%n",
                        cx - 9, y - 9, cx + 9, y + 9, cx - 9, y + 9, cx + 9, y - 9));
            }
        }
        for (SubscriptionSpan span : row.spans) {
            int from = x.get(span.subscribed());
            int to = span.isOpen() ? axisEnd - 12 : x.get(span.ended()) + width.get(span.ended());
            svg.append(String.format(Locale.ROOT,
                    "    <path d=\"M%d,%d L%d,%d L%d,%d L%d,%d\" fill=\"none\" stroke=\"#6a8caf\" stroke-width=\"1.5\"/>%n",
                    from, y + 14, from, y + 19, to, y + 19, to, y + 14));
            svg.append(String.format(Locale.ROOT, "    <text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#6a8caf\">subscribed</text>%n", from, y + 30));
        }
        svg.append("  </g>\n");
    }

    private static String legend(Map<?, String> entries) {
        if (entries.isEmpty()) {
            return "(none)";
        }
        List<String> parts = new ArrayList<>();
        entries.forEach((k, v) -> parts.add(k + " = " + v));
        return String.join(", ", parts);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
