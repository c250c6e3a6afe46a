package labs.support.marbles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The notation's frame arithmetic, checked against the examples of RxJS's marble-testing guide
 * (run mode, 1 frame = 1 ms), and the parser's refusals with their columns.
 */
class MarbleParserTest {

    private static final Position AT = new Position("t.md", 7, 11);

    private static List<Event> cold(String marbles) {
        return MarbleParser.events(marbles, AT, false).events();
    }

    private static List<Event> hot(String marbles) {
        return MarbleParser.events(marbles, AT, true).events();
    }

    @Test
    void dashesAndValuesTakeOneFrameEach() {
        // RxJS guide: '-a-b-c' emits a on frame 1, b on frame 3, c on frame 5.
        assertThat(cold("-a-b-c")).containsExactly(Event.next(1, 'a'), Event.next(3, 'b'), Event.next(5, 'c'));
    }

    @Test
    void completionAndErrorAreSignalsOfTheirFrame() {
        assertThat(cold("--a--b--|")).containsExactly(Event.next(2, 'a'), Event.next(5, 'b'), Event.complete(8));
        assertThat(cold("-----#")).containsExactly(Event.error(5));
    }

    @Test
    void aGroupHappensAtItsOpeningFrameAndOccupiesOneFramePerCharacter() {
        // RxJS guide: '--(abc)-|' emits a, b and c on frame 2, then completes on frame 8.
        assertThat(cold("--(abc)-|")).containsExactly(
                Event.next(2, 'a'), Event.next(2, 'b'), Event.next(2, 'c'), Event.complete(8));
    }

    @Test
    void aTerminalCanShareItsFrameWithValuesInAGroup() {
        assertThat(cold("-(a|)")).containsExactly(Event.next(1, 'a'), Event.complete(1));
    }

    @Test
    void spacesAlignLinesAndTakeNoTime() {
        assertThat(cold("  a  b ")).isEqualTo(cold("ab"));
    }

    @Test
    void aTimeProgressionAdvancesByItsDurationAfterTheFrameBeforeIt() {
        // RxJS guide (as corrected in rxjs#5988): 'a 9ms b 9s c|' emits a on frame 0, b on frame
        // 10, c on frame 9,011, and completes on frame 9,012.
        assertThat(cold("a 9ms b 9s c|")).containsExactly(
                Event.next(0, 'a'), Event.next(10, 'b'), Event.next(9_011, 'c'), Event.complete(9_012));
    }

    @Test
    void minutesAndFractionalSecondsAreWholeFrames() {
        assertThat(cold("2m a")).containsExactly(Event.next(120_000, 'a'));
        assertThat(cold("1.5s a")).containsExactly(Event.next(1_500, 'a'));
    }

    @Test
    void aDigitThatDoesNotStartADurationIsAValue() {
        assertThat(cold("a1 2")).containsExactly(Event.next(0, 'a'), Event.next(1, '1'), Event.next(2, '2'));
    }

    @Test
    void aHotLineCountsFramesFromItsSubscriptionPoint() {
        // RxJS guide: hot '-a-^-b--|' emits a on frame -2, b on frame 2, completes on frame 5.
        assertThat(hot("-a-^-b--|")).containsExactly(Event.next(-2, 'a'), Event.next(2, 'b'), Event.complete(5));
    }

    @Test
    void aHotLineWithoutSubscriptionPointStartsWithTheTest() {
        assertThat(hot("-a|")).containsExactly(Event.next(1, 'a'), Event.complete(2));
    }

    @Test
    void aSubscriptionLineGivesSubscribedAndUnsubscribedFrames() {
        // RxJS guide: '--^--!-' subscribed on frame 2, unsubscribed on frame 5; '!' takes no frame.
        assertThat(MarbleParser.subscription("--^--!-", AT)).isEqualTo(new SubscriptionSpan(2, 5));
        assertThat(MarbleParser.subscription("^--!", AT)).isEqualTo(new SubscriptionSpan(0, 3));
        // RxJS guide: '500ms ^ 1s !' subscribed on frame 500, unsubscribed on frame 1,501.
        assertThat(MarbleParser.subscription("500ms ^ 1s !", AT)).isEqualTo(new SubscriptionSpan(500, 1_501));
        assertThat(MarbleParser.subscription("--^-", AT)).isEqualTo(new SubscriptionSpan(2, SubscriptionSpan.OPEN));
        assertThat(MarbleParser.subscription("(^!)", AT)).isEqualTo(new SubscriptionSpan(0, 0));
    }

    @Test
    void mistakesAreReportedAtTheirFileLineAndColumn() {
        // AT is column 11 of line 7: the first character of the line is column 11.
        assertRefused(() -> cold("--a-%"), "t.md:7:15: unexpected '%'");
        assertRefused(() -> cold("-(ab-"), "t.md:7:12: group '(' is never closed");
        assertRefused(() -> cold("(a(b))"), "t.md:7:13: groups cannot nest");
        assertRefused(() -> cold("a)"), "t.md:7:12: ')' closes no group");
        assertRefused(() -> cold("-()"), "t.md:7:12: empty group");
        assertRefused(() -> cold("-a|b"), "t.md:7:14: 'b' after the terminal signal at column 13");
        assertRefused(() -> cold("-^-a"), "t.md:7:12: '^' (the subscription point) belongs in a hot line");
        assertRefused(() -> hot("-^-^"), "t.md:7:14: a second '^'");
        assertRefused(() -> cold("-a-!"), "t.md:7:14: '!' (unsubscription) belongs in a subscription line");
        assertRefused(() -> cold("a 0.5ms b"), "t.md:7:13: '0.5ms' is not a whole number of frames");
        assertRefused(() -> cold("(a 1ms b)"), "t.md:7:14: a time progression ('1ms') cannot stand inside a group");
        assertRefused(() -> MarbleParser.subscription("--!", AT), "t.md:7:13: '!' before '^'");
        assertRefused(() -> MarbleParser.subscription("^-a", AT), "t.md:7:13: unexpected 'a'");
        assertRefused(() -> MarbleParser.subscription("---", AT), "t.md:7:11: a subscription line needs a '^'");
    }

    private static void assertRefused(Runnable parse, String messageStart) {
        assertThatThrownBy(parse::run)
                .isInstanceOf(MarbleSyntaxException.class)
                .hasMessageStartingWith(messageStart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }
}
