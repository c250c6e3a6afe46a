package labs.level05_cancellation_and_failure.lab13_supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.util.retry.Retry;

/**
 * Reactor's own answer, {@code Retry.backoff(…).maxBackoff(…).transientErrors(true)}, held beside
 * the lab's supervisor in virtual time: the same delays (the policy's formula is Reactor's), its
 * attempts-in-a-row limit, and the trap that made the lab count crashes itself — every
 * {@code onNext} resets Reactor's count, and an incarnation that announces its start is an
 * {@code onNext}. A source here is a {@code Flux.defer} that fails as scripted; no lab class is
 * driven, as in lab06's comparison of the fan-out operators.
 */
class RetryBackoffSpecComparedTest {

    /** Fails {@code failures} times in a row (each subscription one failure), then emits "ok". */
    private static Flux<String> failing(AtomicInteger subscriptions, int failures) {
        return Flux.defer(() -> subscriptions.incrementAndGet() <= failures
                ? Flux.error(new IllegalStateException("crash " + subscriptions.get()))
                : Flux.just("ok"));
    }

    @Test
    void retryBackoffWaitsTheSameDelaysAsTheLabsPolicy() {
        RestartPolicy policy = RestartPolicy.backoff(Duration.ofMillis(100), Duration.ofMillis(500));
        AtomicInteger subscriptions = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> failing(subscriptions, 4)
                        .retryWhen(Retry.backoff(10, policy.minBackoff()).maxBackoff(policy.maxBackoff()).jitter(0)))
                .expectSubscription()
                .expectNoEvent(policy.backoff(0, 0).plus(policy.backoff(1, 0)).plus(policy.backoff(2, 0)).plus(policy.backoff(3, 0)).minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("ok")                   // 100 + 200 + 400 + 500 (capped) ms later
                .verifyComplete();
        assertThat(subscriptions.get()).isEqualTo(5);
    }

    @Test
    void maxAttemptsCountsAttemptsInARowWhateverTheTimeBetweenThem() {
        AtomicInteger subscriptions = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> failing(subscriptions, 100)
                        .retryWhen(Retry.backoff(3, Duration.ofSeconds(1)).maxBackoff(Duration.ofHours(1)).jitter(0)))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(7))   // retries after 1, 2, 4 s: three restarts spread over 7 s …
                .expectErrorSatisfies(e -> assertThat(Exceptions.isRetryExhausted(e)).as("gave up: %s", e).isTrue())
                .verify();                          // … exhaust it, where an intensity of 3 per second would not have
        assertThat(subscriptions.get()).isEqualTo(4);
    }

    @Test
    void transientErrorsResetsTheCountAfterAnOnNext() {
        AtomicInteger subscriptions = new AtomicInteger();
        // crash, value then crash, crash, value: the backoff after the value starts again from 100 ms
        Flux<String> burst = Flux.defer(() -> switch (subscriptions.incrementAndGet()) {
            case 1, 3 -> Flux.error(new IllegalStateException("crash"));
            case 2 -> Flux.just("a").concatWith(Flux.error(new IllegalStateException("crash after a value")));
            default -> Flux.just("b");
        });

        StepVerifier.withVirtualTime(() -> burst.retryWhen(Retry.backoff(2, Duration.ofMillis(100)).jitter(0).transientErrors(true)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(100)).expectNext("a")   // first backoff: 100
                .expectNoEvent(Duration.ofMillis(100))                   // after a: 100 again, not 200
                .expectNoEvent(Duration.ofMillis(200)).expectNext("b")   // then 200: two in a row
                .verifyComplete();
    }

    /** Why the lab counts crashes in a row itself: an incarnation that announces its start emits before it crashes. */
    @Test
    void transientErrorsNeverBacksOffPastMinBackoffWhenEveryAttemptEmitsFirst() {
        AtomicInteger subscriptions = new AtomicInteger();
        Flux<String> announcing = Flux.defer(() -> Flux.just("started " + subscriptions.incrementAndGet())
                .concatWith(Flux.error(new IllegalStateException("crash on start"))));
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        try {
            List<Long> startedAt = new java.util.ArrayList<>();
            var subscription = announcing.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).jitter(0).transientErrors(true).scheduler(clock))
                    .subscribe(started -> startedAt.add(clock.now(java.util.concurrent.TimeUnit.MILLISECONDS)));
            clock.advanceTimeBy(Duration.ofSeconds(1));
            subscription.dispose();

            assertThat(startedAt.subList(0, 5)).as("starts (ms): 100 ms apart for ever, never 100, 200, 400").containsExactly(0L, 100L, 200L, 300L, 400L);
        } finally {
            clock.dispose();
        }
    }
}
