package labs.level06_performance.lab15_bounded_pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.BadInputException;
import labs.support.Hint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.test.subscriber.TestSubscriber;

/**
 * The pool's failure themes on the shipped reactive core, {@link ReactorPool#create} — connections
 * made by a {@code Mono.delay} and acquire timeouts scheduled, both on one virtual-time scheduler —
 * driven by moving that clock by hand: exhaustion and the acquire timeout, the pending-acquire
 * limit, cancelled acquirers, release on cancel, a leaked lease. Each acquirer is a
 * {@link TestSubscriber}, so several can wait at once and the test reads each one's fate.
 */
class ReactorPoolInVirtualTimeTest {

    private static final Duration MAKE = Duration.ofMillis(10);
    private static final Duration FOR_EVER = Duration.ofHours(1);

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final AtomicInteger made = new AtomicInteger();

    @AfterEach
    void stopTheClock() {
        clock.dispose();
    }

    /** A pool whose connections each take {@link #MAKE} to make, on the virtual clock. */
    private ReactorPool pool(int size, int maxPending) {
        return ReactorPool.create(size, maxPending, Mono.delay(MAKE, clock).map(tick -> new Connection(made.incrementAndGet())), clock);
    }

    private <T> TestSubscriber<T> subscribe(Mono<T> mono) {
        TestSubscriber<T> subscriber = TestSubscriber.create();
        mono.subscribe(subscriber);
        return subscriber;
    }

    private void advanceTo(Duration time) {
        clock.advanceTimeTo(java.time.Instant.ofEpochMilli(time.toMillis()));
    }

    private long now() {
        return clock.now(TimeUnit.MILLISECONDS);
    }

    @Test
    @Hint("Every acquire carries a timeout: a waiter nobody serves must fail when it runs out — with a message that says the timeout and the pool's state.")
    void anExhaustedPoolFailsTheWaiterWhenItsTimeoutRunsOutNotBeforeAndNeverHangs() {
        ReactorPool pool = pool(1, 4);
        TestSubscriber<Lease> holder = subscribe(pool.lease("a", FOR_EVER));
        TestSubscriber<Lease> waiter = subscribe(pool.lease("b", Duration.ofMillis(50)));

        advanceTo(Duration.ofMillis(49));
        assertThat(holder.getReceivedOnNext()).as("a's lease, made at 10 ms").hasSize(1);
        assertThat(waiter.isTerminated()).as("b terminated before its 50 ms were up").isFalse();
        assertThat(pool.stats().pending()).as("acquirers waiting at 49 ms").isEqualTo(1);

        advanceTo(Duration.ofMillis(50));
        assertThat(waiter.expectTerminalError()).as("what b got at 50 ms").isInstanceOf(PoolExhaustedException.class)
                .hasMessageStartingWith("pool 'reactor-pool' exhausted: no connection free within 50 ms (1 of 1 in use");
        assertThat(pool.stats().pending()).as("acquirers still waiting after the timeout").isZero();
    }

    @Test
    @Hint("maxPendingAcquire bounds the line: with the pool at its size and the line full, the next acquire fails at once — no timer, no wait.")
    void pastTheMaxPendingAcquireTheNextAcquireIsRefusedAtOnce() {
        ReactorPool pool = pool(1, 1);
        TestSubscriber<Lease> a = subscribe(pool.lease("a", FOR_EVER));
        TestSubscriber<Lease> b = subscribe(pool.lease("b", FOR_EVER));
        TestSubscriber<Lease> c = subscribe(pool.lease("c", FOR_EVER));

        assertThat(now()).isZero();
        assertThat(c.expectTerminalError()).as("what c got at 0 ms").isInstanceOf(PoolRejectedException.class)
                .hasMessage("pool 'reactor-pool' refused the acquire at once: all 1 connections in use and 1 acquirer(s) already waiting (max-pending 1)");
        assertThat(b.isTerminated()).as("b, the one allowed to wait, was failed too").isFalse();

        advanceTo(MAKE);
        Lease first = a.getReceivedOnNext().getFirst();
        subscribe(pool.giveBack(first));
        assertThat(b.getReceivedOnNext()).as("b's lease once a gave the connection back").singleElement()
                .satisfies(lease -> assertThat(lease.connection()).isSameAs(first.connection()));
        assertThat(made.get()).as("connections made").isEqualTo(1);
    }

