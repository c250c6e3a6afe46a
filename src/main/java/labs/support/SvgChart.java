package labs.support;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Line charts of what a sweep measured, as one SVG file: a title, a grid of panels (each a
 * JFreeChart XY plot with one line per implementation, in the same colour in every panel), and a
 * caption that names the machine and the day — a figure is only worth what its machine says.
 *
 * <p>Why a library: axes, ticks on a log scale, legends and colours are what hand-drawn SVG gets
 * wrong; JFreeChart draws them, JFreeSVG turns the drawing into SVG text. Both run headless (no
 * display is needed, only the JDK's {@code java.desktop} module and a font).
 *
 * <pre>{@code
 * String svg = SvgChart.svg("lab02: cpu work", List.of(
 *         new SvgChart.Panel("throughput", SvgChart.Axis.log2("workers"), SvgChart.Axis.linear("tasks/s"), lines)),
 *         2, SvgChart.machine(LocalDate.now()));
 * SvgChart.write(Path.of("sweep.svg"), svg);
 * }</pre>
 *
 * Used by live experiments only (the CLI), never with figures from a test.
 */
public final class SvgChart {

    private static final int PANEL_WIDTH = 520;
    private static final int PANEL_HEIGHT = 340;
    private static final int TITLE_HEIGHT = 44;
    private static final int CAPTION_HEIGHT = 34;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font PANEL_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Ten colours that stay apart on white and for most colour-blind readers (Tableau 10). */
    private static final List<Color> PALETTE = List.of(new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
            new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
            new Color(0x9C755F), new Color(0xBAB0AC));

    static {
        // Rotated text (a vertical axis's label) as SVG text, not as glyph outlines: a reader, a
        // search and a test can find it. JFreeChart's default works around an old JDK bug that
        // does not apply to a Graphics2D that writes SVG.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private SvgChart() {
    }

    /** One measured point. */
    public record Point(double x, double y) {
    }

    /** One line of a panel: an implementation's points, in the order they are joined. */
    public record Line(String name, List<Point> points) {
        public Line {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
        }
    }

    /** How an axis spaces its values. */
    public enum Scale {
        /** Equal steps; the range includes zero. */
        LINEAR,
        /** One tick per doubling (worker counts 1, 2, 4 …; latencies 0.5, 1, 2, 4 … ms), evenly spaced. */
        LOG2,
        /** One tick per power of ten (latencies from 0.1 ms to 1 s on one panel). */
        LOG10
    }

    /** An axis: its label (with the unit) and its scale. On a log scale, points at or below zero are left out. */
    public record Axis(String label, Scale scale) {
        public Axis {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(scale, "scale");
        }

        public static Axis linear(String label) {
            return new Axis(label, Scale.LINEAR);
        }

        public static Axis log2(String label) {
            return new Axis(label, Scale.LOG2);
        }

        public static Axis log10(String label) {
            return new Axis(label, Scale.LOG10);
        }
    }

    /** One chart of the grid. */
    public record Panel(String title, Axis x, Axis y, List<Line> lines) {
        public Panel {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            lines = List.copyOf(lines);
        }
    }

    /**
     * The SVG document: {@code title} above, {@code panels} left to right in rows of
     * {@code columns}, {@code caption} below.
     */
    public static String svg(String title, List<Panel> panels, int columns, String caption) {
        if (panels.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("a chart needs at least one panel and one column (got " + panels.size() + " panels, " + columns + " columns)");
        }
        int across = Math.min(columns, panels.size());
        int rows = (panels.size() + across - 1) / across;
        double width = across * PANEL_WIDTH;
        double height = TITLE_HEIGHT + rows * PANEL_HEIGHT + CAPTION_HEIGHT;
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setColor(Color.WHITE);
        g2.fill(new Rectangle2D.Double(0, 0, width, height));
        text(g2, title, TITLE_FONT, new Rectangle2D.Double(0, 0, width, TITLE_HEIGHT));
        for (int i = 0; i < panels.size(); i++) {
            double x = (i % across) * PANEL_WIDTH;
            double y = TITLE_HEIGHT + (i / across) * PANEL_HEIGHT;
            chart(panels.get(i)).draw(g2, new Rectangle2D.Double(x, y, PANEL_WIDTH, PANEL_HEIGHT));
        }
        text(g2, caption, CAPTION_FONT, new Rectangle2D.Double(0, height - CAPTION_HEIGHT, width, CAPTION_HEIGHT));
        return g2.getSVGDocument();
    }

    /** Writes {@code svg} to {@code file}, replacing it. */
    public static void write(Path file, String svg) throws IOException {
        Files.writeString(file, svg, StandardCharsets.UTF_8);
    }

    /** What the machine says about itself, and the day: {@code 2 cores, JDK 25.0.3 (Eclipse Adoptium), Linux 6.8 amd64, 2026-11-30}. */
    public static String machine(LocalDate day) {
        return Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vendor") + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch") + ", " + day;
    }

    /** A line of text centred in {@code area}, laid out by JFreeChart like a chart's own title. */
    private static void text(Graphics2D g2, String text, Font font, Rectangle2D area) {
        TextTitle title = new TextTitle(text, font);
        title.arrange(g2, RectangleConstraint.NONE); // lays the text out (at its natural size): draw() needs it
        title.draw(g2, area);
    }

    private static JFreeChart chart(Panel panel) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line line : panel.lines()) {
            XYSeries series = new XYSeries(line.name(), false, true);
            for (Point p : line.points()) {
                if (drawable(p.x(), panel.x()) && drawable(p.y(), panel.y())) {
                    series.add(p.x(), p.y());
                }
            }
            data.addSeries(series);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < panel.lines().size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesPaint(i, PALETTE.get(i % PALETTE.size())); // the same line, the same colour, in every panel
        }
        XYPlot plot = new XYPlot(data, axis(panel.x()), axis(panel.y()), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(panel.title(), PANEL_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static boolean drawable(double value, Axis axis) {
        return Double.isFinite(value) && (axis.scale() == Scale.LINEAR || value > 0);
    }

    private static ValueAxis axis(Axis axis) {
        return switch (axis.scale()) {
            case LINEAR -> {
                NumberAxis linear = new NumberAxis(axis.label());
                linear.setAutoRangeIncludesZero(true);
                yield linear;
            }
            case LOG2 -> log(axis.label(), 2, new DecimalFormat("0.###"));
            case LOG10 -> log(axis.label(), 10, new DecimalFormat("0.###"));
        };
    }

    private static LogAxis log(String label, double base, DecimalFormat format) {
        LogAxis log = new LogAxis(label);
        log.setBase(base);
        log.setTickUnit(new NumberTickUnit(1)); // one tick per power of the base
        log.setNumberFormatOverride(format);
        log.setSmallestValue(1e-3);
        return log;
    }
}
