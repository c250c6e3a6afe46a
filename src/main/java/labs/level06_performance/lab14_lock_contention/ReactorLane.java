package labs.level06_performance.lab14_lock_contention;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The single-writer lane in Reactor: nobody shares the count. Each writer is a {@code Flux} of
 * increments; the lane merges them and hands them over to one thread, and only that thread ever
 * writes the total. No lock, no CAS on the count — contention moves from the count to the hand-over.
 *
 * <p>The reactive core is {@link #totals}: {@code writers.flatMap(w -> w, all, prefetch)} (each
 * writer's increments land in a ring of its own, drained by whichever thread holds the merge's
 * work-in-progress counter), then {@code publishOn(lane, prefetch)} (one more single-producer ring,
 * {@code Queues.get(prefetch)}, to the lane's thread), then {@code scan(Long::sum)}: the running
 * total, written on the lane thread only. {@link #count} is the blocking edge: writers on a
 * {@code newParallel} scheduler of one thread each, a {@code newSingle} lane, both its own and ended
 * before it returns.
 *
 * <p><b>Scheduler:</b> the core runs each writer where the writer itself subscribes (the edge:
 * {@code subscribeOn} a {@code newParallel(W)} of {@code lab14-reactor-lane-N-writer-…} threads) and
 * folds on {@code lane} (the edge: a {@code newSingle}). All of them are non-blocking threads, and
 * nothing here parks: BlockHound watches every one in the tests.
 *
 * <p><b>Backpressure:</b> end to end. The lane thread asks its ring for {@code prefetch} and then
 * 75 % of it at a time; the merge asks each writer for {@code prefetch} and tops up as its ring
 * drains. A writer is never more than two rings ahead of the fold; when it is, it stops emitting
 * and its thread goes idle until the lane asks for more. That is the lane's limit: one thread
 * folds everything, so adding writers adds waiting, not throughput.
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
        return writers.flatMap(writer -> writer, Integer.MAX_VALUE, prefetch)
                .publishOn(lane, false, prefetch)
                .scan(Long::sum);
    }

    /** The blocking edge: {@code writers} writers of {@code each} increments, on threads of its own. */
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
