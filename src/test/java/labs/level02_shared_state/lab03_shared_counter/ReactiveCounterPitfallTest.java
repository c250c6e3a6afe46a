package labs.level02_shared_state.lab03_shared_counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Hint;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;

/**
 * The single-writer pitfalls, each forced deterministically on the shipped cores: thread
 * {@code emitter-A} is parked inside the single writer's {@code onNext} (see {@link ParkFirstOnNext})
 * while the test thread emits. No timing, no repetition: the interleaving is built, not hoped for.
 */
class ReactiveCounterPitfallTest {

    private static final Duration BOUND = Watch.BOUND;

    @Test
    @Hint("A Reactor sink refuses a second emitter while one is delivering. What does tryEmitNext return then, and who looks at it?")
    void tryEmitNextWhileAnotherThreadIsInsideOnNextIsRefusedAndTheIncrementIsLost() throws Exception {
        ReactorTryEmitWriter core = new ReactorTryEmitWriter();
        try (ParkFirstOnNext writer = ParkFirstOnNext.subscribeTo(core)) {
            writer.parkEmitterA();

            core.increment(); // refused with FAIL_NON_SERIALIZED, silently

            writer.releaseEmitterA();
            assertThat(core.rejected()).as("emissions the sink refused").isEqualTo(1);
            assertThat(writer.totals()).as("totals the single writer received after two increments had returned").containsExactly(1L);
        }
    }