    @Test
    @Hint("A waiter that cancels must leave the line: the connection released next goes to the pool (or the next waiter), never to it.")
    void aWaiterThatCancelsLeavesTheLineAndTheReleasedConnectionGoesIdle() {
        ReactorPool pool = pool(1, 4);
        TestSubscriber<Lease> holder = subscribe(pool.lease("a", FOR_EVER));
        TestSubscriber<Lease> quitter = subscribe(pool.lease("b", FOR_EVER));
        advanceTo(MAKE);

        quitter.cancel();
        assertThat(pool.stats().pending()).as("acquirers waiting after b cancelled").isZero();
        subscribe(pool.giveBack(holder.getReceivedOnNext().getFirst()));

        assertThat(quitter.getReceivedOnNext()).as("leases handed to b after it cancelled").isEmpty();
        assertThat(pool.stats()).as("the pool after a gave its connection back").satisfies(s -> {
            assertThat(s.inUse()).as("in use").isZero();
            assertThat(s.idle()).as("idle").isEqualTo(1);
        });
    }

    @Test
    @Hint("Cancelling an acquire whose connection is still being made must not lose that connection: once made, it belongs to the pool.")
    void anAcquirerCancelledWhileItsConnectionIsMadeGetsNothingAndTheConnectionGoesIdle() {
        ReactorPool pool = pool(1, 4);
        TestSubscriber<Lease> quitter = subscribe(pool.lease("a", FOR_EVER));

        advanceTo(Duration.ofMillis(5));
        quitter.cancel();
        advanceTo(MAKE);

        assertThat(quitter.getReceivedOnNext()).as("leases handed to a after it cancelled").isEmpty();
        assertThat(pool.stats().idle()).as("the connection made for a, idle in the pool").isEqualTo(1);
        assertThat(pool.stats().inUse()).as("connections in use").isZero();
        assertThat(pool.leaks(Duration.ZERO)).as("leases out").isEmpty();
        TestSubscriber<Lease> next = subscribe(pool.lease("b", Duration.ofMillis(1)));
        assertThat(next.getReceivedOnNext()).as("b's lease, at once, of the connection made for a").hasSize(1);
        assertThat(made.get()).as("connections made").isEqualTo(1);
    }

    @Test
    @Hint("usingWhen releases on complete, on error AND on cancel; a release chained after the use runs only when the use emits.")
    void withConnectionGivesTheConnectionBackWhenItsUseIsCancelled() {
        ReactorPool pool = pool(1, 4);
        TestSubscriber<String> client = subscribe(pool.withConnection("a", FOR_EVER,
                        connection -> Mono.delay(Duration.ofSeconds(10), clock).map(tick -> connection.query("slow report")))
                .timeout(Duration.ofSeconds(2), clock));

        advanceTo(Duration.ofSeconds(2));

        assertThat(client.expectTerminalError()).as("what the client got at 2 s").isInstanceOf(TimeoutException.class);
        assertThat(pool.stats().inUse()).as("connections in use after the client's timeout cancelled its use").isZero();
        assertThat(pool.stats().idle()).as("idle connections").isEqualTo(1);
    }

    @Test
    @Hint("The same use, written as lease().flatMap(use).flatMap(release): who gives the connection back when the use is cancelled?")
    void flatMapThenReleaseLeaksTheConnectionWhenItsUseIsCancelledAndTheLeakIsReported() {
        ReactorPool pool = pool(1, 4);
        TestSubscriber<String> client = subscribe(FlatMapThenRelease.withConnection(pool, "a", FOR_EVER,
                        connection -> Mono.delay(Duration.ofSeconds(10), clock).map(tick -> connection.query("slow report")))
                .timeout(Duration.ofSeconds(2), clock));
        advanceTo(Duration.ofSeconds(2));
        assertThat(client.expectTerminalError()).isInstanceOf(TimeoutException.class);

        TestSubscriber<Lease> next = subscribe(pool.lease("b", Duration.ofSeconds(5)));
        advanceTo(Duration.ofMinutes(30));

        assertThat(next.expectTerminalError()).as("what the next client got: the only connection is leaked")
                .isInstanceOf(PoolExhaustedException.class);
        assertThat(pool.leaks(Duration.ofMinutes(10))).as("leases held 10 minutes or more").singleElement()
                .satisfies(leak -> {
                    assertThat(leak.borrower()).isEqualTo("a");
                    assertThat(leak.connection()).isEqualTo("connection-1");
                    assertThat(leak.heldFor()).isEqualTo(Duration.ofMinutes(30).minus(MAKE));
                });
        assertThat(pool.close().neverReleased()).as("leases the close found never given back").hasSize(1);
    }

