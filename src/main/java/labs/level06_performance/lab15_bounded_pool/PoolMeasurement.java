package labs.level06_performance.lab15_bounded_pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import labs.support.SvgChart;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One pool under the live experiment's {@link PoolLoad}: each client's fate and timestamps, and what
 * they add up to — served, timed out, refused, gave up, still lent afterwards; the mean number of
 * connections in use (Little's L, measured) beside λ·h (Little's L, estimated); how long clients
 * waited. Clients of a blocking pool are virtual threads; clients of the reactive core are
 * subscriptions. Either way nothing is left running when it returns: the pool is closed, and its
 * close report is part of the row.
 */
final class PoolMeasurement {

    /** How one client ended. */
    enum Fate { SERVED, TIMED_OUT, REFUSED, GAVE_UP, LEAKED, FAILED }

    /** What {@code labs run lab15} prints for one pool and load. */
    record Row(String impl, int size, int clients, int[] fates, int stillLent, double meanInUse, double littlesL, double meanHoldMillis,
               double p50WaitMillis, double p99WaitMillis, double longestMillis, int maxWaiting, String firstError,
               List<Leak> leaks, CloseReport closed, List<SvgChart.Point> inUse, List<SvgChart.Point> waiting) {

        int count(Fate fate) {
            return fates[fate.ordinal()];
        }

        int turnedAway() {
            return count(Fate.TIMED_OUT) + count(Fate.REFUSED);
        }
    }

    private static final int SAMPLES = 60;

    /** Per-client timestamps, ns since the first arrival; -1 when it did not happen. */
    private static final class Clients {
        final AtomicLongArray arrived;
        final AtomicLongArray acquired;
        final AtomicLongArray done;
        /** When its connection went back; -1 if it never had one, or never gave it back. */
        final AtomicLongArray released;
        final AtomicReferenceArray<Fate> fates;
        final AtomicReference<String> firstError = new AtomicReference<>();
        final long origin = System.nanoTime();

        Clients(int count) {
            arrived = unset(count);
            acquired = unset(count);
            done = unset(count);
            released = unset(count);
            fates = new AtomicReferenceArray<>(count);
        }

        private static AtomicLongArray unset(int count) {
            AtomicLongArray array = new AtomicLongArray(count);
            for (int i = 0; i < count; i++) {
                array.set(i, -1);
            }
            return array;
        }

        long now() {
            return System.nanoTime() - origin;
        }

        /** Parks the producer until client {@code i} is due (open loop: never waits for the pool). */
        void awaitArrival(PoolLoad load, int i) {
            long wait;
            while ((wait = load.dueNanos(i) - now()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }

        void settle(int i, Fate fate, Throwable error) {
            fates.set(i, fate);
            done.set(i, now());
            if (error != null) {
                firstError.compareAndSet(null, error.getClass().getSimpleName() + ": " + error.getMessage());
            }
        }
    }

    private PoolMeasurement() {
    }

    private static String name(int client) {
        return "lab15-client-" + client;
    }

    /** Clients on virtual threads through the blocking edge; a client that gives up is interrupted. */
    static Row blocking(String impl, ConnectionPool pool, PoolLoad load) throws InterruptedException {
        Clients clients = new Clients(load.clients());
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lab15-client-", 0).factory())) {
            for (int i = 0; i < load.clients(); i++) {
                clients.awaitArrival(load, i);
                int client = i;
                Future<?> running = threads.submit(() -> blockingClient(pool, load, clients, client));
                if (load.givesUp(client)) {
                    threads.submit(() -> {
                        Thread.sleep(load.patience()); // the client's patience, then it gives up: an interrupt
                        running.cancel(true);
                        return null;
                    });
                }
            }
        } // close(): every client (and every impatient client's timer) has ended
        return row(impl, pool, load, clients);
    }

    private static void blockingClient(ConnectionPool pool, PoolLoad load, Clients clients, int i) {
        clients.arrived.set(i, clients.now());
        Lease lease;
        try {
            lease = pool.acquire(load.timeout());
        } catch (PoolExhaustedException e) {
            clients.settle(i, Fate.TIMED_OUT, e);
            return;
        } catch (PoolRejectedException e) {
            clients.settle(i, Fate.REFUSED, e);
            return;
        } catch (InterruptedException e) {
            clients.settle(i, Fate.GAVE_UP, null);
            return;
        } catch (RuntimeException e) {
            clients.settle(i, Fate.FAILED, e);
            return;
        }
        clients.acquired.set(i, clients.now());
        if (load.leaks(i)) {
            clients.settle(i, Fate.LEAKED, null); // uses nothing, gives nothing back: the leak under test
            return;
        }
        Fate fate = Fate.SERVED;
        try (lease) { // try-with-resources: the connection goes back however the use ends
            lease.connection().query("report");
            Thread.sleep(load.hold()); // the client's work while it holds the connection
        } catch (InterruptedException e) {
            fate = Fate.GAVE_UP;
        }
        clients.released.set(i, clients.now());
        clients.settle(i, fate, null);
    }

