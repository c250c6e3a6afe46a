package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The push-side bounded buffer: a unicast sink over a queue of exactly the capacity. */
class ReactorSinkBufferTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    void withNoDemandTheSinkHoldsCapacityItemsAndRefusesTheNextWithFailOverflow() {
        ReactorSinkBuffer<String> buffer = new ReactorSinkBuffer<>(3);
        StepVerifier.create(buffer.items(), 0)
                .expectSubscription()
                .then(() -> {
                    assertThat(buffer.offer("a")).isTrue();
                    assertThat(buffer.offer("b")).isTrue();
                    assertThat(buffer.offer("c")).isTrue();
                    assertThat(buffer.offer("d")).as("full: refused, not dropped silently").isFalse();
                    assertThat(buffer.lastRefusal()).isEqualTo(Sinks.EmitResult.FAIL_OVERFLOW);
                })
                .thenRequest(2)
                .expectNext("a", "b")
                .then(() -> assertThat(buffer.offer("e")).as("room again after the consumer took two").isTrue())
                .thenRequest(10)
                .expectNext("c", "e")
                .then(buffer::close)
                .verifyComplete();
    }

    @Test
    void itemsOfferedBeforeTheSubscriberArrivesWaitForIt() {
        ReactorSinkBuffer<String> buffer = new ReactorSinkBuffer<>(2);
        assertThat(buffer.offer("a")).isTrue();
        assertThat(buffer.offer("b")).isTrue();
        buffer.close();
        StepVerifier.create(buffer.items()).expectNext("a", "b").verifyComplete();
    }

    @Test
    void aCloseThatMeetsAnOfferInsideTheSinkRetriesAndTheCompletionIsNotLost() throws InterruptedException {
        // Staged: emitter-A's offer is parked inside the subscriber's onNext; the test thread closes.
        // The sink refuses the close with FAIL_NON_SERIALIZED; the handler records that, releases A,
        // and asks for a retry. A close that ignored tryEmitComplete's result would lose the completion.
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean completed = new AtomicBoolean();
        List<Sinks.EmitResult> refusals = new CopyOnWriteArrayList<>();
        long giveUpAt = System.nanoTime() + BOUND.toNanos();
        ReactorSinkBuffer<String> buffer = new ReactorSinkBuffer<>(2, () -> (signal, result) -> {
            refusals.add(result);
            release.countDown();
            if (System.nanoTime() - giveUpAt > 0) {
                throw new AssertionError("close still refused after " + BOUND.toSeconds() + " s");
            }
            return result == Sinks.EmitResult.FAIL_NON_SERIALIZED;
        });
        var subscription = buffer.items().subscribe(item -> {
            parked.countDown();
            try {
                if (!release.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("the parked onNext was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, error -> { }, () -> completed.set(true));
        try {
            Outcome<Boolean> offered = new Outcome<>();
            Thread a = Outcome.start("emitter-A", offered, () -> buffer.offer("a"));
            assertThat(parked.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("A inside onNext").isTrue();

            buffer.close();

            assertThat(a.join(BOUND)).as("emitter-A finished").isTrue();
            assertThat(offered.value()).as("A's offer was accepted").isTrue();
            assertThat(refusals).as("the close was refused while A was inside, then retried")
                    .isNotEmpty().containsOnly(Sinks.EmitResult.FAIL_NON_SERIALIZED);
            assertThat(completed).as("the subscriber saw the completion").isTrue();
        } finally {
            release.countDown();
            subscription.dispose();
        }
    }

    @Test
    void closingTwiceIsANoOp() {
        ReactorSinkBuffer<String> buffer = new ReactorSinkBuffer<>(1);
        buffer.close();
        buffer.close();
        StepVerifier.create(buffer.items()).verifyComplete();
    }

    @Test
    void capacityBelowOneIsRejected() {
        assertThatThrownBy(() -> new ReactorSinkBuffer<String>(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be >= 1 (got -3)");
    }

    @Test
    void aNullItemIsRejected() {
        ReactorSinkBuffer<String> buffer = new ReactorSinkBuffer<>(1);
        assertThatThrownBy(() -> buffer.offer(null)).isInstanceOf(NullPointerException.class);
    }
}
