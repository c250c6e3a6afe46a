package labs.level06_performance.lab16_throughput_vs_latency;

import static labs.level06_performance.lab16_throughput_vs_latency.Arrivals.MS;
import static labs.level06_performance.lab16_throughput_vs_latency.Arrivals.clockOf;
import static labs.level06_performance.lab16_throughput_vs_latency.Arrivals.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import labs.support.BadInputException;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The load generators and {@link LoadTest} — the classes the CLI runs live — driven on the virtual
 * clock against {@link ReactorService}'s blocking edge given the same clock: the schedule, the
 * coordinated-omission gap with a stalled service, queue buildup past capacity, batching's trade,
 * and Little's law, each exact and the same on every machine.
 */
class LoadInVirtualTimeTest {

    /** Samples the in-flight gauge every millisecond (half a millisecond in: never on an event's instant). */
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(1);

    /** How a test picks its generator, given the virtual scheduler and its clock. */
    @FunctionalInterface
    private interface Generator {
        LoadGenerator on(VirtualTimeScheduler scheduler, LongSupplier clock);
    }

    private static Generator open(long rate, Duration duration) {
        return (scheduler, clock) -> new OpenLoop(rate, duration, scheduler, clock);
    }

    private static Generator closed(long rate, Duration duration, int clients) {
        return (scheduler, clock) -> new ClosedLoop(rate, duration, clients, scheduler, clock);
    }

    /** Runs one load test in virtual time (a minute of it at most) and returns what it measured. */
    private static LoadResult measure(ServiceSpec spec, Generator generator) {
        AtomicReference<LoadResult> result = new AtomicReference<>();
        StepVerifier.withVirtualTime(() -> {
                    VirtualTimeScheduler scheduler = VirtualTimeScheduler.get();
                    LongSupplier clock = clockOf(scheduler);
                    ReactorService.Running service = new ReactorService(spec, scheduler, clock).open();
                    return LoadTest.measure(generator.on(scheduler, clock), service, scheduler, clock, SAMPLE_EVERY)
                            .flatMap(measured -> service.drain().thenReturn(measured));
                })
                .thenAwait(Duration.ofMinutes(1))
                .consumeNextWith(result::set)
                .verifyComplete();
        return result.get();
    }

    @Test
    @Hint("Request i is due at t0 + i / rate: take its intended time from i and the rate, never from the clock when the tick runs.")
    void theOpenLoopSendsRequestIAtT0PlusIOverTheRate() {
        StepVerifier.withVirtualTime(() -> {
                    VirtualTimeScheduler scheduler = VirtualTimeScheduler.get();
                    LongSupplier clock = clockOf(scheduler);
                    return Mono.delay(Duration.ofMillis(7), scheduler) // t0 = 7 ms
                            .thenMany(Flux.defer(() -> new OpenLoop(4, Duration.ofSeconds(1), scheduler, clock).schedule()
                                    .map(r -> r.id() + "@" + ms(r.intendedNanos()) + " sent " + ms(clock.getAsLong()))));
                })
                .thenAwait(Duration.ofSeconds(2))
                .expectNext("0@7 sent 7", "1@257 sent 257", "2@507 sent 507", "3@757 sent 757")
                .verifyComplete();
    }

    /**
     * Guards against the closed loop dressed as an open one ({@code concatMap}, or {@code flatMap}
     * with a small concurrency): a service that stalls for a second must not slow the schedule — every
     * request is still sent at its intended time.
     */
    @Test
    @Hint("An open loop never waits for an answer before the next send: the users keep arriving while the service stalls.")
    void whileTheServiceStallsTheOpenLoopStillSendsEveryRequestOnSchedule() {
        ServiceSpec stalled = ServiceSpec.fixed(1, Duration.ofMillis(1)).withStall(100 * MS, 1100 * MS);
        LoadResult open = measure(stalled, open(100, Duration.ofSeconds(2)));

        assertThat(open.sent()).as("requests sent").isEqualTo(200);
        assertThat(open.answered()).as("requests answered").isEqualTo(200);
        assertThat(open.maxSentLateNanos()).as("the latest a request was sent after its intended time, ns").isZero();
        assertThat(open.fromIntended().getMaxValue()).as("the longest latency, ns (the request sent when the stall began)")
                .isCloseTo(1001 * MS, within(2 * MS));
    }