    /**
     * Clients as subscriptions to the reactive core: {@link ReactorPool#withConnection} when
     * {@code releaseOnCancel}, else the broken {@link FlatMapThenRelease}; a client that gives up
     * cancels its request ({@code timeout(patience)}).
     */
    static Row reactive(String impl, ReactorPool pool, PoolLoad load, boolean releaseOnCancel) throws InterruptedException {
        Clients clients = new Clients(load.clients());
        CountDownLatch ended = new CountDownLatch(load.clients());
        List<Disposable> subscriptions = new ArrayList<>();
        for (int i = 0; i < load.clients(); i++) {
            clients.awaitArrival(load, i);
            int client = i;
            clients.arrived.set(client, clients.now());
            java.util.function.Function<Connection, Mono<String>> use = connection -> {
                clients.acquired.set(client, clients.now());
                connection.query("report");
                return Mono.delay(load.hold()).thenReturn(name(client));
            };
            Mono<String> request = releaseOnCancel
                    ? pool.withConnection(name(client), load.timeout(), use)
                    : FlatMapThenRelease.withConnection(pool, name(client), load.timeout(), use);
            if (load.givesUp(client)) {
                request = request.timeout(load.patience());
            }
            subscriptions.add(request.subscribe(
                    value -> {
                        clients.released.set(client, clients.now()); // both variants give it back after a value
                        clients.settle(client, Fate.SERVED, null);
                    },
                    error -> {
                        if (releaseOnCancel && clients.acquired.get(client) >= 0) {
                            clients.released.set(client, clients.now()); // usingWhen: back on error and on cancel
                        }
                        clients.settle(client, switch (error) {
                            case PoolExhaustedException e -> Fate.TIMED_OUT;
                            case PoolRejectedException e -> Fate.REFUSED;
                            case TimeoutException e -> Fate.GAVE_UP;
                            default -> Fate.FAILED;
                        }, error instanceof TimeoutException ? null : error);
                        ended.countDown();
                    },
                    ended::countDown));
        }
        // Every request ends: served, timed out, refused, or cancelled by its own timeout. Bounded all the same.
        if (!ended.await(load.timeout().plus(load.hold()).multipliedBy(load.clients()).plusSeconds(10).toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
            subscriptions.forEach(Disposable::dispose);
            throw new IllegalStateException(impl + ": clients still waiting long after every timeout should have run out");
        }
        return row(impl, pool, load, clients);
    }

    private static Row row(String impl, ConnectionPool pool, PoolLoad load, Clients clients) {
        int[] fates = new int[Fate.values().length];
        StepCount inUse = new StepCount();
        StepCount waiting = new StepCount();
        List<Double> waits = new ArrayList<>();
        double held = 0;
        int releases = 0;
        double longest = 0;
        long end = 0;
        for (int i = 0; i < load.clients(); i++) {
            Fate fate = clients.fates.get(i);
            fates[(fate == null ? Fate.FAILED : fate).ordinal()]++;
            long arrived = clients.arrived.get(i);
            long acquired = clients.acquired.get(i);
            long done = clients.done.get(i);
            waiting.span(arrived, acquired >= 0 ? acquired : done);
            if (acquired >= 0) {
                inUse.span(acquired, clients.released.get(i)); // -1: never given back
                waits.add((acquired - arrived) / 1e6);
                if (clients.released.get(i) >= 0) {
                    held += (clients.released.get(i) - acquired) / 1e6;
                    releases++;
                }
            }
            if (done >= 0) {
                longest = Math.max(longest, (done - arrived) / 1e6);
                end = Math.max(end, done);
            }
        }
        long window = load.dueNanos(load.clients() - 1) + load.hold().toNanos();
        double[] sorted = waits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        List<Leak> leaks = pool.leaks(load.hold().multipliedBy(5));
        int stillLent = pool.stats().inUse();
        CloseReport closed = pool.close();
        return new Row(impl, pool.size(), load.clients(), fates, stillLent, inUse.meanUntil(window), load.littlesL(),
                releases == 0 ? Double.NaN : held / releases, WorkersMeasurement.percentile(sorted, 50), WorkersMeasurement.percentile(sorted, 99), longest,
                waiting.max(), clients.firstError.get(), leaks, closed,
                inUse.samples(Math.max(end, window), SAMPLES), waiting.samples(Math.max(end, window), SAMPLES));
    }
}
