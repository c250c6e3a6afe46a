package labs.level02_shared_state.lab03_shared_counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

/**
 * The single-writer pitfalls, each forced deterministically: thread A is parked inside the
 * subscriber's onNext (see {@link ParkFirstOnNext}) while the test thread emits. No timing, no
 * repetition: the interleaving is built, not hoped for.
 */
class ReactiveCounterPitfallTest {

    @Test
    void tryEmitNextWhileAnotherThreadIsInsideOnNextIsRefusedAndTheIncrementIsLost() throws InterruptedException {
        ParkFirstOnNext hook = new ParkFirstOnNext();
        TryEmitCounter counter = new TryEmitCounter(hook);
        try {
            Thread a = Thread.ofPlatform().name("emitter-A").start(counter::increment);
            hook.awaitParked();

            counter.increment(); // refused with FAIL_NON_SERIALIZED, silently

            hook.release();
            joinBounded(a);
            assertThat(counter.rejected()).as("emissions refused with FAIL_NON_SERIALIZED").isEqualTo(1);
            assertThat(counter.get()).as("two increments returned, one counted: a lost update").isEqualTo(1);
        } finally {
            hook.release();
            counter.dispose();
        }
    }

    @Test
    void tryEmitNextReportsFailNonSerializedToTheCallerThatChecks() throws InterruptedException {
        ParkFirstOnNext hook = new ParkFirstOnNext();
        Sinks.Many<Long> sink = Sinks.many().unicast().onBackpressureBuffer();
        var subscription = sink.asFlux().subscribe(hook::accept);
        try {
            Thread a = Thread.ofPlatform().name("emitter-A").start(() -> sink.tryEmitNext(1L));
            hook.awaitParked();

            Sinks.EmitResult second = sink.tryEmitNext(2L);

            hook.release();
            joinBounded(a);
            assertThat(second).isEqualTo(Sinks.EmitResult.FAIL_NON_SERIALIZED);
        } finally {
            hook.release();
            subscription.dispose();
        }
    }

    @Test
    void retryingFailNonSerializedDeliversTheContendedIncrementOnceTheFirstEmitterLeaves() throws InterruptedException {
        ParkFirstOnNext hook = new ParkFirstOnNext();
        List<Sinks.EmitResult> failuresSeen = new ArrayList<>();
        long giveUpAt = System.nanoTime() + ParkFirstOnNext.BOUND.toNanos();
        // Releases the parked emitter on the first refusal, so the retry provably follows a refusal.
        // Bounded: if A never leaves onNext the test fails with a message instead of spinning forever.
        Sinks.EmitFailureHandler retryAndRelease = (signal, result) -> {
            failuresSeen.add(result);
            hook.release();
            if (System.nanoTime() - giveUpAt > 0) {
                throw new AssertionError("still refused " + failuresSeen.size() + " times after "
                        + ParkFirstOnNext.BOUND.toSeconds() + " s: emitter-A never left onNext");
            }
            return result == Sinks.EmitResult.FAIL_NON_SERIALIZED;
        };
        ReactorSingleWriterCounter counter = new ReactorSingleWriterCounter(() -> retryAndRelease, hook);
        try {
            Thread a = Thread.ofPlatform().name("emitter-A").start(counter::increment);
            hook.awaitParked();

            counter.increment(); // refused at first, retried until A has left onNext

            joinBounded(a);
            assertThat(failuresSeen).as("the test thread's emission was refused before it was retried")
                    .isNotEmpty().containsOnly(Sinks.EmitResult.FAIL_NON_SERIALIZED);
            assertThat(counter.get()).as("both increments counted").isEqualTo(2);
            assertThat(hook.mostInsideAtOnce()).as("onNext never ran on two threads at once").isEqualTo(1);
        } finally {
            hook.release();
            counter.dispose();
        }
    }

    @Test
    void busyLoopingWithNoTimeLeftRefusesToRetry() {
        // A handler whose deadline has passed refuses every retry, so a contended increment would fail
        // with EmissionException. This cannot tell a creation-time deadline from a first-use one
        // (Duration.ZERO refuses either way): that the deadline is fixed at creation is Reactor's code
        // (FAILURE.md §5 cites it), and the per-emission handler is guarded by the handlersMade test below.
        Sinks.EmitFailureHandler createdWithNoTimeLeft = Sinks.EmitFailureHandler.busyLooping(Duration.ZERO);
        assertThat(createdWithNoTimeLeft.onEmitFailure(reactor.core.publisher.SignalType.ON_NEXT,
                Sinks.EmitResult.FAIL_NON_SERIALIZED)).as("retry?").isFalse();
    }