    @Test
    @Hint("Cancel every client at once: a connection one gives back may be handed to another mid-cancel, which must give it back too.")
    void cancellingEveryClientAtOnceLeavesEveryConnectionIdle() {
        ReactorPool pool = pool(2, 4);
        TestSubscriber<String> clients = subscribe(reactor.core.publisher.Flux.just("a", "b", "c", "d")
                .flatMap(client -> pool.withConnection(client, FOR_EVER, connection -> Mono.<String>never()))
                .then(Mono.just("done")));
        advanceTo(Duration.ofSeconds(1));
        assertThat(pool.stats().pending()).as("clients waiting before the cancel").isEqualTo(2);

        clients.cancel();

        assertThat(pool.stats()).as("the pool after every client was cancelled").isEqualTo(new PoolStats(2, 2, 0, 2, 0));
        assertThat(pool.leaks(Duration.ZERO)).as("leases out").isEmpty();
    }

    @Test
    @Hint("A leak detector needs, for each lease out, when it was lent and to whom: report those older than the threshold.")
    void aLeaseNeverGivenBackIsReportedOnceItIsHeldLongerThanTheThreshold() {
        ReactorPool pool = pool(2, 4);
        subscribe(pool.lease("forgetful", FOR_EVER));
        TestSubscriber<Lease> careful = subscribe(pool.lease("careful", FOR_EVER));
        advanceTo(MAKE);
        subscribe(pool.giveBack(careful.getReceivedOnNext().getFirst()));

        advanceTo(Duration.ofSeconds(5));
        assertThat(pool.leaks(Duration.ofSeconds(5))).as("leases held 5 s or more, at 5 s (lent at 10 ms)").isEmpty();

        advanceTo(Duration.ofSeconds(5).plus(MAKE));
        assertThat(pool.leaks(Duration.ofSeconds(5))).as("leases held 5 s or more, at 5.01 s").singleElement()
                .hasToString("connection-1 held by 'forgetful' for 5000 ms, not released");
        assertThat(pool.leaks(Duration.ofSeconds(10))).as("leases held 10 s or more").isEmpty();
    }

    @Test
    @Hint("Closing closes what is idle and says which leases never came back: a leak must be named, not vanish with the pool.")
    void closingClosesTheIdleConnectionsAndReportsTheLeasesNeverGivenBack() {
        ReactorPool pool = pool(2, 4);
        TestSubscriber<Lease> kept = subscribe(pool.lease("keeper", FOR_EVER));
        TestSubscriber<Lease> returned = subscribe(pool.lease("returner", FOR_EVER));
        advanceTo(MAKE);
        Lease back = returned.getReceivedOnNext().getFirst();
        subscribe(pool.giveBack(back));

        CloseReport report = pool.close();

        assertThat(report.closedIdle()).as("idle connections closed").isEqualTo(1);
        assertThat(back.connection().isOpen()).as("the idle connection, open after the close").isFalse();
        assertThat(report.neverReleased()).as("leases never given back").singleElement()
                .satisfies(leak -> assertThat(leak.borrower()).isEqualTo("keeper"));
        assertThat(kept.getReceivedOnNext().getFirst().connection().isOpen()).as("a lent connection stays open until it comes back").isTrue();
        TestSubscriber<Lease> late = subscribe(pool.lease("late", FOR_EVER));
        assertThat(late.expectTerminalError()).as("an acquire after the close").isInstanceOf(PoolClosedException.class);
    }

    @Test
    @Hint("A waiter must not be stranded by a close: fail it, as a timeout would, but at once.")
    void closingFailsTheAcquirersStillWaiting() {
        ReactorPool pool = pool(1, 4);
        subscribe(pool.lease("keeper", FOR_EVER));
        TestSubscriber<Lease> waiter = subscribe(pool.lease("waiter", FOR_EVER));
        advanceTo(MAKE);

        pool.close();

        assertThat(waiter.expectTerminalError()).as("what the waiter got").isInstanceOf(PoolClosedException.class)
                .hasMessage("pool 'reactor-pool' is closed");
    }

    @Test
    void badInputIsRefusedInOneLine() {
        assertThatThrownBy(() -> pool(0, 1)).isInstanceOf(BadInputException.class).hasMessage("pool size must be >= 1 (got 0)");
        assertThatThrownBy(() -> pool(1, -1)).isInstanceOf(BadInputException.class).hasMessage("max-pending must be >= 0 (got -1)");
        ReactorPool pool = pool(1, 1);
        assertThatThrownBy(() -> pool.lease("a", Duration.ZERO)).isInstanceOf(BadInputException.class).hasMessage("timeout must be > 0 (got 0 ms)");
        assertThatThrownBy(() -> pool.lease("a", null)).hasMessage("timeout must not be null: an acquire without one can hang for ever");
    }
}
