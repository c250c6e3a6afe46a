package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The push-side bounded buffer: a unicast sink over a queue of exactly the capacity. */
class ReactorSinkBufferTest {

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