    /**
     * The coordinated-omission gap. One worker, 1 ms a request, a one-second stall, 100 requests a
     * second for two seconds. The closed loop's client waits out the stall with its user's request,
     * then sends the 99 requests it owes late, one after another, each answered in 1 ms: read from the
     * real send, its p99 is 1 ms. Read from each request's intended start — as the open loop reads
     * it — about half the run waited hundreds of milliseconds.
     */
    @Test
    @Hint("Latency is counted from when the request was meant to go, not from when a held-up sender got round to it.")
    void aStallThatTheOpenLoopShowsTheClosedLoopsNaiveLatencyHides() {
        ServiceSpec stalled = ServiceSpec.fixed(1, Duration.ofMillis(1)).withStall(100 * MS, 1100 * MS);
        LoadResult open = measure(stalled, open(100, Duration.ofSeconds(2)));
        LoadResult closed = measure(stalled, closed(100, Duration.ofSeconds(2), 1));

        assertThat(closed.naiveMillis(99)).as("closed loop p99 from the real send, ms").isLessThan(1.1);
        assertThat(closed.maxSentLateNanos()).as("how late the closed loop sent its latest request, ns").isGreaterThan(900 * MS);
        assertThat(open.millis(99)).as("open loop p99 from the intended start, ms").isGreaterThan(900);
        assertThat(open.millis(50)).as("open loop p50 from the intended start, ms").isGreaterThan(1.0);
        assertThat(closed.millis(99)).as("closed loop p99 read from the intended start, ms").isGreaterThan(900);
        assertThat(open.naiveMillis(99)).as("open loop: sent on schedule, so the real send is the intended one (p99, ms)")
                .isEqualTo(open.millis(99));
    }

    /** What HdrHistogram's after-the-fact correction recovers from the closed loop's naive figures. */
    @Test
    void correctingTheNaiveHistogramAfterTheFactRecoversTheStall() {
        ServiceSpec stalled = ServiceSpec.fixed(1, Duration.ofMillis(1)).withStall(100 * MS, 1100 * MS);
        LoadResult closed = measure(stalled, closed(100, Duration.ofSeconds(2), 1));

        double corrected = LoadResult.millis(closed.naiveCorrectedAfterTheFact(10 * MS), 99);
        assertThat(corrected).as("the naive p99 corrected with the schedule's 10 ms interval, ms").isGreaterThan(900);
    }

    /**
     * Little's law: L = λW. In virtual time every send, start and end falls on a whole millisecond
     * and the gauge is read half a millisecond in, so the sampled mean is the exact time average: the
     * law holds to rounding, with queueing (the stall) and without.
     */
    @Test
    @Hint("L is the time average of requests in flight; λ answers per second over the window; W the mean send-to-answer time.")
    void littlesLawHoldsExactlyInVirtualTime() {
        ServiceSpec threeMsOnTwo = ServiceSpec.fixed(2, Duration.ofMillis(3));
        for (LoadResult result : List.of(
                measure(threeMsOnTwo, open(500, Duration.ofSeconds(1))),
                measure(threeMsOnTwo.withStall(200 * MS, 300 * MS), open(500, Duration.ofSeconds(1))),
                measure(threeMsOnTwo, closed(1000, Duration.ofSeconds(1), 4)))) {
            assertThat(result.sampledInFlight()).as("%s: L sampled against λW = %.4f", result.load(), result.littleLambdaW())
                    .isCloseTo(result.littleLambdaW(), within(1e-9));
        }
    }

    /** With exponential service times the events fall between the gauge's readings: the law still holds within 1 %. */
    @Test
    void littlesLawHoldsWithinOnePercentWhenServiceTimesVary() {
        ServiceSpec varying = ServiceSpec.fixed(4, Duration.ofMillis(3)).withSpread(ServiceSpec.Spread.EXPONENTIAL);
        LoadResult result = measure(varying, open(1000, Duration.ofSeconds(5)));

        assertThat(result.littleRatio()).as("L / λW at 75 %% of capacity (L = %.3f)", result.sampledInFlight()).isCloseTo(1.0, within(0.01));
    }

