package labs.support.marbles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Draws several rows on one frame grid, so that the same column is the same frame in every row:
 * expected over actual. A frame with several signals is drawn as a group {@code (ab)} and widens
 * that column in every row (so, unlike the notation, a group here takes one frame of width, and the
 * frame ruler on top says which frame each column is; a live line is padded with dashes).
 */
final class Picture {

    /** One row: a label, the characters at each frame, the frame after which it draws nothing, and a note. */
    record Row(String label, Map<Long, String> cells, long endsAt, String note) {
    }

    private final List<Row> rows = new ArrayList<>();

    void events(String label, List<Event> events, String note) {
        Map<Long, String> cells = new TreeMap<>();
        long end = Long.MAX_VALUE;
        for (Event e : events) {
            cells.merge(e.frame(), String.valueOf(e.symbol()), String::concat);
            if (e.isTerminal()) {
                end = e.frame();
            }
        }
        rows.add(new Row(label, cells, end, note));
    }

    void subscriptions(String label, List<SubscriptionSpan> spans, String note) {
        if (spans.isEmpty()) {
            rows.add(new Row(label, Map.of(), -1, note == null ? "(never subscribed)" : note + " (never subscribed)"));
            return;
        }
        for (SubscriptionSpan span : spans) {
            Map<Long, String> cells = new TreeMap<>();
            cells.put(span.subscribed(), "^");
            if (!span.isOpen()) {
                cells.merge(span.ended(), "!", String::concat);
            }
            rows.add(new Row(label, cells, span.ended(), note));
            label = "";
            note = null;
        }
    }

    /** A row with one mark, such as the frame a cancellation happened at. */
    void marker(String label, long frame, char mark, String note) {
        rows.add(new Row(label, Map.of(frame, String.valueOf(mark)), frame, note));
    }

    String draw(String indent) {
        long last = 0;
        for (Row row : rows) {
            for (long frame : row.cells().keySet()) {
                last = Math.max(last, frame);
            }
        }
        long first = 0;
        for (Row row : rows) {
            for (long frame : row.cells().keySet()) {
                first = Math.min(first, frame);
            }
        }
        int frames = (int) (last - first + 2);
        int[] width = new int[frames];
        for (int f = 0; f < frames; f++) {
            width[f] = 1;
            for (Row row : rows) {
                String cell = row.cells().get(first + f);
                if (cell != null) {
                    width[f] = Math.max(width[f], cell.length() == 1 ? 1 : cell.length() + 2);
                }
            }
        }
        int labelWidth = "frame".length();
        for (Row row : rows) {
            labelWidth = Math.max(labelWidth, row.label().length());
        }
        StringBuilder out = new StringBuilder();
        out.append(indent).append(pad("frame", labelWidth)).append("  ").append(ruler(first, width)).append('\n');
        for (Row row : rows) {
            StringBuilder line = new StringBuilder();
            for (int f = 0; f < frames; f++) {
                long frame = first + f;
                String cell = row.cells().get(frame);
                String drawn;
                if (cell != null) {
                    drawn = cell.length() == 1 ? cell : "(" + cell + ")";
                } else if (frame > row.endsAt() || row.endsAt() < 0) {
                    drawn = " ";
                } else {
                    drawn = "-";
                }
                // A live line is padded with dashes so it still reads as a line; the ruler, not
                // the count of dashes, says which frame a column is.
                boolean live = frame < row.endsAt() && row.endsAt() >= 0;
                line.append(drawn).append((live ? "-" : " ").repeat(width[f] - drawn.length()));
            }
            String text = line.toString().stripTrailing();
            out.append(indent).append(pad(row.label(), labelWidth)).append("  ").append(text);
            if (row.note() != null) {
                out.append("   ").append(row.note());
            }
            out.append('\n');
        }
        for (int w : width) {
            if (w > 1) {
                out.append(indent).append("(columns are frames, numbered by the ruler: a group widens its frame's column in every line)\n");
                break;
            }
        }
        return out.toString();
    }

    /** Frame numbers at every fifth frame's column, where they fit. */
    private static String ruler(long first, int[] width) {
        StringBuilder ruler = new StringBuilder();
        int column = 0;
        for (int f = 0; f < width.length; f++) {
            long frame = first + f;
            if (frame % 5 == 0 && ruler.length() <= column) {
                while (ruler.length() < column) {
                    ruler.append(' ');
                }
                ruler.append(frame);
            }
            column += width[f];
        }
        return ruler.toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
