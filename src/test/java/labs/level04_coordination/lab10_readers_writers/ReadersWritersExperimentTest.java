package labs.level04_coordination.lab10_readers_writers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.CpuWork;
import labs.support.Request;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * {@code labs run lab10}: bad input refused in one line before anything starts, the variants it
 * offers, short real runs of each scenario (asserting what a run cannot contradict: a correct
 * variant tears nothing, a lock refuses a write inside a read), and the readings after the table,
 * computed from rows made up here so every branch is seen.
 */
class ReadersWritersExperimentTest {

    private final ReadersWritersExperiment experiment = new ReadersWritersExperiment();

    @Test
    void zeroReadersAreRefusedInOneLine() {
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab10").with("readers", 0)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--readers must be a whole number from 1 to 64 (got 0)");
    }

    @Test
    void aRunTooShortToMeasureIsRefusedInOneLine() {
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab10").with("millis", 5)))
                .isInstanceOf(BadInputException.class)
                .hasMessageNotContaining("\n")
                .hasMessageContaining("--millis");
    }

    @Test
    void anUnknownImplementationOrScenarioIsRefusedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab10").with("impl", "magic")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown implementation 'magic'")
                .hasMessageContaining("copy-on-write")
                .hasMessageContaining("reader-preference");
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab10").with("inject", "deadlock")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("'deadlock'")
                .hasMessageContaining("reader-stream");
    }

    /** The CLI offers both lists, each variant once, so --impl takes every name either list has. */
    @Test
    void theTourNamesEveryImplementationAndEveryLessonExactlyOnce() {
        List<String> registered = Stream.concat(SharedConfig.IMPLEMENTATIONS.names().stream(), SharedConfig.LESSONS.names().stream()).toList();
        assertThat(ReadersWritersExperiment.TOUR).as("the CLI's variants").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(registered);
        assertThat(experiment.implementations()).extracting(Choice::name).as("--impl names, in the order the table shows them")
                .containsExactlyElementsOf(ReadersWritersExperiment.TOUR);
        assertThat(experiment.implementations()).filteredOn(c -> c.name().equals("reader-preference")).extracting(Choice::summary)
                .as("what --help says of reader-preference").singleElement().asString().startsWith("lesson, breaks clause 5 (no writer starvation):");
    }

    @Test
    void aTornReadRunOfACorrectVariantTearsNothing() throws InterruptedException {
        String out = run(Request.defaults("lab10").with("impl", "copy-on-write").with("inject", "torn-read").with("millis", 20));
        assertThat(out).as("what labs run lab10 --inject torn-read printed")
                .containsPattern("\\| copy-on-write +\\| - +\\| +\\d+ \\| +0 \\|")
                .contains("This run: copy-on-write tore no snapshot, as clause 1 requires.");
    }

    @Test
    void anUpgradeRunShowsTheLockRefusingAtOnceAndTheUpgradeWaitingForItselfUnseenByTheDetector() throws InterruptedException {
        String out = run(Request.defaults("lab10").with("impl", "rwlock").with("inject", "upgrade").with("upgrade-wait", 50));
        assertThat(out).as("what labs run lab10 --inject upgrade printed")
                .containsPattern("\\| rwlock +\\| a read lock +\\| refused at once: IllegalStateException")
                .containsPattern("\\| upgrade-in-place +\\| .* \\| gave up: UpgradeDeadlockException")
                .contains("Refused at once: rwlock")
                .contains("and gave up (its bound: 50 ms)");
    }

    @Test
    void aReaderStreamRunReportsEveryWritersWaitsFromItsHistogram() throws InterruptedException {
        String out = run(Request.defaults("lab10").with("impl", "rwlock-fair").with("inject", "reader-stream").with("millis", 30));
        assertThat(out).as("what labs run lab10 --inject reader-stream printed")
                .contains("scenario reader-stream: 3 reader(s), 1 writer(s), 30 ms per variant")
                .containsPattern("\\| rwlock-fair +\\| - +\\| +\\d+ \\| +\\d+ \\|")
                .contains("This run: the longest single write of a variant ranged from");
    }

    @Test
    void aStarvedLessonIsCalledOutAndSoIsACorrectVariantThatTore() {
        ReadersWritersExperiment.Observed starved = row("reader-preference", Optional.of(SharedConfig.Clause.NO_WRITER_STARVATION), 0, 0);
        assertThat(ReadersWritersExperiment.waitReading(List.of(starved), "reader-stream", 3, Duration.ofMillis(300)))
                .as("the reading when the lesson's writer never got in")
                .contains("reader-preference: no write got in during the 300 ms run")
                .contains("a writer gets in only when all 3 readers happen to be out at once; this run, never.");
        ReadersWritersExperiment.Observed tore = row("stamped", Optional.empty(), 0, 5);
        assertThat(ReadersWritersExperiment.tornReading(List.of(tore))).as("the reading when a correct variant tore")
                .startsWith("CONTRACT BROKEN this run: stamped 5 torn");
    }

    /** Without --inject the lesson's writer may still be kept out: the reading says what this run's longest write showed. */
    @Test
    void aReadMostlyRunSaysWhetherTheLessonsWriterWasKeptOutFromItsLongestWrite() {
        Optional<SharedConfig.Clause> starves = Optional.of(SharedConfig.Clause.NO_WRITER_STARVATION);
        ReadersWritersExperiment.Observed keptOut = row("reader-preference", starves, 2, 0);
        keptOut.writeMicros().recordValue(250_000);
        assertThat(ReadersWritersExperiment.waitReading(List.of(keptOut), "read-mostly", 3, Duration.ofMillis(300)))
                .as("the reading when the lesson's longest write took most of a 300 ms run")
                .containsPattern("reader-preference: even these short reads overlapped enough to keep its writer out: its longest write took 8\\d% of the run\\.");
        ReadersWritersExperiment.Observed barely = row("reader-preference", starves, 2, 0);
        assertThat(ReadersWritersExperiment.waitReading(List.of(barely), "read-mostly", 3, Duration.ofMillis(300)))
                .as("the reading when the lesson's writes took 0.1 ms each")
                .contains("reader-preference: short reads overlapped little this run, so its writer waited at most 0.1 ms (0% of the run)");
    }

    @Test
    void aCallThatThrowsEndsTheRunAndIsReportedNotHidden() throws InterruptedException {
        IllegalStateException boom = new IllegalStateException("boom");
        // Given a minute, it returns as soon as a reader fails: the suite's 20 s timeout would fail this test otherwise.
        ReadersWritersExperiment.Observed row = ReadersWritersExperiment.runOnce("throwing", () -> throwingOnGet(boom), "read-mostly", 2, 1,
                Duration.ofMinutes(1), CpuWork.ofRounds(1));
        assertThat(row.thrown()).as("the failure the run reported").contains(boom);
    }

    @Test
    void anErrorOnAReaderThreadIsRethrownAsItIsOnceTheThreadsHaveEnded() {
        AssertionError error = new AssertionError("an Error is not data");
        assertThatThrownBy(() -> ReadersWritersExperiment.runOnce("throwing", () -> throwingOnGet(error), "read-mostly", 2, 1, Duration.ofMinutes(1),
                CpuWork.ofRounds(1))).isSameAs(error);
    }

    private static ReadersWritersExperiment.Observed row(String impl, Optional<SharedConfig.Clause> breaks, long writes, long torn) {
        Histogram micros = new Histogram(60_000_000L, 3);
        for (long w = 0; w < writes; w++) {
            micros.recordValue(100);
        }
        return new ReadersWritersExperiment.Observed(impl, breaks, 1_000, micros, 1_000, torn, 0, Optional.empty(), 0.3);
    }

    /** A copy-on-write config whose get throws {@code failure}. */
    private static SharedConfig throwingOnGet(Throwable failure) {
        CopyOnWriteConfig real = new CopyOnWriteConfig();
        return new SharedConfig() {
            @Override
            public String name() {
                return "throwing";
            }

            @Override
            public Sharing sharing() {
                return Sharing.SNAPSHOTS;
            }

            @Override
            public String get(String key) {
                switch (failure) {
                    case RuntimeException e -> throw e;
                    case Error e -> throw e;
                    default -> throw new IllegalArgumentException(failure);
                }
            }

            @Override
            public Map<String, String> snapshot() {
                return real.snapshot();
            }

            @Override
            public <R> R read(Function<? super Map<String, String>, ? extends R> reading) {
                return real.read(reading);
            }

            @Override
            public void update(Map<String, String> changes) {
                real.update(changes);
            }

            @Override
            public String putIfAbsent(String key, String value) {
                return real.putIfAbsent(key, value);
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    private String run(Request request) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        experiment.prepare(request).printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
