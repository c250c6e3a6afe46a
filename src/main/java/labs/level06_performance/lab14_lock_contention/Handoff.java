package labs.level06_performance.lab14_lock_contention;

import java.util.function.Supplier;
import labs.support.Implementation;
import labs.support.Implementations;

/**
 * The hand-off contract: one producer thread gives items to one consumer thread through a bounded
 * buffer — the other half of contention, where two threads share a queue instead of a count. The
 * lab compares the JDK's lock-based queue with the lock-free single-producer ring that Reactor's
 * {@code publishOn} (and RxJava's {@code observeOn}) put between two threads.
 *
 * <ol>
 *   <li><b>In order, exactly once.</b> The producer hands over {@code 0, 1, …, items - 1}; the
 *       consumer checks each is the next one (a gap or a repeat ends the transfer with an
 *       {@code IllegalStateException} naming both) and {@link Transfer#received} is {@code items}.</li>
 *   <li><b>Bounded.</b> At most {@link #CAPACITY} items are between the two threads (plus the one
 *       each holds): a producer that gets ahead waits.</li>
 *   <li><b>Clean end.</b> When {@code transfer} returns or throws, no thread it started runs.</li>
 *   <li><b>Bad input:</b> {@code items} below 0 fails in one line before anything starts.</li>
 * </ol>
 */
public interface Handoff {

    /** The bound between producer and consumer, the same for every hand-off. */
    int CAPACITY = 1024;

    /** Every hand-off, by name; {@code labs run lab14 --inject handoff} runs each. */
    Implementations<Supplier<Handoff>> IMPLEMENTATIONS = Implementations.of("lab14",
            new Implementation<>("array-blocking-queue", "put/take on one lock with two conditions; a waiting side parks",
                    () -> new BlockingQueueHandoff(CAPACITY)),
            new Implementation<>("spsc-ring", "Reactor's Queues.get(n): a lock-free single-producer ring; a waiting side spins, then yields",
                    () -> new RingHandoff(CAPACITY)),
            new Implementation<>("reactor-publishOn", "Flux.generate on one thread, publishOn(consumer, n): the same ring, with demand instead of spinning",
                    () -> new ReactorHandoff(CAPACITY)),
            new Implementation<>("rxjava-observeOn", "Flowable.generate on one thread, observeOn(consumer, false, n): RxJava's ring",
                    () -> new RxJavaHandoff(CAPACITY)));

    /** Hands {@code items} items from a producer thread to a consumer thread and waits for the last. */
    Transfer transfer(long items);

    /** Clause 4. */
    static void checkItems(long items) {
        if (items < 0) {
            throw new IllegalArgumentException("items must be >= 0 (got " + items + ")");
        }
    }

    /** Clause 1: the consumer's check on each item, {@code expected} being how many came before it. */
    static void checkNext(long item, long expected) {
        if (item != expected) {
            throw new IllegalStateException("item " + item + " arrived where " + expected + " was expected");
        }
    }
}
