package labs.support.marbles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading Markdown: prose is skipped, each ```marble block is a scenario, mistakes point at file:line:column. */
class MarbleDocumentTest {

    private static final String GOOD = """
            # Some lab

            Prose, and a plain block that is not a diagram:

            ```text
            output: this is not parsed
            ```

            ```marble
            scenario: doubles each value
            operator: map(x -> x * 2)
            given:    factor = 2
            values:   a = 1, b = 2, A = 2, B = 4
            hot clicks: -a-^-b|
            source:   -a-b|
            output:   -A-B|
            source subs: ^---!
            ```
            """;

    @Test
    void aBlockBecomesAScenarioWithItsLinesLegendAndParameters() {
        MarbleDocument document = MarbleDocument.parse("x.md", GOOD);

        assertThat(document.scenarios()).hasSize(1);
        Scenario scenario = document.scenarios().get(0);
        assertThat(scenario.name()).isEqualTo("doubles each value");
        assertThat(scenario.where()).isEqualTo("x.md:10");
        assertThat(scenario.operator()).contains("map(x -> x * 2)");
        assertThat(scenario.given()).containsEntry("factor", "2");
        assertThat(scenario.values()).containsEntry('a', "1").containsEntry('B', "4");
        assertThat(scenario.line("clicks").orElseThrow().hot()).isTrue();
        assertThat(scenario.line("source").orElseThrow().hot()).isFalse();
        assertThat(scenario.output().events()).containsExactly(Event.next(1, 'A'), Event.next(3, 'B'), Event.complete(4));
        assertThat(scenario.subscriptions().get("source")).containsExactly(new SubscriptionSpan(0, 4));
    }

    @Test
    void aMistakeInALineIsReportedAtItsColumnInTheFile() {
        String bad = GOOD.replace("output:   -A-B|", "output:   -A-B%");
        // line 16 of the file; the '%' is the 15th character of the line.
        assertRefused(bad, "x.md:16:15: unexpected '%'");
    }

    @Test
    void aMistakeInTheLegendIsReportedAtTheEntry() {
        assertRefused(GOOD.replace("a = 1, b = 2", "a = 1, bb = 2"), "x.md:13:18: 'bb' is not a marble symbol");
        assertRefused(GOOD.replace("a = 1, b = 2", "a = 1, b 2"), "x.md:13:18: expected 'key = text'");
    }

    @Test
    void aBlockMustNameItsScenarioAndDrawItsOutput() {
        assertRefused(GOOD.replace("scenario: doubles each value\n", ""), "x.md:9:1: this ```marble block has no 'scenario:' line");
        assertRefused(GOOD.replace("output:   -A-B|\n", ""), "x.md:10:1: scenario \"doubles each value\" has no 'output:' line");
    }

    @Test
    void unknownKeysAndSubscriptionsOfUndrawnLinesAreRefused() {
        assertRefused(GOOD.replace("given:    factor = 2", "output twice: -A-B|"), "x.md:12:1: unknown key 'output twice'");
        assertRefused(GOOD.replace("source subs:", "sauce subs:"), "x.md:17:1: 'sauce subs' names no line");
        assertRefused(GOOD.replace("source:   -a-b|", "just some prose"), "x.md:15:1: expected 'key: content'");
    }

    @Test
    void scenarioNamesAreUniqueInAFile() {
        String twice = GOOD + "\n" + GOOD.substring(GOOD.indexOf("```marble"));
        assertRefused(twice, "x.md:21:1: scenario \"doubles each value\" already appears at line 10");
    }

    @Test
    void anUnclosedBlockIsReportedWhereItOpens() {
        assertRefused(GOOD.substring(0, GOOD.lastIndexOf("```")), "x.md:9:1: this ```marble block is never closed");
    }

    private static void assertRefused(String markdown, String messageStart) {
        assertThatThrownBy(() -> MarbleDocument.parse("x.md", markdown))
                .isInstanceOf(MarbleSyntaxException.class)
                .hasMessageStartingWith(messageStart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