    /** Reactor's own behaviour, on a bare sink: the result the lesson ignores. */
    @Test
    void tryEmitNextReportsFailNonSerializedToTheCallerThatChecks() throws Exception {
        Sinks.Many<Long> sink = Sinks.many().unicast().onBackpressureBuffer();
        List<Long> received = new CopyOnWriteArrayList<>();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var subscription = sink.asFlux().subscribe(n -> {
            received.add(n);
            inside.countDown();
            try {
                Watch.await("the test releasing onNext", release);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            Staged<Sinks.EmitResult> a = Staged.start("emitter-A", () -> sink.tryEmitNext(1L));
            Watch.await("emitter-A inside onNext", inside);

            Sinks.EmitResult second = sink.tryEmitNext(2L);

            release.countDown();
            assertThat(a.join().value()).as("what tryEmitNext told emitter-A").isEqualTo(Sinks.EmitResult.OK);
            assertThat(second).as("what tryEmitNext told the second emitter").isEqualTo(Sinks.EmitResult.FAIL_NON_SERIALIZED);
            assertThat(received).as("values the subscriber received").containsExactly(1L);
        } finally {
            release.countDown();
            subscription.dispose();
        }
    }

    @Test
    @Hint("The fix keeps the refusal but does not accept it: emit with a failure handler that retries FAIL_NON_SERIALIZED.")
    void retryingFailNonSerializedDeliversTheContendedIncrementOnceTheFirstEmitterLeaves() throws Exception {
        List<Sinks.EmitResult> failuresSeen = new CopyOnWriteArrayList<>();
        ParkFirstOnNext[] writerRef = new ParkFirstOnNext[1];
        long giveUpAt = System.nanoTime() + BOUND.toNanos();
        // Releases the parked emitter on the first refusal, so the retry provably follows a refusal.
        // Bounded: if A never leaves onNext the test fails with a message instead of spinning forever.
        Sinks.EmitFailureHandler retryAndRelease = (signal, result) -> {
            failuresSeen.add(result);
            writerRef[0].release();
            if (System.nanoTime() - giveUpAt > 0) {
                throw new AssertionError("still refused " + failuresSeen.size() + " times after "
                        + BOUND.toSeconds() + " s: emitter-A never left onNext");
            }
            return result == Sinks.EmitResult.FAIL_NON_SERIALIZED;
        };
        ReactorSingleWriter core = new ReactorSingleWriter(() -> retryAndRelease);
        try (ParkFirstOnNext writer = ParkFirstOnNext.subscribeTo(core)) {
            writerRef[0] = writer;
            writer.parkEmitterA();

            core.increment(); // refused at first, retried until A has left onNext

            writer.releaseEmitterA(); // already released by the handler: this waits for A to return
            assertThat(failuresSeen).as("what the sink answered the test thread before its emission went through")
                    .isNotEmpty().containsOnly(Sinks.EmitResult.FAIL_NON_SERIALIZED);
            assertThat(writer.deliveries()).as("totals received, and the thread that delivered each")
                    .containsExactly(new ParkFirstOnNext.Delivery(1, "emitter-A"), new ParkFirstOnNext.Delivery(2, Thread.currentThread().getName()));
            assertThat(writer.mostInsideAtOnce()).as("threads inside onNext at once").isEqualTo(1);
        }
    }

    /** Reactor's own behaviour: a handler past its deadline gives up (the 5 s bound surfaces as an exception). */
    @Test
    void busyLoopingWithNoTimeLeftRefusesToRetry() {
        // This cannot tell a creation-time deadline from a first-use one (Duration.ZERO refuses either
        // way): that the deadline is fixed at creation is Reactor's code (FAILURE.md cites it), and the
        // handler per emission is guarded by the test below.
        Sinks.EmitFailureHandler createdWithNoTimeLeft = Sinks.EmitFailureHandler.busyLooping(Duration.ZERO);
        assertThat(createdWithNoTimeLeft.onEmitFailure(SignalType.ON_NEXT, Sinks.EmitResult.FAIL_NON_SERIALIZED))
                .as("does a handler past its deadline ask to retry").isFalse();
    }

    /**
     * Guards the tempting "optimisation" of one shared {@code busyLooping} handler: it fixes its
     * deadline when created, so a shared one stops retrying for good once the counter is 5 s old.
     */
    @Test
    @Hint("busyLooping(d) starts counting d when the handler is created. When should each emission get its handler?")
    void everyContendedEmissionGetsAFreshHandlerSoItsBoundCountsFromThatEmission() throws Exception {
        AtomicInteger handlersMade = new AtomicInteger();
        ParkFirstOnNext[] writerRef = new ParkFirstOnNext[1];
        ReactorSingleWriter core = new ReactorSingleWriter(() -> {
            handlersMade.incrementAndGet();
            long giveUpAt = System.nanoTime() + BOUND.toNanos();
            return (signal, result) -> {
                writerRef[0].release();
                if (System.nanoTime() - giveUpAt > 0) {
                    throw new AssertionError("emission still refused after " + BOUND.toSeconds() + " s");
                }
                return result == Sinks.EmitResult.FAIL_NON_SERIALIZED;
            };
        });
        try (ParkFirstOnNext writer = ParkFirstOnNext.subscribeTo(core)) {
            writerRef[0] = writer;
            writer.parkEmitterA();
            core.increment();
            core.increment();
            writer.releaseEmitterA(); // already released by the handler: this waits for A to return
            assertThat(handlersMade).as("handlers made for three increments").hasValue(3);
            assertThat(writer.totals()).as("totals received").containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    @Hint("toSerialized() does not refuse a second emitter: it queues the event. Which thread delivers it, and when?")
    void serializedProcessorQueuesTheContendedIncrementAndTheParkedThreadDeliversIt() throws Exception {
        RxJavaSerializedWriter core = new RxJavaSerializedWriter();
        try (ParkFirstOnNext writer = ParkFirstOnNext.subscribeTo(core)) {
            writer.parkEmitterA();

            core.increment(); // returns at once: queued for emitter-A to deliver

            assertThat(writer.totals()).as("totals received while A is parked, though the test thread's increment has returned")
                    .containsExactly(1L);
            writer.releaseEmitterA();
            assertThat(writer.deliveries()).as("totals received, and the thread that delivered each")
                    .containsExactly(new ParkFirstOnNext.Delivery(1, "emitter-A"), new ParkFirstOnNext.Delivery(2, "emitter-A"));
            assertThat(writer.mostInsideAtOnce()).as("threads inside onNext at once").isEqualTo(1);
        }
    }

    /**
     * toSerialized() trades refusal for an unbounded queue: while A is inside onNext, every other
     * emitter returns at once and its event waits. Found when JMH at 2 threads trapped one thread in
     * the emit loop and the fork grew past 6 GB (FAILURE.md); staged here with a bounded count.
     */
    @Test
    @Hint("Nothing holds a contending emitter back. Where do its events wait, and what bounds that place?")
    void aContendingEmitterIsNeverHeldBackSoTheSerializersQueueHasNoBound() throws Exception {
        RxJavaSerializedWriter core = new RxJavaSerializedWriter();
        try (ParkFirstOnNext writer = ParkFirstOnNext.subscribeTo(core)) {
            writer.parkEmitterA();

            for (int i = 0; i < 10_000; i++) {
                core.increment(); // each returns at once: nothing pushes back
            }

            assertThat(writer.totals()).as("totals received after 10 000 more increments returned: the rest are queued").containsExactly(1L);
            writer.releaseEmitterA();
            assertThat(writer.totals()).as("totals received once A was released").hasSize(10_001).endsWith(10_001L);
            assertThat(writer.deliveries()).as("deliveries not made by emitter-A, which drained the backlog inside its own increment")
                    .allMatch(d -> d.thread().equals("emitter-A"));
        }
    }

    /** The good half of the toSerialized() lesson: nothing is lost, once every increment has returned. */
    @Test
    @Hint("A queued increment is not a lost one: who delivers the queue, and before which call returns?")
    void serializedProcessorLosesNoUpdateOnceEveryIncrementHasReturned() throws InterruptedException {
        try (Counter counter = SingleWriterCounter.subscribe(new RxJavaSerializedWriter())) {
            Result<Long> returned = SharedCounterExperiment.hammer(counter, 4, 20_000);
            assertThat(returned.value()).as("increments that returned").isEqualTo(80_000);
            assertThat(counter.get()).as("count once 4 threads x 20 000 increments had returned").isEqualTo(80_000);
        }
    }

    @Test
    @Hint("Rule 1.3: onNext is never called concurrently. Who enforces it when a plain processor is fed from two threads?")
    void unserializedProcessorRunsTheFoldOnTwoThreadsAtOnceAndLosesAnUpdate() throws Exception {
        RxJavaUnserializedWriter core = new RxJavaUnserializedWriter();
        try (ParkFirstOnNext writer = ParkFirstOnNext.subscribeTo(core)) {
            writer.parkEmitterA();

            core.increment(); // runs scan and the writer right now, beside the parked A

            assertThat(writer.latest()).as("total written by the test thread while A, holding total 1, is parked").isEqualTo(2);
            writer.releaseEmitterA();
            assertThat(writer.mostInsideAtOnce()).as("threads inside onNext at once (rule 1.3 says one)").isEqualTo(2);
            assertThat(writer.latest()).as("total after two increments returned: A wrote its stale 1 last, a lost update").isEqualTo(1);
        }
    }
}
