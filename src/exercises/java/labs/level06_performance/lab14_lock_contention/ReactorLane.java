package labs.level06_performance.lab14_lock_contention;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * YOUR lab14 Reactor lane (started by {@code labs practice lab14}; check it with
 * {@code labs check lab14}). The spec: {@code docs/labs/level06_performance/lab14_lock_contention/README.md}.
 *
 * <p>Write the reactive core, {@link #totals}. The blocking edge ({@link #count}) and the writers
 * are given: they only call your core. The contract it must meet:
 * <ol>
 *   <li>every writer is subscribed at once, and every increment any writer emits is folded exactly
 *       once into the running total, which is emitted after each increment (1, 2, 3 …);</li>
 *   <li>the total is written on {@code lane} only — the one thread of the lane — so no lock and no
 *       atomic is needed for it;</li>
 *   <li>the output completes when every writer has completed; the first writer to fail ends it at
 *       once with that error and cancels the others;</li>
 *   <li>backpressure end to end: a writer is never asked for more than two rings of
 *       {@code prefetch} ahead of what the lane has folded.</li>
 * </ol>
 *
 * <p><b>Scheduler:</b> {@code lane} for the fold; each writer runs where it is subscribed (the edge
 * gives each a thread of its own). <b>Backpressure:</b> a ring of {@code prefetch} per writer, one
 * more in front of the lane, and nothing unbounded anywhere.
 */
public final class ReactorLane implements ContendedCount {

    /** The size of each ring: a writer's in the merge, and the lane's own. */
    public static final int PREFETCH = 256;

    private final int prefetch;

    public ReactorLane() {
        this(PREFETCH);
    }

    /** @param prefetch the size of each ring, from 1 */
    public ReactorLane(int prefetch) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be >= 1 (got " + prefetch + ")");
        }
        this.prefetch = prefetch;
    }

    /**
     * The reactive core: every writer subscribed at once, its increments merged and folded on
     * {@code lane} into the running total after each one. Completes when every writer has; the
     * first writer to fail ends it with that error and cancels the others.
     */
    public Flux<Long> totals(Flux<? extends Publisher<Long>> writers, Scheduler lane) {
        throw new UnsupportedOperationException("TODO(lab14): merge every writer at once, each through a ring of prefetch, hand the increments to the lane through one more ring, and fold the running total there");
    }

    /** The blocking edge: {@code writers} writers of {@code each} increments, on threads of its own. (Given.) */
    @Override
    public Tally count(int writers, long each, BooleanSupplier stop) {
        ContendedCount.checkRun(writers, each, stop);
        RunThreads threads = RunThreads.nonBlocking("reactor-lane");
        Scheduler writerThreads = Schedulers.newParallel(writers, threads.named("writer"));
        Scheduler lane = Schedulers.newSingle(threads.named("lane"));
        AtomicLongArray added = new AtomicLongArray(writers);
        Flux<Flux<Long>> sources = Flux.range(0, writers).map(w -> writer(each, stop, added, w).subscribeOn(writerThreads));
        BlockingEdge.Timed<Long> run = BlockingEdge.block(totals(sources, lane).last(0L), threads, () -> {
            writerThreads.dispose();
            lane.dispose();
        });
        return new Tally(run.value(), WriterThreads.total(added), run.elapsed());
    }

    /**
     * One writer: {@code 1L} per request, up to {@code each}, asking {@code stop} before the first
     * and every {@link #STOP_EVERY} after; what it emitted goes into {@code added} when it ends.
     */
    static Flux<Long> writer(long each, BooleanSupplier stop, AtomicLongArray added, int index) {
        return Flux.<Long, long[]>generate(() -> new long[1], (emitted, sink) -> {
            long n = emitted[0];
            if (n == each || (n % STOP_EVERY == 0 && stop.getAsBoolean())) {
                sink.complete();
            } else {
                emitted[0] = n + 1;
                sink.next(1L);
            }
            return emitted;
        }, emitted -> added.set(index, emitted[0]));
    }
}
