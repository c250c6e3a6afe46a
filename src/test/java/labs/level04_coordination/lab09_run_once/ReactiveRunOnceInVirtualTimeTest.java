package labs.level04_coordination.lab09_run_once;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import labs.support.Hint;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The failure themes injected into the shipped reactive cores — {@link ReactorCachedLazy#value()},
 * {@link ReactorRetryingLazy#value()}, {@link ReactorInvalidatingLazy#value()} and
 * {@link RxJavaCachedLazy#value()}, each built over a timed initialization on a virtual clock — so
 * an initializer that takes an hour, and sixty callers queuing behind it, run in milliseconds, the
 * same way every time. Each subscriber is a caller; its subscription time is its arrival.
 */
class ReactiveRunOnceInVirtualTimeTest {

    private static final Duration HOUR = Duration.ofHours(1);

    /** A Reactor core built over an initialization. */
    private interface ReactorCore extends Function<Mono<Integer>, Mono<Integer>> {
    }

    static Stream<Named<ReactorCore>> reactorCores() {
        return Stream.of(
                Named.<ReactorCore>of("cache()", init -> new ReactorCachedLazy<>(init).value()),
                Named.<ReactorCore>of("cache(ttl…)", init -> new ReactorRetryingLazy<>(init).value()),
                Named.<ReactorCore>of("cacheInvalidateIf", init -> new ReactorInvalidatingLazy<>(init).value()));
    }

    /** The cores whose failed run the next caller retries. */
    static Stream<Named<ReactorCore>> retryingCores() {
        return reactorCores().filter(core -> !core.getName().equals("cache()"));
    }

    /** The cores whose run goes on when its only subscriber leaves. */
    static Stream<Named<ReactorCore>> coresThatKeepAnAbandonedRun() {
        return reactorCores().filter(core -> !core.getName().equals("cacheInvalidateIf"));
    }

    /**
     * One run of a slow initializer on the virtual clock: counted when subscribed, it takes
     * {@code takes}, then emits its run number (1 for the first) — or fails, where {@code fails} says.
     * Cancelled runs are counted too.
     */
    private record Runs(AtomicInteger started, AtomicInteger cancelled) {
        Runs() {
            this(new AtomicInteger(), new AtomicInteger());
        }

        Mono<Integer> reactor(Duration takes, IntPredicate fails) {
            return Mono.defer(() -> {
                int run = started.incrementAndGet();
                return Mono.delay(takes, VirtualTimeScheduler.get())
                        .then(fails.test(run) ? Mono.<Integer>error(new IllegalStateException("run " + run + " failed")) : Mono.just(run));
            }).doOnCancel(cancelled::incrementAndGet);
        }

        Single<Integer> rxjava(TestScheduler clock, long minutes) {
            return Single.defer(() -> {
                int run = started.incrementAndGet();
                return Single.timer(minutes, TimeUnit.MINUTES, clock).map(tick -> run);
            }).doOnDispose(cancelled::incrementAndGet);
        }
    }

    /** What one caller arriving at {@code at} saw, in words, so a failure is a value of the merged flux. */
    private static Mono<String> caller(String name, Mono<Integer> core, Duration at) {
        return core.delaySubscription(at, VirtualTimeScheduler.get())
                .map(run -> name + ": value of run " + run)
                .onErrorResume(e -> Mono.just(name + ": " + e.getMessage()));
    }

    @ParameterizedTest
    @MethodSource("reactorCores")
    @Hint("Subscribers that arrive during the run join it: sixty arrivals over the hour, one run, and every one of them answered at the hour.")
    void aSlowInitializationUnderLoadRunsOnceAndEveryCallerWaitsForIt(ReactorCore core) {
        Runs runs = new Runs();
        StepVerifier.withVirtualTime(() -> {
                    Mono<Integer> value = core.apply(runs.reactor(HOUR, run -> false));
                    return Flux.range(0, 60).flatMap(minute -> value.delaySubscription(Duration.ofMinutes(minute), VirtualTimeScheduler.get()));
                })
                .expectSubscription()
                .expectNoEvent(HOUR)
                .expectNextCount(60)                       // all sixty at t = 1 h, the end of the one run
                .verifyComplete();

        assertThat(runs.started().get()).as("runs of the initialization for sixty callers").isEqualTo(1);
    }

    @Test
    @Hint("cache() caches whatever the source ended with: an error too, for every later subscriber, for ever.")
    void cacheKeepsAFailureForEveryLaterCallerAndNeverRunsAgain() {
        Runs runs = new Runs();
        StepVerifier.withVirtualTime(() -> {
                    Mono<Integer> value = new ReactorCachedLazy<>(runs.reactor(Duration.ofSeconds(1), run -> run == 1)).value();
                    return Flux.merge(caller("a", value, Duration.ZERO), caller("b", value, Duration.ofHours(2)));
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(1))
                .expectNext("a: run 1 failed")
                .expectNoEvent(HOUR.multipliedBy(2).minusSeconds(1))
                .expectNext("b: run 1 failed")            // two hours later: the same failure, at once
                .verifyComplete();

        assertThat(runs.started().get()).as("runs of the initialization").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("retryingCores")
    @Hint("A failure is sent to the subscribers waiting on that run, and not kept: the next subscriber starts a new run.")
    void aFailureReachesTheWaitingCallersAndTheNextCallerRunsAgain(ReactorCore core) {
        Runs runs = new Runs();
        StepVerifier.withVirtualTime(() -> {
                    Mono<Integer> value = core.apply(runs.reactor(Duration.ofSeconds(1), run -> run == 1));
                    return Flux.merge(caller("a", value, Duration.ZERO), caller("b", value, Duration.ofMillis(500)),
                            caller("c", value, Duration.ofSeconds(2)));
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(1))
                .expectNext("a: run 1 failed", "b: run 1 failed") // b joined run 1 and shares its end
                .expectNoEvent(Duration.ofSeconds(2))             // c arrives at 2 s: run 2 takes 1 s
                .expectNext("c: value of run 2")
                .verifyComplete();

        assertThat(runs.started().get()).as("runs of the initialization").isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("coresThatKeepAnAbandonedRun")
    @Hint("A subscriber that cancels only leaves: the run it started goes on, and the next subscriber gets its value.")
    void aFirstCallerThatLeavesMidRunLeavesTheRunGoingForTheNext(ReactorCore core) {
        Runs runs = new Runs();
        StepVerifier.withVirtualTime(() -> {
                    Mono<Integer> value = core.apply(runs.reactor(HOUR, run -> false));
                    return Flux.merge(
                            value.take(Duration.ofMinutes(30), VirtualTimeScheduler.get()).map(run -> "a: value of run " + run).defaultIfEmpty("a: left"),
                            caller("b", value, Duration.ofMinutes(45)));
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofMinutes(30))
                .expectNext("a: left")                    // a gave up at 30 min, alone: nobody waits for the run
                .expectNoEvent(Duration.ofMinutes(30))
                .expectNext("b: value of run 1")          // b arrived at 45 min and got run 1's value at 1 h
                .verifyComplete();

        assertThat(runs.started().get()).as("runs of the initialization").isEqualTo(1);
        assertThat(runs.cancelled().get()).as("runs cancelled").isZero();
    }

    @Test
    @Hint("cacheInvalidateIf cancels its source when no subscriber is left waiting; the next one starts over.")
    void cacheInvalidateIfCancelsARunNobodyWaitsForAndTheNextCallerStartsOver() {
        Runs runs = new Runs();
        StepVerifier.withVirtualTime(() -> {
                    Mono<Integer> value = new ReactorInvalidatingLazy<>(runs.reactor(HOUR, run -> false)).value();
                    return Flux.merge(
                            value.take(Duration.ofMinutes(30), VirtualTimeScheduler.get()).map(run -> "a: value of run " + run).defaultIfEmpty("a: left"),
                            caller("b", value, Duration.ofMinutes(45)));
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofMinutes(30))
                .expectNext("a: left")
                .expectNoEvent(Duration.ofMinutes(75))    // b arrived at 45 min and started run 2: 1 h more
                .expectNext("b: value of run 2")
                .verifyComplete();

        assertThat(runs.started().get()).as("runs of the initialization").isEqualTo(2);
        assertThat(runs.cancelled().get()).as("runs cancelled: the one a abandoned").isEqualTo(1);
    }

    @Test
    @Hint("cache(ttl…) keeps a value for its TTL, on the timer it is given; the first subscriber after that runs again.")
    void aValueTtlExpiresAndTheFirstCallerAfterItRunsAgain() {
        Runs runs = new Runs();
        StepVerifier.withVirtualTime(() -> {
                    Mono<Integer> value = new ReactorRetryingLazy<>(runs.reactor(Duration.ofMinutes(1), run -> false),
                            Duration.ofMinutes(10), VirtualTimeScheduler.get()).value();
                    return Flux.merge(caller("a", value, Duration.ZERO), caller("b", value, Duration.ofMinutes(5)),
                            caller("c", value, Duration.ofMinutes(12)));
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofMinutes(1))
                .expectNext("a: value of run 1")          // 1 min: run 1 ends; kept until 11 min
                .expectNoEvent(Duration.ofMinutes(4))
                .expectNext("b: value of run 1")          // 5 min: from the cache, at once
                .expectNoEvent(Duration.ofMinutes(8))
                .expectNext("c: value of run 2")          // 12 min: expired, so c started run 2 (1 min)
                .verifyComplete();

        assertThat(runs.started().get()).as("runs of the initialization").isEqualTo(2);
    }

    @Test
    @Hint("cacheInvalidateIf tests the cached value for each late subscriber; an invalid one is dropped and a new run starts.")
    void aValueTheInvalidationPredicateRejectsIsMadeAgainForTheCallerThatFoundIt() {
        Runs runs = new Runs();
        StepVerifier.withVirtualTime(() -> {
                    Mono<Integer> value = new ReactorInvalidatingLazy<>(runs.reactor(Duration.ofMinutes(1), run -> false), run -> run == 1).value();
                    return Flux.merge(caller("a", value, Duration.ZERO), caller("b", value, Duration.ofMinutes(5)),
                            caller("c", value, Duration.ofMinutes(10)));
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofMinutes(1))
                .expectNext("a: value of run 1")          // not tested: the predicate is for late subscribers
                .expectNoEvent(Duration.ofMinutes(5))
                .expectNext("b: value of run 2")          // 5 min: run 1's value is invalid, b waits for run 2
                .expectNoEvent(Duration.ofMinutes(4))
                .expectNext("c: value of run 2")          // 10 min: run 2's value passes, from the cache
                .verifyComplete();

        assertThat(runs.started().get()).as("runs of the initialization").isEqualTo(2);
    }

    @Test
    @Hint("Single.cache() subscribes its source once; observers arriving during the run get its value when it ends.")
    void rxJavaSlowInitializationUnderLoadRunsOnceAndEveryCallerWaitsForIt() {
        TestScheduler clock = new TestScheduler();
        Runs runs = new Runs();
        Single<Integer> value = new RxJavaCachedLazy<>(runs.rxjava(clock, 60)).value();
        TestSubscriber<Integer> callers = Flowable.range(0, 60)
                .flatMapSingle(minute -> value.delaySubscription(minute, TimeUnit.MINUTES, clock))
                .test();

        clock.advanceTimeBy(59, TimeUnit.MINUTES);
        callers.assertNoValues();
        clock.advanceTimeBy(1, TimeUnit.MINUTES);
        callers.assertValueCount(60).assertComplete();
        assertThat(runs.started().get()).as("runs of the initialization for sixty callers").isEqualTo(1);
    }

    @Test
    @Hint("Single.cache() caches the error like the value: every later observer gets it, nothing runs again.")
    void rxJavaCacheKeepsAFailureForEveryLaterCaller() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger runs = new AtomicInteger();
        Single<Integer> value = new RxJavaCachedLazy<>(Single.defer(() -> {
            int run = runs.incrementAndGet();
            return Single.timer(1, TimeUnit.SECONDS, clock).flatMap(tick -> Single.<Integer>error(new IllegalStateException("run " + run + " failed")));
        })).value();

        var first = value.test();
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        first.assertError(e -> e.getMessage().equals("run 1 failed"));
        clock.advanceTimeBy(2, TimeUnit.HOURS);
        value.test().assertError(e -> e.getMessage().equals("run 1 failed")); // at once, two hours later
        assertThat(runs.get()).as("runs of the initialization").isEqualTo(1);
    }

    @Test
    @Hint("Single.cache() never disposes its source: an observer that leaves mid-run leaves the run going.")
    void rxJavaAFirstCallerThatLeavesMidRunLeavesTheRunGoingForTheNext() {
        TestScheduler clock = new TestScheduler();
        Runs runs = new Runs();
        Single<Integer> value = new RxJavaCachedLazy<>(runs.rxjava(clock, 60)).value();

        var first = value.test();
        clock.advanceTimeBy(30, TimeUnit.MINUTES);
        first.dispose();
        clock.advanceTimeBy(15, TimeUnit.MINUTES);
        var second = value.test();
        clock.advanceTimeBy(15, TimeUnit.MINUTES);

        first.assertEmpty();
        second.assertValue(1);
        assertThat(runs.started().get()).as("runs of the initialization").isEqualTo(1);
        assertThat(runs.cancelled().get()).as("runs disposed").isZero();
    }
}
