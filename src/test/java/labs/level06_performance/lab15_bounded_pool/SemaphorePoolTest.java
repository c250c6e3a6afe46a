package labs.level06_performance.lab15_bounded_pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import labs.support.Hint;
import org.junit.jupiter.api.Test;

/**
 * What only the hand-written pool needs proving on its own: its leak report on an injected clock
 * (the reactive pool's runs on its virtual-time scheduler, see {@link ReactorPoolInVirtualTimeTest}),
 * and that a creation that fails gives its place back.
 */
class SemaphorePoolTest {

    /** A clock the test moves by hand. */
    private static final class HandClock implements InstantSource {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T09:00:00Z"));

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }
    }

    private final AtomicInteger made = new AtomicInteger();

    @Test
    @Hint("Record when each lease was lent; a lease out longer than the threshold is a suspect, and the report says whose.")
    void aLeaseNeverGivenBackIsReportedOnceItIsHeldLongerThanTheThreshold() throws InterruptedException {
        HandClock clock = new HandClock();
        SemaphorePool pool = SemaphorePool.open(2, 0, () -> new Connection(made.incrementAndGet()), clock);
        Lease forgotten = pool.acquire(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(3));
        pool.acquire(Duration.ofSeconds(1)).close();

        clock.advance(Duration.ofSeconds(2));
        assertThat(pool.leaks(Duration.ofSeconds(5))).as("leases held 5 s or more, 5 s after the first was lent").singleElement()
                .hasToString(forgotten.connection() + " held by '" + Thread.currentThread().getName() + "' for 5000 ms, not released");
        assertThat(pool.leaks(Duration.ofSeconds(6))).as("leases held 6 s or more").isEmpty();
        assertThat(pool.close().neverReleased()).as("leases the close found never given back").hasSize(1);
    }

    @Test
    @Hint("A creation that throws must give back the place its acquirer took, or the pool shrinks by one for ever.")
    void aCreationThatFailsGivesItsPlaceBack() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        SemaphorePool pool = SemaphorePool.open(1, 0, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("the database said no");
            }
            return new Connection(made.incrementAndGet());
        });

        assertThatThrownBy(() -> pool.acquire(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class)
                .hasMessage("pool 'semaphore-pool' could not make a connection: java.io.IOException: the database said no");
        assertThat(pool.acquire(Duration.ofSeconds(1)).connection().id()).as("the next acquire's connection, made at once").isEqualTo(1);
        pool.close();
    }
}
