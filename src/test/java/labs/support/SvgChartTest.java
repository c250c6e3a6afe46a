package labs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The chart a sweep writes, from fixed data (never measured figures): a well-formed SVG document
 * whose text carries every line's name, every panel's title and axis labels, and the caption.
 */
class SvgChartTest {

    private static final List<SvgChart.Line> LINES = List.of(
            new SvgChart.Line("platform", List.of(new SvgChart.Point(1, 900), new SvgChart.Point(2, 1800), new SvgChart.Point(64, 1700))),
            new SvgChart.Line("reactor-parallel", List.of(new SvgChart.Point(1, 880), new SvgChart.Point(2, 1750), new SvgChart.Point(64, 1760))));

    private static final List<SvgChart.Line> LATENCIES = List.of(
            new SvgChart.Line("platform", List.of(new SvgChart.Point(1, 1.1), new SvgChart.Point(2, 1.2), new SvgChart.Point(64, 35))),
            new SvgChart.Line("reactor-parallel", List.of(new SvgChart.Point(1, 1.0), new SvgChart.Point(2, 0), new SvgChart.Point(64, 32))));

    private static String chart(String caption) {
        return SvgChart.svg("lab02 & friends: cpu work <sweep>", List.of(
                new SvgChart.Panel("throughput", SvgChart.Axis.log2("workers"), SvgChart.Axis.linear("tasks/s"), LINES),
                new SvgChart.Panel("latency p50", SvgChart.Axis.log2("workers"), SvgChart.Axis.log10("ms"), LATENCIES)), 2, caption);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // JFreeSVG writes SVG 1.1's DOCTYPE: read it, never fetch what it points to.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document document) {
        NodeList nodes = document.getElementsByTagNameNS("*", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    @Test
    void aChartIsAWellFormedSvgDocumentCarryingItsLinesTitlesAxesAndCaption() throws Exception {
        Document document = parse(chart("2 cores, JDK 25, Linux, 2026-11-30"));

        assertThat(document.getDocumentElement().getLocalName()).as("the root element").isEqualTo("svg");
        assertThat(texts(document)).as("the text drawn in the chart")
                .contains("platform", "reactor-parallel", "throughput", "latency p50", "workers", "tasks/s", "ms",
                        "lab02 & friends: cpu work <sweep>", "2 cores, JDK 25, Linux, 2026-11-30");
    }

    @Test
    void theMachineCaptionNamesTheJdkTheOsAndTheDay() {
        assertThat(SvgChart.machine(LocalDate.of(2026, 11, 30)))
                .contains(" cores, JDK " + System.getProperty("java.version"), System.getProperty("os.name"), "2026-11-30");
    }

    @Test
    void writeReplacesTheFileWithTheDocument(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sweep.svg");
        Files.writeString(file, "old");

        SvgChart.write(file, chart("written"));

        assertThat(texts(parse(Files.readString(file)))).contains("written");
    }

    @Test
    void aChartWithoutPanelsIsRefused() {
        assertThatThrownBy(() -> SvgChart.svg("t", List.of(), 2, "c"))
                .hasMessage("a chart needs at least one panel and one column (got 0 panels, 2 columns)");
    }
}
