package labs.level06_performance.lab14_lock_contention;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The hand-off as RxJava does it: {@code observeOn(consumer, false, capacity)}, RxJava's own
 * single-producer ring ({@code SpscArrayQueue}) between the producer's thread and the consumer's,
 * drained by a task scheduled only when there is something to drain — as {@link ReactorHandoff}.
 *
 * <p>The reactive core is {@link #received}; {@link #transfer} is the blocking edge: a
 * {@code Flowable.generate} of {@code 0 … items - 1} subscribed on a one-thread executor, another
 * for the consumer, both ended before it returns.
 *
 * <p><b>Scheduler:</b> the items are emitted wherever {@code items} is subscribed (the edge: its
 * producer thread); the check and the count run on {@code consumer}.
 *
 * <p><b>Backpressure:</b> {@code observeOn} requests {@code capacity} and then 75 % of it at a
 * time: at most {@code capacity} items are in the ring.
 */
public final class RxJavaHandoff implements Handoff {

    private final int capacity;

    public RxJavaHandoff(int capacity) {
        this.capacity = capacity;
    }

    /** The reactive core: see {@link ReactorHandoff#received}; the same contract, in RxJava. */
    public Single<Long> received(Flowable<Long> items, Scheduler consumer) {
        return items.observeOn(consumer, false, capacity)
                .reduce(0L, (received, item) -> {
                    Handoff.checkNext(item, received);
                    return received + 1;
                });
    }

    /** The blocking edge: a producer thread and a consumer thread of its own. */
    @Override
    public Transfer transfer(long items) {
        Handoff.checkItems(items);
        RunThreads threads = RunThreads.platform("observeOn");
        ExecutorService producerPool = Executors.newSingleThreadExecutor(threads.named("producer"));
        ExecutorService consumerPool = Executors.newSingleThreadExecutor(threads.named("consumer"));
        Flowable<Long> numbers = Flowable.<Long, long[]>generate(() -> new long[1], (next, emitter) -> {
            if (next[0] == items) {
                emitter.onComplete();
            } else {
                emitter.onNext(next[0]++);
            }
            return next;
        }).subscribeOn(Schedulers.from(producerPool));
        BlockingEdge.Timed<Long> run = BlockingEdge.blockingGet(received(numbers, Schedulers.from(consumerPool)), threads, () -> {
            producerPool.shutdownNow();
            consumerPool.shutdownNow();
        });
        return new Transfer(run.value(), run.elapsed());
    }
}
