package labs.level06_performance.lab14_lock_contention;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The hand-off as Reactor does it: {@code publishOn(consumer, false, capacity)} puts the same
 * single-producer ring as {@link RingHandoff} between the producer's thread and the consumer's —
 * but nobody spins. The consumer's drain is a task on its thread, scheduled when an item arrives
 * and nothing is draining; it runs until the ring is empty, then gives the thread back. The
 * producer never finds the ring full: it emits only what was requested ({@code capacity}, then
 * 75 % of it each time the consumer has taken that many).
 *
 * <p>The reactive core is {@link #received}; {@link #transfer} is the blocking edge: a
 * {@code Flux.generate} of {@code 0 … items - 1} subscribed on a {@code newSingle} producer thread,
 * a {@code newSingle} consumer, both ended before it returns.
 *
 * <p><b>Scheduler:</b> the items are emitted wherever {@code items} is subscribed (the edge: its
 * producer thread); the check and the count run on {@code consumer}. Both non-blocking; nothing parks.
 *
 * <p><b>Backpressure:</b> {@code publishOn} requests {@code capacity} from the producer and then
 * 75 % of it at a time: at most {@code capacity} items are in the ring.
 */
public final class ReactorHandoff implements Handoff {

    private final int capacity;

    public ReactorHandoff(int capacity) {
        this.capacity = capacity;
    }

    /**
     * The reactive core: {@code items} handed over to {@code consumer} through a ring of
     * {@code capacity}, each checked to be the next in order (clause 1); the count of them.
     */
    public Mono<Long> received(Flux<Long> items, Scheduler consumer) {
        return items.publishOn(consumer, false, capacity)
                .reduce(0L, (received, item) -> {
                    Handoff.checkNext(item, received);
                    return received + 1;
                });
    }

    /** The blocking edge: a producer thread and a consumer thread of its own. */
    @Override
    public Transfer transfer(long items) {
        Handoff.checkItems(items);
        RunThreads threads = RunThreads.nonBlocking("publishOn");
        Scheduler producer = Schedulers.newSingle(threads.named("producer"));
        Scheduler consumer = Schedulers.newSingle(threads.named("consumer"));
        Flux<Long> numbers = Flux.<Long, long[]>generate(() -> new long[1], (next, sink) -> {
            if (next[0] == items) {
                sink.complete();
            } else {
                sink.next(next[0]++);
            }
            return next;
        }).subscribeOn(producer);
        BlockingEdge.Timed<Long> run = BlockingEdge.block(received(numbers, consumer), threads, () -> {
            producer.dispose();
            consumer.dispose();
        });
        return new Transfer(run.value(), run.elapsed());
    }
}