    @Test
    void everyContendedEmissionGetsAFreshHandlerSoItsBoundCountsFromThatEmission() throws InterruptedException {
        // Guards the tempting "optimisation" of one shared busyLooping handler: busyLooping fixes its
        // deadline when created (FAILURE.md §5), so a shared one expires for good.
        ParkFirstOnNext hook = new ParkFirstOnNext();
        java.util.concurrent.atomic.AtomicInteger handlersMade = new java.util.concurrent.atomic.AtomicInteger();
        ReactorSingleWriterCounter counter = new ReactorSingleWriterCounter(() -> {
            handlersMade.incrementAndGet();
            long giveUpAt = System.nanoTime() + ParkFirstOnNext.BOUND.toNanos();
            return (signal, result) -> {
                hook.release();
                if (System.nanoTime() - giveUpAt > 0) {
                    throw new AssertionError("emission still refused after " + ParkFirstOnNext.BOUND.toSeconds() + " s");
                }
                return result == Sinks.EmitResult.FAIL_NON_SERIALIZED;
            };
        }, hook);
        try {
            Thread a = Thread.ofPlatform().name("emitter-A").start(counter::increment);
            hook.awaitParked();
            counter.increment();
            counter.increment();
            joinBounded(a);
            assertThat(handlersMade).as("one handler per increment").hasValue(3);
            assertThat(counter.get()).isEqualTo(3);
        } finally {
            hook.release();
            counter.dispose();
        }
    }

    @Test
    void serializedProcessorQueuesTheContendedIncrementAndTheParkedThreadDeliversIt() throws InterruptedException {
        Set<String> deliveredOn = ConcurrentHashMap.newKeySet();
        ParkFirstOnNext hook = new ParkFirstOnNext();
        RxJavaSingleWriterCounter counter = new RxJavaSingleWriterCounter(total -> {
            deliveredOn.add(Thread.currentThread().getName());
            hook.accept(total);
        });
        try {
            Thread a = Thread.ofPlatform().name("emitter-A").start(counter::increment);
            hook.awaitParked();

            counter.increment(); // returns at once: queued for emitter-A to deliver

            assertThat(counter.get()).as("not yet delivered while A is parked").isZero();
            hook.release();
            joinBounded(a);
            assertThat(counter.get()).isEqualTo(2);
            assertThat(deliveredOn).as("both events were delivered by the thread already emitting").containsExactly("emitter-A");
            assertThat(hook.mostInsideAtOnce()).isEqualTo(1);
        } finally {
            hook.release();
            counter.dispose();
        }
    }

    @Test
    void aContendingEmitterIsNeverHeldBackSoTheSerializersQueueHasNoBound() throws InterruptedException {
        // toSerialized() trades refusal for an unbounded queue: while A is inside onNext, every other
        // emitter returns at once and its event waits. Found when JMH at 2 threads trapped one thread
        // in the emit loop and the fork grew past 6 GB (NOTES.md); staged here with a bounded count.
        ParkFirstOnNext hook = new ParkFirstOnNext();
        RxJavaSingleWriterCounter counter = new RxJavaSingleWriterCounter(hook);
        try {
            Thread a = Thread.ofPlatform().name("emitter-A").start(counter::increment);
            hook.awaitParked();

            for (int i = 0; i < 10_000; i++) {
                counter.increment(); // each returns at once: nothing pushes back
            }

            assertThat(counter.get()).as("10 000 increments returned, none delivered yet: all queued").isZero();
            hook.release();
            joinBounded(a);
            assertThat(counter.get()).as("A delivered the whole backlog before its own call returned").isEqualTo(10_001);
        } finally {
            hook.release();
            counter.dispose();
        }
    }

    @Test
    void unserializedProcessorRunsTheSubscriberOnTwoThreadsAtOnceAndLosesAnUpdate() throws InterruptedException {
        ParkFirstOnNext hook = new ParkFirstOnNext();
        UnserializedProcessorCounter counter = new UnserializedProcessorCounter(hook);
        try {
            Thread a = Thread.ofPlatform().name("emitter-A").start(counter::increment);
            hook.awaitParked();

            counter.increment(); // runs scan and the subscriber right now, beside the parked A

            assertThat(counter.get()).as("the test thread read 0 too: A had not written its sum yet").isEqualTo(1);
            hook.release();
            joinBounded(a);
            assertThat(hook.mostInsideAtOnce()).as("rule 1.3 broken: two threads inside onNext").isEqualTo(2);
            assertThat(counter.get()).as("two increments returned, one counted: a lost update").isEqualTo(1);
        } finally {
            hook.release();
            counter.dispose();
        }
    }

    private static void joinBounded(Thread thread) throws InterruptedException {
        if (!thread.join(ParkFirstOnNext.BOUND)) {
            thread.interrupt();
            throw new AssertionError(thread.getName() + " did not finish");
        }
    }
}
