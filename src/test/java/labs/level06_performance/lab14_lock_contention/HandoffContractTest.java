package labs.level06_performance.lab14_lock_contention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The hand-off contract ({@link Handoff}) for every hand-off in {@link Handoff#IMPLEMENTATIONS},
 * and the bound of the two reactive cores, staged on a consumer that runs only when the test says.
 */
class HandoffContractTest {

    static Stream<Implementation<Supplier<Handoff>>> handoffs() {
        return Handoff.IMPLEMENTATIONS.stream();
    }

    @ParameterizedTest
    @MethodSource("handoffs")
    @Hint("One producer, one consumer: every item must arrive once and in the order it was put in, through a full buffer many times over.")
    void everyItemArrivesExactlyOnceInOrder(Implementation<Supplier<Handoff>> impl) {
        Transfer transfer = impl.create().get().transfer(100_000);

        assertThat(transfer.received()).as("items the consumer took, each checked to be the next").isEqualTo(100_000);
    }

    @ParameterizedTest
    @MethodSource("handoffs")
    @Hint("Nothing to hand over is a transfer of nothing, not an error.")
    void zeroItemsTransferNothing(Implementation<Supplier<Handoff>> impl) {
        assertThat(impl.create().get().transfer(0).received()).as("items received of none").isZero();
    }

    @ParameterizedTest
    @MethodSource("handoffs")
    @Hint("Bad input fails before anything starts, in one line that names it.")
    void negativeItemsAreRejectedInOneLine(Implementation<Supplier<Handoff>> impl) {
        assertThatThrownBy(() -> impl.create().get().transfer(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("items must be >= 0 (got -1)");
    }

    @Test
    void anItemOutOfOrderIsNamedWithTheOneExpected() {
        assertThatThrownBy(() -> Handoff.checkNext(7, 5)).isInstanceOf(IllegalStateException.class)
                .hasMessage("item 7 arrived where 5 was expected");
    }

    /** The ring is the bound: before the consumer has run at all, the producer was asked for one ring. */
    @Test
    @Hint("publishOn's ring is the bound: the producer is asked for one ring's worth, and more only as the consumer takes them.")
    void publishOnAsksTheProducerForOneRingUntilTheConsumerRuns() {
        AtomicLong requested = new AtomicLong();
        Queue<Runnable> consumerTasks = new ArrayDeque<>();
        Scheduler consumer = Schedulers.fromExecutor(consumerTasks::add); // runs only when the test says
        Flux<Long> items = Flux.range(0, 10_000).map(i -> (long) i).doOnRequest(requested::addAndGet).hide(); // not fusable, as the edge's producer

        StepVerifier.create(new ReactorHandoff(16).received(items, consumer))
                .then(() -> assertThat(requested.get()).as("asked of the producer before the consumer ran").isEqualTo(16))
                .then(() -> {
                    for (Runnable task; (task = consumerTasks.poll()) != null; ) {
                        task.run();
                    }
                })
                .expectNext(10_000L)
                .verifyComplete();
    }

    @Test
    @Hint("observeOn's ring is the bound: the producer is asked for one ring's worth, and more only as the consumer takes them.")
    void observeOnAsksTheProducerForOneRingUntilTheConsumerRuns() {
        AtomicLong requested = new AtomicLong();
        TestScheduler consumer = new TestScheduler();
        Flowable<Long> items = Flowable.range(0, 10_000).map(i -> (long) i).doOnRequest(requested::addAndGet).hide(); // not fusable, as the edge's producer

        TestObserver<Long> received = new RxJavaHandoff(16).received(items, consumer).test();
        assertThat(requested.get()).as("asked of the producer before the consumer ran").isEqualTo(16);
        consumer.triggerActions();
        received.assertResult(10_000L);
    }
}