    /**
     * Queue buildup: offered twice what one 2 ms worker serves, the queue grows for the whole run, so
     * the last request waits about half the run — latency grows with the run's length, not with the
     * service time, and no amount of waiting brings it back.
     */
    @Test
    @Hint("Past capacity an open system's queue grows for as long as the load lasts: latency is the run's length, not the service's.")
    void pastCapacityTheQueueAndTheLatencyGrowForAsLongAsTheLoadLasts() {
        ServiceSpec twoMsOnOne = ServiceSpec.fixed(1, Duration.ofMillis(2));
        LoadResult oneSecond = measure(twoMsOnOne, open(1000, Duration.ofSeconds(1)));
        LoadResult twoSeconds = measure(twoMsOnOne, open(1000, Duration.ofSeconds(2)));

        assertThat(oneSecond.achievedPerSecond()).as("answers per second, offered 1000, capacity 500").isCloseTo(500, within(1.0));
        assertThat(oneSecond.fromIntended().getMaxValue() / 1e6).as("one-second run: the longest latency, ms").isCloseTo(1001, within(2.0));
        assertThat(twoSeconds.fromIntended().getMaxValue() / 1e6).as("two-second run: the longest latency, ms").isCloseTo(2001, within(5.0));
    }

    /**
     * Batching's trade. A batch costs 4 ms + 1 ms a request on one worker: one at a time, 200 a
     * second at most; in batches of 8, 666. At 400 a second the unbatched service falls behind and its
     * queue grows for the whole run; batched, it keeps up. At 20 a second, batching only adds its
     * timeout to every request's wait.
     */
    @Test
    @Hint("A batch pays its fixed cost once for many requests (throughput), and a lone request waits for its batch to close (latency).")
    void batchingKeepsUpWhereOneAtATimeFallsBehindAndCostsItsTimeoutWhenLoadIsLight() {
        ServiceSpec oneAtATime = ServiceSpec.fixed(1, Duration.ofMillis(4)).withCost(Duration.ofMillis(4), Duration.ofMillis(1));
        ServiceSpec batched = oneAtATime.withBatching(8, Duration.ofMillis(10));

        LoadResult heavyOneAtATime = measure(oneAtATime, open(400, Duration.ofSeconds(1)));
        LoadResult heavyBatched = measure(batched, open(400, Duration.ofSeconds(1)));
        assertThat(heavyOneAtATime.millis(99)).as("400/s, one at a time: p99, ms").isGreaterThan(400);
        assertThat(heavyBatched.millis(99)).as("400/s, batches of 8: p99, ms").isLessThan(30);

        LoadResult lightOneAtATime = measure(oneAtATime, open(20, Duration.ofSeconds(1)));
        LoadResult lightBatched = measure(batched, open(20, Duration.ofSeconds(1)));
        assertThat(lightOneAtATime.millis(50)).as("20/s, one at a time: p50, ms").isCloseTo(5, within(0.01));
        assertThat(lightBatched.millis(50)).as("20/s, batches of 8: p50, ms (10 ms timeout + a batch of one)").isCloseTo(15, within(0.02));
    }

    /**
     * Guards against the tempting {@code bufferTimeout(B, T, timer)} without fair backpressure: the
     * moment a batch's timeout runs out while the only worker is busy, the whole stream fails.
     */
    @Test
    @Hint("A timed buffer must hold a batch while no worker asks for one: bufferTimeout's fairBackpressure flag.")
    void bufferTimeoutWithoutFairBackpressureFailsTheStreamWhenEveryWorkerIsBusy() {
        ServiceSpec batched = ServiceSpec.fixed(1, Duration.ofMillis(20)).withBatching(4, Duration.ofMillis(5));
        StepVerifier.withVirtualTime(() -> {
                    VirtualTimeScheduler scheduler = VirtualTimeScheduler.get();
                    return new BufferTimeoutWithoutFairBackpressure(batched, scheduler, clockOf(scheduler)).serve(Arrivals.at(scheduler, 0, 6, 12, 18));
                })
                .thenAwait(Duration.ofSeconds(2))
                .expectErrorMessage("Could not emit buffer due to lack of requests")
                .verify();
    }

    @Test
    void aRateOrDurationOutOfRangeIsRefusedInOneLine() {
        Scheduler scheduler = Schedulers.immediate();
        assertThatThrownBy(() -> new OpenLoop(0, Duration.ofSeconds(1), scheduler, System::nanoTime)).isInstanceOf(BadInputException.class)
                .hasMessage("rate must be >= 1 request per second (got 0)");
        assertThatThrownBy(() -> new OpenLoop(10, Duration.ZERO, scheduler, System::nanoTime)).isInstanceOf(BadInputException.class)
                .hasMessage("duration must be > 0 (got PT0S)");
        assertThatThrownBy(() -> new ClosedLoop(10, Duration.ofSeconds(1), 0, scheduler, System::nanoTime)).isInstanceOf(BadInputException.class)
                .hasMessage("clients must be >= 1 (got 0)");
    }
}
