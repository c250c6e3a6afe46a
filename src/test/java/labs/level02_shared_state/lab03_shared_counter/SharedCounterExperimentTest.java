package labs.level02_shared_state.lab03_shared_counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.Request;
import labs.support.Result;
import org.junit.jupiter.api.Test;

class SharedCounterExperimentTest {

    private final SharedCounterExperiment experiment = new SharedCounterExperiment();

    @Test
    void negativeThreadCountIsRejectedWithOneLine() {
        var options = Request.defaults("lab03").with("threads", -1);
        assertThatThrownBy(() -> experiment.prepare(options))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--threads must be a whole number from 1 to 256 (got -1)");
    }

    @Test
    void zeroIncrementsAreRejectedWithOneLine() {
        var options = Request.defaults("lab03").with("increments", 0);
        assertThatThrownBy(() -> experiment.prepare(options))
                .isInstanceOf(BadInputException.class)
                .hasMessageNotContaining("\n")
                .hasMessageContaining("--increments");
    }

    @Test
    void unknownImplementationIsRejectedNamingTheAllowedOnes() {
        var options = Request.defaults("lab03").with("impl", "magic");
        assertThatThrownBy(() -> experiment.prepare(options))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown implementation 'magic'")
                .hasMessageContaining("atomic")
                .hasMessageContaining("racy");
    }

    /** The CLI offers both lists, each variant once, so --impl takes every name either list has. */
    @Test
    void theTourNamesEveryImplementationAndEveryLessonExactlyOnce() {
        List<String> registered = Stream.concat(Counter.IMPLEMENTATIONS.names().stream(), Counter.LESSONS.names().stream()).toList();
        assertThat(SharedCounterExperiment.TOUR).as("the CLI's variants").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(registered);
        assertThat(experiment.implementations()).extracting(Choice::name).as("--impl names, in the order the table shows them").containsExactlyElementsOf(SharedCounterExperiment.TOUR);
        assertThat(experiment.implementations()).filteredOn(c -> c.name().equals("rxjava-toSerialized")).extracting(Choice::summary)
                .as("what --help says of rxjava-toSerialized").singleElement().asString().startsWith("lesson, breaks clause 2 (linearizable):");
    }

    @Test
    void aCorrectVariantIsReportedWithNoLostUpdates() throws InterruptedException {
        String out = run(Request.defaults("lab03").with("impl", "atomic").with("threads", 2).with("increments", 1_000));
        assertThat(out).as("what labs run lab03 printed").contains("2 threads x 1000 increments = 2000 expected")
                .containsPattern("\\| atomic +\\| - +\\| +2000 \\| +0 \\|")
                .contains("This run: atomic lost no update, as the contract requires.");
    }

    @Test
    void aLessonThatLostNothingOnOneThreadIsExplainedByTheThreadCount() throws InterruptedException {
        String out = run(Request.defaults("lab03").with("impl", "racy").with("threads", 1).with("increments", 1_000));
        assertThat(out).as("what labs run lab03 printed").containsPattern("\\| racy +\\| 1 \\(no lost update\\) +\\| +1000 \\| +0 \\|")
                .contains("racy lost nothing: with one thread no two read-modify-writes can overlap.");
    }

    @Test
    void aTryEmitLossIsTracedToTheRefusedEmissionsOnlyWhenTheyMatch() {
        SharedCounterExperiment.Observed matching = tryEmit(1000, 700, 300L);
        SharedCounterExperiment.Observed notMatching = tryEmit(1000, 700, 299L);
        assertThat(SharedCounterExperiment.readingOf(List.of(matching), 4)).as("the reading when refused = lost")
                .contains("reactor-tryEmitNext 300 (30.00%)")
                .contains("each of its 300 lost updates is one emission the sink refused");
        assertThat(SharedCounterExperiment.readingOf(List.of(notMatching), 4)).as("the reading when refused != lost").doesNotContain("each of its");
    }

    @Test
    void aCorrectVariantThatLosesUpdatesIsCalledOut() {
        var row = new SharedCounterExperiment.Observed("mine", Optional.empty(), 1000, 990, 1.0, Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(SharedCounterExperiment.readingOf(List.of(row), 4)).as("the reading when an implementation lost updates").startsWith("CONTRACT BROKEN this run: mine 10 (1.00%)");
    }

    @Test
    void anIncrementThatThrowsIsReportedAsTheFailureNotHidden() throws InterruptedException {
        IllegalStateException boom = new IllegalStateException("boom");
        Result<Long> returned = SharedCounterExperiment.hammer(throwing(boom), 3, 10);
        assertThat(returned.succeeded()).as("did the hammer report success").isFalse();
        assertThat(returned.error()).as("the failure it reported").isSameAs(boom);
    }

    @Test
    void anErrorOnAnIncrementingThreadIsRethrownAsItIsOnceTheThreadsHaveEnded() {
        AssertionError error = new AssertionError("an Error is not data");
        assertThatThrownBy(() -> SharedCounterExperiment.hammer(throwing(error), 3, 10)).isSameAs(error);
    }

    /** A counter whose every increment throws {@code failure}. */
    private static Counter throwing(Throwable failure) {
        return new Counter() {
            @Override
            public void increment() {
                switch (failure) {
                    case RuntimeException e -> throw e;
                    case Error e -> throw e;
                    default -> throw new IllegalArgumentException(failure);
                }
            }

            @Override
            public long get() {
                return 0;
            }
        };
    }

    private static SharedCounterExperiment.Observed tryEmit(long expected, long counted, long refused) {
        return new SharedCounterExperiment.Observed("reactor-tryEmitNext", Optional.of(Counter.Clause.NO_LOST_UPDATE),
                expected, counted, 1.0, Optional.empty(), Optional.empty(), Optional.of(refused));
    }

    private String run(Request request) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        experiment.prepare(request).printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
