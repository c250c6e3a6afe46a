package labs.level05_cancellation_and_failure.lab13_supervisor;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import labs.support.Hint;
import org.junit.jupiter.api.Test;

/** The backoff formula every implementation shares, its jitter's bounds, and bad policies refused in one line. */
class RestartPolicyTest {

    private static final RestartPolicy HUNDRED_TO_TEN_SECONDS = RestartPolicy.backoff(ofMillis(100), ofSeconds(10));

    @Test
    @Hint("minBackoff · 2^k, and never more than maxBackoff.")
    void theBackoffDoublesWithEachCrashInARowUpToItsCap() {
        assertThat(IntStream.range(0, 10).mapToObj(k -> HUNDRED_TO_TEN_SECONDS.backoff(k, 0.5)).toList()).as("backoff after crash k = 0 … 9")
                .containsExactly(ofMillis(100), ofMillis(200), ofMillis(400), ofMillis(800), ofMillis(1600), ofMillis(3200), ofMillis(6400),
                        ofSeconds(10), ofSeconds(10), ofSeconds(10));
        assertThat(HUNDRED_TO_TEN_SECONDS.backoff(10_000, 0.5)).as("after ten thousand crashes in a row (no overflow)").isEqualTo(ofSeconds(10));
    }

    @Test
    @Hint("Jitter moves the delay by up to ± jitter · delay, and is clamped to [minBackoff, maxBackoff].")
    void jitterMovesTheDelayWithinItsBoundsAndNeverPastMinOrMax() {
        RestartPolicy half = HUNDRED_TO_TEN_SECONDS.withJitter(0.5);
        assertThat(List.of(half.backoff(2, 0), half.backoff(2, 0.5), half.backoff(2, 1))).as("400 ms ± 50 %: earliest, middle, latest")
                .containsExactly(ofMillis(200), ofMillis(400), ofMillis(600));
        assertThat(List.of(half.backoff(0, 0), half.backoff(0, 1))).as("100 ms (= minBackoff) ± 50 %: never below 100")
                .containsExactly(ofMillis(100), ofMillis(150));
        assertThat(List.of(half.backoff(9, 0), half.backoff(9, 1))).as("capped at 10 s ± 50 %: never above 10 s")
                .containsExactly(ofSeconds(5), ofSeconds(10));
    }

    @Test
    void withoutJitterTheDrawDoesNotMatter() {
        assertThat(HUNDRED_TO_TEN_SECONDS.backoff(3, 0)).isEqualTo(HUNDRED_TO_TEN_SECONDS.backoff(3, 1)).isEqualTo(ofMillis(800));
    }

    @Test
    void nextBackoffDrawsFromThePolicysRandomSource() {
        RestartPolicy scripted = HUNDRED_TO_TEN_SECONDS.withJitter(0.5, () -> 1.0);
        assertThat(scripted.nextBackoff(2)).isEqualTo(ofMillis(600));
    }

    @Test
    void aRandomSourceOutsideZeroToOneIsReportedNotUsed() {
        RestartPolicy broken = HUNDRED_TO_TEN_SECONDS.withJitter(0.5, () -> 1.5);
        assertThatThrownBy(() -> broken.nextBackoff(0)).hasMessage("the jitter's random source must give values in [0, 1] (got 1.5)");
    }

    @Test
    @Hint("Refuse a policy that cannot mean anything, in one line naming what is allowed, before anything is supervised.")
    void badPoliciesAreRefusedWithOneLine() {
        assertThatThrownBy(() -> RestartPolicy.backoff(Duration.ZERO, ofSeconds(1))).hasMessage("minBackoff must be positive (got 0 ms)");
        assertThatThrownBy(() -> RestartPolicy.backoff(ofMillis(-5), ofSeconds(1))).hasMessage("minBackoff must be positive (got -5 ms)");
        assertThatThrownBy(() -> RestartPolicy.backoff(ofSeconds(2), ofSeconds(1))).hasMessage("maxBackoff must be at least minBackoff (2 s; got 1 s)");
        assertThatThrownBy(() -> RestartPolicy.backoff(ofMillis(1), Duration.ofDays(2))).hasMessage("maxBackoff and window must be at most a day (got PT48H, PT10S)");
        assertThatThrownBy(() -> HUNDRED_TO_TEN_SECONDS.withJitter(1.5)).hasMessage("jitter must be from 0 to 1 (got 1.5)");
        assertThatThrownBy(() -> HUNDRED_TO_TEN_SECONDS.withJitter(Double.NaN)).hasMessage("jitter must be from 0 to 1 (got NaN)");
        assertThatThrownBy(() -> HUNDRED_TO_TEN_SECONDS.withIntensity(0, ofSeconds(1)))
                .hasMessage("maxRestarts must be >= 1 (got 0): an intensity of 0 would give up at the first crash; use no supervisor instead");
        assertThatThrownBy(() -> HUNDRED_TO_TEN_SECONDS.withIntensity(3, Duration.ZERO)).hasMessage("window must be positive (got 0 ms)");
        assertThatThrownBy(() -> HUNDRED_TO_TEN_SECONDS.withPoisonAfter(0)).hasMessage("maxAttemptsPerInput must be >= 1 (got 0)");
        assertThatThrownBy(() -> RestartPolicy.backoff(null, ofSeconds(1))).hasMessage("minBackoff must not be null");
        assertThatThrownBy(() -> HUNDRED_TO_TEN_SECONDS.withJitter(0.5, null)).hasMessage("random must not be null");
    }

    @Test
    @Hint("A child's name, inputs and starter are checked when the child is made: one line each.")
    void badChildrenAreRefusedWithOneLine() {
        assertThatThrownBy(() -> new Child(null, List.of(), Children::echo)).hasMessage("a child's name must not be null");
        assertThatThrownBy(() -> new Child(" ", List.of(), Children::echo)).hasMessage("a child's name must not be blank");
        assertThatThrownBy(() -> new Child("a", null, Children::echo)).hasMessage("child 'a': inputs must not be null");
        assertThatThrownBy(() -> new Child("a", java.util.Arrays.asList("x", null), Children::echo)).hasMessage("child 'a': inputs[1] is null");
        assertThatThrownBy(() -> new Child("a", List.of("x"), null)).hasMessage("child 'a': starter must not be null");
    }
}
