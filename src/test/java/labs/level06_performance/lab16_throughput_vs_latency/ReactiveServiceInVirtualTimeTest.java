package labs.level06_performance.lab16_throughput_vs_latency;

import static labs.level06_performance.lab16_throughput_vs_latency.Arrivals.MS;
import static labs.level06_performance.lab16_throughput_vs_latency.Arrivals.at;
import static labs.level06_performance.lab16_throughput_vs_latency.Arrivals.clockOf;
import static labs.level06_performance.lab16_throughput_vs_latency.Arrivals.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The two reactive cores — {@link ReactorService#serve} and {@link RxJavaService#serve}, the
 * classes the lab ships, given a virtual-time scheduler and its clock — with requests arriving at
 * chosen virtual times and the spec's service times spent on the virtual clock. Every time below is
 * exact, the same on every run and machine.
 */
class ReactiveServiceInVirtualTimeTest {

    private static final ServiceSpec TEN_MS_ON_TWO = ServiceSpec.fixed(2, Duration.ofMillis(10));

    /** Reactor: the core on the virtual clock, serving {@code millis} arrivals. */
    private static Flux<Served> reactor(ServiceSpec spec, long... millis) {
        VirtualTimeScheduler clock = VirtualTimeScheduler.get();
        return new ReactorService(spec, clock, clockOf(clock)).serve(at(clock, millis));
    }

    private static TestSubscriber<Served> rxJava(TestScheduler clock, ServiceSpec spec, long... millis) {
        return new RxJavaService(spec, clock, clockOf(clock)).serve(at(clock, millis)).test();
    }

    /** "id: started-ended" in virtual ms, the form the assertions read. */
    private static String times(Served served) {
        return served.id() + ": " + ms(served.startedNanos()) + "-" + ms(served.endedNanos());
    }

    @Test
    @Hint("A free worker takes a request as it arrives; the others wait in arrival order until one ends.")
    void threeRequestsOnTwoWorkersTheThirdWaitsForTheFirstToEnd() {
        StepVerifier.withVirtualTime(() -> reactor(TEN_MS_ON_TWO, 0, 0, 0).map(ReactiveServiceInVirtualTimeTest::times))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(10))
                .expectNext("0: 0-10", "1: 0-10")
                .expectNoEvent(Duration.ofMillis(10))
                .expectNext("2: 10-20")
                .thenAwait(Duration.ofSeconds(2))
                .verifyComplete();
    }

    @Test
    @Hint("flatMap's concurrency is the worker bound; arrivals beyond it must queue, not be refused or run beside.")
    void neverMoreThanWorkersInServiceAndTheOldestWaitingStartsFirst() {
        StepVerifier.withVirtualTime(() -> reactor(TEN_MS_ON_TWO, 0, 1, 2, 3, 4, 5).map(ReactiveServiceInVirtualTimeTest::times))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(2))
                .expectNext("0: 0-10", "1: 1-11", "2: 10-20", "3: 11-21", "4: 20-30", "5: 21-31")
                .verifyComplete();
    }

    @Test
    void theArrivalIsStampedWhenTheRequestComesAndTheLatencyCountsFromItsIntendedStart() {
        StepVerifier.withVirtualTime(() -> {
                    VirtualTimeScheduler clock = VirtualTimeScheduler.get();
                    // sent 5 ms after it was meant to go: its latency counts those 5 ms, its response time does not
                    return new ReactorService(ServiceSpec.fixed(1, Duration.ofMillis(10)), clock, clockOf(clock))
                            .serve(Mono.delay(Duration.ofMillis(5), clock).thenReturn(new Request(0, 0)).flux());
                })
                .expectSubscription()
                .thenAwait(Duration.ofMillis(15))
                .assertNext(served -> {
                    assertThat(ms(served.arrivedNanos())).as("arrived").isEqualTo(5);
                    assertThat(ms(served.responseNanos())).as("from the real send").isEqualTo(10);
                    assertThat(ms(served.latencyNanos())).as("from the intended start").isEqualTo(15);
                })
                .verifyComplete();
    }

    @Test
    @Hint("bufferTimeout's timer starts with a batch's first request: a lone request leaves when it runs out, not when the batch fills.")
    void aLoneRequestWaitsItsBatchTimeoutThenGoesAloneWhileAWorkerIsFree() {
        ServiceSpec batched = TEN_MS_ON_TWO.withBatching(4, Duration.ofMillis(5));
        StepVerifier.withVirtualTime(() -> reactor(batched, 2, 30).map(ReactiveServiceInVirtualTimeTest::times))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(2))
                .expectNext("0: 7-17", "1: 35-45")
                .verifyComplete();
    }

    @Test
    @Hint("A batch closes when it is full or when its timeout runs out, whichever comes first.")
    void aFullBatchGoesAtOnceWithoutWaitingForItsTimeout() {
        ServiceSpec batched = TEN_MS_ON_TWO.withBatching(3, Duration.ofMillis(50));
        StepVerifier.withVirtualTime(() -> reactor(batched, 0, 1, 2, 3).map(s -> times(s) + " x" + s.batchSize()))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(2))
                .expectNext("0: 2-12 x3", "1: 2-12 x3", "2: 2-12 x3", "3: 53-63 x1")
                .verifyComplete();
    }

    /**
     * One worker, busy 5-25 with the first request's batch. b, c and d arrive meanwhile, one every
     * 6 ms: Reactor's fair {@code bufferTimeout} holds them, lets the batch grow, and hands all three
     * over together the moment the worker asks (25), timeout or not.
     */
    @Test
    @Hint("The fair bufferTimeout holds a batch while no worker asks for one, and lets it grow: it goes as soon as a worker is free.")
    void whileTheOnlyWorkerIsBusyReactorsBatchKeepsFillingAndGoesTheMomentItIsFree() {
        ServiceSpec batched = ServiceSpec.fixed(1, Duration.ofMillis(20)).withBatching(4, Duration.ofMillis(5));
        StepVerifier.withVirtualTime(() -> reactor(batched, 0, 6, 12, 18).map(s -> times(s) + " x" + s.batchSize()))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(2))
                .expectNext("0: 5-25 x1", "1: 25-45 x3", "2: 25-45 x3", "3: 25-45 x3")
                .verifyComplete();
    }

    /** The same arrivals on RxJava: its clock ticks every 5 ms and cuts a batch at each tick; the batches wait in line. */
    @Test
    @Hint("RxJava's buffer(time, count) closes batches on its own clock, busy workers or not; onBackpressureBuffer lines them up.")
    void whileTheOnlyWorkerIsBusyRxJavaCutsABatchAtEveryTickAndTheyWaitInLine() {
        TestScheduler clock = new TestScheduler();
        ServiceSpec batched = ServiceSpec.fixed(1, Duration.ofMillis(20)).withBatching(4, Duration.ofMillis(5));
        TestSubscriber<Served> served = rxJava(clock, batched, 0, 6, 12, 18);

        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        served.assertComplete();
        assertThat(served.values()).extracting(s -> times(s) + " x" + s.batchSize())
                .containsExactly("0: 5-25 x1", "1: 25-45 x1", "2: 45-65 x1", "3: 65-85 x1");
    }

    @Test
    @Hint("RxJava's batch clock starts at subscription, not with the batch's first request.")
    void rxJavaClosesALoneRequestsBatchAtTheNextTickOfItsClock() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<Served> served = rxJava(clock, TEN_MS_ON_TWO.withBatching(4, Duration.ofMillis(5)), 2, 31);

        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        served.assertComplete();
        assertThat(served.values()).extracting(ReactiveServiceInVirtualTimeTest::times)
                .as("a at 2 closes at the tick of 5, b at 31 at the tick of 35").containsExactly("0: 5-15", "1: 35-45");
    }

    /** Guards against serving RxJava's empty batches: every tick with nothing waiting emits one. */
    @Test
    @Hint("buffer(time, count) emits at every tick, an empty list when nothing came: drop those before they reach a worker.")
    void rxJavaNeverServesAnEmptyBatch() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger batches = new AtomicInteger();
        ServiceSpec batched = TEN_MS_ON_TWO.withBatching(4, Duration.ofMillis(5));
        TestSubscriber<Served> served = new RxJavaService(batched, clock, clockOf(clock), batch -> {
            batches.incrementAndGet();
            return Completable.timer(10, TimeUnit.MILLISECONDS, clock);
        }).serve(at(clock, 100)).test();

        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        served.assertComplete().assertValueCount(1);
        assertThat(batches.get()).as("batches handed to a worker in 2 s: one request among 400 ticks").isEqualTo(1);
    }

    @Test
    void rxJavaServesTwoWorkersAtOnceAndTheRestInArrivalOrder() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<Served> served = rxJava(clock, TEN_MS_ON_TWO, 0, 1, 2, 3);

        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        served.assertComplete();
        assertThat(served.values()).extracting(ReactiveServiceInVirtualTimeTest::times).containsExactly("0: 0-10", "1: 1-11", "2: 10-20", "3: 11-21");
    }

    @Test
    @Hint("A failing batch is one batch's answer, not the service's end: recover inside the inner publisher, not after flatMap.")
    void aFailingBatchIsAnsweredWithItsFailureAndTheOtherWorkersCarryOn() {
        IllegalStateException boom = new IllegalStateException("the downstream call failed");
        StepVerifier.withVirtualTime(() -> {
                    VirtualTimeScheduler clock = VirtualTimeScheduler.get();
                    return new ReactorService(TEN_MS_ON_TWO, clock, clockOf(clock),
                            batch -> batch.getFirst().id() == 1 ? Mono.delay(Duration.ofMillis(3), clock).then(Mono.error(boom)) : Mono.delay(Duration.ofMillis(10), clock))
                            .serve(at(clock, 0, 0, 0));
                })
                .expectSubscription()
                .thenAwait(Duration.ofMillis(3))
                .assertNext(served -> assertThat(served.failure()).as("request 1's answer").isSameAs(boom))
                .thenAwait(Duration.ofMillis(20))
                .assertNext(served -> assertThat(served.failed()).isFalse())
                .assertNext(served -> assertThat(times(served)).as("request 2 took the failed one's worker").isEqualTo("2: 3-13"))
                .thenAwait(Duration.ofSeconds(2))
                .verifyComplete();
    }

    @Test
    void rxJavaAFailingBatchIsAnsweredWithItsFailureAndTheOtherWorkersCarryOn() {
        TestScheduler clock = new TestScheduler();
        IllegalStateException boom = new IllegalStateException("the downstream call failed");
        TestSubscriber<Served> served = new RxJavaService(TEN_MS_ON_TWO, clock, clockOf(clock),
                batch -> batch.getFirst().id() == 1 ? Completable.timer(3, TimeUnit.MILLISECONDS, clock).andThen(Completable.error(boom))
                        : Completable.timer(10, TimeUnit.MILLISECONDS, clock))
                .serve(at(clock, 0, 0, 0)).test();

        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        served.assertComplete().assertNoErrors();
        assertThat(served.values()).extracting(s -> times(s) + (s.failed() ? " failed" : "")).containsExactly("1: 0-3 failed", "0: 0-10", "2: 3-13");
    }

    /**
     * A stall from 20 to 100 ms on two 10 ms workers: the batches taken in it are held until it
     * ends, the requests arriving meanwhile wait, and nothing is lost.
     */
    @Test
    @Hint("A stall holds every worker: requests keep arriving and wait, and each is answered after it.")
    void duringAStallNoBatchStartsAndTheRequestsArrivingMeanwhileWait() {
        ServiceSpec stalled = TEN_MS_ON_TWO.withStall(20 * MS, 100 * MS);
        StepVerifier.withVirtualTime(() -> reactor(stalled, 0, 15, 25, 30, 40).map(ReactiveServiceInVirtualTimeTest::times))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(2))
                .expectNext("0: 0-10", "1: 15-25", "2: 25-110", "3: 30-110", "4: 110-120")
                .verifyComplete();
    }
}
