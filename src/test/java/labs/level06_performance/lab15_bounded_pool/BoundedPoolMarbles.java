package labs.level06_performance.lab15_bounded_pool;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab15_bounded_pool.md} to the lab's reactive cores, on the run's
 * virtual-time scheduler.
 *
 * <p>The pool scenarios build a {@link ReactorPool} with {@code given: size, maxPending} whose
 * connections each take {@code given: make} to make and whose acquire timeouts run on the run's
 * scheduler. Each letter of the {@code clients} line is a client that asks for a connection with
 * {@code given: timeout} — through {@link ReactorPool#withConnection}, or through the broken
 * {@link FlatMapThenRelease} where the scenario says so — and holds it for its legend's time
 * ({@code a = 4ms}); a client whose legend says {@code gives up after 6ms} holds it for ever but
 * stops waiting for the answer after that long (a {@code timeout} around its whole request). The
 * {@code acquired} line is probed when a client gets its connection. The output is each client's
 * letter when it is done; its upper-case letter when it was refused, timed out waiting, or gave up.
 * reactor-pool has no RxJava counterpart: these scenarios run on Reactor only.
 *
 * <p>The workers scenario feeds the {@code jobs} line to {@link ReactorWorkers#settle} and
 * {@link RxJavaWorkers#settle} with {@code given: workers}; each job works its legend's time, the
 * {@code started} line is probed when it starts, and the output is each job's letter when it ends.
 */
@MarbleFile("lab15_bounded_pool.md")
public final class BoundedPoolMarbles implements MarbleBinding {

    private static final List<String> POOL_SCENARIOS = List.of(
            "two connections, a third client waits for the first one given back",
            "the acquire timeout: a waiter gives up when no connection comes free",
            "the pending-acquire limit refuses at once",
            "release on cancel: a client that gives up gives its connection back");

    @Override
    public void bind(Bindings bindings) {
        for (String scenario : POOL_SCENARIOS) {
            bindings.bindReactorOnly(scenario, run -> clients(run, (pool, client, use) ->
                    pool.withConnection(client, timeout(run), use)));
        }
        bindings.bindReactorOnly("flatMap-then-release leaks on cancel", run -> clients(run, (pool, client, use) ->
                FlatMapThenRelease.withConnection(pool, client, timeout(run), use)));
        bindings.bind("a burst is pulled two at a time: the producer is held back",
                BoundedPoolMarbles::jobs, BoundedPoolMarbles::jobs);
    }

    /** How a client asks the pool for a connection and uses it. */
    @FunctionalInterface
    private interface Ask {
        Mono<String> ask(ReactorPool pool, String client, Function<Connection, Mono<String>> use);
    }

    private static Duration timeout(ReactorCase run) {
        return MarbleCase.duration(run.given("timeout"));
    }

    private static Flux<String> clients(ReactorCase run, Ask ask) {
        return Flux.defer(() -> {
            AtomicInteger ids = new AtomicInteger();
            Mono<Connection> make = Mono.delay(MarbleCase.duration(run.given("make")), run.scheduler())
                    .map(tick -> new Connection(ids.incrementAndGet()));
            ReactorPool pool = ReactorPool.create(run.givenInt("size"), run.givenInt("maxPending"), make, run.scheduler());
            // Cancelling the output cancels the clients one by one: a connection the first gives back
            // is handed, in that same instant, to a waiting client about to be cancelled too (which
            // gives it straight back). That hand-over is part of the teardown, not an acquisition
            // anyone sees, so it is not drawn. (That nothing stays lent after such a teardown is
            // ReactorPoolInVirtualTimeTest.cancellingEveryClientAtOnceLeavesEveryConnectionIdle.)
            AtomicBoolean tearingDown = new AtomicBoolean();
            return run.flux("clients").flatMap(client -> {
                MarbleCase.TimedWork work = run.work(client);
                Function<Connection, Mono<String>> use = connection -> {
                    if (!tearingDown.get()) {
                        run.probe("acquired", client);
                    }
                    return work.succeeds() ? Mono.delay(work.time(), run.scheduler()).thenReturn(client) : Mono.never();
                };
                Mono<String> request = ask.ask(pool, client, use);
                if (work.endsWith("gives up")) {
                    request = request.timeout(work.time(), run.scheduler());
                }
                return request.onErrorResume(e -> e instanceof PoolExhaustedException || e instanceof PoolRejectedException
                        || e instanceof TimeoutException, e -> Mono.just(client.toUpperCase()));
            }).doOnCancel(() -> tearingDown.set(true)); // runs before the cancel reaches flatMap and its clients
        });
    }

    /** Reactor: the jobs, numbered as they are handed over; each works its legend's time. */
    private static Flux<String> jobs(ReactorCase run) {
        return Flux.defer(() -> {
            Map<Integer, String> letters = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            Flux<Job> jobs = run.flux("jobs").map(letter -> job(next.getAndIncrement(), letter, letters));
            return new ReactorWorkers(run.givenInt("workers"), 1, run.scheduler())
                    .settle(jobs, job -> Mono.defer(() -> {
                        run.probe("started", letters.get(job.id()));
                        return Mono.delay(run.work(letters.get(job.id())).time(), run.scheduler()).thenReturn((long) job.id());
                    }))
                    .map(settled -> letters.get(settled.jobId()));
        });
    }

    /** RxJava: the same, numbered with map, which keeps the source's demand. */
    private static Flowable<String> jobs(RxJavaCase run) {
        return Flowable.defer(() -> {
            Map<Integer, String> letters = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            Flowable<Job> jobs = run.flowable("jobs").map(letter -> job(next.getAndIncrement(), letter, letters));
            return new RxJavaWorkers(run.givenInt("workers"), 1, run.scheduler())
                    .settle(jobs, job -> Single.defer(() -> {
                        run.probe("started", letters.get(job.id()));
                        return Single.timer(run.work(letters.get(job.id())).time().toMillis(), TimeUnit.MILLISECONDS, run.scheduler())
                                .map(tick -> (long) job.id());
                    }))
                    .map(settled -> letters.get(settled.jobId()));
        });
    }

    private static Job job(int id, String letter, Map<Integer, String> letters) {
        letters.put(id, letter);
        return new Job(id, () -> (long) id);
    }
}
