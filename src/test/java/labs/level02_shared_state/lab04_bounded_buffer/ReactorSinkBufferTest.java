package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import labs.support.Hint;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The push-side bounded buffer: a unicast sink that holds at most {@code capacity} undelivered items. */
class ReactorSinkBufferTest {

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

    @Test
    @Hint("Count what was offered and not yet delivered; refuse with FAIL_OVERFLOW when that count is the capacity.")
    void withNoDemandTheSinkHoldsCapacityItemsAndRefusesTheNextWithFailOverflow() {
        ReactorSinkBuffer<String> buffer = new ReactorSinkBuffer<>(3, clock);
        StepVerifier.create(buffer.items(), 0)
                .expectSubscription()
                .then(() -> {
                    assertThat(buffer.offer("a")).isEqualTo(Sinks.EmitResult.OK);
                    assertThat(buffer.offer("b")).isEqualTo(Sinks.EmitResult.OK);
                    assertThat(buffer.offer("c")).isEqualTo(Sinks.EmitResult.OK);
                    assertThat(buffer.offer("d")).as("the fourth offer with nothing requested: refused, not dropped silently")
                            .isEqualTo(Sinks.EmitResult.FAIL_OVERFLOW);
                })
                .thenRequest(2)
                .expectNext("a", "b")
                .then(() -> assertThat(buffer.offer("e")).as("an offer once the consumer took two").isEqualTo(Sinks.EmitResult.OK))
                .thenRequest(10)
                .expectNext("c", "e")
                .then(() -> buffer.complete().subscribe())
                .verifyComplete();
    }

    @Test
    @Hint("A unicast sink keeps what is offered before its one subscriber arrives, and its completion too.")
    void itemsOfferedBeforeTheSubscriberArrivesWaitForIt() {
        ReactorSinkBuffer<String> buffer = new ReactorSinkBuffer<>(2, clock);
        assertThat(buffer.offer("a")).isEqualTo(Sinks.EmitResult.OK);
        assertThat(buffer.offer("b")).isEqualTo(Sinks.EmitResult.OK);
        StepVerifier.create(buffer.complete()).verifyComplete();
        StepVerifier.create(buffer.items()).expectNext("a", "b").verifyComplete();
    }

    /**
     * Staged: emitter-A's offer is parked inside the consumer's onNext; the test completes. The sink
     * refuses the completion with FAIL_NON_SERIALIZED while A is inside; complete() retries on the
     * scheduler instead of spinning or losing it. The virtual clock makes "the retry" one step.
     */
    @Test
    @Hint("tryEmitComplete can be refused (FAIL_NON_SERIALIZED) while another thread emits: retry it later, on the scheduler.")
    void aCompletionThatMeetsAnOfferInsideTheSinkIsRetriedAndNotLost() throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean consumerCompleted = new AtomicBoolean();
        ReactorSinkBuffer<String> buffer = new ReactorSinkBuffer<>(2, clock);
        Disposable consumer = buffer.items().subscribe(item -> {
            inside.countDown();
            try {
                Watch.await("the test lets emitter-A out of onNext", release);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, error -> { }, () -> consumerCompleted.set(true));
        try {
            Staged<Sinks.EmitResult> a = Staged.start("emitter-A", () -> buffer.offer("a"));
            Watch.await("emitter-A inside onNext", inside);

            AtomicReference<String> completion = new AtomicReference<>("pending");
            buffer.complete().subscribe(v -> { }, e -> completion.set("failed: " + e), () -> completion.set("done"));
            assertThat(completion).as("complete() while emitter-A is inside the sink").hasValue("pending");

            release.countDown();
            assertThat(a.join().value()).as("emitter-A's offer").isEqualTo(Sinks.EmitResult.OK);
            clock.advanceTimeBy(ReactorSinkBuffer.RETRY_EVERY);

            assertThat(completion).as("complete() after one retry").hasValue("done");
            assertThat(consumerCompleted).as("the consumer saw the completion").isTrue();
        } finally {
            release.countDown();
            consumer.dispose();
            clock.dispose();
        }
    }

    @Test
    @Hint("Completing a sink that is already complete is refused (FAIL_TERMINATED): nothing to do, not an error.")
    void completingTwiceIsANoOp() {
        ReactorSinkBuffer<String> buffer = new ReactorSinkBuffer<>(1, clock);
        StepVerifier.create(buffer.complete()).verifyComplete();
        StepVerifier.create(buffer.complete()).verifyComplete();
        StepVerifier.create(buffer.items()).verifyComplete();
    }

    @Test
    void capacityBelowOneIsRejected() {
        assertThatThrownBy(() -> new ReactorSinkBuffer<String>(-3, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be >= 1 (got -3)");
    }

    @Test
    void aNullItemIsRejected() {
        ReactorSinkBuffer<String> buffer = new ReactorSinkBuffer<>(1, clock);
        assertThatThrownBy(() -> buffer.offer(null)).isInstanceOf(NullPointerException.class);
    }

    /** Why the sink's queue is not an ArrayBlockingQueue (see its class comment and DESIGN.md). */
    @Test
    void aPollThatMeetsArrayBlockingQueuesLockOnParallelParksAndBlockHoundSaysSo() throws InterruptedException {
        java.util.concurrent.ArrayBlockingQueue<String> queue = new java.util.concurrent.ArrayBlockingQueue<>(3);
        queue.add("a");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        // forEach holds the queue's lock while it runs the action: a producer "inside" the queue.
        Staged<Boolean> holder = Staged.run("holds-the-queue-lock", () -> queue.forEach(item -> {
            holding.countDown();
            try {
                Watch.await("the test lets the queue's lock go", letGo);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            Watch.await("another thread holds the queue's lock", holding);
            Throwable polled = org.assertj.core.api.Assertions.catchThrowable(() ->
                    reactor.core.publisher.Mono.fromCallable(queue::poll).subscribeOn(reactor.core.scheduler.Schedulers.parallel()).block(Duration.ofSeconds(10)));
            assertThat(reactor.core.Exceptions.unwrap(polled)).as("a poll on parallel() while the lock is held")
                    .isInstanceOf(reactor.blockhound.BlockingOperationError.class);
        } finally {
            letGo.countDown();
        }
        assertThat(holder.join().succeeded()).as("the lock holder finished").isTrue();
    }
}
