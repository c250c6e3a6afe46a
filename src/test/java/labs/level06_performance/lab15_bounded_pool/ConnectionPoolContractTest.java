package labs.level06_performance.lab15_bounded_pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import labs.support.BadInputException;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab15 pool contract (see {@link ConnectionPool} and the lab's README), checked once for every
 * implementation in {@link ConnectionPool#IMPLEMENTATIONS}, through the blocking edge, on real
 * threads. A waiter is a {@link Staged} thread; the test acts once it is parked in the pool's line
 * (the pool counts it as pending and the thread is waiting), so nothing here depends on timing. The
 * only waits that run out are the timeouts under test ({@link #SHORT}).
 */
class ConnectionPoolContractTest {

    /** The acquire timeout a test expects to run out. */
    private static final Duration SHORT = Duration.ofMillis(20);
    /** The acquire timeout a test expects never to reach. */
    private static final Duration LONG = Watch.BOUND;

    static Stream<Implementation<ConnectionPool.Opener>> implementations() {
        return ConnectionPool.IMPLEMENTATIONS.stream();
    }

    private final AtomicInteger made = new AtomicInteger();
    private final List<ConnectionPool> opened = new ArrayList<>();

    @AfterEach
    void closeThePools() {
        opened.forEach(ConnectionPool::close);
    }

    private ConnectionPool open(Implementation<ConnectionPool.Opener> impl, int size, int maxPending) {
        return open(impl, size, maxPending, () -> new Connection(made.incrementAndGet()));
    }

    private ConnectionPool open(Implementation<ConnectionPool.Opener> impl, int size, int maxPending, Callable<Connection> create) {
        ConnectionPool pool = impl.create().open(size, maxPending, create);
        opened.add(pool);
        return pool;
    }

    /** A thread that acquires with {@link #LONG}, started; returns once it waits in the pool's line. */
    private static Staged<Lease> waiter(ConnectionPool pool, String name, int waitingAfter) {
        Staged<Lease> waiter = Staged.start(name, () -> pool.acquire(LONG));
        Watch.until(name + " waits in the pool's line", () -> Watch.isParked(waiter.thread()) && pool.stats().pending() == waitingAfter);
        return waiter;
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Making a connection is the expensive part: take an idle one first, make one only when none is idle.")
    void aConnectionIsMadeOnlyWhenNoneIsIdleAndReusedOnceGivenBack(Implementation<ConnectionPool.Opener> impl) throws Exception {
        ConnectionPool pool = open(impl, 3, 2);
        Lease first = pool.acquire(LONG);
        pool.release(first);
        Lease again = pool.acquire(LONG);
        Lease second = pool.acquire(LONG);

        assertThat(again.connection()).as("the connection lent after the first came back").isSameAs(first.connection());
        assertThat(second.connection()).as("the connection lent while the first was out").isNotSameAs(first.connection());
        assertThat(made.get()).as("connections made").isEqualTo(2);
        assertThat(pool.stats()).as("stats").isEqualTo(new PoolStats(3, 2, 2, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("The bound is on places, lent or being made: with size connections out, the next acquirer must wait — and give up when its timeout runs out.")
    void withEveryConnectionLentTheNextAcquirerWaitsItsTimeoutAndGetsPoolExhausted(Implementation<ConnectionPool.Opener> impl) throws Exception {
        ConnectionPool pool = open(impl, 2, 2);
        pool.acquire(LONG);
        pool.acquire(LONG);

        assertThatThrownBy(() -> pool.acquire(SHORT)) // waits SHORT: the blocking call under test
                .isInstanceOf(PoolExhaustedException.class)
                .hasMessageStartingWith("pool '" + pool.name() + "' exhausted: no connection free within 20 ms (2 of 2 in use");
        assertThat(made.get()).as("connections made").isEqualTo(2);
        assertThat(pool.stats().pending()).as("acquirers still waiting after the timeout").isZero();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A released connection goes to the acquirer that waited longest, before any newcomer.")
    void waitersAreServedByTheConnectionsGivenBackInTheOrderTheyCame(Implementation<ConnectionPool.Opener> impl) throws Exception {
        ConnectionPool pool = open(impl, 1, 2);
        Lease held = pool.acquire(LONG);
        Staged<Lease> first = waiter(pool, "lab15-first-waiter", 1);
        Staged<Lease> second = waiter(pool, "lab15-second-waiter", 2);

        pool.release(held);
        Lease firstGot = first.join().value();
        assertThat(firstGot.connection()).as("what the first waiter got").isSameAs(held.connection());
        assertThat(second.outcomeSoFar()).as("the second waiter, while the first holds the connection").isNull();

        pool.release(firstGot);
        assertThat(second.join().value().connection()).as("what the second waiter got").isSameAs(held.connection());
        assertThat(made.get()).as("connections made").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Count the waiters before one more joins the line: past max-pending, refuse at once instead of waiting.")
    void pastMaxPendingTheNextAcquirerIsRefusedAtOnce(Implementation<ConnectionPool.Opener> impl) throws Exception {
        ConnectionPool pool = open(impl, 1, 1);
        Lease held = pool.acquire(LONG);
        Staged<Lease> waiting = waiter(pool, "lab15-waiter", 1);

        assertThatThrownBy(() -> pool.acquire(LONG)) // refused at once; a pool that made it wait would fail here only after LONG
                .isInstanceOf(PoolRejectedException.class)
                .hasMessage("pool '" + pool.name() + "' refused the acquire at once: all 1 connections in use and 1 acquirer(s) already waiting (max-pending 1)");
        assertThat(pool.stats().pending()).as("acquirers waiting after the refusal").isEqualTo(1);

        pool.release(held);
        assertThat(waiting.join().succeeded()).as("the waiter, once the connection came back").isTrue();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A lease comes back once: the second release would hand the same connection to two borrowers.")
    void aSecondReleaseOfTheSameLeaseIsRefused(Implementation<ConnectionPool.Opener> impl) throws Exception {
        ConnectionPool pool = open(impl, 2, 0);
        Lease lease = pool.acquire(LONG);
        lease.close();

        assertThatThrownBy(() -> pool.release(lease)).isInstanceOf(IllegalStateException.class)
                .hasMessage("pool '" + pool.name() + "' cannot take back connection-1: that lease was already released, or was not lent by this pool");
        assertThat(pool.stats().idle()).as("idle connections").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("An acquirer that gives up while it waits must leave the line and take nothing with it.")
    void anAcquirerInterruptedWhileItWaitsLeavesNothingBehind(Implementation<ConnectionPool.Opener> impl) throws Exception {
        ConnectionPool pool = open(impl, 1, 2);
        Lease held = pool.acquire(LONG);
        Staged<Lease> quitter = waiter(pool, "lab15-quitter", 1);

        quitter.thread().interrupt();
        Result<Lease> outcome = quitter.join();

        assertThat(outcome.succeeded()).as("the interrupted waiter got a lease").isFalse();
        assertThat(outcome.error()).as("what the interrupted waiter got").isInstanceOf(InterruptedException.class);
        assertThat(pool.stats().pending()).as("acquirers waiting after the interrupt").isZero();
        pool.release(held);
        assertThat(pool.acquire(LONG).connection()).as("the next acquirer's connection").isSameAs(held.connection());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("An acquirer holds a place while its connection is made: if it is interrupted then, the place (or the connection, once made) must come back.")
    void anAcquirerInterruptedWhileItsConnectionIsMadeGivesItsPlaceBack(Implementation<ConnectionPool.Opener> impl) throws Exception {
        CountDownLatch making = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        ConnectionPool pool = open(impl, 1, 2, () -> {
            if (calls.incrementAndGet() == 1) {
                making.countDown();
                if (!mayFinish.await(Watch.BOUND.toNanos(), TimeUnit.NANOSECONDS)) { // the slow creation: interrupted, or let finish
                    throw new IllegalStateException("the test never let the first creation finish");
                }
            }
            return new Connection(made.incrementAndGet());
        });
        Staged<Lease> quitter = Staged.start("lab15-quitter", () -> pool.acquire(LONG));
        Watch.await("the first connection is being made", making);

        quitter.thread().interrupt();
        Result<Lease> outcome = quitter.join();
        mayFinish.countDown(); // a creation that was not interrupted (it runs on another thread) may end now

        assertThat(outcome.succeeded()).as("the interrupted acquirer got a lease").isFalse();
        assertThat(outcome.error()).as("what the interrupted acquirer got").isInstanceOf(InterruptedException.class);
        Lease next = pool.acquire(LONG); // with the place lost, this would wait LONG and fail
        assertThat(pool.stats().inUse()).as("connections in use, the next acquirer's included").isEqualTo(1);
        assertThat(next.connection().isOpen()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Closing must fail whoever still waits — a closed pool serves nobody — and name every lease that never came back.")
    void closingFailsTheWaitersAndReportsTheLeasesNeverGivenBack(Implementation<ConnectionPool.Opener> impl) throws Exception {
        ConnectionPool pool = open(impl, 1, 2);
        pool.acquire(LONG); // never given back
        Staged<Lease> waiting = waiter(pool, "lab15-waiter", 1);

        CloseReport report = pool.close();

        assertThat(waiting.join().error()).as("what the waiter got").isInstanceOf(PoolClosedException.class)
                .hasMessage("pool '" + pool.name() + "' is closed");
        assertThat(report.neverReleased()).as("leases never given back").singleElement()
                .satisfies(leak -> assertThat(leak.borrower()).isEqualTo(Thread.currentThread().getName()));
        assertThatThrownBy(() -> pool.acquire(LONG)).as("an acquire after the close").isInstanceOf(PoolClosedException.class);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Keep, for each lease out, when it was lent and to whom; a lease given back is no longer a leak.")
    void leaksNamesEveryLeaseOutForAtLeastTheGivenTime(Implementation<ConnectionPool.Opener> impl) throws Exception {
        ConnectionPool pool = open(impl, 2, 0);
        Lease kept = pool.acquire(LONG);
        pool.acquire(LONG).close();

        assertThat(pool.leaks(Duration.ZERO)).as("leases out").singleElement().satisfies(leak -> {
            assertThat(leak.connection()).isEqualTo(kept.connection().toString());
            assertThat(leak.borrower()).isEqualTo(Thread.currentThread().getName());
        });
        assertThat(pool.leaks(Duration.ofDays(1))).as("leases out for a day").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check the size, the line and the timeout before anything is made: bad input must start nothing.")
    void badInputIsRefusedInOneLine(Implementation<ConnectionPool.Opener> impl) {
        assertThatThrownBy(() -> open(impl, 0, 1)).isInstanceOf(BadInputException.class).hasMessage("pool size must be >= 1 (got 0)");
        assertThatThrownBy(() -> open(impl, 1, -1)).isInstanceOf(BadInputException.class).hasMessage("max-pending must be >= 0 (got -1)");
        ConnectionPool pool = open(impl, 1, 0);
        assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(-5))).isInstanceOf(BadInputException.class).hasMessage("timeout must be > 0 (got -5 ms)");
        assertThatThrownBy(() -> pool.acquire(null)).hasMessage("timeout must not be null: an acquire without one can hang for ever");
        assertThat(made.get()).as("connections made").isZero();
    }
}
