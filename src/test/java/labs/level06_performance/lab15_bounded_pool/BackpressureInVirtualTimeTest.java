package labs.level06_performance.lab15_bounded_pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.exceptions.MissingBackpressureException;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Backpressure as the bound, on the shipped reactive cores ({@link ReactorWorkers#settle},
 * {@link RxJavaWorkers#settle}) in virtual time: a job "takes" its duration on the virtual clock. A
 * source that honours demand is pulled {@code workers} at a time — the producer is held back and
 * nothing queues; a source that ignores demand (a clock ticking out requests, open loop) meets the
 * same bound as an overflow error — the reactive rejection.
 */
class BackpressureInVirtualTimeTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private static Mono<Long> oneSecond(Job job) {
        return Mono.delay(SECOND).thenReturn((long) job.id());
    }

    @Test
    @Hint("flatMap(work, W) asks its source for W jobs, then for one more each time a job ends: count what it has taken.")
    void reactorPullsTheSourceWorkersAtATimeSoNothingQueuesAndTheProducerIsHeldBack() {
        AtomicInteger taken = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> new ReactorWorkers(2, 1, VirtualTimeScheduler.get())
                        .settle(Flux.range(0, 100).map(id -> new Job(id, () -> (long) id)).doOnNext(job -> taken.incrementAndGet()),
                                BackpressureInVirtualTimeTest::oneSecond)
                        .take(6))
                .expectSubscription()
                .then(() -> assertThat(taken.get()).as("jobs taken at 0 s").isEqualTo(2))
                .expectNoEvent(SECOND)
                .expectNextCount(2)
                .then(() -> assertThat(taken.get()).as("jobs taken at 1 s").isEqualTo(4))
                .thenAwait(SECOND)
                .expectNextCount(2)
                .then(() -> assertThat(taken.get()).as("jobs taken at 2 s").isEqualTo(6))
                .thenAwait(SECOND)
                .expectNextCount(2)
                .verifyComplete();
    }

    @Test
    @Hint("A clock does not wait for demand: when every worker is busy and it ticks, the tick has nowhere to go.")
    void reactorAnOpenLoopSourceThatIgnoresDemandOverflowsTheBoundInsteadOfQueueing() {
        StepVerifier.withVirtualTime(() -> new ReactorWorkers(2, 1, VirtualTimeScheduler.get())
                        .settle(Flux.interval(Duration.ofMillis(100)).map(tick -> new Job(tick.intValue(), () -> tick)),
                                BackpressureInVirtualTimeTest::oneSecond))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(300)) // ticks at 100 and 200 ms take the two workers; the third finds none
                .expectErrorSatisfies(e -> assertThat(Exceptions.isOverflow(e)).as("an overflow: %s", e).isTrue())
                .verify();
    }

    @Test
    @Hint("flatMapSingle(work, false, W) pulls the same way: W requested, one more per job ended.")
    void rxJavaPullsTheSourceWorkersAtATimeToo() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger taken = new AtomicInteger();
        TestSubscriber<Settled> settled = new RxJavaWorkers(2, 1, clock)
                .settle(Flowable.range(0, 6).map(id -> new Job(id, () -> (long) id)).doOnNext(job -> taken.incrementAndGet()),
                        job -> Single.timer(1, TimeUnit.SECONDS, clock).map(tick -> (long) job.id()))
                .test();
        clock.triggerActions();
        assertThat(taken.get()).as("jobs taken at 0 s").isEqualTo(2);

        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        settled.assertValueCount(2);
        assertThat(taken.get()).as("jobs taken at 1 s").isEqualTo(4);

        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        settled.assertValueCount(6).assertComplete();
    }

    @Test
    @Hint("RxJava's interval signals MissingBackpressureException when the consumer has not asked for the tick.")
    void rxJavaAnOpenLoopSourceThatIgnoresDemandFailsWithMissingBackpressure() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<Settled> settled = new RxJavaWorkers(2, 1, clock)
                .settle(Flowable.interval(100, TimeUnit.MILLISECONDS, clock).map(tick -> new Job(tick.intValue(), () -> tick)),
                        job -> Single.timer(1, TimeUnit.SECONDS, clock).map(tick -> (long) job.id()))
                .test();

        clock.advanceTimeBy(299, TimeUnit.MILLISECONDS);
        settled.assertNoErrors();
        clock.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        settled.assertError(MissingBackpressureException.class);
    }
}
