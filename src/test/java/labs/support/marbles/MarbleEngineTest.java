package labs.support.marbles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Flowable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;

/**
 * The engine against RxJS's semantics of hot and cold sources and subscription lines, on both
 * libraries, and its failure pictures and leak checks. Each scenario is written as a diagram, the
 * way lab diagrams are.
 */
class MarbleEngineTest {

    private static Scenario scenario(String lines) {
        return MarbleDocument.parse("engine.md", "```marble\nscenario: s\n" + lines.stripIndent() + "```\n").scenarios().get(0);
    }

    /** {@code delaySubscription(3 frames)}: the probe for hot versus cold. */
    private static final Pipelines SUBSCRIBE_AT_FRAME_3 = new Pipelines(
            run -> run.flux("source").delaySubscription(Duration.ofMillis(3), run.scheduler()),
            run -> run.flowable("source").delaySubscription(3, TimeUnit.MILLISECONDS, run.scheduler()));

    private static final Pipelines IDENTITY = new Pipelines(run -> run.flux("source"), run -> run.flowable("source"));

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aColdSourceStartsOverForItsSubscriberWhenSubscribed(Engine engine) {
        Scenario cold = scenario("""
                source:      --a--b|
                output:      -----a--b|
                source subs: ---^-----!
                """);

        MarbleRunner.check(cold, engine, SUBSCRIBE_AT_FRAME_3, MarbleRunner.Mode.UNBOUNDED);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aHotSourceGoesOnWithoutItsSubscriberWhoMissesWhatCameBefore(Engine engine) {
        // b (frame 2) happens before the subscription at frame 3: the subscriber never sees it.
        Scenario hot = scenario("""
                hot source:  -a-^-b--c|
                output:      -----c|
                source subs: ---^--!
                """);

        MarbleRunner.check(hot, engine, SUBSCRIBE_AT_FRAME_3, MarbleRunner.Mode.UNBOUNDED);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aHotLineRunsFromTheStartEvenWhenTheBindingFirstReadsItLate(Engine engine) {
        Scenario hot = scenario("""
                hot source:  -a-^-b--c|
                output:      -----c|
                """);
        Pipelines readAtFrame3 = new Pipelines(
                run -> Flux.defer(() -> run.flux("source")).delaySubscription(Duration.ofMillis(3), run.scheduler()),
                run -> Flowable.defer(() -> run.flowable("source")).delaySubscription(3, TimeUnit.MILLISECONDS, run.scheduler()));

        MarbleRunner.check(hot, engine, readAtFrame3, MarbleRunner.Mode.UNBOUNDED);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLateSubscriberToAHotSourceThatEndedGetsTheEndAtOnce(Engine engine) {
        Scenario ended = scenario("""
                hot source:  ^a|
                output:      ---|
                source subs: ---(^!)
                """);

        MarbleRunner.check(ended, engine, SUBSCRIBE_AT_FRAME_3, MarbleRunner.Mode.UNBOUNDED);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void groupsAndTimeProgressionsRunAtTheFramesTheyDraw(Engine engine) {
        Scenario timed = scenario("""
                source: a 9ms (bc) 5s d|
                output: a 9ms (bc) 5s d|
                """);

        MarbleRunner.check(timed, engine, IDENTITY, MarbleRunner.Mode.UNBOUNDED);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anErrorIsComparedByTheMessageTheLegendGivesIt(Engine engine) {
        Scenario failing = scenario("""
                values: # = boom
                source: -a#
                output: -a#
                """);
        Pipelines otherMessage = new Pipelines(
                run -> run.flux("source").onErrorMap(e -> new IllegalStateException("bang")),
                run -> run.flowable("source").onErrorResumeNext(e -> Flowable.error(new IllegalStateException("bang"))));

        MarbleRunner.check(failing, engine, IDENTITY, MarbleRunner.Mode.UNBOUNDED);
        assertThat(MarbleRunner.run(failing, engine, otherMessage, MarbleRunner.Mode.UNBOUNDED)).hasValueSatisfying(picture ->
                assertThat(picture).contains("expected the message 'boom', got java.lang.IllegalStateException: bang"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void valuesMatchByTheirOwnCharacterOrByTheLegend(Engine engine) {
        Scenario mapped = scenario("""
                values: a = 1, b = 2, x = 10, y = 20
                source: -a-b|
                output: -x-y|
                """);
        Pipelines timesTen = new Pipelines(
                run -> run.flux("source").map(v -> Integer.parseInt(run.value(v)) * 10),
                run -> run.flowable("source").map(v -> Integer.parseInt(run.value(v)) * 10));

        MarbleRunner.check(mapped, engine, timesTen, MarbleRunner.Mode.UNBOUNDED);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aMismatchFailsWithTheExpectedLineAlignedOverTheActualOne(Engine engine) {
        Scenario wrong = scenario("""
                source: -a-(bc)-|
                output: -a-(bc)--|
                """);

        assertThatThrownBy(() -> MarbleRunner.check(wrong, engine, IDENTITY, MarbleRunner.Mode.UNBOUNDED))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("engine.md:2 \"s\" on " + engine + ", unbounded demand: output differs from frame 8\n")
                .hasMessageContaining("""
                          frame            0       5    10
                          output expected  -a-(bc)-----|
                          output actual    -a-(bc)----|   <- differs from frame 8
                        """);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void requestingOneAtATimeFromABufferedSourceDelaysNothingWhenDemandKeepsUp(Engine engine) {
        Scenario scenario = scenario("""
                source: -(ab)-c|
                output: -(ab)-c|
                """);

        MarbleRunner.check(scenario, engine, IDENTITY, MarbleRunner.Mode.ONE_BY_ONE);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theOneAtATimeRunComparesWithTheOneByOneLineWhenTheDiagramDrawsOne(Engine engine) {
        // The two outputs differ only to show which line each run reads: with a subscriber that
        // re-requests inside onNext, the operators of the labs so far behave the same either way.
        Scenario scenario = scenario("""
                source: -a-b|
                output: -a-b--|
                output one-by-one: -a-b|
                """);

        MarbleRunner.check(scenario, engine, IDENTITY, MarbleRunner.Mode.ONE_BY_ONE);
        assertThat(MarbleRunner.run(scenario, engine, IDENTITY, MarbleRunner.Mode.UNBOUNDED)).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void cancellingAtEachFrameSeesThePrefixAndReleasesTheSource(Engine engine) {
        Scenario scenario = scenario("""
                source:      -a-b-c|
                output:      -a-b-c|
                source subs: ^-----!
                """);

        MarbleRunner.checkCancellationAtEachFrame(scenario, engine, IDENTITY);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSourceThatOutlivesTheCancellationIsReportedAsALeak(Engine engine) {
        // publish().autoConnect() keeps its upstream subscribed when its only subscriber leaves.
        Scenario scenario = scenario("""
                source: -a-b-c|
                output: -a-b-c|
                """);
        Pipelines leaky = new Pipelines(
                run -> run.flux("source").publish().autoConnect(),
                run -> run.flowable("source").publish().autoConnect());
        Pipelines released = new Pipelines(
                run -> run.flux("source").publish().refCount(),
                run -> run.flowable("source").publish().refCount());

        assertThat(MarbleRunner.run(scenario, engine, leaky, MarbleRunner.Mode.cancelledAt(3))).hasValueSatisfying(picture ->
                assertThat(picture).contains("leak: 'source' was still subscribed after frame 3, after the cancellation at frame 3"));
        MarbleRunner.check(scenario, engine, released, MarbleRunner.Mode.cancelledAt(3));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void refCountReleasesItsSourceWhenItsOnlySubscriberCancelsExceptReactorsInOnSubscribe(Engine engine) {
        // Found by the cancellation runs (Reactor 3.8.7, RxJava 3.1.12): when the only subscriber of
        // Reactor's publish().refCount() cancels inside onSubscribe (frame 0 here), refCount
        // connects anyway and its source stays subscribed until it completes. RxJava's does not.
        Scenario scenario = scenario("""
                source: -a-b-c|
                output: -a-b-c|
                """);
        Pipelines released = new Pipelines(
                run -> run.flux("source").publish().refCount(),
                run -> run.flowable("source").publish().refCount());

        if (engine == Engine.RXJAVA) {
            MarbleRunner.checkCancellationAtEachFrame(scenario, engine, released);
            return;
        }
        assertThat(MarbleRunner.run(scenario, engine, released, MarbleRunner.Mode.cancelledAt(0))).hasValueSatisfying(picture ->
                assertThat(picture).contains("leak: 'source' was still subscribed after frame 0"));
        for (long frame = 1; frame <= 6; frame++) {
            MarbleRunner.check(scenario, engine, released, MarbleRunner.Mode.cancelledAt(frame));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aProbeLineRecordsWhatTheBindingSawInside(Engine engine) {
        Scenario scenario = scenario("""
                source: -a-b|
                seen:   -a-b
                output: ----|
                """);
        Pipelines ignoring = new Pipelines(
                run -> run.flux("source").doOnNext(v -> run.probe("seen", v)).ignoreElements(),
                run -> run.flowable("source").doOnNext(v -> run.probe("seen", v)).ignoreElements().toFlowable());

        MarbleRunner.check(scenario, engine, ignoring, MarbleRunner.Mode.UNBOUNDED);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aDrawnLineTheBindingNeverUsesIsNamedInTheFailure(Engine engine) {
        Scenario scenario = scenario("""
                source: -a|
                other:  -b|
                output: -a|
                """);

        assertThat(MarbleRunner.run(scenario, engine, IDENTITY, MarbleRunner.Mode.UNBOUNDED)).hasValueSatisfying(picture ->
                assertThat(picture).contains("line 'other' is neither read nor probed by the " + engine + " binding"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRunLeavesNoVirtualTimeSchedulerInstalled(Engine engine) {
        MarbleRunner.check(scenario("source: -a|\noutput: -a|\n"), engine, IDENTITY, MarbleRunner.Mode.UNBOUNDED);

        assertThat(reactor.test.scheduler.VirtualTimeScheduler.isFactoryEnabled()).isFalse();
        assertThat(Flux.just(1).blockLast()).isEqualTo(1);
    }

    /**
     * An error RxJava cannot deliver goes to {@code RxJavaPlugins.onError}, off the drawn output.
     * Here the pipeline reports one as a side effect while its output matches the diagram: the run
     * must still fail, or a hidden error would pass as a green diagram.
     */
    @org.junit.jupiter.api.Test
    void anUndeliverableRxJavaErrorFailsAnUncancelledRun() {
        Scenario quiet = scenario("""
                source:      --a|
                output:      --a|
                """);
        Pipelines reportsAnUndeliverableError = new Pipelines(
                run -> run.flux("source"),
                run -> run.flowable("source").doOnComplete(() ->
                        io.reactivex.rxjava3.plugins.RxJavaPlugins.onError(new IllegalStateException("nobody hears this"))));

        assertThat(MarbleRunner.run(quiet, Engine.RXJAVA, reportsAnUndeliverableError, MarbleRunner.Mode.UNBOUNDED))
                .hasValueSatisfying(problem -> assertThat(problem).contains("went to RxJavaPlugins.onError", "nobody hears this"));
        assertThat(MarbleRunner.run(quiet, Engine.REACTOR, reportsAnUndeliverableError, MarbleRunner.Mode.UNBOUNDED)).isEmpty();
    }
}
